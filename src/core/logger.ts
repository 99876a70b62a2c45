/**
 * Loggers: the dotted-name hierarchy (Manager, PlaceHolder), Logger with
 * Python's `callHandlers` walk, RootLogger, and `lastResort`.
 */
import { callerLevelFor, configChanged, configEpoch, markBuiltin, READS_NONE } from "./callerPolicy.js";
import { findCaller, UNKNOWN_CALLER } from "./caller.js";
import { applyContext, contextInUse } from "./context.js";
import { argsSlice, CallOptions, copyExtra, splitCall, type LogKwargs } from "./callArgs.js";
import { BoundLogger } from "./adapter.js";
import { typeError } from "../py/errors.js";
import { Filterer } from "./filter.js";
import { formatShare } from "../format/shared.js";
import { reportLoggingError, sharesFormatting, type Handler } from "../handlers/handler.js";
import { StderrHandler } from "../handlers/lastResort.js";
import { checkLevel, CRITICAL, DEBUG, ERROR, getLevelName, INFO, NOTSET, WARNING } from "./levels.js";
import { getLogRecordFactory, type LogRecord, type LogArgs } from "./record.js";
import { settings } from "./settings.js";

/** Records that find no handler anywhere go here (WARNING and above, to stderr). */
export const loggingState = {
  lastResort: new StderrHandler(WARNING) as Handler | null,
};

/** Keeps the loggers that wait for a parent that does not exist yet. */
export class PlaceHolder {
  loggerMap = new Set<Logger>();
  constructor(alogger: Logger) {
    this.loggerMap.add(alogger);
  }
  /** Adds a logger waiting under this name. */
  append(alogger: Logger): void {
    this.loggerMap.add(alogger);
  }
}

/** Holds the hierarchy of loggers (Python's `Manager`). */
export class Manager {
  root: Logger;
  loggerDict = new Map<string, Logger | PlaceHolder>();
  loggerClass: (new (name: string) => Logger) | null = null;
  emittedNoHandlerWarning = false;
  #disable = 0;

  constructor(root: Logger) {
    this.root = root;
  }

  /** Records at or below this level are dropped everywhere (`logging.disable`). */
  get disable(): number {
    return this.#disable;
  }

  set disable(value: number | string) {
    this.#disable = checkLevel(value);
  }

  /** The logger called `name`, created (and wired into the hierarchy) if needed. */
  getLogger(name: string): Logger {
    if (typeof name !== "string") throw typeError("A logger name must be a string");
    const existing = this.loggerDict.get(name);
    if (existing instanceof Logger) return existing;
    const Cls = this.loggerClass ?? loggerClass;
    const rv = new Cls(name);
    rv.manager = this;
    this.loggerDict.set(name, rv);
    if (existing instanceof PlaceHolder) this.#fixupChildren(existing, rv);
    this.#fixupParents(rv);
    return rv;
  }

  /** Empties every logger's `isEnabledFor` cache. */
  _clear_cache(): void {
    for (const logger of this.loggerDict.values()) {
      if (logger instanceof Logger) logger._cache = {};
    }
    this.root._cache = {};
  }

  /** Sets the parent to the nearest existing ancestor, leaving placeholders on the way. */
  #fixupParents(alogger: Logger): void {
    const name = alogger.name;
    let i = name.lastIndexOf(".");
    let rv: Logger | null = null;
    while (i > 0 && rv === null) {
      const substr = name.slice(0, i);
      const obj = this.loggerDict.get(substr);
      if (obj === undefined) this.loggerDict.set(substr, new PlaceHolder(alogger));
      else if (obj instanceof Logger) rv = obj;
      else obj.append(alogger);
      i = i - 1 > 0 ? name.lastIndexOf(".", i - 2) : -1;
    }
    alogger.parent = rv ?? this.root;
  }

  /** Moves the placeholder's children under the logger replacing it. */
  #fixupChildren(ph: PlaceHolder, alogger: Logger): void {
    const name = alogger.name;
    const namelen = name.length;
    for (const c of ph.loggerMap) {
      if (c.parent && c.parent.name.slice(0, namelen) !== name) {
        alogger.parent = c.parent;
        c.parent = alogger;
      }
    }
  }
}

/** A trailing keyword object of a logging call: `{ exc_info, stack_info, stacklevel, extra }`. */
export type { LogKwargs };

/** "No level remembered" for `isEnabledFor`'s fast path: no logging level is this. */
const NO_LEVEL = -(2 ** 30);

/**
 * Python's `Logger`. Obtain loggers with `getLogger(name)`; constructing one
 * directly gives a logger outside the hierarchy, as in Python.
 */
export class Logger extends Filterer {
  /** The shared hierarchy (set after the root logger exists). */
  static manager: Manager;
  /** The root logger. */
  static root: Logger;

  name: string;
  level: number;
  #parent: Logger | null = null;
  #propagate: boolean = true;
  #handlers: Handler[] = [];
  /**
   * Records at or above this level get caller fields (a stack capture); the
   * answer of `callerLevelFor`, valid while `configEpoch` is `#callerEpoch`.
   */
  #callerLevel = 0;
  #callerEpoch = -1;
  #disabled = false;
  #cache: Record<number, boolean> = {};
  /**
   * The last level `isEnabledFor` answered and its answer: a loop's disabled
   * `debug` costs a compare. Forgotten whenever `_cache` or `disabled` is set.
   * `NO_LEVEL` (a small integer, so V8 keeps the field unboxed) means none.
   */
  #lastLevel = NO_LEVEL;
  #lastEnabled = false;
  #manager: Manager | null = null;

  constructor(name: string, level: number | string = NOTSET) {
    super();
    this.name = name;
    this.level = checkLevel(level);
  }

  /** True when this logger drops every record (`dictConfig` sets it for loggers it leaves out). */
  get disabled(): boolean {
    return this.#disabled;
  }

  set disabled(value: boolean) {
    this.#disabled = value;
    this.#lastLevel = NO_LEVEL;
  }

  /** `isEnabledFor` answers by level, emptied (replaced) when any level changes. */
  get _cache(): Record<number, boolean> {
    return this.#cache;
  }

  set _cache(cache: Record<number, boolean>) {
    this.#cache = cache;
    this.#lastLevel = NO_LEVEL;
  }

  /** The logger records propagate to (null for the root). */
  get parent(): Logger | null {
    return this.#parent;
  }

  set parent(p: Logger | null) {
    this.#parent = p;
    configChanged();
  }

  /** Whether records go on to the parent's handlers after this logger's. */
  get propagate(): boolean {
    return this.#propagate;
  }

  set propagate(value: boolean) {
    this.#propagate = value;
    configChanged();
  }

  /** This logger's handlers; the array may be replaced (`logger.handlers = []`). */
  get handlers(): Handler[] {
    return this.#handlers;
  }

  set handlers(list: Handler[]) {
    this.#handlers = list;
    configChanged();
  }

  /** The manager of this logger's hierarchy. */
  get manager(): Manager {
    return this.#manager ?? Logger.manager;
  }

  set manager(m: Manager) {
    this.#manager = m;
  }

  /** The logger at the top of the hierarchy. */
  get root(): Logger {
    return Logger.root;
  }

  /** Sets the level (number or registered name) and clears every logger's cache. */
  setLevel(level: number | string): void {
    this.level = checkLevel(level);
    this.manager._clear_cache();
  }

  /** The first non-zero level from this logger up to the root. */
  getEffectiveLevel(): number {
    let logger: Logger | null = this;
    while (logger) {
      if (logger.level) return logger.level;
      logger = logger.parent;
    }
    return NOTSET;
  }

  /** Whether a record at `level` would be processed (cached per level). */
  isEnabledFor(level: number): boolean {
    if (level === this.#lastLevel) return this.#lastEnabled;
    if (this.#disabled) return false;
    let rv = this.#cache[level];
    if (rv === undefined) {
      rv = this.manager.disable >= level ? false : level >= this.getEffectiveLevel();
      this.#cache[level] = rv;
    }
    if (level !== NO_LEVEL) {
      this.#lastLevel = level;
      this.#lastEnabled = rv;
    }
    return rv;
  }

  /** `getLogger(this.name + "." + suffix)` (on the root: `getLogger(suffix)`). */
  getChild(suffix: string): Logger {
    const name = this.root === this ? suffix : `${this.name}.${suffix}`;
    return this.manager.getLogger(name);
  }

  /**
   * A bound logger: every record it logs carries `fields` as attributes,
   * merged under the call's own `extra` (Python 3.13's
   * `LoggerAdapter(logger, fields, merge_extra=True)`). Chain `bind` to add
   * fields. A field named like a record attribute throws `KeyError` here.
   *
   * @example
   * ```ts
   * const reqLog = log.bind({ requestId: "r-17" });
   * reqLog.info("GET %s", path); // "%(requestId)s" in a format, a key in JSONFormatter output
   * ```
   */
  bind(fields: Record<string, unknown>): BoundLogger {
    return new BoundLogger(this, fields);
  }

  /** The loggers whose parent is this one (Python 3.12's `getChildren`). */
  getChildren(): Set<Logger> {
    const out = new Set<Logger>();
    for (const item of this.manager.loggerDict.values()) {
      if (item instanceof Logger && item.parent === this) out.add(item);
    }
    return out;
  }

  /** Adds `hdlr` unless it is already attached. */
  addHandler(hdlr: Handler): void {
    if (!this.handlers.includes(hdlr)) this.handlers.push(hdlr);
    configChanged();
  }

  /** Removes `hdlr` if attached. */
  removeHandler(hdlr: Handler): void {
    const i = this.handlers.indexOf(hdlr);
    if (i >= 0) this.handlers.splice(i, 1);
    configChanged();
  }

  /** True when this logger or an ancestor reached by propagation has a handler. */
  hasHandlers(): boolean {
    let c: Logger | null = this;
    while (c) {
      if (c.handlers.length > 0) return true;
      if (!c.propagate) break;
      c = c.parent;
    }
    return false;
  }

  /** Logs at DEBUG: `debug(msg, ...args, { exc_info, stack_info, stacklevel, extra }?)`. */
  debug(msg: unknown, ...args: unknown[]): void;
  debug(msg: unknown): void {
    if (this.isEnabledFor(DEBUG)) this.#logCall(DEBUG, msg, arguments, 1);
  }

  /** Logs at INFO. */
  info(msg: unknown, ...args: unknown[]): void;
  info(msg: unknown): void {
    if (this.isEnabledFor(INFO)) this.#logCall(INFO, msg, arguments, 1);
  }

  /** Logs at WARNING. */
  warning(msg: unknown, ...args: unknown[]): void;
  warning(msg: unknown): void {
    if (this.isEnabledFor(WARNING)) this.#logCall(WARNING, msg, arguments, 1);
  }

  /** Logs at WARNING (deprecated alias kept from Python). */
  warn(msg: unknown, ...args: unknown[]): void;
  warn(msg: unknown): void {
    if (this.isEnabledFor(WARNING)) this.#logCall(WARNING, msg, arguments, 1);
  }

  /** Logs at ERROR. A trailing Error no placeholder uses becomes `exc_info`. */
  error(msg: unknown, ...args: unknown[]): void;
  error(msg: unknown): void {
    if (this.isEnabledFor(ERROR)) this.#logCall(ERROR, msg, arguments, 1);
  }

  /** Logs at ERROR with exception information (`exc_info` defaults to true). */
  exception(msg: unknown, ...args: unknown[]): void;
  exception(msg: unknown): void {
    if (this.isEnabledFor(ERROR)) {
      const { args, kwargs } = splitCall(msg, arguments, 1);
      const kw = kwargs ?? new CallOptions();
      if (kw.exc_info === undefined) kw.exc_info = true;
      this._log(ERROR, msg, args, kw);
    }
  }

  /** Logs at CRITICAL. */
  critical(msg: unknown, ...args: unknown[]): void;
  critical(msg: unknown): void {
    if (this.isEnabledFor(CRITICAL)) this.#logCall(CRITICAL, msg, arguments, 1);
  }

  /** Logs at CRITICAL (alias). */
  fatal(msg: unknown, ...args: unknown[]): void;
  fatal(msg: unknown): void {
    if (this.isEnabledFor(CRITICAL)) this.#logCall(CRITICAL, msg, arguments, 1);
  }

  /** Logs at an integer `level`. */
  log(level: number, msg: unknown, ...args: unknown[]): void;
  log(level: number, msg: unknown): void {
    if (typeof level !== "number" || !Number.isInteger(level)) {
      if (settings.raiseExceptions) throw typeError("level must be an integer");
      return;
    }
    if (this.isEnabledFor(level)) this.#logCall(level, msg, arguments, 2);
  }

  #logCall(level: number, msg: unknown, source: ArrayLike<unknown>, start: number): void {
    const end = source.length;
    const last = end > start ? source[end - 1] : undefined;
    if (typeof last === "object" && last !== null) {
      // May be keywords or a trailing Error: the general split.
      const { args, kwargs } = splitCall(msg, source, start);
      this._log(level, msg, args, kwargs);
      return;
    }
    this._log(level, msg, argsSlice(source, start, end), null);
  }

  /**
   * Python's `findCaller(stack_info, stacklevel)`:
   * `[pathname, lineno, funcName, sinfo]` of the calling code.
   */
  findCaller(stackInfo = false, stacklevel = 1): [string, number, string, string | null] {
    const c = findCaller(stackInfo, stacklevel);
    return [c.pathname, c.lineno, c.funcName, c.sinfo];
  }

  /** Builds the record and hands it to `handle`, as Python's `_log`. */
  _log(level: number, msg: unknown, args: unknown[] | LogArgs, kwargs: LogKwargs | null = null): void {
    let fn = UNKNOWN_CALLER.pathname;
    let lno = 0;
    let func: string | null = UNKNOWN_CALLER.funcName;
    let sinfo: string | null = null;
    let excInfo: unknown = null;
    let extra: Record<string, unknown> | null = null;
    // Caller fields only for records something on their way may read (callerPolicy.ts).
    if (this.#callerEpoch !== configEpoch) {
      this.#callerLevel = callerLevelFor(this, loggingState.lastResort);
      this.#callerEpoch = configEpoch;
    }
    if (kwargs !== null) {
      const stackInfo = Boolean(kwargs.stack_info);
      if (stackInfo || level >= this.#callerLevel) {
        [fn, lno, func, sinfo] = this.findCaller(stackInfo, kwargs.stacklevel ?? 1);
      }
      excInfo = normaliseExcInfo(kwargs.exc_info);
      extra = kwargs.extra ?? null;
    } else if (level >= this.#callerLevel) {
      [fn, lno, func, sinfo] = this.findCaller(false, 1);
    }
    const record = this.makeRecord(this.name, level, fn, lno, msg, args as LogArgs, excInfo, func, extra, sinfo);
    if (contextInUse) applyContext(record);
    this.handle(record);
  }

  /** Creates a record through the record factory and adds `extra` (Python's `makeRecord`). */
  makeRecord(
    name: string,
    level: number,
    fn: string,
    lno: number,
    msg: unknown,
    args: LogArgs,
    exc_info: unknown,
    func: string | null = null,
    extra: Record<string, unknown> | null = null,
    sinfo: string | null = null,
  ): LogRecord {
    const rv = getLogRecordFactory()(name, level, fn, lno, msg, args, exc_info, func, sinfo);
    // Any string key is stored as an own attribute; a clash with the
    // record's attributes is Python's KeyError; a Proxy or throwing getter
    // is reported, not thrown (see copyExtra).
    if (extra !== null && extra !== undefined) copyExtra(rv, extra);
    return rv;
  }

  /** Applies this logger's filters, then `callHandlers` (unless the logger is disabled). */
  handle(record: LogRecord): void {
    if (this.#disabled) return;
    if (this.filters.length > 0) {
      let rv: false | LogRecord;
      try {
        rv = this.filter(record);
      } catch (err) {
        // A user filter that throws drops the record and is reported; the
        // logging call never throws into the application.
        reportLoggingError(record, err);
        return;
      }
      if (!rv) return;
      record = rv;
    }
    this.callHandlers(record);
  }

  /**
   * Python's `callHandlers`: the handlers of this logger and each ancestor,
   * stopping after a logger with `propagate` false; `lastResort` when none
   * was found anywhere.
   */
  callHandlers(record: LogRecord): void {
    let c: Logger | null = this;
    let found = 0;
    const levelno = record.levelno;
    const share = formatShare;
    // The formatting made for one handler is reused by the next only when
    // neither of the two can change the record (see format/shared.ts).
    let prev: Handler | null = null;
    share.depth++;
    try {
      while (c !== null) {
        const handlers = c.handlers;
        for (let i = 0; i < handlers.length; i++) {
          const hdlr = handlers[i];
          found++;
          if (levelno >= hdlr.level) {
            if (prev !== null && share.record !== null && !(sharesFormatting(prev) && sharesFormatting(hdlr))) {
              share.record = null;
            }
            callHandle(hdlr, record);
            prev = hdlr;
          }
        }
        c = c.propagate ? c.parent : null;
      }
    } finally {
      if (--share.depth === 0) share.record = null;
    }
    if (found === 0) {
      const lastResort = loggingState.lastResort;
      if (lastResort) {
        if (levelno >= lastResort.level) callHandle(lastResort, record);
      } else if (settings.raiseExceptions && !this.manager.emittedNoHandlerWarning) {
        process.stderr.write(`No handlers could be found for logger "${this.name}"\n`);
        this.manager.emittedNoHandlerWarning = true;
      }
    }
  }

  /** Python's `repr(logger)`. */
  override toString(): string {
    return `<${this.constructor.name} ${this.name} (${getLevelName(this.getEffectiveLevel())})>`;
  }
}

/** A handler's own `handle` may be user code: its errors must not stop the walk. */
function callHandle(hdlr: Handler, record: LogRecord): void {
  try {
    hdlr.handle(record);
  } catch (err) {
    try {
      hdlr.handleError(record, err);
    } catch {
      /* nothing left to report to */
    }
  }
}

/**
 * Python keeps `exc_info` as given when it is an exception or tuple; any
 * other true value (`True`, `1`) means "the current one", which JS does not have.
 */
function normaliseExcInfo(exc: unknown): unknown {
  if (!exc) return null;
  if (exc === true || typeof exc === "number") return [null, null, null];
  return exc;
}

/** The root of the hierarchy, named "root". */
export class RootLogger extends Logger {
  constructor(level: number | string) {
    super("root", level);
  }
}

markBuiltin(Logger, READS_NONE);
markBuiltin(RootLogger, READS_NONE);

let loggerClass: new (name: string) => Logger = Logger;

/** Sets the class `getLogger` instantiates; it must extend `Logger`. */
export function setLoggerClass(klass: new (name: string) => Logger): void {
  if (klass !== Logger && !(klass && klass.prototype instanceof Logger)) {
    throw typeError(`logger not derived from logging.Logger: ${(klass as { name?: string })?.name ?? String(klass)}`);
  }
  loggerClass = klass;
}

/** The class `getLogger` instantiates. */
export function getLoggerClass(): new (name: string) => Logger {
  return loggerClass;
}

/** The root logger (level WARNING). */
export const root = new RootLogger(WARNING);
Logger.root = root;
Logger.manager = new Manager(root);

/**
 * The logger named `name` (the same object every time); no name, `""` or
 * `"root"` gives the root logger.
 */
export function getLogger(name?: string | null): Logger {
  if (!name || name === root.name) return root;
  return Logger.manager.getLogger(name);
}
