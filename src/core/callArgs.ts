/**
 * The call boundary: splitting a logging call's JS arguments into Python's
 * `*args` and `**kwargs`, and copying `extra` onto the record.
 *
 * A logging call's arguments are often untrusted data (a parsed request
 * body, a header object). The rules below make sure such data is only ever
 * formatted, never obeyed:
 *
 * - An object that a placeholder of the message consumes (`%s`, `%r`, a
 *   `%(key)s` mapping, a `*` width) is an argument, whatever its keys. The
 *   count is an upper bound: a malformed format counts every `%` that could
 *   start a conversion.
 * - Otherwise a trailing plain object is the keyword object when its keys
 *   are all among `exc_info`, `stack_info`, `stacklevel`, `extra` and each
 *   value has the type Python's `_log` expects (`extra` a plain object,
 *   `stacklevel` an integer, `stack_info` a boolean or number, `exc_info` an
 *   Error, a boolean or number, or an `[type, value, traceback]` tuple).
 * - A trailing object that looks like a misspelt keyword object
 *   (`{ exc_inf: err }`, `{ excInfo: err }`, `{ extras: {} }`, a keyword
 *   with a value of the wrong type, an Error inside an object) stays an
 *   argument, and a one-time `LogxideWarning` process warning names the
 *   problem.
 * - An `Error` left at the end that no placeholder consumes is `exc_info`.
 * - Nothing here throws: hostile objects (Proxies, throwing getters) are
 *   arguments, and a failure while reading `extra` is reported through the
 *   logging error report.
 */
import { types } from "node:util";
import { countPercentArgs } from "../py/printf.js";
import { keyError, quoteLikePython } from "../py/errors.js";
import { pyTypeName } from "../py/repr.js";
import { reportLoggingError } from "../handlers/handler.js";
import { isDefaultRecord, type LogRecord } from "./record.js";

/** The keyword arguments of a logging call. */
export interface LogKwargs {
  exc_info?: unknown;
  stack_info?: boolean;
  stacklevel?: number;
  extra?: Record<string, unknown> | null;
}

/**
 * Keyword arguments that were already told apart from the positional ones
 * (by a `LoggerAdapter` forwarding a call). Data cannot produce an instance
 * of this class, so a trailing `CallOptions` is taken as keywords with no
 * further checks, and the trailing-Error rule is not applied a second time.
 * @internal
 */
export class CallOptions implements LogKwargs {
  exc_info?: unknown;
  stack_info?: boolean;
  stacklevel?: number;
  extra?: Record<string, unknown> | null;

  constructor(exc_info?: unknown, stack_info?: boolean, stacklevel?: number, extra?: Record<string, unknown> | null) {
    // All four assigned in one order: every instance has one shape.
    this.exc_info = exc_info;
    this.stack_info = stack_info;
    this.stacklevel = stacklevel;
    this.extra = extra;
  }
}

/** The keyword names Python's `Logger._log` takes, in its order. */
export const KEYWORDS: readonly string[] = ["exc_info", "extra", "stack_info", "stacklevel"];

/**
 * True for a trailing object that `splitCall` would take as keyword
 * arguments when no placeholder consumes it.
 */
export function isLogKwargs(v: unknown): v is LogKwargs {
  if (typeof v !== "object" || v === null) return false;
  const proto = prototypeOf(v);
  if (proto === CallOptions.prototype) return true;
  return (proto === Object.prototype || proto === null) && readKeywords(v, false) !== null;
}

/** `args` and `kwargs` of one call. */
export interface SplitCall {
  args: unknown[];
  kwargs: CallOptions | null;
}

/**
 * Reads `source[start…]` as Python's `*args, **kwargs` for message `msg`
 * (see the module comment for the rules). The returned `kwargs` is a fresh
 * object (or the caller's `CallOptions`), never the caller's plain object.
 */
export function splitCall(msg: unknown, source: ArrayLike<unknown>, start: number): SplitCall {
  let end = source.length;
  let kwargs: CallOptions | null = null;
  let forwarded = false;
  if (end > start) {
    const last = source[end - 1];
    if (typeof last === "object" && last !== null) {
      const proto = prototypeOf(last);
      if (proto === CallOptions.prototype) {
        kwargs = last as CallOptions;
        forwarded = true;
        end--;
      } else if ((proto === Object.prototype || proto === null) && placeholderCount(msg) < end - start) {
        kwargs = readKeywords(last, true);
        if (kwargs !== null) end--;
      }
    }
  }
  const args = argsSlice(source, start, end);
  if (!forwarded && args.length > 0 && (kwargs === null || kwargs.exc_info === undefined)) {
    const last = args[args.length - 1];
    // The count first: it is cached, and `log.info("%s", obj)` needs no Error test.
    if (placeholderCount(msg) < args.length && isError(last)) {
      args.pop();
      if (kwargs === null) kwargs = new CallOptions();
      kwargs.exc_info = last;
    }
  }
  return { args, kwargs };
}

/**
 * `source[start…end)` as a new array. Calls mostly pass a few arguments: an
 * array literal of exactly that size is packed and allocated once, where
 * `push` onto `[]` grows a spare backing store.
 */
export function argsSlice(source: ArrayLike<unknown>, start: number, end: number): unknown[] {
  switch (end - start) {
    case 0:
      return [];
    case 1:
      return [source[start]];
    case 2:
      return [source[start], source[start + 1]];
    case 3:
      return [source[start], source[start + 1], source[start + 2]];
    default: {
      const args: unknown[] = [];
      for (let i = start; i < end; i++) args.push(source[i]);
      return args;
    }
  }
}

/** A Proxy's `getPrototypeOf` trap may throw (a revoked Proxy's always does): undefined then. */
function prototypeOf(v: object): unknown {
  try {
    return Object.getPrototypeOf(v);
  } catch {
    return undefined;
  }
}

/** An Error of this realm or another (`vm`, workers' structured clones), read without running traps that throw. */
export function isError(v: unknown): v is Error {
  if (typeof v !== "object" || v === null) return false;
  try {
    return v instanceof Error || types.isNativeError(v);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// How many arguments the message's placeholders may consume

let lastMsg: string | null = null;
let lastCount = 0;

/**
 * How many leading arguments the placeholders of `msg` may consume: exact
 * for a well-formed positional format, 1 for a `%(key)s` format (it takes
 * one mapping), an upper bound for a malformed one. A non-string message is
 * formatted as `str(msg) % args` by Python, but its text is not known at
 * call time: it consumes none here.
 */
export function placeholderCount(msg: unknown): number {
  if (typeof msg !== "string") return 0;
  if (msg === lastMsg) return lastCount;
  let n = countPercentArgs(msg);
  if (n < 0) n = boundPercentArgs(msg);
  lastMsg = msg;
  lastCount = n;
  return n;
}

/**
 * An upper bound on the arguments a `%` format consumes, for the formats
 * `countPercentArgs` does not count (mapping keys, malformed conversions):
 * one mapping if any `%(key)` appears, plus one for every other `%` that
 * can start a conversion and one for every `*`. A lone `%` at the very end
 * formats nothing.
 */
function boundPercentArgs(fmt: string): number {
  const n = fmt.length;
  let positional = 0;
  let mapping = false;
  let i = fmt.indexOf("%");
  while (i >= 0 && i < n) {
    i++;
    if (i >= n) break;
    let c = fmt.charCodeAt(i);
    if (c === 37 /* % */) {
      i = fmt.indexOf("%", i + 1);
      continue;
    }
    if (c === 40 /* ( */) {
      // CPython lets the key hold balanced parentheses.
      mapping = true;
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        c = fmt.charCodeAt(i);
        if (c === 40) depth++;
        else if (c === 41) depth--;
        i++;
      }
    } else {
      positional++;
    }
    while (i < n && "#0- +".includes(fmt[i]!)) i++;
    if (fmt[i] === "*") {
      positional++;
      i++;
    } else while (i < n && fmt.charCodeAt(i) >= 48 && fmt.charCodeAt(i) <= 57) i++;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        positional++;
        i++;
      } else while (i < n && fmt.charCodeAt(i) >= 48 && fmt.charCodeAt(i) <= 57) i++;
    }
    while (i < n && "hlL".includes(fmt[i]!)) i++;
    // The conversion character; a `%` here may start the next conversion.
    if (i < n && fmt.charCodeAt(i) !== 37) i++;
    i = fmt.indexOf("%", i);
  }
  return positional + (mapping ? 1 : 0);
}

// ---------------------------------------------------------------------------
// Recognising the keyword object

const KEYWORD_SET = new Set(KEYWORDS);

/** A `{...}` literal or `Object.create(null)` object (the caller catches a throwing trap). */
function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own enumerable string keys of a plain object, or null (not plain, or a trap threw). */
function plainKeys(v: object): string[] | null {
  try {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return null;
    return Object.keys(v);
  } catch {
    return null;
  }
}

/** Why `value` cannot be the keyword `key`, or null when it can. */
function keywordTypeProblem(key: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  switch (key) {
    case "extra":
      if (typeof value === "object" && isPlain(value)) return null;
      return "'extra' must be a plain object";
    case "stacklevel":
      if (typeof value === "number" && Number.isInteger(value)) return null;
      return "'stacklevel' must be an integer";
    case "stack_info":
      if (typeof value === "boolean" || typeof value === "number") return null;
      return "'stack_info' must be a boolean";
    default: // exc_info
      if (typeof value === "boolean" || typeof value === "number" || isError(value)) return null;
      if (
        Array.isArray(value) &&
        value.length === 3 &&
        (value[1] === null || value[1] === undefined || isError(value[1]))
      ) {
        return null;
      }
      return "'exc_info' must be an Error, a boolean or an [type, value, traceback] tuple";
  }
}

/**
 * The keyword object the plain object `v` stands for, copied into a fresh
 * `CallOptions`, or null when `v` is an argument. With `warn`, an object that looks like a
 * misspelt keyword object is reported once.
 */
function readKeywords(v: object, warn: boolean): CallOptions | null {
  // Read once into locals (a getter could answer differently later), with
  // `for…in` rather than `Object.keys`: no array for the usual one or two keys.
  let excInfo: unknown;
  let stackInfo: unknown;
  let stacklevel: unknown;
  let extra: unknown;
  let n = 0;
  let problem: string | null = null;
  let bad: unknown;
  try {
    for (const key in v) {
      const value = (v as Record<string, unknown>)[key];
      n++;
      switch (key) {
        case "exc_info":
          excInfo = value;
          break;
        case "extra":
          extra = value;
          break;
        case "stack_info":
          stackInfo = value;
          break;
        case "stacklevel":
          stacklevel = value;
          break;
        default:
          if (warn) {
            const keys = plainKeys(v);
            if (keys !== null) warnLookalike(v, keys, keys.filter((k) => KEYWORD_SET.has(k)).length);
          }
          return null;
      }
      if (problem === null) {
        problem = keywordTypeProblem(key, value); // Array.isArray throws on a revoked Proxy
        if (problem !== null) bad = value;
      }
    }
  } catch {
    return null; // a throwing getter or trap: the object is an argument
  }
  if (n === 0) return null;
  if (problem !== null) {
    if (warn) warnOnce(`${problem}, not ${safeTypeName(bad)}`);
    return null;
  }
  return new CallOptions(
    excInfo,
    stackInfo as boolean | undefined,
    stacklevel as number | undefined,
    extra as Record<string, unknown> | null | undefined,
  );
}

/** `pyTypeName`, which a revoked Proxy makes throw (`Array.isArray`). */
export function safeTypeName(value: unknown): string {
  try {
    return pyTypeName(value);
  } catch {
    return "object";
  }
}

/** Lower case without `_`/`-`, so `excInfo`, `EXC_INFO` and `exc-info` compare alike. */
const LOOSE_KEYWORDS = ["excinfo", "extra", "stackinfo", "stacklevel"];

function loose(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, "");
}

/** Optimal string alignment distance, stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The keyword `key` is probably a misspelling of, or null. */
function lookalike(key: string): string | null {
  if (key.length > 24) return null;
  const k = loose(key);
  for (let i = 0; i < LOOSE_KEYWORDS.length; i++) {
    const word = LOOSE_KEYWORDS[i]!;
    if (editDistance(k, word, word.length <= 5 ? 1 : 2) <= (word.length <= 5 ? 1 : 2)) {
      return ["exc_info", "extra", "stack_info", "stacklevel"][i]!;
    }
  }
  return null;
}

/** Reports a trailing argument that was probably meant as the keyword object. */
function warnLookalike(v: object, keys: string[], known: number): void {
  const limit = Math.min(keys.length, 16);
  for (let i = 0; i < limit; i++) {
    const key = keys[i]!;
    if (KEYWORD_SET.has(key)) continue;
    const near = lookalike(key);
    if (near !== null || known > 0) {
      const hint = near !== null && near !== key ? ` (did you mean '${near}'?)` : "";
      warnOnce(`unexpected keyword argument ${quoteLikePython(key.slice(0, 40))}${hint}`);
      return;
    }
  }
  // `log.error("failed", { err })`: an Error inside an argument is not exc_info.
  for (let i = 0; i < limit; i++) {
    let value: unknown;
    try {
      value = (v as Record<string, unknown>)[keys[i]!];
    } catch {
      return;
    }
    if (isError(value)) {
      warnOnce(`an Error under ${quoteLikePython(keys[i]!.slice(0, 40))} is not exception information`);
      return;
    }
  }
}

/** Distinct texts reported so far; bounded so that varied data cannot grow it. */
const warned = new Set<string>();
const WARN_MAX = 32;

/**
 * One process warning per distinct problem (type `LogxideWarning`, code
 * `LOGXIDE_LOG_ARGUMENT`): a logging call must not throw, and a misspelt
 * keyword should not go unnoticed either.
 */
function warnOnce(problem: string): void {
  if (warned.has(problem) || warned.size >= WARN_MAX) return;
  warned.add(problem);
  try {
    process.emitWarning(
      `logging call: ${problem}; the object was logged as a positional argument. ` +
        "Keyword arguments are a trailing { exc_info, stack_info, stacklevel, extra } object " +
        "that no placeholder of the message consumes.",
      { type: "LogxideWarning", code: "LOGXIDE_LOG_ARGUMENT" },
    );
  } catch {
    /* a throwing 'warning' listener must not reach the logging call */
  }
}

/** Forgets the problems already reported (tests). @internal */
export function _resetArgumentWarnings(): void {
  warned.clear();
}

// ---------------------------------------------------------------------------
// extra → record

/**
 * Python's `makeRecord` loop: each key of `extra` becomes an own attribute
 * of `rv`. A key naming an attribute the record already has (or `message`,
 * `asctime`) throws Python's `KeyError`; any other string key is stored as
 * an own property, including names JS objects inherit (`constructor`,
 * `toString`, `__proto__`), without touching a prototype. A Proxy or
 * throwing getter is reported through the logging error report and the
 * record is logged without the values that could not be read.
 */
export function copyExtra(rv: LogRecord, extra: object): void {
  let keys: string[];
  try {
    keys = Object.keys(extra);
  } catch (err) {
    reportLoggingError(rv, err);
    return;
  }
  // The keys of the last `extra` found to clash with nothing and inherit
  // nothing on a default record hold for every default record: the same
  // keys again are copied in one call of the copy made for them. A throwing
  // getter or Proxy trap falls back to the key-by-key path below, which
  // reports it.
  const last = plainExtra;
  if (keys.length > 0 && sameKeys(keys, last.keys) && isDefaultRecord(rv)) {
    try {
      last.copy(rv, extra);
      return;
    } catch {
      // Undo what was copied (none of these keys is the record's own), so
      // the path below reads each key once more and reports the failure.
      for (const key of keys) delete (rv as unknown as Record<string, unknown>)[key];
    }
  }
  let reported = false;
  let plain = true;
  const target = rv as unknown as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const inherited = key in rv;
    if (key === "message" || key === "asctime" || (inherited && Object.hasOwn(rv, key))) {
      throw keyError(`Attempt to overwrite ${quoteLikePython(key)} in LogRecord`);
    }
    let value: unknown;
    try {
      value = (extra as Record<string, unknown>)[key];
    } catch (err) {
      if (!reported) reportLoggingError(rv, err);
      reported = true;
      plain = false;
      continue;
    }
    // Python writes to the instance `__dict__`: an inherited name (an
    // accessor like `__proto__`, a method like `toString`) is shadowed by a
    // data property, never assigned through.
    if (inherited) {
      plain = false;
      Object.defineProperty(rv, key, { value, writable: true, enumerable: true, configurable: true });
    } else target[key] = value;
  }
  if (plain && keys.length > 0 && isDefaultRecord(rv)) plainExtra = { keys, copy: copyFor(keys) };
}

/** Copies a fixed list of keys from an `extra` onto a record. */
type ExtraCopy = (rv: object, extra: object) => void;

/**
 * The keys of the last `extra` copied key by key with nothing inherited,
 * clashing or unreadable, and the copy made for them.
 */
let plainExtra: { readonly keys: readonly string[]; readonly copy: ExtraCopy } = { keys: [], copy: Object.assign };

/** Copies made so far, by their keys' JSON text; bounded so that varied keys cannot grow it. */
const extraCopies = new Map<string, ExtraCopy>();
const EXTRA_COPIES_MAX = 64;

/**
 * A function assigning exactly `keys`, each a string literal in its source
 * (`JSON.stringify` of the key, so no key can be anything but a literal).
 * V8 compiles each assignment to a store for one known shape, several times
 * cheaper than `Object.assign`'s generic copy. Where code generation from
 * strings is disallowed, or past the bound, `Object.assign` does the same.
 */
function copyFor(keys: readonly string[]): ExtraCopy {
  const id = JSON.stringify(keys);
  let copy = extraCopies.get(id);
  if (copy !== undefined) return copy;
  copy = Object.assign;
  if (extraCopies.size < EXTRA_COPIES_MAX) {
    try {
      // Strict, as Object.assign: a store that cannot be made throws.
      const body = keys.map((k) => `rv[${JSON.stringify(k)}] = extra[${JSON.stringify(k)}];`).join("\n");
      copy = new Function("rv", "extra", `"use strict";\n${body}`) as ExtraCopy;
    } catch {
      // code generation from strings is disallowed: the generic copy
    }
    extraCopies.set(id, copy);
  }
  return copy;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
