/**
 * StreamHandler: formatted records to a stream (stderr by default).
 */
import type { LogRecord } from "../core/record.js";
import { formatShare } from "../format/shared.js";
import type { Sink } from "../io/sink.js";
import { type StreamLike, toSink } from "../io/streamSink.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { Handler, levelText } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";

/** Anything with `write(text)`: a Node stream, `process.stdout`, a capture object, or a {@link Sink}. */
export type WritableLike = StreamLike;

/**
 * Writes formatted records to a stream: `new StreamHandler(stream = process.stderr)`.
 *
 * The handler writes through a {@link Sink} made from the stream (`toSink`):
 * `process.stdout`/`process.stderr` are written in batches (see
 * `logging.flush()`), a Node `Writable` with back-pressure (records queue
 * while it does not drain, up to a bound), any other object gets one
 * `write(text + terminator)` and then its `flush()` per record, as in
 * Python. A Sink given as the stream is used as it is.
 *
 * `handler.stream` is the stream as given (for file handlers, the open file:
 * an object with `write`, `flush`, `close`, `fileno()`); assigning it, or
 * `setStream`, switches the sink.
 */
export class StreamHandler extends Handler {
  /** Appended to each record's text. */
  terminator = "\n";
  #stream: WritableLike | null = null;
  #sink: Sink | null = null;
  /** Failures a sink finds after `write` returned: this handler's `handleError`. */
  #sinkError = (err: Error): void => this.handleError(null, err);

  /** Python's parameters: `StreamHandler(stream=None)` (None: stderr). */
  static override readonly signature = signature("StreamHandler", ["stream"]);

  constructor(stream?: WritableLike | null | { stream?: WritableLike | null });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs(StreamHandler.signature, args);
    this.stream = (a.stream as WritableLike | null | undefined) ?? process.stderr;
  }

  /** Where records are written: the stream as given (or the open file of a file handler); null when none. */
  get stream(): WritableLike | null {
    return this.#stream;
  }

  set stream(stream: WritableLike | null | undefined) {
    if (stream === this.#stream && stream !== undefined) return;
    this.#stream = stream ?? null;
    this.#sink = stream === null || stream === undefined ? null : toSink(stream, this.#sinkError);
  }

  /**
   * The {@link Sink} records are written to, made from `stream` (read-only:
   * assign `stream` to change it). Built-in sinks count what they had to
   * drop (`dropped`), e.g. past a back-pressure bound.
   */
  get sink(): Sink | null {
    return this.#sink;
  }

  /** Formats the record and gives the text, with the terminator, to the sink. */
  override emit(record: LogRecord): void {
    try {
      const msg = this.format(record);
      const sink = this.#sink;
      if (sink !== null) sink.write(lineOf(record, msg, this.terminator));
    } catch (err) {
      this.handleError(record, err);
    }
  }

  /** Hands what was written so far on; a Promise when the sink must wait (a slow pipe, a stream that has not drained). */
  override flush(): void | Promise<void> {
    return this.#sink?.flush();
  }

  /**
   * Closes the sink of the current stream and forgets the stream (`stream`
   * becomes null). For handlers that own their stream (file handlers);
   * StreamHandler itself never closes the stream it was given.
   */
  protected _releaseStream(): void | Promise<void> {
    const sink = this.#sink;
    this.stream = null;
    return sink?.close();
  }

  /** Replaces the stream; returns the old one, or null when it is the same. */
  setStream(stream: WritableLike): WritableLike | null {
    if (stream === this.#stream) return null;
    const old = this.#stream;
    // Python flushes synchronously and ignores the result: a pending async
    // flush still completes (its rejection goes to handleError, not to the caller).
    const r = this.flush();
    if (r !== undefined) r.then(undefined, this.#sinkError);
    this.stream = stream;
    return old;
  }

  /** Python's `repr`: `<StreamHandler <stderr> (NOTSET)>`, with the stream's `name` when it has one. */
  override toString(): string {
    return `<${this.constructor.name} ${streamName(this.#stream)}(${levelText(this.level)})>`;
  }
}

/**
 * `text + terminator`. Handlers that share one formatting of the record
 * (format/shared.ts) share this line too: the same string object goes to
 * every writer, as a hand-written loop writing one line to two files does.
 */
function lineOf(record: LogRecord, text: string, terminator: unknown): string {
  const share = formatShare;
  // Within a sharing walk `text` is the shared text itself, so this compares references.
  if (share.record !== record || text !== share.text) return text + terminator;
  if (share.line === null || share.terminator !== terminator) {
    share.line = text + terminator;
    share.terminator = terminator;
  }
  return share.line;
}

/** Python's `str(getattr(stream, 'name', ''))` plus a space, or ''; the stdio streams are named as Python's. */
function streamName(stream: unknown): string {
  if (stream === process.stdout) return "<stdout> ";
  if (stream === process.stderr) return "<stderr> ";
  if (stream === null || (typeof stream !== "object" && typeof stream !== "function")) return "";
  try {
    const name = (stream as { name?: unknown }).name;
    if (name === undefined || name === "") return "";
    return `${name === null ? "None" : String(name)} `;
  } catch {
    return ""; // a throwing getter or toString: shown as no name
  }
}

markBuiltinHandler(StreamHandler);
