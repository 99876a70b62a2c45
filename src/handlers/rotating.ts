/**
 * RotatingFileHandler: rolls the file over when the next record would reach
 * `maxBytes`, keeping `backupCount` old files as `app.log.1`, `app.log.2`, …
 */
import { existsSync, renameSync, statSync, unlinkSync } from "node:fs";
import { FileHandler } from "./file.js";
import { markBuiltinHandler } from "./registry.js";
import type { FileSink } from "../io/fileSink.js";
import { osError } from "../io/oserror.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "../core/record.js";

/** Python's `len(str)`: code points, not UTF-16 units. */
function codePointLength(s: string, byteLength: number): number {
  if (byteLength === s.length) return s.length; // ASCII
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

/**
 * The base of rotating handlers: `namer` and `rotator` hooks, and `emit`
 * that rolls over first when `shouldRollover` says so.
 */
export abstract class BaseRotatingHandler extends FileHandler {
  // namer/rotator live on the prototype (not as instance fields) so a
  // subclass may define them as methods, as Python subclasses do.
  /** Maps a default backup name to the name used (Python's `namer`). */
  declare namer: ((defaultName: string) => string) | null;
  /** Moves the current file to its backup name (Python's `rotator`). */
  declare rotator: ((source: string, dest: string) => void) | null;

  /** Python's parameters: `BaseRotatingHandler(filename, mode, encoding=None, delay=False, errors=None)`. */
  static override readonly signature = signature(
    "BaseRotatingHandler",
    ["filename", "mode", "encoding", "delay", "errors"],
    2,
  );

  constructor(filename: string, mode: string, encoding?: string | null, delay?: boolean, errors?: string | null);
  constructor(
    filename: string,
    options: { mode: string; encoding?: string | null; delay?: boolean; errors?: string | null },
  );
  constructor(...args: unknown[]) {
    bindArgs(BaseRotatingHandler.signature, args);
    super(...(args as [string]));
  }

  /** True when `record` must go to a fresh file. */
  abstract shouldRollover(record: LogRecord): boolean;
  /** Moves the current file aside and opens a new one. */
  abstract doRollover(): void;

  /** The backup file name for `defaultName`, through `namer`. */
  rotation_filename(defaultName: string): string {
    return typeof this.namer === "function" ? this.namer(defaultName) : defaultName;
  }

  /** Renames `source` to `dest` (or calls `rotator`). */
  rotate(source: string, dest: string): void {
    if (typeof this.rotator === "function") this.rotator(source, dest);
    else if (existsSync(source)) rename(source, dest);
  }

  override emit(record: LogRecord): void {
    try {
      if (this.shouldRollover(record)) this.doRollover();
      super.emit(record);
    } catch (err) {
      this.handleError(record, err);
    }
  }
}

/**
 * `new RotatingFileHandler(filename, mode = "a", maxBytes = 0, backupCount = 0, encoding?, delay?, errors?)`
 * or `new RotatingFileHandler(filename, { maxBytes, backupCount, … })`.
 */
export class RotatingFileHandler extends BaseRotatingHandler {
  maxBytes: number;
  backupCount: number;
  /** Bytes in the file now, counting text accepted but not yet written. */
  #size = -1;
  /** Bytes of the record being emitted (measured by `shouldRollover`). */
  #lastBytes = 0;

  /** Python's parameters: `(filename, mode="a", maxBytes=0, backupCount=0, encoding=None, delay=False, errors=None)`. */
  static override readonly signature = signature(
    "RotatingFileHandler",
    ["filename", "mode", "maxBytes", "backupCount", "encoding", "delay", "errors"],
    1,
  );

  constructor(
    filename: string,
    mode?: string,
    maxBytes?: number,
    backupCount?: number,
    encoding?: string | null,
    delay?: boolean,
    errors?: string | null,
  );
  constructor(
    filename: string,
    options: {
      mode?: string;
      maxBytes?: number;
      backupCount?: number;
      encoding?: string | null;
      delay?: boolean;
      errors?: string | null;
    },
  );
  constructor(...args: unknown[]) {
    const a = bindArgs(RotatingFileHandler.signature, args);
    const maxBytes = Number(a.maxBytes ?? 0);
    const mode = maxBytes > 0 ? "a" : ((a.mode as string | undefined) ?? "a");
    // Opened below, once this class's fields exist (`_open` measures the file).
    super(a.filename as string, {
      mode,
      encoding: a.encoding as string | null | undefined,
      delay: true,
      errors: a.errors as string | null | undefined,
    });
    this.maxBytes = maxBytes;
    this.backupCount = Number(a.backupCount ?? 0);
    this.delay = Boolean(a.delay);
    if (!this.delay) this.stream = this._open();
  }

  override _open(): FileSink {
    const sink = super._open();
    this.#size = sink.sizeOnDisk();
    return sink;
  }

  /** Python's rule: roll over when `size + len(text + "\n") >= maxBytes` (never for non-regular files). */
  shouldRollover(record: LogRecord): boolean {
    if (this.stream === null) {
      if (isSpecialFile(this.baseFilename)) return false;
      this.stream = this._open();
    }
    if (this.maxBytes > 0) {
      const msg = this.format(record) + "\n";
      const bytes = Buffer.byteLength(msg);
      this.#lastBytes = bytes;
      if (this.#size + codePointLength(msg, bytes) >= this.maxBytes) {
        return !isSpecialFile(this.baseFilename);
      }
    }
    return false;
  }

  /** Emits, then counts the bytes written so the next check needs no `stat`. */
  override emit(record: LogRecord): void {
    this.#lastBytes = 0;
    super.emit(record);
    this.#size += this.#lastBytes;
  }

  /** Renames `.i` → `.i+1` down to base → `.1` (through `namer`/`rotator`), then reopens. */
  doRollover(): void {
    this._closeStream();
    if (this.backupCount > 0) {
      for (let i = this.backupCount - 1; i > 0; i--) {
        const sfn = this.rotation_filename(`${this.baseFilename}.${i}`);
        const dfn = this.rotation_filename(`${this.baseFilename}.${i + 1}`);
        if (existsSync(sfn)) {
          if (existsSync(dfn)) unlink(dfn);
          rename(sfn, dfn);
        }
      }
      const dfn = this.rotation_filename(`${this.baseFilename}.1`);
      if (existsSync(dfn)) unlink(dfn);
      this.rotate(this.baseFilename, dfn);
    }
    if (!this.delay) this.stream = this._open();
  }
}

/** `os.rename`: Node's error in Python's words (`[Errno 2] No such file or directory: 'a' -> 'b'`). */
function rename(source: string, dest: string): void {
  try {
    renameSync(source, dest);
  } catch (err) {
    throw osError(err, source, dest);
  }
}

/** `os.remove`, with Python's error text. */
function unlink(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    throw osError(err, path);
  }
}

function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

BaseRotatingHandler.prototype.namer = null;
BaseRotatingHandler.prototype.rotator = null;
markBuiltinHandler(RotatingFileHandler);
