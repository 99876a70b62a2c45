/**
 * An open log file: the `stream` of a FileHandler. Text goes through a
 * batched FdWriter; `close` writes out what is pending and closes the fd.
 */
import { closeSync, fstatSync, openSync } from "node:fs";
import { narrowText, nodeEncoding } from "./encoding.js";
import { osError } from "./oserror.js";
import { FdWriter, type WriteErrorListener } from "./writer.js";

/** Python's open modes → Node's flags. */
const FLAGS: Record<string, string> = { a: "a", w: "w", x: "wx", "a+": "a+", "w+": "w+", "x+": "wx+" };

/** An append-only file opened for a handler. */
export class FileSink {
  readonly path: string;
  #writer: FdWriter;
  #fd: number;

  /** Opens `path` with Python's `mode`; throws Python's `OSError` family on failure. */
  #narrow: "latin1" | "ascii" | null;
  #errors: string | null;

  constructor(
    path: string,
    mode: string,
    onError: WriteErrorListener,
    encoding: string | null = "utf-8",
    errors: string | null = null,
  ) {
    this.path = path;
    const enc = nodeEncoding(encoding) ?? "utf8";
    this.#narrow = enc === "utf8" ? null : enc;
    this.#errors = errors;
    const flags = FLAGS[mode.replace("b", "").replace("t", "")] ?? "a";
    try {
      this.#fd = openSync(path, flags, 0o666);
    } catch (err) {
      throw osError(err, path);
    }
    // Write errors reach the handler in Python's words (`OSError: [Errno 28] No space left on device`).
    this.#writer = new FdWriter(
      this.#fd,
      (err) => onError(osError(err) as NodeJS.ErrnoException),
      this.#narrow === null ? "utf8" : "latin1",
    );
  }

  /** The file descriptor. */
  get fd(): number {
    return this.#fd;
  }

  /** The file's size on disk now (before any pending text is written). */
  sizeOnDisk(): number {
    return fstatSync(this.#fd).size;
  }

  /** Appends text (batched). */
  write(text: string): void {
    this.#writer.write(this.#narrow === null ? text : narrowText(text, this.#narrow, this.#errors));
  }

  /** Hands pending text to the OS. */
  flush(): void {
    this.#writer.flushSync();
  }

  /** Writes out pending text and closes the file. */
  close(): void {
    if (this.#fd < 0) return;
    this.#writer.detach();
    try {
      closeSync(this.#fd);
    } catch {
      /* already closed */
    }
    this.#fd = -1;
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#fd < 0;
  }
}
