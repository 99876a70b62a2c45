/**
 * The `{` and `$` styles against python3: `logging.Formatter(fmt, style=…)`
 * construction (validation) and `fmt.format(**values)` /
 * `Template(fmt).substitute(**values)` rendering, plus safety of accessors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { keyError } from "../src/py/errors.js";
import { compileBrace, validateBrace } from "../src/format/styles/brace.js";
import { compileDollar, validateDollar } from "../src/format/styles/dollar.js";

const ORACLE = String.raw`
import json, logging, sys
from string import Template
req = json.load(sys.stdin)
V = req['values']
def err(e): return '%s: %s' % (type(e).__name__, e)
def run(fmt, style):
    try:
        logging.Formatter(fmt, style=style)
        built = 'ok'
    except Exception as e:
        built = err(e)
    try:
        text = fmt.format(**V) if style == '{' else Template(fmt).substitute(**V)
    except Exception as e:
        text = '!' + err(e)
    return [built, text]
json.dump([run(f, s) for s, f in req['cases']], sys.stdout)
`;

/** Values both sides render alike (no None/bool/list/dict rendered whole). */
const VALUES: Record<string, unknown> = {
  s: "hello",
  n: 42,
  f: 3.14159,
  neg: -7,
  w: 12,
  p: 3,
  e: "",
  u: "é😀x",
  big: 12345678,
  l: ["a", "two", 7],
  d: { a: 1, b: { c: "deep", list: [10, 20] }, k: "v" },
  t: true,
  none: null,
  levelname: "INFO",
  message: "hi there",
  name: "app.db",
  asctime: "2024-01-01 00:00:00,000",
  msecs: 5.25,
  lineno: 42,
  _x: "u",
  S: "UP",
};

const lookupIn =
  (values: Record<string, unknown>) =>
  (name: string): unknown => {
    if (Object.hasOwn(values, name)) return values[name];
    throw keyError(name);
  };

const show = (e: unknown): string => `${(e as Error).name}: ${(e as Error).message}`;

function ours(style: "{" | "$", fmt: string): [string, string] {
  let built = "ok";
  try {
    // logging.Formatter replaces an empty fmt by the style's default.
    if (style === "{") validateBrace(fmt || "{message}");
    else validateDollar(fmt || "${message}");
  } catch (e) {
    built = show(e);
  }
  let text: string;
  try {
    text = (style === "{" ? compileBrace : compileDollar)(fmt)(lookupIn(VALUES));
  } catch (e) {
    text = "!" + show(e);
  }
  return [built, text];
}

function python(cases: ["{" | "$", string][]): [string, string][] {
  const r = spawnSync("python3", ["-c", ORACLE], {
    input: JSON.stringify({ values: VALUES, cases }),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const BRACE = [
  // Valid formats and specs.
  "{levelname}:{name}:{message}",
  "{asctime} {levelname:<8} {message}",
  "{levelname:>8}|",
  "{levelname:^9}|",
  "{levelname:*^9}|",
  "{msecs:03.0f}",
  "{msecs:.3f}",
  "{lineno:04d}",
  "{lineno:x} {lineno:#o} {lineno:b}",
  "{n:+d} {neg: d} {n:_} {big:,}",
  "{f:.2e} {f:g} {f:%}",
  "{s!r}",
  "{s!s}",
  "{s!a}",
  "{u!a}",
  "{u!r}",
  "{n!r}",
  "{f!r}",
  "{s!r:>10}",
  "{s!r:}",
  "{s:10.3}",
  "{u:>6}",
  "{u:.2}",
  "{s:{w}}",
  "{s:>{w}}",
  "{s:{w}.{p}}",
  "{f:{w}.{p}f}",
  "{s:{{}}}",
  "{s:{w:{n}}}",
  "{s:{}}",
  "{s:{0}}",
  "{s:{x}}",
  "{s:{w!r}}",
  "{d[a]}",
  "{d[b][c]}",
  "{d[b][list][1]}",
  "{d[k]:>4}",
  "{l[0]}",
  "{l[2]:03}",
  "{s[1]}",
  "{u[1]!a}",
  "{d[z]}",
  "{d[0]}",
  "{l[9]}",
  "{l[-1]}",
  "{l[x]}",
  "{s[x]}",
  "{s[9]}",
  "{n[0]}",
  "{n[x]}",
  "{none[0]}",
  "{none.x}",
  "{n.x}",
  "{f.x}",
  "{t.x}",
  "{l.length}",
  "{d[b].c}",
  "{d[a]x}",
  "{d[]}",
  "{d.}",
  "{s.}",
  "{s[99999999999999999999]}",
  "{99999999999999999999}",
  "{d[}]}",
  "{s[}]}",
  "x{{{s}}}y",
  "{{}}",
  "{{s}}",
  "{{",
  "}}",
  "{s}}",
  "a}b",
  "}",
  "{",
  "{s",
  "{s[",
  "{s:",
  "{s:{",
  "{s:{w}",
  "{s:}}",
  "{a{b}",
  "{}",
  "{0}",
  "{s}{}",
  "{s}{0}",
  "{٣}",
  "{:}",
  "{!r}",
  "{s}{:}",
  "{x}",
  "{x} {",
  "{s} {x!Z}",
  "{s!Z}",
  "{s!Z} {",
  "{s!é}",
  "{s! }",
  "{s!}",
  "{s!r",
  "{s!rx}",
  "{s!}}",
  "{a!}xyz",
  "{s\n}",
  "{s:>10\n}",
  "{s:ſ}",
  "{s:.2ff}",
  "{name-thing}",
  "{s:d}",
  "{n:s}",
  "{s:=10}",
  "{n:=+8}",
  "{n:,_}",
  "{n:.2}",
  "{s:<<<}",
  "{w:{levelname}}",
  "{f:{p}}",
  "{levelname:{w}s}",
  "{s: >{w}}",
  "{message}\n{levelname}",
  "pre {s} mid {n} post",
  "{s}{s}{s}",
  "{_x}{S}",
  "{e}|{e:>3}|",
  "{levelname:\n>5}",
];

const DOLLAR = [
  "$s",
  "${s}",
  "$$",
  "$",
  "a$",
  "$1",
  "${1}",
  "${s",
  "$s$",
  "abc $",
  "$$s",
  "$$$s",
  "$s.x",
  "${ s}",
  "${}",
  "$S",
  "$_x",
  "$x",
  "${x}",
  "$sx",
  "${s}x",
  "$ſ",
  "$é",
  "ab\nc $!",
  "ab\nc$s $!",
  "a\rb $!",
  "a\r\nb $!",
  "a\x0bb\x0cc $!",
  "a\x85b $!",
  "😀 $!",
  "$s $x $",
  "$x $",
  "$$ $",
  "$n $f $neg $big $u",
  "${levelname}:${name}:${message}",
  "$levelname $message",
  "${S}${_x}",
  "x${s}y$$z",
  "$e|$e",
  "$$$$",
  "\u2028$ !",
  "$ {s}",
  "${s}}",
  "$levelname-$name",
];

test("'{' style: validation and rendering match python3", () => {
  const want = python(BRACE.map((f) => ["{", f]));
  const diffs = BRACE.map((f, i) => ({ f, want: want[i], got: ours("{", f) })).filter(
    (r) => JSON.stringify(r.want) !== JSON.stringify(r.got),
  );
  // Where JS and Python differ by design: plain objects expose own
  // properties as attributes (Python dicts have no attribute `a`).
  const expected = [
    { f: "{d[b].c}", want: ["ok", "!AttributeError: 'dict' object has no attribute 'c'"], got: ["ok", "deep"] },
  ];
  assert.deepEqual(diffs, expected);
});

test("'$' style: validation and rendering match python3", () => {
  const want = python(DOLLAR.map((f) => ["$", f]));
  const diffs = DOLLAR.map((f, i) => ({ f, want: want[i], got: ours("$", f) })).filter(
    (r) => JSON.stringify(r.want) !== JSON.stringify(r.got),
  );
  assert.deepEqual(diffs, []);
});

test("property: random '{' and '$' formats match python3", () => {
  const brace = fc
    .array(
      fc.constantFrom(
        "{",
        "}",
        "{{",
        "}}",
        "s",
        "n",
        "f",
        "d",
        "l",
        "u",
        "w",
        "x",
        "[",
        "]",
        ".",
        "a",
        "0",
        "1",
        ":",
        "!",
        "r",
        ">",
        "<",
        "^",
        "10",
        ".2",
        "e",
        "{w}",
        " ",
        "é",
      ),
      { maxLength: 9 },
    )
    .map((a) => a.join(""));
  const dollar = fc
    .array(fc.constantFrom("$", "$$", "{", "}", "s", "n", "x", "_", "1", " ", "\n", "é", "S"), { maxLength: 8 })
    .map((a) => a.join(""));
  const cases = fc.sample(
    fc.oneof(
      brace.map((f) => ["{", f] as ["{", string]),
      dollar.map((f) => ["$", f] as ["$", string]),
    ),
    { numRuns: 500, seed: 3 },
  );
  const want = python(cases);
  const bad = cases
    .map(([style, f], i) => ({ style, f, want: want[i]!, got: ours(style, f) }))
    .filter(({ want: w, got }) => {
      if (w[0] !== got[0]) return true;
      if (w[1] === got[1]) return false;
      // Whole lists/dicts render as util.inspect text in JS; attribute access
      // on a plain object is allowed in JS. Everything else must agree.
      const wholeContainer = /\['a', 'two', 7\]|\{'a': 1/.test(w[1]);
      const dictAttr = /^!AttributeError: 'dict' object/.test(w[1]) && !got[1].startsWith("!");
      return !(wholeContainer || dictAttr);
    });
  assert.deepEqual(bad.slice(0, 10), []);
});

test("accessors never reach prototypes or run inherited code", () => {
  let getterRan = false;
  class Rec {
    own = "mine";
    get secret(): string {
      getterRan = true;
      return "leaked";
    }
  }
  const parsed = JSON.parse('{"__proto__": "own data", "x": 1}');
  const values: Record<string, unknown> = {
    msg: "text",
    x: { a: 1 },
    l: [1, 2],
    rec: new Rec(),
    fn: () => "ran",
    parsed,
    m: new Map([["k", "v"]]),
  };
  const render = (fmt: string): string => {
    try {
      return compileBrace(fmt)(lookupIn(values));
    } catch (e) {
      return show(e);
    }
  };
  const cases: [string, string][] = [
    ["{__proto__}", "KeyError: '__proto__'"],
    ["{constructor.name}", "KeyError: 'constructor'"],
    ["{msg.constructor}", "AttributeError: 'str' object has no attribute 'constructor'"],
    ["{msg.length}", "AttributeError: 'str' object has no attribute 'length'"],
    ["{x.__class__}", "AttributeError: 'dict' object has no attribute '__class__'"],
    ["{x.__proto__}", "AttributeError: 'dict' object has no attribute '__proto__'"],
    ["{x.constructor.name}", "AttributeError: 'dict' object has no attribute 'constructor'"],
    ["{x[__proto__]}", "KeyError: '__proto__'"],
    ["{x[constructor]}", "KeyError: 'constructor'"],
    ["{x.toString}", "AttributeError: 'dict' object has no attribute 'toString'"],
    ["{x.hasOwnProperty}", "AttributeError: 'dict' object has no attribute 'hasOwnProperty'"],
    ["{l.length}", "AttributeError: 'list' object has no attribute 'length'"],
    ["{l.map}", "AttributeError: 'list' object has no attribute 'map'"],
    ["{l[length]}", "TypeError: list indices must be integers or slices, not str"],
    ["{fn.call}", "AttributeError: 'function' object has no attribute 'call'"],
    ["{fn[name]}", "TypeError: 'function' object is not subscriptable"],
    ["{rec.secret}", "AttributeError: 'Rec' object has no attribute 'secret'"],
    ["{rec[secret]}", "KeyError: 'secret'"],
    ["{rec.constructor}", "AttributeError: 'Rec' object has no attribute 'constructor'"],
    ["{rec.own}", "mine"],
    ["{parsed.__proto__}", "own data"],
    ["{parsed[__proto__]}", "own data"],
    ["{m[k]}", "v"],
    ["{m.size}", "AttributeError: 'Map' object has no attribute 'size'"],
    ["{x[a]} {x.a}", "1 1"],
  ];
  for (const [fmt, want] of cases) assert.equal(render(fmt), want, fmt);
  assert.equal(getterRan, false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);

  const asked: string[] = [];
  const spy = (name: string): unknown => {
    asked.push(name);
    return lookupIn(values)(name);
  };
  for (const fmt of ["${constructor}", "$__proto__", "${toString}", "$hasOwnProperty"]) {
    assert.throws(() => compileDollar(fmt)(spy), { name: "KeyError" }, fmt);
  }
  assert.deepEqual(asked, ["constructor", "__proto__", "toString", "hasOwnProperty"]);
});

test("compiled renderers are reusable and render other value kinds", () => {
  const f = compileBrace("{levelname:<8} {n:>5} {d[b][c]!r}");
  for (let i = 0; i < 3; i++) assert.equal(f(lookupIn(VALUES)), "INFO        42 'deep'");
  const g = compileDollar("$levelname: ${message} $$");
  assert.equal(g(lookupIn(VALUES)), "INFO: hi there $");
  assert.equal(compileBrace("")(lookupIn(VALUES)), "");
  assert.equal(compileDollar("")(lookupIn(VALUES)), "");
  assert.equal(compileBrace("{u[1]}")(lookupIn(VALUES)), "😀");
});
