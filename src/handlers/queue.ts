/**
 * QueueHandler and QueueListener: records are handed to a queue and handled
 * elsewhere (later in this process, or by whoever drains the queue).
 */
import { READS_ALL } from "../core/callerPolicy.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "../core/record.js";

/** What a QueueHandler puts records into: Python's `put_nowait`, or an array's `push`. */
export type QueueLike = { put_nowait(item: unknown): void } | { push(item: unknown): unknown };

/** A FIFO queue with Python's `put_nowait`/`get_nowait`, which a QueueListener drains. */
export class SimpleQueue<T = unknown> {
  #items: T[] = [];
  #listeners = new Set<() => void>();

  /** Adds an item and wakes listeners. */
  put_nowait(item: T): void {
    this.#items.push(item);
    for (const l of this.#listeners) l();
  }

  /** Alias of `put_nowait`. */
  put(item: T): void {
    this.put_nowait(item);
  }

  /** Removes and returns the oldest item, or throws `Empty` (name) when there is none. */
  get_nowait(): T {
    if (this.#items.length === 0) {
      const e = new Error("");
      e.name = "Empty";
      throw e;
    }
    return this.#items.shift() as T;
  }

  /** True when no items are waiting. */
  empty(): boolean {
    return this.#items.length === 0;
  }

  /** Number of waiting items. */
  qsize(): number {
    return this.#items.length;
  }

  /** @internal */
  onPut(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

/** `new QueueHandler(queue)`: puts a prepared copy of each record on `queue`. */
export class QueueHandler extends Handler {
  queue: QueueLike;
  listener: QueueListener | null = null;

  /** Python's parameters: `QueueHandler(queue)`. */
  static override readonly signature = signature("QueueHandler", ["queue"], 1);

  constructor(queue: QueueLike);
  constructor(options: { queue: QueueLike });
  constructor(...args: unknown[]) {
    const a = bindArgs(QueueHandler.signature, args);
    super();
    this.queue = a.queue as QueueLike;
  }

  /** Puts the record on the queue. */
  enqueue(record: LogRecord): void {
    const q = this.queue as { put_nowait?: (i: unknown) => void; push?: (i: unknown) => unknown };
    if (typeof q.put_nowait === "function") q.put_nowait(record);
    else q.push!(record);
  }

  /**
   * A copy of the record with the formatted text as `msg` and `message`, and
   * `args`, `exc_info`, `exc_text`, `stack_info` cleared (safe to pass on).
   */
  prepare(record: LogRecord): LogRecord {
    const msg = this.format(record);
    // Own properties copied as such: an `extra` key named `__proto__` stays a field.
    const copy = Object.create(Object.getPrototypeOf(record), Object.getOwnPropertyDescriptors(record)) as LogRecord;
    copy.message = msg;
    copy.msg = msg;
    copy.args = null;
    copy.exc_info = null;
    copy.exc_text = null;
    copy.stack_info = null;
    return copy;
  }

  override emit(record: LogRecord): void {
    try {
      this.enqueue(this.prepare(record));
    } catch (err) {
      this.handleError(record, err);
    }
  }
}

/**
 * `new QueueListener(queue, ...handlers, { respect_handler_level })`: drains a
 * `SimpleQueue` after `start()`, passing each record to the handlers.
 */
export class QueueListener {
  queue: SimpleQueue;
  handlers: Handler[];
  respect_handler_level: boolean;
  #unsubscribe: (() => void) | null = null;
  #scheduled = false;

  constructor(queue: SimpleQueue, ...handlers: Array<Handler | { respect_handler_level?: boolean }>) {
    this.queue = queue;
    let respect = false;
    const last = handlers[handlers.length - 1];
    if (last && !(last instanceof Handler) && typeof last === "object" && "respect_handler_level" in last) {
      respect = Boolean(last.respect_handler_level);
      handlers = handlers.slice(0, -1);
    }
    this.handlers = handlers as Handler[];
    this.respect_handler_level = respect;
  }

  /** Prepares a dequeued record (returns it as is). */
  prepare(record: LogRecord): LogRecord {
    return record;
  }

  /** Passes one record to each handler (by handler level only if `respect_handler_level`). */
  handle(record: LogRecord): void {
    record = this.prepare(record);
    for (const handler of this.handlers) {
      if (!this.respect_handler_level || record.levelno >= handler.level) handler.handle(record);
    }
  }

  /** Starts draining the queue (records are handled on a later turn of the event loop). */
  start(): void {
    if (this.#unsubscribe) throw new Error("Listener already started");
    this.#unsubscribe = this.queue.onPut(() => this.#schedule());
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#drain();
    });
  }

  #drain(): void {
    while (!this.queue.empty()) this.handle(this.queue.get_nowait() as LogRecord);
  }

  /** Handles what is still queued, then stops listening. */
  stop(): void {
    this.#drain();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

markBuiltinHandler(QueueHandler, READS_ALL); // the queue's consumers are out of sight
