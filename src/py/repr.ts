/**
 * Python's `str()`, `repr()` and `ascii()` mapped onto JS values, plus the
 * Python type names used in error messages.
 */
import { inspect, types } from "node:util";
import { pyError, quoteLikePython } from "./errors.js";
import { reprAbs } from "./numfmt.js";

// compact: true keeps arrays and nested objects on one line whatever their size.
const INSPECT_OPTS = { breakLength: Infinity, depth: 4, compact: true } as const;

const objToString = Object.prototype.toString;
const arrToString = Array.prototype.toString;
const fnToString = Function.prototype.toString;

function isError(v: unknown): v is Error {
  return v instanceof Error || types.isNativeError(v);
}

/** A non-Error throw (`throw "x"`) from user code becomes an Error so callers only ever see Errors. */
function asError(e: unknown): Error {
  if (isError(e)) return e;
  let text: string;
  try {
    text = typeof e === "string" ? e : inspect(e, INSPECT_OPTS);
  } catch {
    text = "<unprintable value>";
  }
  return pyError("RuntimeError", `non-Error value thrown while converting to text: ${text}`, e);
}

/** `util.inspect` on one line: error stacks or custom inspectors may still add newlines, so fold them. */
function inspectLine(value: unknown): string {
  let s: string;
  try {
    s = inspect(value, INSPECT_OPTS);
  } catch (e) {
    throw asError(e);
  }
  return s.indexOf("\n") < 0 ? s : s.replace(/\n\s*/g, " ");
}

/**
 * Python's `str()` for a JS value: strings as is, numbers and bigints through
 * `String()`, an Error through `String(err)`, an object whose class defines
 * its own `toString` through it, anything else through a one-line
 * `util.inspect` (never `[object Object]`). Only ever throws Errors.
 */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None"; // Python's None
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
      return String(value);
    case "object":
    case "function":
      if (value === null) break;
      if (isError(value)) {
        try {
          return String(value);
        } catch {
          try {
            return inspectLine(value);
          } catch {
            return "<exception str() failed>";
          }
        }
      }
      if (typeof value === "object") {
        let ts: unknown;
        try {
          ts = (value as { toString?: unknown }).toString;
        } catch (e) {
          throw asError(e);
        }
        if (typeof ts === "function" && ts !== objToString && ts !== arrToString && ts !== fnToString) {
          let r: unknown;
          try {
            r = ts.call(value);
          } catch (e) {
            throw asError(e);
          }
          return typeof r === "string" ? r : inspectLine(r);
        }
      }
      break;
  }
  return inspectLine(value);
}

/** Python-style repr of an Error: `TypeError('bad value')`. */
function errorRepr(err: Error): string {
  let name = "Error";
  let message = "";
  try {
    name = String(err.name);
    message = String(err.message);
  } catch {
    // keep what we have: repr must not fail on a hostile error
  }
  return `${name}(${quoteLikePython(message)})`;
}

/**
 * Python's `repr()`: strings quoted as Python quotes them, numbers and
 * bigints through `String()`, Errors as `Name('message')`, anything else
 * through a one-line `util.inspect`.
 */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return quoteLikePython(value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (isError(value)) return errorRepr(value);
  return inspectLine(value);
}

/** Python's `ascii()`: `pyRepr` with every non-ASCII code point escaped as `\xe9`, `\u20ac` or `\U0001f600`. */
export function pyAscii(value: unknown): string {
  const r = pyRepr(value);
  let i = 0;
  while (i < r.length && r.charCodeAt(i) < 0x80) i++;
  if (i === r.length) return r;
  let out = r.slice(0, i);
  for (const ch of r.slice(i)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * Python's `repr(float)`: shortest round-trip digits, `1.0` for integral
 * values, scientific (`1e+16`, `1e-05`) when the exponent is >= 16 or < -4,
 * and `inf`, `-inf`, `nan`.
 */
export function pyFloatRepr(x: number): string {
  if (x !== x) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0 || Object.is(x, -0);
  return neg ? "-" + reprAbs(x) : reprAbs(x);
}

/**
 * The Python type name a JS value stands for in error messages: `str`,
 * `int` (integral numbers, bigints), `float`, `bool`, `NoneType`, `list`,
 * `dict`, `function`, else the constructor's name.
 */
export function pyTypeName(value: unknown): string {
  switch (typeof value) {
    case "string":
      return "str";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "undefined":
      return "NoneType";
    case "function":
      return "function";
    case "symbol":
      return "symbol";
  }
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(value);
  } catch {
    return "object";
  }
  if (proto === null || proto === Object.prototype) return "dict";
  try {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" ? name : "object";
  } catch {
    return "object";
  }
}

/** Number of code points in `s` (Python's `len`); fast for the usual surrogate-free text. */
export function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The first `n` code points of `s` (Python's `s[:n]`). */
export function cpSlice(s: string, n: number): string {
  if (n >= s.length) return s;
  let i = 0;
  let count = 0;
  while (i < s.length && count < n) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    count++;
  }
  return s.slice(0, i);
}
