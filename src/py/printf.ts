/**
 * Python's printf-style formatting (`fmt % args`, `str.__mod__`) with
 * CPython 3.11's parsing, conversions and error texts. The format is parsed
 * once into parts; formatting walks the parts in order so errors surface in
 * the same order CPython raises them.
 */
import { intText } from "./intText.js";
import { jsonPlain } from "./jsonPlain.js";
import { pyError, keyError, typeError, type PyErrorName } from "./errors.js";
import { cpLength, cpSlice, pyAscii, pyRepr, pyStr, pyTypeName } from "./repr.js";
import { expAbs, fixedAbs, generalAbs, intDigitsAbs, nonFinite } from "./numfmt.js";

/** One `%` conversion: `%(key)#0- +width.precision[hlL]conversion`. */
export interface PercentSpec {
  /** Mapping key of `%(key)s`, or null for a positional conversion. */
  key: string | null;
  /** Any of `#0- +`, in source order. */
  flags: string;
  /** Minimum width, `"*"` when taken from the arguments, or null. */
  width: number | "*" | null;
  /** Precision, `"*"` when taken from the arguments, or null. */
  precision: number | "*" | null;
  /** One of `d i u o x X e E f F g G c r s a`. */
  conversion: string;
}

/** Literal text (with `%%` already turned into `%`) or a conversion. */
export type PercentPart = string | PercentSpec;

/**
 * Where a malformed format stops. CPython raises the parse error only once
 * formatting reaches that point, after the mapping check, key lookup, `*`
 * fetches and (for a bad conversion character) the value fetch before it.
 */
interface ParseFailure {
  needsMapping: boolean;
  key: string | null;
  starWidth: boolean;
  starPrecision: boolean;
  fetchValue: boolean;
  errName: PyErrorName;
  message: string;
}

interface Parsed {
  parts: PercentPart[];
  failure: ParseFailure | null;
  /**
   * The argument count when every conversion is positional without `*` and
   * the format is well formed (the fast path's precondition), else -1.
   */
  positional: number;
  /**
   * Per part, what the fast path does with it (`PART_*`): literal text, a
   * bare `%s`, a bare `%d`/`%i`/`%u`, or anything else (the general
   * conversion). Empty unless `positional` >= 0.
   */
  kinds: Uint8Array;
  /** True when no literal part holds a character JSON escapes (see `jsonPlain`). */
  plainText: boolean;
}

const PART_TEXT = 0;
const PART_BARE_S = 1;
const PART_BARE_D = 2;
const PART_OTHER = 3;
const NO_KINDS = new Uint8Array(0);

function partKinds(parts: PercentPart[]): Uint8Array {
  const kinds = new Uint8Array(parts.length);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (typeof part === "string") kinds[k] = PART_TEXT;
    else if (part.flags !== "" || part.width !== null || part.precision !== null) kinds[k] = PART_OTHER;
    else if (part.conversion === "s") kinds[k] = PART_BARE_S;
    else if (part.conversion === "d" || part.conversion === "i" || part.conversion === "u") kinds[k] = PART_BARE_D;
    else kinds[k] = PART_OTHER;
  }
  return kinds;
}

const CONVERSIONS = "diuoxXeEfFgGcrsa";
const WIDTH_MAX = 2 ** 63 - 1; // Py_ssize_t (as a double: rounds up, as the literal did)
const PREC_MAX = 2147483647; // C int

function fail(
  parts: PercentPart[],
  lit: string,
  f: Omit<ParseFailure, "errName" | "message">,
  errName: PyErrorName,
  message: string,
): Parsed {
  if (lit !== "") parts.push(lit);
  return { parts, failure: { ...f, errName, message }, positional: -1, kinds: NO_KINDS, plainText: false };
}

function parseInternal(fmt: string): Parsed {
  const parts: PercentPart[] = [];
  const n = fmt.length;
  let lit = "";
  let start = 0;
  let i = fmt.indexOf("%");
  while (i >= 0) {
    lit += fmt.slice(start, i);
    i++;
    if (i < n && fmt.charCodeAt(i) === 37) {
      lit += "%";
      start = i + 1;
      i = fmt.indexOf("%", start);
      continue;
    }
    let key: string | null = null;
    let needsMapping = false;
    if (i < n && fmt.charCodeAt(i) === 40) {
      needsMapping = true;
      let depth = 1;
      const keyStart = ++i;
      while (i < n) {
        const c = fmt.charCodeAt(i);
        if (c === 40) depth++;
        else if (c === 41 && --depth === 0) break;
        i++;
      }
      if (i >= n) {
        const f = { needsMapping, key: null, starWidth: false, starPrecision: false, fetchValue: false };
        return fail(parts, lit, f, "ValueError", "incomplete format key");
      }
      key = fmt.slice(keyStart, i++);
    }
    let flags = "";
    while (i < n) {
      const c = fmt[i]!;
      if (c === "-" || c === "+" || c === " " || c === "#" || c === "0") {
        flags += c;
        i++;
      } else break;
    }
    let width: number | "*" | null = null;
    let precision: number | "*" | null = null;
    const base = { needsMapping, key, fetchValue: false };
    if (i < n && fmt.charCodeAt(i) === 42) {
      width = "*";
      i++;
    } else {
      let c = fmt.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        let w = 0;
        while (c >= 48 && c <= 57) {
          w = w * 10 + (c - 48);
          if (w > WIDTH_MAX)
            return fail(
              parts,
              lit,
              { ...base, starWidth: width === "*", starPrecision: precision === "*" },
              "ValueError",
              "width too big",
            );
          c = fmt.charCodeAt(++i);
        }
        width = w;
      }
    }
    if (i < n && fmt.charCodeAt(i) === 46) {
      i++;
      if (i < n && fmt.charCodeAt(i) === 42) {
        precision = "*";
        i++;
      } else {
        let p = 0;
        let c = fmt.charCodeAt(i);
        while (c >= 48 && c <= 57) {
          p = p * 10 + (c - 48);
          if (p > PREC_MAX)
            return fail(
              parts,
              lit,
              { ...base, starWidth: width === "*", starPrecision: precision === "*" },
              "ValueError",
              "precision too big",
            );
          c = fmt.charCodeAt(++i);
        }
        precision = p;
      }
    }
    if (i < n) {
      const c = fmt[i];
      if (c === "h" || c === "l" || c === "L") i++;
    }
    if (i >= n)
      return fail(
        parts,
        lit,
        { ...base, starWidth: width === "*", starPrecision: precision === "*" },
        "ValueError",
        "incomplete format",
      );
    const cp = fmt.codePointAt(i)!;
    const conv = String.fromCodePoint(cp);
    if (conv === "%" || CONVERSIONS.indexOf(conv) < 0) {
      const shown = cp >= 0x1f && cp <= 0x7e ? conv : "?"; // CPython shows 31..126 as is
      const at = cpLength(fmt.slice(0, i));
      const message = `unsupported format character '${shown}' (0x${cp.toString(16)}) at index ${at}`;
      return fail(
        parts,
        lit,
        { ...base, starWidth: width === "*", starPrecision: precision === "*", fetchValue: key === null },
        "ValueError",
        message,
      );
    }
    if (lit !== "") parts.push(lit);
    lit = "";
    parts.push({ key, flags, width, precision, conversion: conv });
    start = i + 1;
    i = fmt.indexOf("%", start);
  }
  lit += fmt.slice(start);
  if (lit !== "") parts.push(lit);
  const positional = positionalCount(parts);
  return {
    parts,
    failure: null,
    positional,
    kinds: positional >= 0 ? partKinds(parts) : NO_KINDS,
    plainText: parts.every((p) => typeof p !== "string" || jsonPlain(p)),
  };
}

function positionalCount(parts: PercentPart[]): number {
  let count = 0;
  for (const part of parts) {
    if (typeof part === "string") continue;
    if (part.key !== null || part.width === "*" || part.precision === "*") return -1;
    count++;
  }
  return count;
}

/**
 * Parses a printf-style format once into literal text and conversions.
 * Throws CPython's error for a malformed format (`ValueError: incomplete
 * format`, `unsupported format character 'z' (0x7a) at index 5`, …).
 */
export function parsePercent(fmt: string): PercentPart[] {
  const r = parseInternal(fmt);
  if (r.failure) throw pyError(r.failure.errName, r.failure.message);
  return r.parts;
}

/**
 * How many positional arguments `fmt` consumes (each `*` counts), or -1 when
 * it uses `%(key)` or is malformed.
 */
export function countPercentArgs(fmt: string): number {
  const r = getParsed(fmt);
  if (r.failure) return -1;
  let count = 0;
  for (const part of r.parts) {
    if (typeof part === "string") continue;
    if (part.key !== null) return -1;
    count += 1 + (part.width === "*" ? 1 : 0) + (part.precision === "*" ? 1 : 0);
  }
  return count;
}

// Log messages are mostly a few constant strings: cache their parse (bounded
// in entries and key length so dynamic or huge messages cannot grow it).
const cache = new Map<string, Parsed>();
const CACHE_MAX = 512;
const CACHE_KEY_MAX = 2048;

let lastFmt: string | null = null;
let lastParsed: Parsed | null = null;

function getParsed(fmt: string): Parsed {
  // Loops log the same message over and over: compare before hashing.
  if (fmt === lastFmt) return lastParsed!;
  let r = cache.get(fmt);
  if (r === undefined) {
    r = parseInternal(fmt);
    if (fmt.length <= CACHE_KEY_MAX) {
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(fmt, r);
    }
  }
  lastFmt = fmt;
  lastParsed = r;
  return r;
}

function isMapping(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  if (v instanceof Map) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function lookup(mapping: Map<unknown, unknown> | Record<string, unknown>, key: string): unknown {
  if (mapping instanceof Map) {
    if (!mapping.has(key)) throw keyError(key);
    return mapping.get(key);
  }
  if (!Object.hasOwn(mapping, key)) throw keyError(key);
  return mapping[key];
}

/** Positional-argument bookkeeping of one `%` call, CPython style: a single value sits at index -2 of a length -1 "tuple". */
interface ArgState {
  args: unknown;
  tuple: readonly unknown[] | null;
  mapping: Map<unknown, unknown> | Record<string, unknown> | null;
  idx: number;
  len: number;
}

function nextArg(st: ArgState): unknown {
  if (st.idx >= st.len) throw typeError("not enough arguments for format string");
  st.idx++;
  return st.tuple !== null ? st.tuple[st.idx - 1] : st.args;
}

function keyedArg(st: ArgState, key: string): unknown {
  if (st.mapping === null) throw typeError("format requires a mapping");
  const v = lookup(st.mapping, key);
  st.idx = st.len = 0; // after a key, positional conversions find nothing
  return v;
}

/** Python's `fmt % args`: an Array is a tuple, a plain object or Map also serves `%(key)`, anything else is one value. */
export function percentFormat(fmt: string, args: unknown): string {
  const parsed = getParsed(fmt);
  const parts = parsed.parts;
  const tuple = Array.isArray(args) ? (args as readonly unknown[]) : null;
  if (tuple !== null && parsed.positional === tuple.length) return formatPositional(parsed, tuple);
  printfState.plain = false;
  const st: ArgState = {
    args,
    tuple,
    mapping: tuple === null && isMapping(args) ? args : null,
    idx: tuple !== null ? 0 : -2,
    len: tuple !== null ? tuple.length : -1,
  };
  let out = "";
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (typeof part === "string") {
      out += part;
      continue;
    }
    let value = part.key !== null ? keyedArg(st, part.key) : undefined;
    let width: number | null | undefined;
    let precision: number | null | undefined;
    if (part.width === "*") width = starInt(nextArg(st), false);
    if (part.precision === "*") precision = starInt(nextArg(st), true);
    if (part.key === null) value = nextArg(st);
    out += formatPercentValue(value, part, width, precision);
  }
  const failure = parsed.failure;
  if (failure !== null) {
    if (failure.needsMapping && st.mapping === null) throw typeError("format requires a mapping");
    if (failure.key !== null) keyedArg(st, failure.key);
    if (failure.starWidth) starInt(nextArg(st), false);
    if (failure.starPrecision) starInt(nextArg(st), true);
    if (failure.fetchValue) nextArg(st);
    throw pyError(failure.errName, failure.message);
  }
  if (st.idx < st.len && st.mapping === null) throw typeError("not all arguments converted during string formatting");
  return out;
}

/**
 * The common case: positional conversions, exactly as many arguments. Nothing
 * can be missing or left over, so each value is formatted in order with no
 * bookkeeping (errors from a conversion still surface left to right).
 */
function formatPositional(parsed: Parsed, tuple: readonly unknown[]): string {
  const parts = parsed.parts;
  const kinds = parsed.kinds;
  let plain = parsed.plainText;
  let out = "";
  let j = 0;
  for (let k = 0; k < parts.length; k++) {
    const kind = kinds[k];
    const part = parts[k]!;
    if (kind === PART_TEXT) {
      out += part as string;
      continue;
    }
    const value = tuple[j++];
    // A bare `%s` of a string and a bare `%d` of a safe integer are the
    // text itself and the integer's digits; everything else converts fully.
    if (kind === PART_BARE_S && typeof value === "string") {
      out += value;
      if (plain) plain = value.length <= PLAIN_SCAN_MAX && jsonPlain(value);
    } else if (kind === PART_BARE_D && typeof value === "number" && Number.isSafeInteger(value)) out += intText(value);
    else {
      out += formatPercentValue(value, part as PercentSpec);
      plain = false;
    }
  }
  printfState.plain = plain;
  return out;
}

/**
 * What the last `percentFormat` call knew of its result: `plain` when every
 * piece was checked to need no JSON escaping (literal text at parse time,
 * `%s` strings as they were appended, integers' digits). A JSON formatter
 * then quotes the message as it is instead of scanning it: scanning a
 * freshly concatenated string makes V8 copy it into one piece first, which
 * costs more than building it did. @internal
 */
export const printfState = { plain: false };

/** Longer `%s` strings are not scanned here (the message is then scanned as a whole, as before). */
const PLAIN_SCAN_MAX = 256;

/** A `*` width or precision: an int (or bool), range-checked like CPython's C conversion. */
function starInt(v: unknown, isPrecision: boolean): number {
  let n: number;
  if (typeof v === "number" && Number.isInteger(v)) n = v;
  else if (typeof v === "boolean") n = v ? 1 : 0;
  else if (typeof v === "bigint") n = Number(v);
  else throw typeError("* wants int");
  if (isPrecision ? n > PREC_MAX || n < -PREC_MAX - 1 : n > WIDTH_MAX || n < -WIDTH_MAX - 1) {
    const ctype = isPrecision ? "C int" : "C ssize_t";
    throw pyError("OverflowError", `Python int too large to convert to ${ctype}`);
  }
  return n;
}

const F_LJUST = 1;
const F_SIGN = 2;
const F_BLANK = 4;
const F_ALT = 8;
const F_ZERO = 16;

function flagBits(flags: string): number {
  let b = 0;
  for (let i = 0; i < flags.length; i++) {
    const c = flags.charCodeAt(i);
    b |= c === 45 ? F_LJUST : c === 43 ? F_SIGN : c === 32 ? F_BLANK : c === 35 ? F_ALT : F_ZERO;
  }
  return b;
}

/** Pads text to `width` code points with spaces (left-justified with `-`). */
function padText(s: string, width: number, ljust: boolean): string {
  if (width <= 0 || s.length >= 2 * width) return s;
  const len = cpLength(s);
  if (len >= width) return s;
  const fill = " ".repeat(width - len);
  return ljust ? s + fill : fill + s;
}

/** Pads a number: sign and prefix stay in front of zero padding. */
function padNumber(sign: string, prefix: string, body: string, width: number, bits: number): string {
  const len = sign.length + prefix.length + body.length;
  if (width <= len) return sign + prefix + body;
  const fill = width - len;
  if (bits & F_LJUST) return sign + prefix + body + " ".repeat(fill);
  if (bits & F_ZERO) return sign + prefix + "0".repeat(fill) + body;
  return " ".repeat(fill) + sign + prefix + body;
}

function signOf(neg: boolean, bits: number): string {
  return neg ? "-" : bits & F_SIGN ? "+" : bits & F_BLANK ? " " : "";
}

/** An integral value for `%d %i %u`: floats truncate, bools are 0/1. */
function toIntForD(v: unknown, conv: string): number | bigint {
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v;
    if (v !== v) throw pyError("ValueError", "cannot convert float NaN to integer");
    if (v === Infinity || v === -Infinity) throw pyError("OverflowError", "cannot convert float infinity to integer");
    return Math.trunc(v);
  }
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw typeError(`%${conv} format: a real number is required, not ${pyTypeName(v)}`);
}

/** An integral value for `%o %x %X`: an int is required (floats are refused). */
function toIntStrict(v: unknown, conv: string): number | bigint {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw typeError(`%${conv} format: an integer is required, not ${pyTypeName(v)}`);
}

/** A float for `%e %f %g`: ints and bools convert, huge ints overflow. */
export function toFloatArg(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") {
    const x = Number(v);
    if (x === Infinity || x === -Infinity) throw pyError("OverflowError", "int too large to convert to float");
    return x;
  }
  throw typeError(`must be real number, not ${pyTypeName(v)}`);
}

function formatInt(v: number | bigint, conv: string, bits: number, width: number, prec: number | null): string {
  const base = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
  let digits = intDigitsAbs(v, base);
  if (conv === "X") digits = digits.toUpperCase();
  if (prec !== null && digits.length < prec) digits = "0".repeat(prec - digits.length) + digits;
  const prefix = bits & F_ALT && base !== 10 ? (base === 8 ? "0o" : conv === "X" ? "0X" : "0x") : "";
  const neg = typeof v === "bigint" ? v < 0n : v < 0;
  return padNumber(signOf(neg, bits), prefix, digits, width, bits);
}

function formatFloat(x: number, conv: string, bits: number, width: number, prec: number | null): string {
  const upper = conv === "E" || conv === "F" || conv === "G";
  const p = prec === null ? 6 : prec;
  const alt = (bits & F_ALT) !== 0;
  let body: string;
  if (x !== x || x === Infinity || x === -Infinity) body = nonFinite(x, upper);
  else if (conv === "f" || conv === "F") body = fixedAbs(x, p) + (alt && p === 0 ? "." : "");
  else if (conv === "e" || conv === "E") body = expAbs(x, p, upper, alt);
  else body = generalAbs(x, p, upper, alt);
  return padNumber(signOf(x < 0 || Object.is(x, -0), bits), "", body, width, bits);
}

function formatChar(v: unknown): string {
  if (typeof v === "string") {
    if (v.length === 1 || (v.length === 2 && cpLength(v) === 1)) return v;
    throw typeError("%c requires int or char");
  }
  let cp: number | bigint;
  if (typeof v === "number" && Number.isInteger(v)) cp = v;
  else if (typeof v === "bigint") cp = v;
  else if (typeof v === "boolean") cp = v ? 1 : 0;
  else throw typeError("%c requires int or char");
  if (cp < 0 || cp > 0x10ffff) throw pyError("OverflowError", "%c arg not in range(0x110000)");
  return String.fromCodePoint(Number(cp));
}

/**
 * Formats one value for one conversion, as `"%<spec>" % (value,)` would.
 * `width`/`precision` (when given, e.g. resolved `*` values) override the
 * spec's; a negative width left-justifies, a negative precision counts as 0.
 */
export function formatPercentValue(
  value: unknown,
  spec: PercentSpec,
  width?: number | null,
  precision?: number | null,
): string {
  const conv = spec.conversion;
  let w = width !== undefined ? width : typeof spec.width === "number" ? spec.width : null;
  let p = precision !== undefined ? precision : typeof spec.precision === "number" ? spec.precision : null;
  // Hot path: plain `%s` of a string.
  if (conv === "s" && typeof value === "string" && p === null && (w === null || w === 0)) return value;
  let bits = spec.flags === "" ? 0 : flagBits(spec.flags);
  if (w === null) w = 0;
  else if (w < 0) {
    bits |= F_LJUST;
    w = -w;
  }
  if (p !== null && p < 0) p = 0;
  switch (conv) {
    case "s":
    case "r":
    case "a": {
      let s = conv === "s" ? pyStr(value) : conv === "r" ? pyRepr(value) : pyAscii(value);
      if (p !== null) s = cpSlice(s, p);
      return padText(s, w, (bits & F_LJUST) !== 0);
    }
    case "d":
    case "i":
    case "u": {
      // Hot path: small integers without precision or flags.
      if (typeof value === "number" && bits === 0 && p === null && Number.isSafeInteger(value)) {
        const s = intText(value);
        return s.length >= w ? s : " ".repeat(w - s.length) + s;
      }
      return formatInt(toIntForD(value, conv), conv, bits, w, p);
    }
    case "o":
    case "x":
    case "X":
      return formatInt(toIntStrict(value, conv), conv, bits, w, p);
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      return formatFloat(toFloatArg(value), conv, bits, w, p);
    case "c":
      return padText(formatChar(value), w, (bits & F_LJUST) !== 0);
  }
  throw pyError("ValueError", `unsupported format character '${conv}'`);
}
