/**
 * `toSink`: the one place where "something with a `write`" becomes a Sink.
 * A Sink is used as it is; `process.stdout`/`process.stderr` get the batched
 * stdio sink; a Node `Writable` gets an adapter that honours back-pressure;
 * any other object gets one `write(text)` per record followed by its
 * `flush()` when it has one, as Python's StreamHandler does.
 */
import { valueError } from "../py/errors.js";
import { type Flushable, registerWriter, unregisterWriter } from "./lifecycle.js";
import { osError } from "./oserror.js";
import { isSink, SINK, type Sink, type SinkErrorListener } from "./sink.js";
import { stdioPolicy, stdioSinkFor } from "./stdio.js";

/** Anything with `write(text)`: a Node stream, `process.stdout`, a capture object, a Sink. */
export interface StreamLike {
  write(text: string): unknown;
  flush?: () => unknown;
}

/** The part of Node's `stream.Writable` the adapter uses. */
interface NodeWritable {
  write(chunk: string, cb: (err?: Error | null) => void): boolean;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  flush?: () => unknown;
  close?: () => unknown;
  destroyed?: boolean;
  writableEnded?: boolean;
  writableNeedDrain?: boolean;
}

/** Limits on what a sink holds back for a slow destination; see {@link setOutputLimits}. */
export interface OutputLimits {
  /**
   * stdout/stderr: characters (bytes for ASCII text) held while the reader
   * is slow, without blocking the event loop. Default 4 Mi (4 194 304).
   */
  stdioBacklog?: number;
  /**
   * stdout/stderr past `stdioBacklog`: `"block"` (default) waits for the
   * reader, slowing the program to its pace; `"drop"` drops records, counted
   * and reported once per episode through the handler's `handleError`.
   */
  stdioOverflow?: "block" | "drop";
  /**
   * Node `Writable` streams: characters queued by the handler while the
   * stream does not drain (on top of the stream's own `highWaterMark`).
   * Past it records are dropped, counted and reported once per episode
   * (an asynchronous stream cannot be waited for synchronously). Default 1 Mi.
   */
  writableBacklog?: number;
}

const limits = { writableBacklog: 1024 * 1024 };

/**
 * Sets how much output sinks hold back for a slow destination, and what
 * happens past that (see {@link OutputLimits}); returns the limits now in
 * force. Applies at once to every handler.
 *
 * @example
 * logging.setOutputLimits({ stdioBacklog: 16 * 1024 * 1024, stdioOverflow: "drop" });
 */
export function setOutputLimits(options: OutputLimits = {}): Required<OutputLimits> {
  const { stdioBacklog, stdioOverflow, writableBacklog } = options;
  for (const [name, v] of [
    ["stdioBacklog", stdioBacklog],
    ["writableBacklog", writableBacklog],
  ] as const) {
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
      throw new TypeError(`setOutputLimits: ${name} must be a number of characters >= 0, not ${String(v)}`);
    }
  }
  if (stdioOverflow !== undefined && stdioOverflow !== "block" && stdioOverflow !== "drop") {
    throw new TypeError(`setOutputLimits: stdioOverflow must be "block" or "drop", not ${String(stdioOverflow)}`);
  }
  if (stdioBacklog !== undefined) stdioPolicy.maxBacklog = stdioBacklog;
  if (stdioOverflow !== undefined) stdioPolicy.overflow = stdioOverflow;
  if (writableBacklog !== undefined) limits.writableBacklog = writableBacklog;
  return {
    stdioBacklog: stdioPolicy.maxBacklog,
    stdioOverflow: stdioPolicy.overflow,
    writableBacklog: limits.writableBacklog,
  };
}

/**
 * The Sink for `stream`: `stream` itself when it is a {@link Sink}, the
 * batched stdio sink for `process.stdout`/`process.stderr`, a back-pressure
 * aware adapter for a Node `Writable`, or a plain adapter for any other
 * object (its `write(text)`, then its `flush()` if it has one, per record).
 * `onError` receives failures found after `write` returned.
 */
export function toSink(stream: unknown, onError: SinkErrorListener): Sink {
  if (isSink(stream)) return stream;
  const stdio = stdioSinkFor(stream, onError);
  if (stdio !== null) return stdio;
  if (isNodeWritable(stream)) return new WritableSink(stream, onError);
  return new CallSink(stream as StreamLike, onError);
}

function isNodeWritable(s: unknown): s is NodeWritable {
  if (s === null || typeof s !== "object") return false;
  const w = s as Record<string, unknown>;
  return (
    typeof w.write === "function" &&
    typeof w.once === "function" &&
    typeof w.removeListener === "function" &&
    typeof w.writableHighWaterMark === "number"
  );
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === "object" || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function"
  );
}

function dropReport(what: string, bound: number): Error {
  // Python's text for a write that would have to block, then what happened.
  const err = new Error(
    `[Errno 11] write could not complete without blocking: ${what} and ${bound} characters are queued; records are dropped until it drains`,
  );
  err.name = "BlockingIOError";
  return err;
}

/**
 * Any object with `write(text)` (a capture object, a user's stream): one
 * `write` per record, then `flush()` when it has one, as Python does. A
 * Promise returned by either is watched: its rejection is reported.
 */
class CallSink implements Sink {
  readonly [SINK] = true as const;
  #stream: StreamLike;
  #onError: SinkErrorListener;
  #report = (err: unknown): void => {
    this.#onError(err instanceof Error ? err : new Error(String(err)));
  };

  constructor(stream: StreamLike, onError: SinkErrorListener) {
    this.#stream = stream;
    this.#onError = onError;
  }

  write(text: string): void {
    const stream = this.#stream;
    const r = stream.write(text);
    if (r !== true && r !== undefined && isThenable(r)) r.then(undefined, this.#report);
    if (typeof stream.flush === "function") {
      const f = stream.flush();
      if (f !== undefined && isThenable(f)) f.then(undefined, this.#report);
    }
  }

  flush(): void | Promise<void> {
    const stream = this.#stream;
    if (typeof stream.flush !== "function") return;
    const f = stream.flush();
    if (isThenable(f)) return Promise.resolve(f).then(() => undefined);
  }

  /** Closes the object when it has `close()` (a handler that owns it, e.g. a file object from `_open`). */
  close(): void | Promise<void> {
    const stream = this.#stream as { close?: () => unknown };
    if (typeof stream.close !== "function") return;
    const c = stream.close();
    if (isThenable(c)) return Promise.resolve(c).then(() => undefined);
  }
}

/**
 * A Node `Writable`: writes while the stream accepts, and when `write()`
 * returns false (or the stream already needs a drain) queues the records
 * itself, up to `writableBacklog` characters, until 'drain'. Past the bound
 * records are dropped, counted in `dropped`, reported once per episode.
 * Write errors the stream passes to the write callback are reported once per
 * kind; the stream's 'error' event stays the application's to handle, as for
 * any stream it owns.
 */
class WritableSink implements Sink, Flushable {
  readonly [SINK] = true as const;
  /** Records dropped because the stream did not drain. */
  dropped = 0;
  #stream: NodeWritable;
  #onError: SinkErrorListener;
  #queue: string[] = [];
  #queued = 0;
  #waiting = false;
  #dropping = false;
  #reported = new Set<string>();
  #drained: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  #afterWrite = (err?: Error | null): void => {
    if (!err) return;
    const key = String((err as NodeJS.ErrnoException).code ?? err.name);
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.#onError(osError(err));
  };
  #onDrain = (): void => {
    this.#stream.removeListener("close", this.#onClose);
    this.#waiting = false;
    this.#writeQueue();
  };
  #onClose = (): void => {
    this.#stream.removeListener("drain", this.#onDrain);
    this.#waiting = false;
    this.dropped += this.#queue.length;
    this.#queue = [];
    this.#queued = 0;
    this.#settle(new Error("the stream closed before it drained"));
  };

  constructor(stream: NodeWritable, onError: SinkErrorListener) {
    this.#stream = stream;
    this.#onError = onError;
  }

  /** Characters queued by this sink while the stream does not drain. */
  get queued(): number {
    return this.#queued;
  }

  write(text: string): void {
    if (this.#waiting) {
      this.#enqueue(text);
      return;
    }
    const stream = this.#stream;
    if (stream.destroyed === true || stream.writableEnded === true) {
      throw valueError("I/O operation on closed file."); // Python's error for a closed stream
    }
    if (stream.writableNeedDrain === true) {
      this.#wait();
      this.#enqueue(text);
      return;
    }
    if (!stream.write(text, this.#afterWrite)) this.#wait();
    if (typeof stream.flush === "function") stream.flush();
  }

  /** Resolves once the queue is written and the stream has drained; at once when nothing waits. */
  flush(): void | Promise<void> {
    if (!this.#waiting) return;
    return new Promise<void>((resolve, reject) => this.#drained.push({ resolve, reject }));
  }

  /** Closes the stream when it has `close()` (only a handler that owns it calls this). */
  close(): void | Promise<void> {
    const stream = this.#stream;
    if (typeof stream.close === "function") stream.close();
  }

  /** @internal Lifecycle: nothing to do without blocking. */
  flushSync(): void {}

  /** @internal At exit: give the stream the queue regardless of back-pressure (it may still write it). */
  drainSync(): void {
    if (!this.#waiting) return;
    this.#stream.removeListener("drain", this.#onDrain);
    this.#stream.removeListener("close", this.#onClose);
    this.#waiting = false;
    unregisterWriter(this);
    const text = this.#queue.join("");
    this.#queue = [];
    this.#queued = 0;
    if (text.length > 0) this.#stream.write(text, this.#afterWrite);
  }

  /** @internal For `logging.flush()`: the drain, when one is awaited. */
  whenWritten(): Promise<void> | undefined {
    const p = this.flush();
    return p === undefined ? undefined : p.catch(() => undefined);
  }

  #enqueue(text: string): void {
    if (this.#queued + text.length > limits.writableBacklog) {
      this.dropped++;
      if (!this.#dropping) {
        this.#dropping = true;
        this.#onError(dropReport("the stream does not drain", limits.writableBacklog));
      }
      return;
    }
    this.#queue.push(text);
    this.#queued += text.length;
  }

  #wait(): void {
    if (this.#waiting) return;
    this.#waiting = true;
    this.#stream.once("drain", this.#onDrain);
    this.#stream.once("close", this.#onClose);
    registerWriter(this);
  }

  #writeQueue(): void {
    const stream = this.#stream;
    while (this.#queue.length > 0) {
      const text = this.#queue.length === 1 ? this.#queue[0]! : this.#queue.join("");
      this.#queue = [];
      this.#queued = 0;
      if (!stream.write(text, this.#afterWrite)) {
        this.#wait();
        return;
      }
    }
    this.#dropping = false;
    unregisterWriter(this);
    this.#settle(null);
  }

  #settle(err: Error | null): void {
    const waiters = this.#drained;
    this.#drained = [];
    for (const w of waiters) {
      if (err === null) w.resolve();
      else w.reject(err);
    }
  }
}
