/**
 * LoggerAdapter (Python's, with 3.13's `merge_extra`) and BoundLogger, the
 * adapter `logger.bind(fields)` returns.
 */
import { CallOptions, KEYWORDS, safeTypeName, splitCall, type LogKwargs } from "./callArgs.js";
import { CRITICAL, DEBUG, ERROR, getLevelName, INFO, WARNING } from "./levels.js";
import type { Logger, Manager } from "./logger.js";
import type { LogArgs } from "./record.js";
import { STANDARD_FIELDS } from "./recordFields.js";
import { keyError, quoteLikePython, typeError } from "../py/errors.js";

/** What `process` receives and returns: the call's keyword arguments, only those given. */
export type AdapterKwargs = LogKwargs & Record<string, unknown>;

/** Anything with a logger's calls: a Logger or another adapter. */
interface LoggerLike {
  name: string;
  manager: Manager;
  disabled?: boolean;
  isEnabledFor(level: number): boolean;
  log(level: number, msg: unknown, ...args: unknown[]): void;
  _log(level: number, msg: unknown, args: unknown[] | LogArgs, kwargs?: LogKwargs | null): void;
  setLevel(level: number | string): void;
  getEffectiveLevel(): number;
  hasHandlers(): boolean;
}

const KEYWORD_SET = new Set(KEYWORDS);

/**
 * Python's `LoggerAdapter(logger, extra=None, merge_extra=False)`: a logger
 * wrapper whose `process` adds contextual information to every call.
 *
 * By default each call's `extra` is replaced by the adapter's (Python
 * 3.11); with `merge_extra` (Python 3.13) the call's `extra` is merged over
 * the adapter's. The third argument is the flag or `{ merge_extra }`.
 *
 * @example
 * ```ts
 * const a = new logging.LoggerAdapter(logging.getLogger("web"), { ip: "10.0.0.1" }, { merge_extra: true });
 * a.info("login", { extra: { user: "ann" } }); // record.ip and record.user
 * ```
 */
export class LoggerAdapter {
  /** The wrapped logger (or adapter). */
  logger: LoggerLike;
  /** The contextual information this adapter adds. */
  extra: Record<string, unknown> | null;
  /** Merge a call's `extra` over the adapter's instead of replacing it (Python 3.13). */
  merge_extra: boolean;

  constructor(
    logger: Logger | LoggerAdapter,
    extra: Record<string, unknown> | null = null,
    merge_extra: boolean | { merge_extra?: boolean } = false,
  ) {
    this.logger = logger as unknown as LoggerLike;
    if (isAdapterKeywords(extra) && arguments.length === 2) {
      // `new LoggerAdapter(logger, { extra, merge_extra })`: Python's keyword form.
      const kw = extra as { extra?: Record<string, unknown> | null; merge_extra?: boolean };
      this.extra = kw.extra ?? null;
      this.merge_extra = Boolean(kw.merge_extra);
      return;
    }
    this.extra = extra;
    if (typeof merge_extra === "object" && merge_extra !== null) {
      for (const key of Object.keys(merge_extra)) {
        if (key !== "merge_extra") {
          throw typeError(`LoggerAdapter.__init__() got an unexpected keyword argument ${quoteLikePython(key)}`);
        }
      }
      this.merge_extra = Boolean(merge_extra.merge_extra);
    } else {
      this.merge_extra = Boolean(merge_extra);
    }
  }

  /**
   * Returns the message and keyword arguments to log. By default sets
   * `kwargs.extra` to the adapter's `extra`, or, with `merge_extra`, to the
   * adapter's `extra` with the call's merged over it. Override it to change
   * messages or keywords.
   */
  process(msg: unknown, kwargs: AdapterKwargs): [unknown, AdapterKwargs] {
    const callExtra = kwargs.extra;
    if (this.merge_extra && callExtra !== undefined && callExtra !== null) {
      kwargs.extra = mergeExtra(this.extra, callExtra);
    } else {
      kwargs.extra = this.extra;
    }
    return [msg, kwargs];
  }

  /** Logs at DEBUG through `log`. */
  debug(msg: unknown, ...args: unknown[]): void;
  debug(): void {
    // The level check first: a disabled call costs the check, no array.
    if (this.isEnabledFor(DEBUG)) this.#forward(DEBUG, arguments);
  }
  /** Logs at INFO through `log`. */
  info(msg: unknown, ...args: unknown[]): void;
  info(): void {
    if (this.isEnabledFor(INFO)) this.#forward(INFO, arguments);
  }
  /** Logs at WARNING through `log`. */
  warning(msg: unknown, ...args: unknown[]): void;
  warning(): void {
    if (this.isEnabledFor(WARNING)) this.#forward(WARNING, arguments);
  }
  /** Logs at WARNING (deprecated alias kept from Python). */
  warn(msg: unknown, ...args: unknown[]): void;
  warn(): void {
    if (this.isEnabledFor(WARNING)) this.#forward(WARNING, arguments);
  }
  /** Logs at ERROR through `log`. */
  error(msg: unknown, ...args: unknown[]): void;
  error(): void {
    if (this.isEnabledFor(ERROR)) this.#forward(ERROR, arguments);
  }
  /** Logs at CRITICAL through `log`. */
  critical(msg: unknown, ...args: unknown[]): void;
  critical(): void {
    if (this.isEnabledFor(CRITICAL)) this.#forward(CRITICAL, arguments);
  }
  /** Logs at CRITICAL (alias). */
  fatal(msg: unknown, ...args: unknown[]): void;
  fatal(): void {
    if (this.isEnabledFor(CRITICAL)) this.#forward(CRITICAL, arguments);
  }

  /** Logs at ERROR with exception information (`exc_info` defaults to true). */
  exception(msg: unknown, ...args: unknown[]): void {
    if (!this.isEnabledFor(ERROR)) return;
    const split = splitCall(msg, args, 0);
    const kw = split.kwargs ?? new CallOptions();
    if (kw.exc_info === undefined) kw.exc_info = true;
    this.log(ERROR, msg, ...split.args, kw);
  }

  /**
   * Logs at `level` after `process` has adjusted the message and keywords,
   * through the wrapped logger's `log`. A level that is not a number is
   * Python's `TypeError` (from comparing it with the logger's levels).
   */
  log(level: number, msg: unknown, ...args: unknown[]): void {
    if (typeof level !== "number" && typeof level !== "bigint") {
      if (innermostLogger(this).disabled === true) return;
      throw typeError(`'>=' not supported between instances of 'int' and '${safeTypeName(level)}'`);
    }
    if (!this.isEnabledFor(level)) return;
    const split = splitCall(msg, args, 0);
    const [newMsg, newKw] = this.process(msg, adapterKwargs(split.kwargs));
    this.logger.log(level, newMsg, ...split.args, callOptions(newKw));
  }

  /** Python's low-level `_log`, proxied to the wrapped logger. */
  _log(level: number, msg: unknown, args: unknown[] | LogArgs, kwargs: LogKwargs | null = null): void {
    this.logger._log(level, msg, args, kwargs);
  }

  /** Whether the wrapped logger would process a record at `level`. */
  isEnabledFor(level: number): boolean {
    return this.logger.isEnabledFor(level);
  }
  /** Sets the wrapped logger's level. */
  setLevel(level: number | string): void {
    this.logger.setLevel(level);
  }
  /** The wrapped logger's effective level. */
  getEffectiveLevel(): number {
    return this.logger.getEffectiveLevel();
  }
  /** Whether the wrapped logger has handlers (its own or by propagation). */
  hasHandlers(): boolean {
    return this.logger.hasHandlers();
  }

  /**
   * A bound logger over this adapter: each record also carries `fields`
   * (see `Logger.bind`).
   */
  bind(fields: Record<string, unknown>): BoundLogger {
    return new BoundLogger(this, fields);
  }

  /** The wrapped logger's manager. */
  get manager(): Manager {
    return this.logger.manager;
  }
  set manager(m: Manager) {
    this.logger.manager = m;
  }

  /** The wrapped logger's name. */
  get name(): string {
    return this.logger.name;
  }

  /** Python's `repr(adapter)`: `<LoggerAdapter name (LEVEL)>`. */
  toString(): string {
    const logger = this.logger;
    return `<${this.constructor.name} ${logger.name} (${getLevelName(logger.getEffectiveLevel())})>`;
  }

  /** `debug`…`critical` go through `log`, as in Python, so an overridden `log` sees every call. */
  #forward(level: number, a: IArguments): void {
    if (this.log === ADAPTER_LOG && this.process === ADAPTER_PROCESS) {
      // Neither overridden (the usual case, and every BoundLogger): what
      // `log` and `process` would do, without their intermediate objects.
      const msg = a[0];
      const split = splitCall(msg, a, 1);
      const kw = split.kwargs ?? new CallOptions();
      const callExtra = kw.extra;
      kw.extra =
        this.merge_extra && callExtra !== undefined && callExtra !== null
          ? mergeExtra(this.extra, callExtra)
          : this.extra;
      const args = split.args;
      switch (args.length) {
        case 0:
          this.logger.log(level, msg, kw);
          return;
        case 1:
          this.logger.log(level, msg, args[0], kw);
          return;
        default:
          this.logger.log(level, msg, ...args, kw);
          return;
      }
    }
    switch (a.length) {
      case 1:
        this.log(level, a[0]);
        return;
      case 2:
        this.log(level, a[0], a[1]);
        return;
      default:
        this.log(level, ...(a as unknown as [unknown, ...unknown[]]));
    }
  }
}

const ADAPTER_LOG = LoggerAdapter.prototype.log;
const ADAPTER_PROCESS = LoggerAdapter.prototype.process;

/**
 * A logger with fields bound to it: `logger.bind({ requestId })`. Every
 * record it logs carries the fields as attributes (`%(requestId)s` in a
 * format string, a key in `JSONFormatter` output), merged under the call's
 * own `extra` (a `LoggerAdapter` with Python 3.13's `merge_extra`).
 * `bind` again to add fields: `log.bind({ a: 1 }).bind({ b: 2 })` carries
 * both, later values winning. A disabled call costs the level check.
 *
 * @example
 * ```ts
 * const reqLog = logging.getLogger("http").bind({ requestId: "r-17" });
 * reqLog.info("GET %s", path);                       // record.requestId === "r-17"
 * reqLog.bind({ user: "ann" }).warning("denied");   // requestId and user
 * ```
 */
export class BoundLogger extends LoggerAdapter {
  declare extra: Record<string, unknown>;

  /**
   * Binds `fields` to `logger`. Fields are copied (later changes to the
   * object are not seen); a field named like a record attribute (`name`,
   * `message`, `levelname`, …) throws Python's `KeyError` here, not on
   * every call.
   */
  constructor(logger: Logger | LoggerAdapter, fields: Record<string, unknown> = {}) {
    super(logger, copyFields(fields, null), true);
  }

  /** A bound logger with `fields` added to (and overriding) this one's. */
  override bind(fields: Record<string, unknown>): BoundLogger {
    if (this.constructor !== BoundLogger) return new BoundLogger(this, fields);
    // Flattened: one adapter level however deep the chain.
    const merged = new BoundLogger(this.logger as unknown as Logger);
    merged.extra = copyFields(fields, this.extra);
    return merged;
  }
}

/** `fields` checked and copied over `base` (own properties, any string key). */
function copyFields(fields: Record<string, unknown>, base: Record<string, unknown> | null): Record<string, unknown> {
  let proto: unknown;
  try {
    proto = typeof fields === "object" && fields !== null ? Object.getPrototypeOf(fields) : undefined;
  } catch {
    proto = undefined;
  }
  if (proto !== Object.prototype && proto !== null) {
    throw typeError(`bind() argument must be a plain object, not ${safeTypeName(fields)}`);
  }
  const out: Record<string, unknown> = {};
  if (base !== null) for (const key of Object.keys(base)) defineField(out, key, base[key]);
  for (const key of Object.keys(fields)) {
    if (STANDARD_FIELDS.includes(key)) throw keyError(`Attempt to overwrite ${quoteLikePython(key)} in LogRecord`);
    defineField(out, key, fields[key]);
  }
  return out;
}

/** An own data property even for `__proto__`. */
function defineField(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `{ ...base, ...over }` that cannot throw into the call: a hostile `over` is passed on as is, and reported when the record is made. */
function mergeExtra(base: Record<string, unknown> | null, over: Record<string, unknown>): Record<string, unknown> {
  try {
    return { ...base, ...over };
  } catch {
    return over;
  }
}

/** True for `{ extra?, merge_extra }`: the constructor's keyword form. */
function isAdapterKeywords(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  try {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    const keys = Object.keys(v);
    return keys.includes("merge_extra") && keys.every((k) => k === "extra" || k === "merge_extra");
  } catch {
    return false;
  }
}

/** The logger at the bottom of a chain of adapters. */
function innermostLogger(a: LoggerAdapter): LoggerLike {
  let l: LoggerLike = a.logger;
  while (l instanceof LoggerAdapter) l = l.logger;
  return l;
}

/** The keywords given to a call, as the dict Python's `process` receives (only those given). */
function adapterKwargs(kwargs: CallOptions | null): AdapterKwargs {
  const kw: AdapterKwargs = {};
  if (kwargs === null) return kw;
  if (kwargs.exc_info !== undefined) kw.exc_info = kwargs.exc_info;
  if (kwargs.extra !== undefined) kw.extra = kwargs.extra;
  if (kwargs.stack_info !== undefined) kw.stack_info = kwargs.stack_info;
  if (kwargs.stacklevel !== undefined) kw.stacklevel = kwargs.stacklevel;
  return kw;
}

/**
 * What `process` returned, as keywords for the wrapped logger's `log`.
 * An unknown keyword is Python's `TypeError` from `Logger._log`.
 */
function callOptions(kw: unknown): CallOptions {
  if (kw instanceof CallOptions) return kw;
  if (typeof kw !== "object" || kw === null || Array.isArray(kw)) {
    throw typeError(`logging.Logger.log() argument after ** must be a mapping, not ${safeTypeName(kw)}`);
  }
  const out = new CallOptions();
  const src = kw as Record<string, unknown>;
  for (const key of Object.keys(src)) {
    if (!KEYWORD_SET.has(key)) {
      throw typeError(`Logger._log() got an unexpected keyword argument ${quoteLikePython(key)}`);
    }
    (out as unknown as Record<string, unknown>)[key] = src[key];
  }
  return out;
}
