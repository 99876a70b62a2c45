/**
 * One `%`-style Formatter over a stream of records whose fields change: every
 * change of value, a failing conversion, a missing field and an object value
 * must give CPython's output, with nothing carried over from the record
 * before (a guard for any caching in the compiled renderer). Expected texts
 * were printed by python3 3.11 for the same records.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

const FMT = "%(levelname)-8s|%(name)s|%(levelno)03d: %(message)s";

function rec(fields: Record<string, unknown> = {}): logging.LogRecord {
  return logging.makeLogRecord({ name: "a", levelno: 20, levelname: "INFO", msg: "m%d", args: [1], ...fields });
}

test("the output follows every change of the fields' values", () => {
  const f = new logging.Formatter(FMT);
  assert.equal(f.format(rec()), "INFO    |a|020: m1");
  assert.equal(f.format(rec()), "INFO    |a|020: m1");
  assert.equal(f.format(rec({ name: "b" })), "INFO    |b|020: m1");
  assert.equal(f.format(rec({ name: "b", levelname: "WARNING", levelno: 30 })), "WARNING |b|030: m1");
  assert.equal(f.format(rec({ name: null })), "INFO    |None|020: m1");
  assert.equal(f.format(rec()), "INFO    |a|020: m1");
});

test("a conversion that fails raises every time and leaves nothing stale behind", () => {
  const f = new logging.Formatter(FMT);
  assert.equal(f.format(rec({ name: "b", levelname: "WARNING", levelno: 30 })), "WARNING |b|030: m1");
  for (let i = 0; i < 2; i++) {
    assert.throws(() => f.format(rec({ name: "b", levelname: "WARNING", levelno: "x" })), {
      name: "TypeError",
      message: "%d format: a real number is required, not str",
    });
  }
  assert.equal(f.format(rec({ name: "b", levelname: "WARNING", levelno: 30 })), "WARNING |b|030: m1");
});

test("a missing field still raises Python's error, and defaults still apply", () => {
  const f = new logging.Formatter(FMT);
  f.format(rec());
  const r = rec();
  delete (r as unknown as Record<string, unknown>).name;
  assert.throws(() => f.format(r), { name: "ValueError", message: "Formatting field not found in record: 'name'" });
  const g = new logging.Formatter("%(name)s %(custom)s", null, "%", true, { defaults: { custom: "D" } });
  assert.equal(g.format(rec()), "a D");
  assert.equal(g.format(rec({ custom: "own" })), "a own");
});

test("an object value is rendered afresh each time (it may have changed inside)", () => {
  const f = new logging.Formatter("[%(name)s] %(message)s");
  const name = {
    label: "one",
    toString() {
      return this.label;
    },
  };
  assert.equal(f.format(rec({ name })), "[one] m1");
  name.label = "two";
  assert.equal(f.format(rec({ name })), "[two] m1");
});

test("many records through one logger: every line right, levels interleaved", () => {
  const log = logging.getLogger("segments.loop");
  log.propagate = false;
  log.setLevel(logging.DEBUG);
  const out: string[] = [];
  const h = new logging.Handler();
  h.setFormatter(new logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s"));
  h.emit = (r) => {
    out.push(h.format(r));
  };
  log.addHandler(h);
  for (let i = 0; i < 300; i++) (i % 3 === 0 ? log.warning : log.info).call(log, "n=%d", i);
  log.removeHandler(h);
  for (let i = 0; i < 300; i++) {
    assert.match(
      out[i]!,
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - segments\\.loop - ${i % 3 === 0 ? "WARNING" : "INFO"} - n=${i}$`,
      ),
    );
  }
});
