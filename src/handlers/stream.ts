/**
 * StreamHandler: formatted records to a stream (stderr by default).
 */
import type { LogRecord } from "../core/record.js";
import { FileSink } from "../io/fileSink.js";
import { isBatchedStdio, writeToStream } from "../io/stdio.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { Handler, levelText } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";

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

  /** Python's parameters: `StreamHandler(stream=None)` (None: stderr). */
  static override readonly signature = signature("StreamHandler", ["stream"]);

  constructor(stream?: WritableLike | null | { stream?: WritableLike | null });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs(StreamHandler.signature, args);
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

markBuiltinHandler(StreamHandler);
