/**
 * When to capture the caller (`pathname`, `filename`, `module`, `lineno`,
 * `funcName`) at a logging call. A stack capture costs microseconds, so a
 * logger captures only for records that something on its way may read:
 * a logger filter, or a handler its walk reaches (with the handler's
 * filters and formatter), or a custom record factory.
 *
 * Each logger keeps its answer as a level (capture for records at or above
 * it) and recomputes it when the process-wide configuration epoch moved:
 * every `addHandler`, `removeHandler`, `addFilter`, `removeFilter`,
 * `setFormatter`, `setLevel` on a handler, assignment of `propagate`,
 * `parent`, `handlers`, a handler's `formatter` or `level`,
 * `setLogRecordFactory` and `captureCallerInfo` bumps it.
 *
 * What may read the fields:
 * - logxide's own classes know: a `Formatter` whose format string names one
 *   of them, a `JSONFormatter` whose `fields` lists one, handlers that send
 *   whole records on (socket, datagram, HTTP, queue, buffering handlers);
 * - user code (filter functions, `filter`/`emit`/`handle`/`format`/
 *   `handleError` methods of user classes and instances, formatter and logger
 *   subclasses, record factories) is judged by its source text
 *   (`Function.prototype.toString`), see `functionMayReadCaller`.
 */

/**
 * The configuration epoch: bumped by every change that may change whether a
 * logger needs caller fields. Loggers compare it with the epoch their cached
 * answer was computed at.
 */
export let configEpoch = 0;

/** @internal Something a logger's caller decision depends on changed. */
export function configChanged(): void {
  configEpoch++;
}

let mode: boolean | "auto" = "auto";

/**
 * Chooses when logging calls capture caller information: `true` always,
 * `false` never (fields stay `"(unknown file)"`, `0`, `"(unknown function)"`),
 * `"auto"` (the default) only for records that a filter, formatter, handler
 * or record factory on the logger's way may read them from.
 *
 * @example
 * ```ts
 * logging.captureCallerInfo(true); // every record gets pathname, lineno, funcName
 * ```
 */
export function captureCallerInfo(enabled: boolean | "auto"): void {
  mode = enabled;
  configChanged();
}

// --- what logxide's own classes read ----------------------------------------

/** What an instance of a built-in class reads of the caller fields, beyond user overrides. */
export type CallerNeeds = (obj: never) => boolean;

/** The instance reads every field of the record (sends or keeps whole records). */
export const READS_ALL: CallerNeeds = () => true;
/** The instance reads none of the caller fields. */
export const READS_NONE: CallerNeeds = () => false;

/** A handler of a built-in class reads what its formatter reads (the default `%(message)s`: nothing). */
export const READS_FORMATTED: CallerNeeds = (h: { formatter?: unknown }) => formatterMayReadCaller(h.formatter ?? null);

/** Prototype of a logxide class → what its instances read. */
const builtins = new Map<object, CallerNeeds>();

/** @internal Marks `cls` as logxide's own: its methods are not scanned, `needs` answers instead. */
export function markBuiltin(cls: { prototype: object }, needs: CallerNeeds): void {
  builtins.set(cls.prototype, needs);
}

/** @internal True when `obj` is an instance of a logxide class itself (not of a user's subclass). */
export function isBuiltinInstance(obj: object): boolean {
  return builtins.has(Object.getPrototypeOf(obj));
}

/** The caller fields' names, as record attributes and format fields. */
export const CALLER_FIELDS: readonly string[] = ["pathname", "filename", "module", "lineno", "funcName"];

/** A format string (any style) that names a caller field somewhere. */
export const CALLER_FIELD = /pathname|filename|module|lineno|funcName/;

// --- user code: the source-text rule ----------------------------------------

/** What one function's text says. */
interface Analysis {
  /** It names a caller field, or reads the record in a way that cannot be followed. */
  reads: boolean;
  /** Methods it hands the record to (`this.name(record)`, `super.name(record)`). */
  calls: string[];
}

const analyses = new WeakMap<Function, Analysis>();

/** Where a record (or the caller arguments of a factory) go into user code. */
const HANDLER_ENTRIES = ["emit", "handle", "format", "filter", "handleError"] as const;
const FILTER_ENTRIES = ["filter"] as const;
const FORMATTER_ENTRIES = ["format", "formatMessage", "formatTime"] as const;
const LOGGER_ENTRIES = ["handle", "callHandlers", "makeRecord", "filter"] as const;

const NAMES_CALLER = /(?<![\w$])(?:pathname|filename|module|lineno|funcName|arguments|eval)(?![\w$])/g;

/** True when the text names a caller field other than as a property of `this` (`this.filename`), or uses `arguments`/`eval`. */
function namesCaller(src: string): boolean {
  for (const m of src.matchAll(NAMES_CALLER)) {
    if (m[0] === "arguments" || m[0] === "eval") return true;
    if (!/(?<![\w$])this\s*\??\.\s*$/.test(src.slice(Math.max(0, m.index! - 16), m.index))) return true;
  }
  return false;
}

/**
 * True when the function may read a record's caller fields, by its source:
 * it names `pathname`, `filename`, `module`, `lineno` or `funcName` anywhere
 * (strings and comments included) other than as a property of `this`
 * (`this.filename`), or uses `arguments` or `eval`, or one of
 * its parameters (or a local bound to one) is used other than by reading a
 * named property (`record.msg`), being returned (`return record`), being
 * forwarded as `...args` (a rest parameter), or being passed to
 * `this.name(…)` / `super.name(…)` (whose own text is then read the same
 * way). Anything else — `record[key]`, `{ ...record }`, `JSON.stringify(record)`,
 * `Object.keys(record)`, `for (k in record)`, `list.push(record)`, a call of
 * your own function with it — counts as reading every field. Native and
 * bound functions count as reading.
 */
export function functionMayReadCaller(fn: Function): boolean {
  const a = analyse(fn);
  return a.reads || a.calls.length > 0;
}

function analyse(fn: Function): Analysis {
  let a = analyses.get(fn);
  if (a === undefined) {
    let src: string;
    try {
      src = Function.prototype.toString.call(fn);
    } catch {
      src = "[native code]";
    }
    a = analyseSource(src);
    analyses.set(fn, a);
  }
  return a;
}

const READS: Analysis = { reads: true, calls: [] };

/** @internal The rule of `functionMayReadCaller`, on a function's text. */
export function analyseSource(raw: string): Analysis {
  if (raw.includes("[native code]") || namesCaller(raw)) return READS;
  const src = stripCommentsAndStrings(raw);
  const split = splitParams(src);
  if (split === null) return READS;
  const { params, body } = split;
  const tracked = new Set<string>();
  const rest = new Set<string>();
  for (let p of splitTopLevel(params)) {
    p = p.trim();
    if (p === "") continue;
    const isRest = p.startsWith("...");
    if (isRest) p = p.slice(3).trim();
    const eq = p.indexOf("=");
    if (eq >= 0) p = p.slice(0, eq).trim();
    if (/^[A-Za-z_$][\w$]*$/.test(p)) {
      tracked.add(p);
      if (isRest) rest.add(p);
    } else if (isRest) {
      return READS; // `...{ a, b }` or worse
    }
    // A destructuring pattern reads the named properties: caller names were checked above.
  }
  if (/\.\.\./.test(params) && rest.size === 0) return READS;
  // Locals bound to a tracked value itself (not to one of its properties) are tracked too.
  const decl = /(?<![\w$])(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*([^;\n]*)/g;
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of body.matchAll(decl)) {
      if (tracked.has(m[1]!)) continue;
      if ([...tracked].some((t) => holdsValue(m[2]!, t))) {
        tracked.add(m[1]!);
        grew = true;
      }
    }
  }
  const calls: string[] = [];
  for (const t of tracked) {
    const re = new RegExp(`${NOT_A_PROPERTY}${escapeRe(t)}(?![\\w$])`, "g");
    for (const m of body.matchAll(re)) {
      const at = m.index!;
      const before = body.slice(0, at);
      const after = body.slice(at + t.length);
      if (/^\s*\??\.\s*[A-Za-z_$]/.test(after) && !/^\s*\?\.\s*\(/.test(after)) continue; // record.msg
      if (/(?<![\w$])(?:const|let|var)\s+$/.test(before) && /^\s*=(?!=)/.test(after)) continue; // declaration
      if (/(?<![\w$])return\s+$/.test(before) && /^\s*(?:;|\}|\n|$)/.test(after)) continue; // return record
      if (rest.has(t) && /\.\.\.\s*$/.test(before)) continue; // forwarding ...args
      const callee = directArgumentOf(before, after);
      if (callee !== null) {
        const m2 = /(?:^|[^\w$.])(this|super)\s*\.\s*([A-Za-z_$][\w$]*)\s*$/.exec(callee);
        if (m2) {
          calls.push(m2[2]!);
          continue;
        }
        if (/(?:^|[^\w$.])this\s*\.\s*formatter\s*\.\s*format\s*$/.test(callee)) continue;
      }
      return READS;
    }
  }
  return { reads: false, calls: [...new Set(calls)] };
}

/** Before an identifier: not part of a longer name, not a property name (`x.name`; `...name` is a spread). */
const NOT_A_PROPERTY = "(?<![\\w$])(?<!(?:^|[^.])\\.)";

/** True when `expr` evaluates to, or passes on, the value of `name` itself (not a property of it). */
function holdsValue(expr: string, name: string): boolean {
  const re = new RegExp(`${NOT_A_PROPERTY}${escapeRe(name)}(?![\\w$])(?!\\s*\\??\\.\\s*[A-Za-z_$])`);
  return re.test(expr);
}

/**
 * When the tracked identifier between `before` and `after` is a whole
 * argument of a call, the text of the callee (everything before the call's
 * `(`); else null.
 */
function directArgumentOf(before: string, after: string): string | null {
  if (!/^\s*[,)]/.test(after)) return null;
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const c = before[i]!;
    if (c === ")" || c === "]" || c === "}") depth++;
    else if (c === "[" || c === "{") {
      if (depth === 0) return null;
      depth--;
    } else if (c === "(") {
      if (depth === 0) {
        const callee = before.slice(0, i);
        // `(record)` after an operator or keyword is a parenthesised expression, not a call.
        return /[\w$)\]]\s*$/.test(callee) ? callee : null;
      }
      depth--;
    } else if (
      depth === 0 &&
      (c === ";" || c === "=" || c === "?" || c === ":" || c === "!" || c === "&" || c === "|")
    ) {
      return null;
    }
  }
  return null;
}

function escapeRe(s: string): string {
  return s.replace(/[$]/g, "\\$");
}

/**
 * The text with comments removed and `'…'`/`"…"` string contents emptied
 * (template literals are kept: their `${}` parts are code). Regular
 * expression literals are not recognised; an escaped character is skipped.
 */
function stripCommentsAndStrings(src: string): string {
  let out = "";
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === "\\") {
      out += src.slice(i, i + 2);
      i += 2;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      out += " ";
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      out += c + c;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A function's parameter list and body text, for the forms `toString` gives; null when not recognised. */
function splitParams(src: string): { params: string; body: string } | null {
  const s = src.trim();
  // `x => …` / `async x => …`
  const single = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(s);
  if (single) return { params: single[1]!, body: s.slice(single[0].length) };
  const open = s.indexOf("(");
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) return { params: s.slice(open + 1, i), body: s.slice(i + 1) };
    }
  }
  return null;
}

/** Splits a parameter list at its top-level commas. */
function splitTopLevel(params: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < params.length; i++) {
    const c = params[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(params.slice(start, i));
      start = i + 1;
    }
  }
  out.push(params.slice(start));
  return out;
}

// --- objects: user levels, then the built-in base ----------------------------

/**
 * True when `obj` may read caller fields: the `entries` methods (and the
 * methods they hand the record to) defined on the object itself or on
 * prototypes of user classes, judged by their text, then what the nearest
 * logxide class says (`markBuiltin`).
 */
function objectMayReadCaller(obj: object, entries: readonly string[]): boolean {
  const levels: object[] = [];
  let needs: CallerNeeds | undefined;
  for (let p: object | null = obj; p !== null; p = Object.getPrototypeOf(p)) {
    needs = builtins.get(p);
    if (needs !== undefined || p === Object.prototype || p === Function.prototype) break;
    levels.push(p);
  }
  if (levels.length > 0) {
    const seen = new Set<string>();
    const queue: string[] = [...entries];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const level of levels) {
        const d = Object.getOwnPropertyDescriptor(level, name);
        if (d === undefined) continue;
        if (d.get !== undefined || d.set !== undefined) return true;
        if (typeof d.value !== "function") continue;
        const a = analyse(d.value as Function);
        if (a.reads) return true;
        queue.push(...a.calls);
      }
    }
  }
  return needs !== undefined && (needs as (o: object) => boolean)(obj);
}

/** True when a filter (a function, or an object with `filter`) may read caller fields. */
export function filterMayReadCaller(f: unknown): boolean {
  if (typeof f === "function") return functionMayReadCaller(f);
  if (typeof f !== "object" || f === null) return false;
  return objectMayReadCaller(f, FILTER_ENTRIES);
}

/** True when a formatter may read caller fields (null: the default `%(message)s`). */
export function formatterMayReadCaller(f: unknown): boolean {
  if (typeof f !== "object" || f === null) return typeof f === "function";
  return objectMayReadCaller(f, FORMATTER_ENTRIES);
}

interface HandlerLike {
  level: number;
  filters: unknown[];
}

/** Handlers being judged: a handler forwarding to itself (a `MemoryHandler` target loop) ends the recursion. */
const judging = new Set<object>();

/** True when a handler, its filters or its formatter may read caller fields. */
export function handlerMayReadCaller(h: HandlerLike): boolean {
  if (typeof h !== "object" || h === null) return true;
  if (judging.has(h)) return false;
  judging.add(h);
  try {
    if (objectMayReadCaller(h, HANDLER_ENTRIES)) return true;
    const filters = h.filters;
    if (Array.isArray(filters)) for (const f of filters) if (filterMayReadCaller(f)) return true;
    return false;
  } finally {
    judging.delete(h);
  }
}

let factoryReads = false;

/** @internal A record factory was set (null: the default one). */
export function noteRecordFactory(factory: Function | null): void {
  factoryReads = factory !== null && functionMayReadCaller(factory);
  configChanged();
}

interface LoggerLike extends HandlerLike {
  handlers: HandlerLike[];
  propagate: unknown;
  parent: LoggerLike | null;
}

/**
 * @internal The lowest level at which a record logged on `logger` needs
 * caller fields: `-Infinity` for all records, `Infinity` for none.
 */
export function callerLevelFor(logger: LoggerLike, lastResort: HandlerLike | null): number {
  if (mode !== "auto") return mode ? -Infinity : Infinity;
  if (factoryReads || objectMayReadCaller(logger, LOGGER_ENTRIES)) return -Infinity;
  for (const f of logger.filters) if (filterMayReadCaller(f)) return -Infinity;
  let level = Infinity;
  let found = 0;
  for (let c: LoggerLike | null = logger; c !== null; c = c.propagate ? c.parent : null) {
    for (const h of c.handlers) {
      found++;
      if (h.level < level && handlerMayReadCaller(h)) level = h.level;
    }
  }
  if (found === 0 && lastResort !== null && lastResort.level < level && handlerMayReadCaller(lastResort)) {
    level = lastResort.level;
  }
  return level;
}
