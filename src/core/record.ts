/**
 * LogRecord: one logging event, with Python's attribute names.
 */
import { noteRecordFactory } from "./callerPolicy.js";
import { threadId } from "node:worker_threads";
import { levelNameOf } from "./levels.js";
import { pyStr } from "../py/repr.js";
import { percentFormat, printfState } from "../py/printf.js";

/** Milliseconds since the library loaded, for `relativeCreated`. */
const startTime = Date.now();

/**
 * This process's id and this thread's name, fixed for the module's life (a
 * worker loads its own copy). Read once: `process` is a dictionary-mode
 * object, and `process.pid` per record cost more than a record's other
 * constant attributes together.
 */
const PID = process.pid;
const THREAD_NAME = threadId === 0 ? "MainThread" : `Thread-${threadId}`;

/** True for a non-empty plain object or Map: Python's "mapping" for `%(key)s`. */
export function isMapping(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  if (v === null || typeof v !== "object") return false;
  try {
    if (v instanceof Map) return true;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  } catch {
    return false; // a revoked Proxy's traps throw: not a mapping, a plain argument
  }
}

function isNonEmptyMapping(v: unknown): boolean {
  try {
    if (!isMapping(v)) return false;
    if (v instanceof Map) return v.size > 0;
    for (const _ in v) return true;
    return false;
  } catch {
    return false; // a hostile object (e.g. a throwing Proxy) stays a plain argument
  }
}

/** POSIX `os.path.basename`. */
function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/** `os.path.splitext(file)[0]`: leading dots do not start an extension. */
function stripExtension(file: string): string {
  const dot = file.lastIndexOf(".");
  let lead = 0;
  while (lead < file.length && file.charCodeAt(lead) === 46) lead++;
  return dot >= lead && dot > 0 ? file.slice(0, dot) : file;
}

/** The last pathname seen and its derived names: most records share one. */
let lastPath = "";
let lastFilename = "";
let lastModule = "";

/** `args` of a record: a tuple (array) or, by the single-mapping rule, a mapping. */
export type LogArgs = unknown[] | Record<string, unknown> | Map<unknown, unknown> | null;

/**
 * A logging event. Constructed as Python's
 * `LogRecord(name, level, pathname, lineno, msg, args, exc_info, func, sinfo)`.
 */
export class LogRecord {
  // `declare`: the constructor assigns each attribute once. A plain field
  // declaration would compile (ES2022) to a class field, defined as
  // `undefined` on every record before the constructor's assignment.
  declare name: string;
  declare msg: unknown;
  declare args: LogArgs;
  declare levelname: string;
  declare levelno: number;
  declare pathname: string;
  declare filename: string;
  declare module: string;
  declare exc_info: unknown;
  declare exc_text: string | null;
  declare stack_info: string | null;
  declare lineno: number;
  declare funcName: string | null;
  declare created: number;
  declare msecs: number;
  declare relativeCreated: number;
  declare thread: number;
  declare threadName: string;
  declare processName: string;
  declare process: number;
  declare taskName: string | null;
  /** Set by `Formatter.format`. */
  declare message?: string;
  /** Set by `Formatter.format` when the format uses the time. */
  declare asctime?: string;
  /** Extra attributes (from `extra`, filters or `makeLogRecord`). */
  [key: string]: unknown;

  constructor(
    name: string,
    level: number,
    pathname: string | null,
    lineno: number,
    msg: unknown,
    args: LogArgs | undefined,
    exc_info: unknown,
    func: string | null = null,
    sinfo: string | null = null,
  ) {
    const now = Date.now();
    this.name = name;
    this.msg = msg;
    if (Array.isArray(args) && args.length === 1 && isNonEmptyMapping(args[0])) {
      args = args[0] as Record<string, unknown>;
    }
    this.args = args ?? null;
    this.levelname = levelNameOf(level);
    this.levelno = level;
    const path = pathname ?? "(unknown file)";
    this.pathname = path;
    if (path !== lastPath) {
      lastPath = path;
      lastFilename = basename(path);
      lastModule = stripExtension(lastFilename);
    }
    this.filename = lastFilename;
    this.module = lastModule;
    this.exc_info = exc_info ?? null;
    this.exc_text = null;
    this.stack_info = sinfo;
    this.lineno = lineno;
    this.funcName = func;
    this.created = now / 1000;
    this.msecs = now % 1000;
    this.relativeCreated = now - startTime;
    this.thread = threadId;
    this.threadName = THREAD_NAME;
    this.processName = "MainProcess";
    this.process = PID;
    this.taskName = null;
  }

  /** `str(msg) % args` when there are args, as Python's `getMessage`. */
  getMessage(): string {
    plainMessageOf = null;
    const msg = typeof this.msg === "string" ? this.msg : pyStr(this.msg);
    const args = this.args;
    if (args === null || args === undefined) return msg;
    if (Array.isArray(args)) {
      if (args.length === 0) return msg;
      const text = percentFormat(msg, args);
      if (printfState.plain) plainMessageOf = this;
      return text;
    }
    if (args instanceof Map ? args.size === 0 : isEmptyObject(args)) return msg;
    return percentFormat(msg, args);
  }

  /** Python's `repr(record)`. */
  toString(): string {
    return `<LogRecord: ${this.name}, ${this.levelno}, ${this.pathname}, ${this.lineno}, "${pyStr(this.msg)}">`;
  }
}

/** The record whose last `getMessage` returned text known to need no JSON escaping (see `printfState`). */
let plainMessageOf: LogRecord | null = null;

/**
 * True when `record.getMessage()`, just called, returned text with no
 * character JSON escapes, known without scanning it: the record's
 * `getMessage` is this class's own, and printf checked every piece. @internal
 */
export function messageIsJsonPlain(record: LogRecord): boolean {
  return plainMessageOf === record && record.getMessage === LogRecord.prototype.getMessage;
}

function isEmptyObject(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** Builds a record: `(name, level, pathname, lineno, msg, args, exc_info, func, sinfo) => LogRecord`. */
export type LogRecordFactory = (
  name: string,
  level: number,
  pathname: string | null,
  lineno: number,
  msg: unknown,
  args: LogArgs,
  exc_info: unknown,
  func?: string | null,
  sinfo?: string | null,
) => LogRecord;

const defaultFactory: LogRecordFactory = (name, level, pathname, lineno, msg, args, exc_info, func, sinfo) =>
  new LogRecord(name, level, pathname, lineno, msg, args, exc_info, func ?? null, sinfo ?? null);

let recordFactory: LogRecordFactory = defaultFactory;

/** Sets the function used to create records (Python's `setLogRecordFactory`). */
export function setLogRecordFactory(factory: LogRecordFactory | null): void {
  recordFactory = factory ?? defaultFactory;
  noteRecordFactory(factory); // it may read the caller arguments
}

/**
 * True when `rv` came from the default factory: its own attributes are then
 * exactly those the constructor sets, so a check of `extra`'s keys against
 * one such record holds for all of them. @internal
 */
export function isDefaultRecord(rv: LogRecord): boolean {
  return recordFactory === defaultFactory && Object.getPrototypeOf(rv) === LogRecord.prototype;
}

/** The function used to create records. */
export function getLogRecordFactory(): LogRecordFactory {
  return recordFactory;
}

/**
 * A record whose attributes are taken from `dict`, as Python's
 * `makeLogRecord` (the single-mapping rule does not apply to `args` here).
 */
export function makeLogRecord(dict: Record<string, unknown>): LogRecord {
  // Python passes None for the name and level: they print as None / "Level None".
  const rv = recordFactory(null as unknown as string, null as unknown as number, "", 0, "", [], null, null, null);
  // Python's `rv.__dict__.update(dict)`: every key an own attribute; a name
  // the record inherits (`__proto__`, `toString`) is shadowed by a data
  // property, never assigned through its accessor.
  for (const key of Object.keys(dict)) {
    if (key in rv && !Object.hasOwn(rv, key))
      Object.defineProperty(rv, key, { value: dict[key], writable: true, enumerable: true, configurable: true });
    else rv[key] = dict[key];
  }
  return rv;
}
