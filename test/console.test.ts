import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { ConsoleFormatter, escapeControl, shouldColor } from "../src/format/console.js";
import { ConsoleHandler } from "../src/handlers/console.js";
import { withContext } from "../src/core/context.js";

function record(over: Record<string, unknown> = {}): logging.LogRecord {
  return logging.makeLogRecord({
    name: "app.db",
    levelno: 30,
    levelname: "WARNING",
    msg: "slow %s",
    args: ["query"],
    created: 1700000000.123,
    msecs: 123,
    ...over,
  });
}

test("colour decision: FORCE_COLOR, then NO_COLOR, then TTY and TERM", () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  assert.equal(shouldColor(tty, {}), true);
  assert.equal(shouldColor(pipe, {}), false);
  assert.equal(shouldColor(tty, { TERM: "dumb" }), false);
  assert.equal(shouldColor(tty, { NO_COLOR: "1" }), false);
  assert.equal(shouldColor(tty, { NO_COLOR: "" }), true);
  assert.equal(shouldColor(pipe, { FORCE_COLOR: "1" }), true);
  assert.equal(shouldColor(pipe, { FORCE_COLOR: "" }), true);
  assert.equal(shouldColor(tty, { FORCE_COLOR: "0" }), false);
  assert.equal(shouldColor(tty, { FORCE_COLOR: "false", NO_COLOR: "" }), false);
  assert.equal(shouldColor(pipe, { FORCE_COLOR: "3", NO_COLOR: "1" }), true);
  assert.equal(shouldColor(null, {}), false);
});

test("plain output: time, padded level, name, message, fields", () => {
  const f = new ConsoleFormatter({ colors: false, timestamp: false });
  assert.equal(f.format(record({ ms: 812, user: "ann" })), "WARNING  app.db slow query ms=812 user=ann");
  const t = new ConsoleFormatter({ colors: false });
  assert.match(t.format(record()), /^\d\d:\d\d:\d\d\.123 WARNING {2}app\.db slow query$/);
  const iso = new ConsoleFormatter({ colors: false, timestamp: "iso" });
  assert.equal(iso.format(record()), "2023-11-14T22:13:20.123Z WARNING  app.db slow query");
});

test("colours: each level has its colour and every escape is reset", () => {
  const f = new ConsoleFormatter({ colors: true, timestamp: false });
  const levels: Array<[number, string, string]> = [
    [10, "DEBUG", "\x1b[36m"],
    [20, "INFO", "\x1b[32m"],
    [30, "WARNING", "\x1b[33m"],
    [40, "ERROR", "\x1b[1;31m"],
    [50, "CRITICAL", "\x1b[1;37;41m"],
    [25, "NOTICE", "\x1b[32m"],
  ];
  for (const [levelno, levelname, color] of levels) {
    const out = f.format(record({ levelno, levelname }));
    assert.ok(out.startsWith(color + levelname.padEnd(8) + "\x1b[0m"), JSON.stringify(out));
  }
});

test("control characters in log text are escaped; a newline can't forge a record line", () => {
  const f = new ConsoleFormatter({ colors: false, timestamp: false });
  const hostile = "ok\x1b[2J\x1b[1;1Hgone\rover\nWARNING  app.db forged";
  const out = f.format(record({ msg: hostile, args: null, note: "a\x1b]0;title\x07b" }));
  assert.doesNotMatch(out, /\x1b|\r|\x07/);
  assert.match(out, /ok\\x1b\[2J\\x1b\[1;1Hgone\\rover/);
  const lines = out.split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /^ {2}│ WARNING {2}app\.db forged/);
  assert.match(out, /note=a\\x1b\]0;title\\x07b/);
  assert.equal(escapeControl("tab\tstays"), "tab\tstays");
  assert.equal(escapeControl("\u009b"), "\\x9b");
});

test("exceptions: newest first, causes after, frames indented", () => {
  const f = new ConsoleFormatter({ colors: false, timestamp: false });
  const root = new TypeError("socket closed");
  const err = new Error("query failed", { cause: root });
  const out = f.format(record({ exc_info: err, msg: "failed", args: null }));
  const lines = out.split("\n");
  assert.equal(lines[0], "WARNING  app.db failed");
  assert.equal(lines[1], "Error: query failed");
  assert.match(lines[2]!, /^ {4}at /);
  const causeAt = lines.indexOf("Caused by: TypeError: socket closed");
  assert.ok(causeAt > 2, out);
  const agg = f.format(record({ exc_info: new AggregateError([new RangeError("r1")], "many"), msg: "m", args: null }));
  assert.match(agg, /AggregateError: many[\s\S]*\n {2}RangeError: r1/);
});

test("ConsoleHandler follows its stream and writes formatted records; context fields show", () => {
  const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
  delete process.env.FORCE_COLOR;
  delete process.env.NO_COLOR;
  try {
    const lines: string[] = [];
    const pipe = new ConsoleHandler({ isTTY: false, write: (s: string) => void lines.push(s) }, { timestamp: false });
    assert.equal((pipe.formatter as ConsoleFormatter).colors, false);
    const tty = new ConsoleHandler({ isTTY: true, write: () => undefined });
    assert.equal((tty.formatter as ConsoleFormatter).colors, process.env.TERM !== "dumb");
    const log = logging.getLogger("console.handler");
    log.propagate = false;
    log.handlers = [pipe];
    withContext({ requestId: "r9" }, () => log.warning("hello %s", "you"));
    assert.deepEqual(lines, ["WARNING  console.handler hello you requestId=r9\n"]);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
});
