/**
 * The `args=`/`kwargs=` evaluator (src/config/literal.ts):
 *
 * - Differential fuzzing against CPython: generated Python literals (every
 *   string form, escapes, numbers in every base, nested containers,
 *   whitespace and comments between tokens) go through `ast.literal_eval`
 *   in one python3 process and through `evalLiteral`; `repr()` of both
 *   results must be identical. Generated numeric expressions are compared
 *   with Python's `eval` the same way (result or error class and text).
 * - Refusal: calls, attributes, lambdas, comprehensions, comparisons and
 *   the rest are refused before anything is evaluated.
 *
 * Deterministic by default (fixed seed); LOGXIDE_FUZZ_SEED and
 * LOGXIDE_FUZZ_RUNS change the seed and the sample size.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { evalLiteral, type PyValue, reprPy, toJS } from "../src/config/literal.js";
import { type Outcome, runPython } from "./support/python.js";

const SEED = Number(process.env.LOGXIDE_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.LOGXIDE_FUZZ_RUNS ?? 400);

// ---------------------------------------------------------------------------
// Generators: Python source text for a literal.

const charPool = [..."abcXYZ 019_-.:,()[]{}#'\"\\\n\t\r\x00\x07\x1b\x7f", "é", "€", "\u2028", "😀", "\u00a0"];
const text = fc.array(fc.constantFrom(...charPool), { maxLength: 8 });

/** One character of a non-raw literal, in any spelling Python accepts for it. */
function spell(ch: string, quote: string, triple: boolean, bytes: boolean, pick: number): string {
  const cp = ch.codePointAt(0)!;
  const forms: string[] = [];
  const simple: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x07": "\\a" };
  const plainOk =
    ch !== "\x00" &&
    ch !== "\\" &&
    ch !== quote &&
    !(ch === "\n" && !triple) &&
    ch !== "\r" &&
    !(bytes && (cp > 0x7f || cp < 0x20));
  if (plainOk) forms.push(ch);
  if (simple[ch]) forms.push(simple[ch]);
  if (ch === "'" || ch === '"') forms.push("\\" + ch);
  if (cp < 0x100) {
    forms.push("\\x" + cp.toString(16).padStart(2, "0"));
    forms.push("\\x" + cp.toString(16).toUpperCase().padStart(2, "0"));
    forms.push("\\" + cp.toString(8));
  }
  if (!bytes && cp < 0x10000) forms.push("\\u" + cp.toString(16).padStart(4, "0"));
  if (!bytes) forms.push("\\U" + cp.toString(16).padStart(8, "0"));
  return forms[pick % forms.length]!;
}

/** A string or bytes literal (with a random prefix and quotes) for `chars`. */
const strLiteral = fc
  .tuple(
    text,
    fc.constantFrom("'", '"', "'''", '"""'),
    fc.constantFrom("", "u", "U", "r", "R", "b", "B", "br", "Rb", "rB"),
    fc.array(fc.nat(7), { minLength: 8, maxLength: 8 }),
  )
  .map(([chars, q, prefix, picks]) => {
    const bytes = /b/i.test(prefix);
    const raw = /r/i.test(prefix);
    const triple = q.length === 3;
    let body = "";
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      if (bytes && cp > 0xff) ch = "?";
      const digitNext = /[0-7]/.test(chars[i + 1] ?? "");
      if (raw) {
        // A raw literal holds the characters as they are; leave out those it cannot hold.
        if (ch === "\x00" || ch === "\\" || ch === q[0] || ch === "\r" || (ch === "\n" && !triple)) return;
        if (bytes && (ch.codePointAt(0)! > 0x7f || ch.codePointAt(0)! < 0x20)) return;
        body += ch;
        return;
      }
      let s = spell(ch, q[0]!, triple, bytes, picks[i % picks.length]!);
      // A short octal escape followed by a digit would swallow it.
      if (/^\\[0-7]{1,2}$/.test(s) && digitNext) s = "\\x" + ch.codePointAt(0)!.toString(16).padStart(2, "0");
      body += s;
    });
    // A closing quote right after the body's last quote character would end the string early.
    if (triple && body.endsWith(q[0]!)) body += " ";
    return `${prefix}${q}${body}${q}`;
  });

/** An int literal in any base, with underscores. */
const intLiteral = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom("", "0x", "0X", "0o", "0O", "0b"), fc.boolean())
  .map(([n, prefix, under]) => {
    const base = { "": 10, "0x": 16, "0X": 16, "0o": 8, "0O": 8, "0b": 2 }[prefix]!;
    const digits = n.toString(base);
    const u = under && digits.length > 1 ? digits[0] + "_" + digits.slice(1) : digits;
    return prefix + u;
  });

/** A float literal: `1.5`, `.5`, `5.`, `1e-7`, `1_0.0_1E+3`. */
const floatLiteral = fc
  .tuple(
    fc.nat(99999),
    fc.nat(99999),
    fc.constantFrom("a", "b", "c", "d"),
    fc.integer({ min: -330, max: 330 }),
    fc.boolean(),
  )
  .map(([i, f, form, e, under]) => {
    const ip = under && i > 9 ? String(i)[0] + "_" + String(i).slice(1) : String(i);
    if (form === "a") return `${ip}.${f}`;
    if (form === "b") return `.${f}`;
    if (form === "c") return `${ip}.`;
    return `${ip}e${e}`;
  });

const ws = fc.constantFrom("", "", " ", "  ", "\t");
/** Whitespace allowed inside brackets: newlines and comments too. */
const innerWs = fc.constantFrom("", " ", "\n", "\n    ", "  # a comment\n", "\t");

const scalar = fc.oneof(
  { weight: 4, arbitrary: strLiteral },
  { weight: 1, arbitrary: fc.tuple(strLiteral, ws, strLiteral).map(([a, w, b]) => concat(a, w, b)) },
  { weight: 2, arbitrary: intLiteral },
  { weight: 2, arbitrary: floatLiteral },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom("-", "+", "- "), fc.oneof(intLiteral, floatLiteral)).map(([s, n]) => s + n),
  },
  { weight: 1, arbitrary: fc.constantFrom("True", "False", "None") },
);

/** Implicit concatenation, kept to literals of one kind (bytes with bytes). */
function concat(a: string, w: string, b: string): string {
  const isBytes = (s: string) => /^[rR]?[bB]|^[bB]/.test(s);
  if (isBytes(a) !== isBytes(b)) return a;
  return `${a}${w === "" ? " " : w}${b}`;
}

const { value: literal } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc
      .tuple(fc.array(tie("value"), { maxLength: 4 }), fc.boolean(), innerWs)
      .map(([items, trailing, w]) => `[${w}${items.join(`,${w}`)}${trailing && items.length ? "," : ""}]`),
    fc
      .tuple(fc.array(tie("value"), { maxLength: 4 }), fc.boolean(), innerWs)
      .map(([items, trailing, w]) =>
        items.length === 1
          ? `(${w}${items[0]},${w})`
          : `(${items.join(`, ${w}`)}${trailing && items.length ? "," : ""})`,
      ),
    fc
      .tuple(fc.array(fc.tuple(fc.oneof(strLiteral, intLiteral), tie("value")), { maxLength: 3 }), innerWs)
      .map(([entries, w]) => `{${w}${entries.map(([k, v]) => `${k}:${w}${v}`).join(`,${w}`)}}`),
  ),
}));

/** A top-level value as configuration files write it: `(a, b)`, or `a, b` without parentheses. */
const topLevel = fc.oneof(
  literal,
  fc.array(literal, { minLength: 1, maxLength: 3 }).map((items) => items.join(", ") + ","),
  fc.tuple(ws, literal, fc.constantFrom("", "  # trailing comment", "\n")).map(([a, b, c]) => a + b + c),
);

// ---------------------------------------------------------------------------
// The oracle

const LITERAL_EVAL = `
import ast, json, sys
out = []
for s in json.load(sys.stdin):
    try:
        out.append({"ok": repr(ast.literal_eval(s))})
    except Exception as e:
        out.append({"err": f"{type(e).__name__}: {e}"})
print(json.dumps(out))
`;

const EVAL_NUMERIC = `
import json, sys
out = []
for s in json.load(sys.stdin):
    try:
        out.append({"ok": repr(eval(s, {"__builtins__": {}}))})
    except Exception as e:
        out.append({"err": f"{type(e).__name__}: {e}"})
print(json.dumps(out))
`;

function ours(s: string): Outcome {
  try {
    return { ok: reprPy(evalLiteral(s)) };
  } catch (e) {
    return { err: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe("literal evaluator: differential against CPython", () => {
  test("generated literals give CPython's ast.literal_eval results", () => {
    const cases = fc.sample(topLevel, { numRuns: RUNS, seed: SEED });
    const expected = runPython<Outcome[]>(LITERAL_EVAL, cases);
    let compared = 0;
    cases.forEach((src, i) => {
      const want = expected[i]!;
      // Every generated case is a valid literal; a Python failure would mean a bad generator.
      assert.ok(want.ok !== undefined, `python rejected generated ${JSON.stringify(src)}: ${want.err}`);
      assert.deepEqual(ours(src), want, `source ${JSON.stringify(src)}`);
      compared++;
    });
    assert.equal(compared, cases.length);
  });

  test("generated arithmetic gives Python's results and errors", () => {
    const operand = fc.oneof(
      fc.integer({ min: -50, max: 50 }).map(String),
      fc.constantFrom("0", "0.0", "-0.0", "2.5", "1e300", "7", "True", "0x10"),
    );
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: "small" },
        operand,
        fc
          .tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/", "//", "%"), tie("expr"))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        // Integer bases only: a float base goes through JavaScript's pow, which may differ from C's
        // in the last digit.
        fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -2, max: 4 })).map(([a, n]) => `(${a})**${n}`),
        fc.tuple(fc.constantFrom("-", "+", "~"), tie("expr")).map(([op, a]) => `${op}${a}`),
      ),
    }));
    const cases = fc.sample(expr, { numRuns: RUNS, seed: SEED + 1 });
    const expected = runPython<Outcome[]>(EVAL_NUMERIC, cases);
    cases.forEach((src, i) => {
      const want = expected[i]!;
      const got = ours(src);
      // `~` on a float is a TypeError on both sides, with the same text.
      assert.deepEqual(got, want, `source ${JSON.stringify(src)}`);
    });
  });
});

describe("literal evaluator: values a handler receives", () => {
  test("tuples and lists become arrays, dicts objects, ints numbers, bytes Buffers", () => {
    const v = toJS(evalLiteral("('app.log', 'a', 10*1024*1024, 5, {'k': [1, None, True]}, b'\\x01')")) as unknown[];
    assert.deepEqual(v.slice(0, 5), ["app.log", "a", 10485760, 5, { k: [1, null, true] }]);
    assert.ok(Buffer.isBuffer(v[5]) && (v[5] as Buffer)[0] === 1);
  });

  test("a key named __proto__ is an own property, not the prototype", () => {
    const o = toJS(evalLiteral("{'__proto__': {'polluted': 1}}")) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.deepEqual(Object.keys(o), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test("names go to the resolver, which sees the dotted parts", () => {
    const seen: string[][] = [];
    const v = evalLiteral("(sys.stdout, handlers.SysLogHandler.LOG_USER)", (parts) => {
      seen.push(parts);
      return { t: "int", v: 7n } satisfies PyValue;
    });
    assert.deepEqual(seen, [
      ["sys", "stdout"],
      ["handlers", "SysLogHandler", "LOG_USER"],
    ]);
    assert.equal(reprPy(v), "(7, 7)");
  });

  test("without a resolver a name is Python's NameError", () => {
    assert.throws(() => evalLiteral("(sys.stdout,)"), { name: "NameError", message: "name 'sys' is not defined" });
  });
});

describe("literal evaluator: refuses code", () => {
  const refusedCases = [
    "__import__('os').system('echo hacked')",
    "open('/etc/passwd')",
    "(lambda: 1)",
    "[x for x in (1, 2)]",
    "{x: 1 for x in 'ab'}",
    "(1 if True else 2)",
    "1 < 2",
    "1 == 1",
    "not True",
    "True and False",
    "1 | 2",
    "1 << 2",
    "'a'[0]",
    "'a'.upper",
    "f'{1+1}'",
    "(x := 1)",
    "[*'ab']",
    "{**{}}",
    "{1, 2}",
    "1j",
    "'\\N{BULLET}'",
    "2 ** 100000",
  ];
  for (const src of refusedCases) {
    test(`refuses ${src}`, () => {
      let called = false;
      assert.throws(
        () =>
          evalLiteral(src, () => {
            called = true;
            return { t: "none" };
          }),
        (e: Error) => e.name === "ValueError" && /not allowed/.test(e.message),
      );
      assert.equal(called, false, "no name was resolved before the refusal");
    });
  }

  test("syntax errors are SyntaxError, with the column", () => {
    for (const src of ["(1,", "'abc", "1 2", "01", "1__0", ")", ""]) {
      assert.throws(() => evalLiteral(src), { name: "SyntaxError" }, src);
    }
  });

  test("a syntax error later in the text wins over an error an earlier part would raise", () => {
    assert.throws(() => evalLiteral("(1/0, )x"), { name: "SyntaxError" });
  });
});
