import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

function rec(extra: Record<string, unknown> = {}): logging.LogRecord {
  return logging.makeLogRecord({ name: "api", levelno: 30, levelname: "WARNING", msg: "m %s", args: ["x"], created: 1700000000.005, ...extra });
}

test("default fields: ISO time, level, name, message, then extra", () => {
  const text = new logging.JSONFormatter().format(rec({ ms: 812 }));
  assert.equal(text, '{"time":"2023-11-14T22:13:20.005Z","level":"WARNING","name":"api","message":"m x","ms":812}');
  assert.deepEqual(JSON.parse(text).ms, 812);
});

test("chosen fields and renames, extra off", () => {
  const f = new logging.JSONFormatter({ fields: { t: "created", lvl: "levelno", msg: "message" }, extra: false });
  assert.equal(f.format(rec({ ms: 1 })), '{"t":1700000000.005,"lvl":30,"msg":"m x"}');
});

test("escaping: quotes, newlines, control characters and lone surrogates stay valid JSON", () => {
  const msg = 'a"b\\c\nd\u0001e\ud800f';
  const text = new logging.JSONFormatter().format(rec({ msg, args: [] }));
  assert.equal(JSON.parse(text).message, msg);
  assert.ok(!text.includes("\n"));
});

test("hostile extra values never throw: circular, BigInt, symbol, function", () => {
  const c: Record<string, unknown> = {};
  c.self = c;
  const text = new logging.JSONFormatter().format(rec({ c, big: 10n, s: Symbol("q"), fn() { return 1; } }));
  const parsed = JSON.parse(text);
  assert.equal(parsed.big, "10");
  assert.match(parsed.c, /Circular/);
  assert.equal(typeof parsed.s, "string");
});

test("exceptions become a string field", () => {
  const text = new logging.JSONFormatter().format(rec({ exc_info: new Error("bad") }));
  assert.match(JSON.parse(text).exc_info, /^Error: bad\n/);
});
