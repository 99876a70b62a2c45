/**
 * Issue 4, part 4: fuzzing printf (`msg % args`) and the three Formatter
 * styles with fast-check.
 *
 * - Robustness: arbitrary format strings and arbitrary JS values never throw
 *   into the application; each record gives its text or one logging error.
 * - Differential: a sample of generated printf and `%`/`{`/`$` format strings
 *   runs through logxide and through CPython 3.11 (one python3 process per
 *   batch); results, or error class and message, must be identical.
 *
 * Deterministic by default (fixed seed); LOGXIDE_FUZZ_SEED and
 * LOGXIDE_FUZZ_RUNS change the seed and the sample size.
 */
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import * as logging from "../src/index.js";

const SEED = Number(process.env.LOGXIDE_FUZZ_SEED ?? 20240601);
const RUNS = Number(process.env.LOGXIDE_FUZZ_RUNS ?? 300);

// ---------------------------------------------------------------------------
// Generators

const asciiText = fc.string({ unit: fc.constantFrom(..."abc XYZ-_.:'\"\\é"), maxLength: 6 });
const intArg = fc.integer({ min: -1_000_000, max: 1_000_000 });
// Never integral: JS cannot tell 3.0 from 3, Python can.
const floatArg = fc
  .tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom(0.25, 0.5, 0.75, 0.125))
  .map(([i, f]) => i + (i < 0 ? -f : f));
const scalarArg = fc.oneof(intArg, floatArg, asciiText, fc.constant(null), fc.integer({ min: 32, max: 126 }));

const flags = fc.subarray(["-", "+", " ", "#", "0"]).map((a) => a.join(""));
const width = fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 20 }).map(String), fc.constant("*"));
const precision = fc.oneof(
  fc.constant(""),
  fc.integer({ min: 0, max: 12 }).map((n) => "." + n),
  fc.constant(".*"),
  fc.constant("."),
);
const conv = fc.constantFrom(..."diouxXeEfFgGcrsa%");
const spec = fc.tuple(flags, width, precision, fc.constantFrom("", "", "l", "h"), conv).map(([f, w, p, l, c]) => ({
  text: `%${f}${w}${p}${l}${c}`,
  stars: (w === "*" ? 1 : 0) + (p === ".*" ? 1 : 0),
  consumes: c === "%" ? 0 : 1,
}));

/** A positional printf case: format string and a tuple whose length is usually right. */
const printfCase = fc
  .tuple(
    fc.array(
      fc.oneof(
        asciiText.map((t) => ({ text: t.replace(/%/g, ""), stars: 0, consumes: 0 })),
        spec,
      ),
      { maxLength: 5 },
    ),
    fc.integer({ min: -1, max: 1 }),
    fc.array(scalarArg, { minLength: 12, maxLength: 12 }),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([parts, off, pool, bias]) => {
    const need = parts.reduce((n, p) => n + p.stars + p.consumes, 0);
    const n = Math.max(0, need + (bias < 7 ? 0 : off));
    // `*` needs an int: put small ints where stars are.
    const args: unknown[] = [];
    let k = 0;
    for (const p of parts) {
      for (let s = 0; s < p.stars; s++) args.push((k++ % 7) + 1);
      for (let c = 0; c < p.consumes; c++) args.push(pool[k++ % pool.length]);
    }
    while (args.length > n) args.pop();
    while (args.length < n) args.push(pool[k++ % pool.length]);
    return { fmt: parts.map((p) => p.text).join(""), args };
  });

// Record fields the style cases read (the same record on both sides).
const RECORD = { msg: "hello", args: [], name: "app.db", lineno: 42, num: 3.25, neg: -7, levelname: "WARNING" };
const FIELDS = ["msg", "name", "lineno", "num", "neg", "levelname", "message", "missing"];

const braceSpec = fc
  .tuple(
    fc.constantFrom("", "", "*", "0", " "),
    fc.constantFrom("", "<", ">", "^", "="),
    fc.constantFrom("", "+", "-", " "),
    fc.constantFrom("", "#"),
    fc.constantFrom("", "0"),
    fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 15 }).map(String)),
    fc.constantFrom("", ",", "_"),
    fc.oneof(
      fc.constant(""),
      fc.integer({ min: 0, max: 6 }).map((n) => "." + n),
    ),
    fc.constantFrom("", "", "s", "d", "f", "e", "g", "x", "%", "n", "c", "b", "o", "X", "E", "G", "F"),
  )
  .map(
    ([fill, align, sign, alt, zero, w, group, prec, type]) =>
      (align ? fill + align : "") + sign + alt + zero + w + group + prec + type,
  );
const braceField = fc
  .tuple(
    fc.constantFrom(...FIELDS),
    fc.constantFrom("", "", "!r", "!s", "!a"),
    fc.oneof(
      fc.constant(""),
      braceSpec.map((s) => ":" + s),
    ),
  )
  .map(([f, c, s]) => `{${f}${c}${s}}`);
const braceFmt = fc
  .array(
    fc.oneof(
      braceField,
      asciiText.map((t) => t.replace(/[{}]/g, "")),
      fc.constantFrom("{{", "}}", "{", "}"),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((a) => a.join(""));

const percentField = fc
  .tuple(
    fc.constantFrom(...FIELDS),
    flags,
    fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 15 }).map(String)),
    fc.oneof(
      fc.constant(""),
      fc.integer({ min: 0, max: 6 }).map((n) => "." + n),
    ),
    fc.constantFrom(..."sdrfeEgGxXoica"),
  )
  .map(([f, fl, w, p, c]) => `%(${f})${fl}${w}${p}${c}`);
// An unnamed conversion (`%s`, `%a` formed by "%" + text) renders the whole
// record, whose values (thread id, times) differ by nature: such formats are
// left out of the comparison.
const UNNAMED_CONVERSION = /%[-+ #0]*(\d+|\*)?(\.(\d+|\*)?)?[hlL]?[diouxXeEfFgGcrsa]/;
const percentFmt = fc
  .array(
    fc.oneof(
      percentField,
      asciiText.map((t) => t.replace(/%/g, "")),
      fc.constantFrom("%%", "%", "%(", "%(name)"),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((a) => a.join(""))
  .filter((f) => !UNNAMED_CONVERSION.test(f.replace(/%%/g, "").replace(/%\([^)]*\)/g, "")));

const dollarFmt = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FIELDS).map((f) => "$" + f),
      fc.constantFrom(...FIELDS).map((f) => "${" + f + "}"),
      fc.constantFrom("$$", "$", "${", "${name", "$1", "${}", " "),
      asciiText.map((t) => t.replace(/\$/g, "")),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((a) => a.join(""));

// ---------------------------------------------------------------------------
// The two sides

type Result = ["ok", string] | ["err", string, string];

function jsPrintf(fmt: string, args: unknown[]): Result {
  try {
    const rec = logging.makeLogRecord({ msg: fmt, args });
    return ["ok", rec.getMessage()];
  } catch (e) {
    return ["err", (e as Error).name, (e as Error).message];
  }
}

function jsStyle(fmt: string, style: "%" | "{" | "$"): Result {
  try {
    const f = new logging.Formatter(fmt, undefined, style, true);
    return ["ok", f.format(logging.makeLogRecord({ ...RECORD, args: [] }))];
  } catch (e) {
    return ["err", (e as Error).name, (e as Error).message];
  }
}

const PY = String.raw`
import sys, json, logging
cases = json.load(sys.stdin)
REC = json.loads(sys.argv[1])
out = []
for c in cases:
    try:
        if c["style"] == "printf":
            r = logging.makeLogRecord({"msg": c["fmt"], "args": tuple(c["args"])})
            out.append(["ok", r.getMessage()])
        else:
            f = logging.Formatter(c["fmt"], style=c["style"], validate=True)
            rec = dict(REC); rec["args"] = ()
            out.append(["ok", f.format(logging.makeLogRecord(rec))])
    except Exception as e:
        out.append(["err", type(e).__name__, str(e)])
print(json.dumps(out))
`;

function python(cases: Array<{ style: string; fmt: string; args?: unknown[] }>): Result[] {
  const r = spawnSync("python3", ["-c", PY, JSON.stringify(RECORD)], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result[];
}

/** Compares one batch; returns readable mismatches. */
function differential(
  cases: Array<{ style: string; fmt: string; args?: unknown[] }>,
  js: (c: { style: string; fmt: string; args?: unknown[] }) => Result,
): string[] {
  const py = python(cases);
  const bad: string[] = [];
  cases.forEach((c, i) => {
    const a = js(c);
    const b = py[i];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      bad.push(
        `${c.style} ${JSON.stringify(c.fmt)}${c.args ? " % " + JSON.stringify(c.args) : ""}\n    logxide: ${JSON.stringify(a)}\n    python:  ${JSON.stringify(b)}`,
      );
    }
  });
  return bad;
}

// ---------------------------------------------------------------------------

describe("differential fuzz against python3 (one process per batch)", () => {
  test(`printf: ${RUNS} generated format strings and argument tuples`, () => {
    const cases = fc.sample(printfCase, { numRuns: RUNS, seed: SEED }).map((c) => ({ style: "printf", ...c }));
    const bad = differential(cases, (c) => jsPrintf(c.fmt, c.args!));
    assert.deepEqual(bad.slice(0, 15), [], `${bad.length}/${cases.length} differ (seed ${SEED})`);
  });

  for (const [style, arb] of [
    ["%", percentFmt],
    ["{", braceFmt],
    ["$", dollarFmt],
  ] as const) {
    test(`Formatter style '${style}': ${RUNS} generated format strings`, () => {
      const cases = fc.sample(arb, { numRuns: RUNS, seed: SEED + style.charCodeAt(0) }).map((fmt) => ({ style, fmt }));
      const bad = differential(cases, (c) => jsStyle(c.fmt, c.style as "%" | "{" | "$"));
      assert.deepEqual(bad.slice(0, 15), [], `${bad.length}/${cases.length} differ (seed ${SEED})`);
    });
  }
});

describe("robustness: arbitrary strings and values never throw into the application", () => {
  class Collect extends logging.Handler {
    n = 0;
    override emit(record: logging.LogRecord): void {
      this.format(record);
      this.n++;
    }
  }
  let stderr = "";
  let orig: typeof process.stderr.write;
  beforeEach(async () => {
    await logging.flush();
    stderr = "";
    orig = process.stderr.write;
    (process.stderr as { write: unknown }).write = (c: unknown) => {
      stderr += String(c);
      return true;
    };
  });
  afterEach(async () => {
    await logging.flush();
    process.stderr.write = orig;
  });
  const errors = () => (stderr.match(/--- Logging error ---/g) ?? []).length;
  const weirdString = fc.string({
    unit: fc.oneof(fc.constantFrom(..."%(){}$sdrx.*-+#0 123\n"), fc.constantFrom("\ud800", "\udfff", "é", "\u{1F600}")),
    maxLength: 20,
  });
  // Any JS value, including objects with __proto__/constructor keys and null prototypes.
  const anyValue = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withDate: true,
    maxDepth: 2,
  });

  test("log.info(fmt, ...args) with arbitrary fmt and args", () => {
    const log = logging.getLogger("fuzz.printf");
    log.propagate = false;
    const h = new Collect();
    log.addHandler(h);
    try {
      fc.assert(
        fc.property(fc.oneof(weirdString, anyValue), fc.array(anyValue, { maxLength: 4 }), (fmt, args) => {
          const before = h.n + errors();
          log.warning(fmt as string, ...args);
          assert.equal(h.n + errors(), before + 1);
          assert.equal(({} as Record<string, unknown>).polluted, undefined);
        }),
        { numRuns: RUNS * 3, seed: SEED },
      );
    } finally {
      log.removeHandler(h);
    }
  });

  for (const style of ["%", "{", "$"] as const) {
    test(`Formatter(fmt, style '${style}') with arbitrary fmt: a clear error at construction, or text/one logging error per record`, () => {
      const log = logging.getLogger(`fuzz.style.${style.charCodeAt(0)}`);
      log.propagate = false;
      const PY_ERRORS = /^(ValueError|KeyError|TypeError|IndexError|AttributeError|OverflowError)$/;
      fc.assert(
        fc.property(weirdString, fc.array(anyValue, { maxLength: 2 }), (fmt, args) => {
          let f: logging.Formatter;
          try {
            f = new logging.Formatter(fmt, undefined, style);
          } catch (e) {
            assert.match((e as Error).name, PY_ERRORS);
            return;
          }
          const h = new Collect();
          h.setFormatter(f);
          log.addHandler(h);
          try {
            const before = errors();
            log.warning("m %s", ...args);
            assert.equal(h.n + errors() - before, 1);
          } finally {
            log.removeHandler(h);
          }
          // The error reported, if any, is Python's kind, not a JS engine error.
          assert.doesNotMatch(stderr, /Cannot read propert|is not a function|is not defined|Maximum call stack/);
        }),
        { numRuns: RUNS * 2, seed: SEED },
      );
    });
  }
});
