/**
 * QueueHandler and QueueListener: records are handed to a queue and handled
 * elsewhere (later in this process, or by whoever drains the queue).
 *
 * A started QueueListener drains its queue on later turns of the event loop,
 * in slices (at most `sliceRecords` records or `sliceMs` ms per turn) so a
 * large backlog never starves other work, and synchronously at process exit
 * (before the handlers' own output is written out), so nothing queued is lost
 * when the process ends.
 *
 * Across worker threads (Python's multiprocessing pattern): a QueueHandler
 * given a `MessagePort`-like object (`parentPort`) posts each prepared
 * record as a plain, structured-clone-safe dict tagged with
 * `QUEUE_MESSAGE_KEY`; a QueueListener given a `Worker` or a `MessagePort`
 * rebuilds the records with `makeLogRecord` and handles them in the thread
 * that owns the handlers.
 */
import { READS_ALL } from "../core/callerPolicy.js";
import { pyError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { makeLogRecord, type LogRecord } from "../core/record.js";
import { MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { pyStr } from "../py/repr.js";
import { onExitBeforeSockets } from "../io/sockets.js";
import { DeliveryCounters } from "./counters.js";

/**
 * Something that carries messages to another thread: `parentPort` in a
 * worker, a `MessagePort`, a `Worker` (from the main thread), a
 * `BroadcastChannel`.
 */
export interface PostMessageTarget {
  postMessage(message: unknown): void;
}

/**
 * What a QueueHandler puts records into: Python's `put_nowait`, an array's
 * `push`, or a port's `postMessage` (records are then posted as
 * `{ [QUEUE_MESSAGE_KEY]: 1, record: {...} }`).
 */
export type QueueLike = { put_nowait(item: unknown): void } | { push(item: unknown): unknown } | PostMessageTarget;

/**
 * Where a QueueListener receives posted records from: a `Worker` (in the
 * main thread) or a `MessagePort`, i.e. anything with `on`/`off` for
 * `'message'` events.
 */
export interface MessageSource {
  on(event: "message", listener: (message: unknown) => void): unknown;
  off(event: "message", listener: (message: unknown) => void): unknown;
}

/**
 * The key that tags a log record posted by `QueueHandler(port)`: the message
 * is `{ [QUEUE_MESSAGE_KEY]: 1, record }`, where `record` is a plain object
 * of the prepared record's attributes (structured-clone safe), so an
 * application can tell it from its own messages on the same port.
 *
 * @example
 * ```ts fragment
 * worker.on("message", (m) => {
 *   if (m && typeof m === "object" && logging.handlers.QUEUE_MESSAGE_KEY in m) return; // a log record
 *   // ... the application's own message
 * });
 * ```
 */
export const QUEUE_MESSAGE_KEY = "__logxide_record__";

/** True when `message` is a record posted by a `QueueHandler(port)`. */
export function isQueueMessage(
  message: unknown,
): message is { [QUEUE_MESSAGE_KEY]: 1; record: Record<string, unknown> } {
  if (message === null || typeof message !== "object") return false;
  const m = message as Record<string, unknown>;
  return m[QUEUE_MESSAGE_KEY] === 1 && m.record !== null && typeof m.record === "object";
}

/** Nested containers deeper than this are sent as their `str()`. */
const MAX_DEPTH = 8;

/**
 * A value that `postMessage` can always clone: primitives and Dates as they
 * are, plain arrays and objects copied (own enumerable keys), anything else
 * (class instances, Errors, Maps, functions, symbols, Proxies, cycles) as
 * Python's `str()` of it, as an unpicklable attribute would have to be.
 */
function cloneSafe(value: unknown, depth: number, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return value;
    case "object":
      if (value === null) return null;
      break;
    default:
      return strOf(value);
  }
  try {
    const obj = value as object;
    if (seen.has(obj) || depth >= MAX_DEPTH) return strOf(value);
    if (Array.isArray(obj)) {
      if (Object.getPrototypeOf(obj) !== Array.prototype) return strOf(value);
      seen.add(obj);
      const out = obj.map((v) => cloneSafe(v, depth + 1, seen));
      seen.delete(obj);
      return out;
    }
    const proto = Object.getPrototypeOf(obj);
    if (proto === Date.prototype) return new Date((obj as Date).getTime());
    if (proto !== Object.prototype && proto !== null) return strOf(value);
    seen.add(obj);
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(obj)) out[key] = cloneSafe((obj as Record<string, unknown>)[key], depth + 1, seen);
    seen.delete(obj);
    return out;
  } catch {
    // A throwing getter or a revoked Proxy: its text, as far as it has one.
    return strOf(value);
  }
}

function strOf(value: unknown): string {
  try {
    return pyStr(value);
  } catch {
    return "<unprintable value>";
  }
}

/**
 * The prepared record as a plain dict (Python's `record.__dict__` as
 * `makePickle` sends it): every own attribute, clone-safe.
 */
export function recordToDict(record: LogRecord): Record<string, unknown> {
  const seen = new Set<object>();
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(record)) {
    let v: unknown;
    try {
      v = record[key];
    } catch {
      v = "<unprintable value>";
    }
    out[key] = cloneSafe(v, 0, seen);
  }
  return out;
}

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
 *
 * Given a port (an object with `postMessage` and no `put_nowait`/`push`,
 * e.g. a worker's `parentPort`), each prepared record is posted as
 * `{ [QUEUE_MESSAGE_KEY]: 1, record: {...} }` (see `recordToDict`), for a
 * `QueueListener` on the other side.
 *
 * @example
 * ```ts fragment
 * // worker.mjs
 * import { parentPort } from "node:worker_threads";
 * logging.getLogger().addHandler(new logging.handlers.QueueHandler(parentPort));
 * ```
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
    const q = this.queue as {
      put_nowait?: (i: unknown) => void;
      push?: (i: unknown) => unknown;
      postMessage?: (m: unknown) => void;
    };
    if (typeof q.put_nowait === "function") q.put_nowait(record);
    else if (typeof q.push === "function") q.push(record);
    else q.postMessage!({ [QUEUE_MESSAGE_KEY]: 1, record: recordToDict(record) });
  }

  /**
   * A copy of the record with the formatted text as `msg` and `message`, and
   * `args`, `exc_info`, `exc_text`, `stack_info` cleared (safe to pass on).
   */
  prepare(record: LogRecord): LogRecord {
    const msg = this.format(record);
    // Python's copy.copy: the attributes' values. Object.assign is the fast
    // path; an `extra` key named `__proto__` must stay a field, which
    // assignment would turn into a prototype change, so that record is copied
    // by descriptors.
    const proto = Object.getPrototypeOf(record) as object;
    const copy = (
      Object.hasOwn(record, "__proto__")
        ? Object.create(proto, Object.getOwnPropertyDescriptors(record))
        : Object.assign(Object.create(proto), record)
    ) as LogRecord;
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
 *
 * `queue` may also be a `Worker` or a `MessagePort` (a `MessageSource`):
 * `start()` then listens to its `'message'` events, ignores the
 * application's own messages, rebuilds each posted record with
 * `makeLogRecord` and handles it at once; `stop()` stops listening (a
 * Worker's `'exit'` does too: Node has delivered all its messages by then).
 * Listening to a `MessagePort` that had no `'message'` listener does not keep
 * the event loop alive (the port is `unref()`ed again); a `Worker` keeps it
 * alive anyway while it runs.
 *
 * @example
 * ```ts fragment
 * const worker = new Worker("./worker.mjs"); // logs through QueueHandler(parentPort)
 * const listener = new logging.handlers.QueueListener(worker, new logging.handlers.RotatingFileHandler("app.log", { maxBytes: 1 << 20, backupCount: 5 }));
 * listener.start();
 * ```
 */
export class QueueListener {
  queue: SimpleQueue | MessageSource;
  handlers: Handler[];
  respect_handler_level: boolean;
  /** Most records handled per event-loop turn while draining. */
  sliceRecords = 1000;
  /** Longest (ms) one drain slice may run before yielding to the event loop. */
  sliceMs = 5;
  #unsubscribe: (() => void) | null = null;
  #scheduled = false;

  constructor(queue: SimpleQueue | MessageSource, ...handlers: Array<Handler | { respect_handler_level?: boolean }>) {
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
    const q = this.queue;
    if (isSimpleQueue(q)) {
      this.#unsubscribe = q.onPut(() => this.#schedule());
      startedListeners.add(this);
      ensureExitDrain();
      this.#schedule();
      return;
    }
    this.#unsubscribe = this.#listen(q);
    startedListeners.add(this);
    ensureExitDrain();
  }

  /** Subscribes to a port's or worker's messages; returns the unsubscribe. */
  #listen(source: MessageSource): () => void {
    const onMessage = (message: unknown): void => {
      if (isQueueMessage(message)) this.#handleOne(makeLogRecord(message.record));
    };
    const port = source instanceof MessagePort ? source : null;
    // Node refs a MessagePort when its first 'message' listener is added; the
    // listener must not be what keeps the process alive, so a port nobody else
    // listened to is unref()ed again (a Worker keeps the loop alive itself).
    const firstListener = port !== null && port.listenerCount("message") === 0;
    source.on("message", onMessage);
    if (firstListener) port.unref();
    // A Worker delivers everything it posted before 'exit'; after that nothing
    // more can come, so the listener lets go of it (a listener nobody stops
    // must not keep every ended worker reachable).
    const w = source as { once?: (e: string, f: () => void) => unknown; terminate?: unknown };
    const onExit = (): void => {
      if (this.#unsubscribe !== unsubscribe) return;
      this.#unsubscribe = null;
      startedListeners.delete(this);
    };
    const isWorker = typeof w.once === "function" && typeof w.terminate === "function";
    if (isWorker) w.once!("exit", onExit);
    const unsubscribe = (): void => {
      source.off("message", onMessage);
      if (isWorker) (source as unknown as { off(e: string, f: () => void): unknown }).off("exit", onExit);
    };
    return unsubscribe;
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
    const queue = this.queue as SimpleQueue;
    const until = performance.now() + this.sliceMs;
    let n = 0;
    while (!queue.empty()) {
      this.#handleOne(queue.get_nowait() as LogRecord);
      if (++n >= this.sliceRecords || ((n & 63) === 0 && performance.now() >= until)) break;
    }
    if (!queue.empty() && this.#unsubscribe) this.#schedule();
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
    const q = this.queue;
    if (isSimpleQueue(q)) {
      while (!q.empty()) this.#handleOne(q.get_nowait() as LogRecord);
    }
  }

  /**
   * @internal At process exit: a MessagePort's messages not yet dispatched
   * are read synchronously (the process is ending, so the application's own
   * messages among them would be lost anyway). A Worker's port is out of
   * reach: what it posted and the main thread has not dispatched is lost.
   */
  _drainAtExit(): void {
    const q = this.queue;
    if (q instanceof MessagePort) {
      if (!this.#unsubscribe) return;
      for (let m = receiveMessageOnPort(q); m !== undefined; m = receiveMessageOnPort(q)) {
        if (isQueueMessage(m.message)) this.#handleOne(makeLogRecord(m.message.record));
      }
      return;
    }
    this._drainAll();
  }

  /**
   * Handles what is still queued, then stops listening. With a port or a
   * worker: every record that has arrived has been handled; messages still in
   * the port stay there (for the port's other listeners).
   */
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

/** A queue (the original behaviour) unless it is a port or worker: `on`/`off` and no `get_nowait`. */
function isSimpleQueue(q: SimpleQueue | MessageSource): q is SimpleQueue {
  const o = q as unknown as Record<string, unknown>;
  return typeof o.get_nowait === "function" || typeof o.on !== "function" || typeof o.off !== "function";
}

/** Started listeners (held until stopped, as a running thread is in Python). */
const startedListeners = new Set<QueueListener>();
let exitDrainInstalled = false;

function ensureExitDrain(): void {
  if (exitDrainInstalled) return;
  exitDrainInstalled = true;
  onExitBeforeSockets(() => {
    for (const l of startedListeners) l._drainAtExit();
  });
}

markBuiltinHandler(QueueHandler, READS_ALL); // the queue's consumers are out of sight
