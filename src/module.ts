/**
 * Module-level functions: logging on the root logger (with the implicit
 * `basicConfig`), `disable`, `flush`, `shutdown`, `captureWarnings`.
 */
import { basicConfig } from "./config/basic.js";
import { isThenable } from "./handlers/handler.js";
import { NullHandler } from "./handlers/null.js";
import { liveHandlers } from "./handlers/registry.js";
import { flushAllSync, onExit, pendingWrites } from "./io/lifecycle.js";
import { isOSError } from "./io/oserror.js";
import { CRITICAL } from "./core/levels.js";
import { settings } from "./core/settings.js";
import { getLogger, root } from "./core/logger.js";

function ensureConfigured(): void {
  if (root.handlers.length === 0) basicConfig();
}

/** Logs at DEBUG on the root logger (configuring it first if it has no handlers). */
export function debug(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.debug(msg, ...args);
}
/** Logs at INFO on the root logger. */
export function info(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.info(msg, ...args);
}
/** Logs at WARNING on the root logger. */
export function warning(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.warning(msg, ...args);
}
/** Logs at WARNING on the root logger (deprecated alias). */
export function warn(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.warning(msg, ...args);
}
/** Logs at ERROR on the root logger. */
export function error(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.error(msg, ...args);
}
/** Logs at CRITICAL on the root logger. */
export function critical(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.critical(msg, ...args);
}
/** Logs at CRITICAL on the root logger (alias). */
export function fatal(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.critical(msg, ...args);
}
/** Logs at ERROR with exception information on the root logger. */
export function exception(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.exception(msg, ...args);
}
/** Logs at `level` on the root logger. */
export function log(level: number, msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.log(level, msg, ...args);
}

/** Drops every record at `level` and below, on every logger; `disable(0)` undoes it. */
export function disable(level: number | string = CRITICAL): void {
  root.manager.disable = level as number;
  root.manager._clear_cache();
}

/** Options of {@link flush} and {@link shutdown}. */
export interface FlushOptions {
  /**
   * Milliseconds to wait, in all, for handlers whose `flush()` (or, for
   * `shutdown`, `close()`) returns a Promise. Default 5000
   * ({@link DEFAULT_FLUSH_TIMEOUT}). A handler still pending then is listed
   * in `timedOut` and reported through its `handleError`; the call resolves
   * without waiting further.
   */
  timeout?: number;
}

/** What {@link flush} and {@link shutdown} resolve to: which handlers could not confirm delivery. */
export interface FlushReport {
  /** How many handlers were flushed (and, for `shutdown`, closed). */
  handlers: number;
  /** Handlers whose `flush()`/`close()` threw or rejected, with the error. */
  failed: Array<{ handler: unknown; error: unknown }>;
  /** Handlers whose Promise had not settled when the timeout ran out. */
  timedOut: unknown[];
}

/** The default of `FlushOptions.timeout`: 5 seconds. */
export const DEFAULT_FLUSH_TIMEOUT = 5000;

type FlushableHandler = {
  flush(): unknown;
  close(): unknown;
  flushOnClose?: boolean;
  handleError?: (record: null, err: unknown) => void;
};

/**
 * Hands every record accepted so far on, and waits for the handlers that
 * deliver asynchronously.
 *
 * Synchronously, before it returns, every handler's `flush()` is called
 * (except buffering handlers that decide themselves when to pass records on,
 * such as `MemoryHandler`: their buffer is theirs) and every file and stdio
 * batch is written (so code that ignores the Promise
 * keeps Python's behaviour). The Promise then waits for each Promise a
 * handler's `flush()` returned (sockets, HTTP, queue listeners, your own
 * async handlers, a stdout whose reader is slow), at most `options.timeout`
 * milliseconds in all (default 5000). It never rejects: it resolves to a
 * {@link FlushReport}, and each failure (a throw or a rejection) and each
 * timeout is also reported through that handler's `handleError`.
 *
 * @example
 * const report = await logging.flush({ timeout: 2000 });
 * if (report.failed.length || report.timedOut.length) process.exitCode = 1;
 */
export function flush(options: FlushOptions = {}): Promise<FlushReport> {
  const timeout = timeoutOf(options);
  const report: FlushReport = { handlers: 0, failed: [], timedOut: [] };
  const waits: Promise<void>[] = [];
  const deadline = new Deadline(timeout);
  for (const h of liveHandlers()) {
    // A handler that decides itself when to pass its buffer on (Python's
    // BufferingHandler protocol: `shouldFlush`, e.g. MemoryHandler holding
    // DEBUG records until an ERROR) keeps it: forcing it out would change
    // what the application logs. Its target is flushed like any handler.
    if (typeof (h as { shouldFlush?: unknown }).shouldFlush === "function") continue;
    report.handlers++;
    let result: unknown;
    try {
      result = h.flush();
    } catch (err) {
      report.failed.push({ handler: h, error: err });
      tellHandler(h, err);
      continue;
    }
    if (isThenable(result)) {
      waits.push(
        deadline.race(result).then((outcome) => {
          if (outcome.kind === "rejected") {
            report.failed.push({ handler: h, error: outcome.error });
            tellHandler(h, outcome.error);
          } else if (outcome.kind === "timeout") {
            report.timedOut.push(h);
            tellHandler(h, timeoutError("flush", timeout));
          }
        }),
      );
    }
  }
  flushAllSync();
  // Output not tied to a handler (e.g. error reports) waiting for a slow reader.
  for (const p of pendingWrites()) waits.push(deadline.race(p).then(() => undefined));
  if (waits.length === 0) {
    deadline.cancel();
    return Promise.resolve(report);
  }
  return Promise.all(waits).then(() => {
    deadline.cancel();
    return report;
  });
}

function flushEverything(): void {
  for (const h of liveHandlers()) {
    try {
      ignoreRejection(h.flush());
    } catch {
      /* a failing handler must not stop the others */
    }
  }
  flushAllSync();
}

// At exit, handlers' own buffers (e.g. user handlers, MemoryHandler) are
// flushed too, before the writers write out what they hold.
onExit(flushEverything);

/**
 * Flushes and closes every handler, newest first, as Python's
 * `shutdown(handlerList)`: `shutdown()`, `shutdown(handlers)`,
 * `shutdown(handlers, { timeout })` or `shutdown({ timeout })`.
 *
 * For each handler, `flush()` (unless `flushOnClose` is false) and then
 * `close()`; when `flush()` returns a Promise, `close()` is called once it
 * settles (or the timeout runs out). Everything synchronous is done before
 * this returns. The Promise waits for the handlers' Promises, at most
 * `options.timeout` ms in all (default 5000), and resolves to a
 * {@link FlushReport}. As in Python, `OSError`s and `ValueError`s from
 * flush/close are ignored (they are listed in `failed`, not reported);
 * with `raiseExceptions` on, any other error makes the Promise reject with
 * it, after every handler was closed. Timeouts are reported through the
 * handler's `handleError`.
 */
export function shutdown(
  handlerList?: FlushableHandler[] | FlushOptions,
  options: FlushOptions = {},
): Promise<FlushReport> {
  if (handlerList !== undefined && handlerList !== null && !Array.isArray(handlerList)) {
    options = handlerList;
    handlerList = undefined;
  }
  const timeout = timeoutOf(options);
  const list: FlushableHandler[] = (handlerList as FlushableHandler[] | undefined) ?? liveHandlers();
  const report: FlushReport = { handlers: 0, failed: [], timedOut: [] };
  const deadline = new Deadline(timeout);
  const waits: Promise<void>[] = [];
  let failure: unknown;
  const failed = (h: FlushableHandler, err: unknown): void => {
    report.failed.push({ handler: h, error: err });
    // Python ignores OSError and ValueError here and re-raises the rest
    // when raiseExceptions is on.
    if (!isOSError(err) && !isValueError(err) && settings.raiseExceptions && failure === undefined) failure = err;
  };
  const settled = (h: FlushableHandler, what: "flush" | "close", p: PromiseLike<unknown>): Promise<void> =>
    deadline.race(p).then((outcome) => {
      if (outcome.kind === "rejected") failed(h, outcome.error);
      else if (outcome.kind === "timeout") {
        report.timedOut.push(h);
        tellHandler(h, timeoutError(what, timeout));
      }
    });
  const close = (h: FlushableHandler): void => {
    try {
      const r = h.close();
      if (isThenable(r)) waits.push(settled(h, "close", r));
    } catch (err) {
      failed(h, err);
    }
  };
  for (const h of [...list].reverse()) {
    report.handlers++;
    let flushed: unknown;
    try {
      if ((h as { flushOnClose?: boolean }).flushOnClose !== false) flushed = h.flush();
    } catch (err) {
      failed(h, err); // as Python: flush and close are one try, so close is skipped
      continue;
    }
    if (isThenable(flushed)) waits.push(settled(h, "flush", flushed).then(() => close(h)));
    else close(h);
  }
  flushAllSync();
  const finish = (): FlushReport => {
    deadline.cancel();
    if (failure !== undefined) throw failure;
    return report;
  };
  if (waits.length === 0) {
    try {
      return Promise.resolve(finish());
    } catch (err) {
      return Promise.reject(err);
    }
  }
  // Closes that ran after an async flush add their own waits: wait until none is left.
  const drain = (): Promise<void> => {
    const batch = waits.splice(0);
    return batch.length === 0 ? Promise.resolve() : Promise.all(batch).then(drain);
  };
  return drain().then(() => {
    flushAllSync();
    return finish();
  });
}

function timeoutOf(options: FlushOptions | undefined): number {
  const t = options?.timeout ?? DEFAULT_FLUSH_TIMEOUT;
  if (typeof t !== "number" || Number.isNaN(t) || t < 0) {
    throw new TypeError(`timeout must be a number of milliseconds >= 0, not ${String(t)}`);
  }
  return t;
}

type Outcome = { kind: "fulfilled" } | { kind: "rejected"; error: unknown } | { kind: "timeout" };

/** One timer for a whole flush/shutdown: every wait races against it. */
class Deadline {
  #timer: NodeJS.Timeout | null = null;
  #expired: Promise<Outcome>;

  constructor(ms: number) {
    this.#expired = new Promise<Outcome>((resolve) => {
      // Lazily armed: a flush with nothing to wait for sets no timer.
      this.#arm = () => {
        if (this.#timer === null && ms !== Number.POSITIVE_INFINITY) {
          this.#timer = setTimeout(() => resolve({ kind: "timeout" }), ms);
        }
      };
    });
  }

  #arm: () => void = () => undefined;

  race(p: PromiseLike<unknown>): Promise<Outcome> {
    this.#arm();
    const settled = Promise.resolve(p).then(
      (): Outcome => ({ kind: "fulfilled" }),
      (error: unknown): Outcome => ({ kind: "rejected", error }),
    );
    return Promise.race([settled, this.#expired]);
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
  }
}

function timeoutError(what: string, ms: number): Error {
  const err = new Error(`${what}() did not settle within ${ms} ms; what it holds may not be delivered`);
  err.name = "TimeoutError";
  return err;
}

/** Reports to the handler's own `handleError`; a failing one must not stop the others. */
function tellHandler(h: unknown, err: unknown): void {
  const handleError = (h as { handleError?: unknown } | null)?.handleError;
  if (typeof handleError !== "function") return;
  try {
    handleError.call(h, null, err);
  } catch {
    /* nothing left to report to */
  }
}

/** The exit flush ignores errors of async flushes, as it does sync ones. */
function ignoreRejection(result: unknown): void {
  if (isThenable(result)) result.then(undefined, () => undefined);
}

function isValueError(err: unknown): boolean {
  return err instanceof Error && (err.name === "ValueError" || err.name === "UnicodeEncodeError");
}

let savedWarningListeners: Array<(...a: unknown[]) => void> | null = null;

/** Python's `_showwarning`: the warning text, at WARNING, on `py.warnings`. */
function onWarning(w: Error): void {
  const logger = getLogger("py.warnings");
  if (logger.handlers.length === 0) logger.addHandler(new NullHandler());
  logger.warning("%s", `${w.name}: ${w.message}`);
}

/**
 * `captureWarnings(true)` routes Node's process warnings to the
 * `py.warnings` logger (instead of Node printing them); `false` restores.
 */
export function captureWarnings(capture: boolean): void {
  if (capture) {
    if (savedWarningListeners === null) {
      savedWarningListeners = process.listeners("warning") as Array<(...a: unknown[]) => void>;
      process.removeAllListeners("warning");
      process.on("warning", onWarning);
    }
  } else if (savedWarningListeners !== null) {
    process.removeListener("warning", onWarning);
    for (const l of savedWarningListeners) process.on("warning", l);
    savedWarningListeners = null;
  }
}
