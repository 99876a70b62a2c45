/**
 * QueueHandler and QueueListener: records are handed to a queue and handled
 * elsewhere (later in this process, or by whoever drains the queue).
 *
 * A started QueueListener drains its queue on later turns of the event loop,
 * in slices (at most `sliceRecords` records or `sliceMs` ms per turn) so a
 * large backlog never starves other work, and synchronously at process exit
 * (before the handlers' own output is written out), so nothing queued is lost
 * when the process ends.
 */
import { READS_ALL } from "../core/callerPolicy.js";
import { pyError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "../core/record.js";
import { onExitBeforeSockets } from "../io/sockets.js";
import { DeliveryCounters } from "./counters.js";

/** What a QueueHandler puts records into: Python's `put_nowait`, or an array's `push`. */
export type QueueLike = { put_nowait(item: unknown): void } | { push(item: unknown): unknown };

/**
 * A FIFO queue with Python's `put_nowait`/`get_nowait`, which a
 * QueueListener drains. Unbounded, as Python's `queue.SimpleQueue`; both
 * ends are O(1).
 */
export class SimpleQueue<T = unknown> {
  #items: T[] = [];
  /** Index of the oldest item: taking one moves it, instead of shifting the array. */
  #head = 0;
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
    if (this.#head >= this.#items.length) {
      const e = new Error("");
      e.name = "Empty";
      throw e;
    }
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      // Compact once the taken part is at least half: amortised O(1).
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** True when no items are waiting. */
  empty(): boolean {
    return this.#head >= this.#items.length;
  }

  /** Number of waiting items. */
  qsize(): number {
    return this.#items.length - this.#head;
  }

  /** @internal */
  onPut(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

/**
 * `new QueueHandler(queue)`: puts a prepared copy of each record on `queue`.
 * `counters.delivered` counts records put on the queue; `failed`, those
 * whose `prepare`/`enqueue` threw. The queue itself is the application's:
 * `SimpleQueue` is unbounded, as Python's.
 */
export class QueueHandler extends Handler {
  queue: QueueLike;
  listener: QueueListener | null = null;
  /** Counts of this handler's records (see `DeliveryCounters`; nothing stays pending here). */
  readonly counters: DeliveryCounters = new DeliveryCounters(() => 0);

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
    this.counters._emitted();
    try {
      this.enqueue(this.prepare(record));
      this.counters._delivered();
    } catch (err) {
      this.counters._failed();
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
  /** Most records handled per event-loop turn while draining. */
  sliceRecords = 1000;
  /** Longest (ms) one drain slice may run before yielding to the event loop. */
  sliceMs = 5;
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
    // Python 3.14: a second start() is refused instead of starting a second thread.
    if (this.#unsubscribe) throw pyError("RuntimeError", "Listener already started");
    this.#unsubscribe = this.queue.onPut(() => this.#schedule());
    startedListeners.add(this);
    ensureExitDrain();
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      // Stopped since: what was put after stop() stays queued, as with Python's ended thread.
      if (this.#unsubscribe) this.#drainSlice();
    });
  }

  /** One slice; schedules the next turn when records remain. */
  #drainSlice(): void {
    const until = performance.now() + this.sliceMs;
    let n = 0;
    while (!this.queue.empty()) {
      this.#handleOne(this.queue.get_nowait() as LogRecord);
      if (++n >= this.sliceRecords || ((n & 63) === 0 && performance.now() >= until)) break;
    }
    if (!this.queue.empty() && this.#unsubscribe) this.#schedule();
  }

  /** A throwing `prepare`/`handle` override must not stop the drain. */
  #handleOne(record: LogRecord): void {
    try {
      this.handle(record);
    } catch {
      /* handlers report their own errors; an override that throws loses only its record */
    }
  }

  /** @internal Handles everything queued, synchronously (also at exit). */
  _drainAll(): void {
    while (!this.queue.empty()) this.#handleOne(this.queue.get_nowait() as LogRecord);
  }

  /** Handles what is still queued, then stops listening. */
  stop(): void {
    this._drainAll();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    startedListeners.delete(this);
  }

  /**
   * Stops the listener if it is started (handling what is queued): Python
   * 3.14's `with listener:` leaves by `stop()`; here a `using` declaration
   * (explicit resource management) does the same at the end of its block.
   *
   * @example
   * ```ts fragment
   * const listener = new logging.handlers.QueueListener(new logging.handlers.SimpleQueue(), handler);
   * listener.start();
   * listener[Symbol.dispose](); // what leaving a `using` block does
   * ```
   */
  [Symbol.dispose](): void {
    if (this.#unsubscribe) this.stop();
  }

  /** As `[Symbol.dispose]` (stops and handles what is queued), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    this[Symbol.dispose]();
  }
}

/** Started listeners (held until stopped, as a running thread is in Python). */
const startedListeners = new Set<QueueListener>();
let exitDrainInstalled = false;

function ensureExitDrain(): void {
  if (exitDrainInstalled) return;
  exitDrainInstalled = true;
  onExitBeforeSockets(() => {
    for (const l of startedListeners) l._drainAll();
  });
}

markBuiltinHandler(QueueHandler, READS_ALL); // the queue's consumers are out of sight
