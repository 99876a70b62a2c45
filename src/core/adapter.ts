/**
 * LoggerAdapter: a logger wrapper that adds contextual `extra` to every call.
 */
import { splitCall, type LogKwargs } from "./callArgs.js";
import { CRITICAL, DEBUG, ERROR, INFO, WARNING } from "./levels.js";
import type { Logger, Manager } from "./logger.js";
import { settings } from "./settings.js";
import { typeError } from "../py/errors.js";

/** What `process` receives and returns: the call's keyword arguments. */
export type AdapterKwargs = LogKwargs & Record<string, unknown>;

/** Anything with a logger's calls: a Logger or another adapter. */
interface LoggerLike {
  name: string;
  manager: Manager;
  isEnabledFor(level: number): boolean;
  log(level: number, msg: unknown, ...args: unknown[]): void;
  setLevel(level: number | string): void;
  getEffectiveLevel(): number;
  hasHandlers(): boolean;
}

/**
 * `new LoggerAdapter(logger, extra)`. Each call's `extra` is replaced by the
 * adapter's (Python 3.11; override `process` to merge instead).
 */
export class LoggerAdapter {
  logger: LoggerLike;
  extra: Record<string, unknown> | null;

  constructor(logger: Logger | LoggerAdapter, extra: Record<string, unknown> | null = null) {
    this.logger = logger as unknown as LoggerLike;
    this.extra = extra;
  }

  /** Returns the message and keyword arguments to use; by default sets `extra` to the adapter's. */
  process(msg: unknown, kwargs: AdapterKwargs): [unknown, AdapterKwargs] {
    kwargs.extra = this.extra;
    return [msg, kwargs];
  }

  debug(msg: unknown, ...args: unknown[]): void {
    this.#call(DEBUG, msg, args, null);
  }
  info(msg: unknown, ...args: unknown[]): void {
    this.#call(INFO, msg, args, null);
  }
  warning(msg: unknown, ...args: unknown[]): void {
    this.#call(WARNING, msg, args, null);
  }
  warn(msg: unknown, ...args: unknown[]): void {
    this.#call(WARNING, msg, args, null);
  }
  error(msg: unknown, ...args: unknown[]): void {
    this.#call(ERROR, msg, args, null);
  }
  /** ERROR with exception information (`exc_info` defaults to true). */
  exception(msg: unknown, ...args: unknown[]): void {
    this.#call(ERROR, msg, args, true);
  }
  critical(msg: unknown, ...args: unknown[]): void {
    this.#call(CRITICAL, msg, args, null);
  }
  fatal(msg: unknown, ...args: unknown[]): void {
    this.#call(CRITICAL, msg, args, null);
  }

  /** Logs at `level` after `process` has adjusted the message and keywords. */
  log(level: number, msg: unknown, ...args: unknown[]): void {
    if (typeof level !== "number" || !Number.isInteger(level)) {
      if (settings.raiseExceptions) throw typeError("level must be an integer");
      return;
    }
    this.#call(level, msg, args, null);
  }

  #call(level: number, msg: unknown, rawArgs: unknown[], defaultExcInfo: true | null): void {
    if (!this.isEnabledFor(level)) return;
    const { args, kwargs } = splitCall(msg, rawArgs, 0);
    const kw: AdapterKwargs = { ...kwargs };
    if (defaultExcInfo !== null && kw.exc_info === undefined) kw.exc_info = defaultExcInfo;
    const [newMsg, newKw] = this.process(msg, kw);
    const forwarded = Object.keys(newKw).length > 0 ? [...args, newKw] : args;
    this.logger.log(level, newMsg, ...forwarded);
  }

  isEnabledFor(level: number): boolean {
    return this.logger.isEnabledFor(level);
  }
  setLevel(level: number | string): void {
    this.logger.setLevel(level);
  }
  getEffectiveLevel(): number {
    return this.logger.getEffectiveLevel();
  }
  hasHandlers(): boolean {
    return this.logger.hasHandlers();
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

  toString(): string {
    const logger = this.logger as unknown as Logger;
    return `<${this.constructor.name} ${logger.name} (${String(logger.getEffectiveLevel())})>`;
  }
}
