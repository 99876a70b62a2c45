/**
 * The Handler base class (override `emit`), and the one report every
 * logging error ends in (`handleError`'s "--- Logging error ---" block).
 */
import { configChanged, configEpoch, isBuiltinInstance } from "../core/callerPolicy.js";
import { callStackText } from "../core/caller.js";
import { Filterer } from "../core/filter.js";
import { checkLevel, getLevelName, NOTSET } from "../core/levels.js";
import type { LogRecord } from "../core/record.js";
import { settings } from "../core/settings.js";
import { formatExceptionText } from "../format/exception.js";
import { defaultFormatter, type Formatter } from "../format/formatter.js";
import { writeStderr } from "../io/stdio.js";
import { pyError } from "../py/errors.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { pyRepr } from "../py/repr.js";
import { markBuiltinHandler, registerHandler, renameHandler, unregisterHandler } from "./registry.js";

/**
 * The base of all handlers. Subclass it and override `emit(record)`.
 * `new Handler(level = NOTSET)`.
 */
export class Handler extends Filterer {
  // Accessors: a change may change whether loggers capture caller fields.
  #level = NOTSET;
  #formatter: Formatter | null = null;
  /** True once `close()` was called. */
  _closed = false;
  #name: string | null = null;
  /** Whether this is a built-in instance with no method replaced, as of configuration epoch `#trustedEpoch`. */
  #trusted = false;
  #trustedEpoch = -1;

  /** Python's parameters: `Handler(level=NOTSET)`. */
  static override readonly signature = signature("Handler", ["level"]);

  constructor(level?: number | string | { level?: number | string });
  constructor(...args: unknown[]) {
    super();
    this.level = checkLevel((bindArgs(Handler.signature, args).level as number | string | undefined) ?? NOTSET);
    registerHandler(this);
  }

  /** Records below this level are ignored by `callHandlers`. */
  get level(): number {
    return this.#level;
  }

  set level(level: number) {
    this.#level = level;
    configChanged();
  }

  /** Formatter used by `format`; the default `%(message)s` when null. */
  get formatter(): Formatter | null {
    return this.#formatter;
  }

  set formatter(fmt: Formatter | null) {
    this.#formatter = fmt;
    configChanged();
  }

  /** The handler's name; setting it registers the handler for `getHandlerByName`. */
  get name(): string | null {
    return this.#name;
  }

  set name(name: string | null) {
    renameHandler(this, this.#name, name);
    this.#name = name;
  }

  /**
   * @internal One of logxide's own classes with no method replaced on the
   * instance. Decided again after any configuration change (the epoch the
   * caller-field rule uses too): a method replaced later, with no
   * configuration change since, is seen at the next one.
   */
  _trusted(): boolean {
    if (this.#trustedEpoch !== configEpoch) {
      this.#trustedEpoch = configEpoch;
      this.#trusted =
        isBuiltinInstance(this) &&
        !Object.hasOwn(this, "emit") &&
        !Object.hasOwn(this, "handle") &&
        !Object.hasOwn(this, "format");
    }
    return this.#trusted;
  }

  /** Python's `get_name`. */
  get_name(): string | null {
    return this.name;
  }

  /** Python's `set_name`. */
  set_name(name: string | null): void {
    this.name = name;
  }

  /** Sets the level (a number or a registered name). */
  setLevel(level: number | string): void {
    this.level = checkLevel(level);
  }

  /** Sets the formatter. */
  setFormatter(fmt: Formatter | null): void {
    this.formatter = fmt;
  }

  /** Kept for Python code that calls it; Node runs handlers on one thread. */
  createLock(): void {}
  /** No-op (one thread). */
  acquire(): void {}
  /** No-op (one thread). */
  release(): void {}

  /** Formats with this handler's formatter, or the default one. */
  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter).format(record);
  }

  /** Writes the record out. Subclasses must override it. */
  emit(_record: LogRecord): void {
    throw pyError("NotImplementedError", "emit must be implemented by Handler subclasses");
  }

  /**
   * Runs the handler's filters, then `emit`. Returns the record emitted
   * (a filter may replace it) or false. An error from `emit` goes to
   * `handleError`, never to the caller.
   */
  handle(record: LogRecord): false | LogRecord {
    if (this.filters.length > 0) {
      const rv = this.filter(record);
      if (!rv) return false;
      record = rv;
    }
    try {
      const result: unknown = this.emit(record);
      // A user's async emit: its rejection is a logging error, not an unhandled rejection.
      if (isThenable(result)) result.then(undefined, (err: unknown) => this.handleError(record, err));
    } catch (err) {
      this.handleError(record, err);
    }
    return record;
  }

  /** Makes sure output so far has been handed on. Built-in handlers may return a Promise. */
  flush(): void | Promise<void> {}

  /** Releases resources and unregisters the handler's name. */
  close(): void | Promise<void> {
    this._closed = true;
    unregisterHandler(this, this.#name);
  }

  /**
   * Reports an error raised while handling `record`, as Python does: when
   * `raiseExceptions` is on, stderr gets `--- Logging error ---`, the error,
   * the call stack and the message and arguments. Never throws.
   */
  handleError(record: LogRecord | null, error?: unknown): void {
    reportLoggingError(record, error);
  }

  /** Python's `repr(handler)`. */
  override toString(): string {
    return `<${this.constructor.name} (${levelText(this.level)})>`;
  }
}

/** @internal The level's name, as handlers' `toString` show it. */
export function levelText(level: number): string {
  return String(getLevelName(level));
}

/**
 * @internal True when `h` cannot change a record before or after formatting
 * it: one of logxide's own classes, no filters, no method replaced on the
 * instance. Consecutive such handlers in a walk share one formatting.
 */
export function sharesFormatting(h: Handler): boolean {
  return h.filters.length === 0 && h._trusted();
}

/** True for a Promise or any object with `then`. */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === "object" || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function"
  );
}

/**
 * Python's `Handler.handleError` report, for any logging error: when
 * `raiseExceptions` is on, stderr gets `--- Logging error ---`, the error,
 * the call stack, and the record's message and arguments. Never throws.
 */
export function reportLoggingError(record: LogRecord | null, error?: unknown): void {
  if (!settings.raiseExceptions) return;
  try {
    let text = "--- Logging error ---\n";
    text += formatExceptionText(error ?? null) + "\n";
    text += "Call stack:\n" + callStackText() + "\n";
    if (record) {
      try {
        text += `Message: ${pyRepr(record.msg)}\nArguments: ${argsText(record.args)}\n`;
      } catch {
        text +=
          "Unable to print the message and arguments - possible formatting error.\n" +
          "Use the traceback above to help find the error.\n";
      }
    }
    writeStderr(text);
  } catch {
    /* stderr itself failed: nothing left to report to */
  }
}

/** Python prints `str(record.args)`: the arguments' tuple, `('x',)`, or the mapping. */
function argsText(args: unknown): string {
  if (args === null || args === undefined) return "None";
  if (Array.isArray(args)) {
    const items = args.map((a) => pyRepr(a));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  return pyRepr(args);
}

markBuiltinHandler(Handler);
