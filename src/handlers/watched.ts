/**
 * WatchedFileHandler: a FileHandler that notices when its file was moved or
 * deleted (logrotate, newsyslog) and reopens the path, as CPython 3.11's
 * `logging.handlers.WatchedFileHandler`.
 */
import { fstatSync, statSync, type BigIntStats } from "node:fs";
import { FileHandler } from "./file.js";
import { markBuiltinHandler } from "./registry.js";
import { osError } from "../io/oserror.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "../core/record.js";

/** Options of `new WatchedFileHandler(filename, options)`: Python's keyword arguments. */
export interface WatchedFileHandlerOptions {
  mode?: string;
  encoding?: string | null;
  delay?: boolean;
  errors?: string | null;
}

/** A bigint device/inode number as Python shows it: a number when exact. */
const asInt = (v: bigint): number | bigint => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

/**
 * `new WatchedFileHandler(filename, mode = "a", encoding?, delay = false, errors?)`
 * or `new WatchedFileHandler(filename, { mode, encoding, delay, errors })`.
 *
 * Remembers the device and inode of the open file (`dev`, `ino`; -1 when no
 * file is open yet). Before each record, `reopenIfNeeded()` stats the path and
 * reopens it when the file is missing or its device/inode changed.
 */
export class WatchedFileHandler extends FileHandler {
  /** Device of the open file (-1 until one was stat'ed). */
  dev: number | bigint = -1;
  /** Inode of the open file (-1 until one was stat'ed). */
  ino: number | bigint = -1;

  /** Python's parameters: `WatchedFileHandler(filename, mode="a", encoding=None, delay=False, errors=None)`. */
  static override readonly signature = signature(
    "WatchedFileHandler",
    ["filename", "mode", "encoding", "delay", "errors"],
    1,
  );

  constructor(filename: string, mode?: string, encoding?: string | null, delay?: boolean, errors?: string | null);
  constructor(filename: string, options: WatchedFileHandlerOptions);
  constructor(filename: string, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const a = bindArgs(WatchedFileHandler.signature, args);
    super(a.filename as string, {
      mode: (a.mode as string | undefined) ?? "a",
      encoding: a.encoding as string | null | undefined,
      delay: Boolean(a.delay),
      errors: a.errors as string | null | undefined,
    });
    this.dev = -1;
    this.ino = -1;
    this._statstream();
  }

  /** Records the device/inode of the open stream. */
  _statstream(): void {
    // Python: `os.fstat(self.stream.fileno())` when there is a stream.
    const stream = this.stream as { fileno?: () => number } | null;
    const fd = stream && typeof stream.fileno === "function" ? stream.fileno() : -1;
    if (fd >= 0) {
      let sres: BigIntStats;
      try {
        sres = fstatSync(fd, { bigint: true });
      } catch (err) {
        throw osError(err);
      }
      this.dev = asInt(sres.dev);
      this.ino = asInt(sres.ino);
    }
  }

  /**
   * Stats the path once; when the file is gone or is another file than the
   * open one, flushes and closes the stream and opens the path again.
   */
  reopenIfNeeded(): void {
    let sres: BigIntStats | null;
    try {
      sres = statSync(this.baseFilename, { bigint: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== "ENOENT") throw osError(err, this.baseFilename);
      sres = null;
    }
    if (!sres || BigInt(this.dev) !== sres.dev || BigInt(this.ino) !== sres.ino) {
      if (this.stream !== null) {
        this._closeStream(); // the stream is null if _open() fails
        this.stream = this._open();
        this._statstream();
      }
    }
  }

  /** Reopens the file if it was moved or deleted, then writes the record. */
  override emit(record: LogRecord): void {
    this.reopenIfNeeded();
    super.emit(record);
  }
}

markBuiltinHandler(WatchedFileHandler);
