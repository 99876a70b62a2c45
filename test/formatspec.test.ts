/**
 * format(value, spec) checked against CPython: all cases go through one
 * `python3` process and through formatSpec; outputs (or
 * `ErrorClass: message`) must be identical.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { formatSpec } from "../src/py/formatspec.js";
import { outcome, runPython, type Outcome } from "./support/python.js";

// ---- CPython oracle -------------------------------------------------------

/** JSON for Python, tagging what JSON cannot say: non-finite and -0 floats, big ints. */
function enc(v: unknown): unknown {
  if (typeof v === "number") {
    if (v !== v || v === Infinity || v === -Infinity || Object.is(v, -0)) {
      return { $f: v !== v ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : "-0.0" };
    }
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return { $big: BigInt(v).toString() };
    return v;
  }
  if (typeof v === "bigint") return { $big: v.toString() };
  if (Array.isArray(v)) return v.map(enc);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
  return v;
}

const PY = String.raw`
import sys, json
def dec(v):
    if isinstance(v, dict):
        if '$f' in v: return float(v['$f'])
        if '$big' in v: return int(v['$big'])
        return {k: dec(x) for k, x in v.items()}
    if isinstance(v, list): return [dec(x) for x in v]
    return v
out = []
for value, spec in json.load(sys.stdin):
    try:
        out.append({'ok': format(dec(value), spec)})
    except Exception as e:
        out.append({'err': type(e).__name__ + ': ' + str(e)})
json.dump(out, sys.stdout)
`;

type Case = [value: unknown, spec: string];

function python(cases: Case[]): Outcome[] {
  return runPython<Outcome[]>(
    PY,
    cases.map(([v, s]) => [enc(v), s]),
  );
}

function ours(value: unknown, spec: string): Outcome {
  return outcome(() => formatSpec(value, spec));
}

function compareAll(cases: Case[]): void {
  const expected = python(cases);
  const failures: string[] = [];
  cases.forEach(([value, spec], i) => {
    const got = ours(value, spec);
    if (JSON.stringify(got) !== JSON.stringify(expected[i])) {
      failures.push(
        `format(${JSON.stringify(enc(value))}, ${JSON.stringify(spec)}): got ${JSON.stringify(got)}, python ${JSON.stringify(expected[i])}`,
      );
    }
  });
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} differ from CPython`);
}

// ---- the differential table -----------------------------------------------

const cases: Case[] = [
  // logging's usual fields
  [5.123, "03.0f"],
  [999.9, "03.0f"],
  ["INFO", "<8"],
  ["WARNING", "<8"],
  [7, "05d"],
  [1700000000.123456, ".3f"],
  ["root", ">10"],
  ["x", "^5"],
  [42, ""],
  ["abc", ""],
  // strings
  ["abc", "s"],
  ["abc", "5"],
  ["abc", ">5"],
  ["abc", "^6"],
  ["abc", "^7"],
  ["abc", "*^7"],
  ["abc", "05"],
  ["abc", "<05"],
  ["abc", "0>5"],
  ["abc", ".2"],
  ["abc", ".0"],
  ["abc", "10.2"],
  ["é", "^4"],
  ["😀", "^4"],
  ["😀ab", ".1"],
  ["ab", "😀^6"],
  ["abc", "=5"],
  ["abc", "+5"],
  ["abc", " "],
  ["abc", "-"],
  ["abc", "#"],
  ["abc", ","],
  ["abc", "_"],
  ["abc", "z"],
  ["abc", "."],
  ["abc", "d"],
  ["a", "q"],
  ["a", "ss"],
  ["a", ",q"],
  ["a", "+q"],
  ["a", "+#"],
  ["a", "#+"],
  ["a", " #"],
  ["a", "=#"],
  ["a", "#="],
  ["a", "#,"],
  ["a", ",="],
  ["a", "=,"],
  ["a", "z#"],
  ["a", "+z"],
  ["a", "é"],
  ["a", "😀"],
  ["a", "<<"],
  ["abc", ".99999999999999999999"],
  // integers
  [65, "c"],
  [255, "c"],
  [65, "5c"],
  [65, "05c"],
  [65, "=5c"],
  [65, "+c"],
  [65, "#c"],
  [65, ",c"],
  [65, "_c"],
  [65, ".2c"],
  [-1, "c"],
  [0x110000, "c"],
  [2n ** 63n, "c"],
  [2n ** 63n - 1n, "c"],
  [-(2n ** 63n) - 1n, "c"],
  [65, "+zc"],
  [65, "z#c"],
  [65, "+#c"],
  [65, " c"],
  [65, "-c"],
  [65, ".2d"],
  [65, ".2"],
  [65, ".2f"],
  [65, "n"],
  [1234567, "n"],
  [1234567, ",n"],
  [1234567, "_n"],
  [65, "s"],
  [65, "z"],
  [65, "zd"],
  [65, "z.2f"],
  [65, ".2q"],
  [65, "zq"],
  [1, "q"],
  [1, ",q"],
  [1, "_q"],
  [1, "dd"],
  [1, ",dd"],
  [1, ",_x"],
  [1, "_,d"],
  [1, ",,"],
  [1, ".x"],
  [1, "10."],
  [1, "5.5.5"],
  [1, "99999999999999999999"],
  [1, "\x01"],
  [1, "\x7f"],
  [1, "~"],
  [1, "x="],
  [1, "==5"],
  [1, "<<5"],
  [1, "{<5"],
  [1, "}<5"],
  [1, "é<5"],
  [1, "😀<5"],
  [-1, "😀=5"],
  [1, "\n<5"],
  [1, "0"],
  [1, "00"],
  [1, "0010"],
  [1, "0010,"],
  [1, "+0"],
  [1, "0>-5"],
  [1, "-05"],
  [1, "+05"],
  [1, " 05"],
  [1, "#0x"],
  [1, "0#x"],
  [1, "#8b"],
  [1, "١٠"],
  [1, ".١"],
  [1234, "010,"],
  [1234, "09,"],
  [1234, "08,"],
  [1234, "07,"],
  [-1234, "08,"],
  [1234, "_"],
  [1234, "0=9,"],
  [1234, "0>9,"],
  [-1234, "x=09,"],
  [-1234, "0^9,"],
  [-1234, "0=10,"],
  [-1234, "x=10,"],
  [-1234, "=10,"],
  [-1234, ">010,"],
  [-1234, "<010,"],
  [-1234, "^010,"],
  [1234, "+010_"],
  [1234, " 010_"],
  [12345, "+010_x"],
  [-12345, "#010_x"],
  [-12345, "#010x"],
  [123456789, "_x"],
  [123456789, "_b"],
  [123456789, ",x"],
  [123456789, ",b"],
  [123456789, "_o"],
  [123456789, "#_x"],
  [123456789, "#012_x"],
  [123456789, "#015_x"],
  [123456789, "_X"],
  [255, "#x"],
  [255, "#X"],
  [255, "#o"],
  [255, "#b"],
  [-255, "#b"],
  [0, "#b"],
  [0, "#o"],
  [12, "b"],
  [12, "X"],
  [12, "o"],
  [12, "e"],
  [12, "E"],
  [12, "g"],
  [12, "G"],
  [12, "%"],
  [12, ".1%"],
  [12, "+"],
  [-12, " "],
  [12, " "],
  [12, "-"],
  [-12, "-"],
  [-12, "010"],
  [12, "#o"],
  [12, "#010o"],
  [-12, "#o"],
  [5, "#_b"],
  [5, "#010b"],
  [5, "#<10b"],
  [5, "#^10o"],
  [5, "#0=10b"],
  [1, "#d"],
  [1, "#n"],
  [-5, "#x"],
  [1234, "_f"],
  [1234, ",.1f"],
  [12345678, ",e"],
  [12345, ",%"],
  [10n ** 30n, "e"],
  [10n ** 30n, ""],
  [10n ** 30n, "f"],
  [10n ** 400n, "f"],
  [10n ** 400n, "g"],
  [10n ** 30n, ","],
  [10n ** 30n, "_x"],
  [1e21, ""],
  [1e21, ","],
  [2 ** 60, "x"],
  [-0, ".1f"],
  // booleans are ints once there is a spec
  [true, "d"],
  [true, "5"],
  [true, "s"],
  [true, "f"],
  [false, ">5"],
  [true, "dd"],
  [true, "c"],
  [true, "x"],
  // floats: the no-type form
  [1.5, ""],
  [1e16, ""],
  [1e-5, ""],
  [123.25, ".3"],
  [12.5, ".3"],
  [100.5, ".3"],
  [1.5, ".0"],
  [0.0001, ".3"],
  [1e-5, ".3"],
  [123.456, ".2"],
  [1.5, "10"],
  [1.5, "<10"],
  [1.5, "010"],
  [-1.5, "010"],
  [1.5, "+"],
  [1.5, " "],
  [1e16 + 2, "#"],
  [1.5, "#"],
  [1.25, "#.3"],
  [100.5, "#.3"],
  [1e20 + 1e5, "#"],
  [1e-7, "#"],
  [123.5, "#.0"],
  [0.5, ".0"],
  [2.5, ".0"],
  [25.5, ".1"],
  [1234.5678, ".6"],
  [1234.5, ".4"],
  [1234.5, ".5"],
  [99999.5, ".5"],
  [99999.5, ".6"],
  [0.0001, ""],
  [0.00012, ".1"],
  [123456789012345678.5 + 1, ".17"],
  [0.1, ".17"],
  [0.1, ".16"],
  [0.1, ".30"],
  [1 / 3, ""],
  [2 / 3, ".5"],
  [1e300 * 1.5, ""],
  [1.7976931348623157e308, ""],
  [5e-324, ""],
  [1e-320, ""],
  [1234.5, "_"],
  [1234567.891, ","],
  [1.5, ","],
  [1e20 + 1e5, ","],
  [1e-7, ","],
  [-1e-7, "012,"],
  [1234.5, "015,"],
  [1.5, "0=10,"],
  // floats: typed
  [1.5, "d"],
  [1.5, "s"],
  [1.5, "x"],
  [1.5, "c"],
  [1.5, "b"],
  [1.5, "q"],
  [1.5, "ff"],
  [1.5, "é"],
  [1.5, ".f"],
  [1.5, ".99999999999999999999"],
  [1.5, ",,"],
  [1.5, ",q"],
  [1.5, "#z"],
  [1.5, "0z"],
  [1.5, "+z"],
  [1.5, "#.0f"],
  [1.5, "#g"],
  [1.5, "n"],
  [1.5, ".3n"],
  [15.5, "n"],
  [1e6 + 0.5, "n"],
  [1e-5, "n"],
  [1.5, "#n"],
  [1234567.5, "n"],
  [1234567.5, ",n"],
  [1.5, "%"],
  [0.125, "%"],
  [0.125, ".1%"],
  [0.5, ".0%"],
  [2.5, ".0%"],
  [0.005, ".0%"],
  [0.015, ".0%"],
  [0.001, ".0%"],
  [12345678.5, ",%"],
  [123456.5, "0=11,.1%"],
  [1.5, "_e"],
  [1.5, "_g"],
  [1234.5, "_g"],
  [1234.5, "015,e"],
  [1234.5, "015,g"],
  [0.5, ".0e"],
  [1.5, ".0e"],
  [2.5, ".0e"],
  [0.5, ".0g"],
  [2.5, ".1g"],
  [2.5, ".0f"],
  [0.125, ".2f"],
  [1e22, "f"],
  [1e22 + 2 ** 30, ",f"],
  [1e-5, "f"],
  [1e-5, "g"],
  [1e-5, "G"],
  [123456789.5, "g"],
  [123456789.5, ".12g"],
  [1.23456789e-7, ".3"],
  [1e-320, "e"],
  [1e-320, "g"],
  [5e-324, ".30e"],
  [1.7976931348623157e308, "e"],
  [1.7976931348623157e308, "g"],
  [1.7976931348623157e308, ",.0f"],
  [12.5, ">+10.1f"],
  [12.5, "^+10.1f"],
  [-12.5, "^10.1f"],
  [-12.5, "^11.1f"],
  [-1.5, "<010"],
  [-1.5, ">010"],
  [-1.5, "^010"],
  [-1.5, "=10"],
  [-1.5, "x=10"],
  [-1.5, "x<010"],
  [1.5, "0=10"],
  [1.5, "0<10"],
  [1.5, "+08.2f"],
  [-1.5, " 08.2f"],
  [-1.5, "+08.2f"],
  [1234567.891, ",.2f"],
  [1234567.891, "_.2f"],
  [1234567.891, "015,.2f"],
  [1234567.891, "016,.2f"],
  [0.1, ".60f"],
  [0.1, ".200e"],
  [0.1, ".300g"],
  [3.5, "E"],
  [1e100 + 1e85, "F"],
  // negative zero and z
  [-0, "z.1f"],
  [-0.04, "z.1f"],
  [-0.04, ".1f"],
  [-0, "ze"],
  [-0, "zg"],
  [-0, "z%"],
  [-1e-9, "z.2e"],
  [-1e-9, "z.2g"],
  [-1e-9, "z"],
  [-1e-300, "z.2f"],
  [-1e-300, "z.2%"],
  [-0.004, "z.2"],
  [-0.004, "z.2g"],
  [-0.004, "z.0e"],
  [-0.5, "z.0f"],
  [-0.5, "z.0"],
  [-0.5, ".0"],
  [1.5, "z.0f"],
  [-1.5, "z.0f"],
  [-0.4, "z.0f"],
  [-0.4, "z.0%"],
  [-0.004, "z.0%"],
  [-0, "+z.1f"],
  [-0, " z.1f"],
  [-0.0001, "z,.2f"],
  // non-finite
  [Infinity, ""],
  [Infinity, "010"],
  [NaN, "010"],
  [-Infinity, "=10"],
  [Infinity, "f"],
  [Infinity, "F"],
  [NaN, "E"],
  [Infinity, "%"],
  [Infinity, "010,"],
  [Infinity, "0=10,"],
  [-Infinity, "010,"],
  [NaN, "+"],
  [NaN, "+.2f"],
  [Infinity, "+.2e"],
  [Infinity, " g"],
  [Infinity, "#g"],
  [Infinity, "G"],
  [Infinity, "n"],
  [Infinity, ".2%"],
  [Infinity, "z"],
  [-Infinity, "z"],
  [Infinity, "^10"],
  [Infinity, "0^10"],
  [NaN, "z"],
  // other types
  [null, "s"],
  [null, "5"],
  [[], "5"],
  [{}, "x"],
  [[1, 2], "s"],
];

test("formatSpec matches CPython on the differential table", () => {
  assert.ok(cases.length >= 100, `only ${cases.length} cases`);
  compareAll(cases);
});

// ---- random specs through fast-check ---------------------------------------

test("formatSpec matches CPython on random specs and values (fast-check)", () => {
  const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | ""> => fc.oneof(fc.constant("" as const), a);
  const spec = fc
    .tuple(
      opt(
        fc
          .tuple(opt(fc.constantFrom("*", "0", "x", " ", "é")), fc.constantFrom("<", ">", "=", "^"))
          .map((t) => t.join("")),
      ),
      opt(fc.constantFrom("+", "-", " ")),
      opt(fc.constant("z")),
      opt(fc.constant("#")),
      opt(fc.constant("0")),
      opt(fc.integer({ min: 0, max: 25 }).map(String)),
      opt(fc.constantFrom(",", "_")),
      opt(fc.integer({ min: 0, max: 25 }).map((p) => "." + p)),
      opt(fc.constantFrom(..."bcdeEfFgGnosxX%")),
    )
    .map((parts) => parts.join(""));
  const value = fc.oneof(
    fc.double(),
    fc.double({ min: -1e7, max: 1e7 }),
    fc.integer().map((i) => i / 16),
    fc.integer(),
    fc.integer({ min: -2000, max: 2000 }),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
    fc.string({ maxLength: 6 }),
  );
  const samples: Case[] = fc.sample(fc.tuple(value, spec), { numRuns: 500, seed: 1937 }).map(([v, s]) => {
    // JS -0 is an int for int types but a float for float types; Python has no such value.
    if (Object.is(v, -0) && !"eEfFgG%".includes(s.slice(-1) || "-")) return [0, s];
    return [v, s];
  });
  compareAll(samples);
});

// ---- JS-specific values ------------------------------------------------------

test("JS values: booleans, objects, symbols", () => {
  assert.equal(formatSpec(true, ""), "true");
  assert.equal(formatSpec(false, ""), "false");
  assert.equal(formatSpec(true, "d"), "1");
  assert.equal(formatSpec(undefined, ""), "None");
  assert.equal(formatSpec({ a: 1 }, ""), "{ a: 1 }");
  assert.equal(formatSpec(new Date(0), "") !== "", true);
  assert.throws(() => formatSpec(undefined, "5"), {
    name: "TypeError",
    message: "unsupported format string passed to NoneType.__format__",
  });
  assert.throws(() => formatSpec(new Map(), "5"), {
    name: "TypeError",
    message: "unsupported format string passed to Map.__format__",
  });
  assert.throws(() => formatSpec(Symbol("x"), ">3"), {
    name: "TypeError",
    message: "unsupported format string passed to symbol.__format__",
  });
  assert.equal(formatSpec(123n, ">6,"), "   123");
  assert.equal(formatSpec(2 ** 70, ""), "1180591620717411303424");
});

test("formatSpec is fast on logging's specs", () => {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (let i = 0; i < 100_000; i++) {
    n += formatSpec("INFO", "<8").length + formatSpec((i % 1000) + 0.25, "03.0f").length + formatSpec(i, "05d").length;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(n > 0);
  assert.ok(ms < 2000, `300k formats took ${ms} ms`);
});
