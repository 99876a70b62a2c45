/**
 * str()/repr()/ascii() for JS values: the Python-comparable parts (strings,
 * numbers, float repr) are checked against one `python3` process; the
 * JS-only parts (objects, symbols, hostile values) by hand.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { cpLength, cpSlice, pyAscii, pyFloatRepr, pyRepr, pyStr, pyTypeName } from "../src/py/repr.js";

// ---- CPython oracle -------------------------------------------------------

type Op = "str" | "repr" | "ascii" | "floatrepr";
type Case = [op: Op, value: unknown];

const PY = String.raw`
import sys, json
out = []
for op, v in json.load(sys.stdin):
    if op == 'floatrepr': out.append(repr(float(v)))
    elif op == 'str': out.append(str(v))
    elif op == 'repr': out.append(repr(v))
    else: out.append(ascii(v))
json.dump(out, sys.stdout)
`;

/** Float values travel as text ("-0.0", "inf", "nan", or JS's round-trip digits). */
function floatText(x: number): string {
  if (x !== x) return "nan";
  if (x === Infinity || x === -Infinity) return x > 0 ? "inf" : "-inf";
  return Object.is(x, -0) ? "-0.0" : String(x);
}

function compareAll(cases: Case[]): void {
  const input = JSON.stringify(cases.map(([op, v]) => [op, op === "floatrepr" ? floatText(v as number) : v]));
  const r = spawnSync("python3", ["-c", PY], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const expected: string[] = JSON.parse(r.stdout);
  const fns = { str: pyStr, repr: pyRepr, ascii: pyAscii, floatrepr: (v: unknown) => pyFloatRepr(v as number) };
  const failures: string[] = [];
  cases.forEach(([op, v], i) => {
    const got = fns[op](v);
    if (got !== expected[i])
      failures.push(
        `${op}(${floatText(v as number)}): got ${JSON.stringify(got)}, python ${JSON.stringify(expected[i])}`,
      );
  });
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} differ from CPython`);
}

// ---- differential ------------------------------------------------------------

const STRINGS = [
  "",
  "abc",
  "it's",
  'say "hi"',
  `both ' and "`,
  "back\\slash",
  "tab\there",
  "line\nbreak",
  "cr\r",
  "\x00\x01\x1f",
  "\x7f",
  "\x80\x9f",
  "é",
  "ü ß",
  "€",
  "中文",
  "😀",
  "a😀b",
  "\ud800",
  "x\udfffy",
  "\t'\"\\",
];

test("strings: str, repr and ascii match CPython", () => {
  const cases: Case[] = [];
  for (const s of STRINGS) cases.push(["str", s], ["repr", s], ["ascii", s]);
  const alphabet = fc.constantFrom(..."ab'\"\\\n\t\x01 é€中😀".split(/(?:)/u));
  for (const s of fc.sample(
    fc.array(alphabet, { maxLength: 12 }).map((a) => a.join("")),
    { numRuns: 200, seed: 7 },
  )) {
    cases.push(["repr", s], ["ascii", s]);
  }
  compareAll(cases);
});

test("numbers: str and repr of ints and ordinary floats match CPython", () => {
  const cases: Case[] = [];
  for (const x of [0, 1, -1, 42, 2 ** 53 - 1, -(2 ** 31), 1.5, -2.25, 0.1, 1 / 3, 123.456, 1e-4, 0.5, 3.14159]) {
    cases.push(["str", x], ["repr", x]);
  }
  compareAll(cases);
});

test("pyFloatRepr matches Python's repr(float)", () => {
  const cases: Case[] = [];
  const fixed = [
    0,
    -0,
    1,
    -1,
    1.5,
    0.1,
    0.2 + 0.1,
    1e15,
    1e16,
    1e17,
    123456789012345680,
    1e-4,
    1e-5,
    1.5e-5,
    1e21,
    1e22,
    1e23,
    1.5e20,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    Infinity,
    -Infinity,
    NaN,
    9007199254740993,
    0.30000000000000004,
    100,
    1e100,
    1.2345e-7,
    9.999999999999999e15,
  ];
  for (const x of fixed) cases.push(["floatrepr", x]);
  for (const x of fc.sample(fc.double(), { numRuns: 1500, seed: 11 })) cases.push(["floatrepr", x]);
  for (const x of fc.sample(fc.double({ min: -1e20, max: 1e20 }), { numRuns: 500, seed: 12 }))
    cases.push(["floatrepr", x]);
  compareAll(cases);
});

// ---- JS-only behaviour -------------------------------------------------------

test("pyStr: JS values read well and never as [object Object]", () => {
  assert.equal(pyStr("x"), "x");
  assert.equal(pyStr(12), "12");
  assert.equal(pyStr(10n), "10");
  assert.equal(pyStr(null), "None");
  assert.equal(pyStr(undefined), "None");
  assert.equal(pyStr(true), "true");
  assert.equal(pyStr(Symbol("sym")), "Symbol(sym)");
  assert.equal(pyStr([1, "a", [2]]), "[ 1, 'a', [ 2 ] ]");
  assert.equal(pyStr({ a: 1, b: { c: [1, 2] } }), "{ a: 1, b: { c: [ 1, 2 ] } }");
  assert.equal(pyStr(new Map([["k", 1]])), "Map(1) { 'k' => 1 }");
  assert.equal(pyStr(Object.create(null)), "[Object: null prototype] {}");
  assert.equal(
    pyStr(function named() {}),
    "[Function: named]",
  );
  assert.equal(pyStr(new Error("boom")), "Error: boom");
  assert.equal(pyStr(new TypeError("bad")), "TypeError: bad");
  assert.equal(pyStr(/re/g), "/re/g");
  assert.equal(pyStr(new URL("https://example.com/x")), "https://example.com/x");
  class Money {
    constructor(private cents: number) {}
    toString(): string {
      return `$${(this.cents / 100).toFixed(2)}`;
    }
  }
  assert.equal(pyStr(new Money(1234)), "$12.34");
  class Plain {
    x = 1;
  }
  assert.equal(pyStr(new Plain()), "Plain { x: 1 }");
  const long = Array.from({ length: 200 }, (_, i) => `item${i}`);
  assert.ok(!pyStr(long).includes("\n"), "one line even for long arrays");
  assert.ok(!pyStr({ err: new Error("nested") }).includes("\n"), "one line even with a nested stack");
  const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
  assert.equal(pyStr(deep), "{ a: { b: { c: { d: { e: [Object] } } } } }");
});

test("pyStr: hostile values either format or throw an Error", () => {
  const circular: Record<string, unknown> = { name: "loop" };
  circular.self = circular;
  assert.equal(pyStr(circular), "<ref *1> { name: 'loop', self: [Circular *1] }");
  const throwing = {
    toString(): string {
      throw new RangeError("nope");
    },
  };
  // an object literal with its own toString uses it; a throw propagates as that Error
  assert.throws(() => pyStr(throwing), { name: "RangeError", message: "nope" });
  const throwsString = {
    toString(): string {
      throw "not an error";
    },
  };
  assert.throws(
    () => pyStr(throwsString),
    (e: unknown) => e instanceof Error,
  );
  const badResult = { toString: () => ({ x: 1 }) };
  assert.equal(pyStr(badResult), "{ x: 1 }");
  const err = new Error("x");
  Object.defineProperty(err, "message", {
    get() {
      throw new Error("getter");
    },
  });
  assert.equal(typeof pyStr(err), "string");
  const proxy = new Proxy(
    {},
    {
      get() {
        throw new Error("trap");
      },
    },
  );
  assert.throws(() => pyStr(proxy), Error);
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  try {
    assert.equal(typeof pyStr(revocable.proxy), "string");
  } catch (e) {
    assert.ok(e instanceof Error);
  }
});

test("pyRepr and pyAscii for JS values", () => {
  assert.equal(pyRepr("it's"), `"it's"`);
  assert.equal(pyRepr(1.5), "1.5");
  assert.equal(pyRepr(7n), "7");
  assert.equal(pyRepr(null), "None");
  assert.equal(pyRepr({ s: "é" }), "{ s: 'é' }");
  assert.equal(pyAscii({ s: "é" }), "{ s: '\\xe9' }");
  assert.equal(pyRepr(new TypeError("bad 'x'")), `TypeError("bad 'x'")`);
  assert.equal(pyRepr(new URL("https://a.b/")).startsWith("URL {"), true);
  assert.equal(pyAscii("😀€é"), "'\\U0001f600\\u20ac\\xe9'");
});

test("pyTypeName maps JS types to Python's names", () => {
  const table: Array<[unknown, string]> = [
    ["s", "str"],
    [1, "int"],
    [1.5, "float"],
    [NaN, "float"],
    [Infinity, "float"],
    [1n, "int"],
    [true, "bool"],
    [null, "NoneType"],
    [undefined, "NoneType"],
    [[], "list"],
    [{}, "dict"],
    [Object.create(null), "dict"],
    [() => 1, "function"],
    [new Map(), "Map"],
    [new Date(), "Date"],
    [new Error("x"), "Error"],
    [Symbol(), "symbol"],
  ];
  for (const [v, name] of table) assert.equal(pyTypeName(v), name, String(name));
});

test("code point helpers", () => {
  assert.equal(cpLength("a😀b"), 3);
  assert.equal(cpLength("\ud800x"), 2);
  assert.equal(cpSlice("😀😀x", 1), "😀");
  assert.equal(cpSlice("abc", 5), "abc");
  assert.equal(cpSlice("abc", 0), "");
});
