import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

const FMT = "%(asctime)s %(levelname)s %(message)s";

/** A logger of its own whose records count their `getMessage` calls (one per formatting). */
function countingLogger(name: string): {
  log: logging.Logger;
  calls: () => number;
  lines: string[];
  sink: { write(s: string): void };
} {
  let calls = 0;
  const lines: string[] = [];
  const log = new logging.Logger(name);
  const makeRecord = log.makeRecord.bind(log);
  log.makeRecord = (...args: Parameters<logging.Logger["makeRecord"]>) => {
    const r = makeRecord(...args);
    const getMessage = r.getMessage.bind(r);
    r.getMessage = () => {
      calls++;
      return getMessage();
    };
    return r;
  };
  return { log, calls: () => calls, lines, sink: { write: (s: string) => void lines.push(s) } };
}

function plain(sink: { write(s: string): void }, fmt: logging.Formatter): logging.StreamHandler {
  const h = new logging.StreamHandler(sink);
  h.setFormatter(fmt);
  return h;
}

test("twin formatters on consecutive plain handlers of one walk format a record once", () => {
  const { log, calls, lines, sink } = countingLogger("share.twins");
  log.addHandler(plain(sink, new logging.Formatter(FMT)));
  log.addHandler(plain(sink, new logging.Formatter(FMT)));
  log.warning("m %d", 1);
  assert.equal(calls(), 1);
  assert.equal(lines.length, 2);
  assert.equal(lines[0], lines[1]);
  assert.match(lines[0]!, / WARNING m 1\n$/);
});

test("a twin whose converter, datefmt or msec format changed formats on its own", () => {
  const { log, calls, lines, sink } = countingLogger("share.changed");
  const gm = new logging.Formatter(FMT);
  gm.converter = () => ({ ...logging.gmtime(0) });
  const d = new logging.Formatter(FMT);
  d.datefmt = "%H";
  const noMs = new logging.Formatter(FMT);
  noMs.default_msec_format = null;
  for (const f of [new logging.Formatter(FMT), gm, d, noMs]) log.addHandler(plain(sink, f));
  log.warning("m");
  assert.equal(calls(), 4);
  assert.match(lines[1]!, /^1970-01-01 00:00:00,\d{3} WARNING m\n$/);
  assert.match(lines[2]!, /^\d\d WARNING m\n$/);
  assert.match(lines[3]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d WARNING m\n$/);
});

test("subclasses and formatters with defaults never share", () => {
  class Upper extends logging.Formatter {
    override format(r: logging.LogRecord): string {
      return super.format(r).toUpperCase();
    }
  }
  const { log, lines, sink } = countingLogger("share.sub");
  log.addHandler(plain(sink, new logging.Formatter("%(message)s")));
  log.addHandler(plain(sink, new Upper("%(message)s")));
  log.addHandler(plain(sink, new logging.Formatter("%(message)s %(x)s", null, "%", true, { defaults: { x: "d" } })));
  log.warning("m %d", 1);
  assert.deepEqual(lines, ["m 1\n", "M 1\n", "m 1 d\n"]);
});

test("a user handler or a handler filter between plain handlers ends the sharing", () => {
  class Tag extends logging.StreamHandler {
    override emit(record: logging.LogRecord): void {
      record.levelname = "TAGGED";
      super.emit(record);
    }
  }
  const { log, calls, lines, sink } = countingLogger("share.user");
  const fmt = new logging.Formatter("%(levelname)s %(message)s");
  log.addHandler(plain(sink, fmt));
  log.addHandler(plain(sink, fmt)); // shares with the first
  const tag = new Tag(sink);
  tag.setFormatter(fmt);
  log.addHandler(tag); // formats afresh
  log.addHandler(plain(sink, fmt)); // formats afresh after a user handler
  const filtered = plain(sink, fmt);
  filtered.addFilter(() => true);
  log.addHandler(filtered); // a handler with a filter formats afresh
  log.warning("m");
  assert.equal(calls(), 4);
  assert.deepEqual(lines, ["WARNING m\n", "WARNING m\n", "TAGGED m\n", "TAGGED m\n", "TAGGED m\n"]);
});

test("an emit replaced on a built-in handler instance ends the sharing", () => {
  const { log, calls, lines, sink } = countingLogger("share.instance");
  const fmt = new logging.Formatter("%(message)s");
  log.addHandler(plain(sink, fmt));
  const patched = plain(sink, fmt);
  const emit = patched.emit.bind(patched);
  patched.emit = (record) => {
    record.msg = "patched";
    emit(record);
  };
  log.addHandler(patched);
  log.warning("m");
  assert.equal(calls(), 2);
  assert.deepEqual(lines, ["m\n", "patched\n"]);
});

test("outside a walk a formatter formats every time", () => {
  const f = new logging.Formatter("%(levelname)s %(message)s");
  const r = logging.makeLogRecord({ msg: "m", levelname: "INFO" });
  assert.equal(f.format(r), "INFO m");
  r.levelname = "CHANGED";
  assert.equal(f.format(r), "CHANGED m");
  assert.equal(new logging.Formatter("%(levelname)s %(message)s").format(r), "CHANGED m");
});

test("handlers sharing a formatting each end the line with their own terminator", () => {
  const { log, calls, lines, sink } = countingLogger("share.terminator");
  const fmt = new logging.Formatter("%(levelname)s %(message)s");
  const a = plain(sink, fmt);
  const b = plain(sink, fmt);
  const c = plain(sink, fmt);
  b.terminator = "\r\n";
  log.addHandler(a);
  log.addHandler(b);
  log.addHandler(c);
  log.warning("m %d", 1);
  log.error("m %d", 2);
  assert.equal(calls(), 2);
  assert.deepEqual(lines, [
    "WARNING m 1\n",
    "WARNING m 1\r\n",
    "WARNING m 1\n",
    "ERROR m 2\n",
    "ERROR m 2\r\n",
    "ERROR m 2\n",
  ]);
});

test("a handler with another formatter after a sharing pair writes its own line", () => {
  const { log, lines, sink } = countingLogger("share.other");
  const fmt = new logging.Formatter("%(levelname)s %(message)s");
  log.addHandler(plain(sink, fmt));
  log.addHandler(plain(sink, fmt));
  log.addHandler(plain(sink, new logging.Formatter("[%(levelname)s] %(message)s")));
  log.addHandler(plain(sink, new logging.JSONFormatter({ fields: { msg: "message" }, extra: false })));
  log.warning("m %d", 1);
  assert.deepEqual(lines, ["WARNING m 1\n", "WARNING m 1\n", "[WARNING] m 1\n", '{"msg":"m 1"}\n']);
});
