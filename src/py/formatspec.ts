/**
 * Python's built-in `format(value, spec)`: the format-spec mini-language
 * `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` for str,
 * int and float, with CPython 3.11's checks and error texts.
 */
import { pyError, valueError } from "./errors.js";
import { cpLength, cpSlice, pyStr, pyTypeName } from "./repr.js";
import {
  expAbs,
  fixedAbs,
  generalAbs,
  groupDigits,
  intDigitsAbs,
  noTypePrecAbs,
  nonFinite,
  reprAbs,
} from "./numfmt.js";
import { toFloatArg } from "./printf.js";

/** A parsed spec; `error` holds a parse failure whose text needs the value's type. */
interface Spec {
  fill: string | null;
  align: string | null;
  sign: string | null;
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string | null;
  precision: number;
  type: string;
  /** Leftover text: "Invalid format specifier" (needs the type name). */
  invalid: boolean;
}

// Py_ssize_t max (2**63 - 1); as a double it rounds up, which only the overflow compare sees.
const SSIZE_MAX = 2 ** 63 - 1;

/** Value of a decimal digit code point (Unicode Nd, as CPython accepts), or -1. */
function digitValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 128) return -1;
  const nd = /\p{Nd}/u;
  if (!nd.test(String.fromCodePoint(cp))) return -1;
  // Nd characters come in contiguous runs of ten starting at zero.
  let start = cp;
  while (nd.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

function tooManyDigits(): Error {
  return valueError("Too many decimal digits in format string");
}

function parseSpec(spec: string): Spec {
  const cps = Array.from(spec);
  const n = cps.length;
  let pos = 0;
  const s: Spec = {
    fill: null,
    align: null,
    sign: null,
    z: false,
    alt: false,
    zero: false,
    width: -1,
    grouping: null,
    precision: -1,
    type: "",
    invalid: false,
  };
  const isAlign = (c: string | undefined): boolean => c === "<" || c === ">" || c === "=" || c === "^";
  if (n >= 2 && isAlign(cps[1])) {
    s.fill = cps[0]!;
    s.align = cps[1]!;
    pos = 2;
  } else if (n >= 1 && isAlign(cps[0])) {
    s.align = cps[0]!;
    pos = 1;
  }
  if (pos < n && (cps[pos] === "+" || cps[pos] === "-" || cps[pos] === " ")) s.sign = cps[pos++]!;
  if (pos < n && cps[pos] === "z") {
    s.z = true;
    pos++;
  }
  if (pos < n && cps[pos] === "#") {
    s.alt = true;
    pos++;
  }
  if (pos < n && cps[pos] === "0") {
    s.zero = true;
    if (s.fill === null) s.fill = "0";
    pos++;
  }
  const readNumber = (): number => {
    let v = -1;
    while (pos < n) {
      const d = digitValue(cps[pos]!.codePointAt(0)!);
      if (d < 0) break;
      v = (v < 0 ? 0 : v * 10) + d;
      if (v > SSIZE_MAX) throw tooManyDigits();
      pos++;
    }
    return v;
  };
  s.width = readNumber();
  if (pos < n && (cps[pos] === "," || cps[pos] === "_")) {
    s.grouping = cps[pos++]!;
    if (pos < n && (cps[pos] === "," || cps[pos] === "_") && cps[pos] !== s.grouping) {
      throw valueError("Cannot specify both ',' and '_'.");
    }
  }
  if (pos < n && cps[pos] === ".") {
    pos++;
    s.precision = readNumber();
    if (s.precision < 0) throw valueError("Format specifier missing precision");
  }
  if (n - pos > 1) s.invalid = true;
  else if (n - pos === 1) s.type = cps[pos]!;
  return s;
}

const specCache = new Map<string, Spec>();

function getSpec(spec: string): Spec {
  let s = specCache.get(spec);
  if (s === undefined) {
    s = parseSpec(spec);
    if (spec.length <= 64) {
      if (specCache.size >= 256) specCache.clear();
      specCache.set(spec, s);
    }
  }
  return s;
}

/** The parse-time checks that need the value's type: leftover text and grouping versus type. */
function checkSpec(s: Spec, spec: string, typeName: string, defaultType: string): void {
  if (s.invalid) throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  if (s.grouping !== null) {
    const t = s.type === "" ? defaultType : s.type;
    const ok =
      t === "" || "defgEFG%".includes(t) || (s.grouping === "_" && (t === "b" || t === "o" || t === "x" || t === "X"));
    if (!ok) throw valueError(`Cannot specify '${s.grouping}' with '${t}'.`);
  }
}

function unknownCode(type: string, typeName: string): Error {
  const cp = type.codePointAt(0)!;
  const shown = cp > 32 && cp < 128 ? type : "\\x" + cp.toString(16);
  return valueError(`Unknown format code '${shown}' for object of type '${typeName}'`);
}

/** Pads `text` (`len` code points) to the spec's width; with `=` the first `signLen` chars stay left of the fill. */
function pad(text: string, len: number, s: Spec, align: string, signLen: number): string {
  if (s.width <= len) return text;
  const count = s.width - len;
  const fill = s.fill ?? " ";
  switch (align) {
    case "<":
      return text + fill.repeat(count);
    case "^": {
      const left = count >> 1;
      return fill.repeat(left) + text + fill.repeat(count - left);
    }
    case "=":
      return text.slice(0, signLen) + fill.repeat(count) + text.slice(signLen);
    default:
      return fill.repeat(count) + text;
  }
}

function formatStr(value: string, s: Spec, spec: string): string {
  checkSpec(s, spec, "str", "s");
  if (s.type !== "" && s.type !== "s") throw unknownCode(s.type, "str");
  if (s.sign === " ") throw valueError("Space not allowed in string format specifier");
  if (s.sign !== null) throw valueError("Sign not allowed in string format specifier");
  if (s.z) throw valueError("Negative zero coercion (z) not allowed in string format specifier");
  if (s.alt) throw valueError("Alternate form (#) not allowed in string format specifier");
  if (s.align === "=") throw valueError("'=' alignment not allowed in string format specifier");
  let text = value;
  if (s.precision >= 0) text = cpSlice(text, s.precision);
  if (s.width < 0) return text;
  return pad(text, cpLength(text), s, s.align ?? "<", 0);
}

/** Sign text for a number per the spec's sign option. */
function signText(neg: boolean, sign: string | null): string {
  return neg ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
}

/**
 * Assembles sign + prefix + integer digits + rest (fraction, exponent, `%`)
 * with grouping and padding. A `0` fill with `=` alignment pads inside the
 * grouped digits, as CPython does (`format(1234, "09,")` is `0,001,234`).
 */
function finishNumber(sign: string, prefix: string, digits: string, rest: string, s: Spec, groupSize: number): string {
  const align = s.align ?? (s.zero ? "=" : ">");
  if (s.grouping !== null) {
    const zeroFill = align === "=" && s.fill === "0";
    const minWidth = zeroFill ? s.width - sign.length - prefix.length - rest.length : 0;
    if (digits !== "") digits = groupDigits(digits, s.grouping, groupSize, minWidth);
  }
  const text = sign + prefix + digits + rest;
  if (s.width <= text.length) return text;
  return pad(text, text.length, s, align, sign.length + prefix.length);
}

function formatIntValue(v: number | bigint, s: Spec, spec: string, typeName: string): string {
  checkSpec(s, spec, typeName, "d");
  const type = s.type === "" ? "d" : s.type;
  if ("eEfFgG%".includes(type)) return formatFloatValue(toFloatArg(v), s, type);
  if (!"bcdoxXn".includes(type)) throw unknownCode(type, typeName);
  if (s.precision >= 0) throw valueError("Precision not allowed in integer format specifier");
  if (s.z) throw valueError("Negative zero coercion (z) not allowed in integer format specifier");
  if (type === "c") {
    if (s.sign !== null) throw valueError("Sign not allowed with integer format specifier 'c'");
    if (s.alt) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v >= 2 ** 63 || v < -(2 ** 63)) throw pyError("OverflowError", "Python int too large to convert to C long");
    if (v < 0 || v > 0x10ffff) throw pyError("OverflowError", "%c arg not in range(0x110000)");
    const ch = String.fromCodePoint(Number(v));
    return s.width < 0 ? ch : pad(ch, 1, s, s.align ?? (s.zero ? "=" : ">"), 0);
  }
  const base = type === "b" ? 2 : type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
  let digits = intDigitsAbs(v, base);
  let prefix = "";
  if (base !== 10 && s.alt) prefix = base === 2 ? "0b" : base === 8 ? "0o" : "0x";
  if (type === "X") {
    digits = digits.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  const neg = typeof v === "bigint" ? v < 0n : v < 0;
  return finishNumber(signText(neg, s.sign), prefix, digits, "", s, base === 10 ? 3 : 4);
}

/** True when a rendered float has no non-zero mantissa digit (for `z`). */
function roundsToZero(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 101 || c === 69 || c === 37) break; // e E %
    if (c >= 49 && c <= 57) return false;
  }
  return true;
}

function formatFloatValue(x: number, s: Spec, type: string): string {
  if (type === "%") x *= 100; // may overflow to inf, as in CPython
  const upper = type === "E" || type === "F" || type === "G";
  const finite = x === x && x !== Infinity && x !== -Infinity;
  const p = s.precision;
  let body: string;
  if (!finite) body = nonFinite(x, upper) + (type === "%" ? "%" : "");
  else if (type === "") body = p < 0 ? reprAbs(x, s.alt) : noTypePrecAbs(x, p, s.alt);
  else if (type === "f" || type === "F") body = fixedAbs(x, p < 0 ? 6 : p) + (s.alt && p === 0 ? "." : "");
  else if (type === "%") body = fixedAbs(x, p < 0 ? 6 : p) + (s.alt && p === 0 ? "." : "") + "%";
  else if (type === "e" || type === "E") body = expAbs(x, p < 0 ? 6 : p, upper, s.alt);
  else body = generalAbs(x, p < 0 ? 6 : p, upper, s.alt);
  let neg = x < 0 || Object.is(x, -0);
  if (neg && s.z && finite && roundsToZero(body)) neg = false;
  const sign = signText(neg, s.sign);
  if (!finite) return finishNumber(sign, "", "", body, s, 3);
  let end = 0;
  while (end < body.length && body.charCodeAt(end) >= 48 && body.charCodeAt(end) <= 57) end++;
  return finishNumber(sign, "", body.slice(0, end), body.slice(end), s, 3);
}

function formatFloatTop(x: number, s: Spec, spec: string): string {
  checkSpec(s, spec, "float", "");
  const type = s.type === "n" ? "g" : s.type;
  if (type !== "" && !"eEfFgG%".includes(type)) throw unknownCode(s.type, "float");
  return formatFloatValue(x, s, type);
}

/**
 * Python's `format(value, spec)`. Integral numbers, bigints and (with a
 * non-empty spec) booleans are ints, other numbers floats; strings take the
 * string rules; anything else accepts only an empty spec (its `pyStr`).
 * Throws CPython's ValueError/TypeError/OverflowError texts.
 */
export function formatSpec(value: unknown, spec: string): string {
  switch (typeof value) {
    case "string":
      return spec === "" ? value : formatStr(value, getSpec(spec), spec);
    case "number":
      if (Number.isInteger(value)) {
        if (spec === "") return Number.isSafeInteger(value) ? String(value) : intText(value);
        return formatIntValue(value, getSpec(spec), spec, "int");
      }
      return formatFloatTop(value, getSpec(spec), spec);
    case "bigint":
      return spec === "" ? value.toString() : formatIntValue(value, getSpec(spec), spec, "int");
    case "boolean":
      return spec === "" ? String(value) : formatIntValue(value ? 1 : 0, getSpec(spec), spec, "bool");
  }
  if (spec === "") return pyStr(value);
  throw pyError("TypeError", `unsupported format string passed to ${pyTypeName(value)}.__format__`);
}

/** Python's `str(int)` for an integral JS number of any size. */
function intText(v: number): string {
  return (v < 0 ? "-" : "") + intDigitsAbs(v, 10);
}
