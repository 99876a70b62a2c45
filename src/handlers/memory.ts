/**
 * BufferingHandler and MemoryHandler: keep records in memory and hand them
 * to a target handler when full, at a severe record, or on close.
 */
import { configChanged, handlerMayReadCaller, READS_ALL } from "../core/callerPolicy.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { ERROR } from "../core/levels.js";
import type { LogRecord } from "../core/record.js";
import { DeliveryCounters } from "./counters.js";
import { pyError } from "../py/errors.js";
import { pyTypeName } from "../py/repr.js";

/** Keeps up to `capacity` records; `flush` (overridden) decides what to do with them. */
export class BufferingHandler extends Handler {
  capacity: number;
  buffer: LogRecord[] = [];

  /** Python's parameters: `BufferingHandler(capacity)`. */
  static override readonly signature = signature("BufferingHandler", ["capacity"], 1);

  constructor(capacity: number);
  constructor(options: { capacity: number });
  constructor(...args: unknown[]) {
    const a = bindArgs(BufferingHandler.signature, args);
    super();
    this.capacity = a.capacity as number;
  }

  /** True when the buffer should be flushed after adding `record`. */
  shouldFlush(_record: LogRecord): boolean {
    return this.buffer.length >= this.capacity;
  }

  override emit(record: LogRecord): void {
    this.buffer.push(record);
    if (this.shouldFlush(record)) this.flush();
  }

  /** Empties the buffer. */
  override flush(): void {
    this.buffer.length = 0;
  }

  override close(): void {
    try {
      this.flush();
    } finally {
      super.close();
    }
  }
}

/**
 * `new MemoryHandler(capacity, flushLevel = ERROR, target = null, flushOnClose = true)`:
 * buffers records and passes them to `target` when the buffer is full or a
 * record at `flushLevel` or above arrives. Without a target the buffer is
 * kept and grows, as in Python (set a target, or close the handler).
 * `counters.delivered` counts records passed to the target; `dropped`, those
 * discarded by `close()` (no target, or `flushOnClose` false); `pending` is
 * the buffer. At process exit the buffer is flushed to the target.
 */
export class MemoryHandler extends BufferingHandler {
  flushLevel: number;
  target: Handler | null;
  flushOnClose: boolean;
  /** Counts of this handler's records (see `DeliveryCounters`). */
  readonly counters: DeliveryCounters = new DeliveryCounters(() => this.buffer.length);

  /** Python's parameters: `MemoryHandler(capacity, flushLevel=ERROR, target=None, flushOnClose=True)`. */
  static override readonly signature = signature(
    "MemoryHandler",
    ["capacity", "flushLevel", "target", "flushOnClose"],
    1,
  );

  constructor(capacity: number, flushLevel?: number, target?: Handler | null, flushOnClose?: boolean);
  constructor(capacity: number, options: { flushLevel?: number; target?: Handler | null; flushOnClose?: boolean });
  constructor(...args: unknown[]) {
    const a = bindArgs(MemoryHandler.signature, args);
    super(a.capacity as number);
    this.flushLevel = (a.flushLevel as number | undefined) ?? ERROR;
    this.target = (a.target as Handler | null | undefined) ?? null;
    this.flushOnClose = (a.flushOnClose as boolean | undefined) ?? true;
  }

  /**
   * True when the buffer is full or `record` is at `flushLevel` or above.
   * `flushLevel` is compared as given, as Python does (neither the
   * constructor nor dictConfig converts a level name): a value that is not
   * a number, such as `"ERROR"`, is Python's `TypeError` here, which
   * `handle` reports through `handleError`; a full buffer still flushes.
   */
  override shouldFlush(record: LogRecord): boolean {
    if (this.buffer.length >= this.capacity) return true;
    const level: unknown = this.flushLevel;
    if (typeof level !== "number" && typeof level !== "bigint" && typeof level !== "boolean")
      // JS would compare with NaN and never flush: Python's int-vs-str error instead.
      throw pyError("TypeError", `'>=' not supported between instances of 'int' and '${pyTypeName(level)}'`);
    return record.levelno >= Number(level);
  }

  override emit(record: LogRecord): void {
    this.counters._emitted();
    super.emit(record);
  }

  /** Sets the handler records are passed to. */
  setTarget(target: Handler | null): void {
    this.target = target;
    configChanged();
  }

  /** Passes the buffered records to the target (if any) and empties the buffer. */
  override flush(): void {
    if (this.target) {
      const n = this.buffer.length;
      try {
        for (const record of this.buffer) this.target.handle(record);
      } finally {
        this.buffer.length = 0;
        this.counters._delivered(n);
      }
    }
  }

  /** Flushes (if `flushOnClose`), then forgets the target. */
  override close(): void {
    try {
      if (this.flushOnClose) this.flush();
    } finally {
      this.target = null;
      this.counters._dropped(this.buffer.length);
      this.buffer.length = 0;
      Handler.prototype.close.call(this);
    }
  }
}

// Buffered records are the subclass's to read; a MemoryHandler's go to its target.
markBuiltinHandler(BufferingHandler, READS_ALL);
markBuiltinHandler(MemoryHandler, (h: MemoryHandler) => h.target === null || handlerMayReadCaller(h.target));
