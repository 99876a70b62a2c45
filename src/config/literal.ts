/**
 * A safe evaluator for the Python expressions logging configuration files
 * put in `args=` and `kwargs=` (CPython runs them through `eval`). It reads
 * Python's literal syntax — strings in every quote form with escapes, raw
 * and bytes prefixes and implicit concatenation; ints (hex, octal, binary,
 * underscores), floats; tuples, lists, dicts; True, False, None — plus
 * arithmetic on numbers (`10*1024*1024`) and dotted names, which only a
 * caller-supplied resolver can turn into values. Nothing else is evaluated:
 * calls, subscripts, lambdas, comprehensions, comparisons, boolean and bit
 * operators, f-strings, starred items are refused before anything runs.
 */
import { pyError, quoteLikePython } from "../py/errors.js";
import { pyFloatRepr } from "../py/repr.js";

/** An Error named after a Python exception class outside `PyErrorName` (SyntaxError, NameError, …). */
function named(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** A Python value as the expression produced it (tuples and lists kept apart, ints exact). */
export type PyValue =
  | { t: "int"; v: bigint }
  | { t: "float"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "none" }
  | { t: "str"; v: string }
  | { t: "bytes"; v: Uint8Array }
  | { t: "tuple"; items: PyValue[] }
  | { t: "list"; items: PyValue[] }
  | { t: "dict"; entries: Array<[PyValue, PyValue]> }
  /** A value a name resolved to (a stream, a constant from logxide). */
  | { t: "object"; v: unknown; name: string };

/** Turns a dotted name (`sys.stdout`, `handlers.SYSLOG_UDP_PORT`) into a value, or throws. */
export type NameResolver = (parts: string[]) => PyValue;

type Node =
  | { k: "const"; v: PyValue }
  | { k: "name"; parts: string[] }
  | { k: "tuple" | "list"; items: Node[] }
  | { k: "dict"; entries: Array<[Node, Node]> }
  | { k: "unary"; op: string; x: Node }
  | { k: "bin"; op: string; a: Node; b: Node };

type Token =
  | { type: "num"; text: string; pos: number }
  | { type: "str"; value: string; bytes: boolean; pos: number }
  | { type: "name"; text: string; pos: number }
  | { type: "op"; text: string; pos: number }
  | { type: "end"; text: ""; pos: number };

/** The text that failed to parse, for the error message. */
function syntaxError(message: string, src: string, pos: number): Error {
  const col = Math.min(pos, src.length) + 1;
  return named("SyntaxError", `${message} (column ${col} of ${quoteLikePython(src)})`);
}

/** A construct the evaluator deliberately does not run. */
function refused(what: string, src: string): Error {
  return pyError(
    "ValueError",
    `${what} not allowed in ${quoteLikePython(src)}: logging configuration values are evaluated as literals ` +
      "(strings, numbers, tuples, lists, dicts, True/False/None, arithmetic on numbers) and logging's constants, " +
      "never as code",
  );
}

const KEYWORDS_REFUSED = new Set([
  "lambda",
  "if",
  "else",
  "for",
  "in",
  "not",
  "and",
  "or",
  "is",
  "yield",
  "await",
  "async",
  "import",
  "from",
  "del",
  "with",
  "def",
  "class",
  "return",
  "pass",
  "global",
  "nonlocal",
  "assert",
  "raise",
  "try",
  "except",
  "finally",
  "while",
  "break",
  "continue",
  "as",
]);

const OPS = [
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  "**",
  "//",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "->",
  ":=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "@",
  "&",
  "|",
  "^",
  "~",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ".",
  ";",
  "=",
];

const ID_START = /[\p{L}\p{Nl}_\u1885\u1886\u2118\u212e\u309b\u309c]/u;
const ID_CONT =
  /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_\u00b7\u0387\u1369-\u1371\u19da\u1885\u1886\u2118\u212e\u309b\u309c]/u;
const NUMBER =
  /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:[0-9](?:_?[0-9])*\.(?:[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*[eE][+-]?[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*)[jJ]?/;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let depth = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && src[i] !== "\n" && src[i] !== "\r") i++;
      continue;
    }
    if (c === "\\" && (src[i + 1] === "\n" || src[i + 1] === "\r")) {
      i += src.startsWith("\r\n", i + 1) ? 3 : 2;
      continue;
    }
    if (c === "\n" || c === "\r") {
      // Inside brackets a newline is whitespace; outside it ends the expression.
      if (depth === 0) {
        let j = i;
        while (j < n && /[\s]/.test(src[j]!)) j++;
        if (j < n && src[j] !== "#") throw syntaxError("invalid syntax", src, j);
      }
      i++;
      continue;
    }
    const start = i;
    const prefix = /^([rRbBuUfF]{1,2})?(['"])/.exec(src.slice(i, i + 3));
    if (
      prefix &&
      (prefix[1] === undefined || /^(?:[rR]|[uU]|[bB]|[fF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/.test(prefix[1]))
    ) {
      const p = (prefix[1] ?? "").toLowerCase();
      if (p.includes("f")) throw refused("an f-string is", src);
      i += p.length;
      const { value, end } = readString(src, i, p.includes("r"), p.includes("b"));
      tokens.push({ type: "str", value, bytes: p.includes("b"), pos: start });
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = NUMBER.exec(src.slice(i));
      const text = m![0];
      const after = src.slice(i + text.length);
      const next = String.fromCodePoint(after.codePointAt(0) ?? 32);
      if (/^0[0-9_]*[1-9]/.test(text) && !/[.eEjJ]/.test(text)) {
        throw syntaxError(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          src,
          i,
        );
      }
      if (ID_CONT.test(next) || next === "_") throw syntaxError("invalid decimal literal", src, i);
      tokens.push({ type: "num", text, pos: start });
      i += text.length;
      continue;
    }
    const cp = String.fromCodePoint(src.codePointAt(i)!);
    if (ID_START.test(cp)) {
      let j = i + cp.length;
      while (j < n) {
        const d = String.fromCodePoint(src.codePointAt(j)!);
        if (!ID_CONT.test(d)) break;
        j += d.length;
      }
      tokens.push({ type: "name", text: src.slice(i, j).normalize("NFKC"), pos: start });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw syntaxError(`invalid character ${quoteLikePython(cp)}`, src, i);
    if (op === "(" || op === "[" || op === "{") depth++;
    if (op === ")" || op === "]" || op === "}") depth = Math.max(0, depth - 1);
    tokens.push({ type: "op", text: op, pos: start });
    i += op.length;
  }
  tokens.push({ type: "end", text: "", pos: n });
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** One string literal from its opening quote: Python's rules for raw, bytes, triple quotes, escapes. */
function readString(src: string, i: number, raw: boolean, bytes: boolean): { value: string; end: number } {
  const q = src[i]!;
  const triple = src.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  const start = i;
  i += close.length;
  let out = "";
  for (;;) {
    if (i >= src.length) {
      throw syntaxError(
        triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
        src,
        start,
      );
    }
    if (src.startsWith(close, i)) return { value: out, end: i + close.length };
    const c = src[i]!;
    if (!triple && (c === "\n" || c === "\r")) throw syntaxError("unterminated string literal", src, start);
    if (bytes && c.charCodeAt(0) > 0x7f) {
      throw syntaxError("bytes can only contain ASCII literal characters", src, start);
    }
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) {
      i++;
      continue;
    }
    if (raw) {
      // A raw string keeps the backslash; it still stops the next quote from closing the string.
      out += "\\" + e;
      i += 2;
      continue;
    }
    if (e === "\n") {
      i += 2;
      continue;
    }
    if (e === "\r") {
      i += src[i + 2] === "\n" ? 3 : 2;
      continue;
    }
    if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
      continue;
    }
    if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))![0];
      const code = Number.parseInt(m, 8);
      if (bytes && code > 0xff) throw syntaxError("invalid octal escape in bytes literal", src, i);
      out += String.fromCharCode(code);
      i += 1 + m.length;
      continue;
    }
    const width = e === "x" ? 2 : !bytes && e === "u" ? 4 : !bytes && e === "U" ? 8 : 0;
    if (width) {
      const hex = src.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
        const kind = e === "x" ? "\\xXX" : e === "u" ? "\\uXXXX" : "\\UXXXXXXXX";
        throw syntaxError(`truncated ${kind} escape`, src, i);
      }
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) throw syntaxError("illegal Unicode character", src, i);
      out += String.fromCodePoint(code);
      i += 2 + width;
      continue;
    }
    if (!bytes && e === "N") throw refused("a \\N{...} escape is", src);
    // An unknown escape keeps its backslash (Python only warns).
    out += "\\";
    i++;
  }
}

/** Recursive descent over the tokens, for the subset above; everything else is refused by name. */
class Parser {
  private i = 0;

  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === "op" && t.text === text;
  }

  private take(): Token {
    return this.tokens[this.i++]!;
  }

  private takeOp(): string {
    return (this.take() as Extract<Token, { type: "op" }>).text;
  }

  private expect(text: string): void {
    if (!this.isOp(text)) this.fail(this.peek());
    this.i++;
  }

  private fail(t: Token): never {
    if (t.type === "end") throw syntaxError("unexpected end of expression", this.src, t.pos);
    if (t.type === "name" && KEYWORDS_REFUSED.has(t.text)) throw refused(`${quoteLikePython(t.text)} is`, this.src);
    if (t.type === "op") {
      const what: Record<string, string> = {
        "==": "a comparison is",
        "!=": "a comparison is",
        "<": "a comparison is",
        ">": "a comparison is",
        "<=": "a comparison is",
        ">=": "a comparison is",
        ":=": "an assignment expression is",
        "=": "an assignment is",
        "&": "a bitwise operator is",
        "|": "a bitwise operator is",
        "^": "a bitwise operator is",
        "<<": "a shift is",
        ">>": "a shift is",
        "@": "a matrix product is",
        ";": "a statement separator is",
      };
      if (what[t.text]) throw refused(what[t.text]!, this.src);
    }
    throw syntaxError("invalid syntax", this.src, t.pos);
  }

  /** The whole text: an expression, or a tuple when it holds a top-level comma. */
  parseAll(): Node {
    if (this.peek().type === "end") throw syntaxError("unexpected end of expression", this.src, 0);
    const node = this.exprList(null);
    if (this.peek().type !== "end") this.fail(this.peek());
    return node;
  }

  /** `a, b, c` (a tuple) or a single expression; `closer` ends it inside brackets. */
  private exprList(closer: string | null): Node {
    const first = this.expr();
    if (!this.isOp(",")) return first;
    const items = [first];
    while (this.isOp(",")) {
      this.i++;
      if (this.atListEnd(closer)) break;
      items.push(this.expr());
    }
    return { k: "tuple", items };
  }

  private atListEnd(closer: string | null): boolean {
    const t = this.peek();
    return closer === null ? t.type === "end" : t.type === "op" && t.text === closer;
  }

  private expr(): Node {
    const t = this.peek();
    if (t.type === "name" && KEYWORDS_REFUSED.has(t.text)) this.fail(t);
    if (this.isOp("*") || this.isOp("**")) throw refused("unpacking is", this.src);
    const node = this.arith();
    const next = this.peek();
    if (next.type === "name" && KEYWORDS_REFUSED.has(next.text)) this.fail(next);
    return node;
  }

  private arith(): Node {
    let a = this.term();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.takeOp();
      a = { k: "bin", op, a, b: this.term() };
    }
    return a;
  }

  private term(): Node {
    let a = this.factor();
    while (this.isOp("*") || this.isOp("/") || this.isOp("//") || this.isOp("%")) {
      const op = this.takeOp();
      a = { k: "bin", op, a, b: this.factor() };
    }
    return a;
  }

  private factor(): Node {
    if (this.isOp("-") || this.isOp("+") || this.isOp("~")) {
      const op = this.takeOp();
      return { k: "unary", op, x: this.factor() };
    }
    return this.power();
  }

  private power(): Node {
    const base = this.atomWithTrailers();
    if (this.isOp("**")) {
      this.i++;
      return { k: "bin", op: "**", a: base, b: this.factor() };
    }
    return base;
  }

  private atomWithTrailers(): Node {
    const atom = this.atom();
    if (atom.k === "name" && atom.parts.length === 1 && this.isOp("(")) {
      // `tuple()`, `list()`, `dict()`: empty containers spelled as calls (CPython's own tests use
      // `args=tuple()`); no other call is evaluated.
      const next = this.tokens[this.i + 1]!;
      const kind = atom.parts[0];
      if (next.type === "op" && next.text === ")" && (kind === "tuple" || kind === "list" || kind === "dict")) {
        this.i += 2;
        return kind === "dict" ? { k: "dict", entries: [] } : { k: kind, items: [] };
      }
    }
    if (this.isOp("(")) throw refused("a call is", this.src);
    if (this.isOp("[")) throw refused("subscripting is", this.src);
    if (this.isOp(".")) throw refused("an attribute of a literal is", this.src);
    return atom;
  }

  private atom(): Node {
    const t = this.take();
    if (t.type === "num") return { k: "const", v: numberValue(t.text, this.src) };
    if (t.type === "str") {
      let value = t.value;
      const bytes = t.bytes;
      while (this.peek().type === "str") {
        const s = this.take() as Extract<Token, { type: "str" }>;
        if (s.bytes !== bytes) throw syntaxError("cannot mix bytes and nonbytes literals", this.src, s.pos);
        value += s.value;
      }
      if (bytes) return { k: "const", v: { t: "bytes", v: Uint8Array.from(value, (c) => c.charCodeAt(0)) } };
      return { k: "const", v: { t: "str", v: value } };
    }
    if (t.type === "name") {
      if (t.text === "True" || t.text === "False") return { k: "const", v: { t: "bool", v: t.text === "True" } };
      if (t.text === "None") return { k: "const", v: { t: "none" } };
      if (KEYWORDS_REFUSED.has(t.text)) this.fail(t);
      const parts = [t.text];
      while (this.isOp(".")) {
        this.i++;
        const n = this.take();
        if (n.type !== "name") this.fail(n);
        parts.push(n.text);
      }
      return { k: "name", parts };
    }
    if (t.type === "op") {
      if (t.text === "(") {
        if (this.isOp(")")) {
          this.i++;
          return { k: "tuple", items: [] };
        }
        const inner = this.exprList(")");
        this.expect(")");
        return inner;
      }
      if (t.text === "[") {
        const items: Node[] = [];
        while (!this.isOp("]")) {
          items.push(this.expr());
          if (this.isOp("for")) this.fail(this.peek());
          if (!this.isOp(",")) break;
          this.i++;
        }
        this.expect("]");
        return { k: "list", items };
      }
      if (t.text === "{") {
        const entries: Array<[Node, Node]> = [];
        while (!this.isOp("}")) {
          const key = this.expr();
          if (!this.isOp(":")) {
            if (this.isOp(",") || this.isOp("}")) throw refused("a set is", this.src);
            this.fail(this.peek());
          }
          this.i++;
          entries.push([key, this.expr()]);
          if (!this.isOp(",")) break;
          this.i++;
        }
        this.expect("}");
        return { k: "dict", entries };
      }
    }
    this.fail(t);
  }
}

function numberValue(text: string, src: string): PyValue {
  const t = text.replace(/_/g, "");
  if (/[jJ]$/.test(t)) throw refused("a complex number is", src);
  if (/^0[xX]/.test(t)) return { t: "int", v: BigInt(t) };
  if (/^0[oO]/.test(t)) return { t: "int", v: BigInt("0o" + t.slice(2)) };
  if (/^0[bB]/.test(t)) return { t: "int", v: BigInt("0b" + t.slice(2)) };
  if (/[.eE]/.test(t)) return { t: "float", v: Number(t) };
  if (t.length > 4300) {
    throw pyError(
      "ValueError",
      `Exceeds the limit (4300 digits) for integer string conversion: value has ${t.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return { t: "int", v: BigInt(t) };
}

/** Python's type name, for TypeErrors. */
function typeName(v: PyValue): string {
  return v.t === "none" ? "NoneType" : v.t === "object" ? "object" : v.t;
}

/** An int (bools are ints in arithmetic), a float, or null for anything else. */
function num(v: PyValue): { int: bigint } | { float: number } | null {
  if (v.t === "int") return { int: v.v };
  if (v.t === "bool") return { int: v.v ? 1n : 0n };
  if (v.t === "float") return { float: v.v };
  if (v.t === "object" && typeof v.v === "number") {
    return Number.isInteger(v.v) ? { int: BigInt(v.v) } : { float: v.v };
  }
  return null;
}

/** Python's int → float conversion, with its OverflowError. */
function toFloat(n: { int: bigint } | { float: number }): number {
  if ("float" in n) return n.float;
  const f = Number(n.int);
  if (!Number.isFinite(f)) throw pyError("OverflowError", "int too large to convert to float");
  return f;
}

const MAX_INT_BITS = 1 << 16;

/** Python's float `**`: an overflow from finite operands is an OverflowError (other operators give inf). */
function powFloat(x: number, y: number): PyValue {
  const r = x ** y;
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
    throw pyError("OverflowError", "(34, 'Numerical result out of range')");
  }
  return { t: "float", v: r };
}

/** Python's float `divmod` (CPython's float_divmod), so signs and rounding agree. */
function floatDivmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  // C's `if (mod)` is true for NaN, JavaScript's is not: compare with zero as C does.
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 || Object.is(wx, -0) ? -0.0 : 0.0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0.0 : 0.0;
  }
  return [floordiv, mod];
}

function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function binary(op: string, av: PyValue, bv: PyValue, src: string): PyValue {
  const a = num(av);
  const b = num(bv);
  if (!a || !b) {
    throw pyError("TypeError", `unsupported operand type(s) for ${op}: '${typeName(av)}' and '${typeName(bv)}'`);
  }
  if ("int" in a && "int" in b) {
    const x = a.int;
    const y = b.int;
    switch (op) {
      case "+":
        return { t: "int", v: x + y };
      case "-":
        return { t: "int", v: x - y };
      case "*": {
        const bits = x.toString(2).length + y.toString(2).length;
        if (bits > MAX_INT_BITS) throw refused("an integer this large is", src);
        return { t: "int", v: x * y };
      }
      case "//":
        if (y === 0n) throw named("ZeroDivisionError", "integer division or modulo by zero");
        return { t: "int", v: intFloorDiv(x, y) };
      case "%":
        if (y === 0n) throw named("ZeroDivisionError", "integer modulo by zero");
        return { t: "int", v: x - intFloorDiv(x, y) * y };
      case "/": {
        if (y === 0n) throw named("ZeroDivisionError", "division by zero");
        return { t: "float", v: toFloat(a) / toFloat(b) };
      }
      case "**": {
        if (y < 0n) {
          if (x === 0n) throw named("ZeroDivisionError", "0.0 cannot be raised to a negative power");
          // Python computes pow(float(x), y) with C's pow; 1 / x**-y is the same correctly rounded
          // quotient while x**-y is exact, where V8's pow can be an ulp off.
          const d = x ** -y;
          if (-y <= 64n && (d < 0n ? -d : d) <= 2n ** 53n) return { t: "float", v: 1 / Number(d) };
          return powFloat(toFloat(a), Number(y));
        }
        const bits = BigInt(x < 0n ? (-x).toString(2).length : x.toString(2).length);
        if (x !== 0n && x !== 1n && x !== -1n && bits * y > BigInt(MAX_INT_BITS)) {
          throw refused("an integer this large is", src);
        }
        return { t: "int", v: x ** y };
      }
    }
  }
  const x = toFloat(a);
  const y = toFloat(b);
  switch (op) {
    case "+":
      return { t: "float", v: x + y };
    case "-":
      return { t: "float", v: x - y };
    case "*":
      return { t: "float", v: x * y };
    case "/":
      if (y === 0) throw named("ZeroDivisionError", "float division by zero");
      return { t: "float", v: x / y };
    case "//":
      if (y === 0) throw named("ZeroDivisionError", "float floor division by zero");
      return { t: "float", v: floatDivmod(x, y)[0] };
    case "%":
      if (y === 0) throw named("ZeroDivisionError", "float modulo");
      return { t: "float", v: floatDivmod(x, y)[1] };
    default: {
      if (x === 0 && y < 0) throw named("ZeroDivisionError", "0.0 cannot be raised to a negative power");
      if (x < 0 && !Number.isInteger(y)) throw refused("a complex result is", src);
      return powFloat(x, y);
    }
  }
}

function unary(op: string, v: PyValue): PyValue {
  const n = num(v);
  if (!n || (op === "~" && "float" in n)) {
    throw pyError("TypeError", `bad operand type for unary ${op}: '${typeName(v)}'`);
  }
  if ("int" in n) return { t: "int", v: op === "-" ? -n.int : op === "~" ? -n.int - 1n : n.int };
  return { t: "float", v: op === "-" ? -n.float : n.float };
}

/** Python's `==` for dict keys: 1, 1.0 and True are the same key. */
function sameKey(a: PyValue, b: PyValue): boolean {
  const na = num(a);
  const nb = num(b);
  if (na && nb) return "int" in na && "int" in nb ? na.int === nb.int : toFloatLoose(na) === toFloatLoose(nb);
  if (a.t !== b.t) return false;
  if (a.t === "str" && b.t === "str") return a.v === b.v;
  if (a.t === "none") return true;
  if (a.t === "bytes" && b.t === "bytes") return Buffer.from(a.v).equals(Buffer.from(b.v));
  if (a.t === "tuple" && b.t === "tuple")
    return a.items.length === b.items.length && a.items.every((x, i) => sameKey(x, b.items[i]!));
  if (a.t === "object" && b.t === "object") return a.v === b.v;
  return false;
}

function toFloatLoose(n: { int: bigint } | { float: number }): number {
  return "float" in n ? n.float : Number(n.int);
}

function evaluate(node: Node, resolve: NameResolver, src: string): PyValue {
  switch (node.k) {
    case "const":
      return node.v;
    case "name":
      return resolve(node.parts);
    case "tuple":
    case "list":
      return { t: node.k, items: node.items.map((x) => evaluate(x, resolve, src)) };
    case "dict": {
      const entries: Array<[PyValue, PyValue]> = [];
      for (const [kn, vn] of node.entries) {
        const k = evaluate(kn, resolve, src);
        if (k.t === "list" || k.t === "dict") throw pyError("TypeError", `unhashable type: '${k.t}'`);
        const v = evaluate(vn, resolve, src);
        const at = entries.findIndex(([e]) => sameKey(e, k));
        if (at >= 0) entries[at]![1] = v;
        else entries.push([k, v]);
      }
      return { t: "dict", entries };
    }
    case "unary":
      return unary(node.op, evaluate(node.x, resolve, src));
    case "bin":
      return binary(node.op, evaluate(node.a, resolve, src), evaluate(node.b, resolve, src), src);
  }
}

/** A resolver that knows no names: Python's NameError for the first one. */
export const noNames: NameResolver = (parts) => {
  throw named("NameError", `name ${quoteLikePython(parts[0]!)} is not defined`);
};

/**
 * Evaluates `text` as the Python expression subset described above.
 * Names go to `resolve`; a refused construct throws `ValueError`, bad syntax
 * `SyntaxError`, arithmetic errors Python's (`ZeroDivisionError`, …).
 *
 * @example
 * ```ts
 * evalLiteral("('app.log', 'a', 10*1024*1024, 5)"); // tuple of str, str, int, int
 * ```
 */
export function evalLiteral(text: string, resolve: NameResolver = noNames): PyValue {
  // Python's eval() drops leading spaces and tabs.
  const src = text.replace(/^[ \t]+/, "");
  if (src.includes("\0")) throw named("SyntaxError", "source code string cannot contain null bytes");
  const node = new Parser(src, tokenize(src)).parseAll();
  return evaluate(node, resolve, src);
}

/** Python's `str()` of a dict key, for the object key a JS caller sees. */
function keyText(k: PyValue): string {
  if (k.t === "str") return k.v;
  if (k.t === "int") return String(k.v);
  if (k.t === "bool") return k.v ? "True" : "False";
  if (k.t === "none") return "None";
  return reprPy(k);
}

/**
 * The JavaScript value for a Python value: tuples and lists → arrays,
 * dicts → plain objects, ints → numbers, bytes → Buffers, None → null,
 * resolved names → the objects they named.
 */
export function toJS(v: PyValue): unknown {
  switch (v.t) {
    case "int":
      return Number(v.v);
    case "float":
    case "bool":
    case "str":
      return v.v;
    case "none":
      return null;
    case "bytes":
      return Buffer.from(v.v);
    case "tuple":
    case "list":
      return v.items.map(toJS);
    case "dict": {
      const out: Record<string, unknown> = {};
      for (const [k, val] of v.entries) {
        const key = keyText(k);
        if (key === "__proto__")
          Object.defineProperty(out, key, { value: toJS(val), enumerable: true, writable: true, configurable: true });
        else out[key] = toJS(val);
      }
      return out;
    }
    case "object":
      return v.v;
  }
}

/** Python's `repr()` of a value, as CPython prints it (used to compare with CPython). */
export function reprPy(v: PyValue): string {
  switch (v.t) {
    case "int":
      return v.v.toString();
    case "float":
      return pyFloatRepr(v.v);
    case "bool":
      return v.v ? "True" : "False";
    case "none":
      return "None";
    case "str":
      return quoteLikePython(v.v);
    case "bytes":
      return bytesRepr(v.v);
    case "tuple":
      return v.items.length === 1 ? `(${reprPy(v.items[0]!)},)` : `(${v.items.map(reprPy).join(", ")})`;
    case "list":
      return `[${v.items.map(reprPy).join(", ")}]`;
    case "dict":
      return `{${v.entries.map(([k, x]) => `${reprPy(k)}: ${reprPy(x)}`).join(", ")}}`;
    case "object":
      return `<${v.name}>`;
  }
}

function bytesRepr(b: Uint8Array): string {
  const hasSingle = b.includes(0x27);
  const hasDouble = b.includes(0x22);
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + q;
  for (const c of b) {
    if (c === q.charCodeAt(0) || c === 0x5c) out += "\\" + String.fromCharCode(c);
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out + q;
}
