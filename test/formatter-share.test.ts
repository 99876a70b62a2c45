import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

const FMT = "%(asctime)s %(levelname)s %(message)s";

function record(): logging.LogRecord {
  return logging.makeLogRecord({
    name: "a",
    levelno: 20,
    levelname: "INFO",
    msg: "m %d",
    args: [1],
    created: 1700000000.25,
    msecs: 250,
  });
}

test("twin formatters (same class, format, datefmt) format a record once", () => {
  const a = new logging.Formatter(FMT);
  const b = new logging.Formatter(FMT);
  const r = record();
  let calls = 0;
  const getMessage = r.getMessage.bind(r);
  r.getMessage = () => {
    calls++;
    return getMessage();
  };
  assert.equal(a.format(r), b.format(r));
  assert.equal(calls, 1);
});

test("a twin whose converter, datefmt or msec format changed formats on its own", () => {
  const a = new logging.Formatter(FMT);
  const gm = new logging.Formatter(FMT);
  gm.converter = () => ({ ...logging.gmtime(0) });
  const r = record();
  const first = a.format(r);
  assert.notEqual(gm.format(r), first);
  const d = new logging.Formatter(FMT);
  d.datefmt = "%H";
  assert.match(d.format(record()), /^\d\d INFO m 1$/);
  const noMs = new logging.Formatter(FMT);
  noMs.default_msec_format = null;
  const r2 = record();
  a.format(r2);
  assert.doesNotMatch(noMs.format(r2), /,250/);
});

test("subclasses and formatters with defaults never share", () => {
  class Upper extends logging.Formatter {
    override format(r: logging.LogRecord): string {
      return super.format(r).toUpperCase();
    }
  }
  const r = record();
  const plain = new logging.Formatter("%(message)s").format(r);
  assert.equal(new Upper("%(message)s").format(r), plain.toUpperCase());
  const withDefaults = new logging.Formatter("%(message)s %(x)s", null, "%", true, { defaults: { x: "d" } });
  assert.equal(withDefaults.format(r), "m 1 d");
});
