/**
 * Module-level functions: logging on the root logger (with the implicit
 * `basicConfig`), `disable`, `flush`, `shutdown`, `captureWarnings`.
 */
import { basicConfig } from "./config/basic.js";
import { isThenable } from "./handlers/handler.js";
import { NullHandler } from "./handlers/null.js";
import { liveHandlers } from "./handlers/registry.js";
import { flushAllSync, onExit } from "./io/lifecycle.js";
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

/**
 * Hands every record accepted so far to the OS. Resolves when done; the
 * work is synchronous, so code that ignores the Promise is safe as well.
 */
export function flush(): Promise<void> {
  flushAllSync();
  return Promise.resolve();
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
 * Flushes and closes every handler, newest first, as Python's `shutdown`
 * (errors are ignored). Resolves when done.
 */
export function shutdown(
  handlerList?: Array<{ flush(): unknown; close(): unknown; flushOnClose?: boolean }>,
): Promise<void> {
  const list = handlerList ?? liveHandlers();
  let failure: unknown;
  for (const h of [...list].reverse()) {
    try {
      if ((h as { flushOnClose?: boolean }).flushOnClose !== false) ignoreRejection(h.flush());
      ignoreRejection(h.close());
    } catch (err) {
      // Python ignores OSError and ValueError here and re-raises the rest
      // when raiseExceptions is on.
      if (!isOsOrValueError(err) && settings.raiseExceptions && failure === undefined) failure = err;
    }
  }
  flushAllSync();
  return failure === undefined ? Promise.resolve() : Promise.reject(failure);
}

/** Shutdown ignores errors of async flush/close, as it does sync ones. */
function ignoreRejection(result: unknown): void {
  if (isThenable(result)) result.then(undefined, () => undefined);
}

const OS_ERRORS = new Set(["OSError", "ValueError", "FileNotFoundError", "PermissionError", "IsADirectoryError"]);
function isOsOrValueError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return OS_ERRORS.has(err.name) || typeof (err as NodeJS.ErrnoException).code === "string";
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
