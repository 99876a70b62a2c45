/**
 * FileHandler: formatted records appended to a file.
 */
import { resolve } from "node:path";
import type { LogRecord } from "../core/record.js";
import { checkEncoding } from "../io/encoding.js";
import { FileSink } from "../io/fileSink.js";
import { typeError } from "../py/errors.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { levelText } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { StreamHandler } from "./stream.js";
import { announceFileClose, announceFileOpen } from "./threadShare.js";

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

  /** Python's parameters: `FileHandler(filename, mode="a", encoding=None, delay=False, errors=None)`. */
  static override readonly signature = signature("FileHandler", ["filename", "mode", "encoding", "delay", "errors"], 1);

  constructor(filename: string, mode?: string, encoding?: string | null, delay?: boolean, errors?: string | null);
  constructor(
    filename: string,
    options: { mode?: string; encoding?: string | null; delay?: boolean; errors?: string | null },
  );
  constructor(...args: unknown[]) {
    super(null);
    const a = bindArgs(FileHandler.signature, args);
    this.baseFilename = resolve(pathText(a.filename));
    this.mode = (a.mode as string | undefined) ?? "a";
    this.encoding = (a.encoding as string | null | undefined) ?? "utf-8";
    this.errors = (a.errors as string | null | undefined) ?? null;
    this.delay = Boolean(a.delay);
    checkEncoding(this.encoding);
    this.stream = null;
    if (!this.delay) this.stream = this._open();
  }

  /** Opens the file with `mode` (Python's `_open`): the sink that becomes `stream`. */
  _open(): FileSink {
    const sink = new FileSink(
      this.baseFilename,
      this.mode,
      (err) => this.handleError(null, err),
      this.encoding,
      this.errors,
    );
    // Another thread writing the same file is reported (asynchronously, once).
    announceFileOpen(this);
    return sink;
  }

  /**
   * Closes the open file, if any, and forgets it (`stream` is null
   * afterwards, even when closing fails): Python's
   * `self.stream.close(); self.stream = None` in rotation and reopening.
   */
  _closeStream(): void {
    if (this.stream) this.#reportRejection(this._releaseStream());
  }

  /** A flush/close that returned a Promise (a user's `_open` stream): its rejection is a logging error. */
  #reportRejection(result: unknown): void {
    if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
      (result as PromiseLike<unknown>).then(undefined, (err: unknown) => this.handleError(null, err));
    }
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
      if (this.stream) {
        try {
          this.#reportRejection(this.flush());
        } finally {
          this._closeStream();
        }
      }
    } finally {
      announceFileClose(this);
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
  throw typeError(
    `expected str, bytes or os.PathLike object, not ${filename === null || filename === undefined ? "NoneType" : typeof filename}`,
  );
}

markBuiltinHandler(FileHandler);
