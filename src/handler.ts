/**
 * Handler base class and the core handlers: StreamHandler, FileHandler,
 * NullHandler, and the `lastResort` handler.
 */
import { resolve } from "node:path";
import { noteCallerFields } from "./callerPolicy.js";
import { pyError, typeError } from "./errors.js";
import { formatExceptionText } from "./exception.js";
import { Filterer } from "./filter.js";
import { defaultFormatter, forgetFormatted, type Formatter } from "./formatter.js";
import { checkEncoding } from "./io/encoding.js";
import { FileSink } from "./io/fileSink.js";
import { isBatchedStdio, writeStderr, writeToStream } from "./io/stdio.js";
import { bindArgs } from "./kwargs.js";
import { checkLevel, getLevelName, NOTSET, WARNING } from "./levels.js";
import { pyRepr } from "./pyrepr.js";
import type { LogRecord } from "./record.js";
import { settings } from "./settings.js";
import { callStackText } from "./caller.js";

/** Handlers by name (`getHandlerByName`), and every handler in creation order for `shutdown`. */
const handlersByName = new Map<string, WeakRef<Handler>>();
const handlerList: Array<WeakRef<Handler>> = [];
/** Classes logxide defines: only user-written handlers turn on caller capture. */
const builtinHandlers = new Set<Function>();

/** @internal Marks a class as built in (its `emit` never reads caller fields). */
export function markBuiltinHandler(cls: Function): void {
  builtinHandlers.add(cls);
}

/** The handler registered under `name` (Python 3.12's `getHandlerByName`). */
export function getHandlerByName(name: string): Handler | undefined {
  return handlersByName.get(name)?.deref();
}

/** The names of all registered handlers. */
export function getHandlerNames(): Set<string> {
  const names = new Set<string>();
  for (const [k, ref] of handlersByName) if (ref.deref()) names.add(k);
  return names;
}

/** @internal Live handlers, oldest first (for `shutdown`). */
export function liveHandlers(): Handler[] {
  const out: Handler[] = [];
  for (const ref of handlerList) {
    const h = ref.deref();
    if (h) out.push(h);
  }
  return out;
}

/**
 * The base of all handlers. Subclass it and override `emit(record)`.
 * `new Handler(level = NOTSET)`.
 */
export class Handler extends Filterer {
  /** Records below this level are ignored by `callHandlers`. */
  level: number;
  /** Formatter used by `format`; the default `%(message)s` when null. */
  formatter: Formatter | null = null;
  /** True once `close()` was called. */
  _closed = false;
  #name: string | null = null;

  constructor(level: number | string = NOTSET) {
    super();
    this.level = checkLevel(level);
    handlerList.push(new WeakRef(this));
    if (!builtinHandlers.has(new.target)) noteCallerFields();
  }

  /** The handler's name; setting it registers the handler for `getHandlerByName`. */
  get name(): string | null {
    return this.#name;
  }

  set name(name: string | null) {
    if (this.#name !== null) handlersByName.delete(this.#name);
    this.#name = name;
    if (name !== null && name !== undefined) handlersByName.set(name, new WeakRef(this));
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
      forgetFormatted(record); // a filter may have changed what the formatter reads
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
    if (this.#name !== null && handlersByName.get(this.#name)?.deref() === this) {
      handlersByName.delete(this.#name);
    }
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

function levelText(level: number): string {
  return String(getLevelName(level));
}

/** True for a Promise or any object with `then`. */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
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
        text += "Unable to print the message and arguments - possible formatting error.\n"
          + "Use the traceback above to help find the error.\n";
      }
    }
    writeStderr(text);
  } catch {
    /* stderr itself failed: nothing left to report to */
  }
}

/** Python prints `record.args` as its tuple (here: list) repr. */
function argsText(args: unknown): string {
  if (args === null || args === undefined) return "None";
  if (Array.isArray(args)) return "[" + args.map((a) => pyRepr(a)).join(", ") + "]";
  return pyRepr(args);
}

/** Anything with `write(text)`: a Node stream, `process.stdout`, or a capture object. */
export interface WritableLike {
  write(text: string): unknown;
  flush?: () => unknown;
}

/**
 * Writes formatted records to a stream: `new StreamHandler(stream = process.stderr)`.
 * `process.stdout`/`process.stderr` are written in batches (see `flush()`);
 * any other object gets one `write(text + terminator)` per record.
 */
export class StreamHandler extends Handler {
  /** Appended to each record's text. */
  terminator = "\n";
  /** Where records are written. */
  stream: WritableLike | FileSink | null;

  constructor(stream?: WritableLike | null | { stream?: WritableLike | null });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs("StreamHandler", ["stream"], args);
    this.stream = (a.stream as WritableLike | null | undefined) ?? process.stderr;
  }

  /** Formats the record and writes it with the terminator. */
  override emit(record: LogRecord): void {
    try {
      const msg = this.format(record);
      const stream = this.stream;
      if (stream instanceof FileSink) {
        stream.write(msg + this.terminator);
      } else if (stream) {
        writeToStream(stream, msg + this.terminator);
        if (typeof stream.flush === "function" && !isBatchedStdio(stream)) stream.flush();
      }
    } catch (err) {
      this.handleError(record, err);
    }
  }

  /** Hands what was written so far to the OS (or calls the stream's `flush`). */
  override flush(): void {
    const stream = this.stream;
    if (stream instanceof FileSink) stream.flush();
    else if (stream && isBatchedStdio(stream)) writeToStream(stream, "");
    else if (stream && typeof stream.flush === "function") stream.flush();
  }

  /** Replaces the stream; returns the old one, or null when it is the same. */
  setStream(stream: WritableLike): WritableLike | FileSink | null {
    if (stream === this.stream) return null;
    const old = this.stream;
    this.flush();
    this.stream = stream;
    return old;
  }

  override toString(): string {
    return `<${this.constructor.name} (${levelText(this.level)})>`;
  }
}

/**
 * Writes formatted records to a file:
 * `new FileHandler(filename, mode = "a", encoding = "utf-8", delay = false, errors?)`.
 * The file opens at construction (or at the first record with `delay`); after
 * `close()`, a record reopens it unless the mode is `"w"`.
 */
export class FileHandler extends StreamHandler {
  /** The absolute path of the file. */
  baseFilename: string;
  mode: string;
  encoding: string | null;
  errors: string | null;
  delay: boolean;

  constructor(filename: string, mode?: string, encoding?: string | null, delay?: boolean, errors?: string | null);
  constructor(filename: string, options: { mode?: string; encoding?: string | null; delay?: boolean; errors?: string | null });
  constructor(...args: unknown[]) {
    super(null);
    const a = bindArgs("FileHandler", ["filename", "mode", "encoding", "delay", "errors"], args);
    this.baseFilename = resolve(pathText(a.filename));
    this.mode = (a.mode as string | undefined) ?? "a";
    this.encoding = (a.encoding as string | null | undefined) ?? "utf-8";
    this.errors = (a.errors as string | null | undefined) ?? null;
    this.delay = Boolean(a.delay);
    checkEncoding(this.encoding);
    this.stream = null;
    if (!this.delay) this.stream = this._open();
  }

  /** Opens the file with `mode`. */
  _open(): FileSink {
    return new FileSink(this.baseFilename, this.mode, (err) => this.handleError(null, err), this.encoding, this.errors);
  }

  override emit(record: LogRecord): void {
    if (this.stream === null) {
      if (this.mode !== "w" || !this._closed) {
        try {
          this.stream = this._open();
        } catch (err) {
          this.handleError(record, err);
          return;
        }
      }
    }
    if (this.stream) super.emit(record);
  }

  /** Writes out what is pending and closes the file. */
  override close(): void {
    try {
      const stream = this.stream;
      if (stream) {
        try { this.flush(); } finally {
          this.stream = null;
          if (stream instanceof FileSink) stream.close();
          else if (typeof (stream as { close?: unknown }).close === "function") (stream as unknown as { close(): void }).close();
        }
      }
    } finally {
      super.close();
    }
  }

  override toString(): string {
    return `<${this.constructor.name} ${this.baseFilename} (${levelText(this.level)})>`;
  }
}

function pathText(filename: unknown): string {
  if (typeof filename === "string") return filename;
  if (filename instanceof URL) return filename.pathname;
  if (Buffer.isBuffer(filename)) return filename.toString();
  throw typeError(`expected str, bytes or os.PathLike object, not ${filename === null || filename === undefined ? "NoneType" : typeof filename}`);
}

/** Does nothing: lets a library log without output until the application configures logging. */
export class NullHandler extends Handler {
  override handle(_record: LogRecord): false | LogRecord {
    return false;
  }
  override emit(_record: LogRecord): void {}
  override createLock(): void {}
}

/**
 * `lastResort`: used when a record finds no handler at all. WARNING and
 * above, the bare message, to whatever `process.stderr` is at that moment.
 */
export class StderrHandler extends StreamHandler {
  constructor(level: number | string = WARNING) {
    super(null);
    this.setLevel(level);
  }

  /** Writes to whatever `process.stderr` is now. */
  override emit(record: LogRecord): void {
    this.stream = process.stderr;
    super.emit(record);
  }
}

for (const cls of [Handler, StreamHandler, FileHandler, NullHandler, StderrHandler]) markBuiltinHandler(cls);

/** @internal dictConfig starts from scratch: forget every handler made so far. */
export function clearHandlerRegistry(): void {
  handlersByName.clear();
  handlerList.length = 0;
}
