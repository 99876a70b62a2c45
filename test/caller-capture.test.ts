/**
 * Caller fields (pathname, lineno, funcName, …) are captured only for records
 * whose filters, handlers or formatters may read them, per logger, and a
 * configuration change takes effect on the next record. Stack captures are
 * counted through `Logger.prototype.findCaller` (what `_log` calls).
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, mock, test } from "node:test";
import { fileURLToPath } from "node:url";
import * as L from "../src/index.js";
import type { LogRecord } from "../src/core/record.js";

const THIS_FILE = fileURLToPath(import.meta.url);

/** The line this function is called from. */
function lineHere(): number {
  const stack = new Error().stack!.split("\n")[2]!;
  return Number(/:(\d+):\d+\)?$/.exec(stack)![1]);
}

/** A handler that keeps only messages and levels: reads no caller field. */
class MessageHandler extends L.Handler {
  messages: string[] = [];
  override emit(record: LogRecord): void {
    this.messages.push(record.getMessage());
  }
}

/** A handler that keeps the caller fields it reads. */
class LineHandler extends L.Handler {
  seen: Array<{ lineno: number; funcName: string | null; pathname: string }> = [];
  override emit(record: LogRecord): void {
    this.seen.push({ lineno: record.lineno, funcName: record.funcName, pathname: record.pathname });
  }
}

let n = 0;
/** A fresh logger that does not propagate, so tests do not see each other's handlers. */
function freshLogger(): L.Logger {
  const log = L.getLogger(`caller-capture.t${n++}`);
  log.propagate = false;
  log.setLevel(L.DEBUG);
  return log;
}

let findCaller: ReturnType<typeof mock.method>;
let makeRecord: ReturnType<typeof mock.method>;
beforeEach(() => {
  findCaller = mock.method(L.Logger.prototype, "findCaller");
  makeRecord = mock.method(L.Logger.prototype, "makeRecord");
});
afterEach(() => {
  mock.restoreAll();
});

/** How many stack captures loggers named `name` asked for. */
const capturesBy = (log: L.Logger) => findCaller.mock.calls.filter((c) => (c.this as L.Logger) === log).length;
/** The records `log` built, in order. */
const recordsOf = (log: L.Logger) =>
  makeRecord.mock.calls.filter((c) => (c.this as L.Logger) === log).map((c) => c.result as unknown as LogRecord);

function assertUnknownCaller(r: LogRecord): void {
  assert.equal(r.pathname, "(unknown file)");
  assert.equal(r.lineno, 0);
  assert.equal(r.funcName, "(unknown function)");
  assert.equal(r.filename, "(unknown file)");
  assert.equal(r.module, "(unknown file)"); // Python: splitext of the filename
}

test("a handler reading lineno on logger A gets the exact line; logger B does not capture", () => {
  const a = freshLogger();
  const b = freshLogger();
  const lines = new LineHandler();
  a.addHandler(lines);
  const messages = new MessageHandler();
  b.addHandler(messages);
  function callsite() {
    const line = lineHere() + 1;
    a.info("from A %d", 1);
    b.info("from B %d", 2);
    return line;
  }
  const line = callsite();
  assert.deepEqual(lines.seen, [{ lineno: line, funcName: "callsite", pathname: THIS_FILE }]);
  assert.deepEqual(messages.messages, ["from B 2"]);
  assert.equal(capturesBy(a), 1);
  assert.equal(capturesBy(b), 0);
  const [rb] = recordsOf(b);
  assertUnknownCaller(rb!);
});

test("a logger filter and a handler filter reading funcName get it", () => {
  const log = freshLogger();
  const seen: Array<string | null> = [];
  log.addFilter((r: LogRecord) => {
    seen.push(r.funcName);
    return true;
  });
  const h = new MessageHandler();
  h.addFilter({
    filter(r: LogRecord) {
      seen.push(r.funcName);
      return true;
    },
  });
  log.addHandler(h);
  function filteredCall() {
    log.warning("w");
  }
  filteredCall();
  assert.deepEqual(seen, ["filteredCall", "filteredCall"]);
  assert.deepEqual(h.messages, ["w"]);
});

test("filters, a Filter subclass and a custom handler that read no caller field do not capture", () => {
  const log = freshLogger();
  class Redact extends L.Filter {
    override filter(record: LogRecord): boolean {
      if (typeof record.msg === "string") record.msg = record.msg.replace("secret", "***");
      return true;
    }
  }
  log.addFilter(new Redact());
  log.addFilter((r: LogRecord) => r.levelno >= L.INFO);
  const h = new MessageHandler();
  h.addFilter((record: LogRecord) => {
    record.user = "u1";
    return true;
  });
  log.addHandler(h);
  for (let i = 0; i < 3; i++) log.info("secret %d", i);
  log.debug("dropped");
  assert.deepEqual(h.messages, ["*** 0", "*** 1", "*** 2"]);
  assert.equal(capturesBy(log), 0);
  for (const r of recordsOf(log)) assertUnknownCaller(r);
});

test("adding a handler that reads caller fields takes effect on the next record, removing it too", () => {
  const log = freshLogger();
  const messages = new MessageHandler();
  log.addHandler(messages);
  log.info("before");
  assert.equal(capturesBy(log), 0);
  const h = new L.StreamHandler({ write() {} } as unknown as NodeJS.WritableStream);
  const out: string[] = [];
  h.emit = function (record: LogRecord) {
    out.push(this.format(record));
  };
  h.setFormatter(new L.Formatter("%(funcName)s:%(lineno)d %(message)s"));
  log.addHandler(h);
  function later() {
    const line = lineHere() + 1;
    log.info("after");
    return line;
  }
  const line = later();
  assert.deepEqual(out, [`later:${line} after`]);
  assert.equal(capturesBy(log), 1);
  log.removeHandler(h);
  log.info("removed");
  assert.equal(capturesBy(log), 1);
  assert.deepEqual(messages.messages, ["before", "after", "removed"]);
});

test("setFormatter and formatter assignment take effect on the next record", () => {
  const log = freshLogger();
  const out: string[] = [];
  const h = new L.StreamHandler({
    write(s: string) {
      out.push(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  log.addHandler(h);
  log.info("one");
  assert.equal(capturesBy(log), 0);
  h.setFormatter(new L.Formatter("%(lineno)d"));
  const line1 = lineHere() + 1;
  log.info("two");
  h.formatter = new L.Formatter("%(message)s");
  log.info("three");
  h.formatter = new L.JSONFormatter({ fields: { line: "lineno" } });
  const line2 = lineHere() + 1;
  log.info("four");
  assert.equal(capturesBy(log), 2);
  assert.deepEqual(out, ["one\n", `${line1}\n`, "three\n", `{"line":${line2}}\n`]);
});

test("a reading handler at ERROR: only ERROR records capture", () => {
  const log = freshLogger();
  const lines = new LineHandler(L.ERROR);
  log.addHandler(lines);
  log.addHandler(new MessageHandler());
  log.info("info");
  log.warning("warning");
  assert.equal(capturesBy(log), 0);
  const line = lineHere() + 1;
  log.error("error");
  assert.equal(capturesBy(log), 1);
  assert.deepEqual(
    lines.seen.map((s) => s.lineno),
    [line],
  );
  lines.setLevel(L.DEBUG);
  log.info("now");
  assert.equal(capturesBy(log), 2);
});

test("propagation: a reading handler on the parent makes the child capture until propagate is off", () => {
  const parent = freshLogger();
  const child = L.getLogger(`${parent.name}.child`);
  const lines = new LineHandler();
  parent.addHandler(lines);
  child.addHandler(new MessageHandler());
  const line = lineHere() + 1;
  child.info("up");
  assert.deepEqual(
    lines.seen.map((s) => s.lineno),
    [line],
  );
  child.propagate = false;
  child.info("kept");
  assert.equal(capturesBy(child), 1);
  child.propagate = true;
  child.handlers = [];
  child.info("again");
  assert.equal(capturesBy(child), 2);
});

test("a handler that keeps whole records captures (the record escapes)", () => {
  const log = freshLogger();
  const kept: LogRecord[] = [];
  const h = new L.Handler();
  h.emit = (r: LogRecord) => {
    kept.push(r);
  };
  log.addHandler(h);
  const line = lineHere() + 1;
  log.info("kept");
  assert.equal(kept[0]!.lineno, line);
});

test("a record factory that forwards its arguments does not capture; one reading them does", () => {
  const log = freshLogger();
  const h = new MessageHandler();
  log.addHandler(h);
  const old = L.getLogRecordFactory();
  try {
    L.setLogRecordFactory((...args) => {
      const r = old(...args);
      r.custom = 1;
      return r;
    });
    log.info("forwarded");
    assert.equal(capturesBy(log), 0);
    assert.equal(recordsOf(log)[0]!.custom, 1);
    let seenLine = -1;
    L.setLogRecordFactory((...args) => {
      seenLine = args[3];
      return old(...args);
    });
    const line = lineHere() + 1;
    log.info("read");
    assert.equal(capturesBy(log), 1);
    assert.equal(seenLine, line);
  } finally {
    L.setLogRecordFactory(null);
  }
  log.info("default");
  assert.equal(capturesBy(log), 1);
});

test("captureCallerInfo(true) captures everywhere, false nowhere, auto back to the rule", () => {
  const log = freshLogger();
  log.addHandler(new MessageHandler());
  try {
    L.captureCallerInfo(true);
    const line = lineHere() + 1;
    log.info("on");
    assert.equal(recordsOf(log)[0]!.lineno, line);
    L.captureCallerInfo(false);
    const lines = new LineHandler();
    log.addHandler(lines);
    log.info("off");
    assert.deepEqual(lines.seen, [{ lineno: 0, funcName: "(unknown function)", pathname: "(unknown file)" }]);
  } finally {
    L.captureCallerInfo("auto");
  }
  log.info("auto");
  assert.equal(capturesBy(log), 2);
});

test("stack_info always captures, and stacklevel stays Python's", () => {
  const log = freshLogger();
  const out: string[] = [];
  const h = new L.StreamHandler({
    write(s: string) {
      out.push(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  log.addHandler(h);
  log.info("s", { stack_info: true });
  assert.equal(capturesBy(log), 1);
  assert.match(out[0]!, /^s\nStack \(most recent call last\):\n/);
  h.setFormatter(new L.Formatter("%(funcName)s %(lineno)d"));
  function wrapper(msg: string) {
    log.info(msg, { stacklevel: 2 });
  }
  function user() {
    const line = lineHere() + 1;
    wrapper("x");
    return line;
  }
  const line = user();
  assert.equal(out[1], `user ${line}\n`);
});

test("a MemoryHandler reads what its target reads; setTarget takes effect", () => {
  const log = freshLogger();
  const messages = new MessageHandler();
  const mem = new L.handlers.MemoryHandler(1, L.ERROR, messages);
  log.addHandler(mem);
  log.info("to messages");
  assert.equal(capturesBy(log), 0);
  const lines = new LineHandler();
  mem.setTarget(lines);
  const line = lineHere() + 1;
  log.info("to lines");
  assert.deepEqual(
    lines.seen.map((s) => s.lineno),
    [line],
  );
  assert.deepEqual(messages.messages, ["to messages"]);
});

test("a user Formatter subclass is judged by its methods", () => {
  const log = freshLogger();
  const out: string[] = [];
  const h = new L.StreamHandler({
    write(s: string) {
      out.push(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  class Upper extends L.Formatter {
    override format(record: LogRecord): string {
      return super.format(record).toUpperCase();
    }
  }
  class WithLine extends L.Formatter {
    override format(record: LogRecord): string {
      return `${super.format(record)} @${record.lineno}`;
    }
  }
  h.setFormatter(new Upper("%(message)s"));
  log.addHandler(h);
  log.info("quiet");
  assert.equal(capturesBy(log), 0);
  h.setFormatter(new WithLine("%(message)s"));
  const line = lineHere() + 1;
  log.info("loud");
  assert.deepEqual(out, ["QUIET\n", `loud @${line}\n`]);
});
