/**
 * An open log file: the sink (and the `stream`) of a FileHandler. Text goes
 * through a batched FdWriter; `close` writes out what is pending and closes
 * the descriptor. Regular files never make a writer wait for a reader, so
 * this sink has no backlog policy: a write that cannot complete at once is
 * waited for, as a blocking `write(2)` would be.
 */
import { closeSync, fstatSync, openSync } from "node:fs";
import { narrowText, nodeEncoding } from "./encoding.js";
import { osError } from "./oserror.js";
import { SINK, type Sink, type SinkErrorListener } from "./sink.js";
import { FdWriter } from "./writer.js";

/** Python's open modes → Node's flags. */
const FLAGS: Record<string, string> = { a: "a", w: "w", x: "wx", "a+": "a+", "w+": "w+", "x+": "wx+" };

/** An append-only file opened for a handler. */
export class FileSink implements Sink {
  readonly [SINK] = true as const;
  readonly path: string;
  #writer: FdWriter;
  #fd: number;
  #narrow: "latin1" | "ascii" | null;
  #errors: string | null;

  /**
   * Opens `path` with Python's `mode`; throws Python's `OSError` family on
   * failure. Later write failures go to `onError` in Python's words
   * (`OSError: [Errno 28] No space left on device`).
   */
  constructor(
    path: string,
    mode: string,
    onError: SinkErrorListener,
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
    this.#writer = new FdWriter(this.#fd, (err) => onError(osError(err)), this.#narrow === null ? "utf8" : "latin1");
  }

  /** The file descriptor (-1 once closed). */
  get fd(): number {
    return this.#fd;
  }

  /** The path, as Python's file objects name themselves. */
  get name(): string {
    return this.path;
  }

  /** Python's `fileno()`. */
  fileno(): number {
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
