/**
 * The boundary between handlers and bytes. A handler formats a record and
 * gives the text to its Sink; the Sink owns everything after that: batching,
 * encoding, back-pressure, the descriptor or stream, and the policy for a
 * slow reader. Handlers never look at what kind of sink they hold.
 *
 * Errors travel one way. A sink's `write` may throw for the record being
 * written (the handler's `emit` catches it and calls `handleError(record,
 * err)`); a failure found later, when a batch reaches the OS or a stream
 * reports it, goes to the `SinkErrorListener` the sink was created with,
 * which a handler binds to its own `handleError(null, err)`. Sinks map
 * system errors to Python's OSError texts (`./oserror.ts`) before reporting;
 * what the report looks like (`--- Logging error ---`, `raiseExceptions`) is
 * the handler's business, never the sink's.
 *
 * Implementations: `FileSink` (./fileSink.ts), `StdioSink` (./stdio.ts),
 * and adapters for Node `Writable`s and any object with `write` (`toSink`
 * in ./streamSink.ts).
 *
 * @example A sink that keeps lines in memory
 * ```ts
 * import logging, { SINK, type Sink } from "logxide";
 * class MemorySink implements Sink {
 *   readonly [SINK] = true as const;
 *   lines: string[] = [];
 *   write(text: string): void { this.lines.push(text); }
 *   flush(): void {}
 *   close(): void {}
 * }
 * const h = new logging.StreamHandler(new MemorySink());
 * ```
 */

/**
 * The mark of a Sink. A handler given an object carrying it uses the object
 * as its sink directly; any other stream-like object is wrapped by an
 * adapter (`toSink`). A registered symbol, so copies of logxide agree.
 */
export const SINK: unique symbol = Symbol.for("logxide.sink") as never;

/** Where a handler's formatted text goes. */
export interface Sink {
  /** Marks the object as a Sink (see {@link SINK}). */
  readonly [SINK]: true;
  /**
   * Accepts one record's text (terminator included). May throw for this
   * record; must not block on a slow reader beyond the sink's documented
   * policy.
   */
  write(text: string): void;
  /**
   * Hands what was written so far on (to the OS, or to the stream). A sink
   * that cannot finish at once returns a Promise that settles when it has
   * (`await logging.flush()` waits for it, bounded by its timeout).
   */
  flush(): void | Promise<void>;
  /**
   * Writes out what is pending and releases the destination. Called by the
   * handler that owns the destination (FileHandler and its subclasses);
   * `StreamHandler` never closes the stream it was given, as in Python.
   */
  close(): void | Promise<void>;
}

/** Receives failures a sink finds after `write` returned (mapped to Python's OSError texts). */
export type SinkErrorListener = (err: Error) => void;

/** True when `value` is marked as a {@link Sink}. */
export function isSink(value: unknown): value is Sink {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    (value as { [SINK]?: unknown })[SINK] === true
  );
}
