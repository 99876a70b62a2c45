/**
 * The source-text rule that decides whether user code may read a record's
 * caller fields (docs/performance.md, "Caller fields"): one case per form.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyseSource, functionMayReadCaller } from "../src/core/callerPolicy.js";

type R = any;
declare const keep: (r: unknown) => void;
declare const old: (...a: unknown[]) => R;
declare const util: { inspect(v: unknown): string };

const reads: Array<[string, Function | string]> = [
  ["names lineno", (r: R) => r.lineno > 0],
  ["names funcName in a template", (r: R) => `${r.funcName}`.length > 0],
  ["names pathname in a string", (r: R) => r.x === "pathname"],
  ["destructures lineno", ({ lineno }: R) => lineno > 0],
  ["computed access", (r: R) => r["line" + "no"] > 0],
  ["JSON.stringify(record)", (r: R) => JSON.stringify(r).length > 0],
  ["Object.keys(record)", (r: R) => Object.keys(r).length > 0],
  ["spread of the record", (r: R) => ({ ...r }).msg !== ""],
  [
    "for-in over the record",
    (r: R) => {
      for (const k in r) if (k === "") return false;
      return true;
    },
  ],
  ["util.inspect", (r: R) => util.inspect(r) !== ""],
  ["hands the record to an unknown function", (r: R) => keep(r)],
  [
    "keeps the record",
    (r: R) => {
      const list: R[] = [];
      list.push(r);
      return true;
    },
  ],
  [
    "a local bound to the record escapes",
    (r: R) => {
      const x = r;
      keep(x);
      return true;
    },
  ],
  [
    "a factory reading its arguments by index",
    (...args: R[]) => {
      const r = old(...args);
      r.line = args[3];
      return r;
    },
  ],
  ["named positional factory arguments passed on", (a: R, b: R, fn: R, lno: R) => old(a, b, fn, lno)],
  ["arguments", "function () { return arguments.length > 0; }"],
  ["a rest pattern in the parameters", ({ ...rest }: R) => rest.msg !== ""],
  ["a bound function", ((r: R) => r.msg !== "").bind(null)],
  [
    "this.something(record) in a plain function",
    function (this: R, r: R) {
      return this.helper(r);
    },
  ],
];

const readsNot: Array<[string, Function | string]> = [
  ["a level check", (r: R) => r.levelno >= 20],
  [
    "adds a field and returns true",
    (record: R) => {
      record.user = "u1";
      return true;
    },
  ],
  [
    "redacts the message",
    (r: R) => {
      if (typeof r.msg === "string") r.msg = r.msg.replace("secret", "***");
      return true;
    },
  ],
  [
    "returns the record",
    (r: R) => {
      r.tag = 1;
      return r;
    },
  ],
  ["optional property access", (r: R) => r?.msg !== undefined],
  ["a function expression", "function (r) { return r.name.startsWith('app'); }"],
  ["destructures other fields", ({ msg, levelname }: R) => msg !== "" && levelname !== "DEBUG"],
  [
    "a comment naming the record",
    (record: R) => {
      // drop the record when it is noise: keep(record)
      return record.msg !== "noise";
    },
  ],
  [
    "a factory forwarding ...args",
    (...args: R[]) => {
      const r = old(...args);
      r.extra1 = 1;
      return r;
    },
  ],
  ["a message-only read", (r: R) => r.getMessage().length < 100],
];

/** The verdict on a function, or on a function's text as `toString` gives it. */
const verdict = (fn: Function | string) =>
  typeof fn === "string" ? analyseSource(fn).reads || analyseSource(fn).calls.length > 0 : functionMayReadCaller(fn);

for (const [what, fn] of reads) {
  test(`reads: ${what}`, () => assert.equal(verdict(fn), true, String(fn)));
}
for (const [what, fn] of readsNot) {
  test(`does not read: ${what}`, () => assert.equal(verdict(fn), false, String(fn)));
}

test("methods: this.format(record) and super calls are followed, other calls are not", () => {
  assert.deepEqual(analyseSource("emit(record) { this.stream.write(this.format(record) + '\\n'); }"), {
    reads: false,
    calls: ["format"],
  });
  assert.deepEqual(analyseSource("handle(record) { record.x = 1; return super.handle(record); }"), {
    reads: false,
    calls: ["handle"],
  });
  assert.deepEqual(analyseSource("emit(record) { send(this.formatter.format(record)); }"), { reads: false, calls: [] });
  assert.equal(analyseSource("emit(record) { other.format(record); }").reads, true);
  // A property of `this` named like a caller field is the handler's, not the record's.
  assert.equal(analyseSource("emit(record) { appendFileSync(this.filename, this.format(record)); }").reads, false);
  assert.equal(analyseSource("emit(record) { appendFileSync(record.filename, 'x'); }").reads, true);
});
