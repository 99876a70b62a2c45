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

test("a run of steady fields keeps Python's order of errors when one value changes", () => {
  // python3: Formatter("%(levelno)d|%(name)s|%(missing)s") on levelno "x" and no "missing"
  // raises the conversion's TypeError, not the later field's KeyError.
  const f = new logging.Formatter("%(levelno)d|%(name)s|%(missing)s");
  assert.equal(f.format(rec({ missing: "here" })), "20|a|here");
  assert.equal(f.format(rec({ missing: "here" })), "20|a|here");
  assert.throws(() => f.format(rec({ levelno: "x" })), {
    name: "TypeError",
    message: "%d format: a real number is required, not str",
  });
  const r = rec({ missing: "m" });
  delete (r as unknown as Record<string, unknown>).name;
  assert.throws(() => f.format(r), { name: "ValueError", message: "Formatting field not found in record: 'name'" });
  assert.equal(f.format(rec({ missing: "again" })), "20|a|again");
});

test("two loggers alternating through one formatter each get their own name and level", () => {
  const f = new logging.Formatter("%(name)s:%(levelname)s:%(message)s");
  for (let i = 0; i < 50; i++) {
    const a = i % 2 === 0;
    const line = f.format(rec({ name: a ? "a" : "b", levelname: i % 3 === 0 ? "ERROR" : "INFO" }));
    assert.equal(line, `${a ? "a" : "b"}:${i % 3 === 0 ? "ERROR" : "INFO"}:m1`);
  }
});

test("asctime follows the record's own second and millisecond, and the converter", () => {
  const f = new logging.Formatter("%(asctime)s %(message)s");
  f.converter = logging.gmtime;
  const at = (created: number, msecs: number) => f.format(logging.makeLogRecord({ msg: "m", created, msecs }));
  // 2024-01-02 03:04:05 UTC
  const t = 1704164645;
  assert.equal(at(t + 0.25, 250), "2024-01-02 03:04:05,250 m");
  assert.equal(at(t + 0.25, 250), "2024-01-02 03:04:05,250 m");
  assert.equal(at(t + 1.25, 250), "2024-01-02 03:04:06,250 m");
  assert.equal(at(t + 1.25, 251), "2024-01-02 03:04:06,251 m");
  f.default_msec_format = "%s.%03d";
  assert.equal(at(t + 1.25, 251), "2024-01-02 03:04:06.251 m");
  f.default_msec_format = null;
  assert.equal(at(t + 1.25, 251), "2024-01-02 03:04:06 m");
  delete (f as { default_msec_format?: string | null }).default_msec_format;
  f.converter = (s: number) => logging.gmtime(s + 3600);
  assert.equal(at(t + 1.25, 251), "2024-01-02 04:04:06,251 m");
});
