/**
 * Delivery counters for the handlers that hand records to something slower
 * than a function call (sockets, HTTP, queues, memory buffers): every record
 * a handler's `emit` accepted ends in exactly one of `delivered`, `dropped`
 * or `failed`, or is still `pending`, so
 * `emitted === delivered + dropped + failed + pending` at every moment.
 */
import type { LogRecord } from "../core/record.js";

/**
 * Read-only counts of one handler's records (`handler.counters`).
 *
 * - `emitted`: records `emit` accepted.
 * - `delivered`: handed to the destination: written into the kernel's socket
 *   buffer (stream and datagram sockets), answered by the server (HTTP),
 *   put on the queue (QueueHandler), passed to the target (MemoryHandler).
 * - `dropped`: discarded by the handler's own policy (a full queue, a
 *   deadline at exit), never sent.
 * - `failed`: the destination refused them or an error stopped them (a
 *   refused connection, a broken pipe, an HTTP error after the retries, a
 *   formatting error).
 * - `pending`: still held by the handler (queued, connecting, in flight),
 *   counted from the handler's own queues, not derived from the other four.
 *
 * @example
 * ```ts
 * const h = new SysLogHandler(["127.0.0.1", 514], LOG_USER, "tcp");
 * log.addHandler(h);
 * log.info("hello");
 * await h.flush();
 * const { emitted, delivered, dropped, failed, pending } = h.counters;
 * ```
 */
export class DeliveryCounters {
  #emitted = 0;
  #delivered = 0;
  #dropped = 0;
  #failed = 0;
  readonly #pending: () => number;

  /** `pending` reports what the owner's queues hold right now. */
  constructor(pending: () => number) {
    this.#pending = pending;
  }

  get emitted(): number {
    return this.#emitted;
  }
  get delivered(): number {
    return this.#delivered;
  }
  get dropped(): number {
    return this.#dropped;
  }
  get failed(): number {
    return this.#failed;
  }
  /** Records the handler still holds (queued, connecting or in flight). */
  get pending(): number {
    return this.#pending();
  }

  /** @internal */
  _emitted(n = 1): void {
    this.#emitted += n;
  }
  /** @internal */
  _delivered(n = 1): void {
    this.#delivered += n;
  }
  /** @internal */
  _dropped(n = 1): void {
    this.#dropped += n;
  }
  /** @internal */
  _failed(n = 1): void {
    this.#failed += n;
  }

  /** A plain snapshot, e.g. for a health endpoint. */
  toJSON(): { emitted: number; delivered: number; dropped: number; failed: number; pending: number } {
    return {
      emitted: this.#emitted,
      delivered: this.#delivered,
      dropped: this.#dropped,
      failed: this.#failed,
      pending: this.pending,
    };
  }
}

/**
 * The error `handleError` receives when a handler starts dropping records
 * (a bound was hit). Reported once per episode: again only after the
 * handler's queue has emptied since the last report.
 */
export class RecordsDroppedError extends Error {
  override name = "RecordsDroppedError";
}

/**
 * @internal Reports drops once per episode through `report`, and counts
 * them: an episode ends when the owner says its queue emptied.
 */
export class DropReporter {
  #reported = false;

  constructor(
    private readonly counters: DeliveryCounters,
    private readonly report: (record: LogRecord | null, err: Error) => void,
  ) {}

  /** Counts `n` dropped records; the first drop of an episode is reported with `why`. */
  drop(record: LogRecord | null, n: number, why: () => string): void {
    if (n <= 0) return;
    this.counters._dropped(n);
    if (this.#reported) return;
    this.#reported = true;
    this.report(record, new RecordsDroppedError(`${why()} (dropped so far: ${this.counters.dropped})`));
  }

  /** The queue emptied: the next drop is reported again. */
  reset(): void {
    this.#reported = false;
  }
}

/**
 * @internal Resolves when `p` does, or after `ms` (0: no limit), calling
 * `onTimeout` then. Never rejects, so a `flush()` nobody awaits cannot turn
 * into an unhandled rejection. The timer is not unref'd: the handlers'
 * sockets never keep the process alive, so `await handler.flush()` at the
 * end of a program relies on this timer to keep it running until the
 * records are out (at most `ms`).
 */
export function settleWithin(p: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  if (!(ms > 0))
    return p.then(
      () => undefined,
      () => undefined,
    );
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
    p.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** @internal The error a flush that gave up reports. */
export function flushTimeoutError(what: string, seconds: number, pending: number): Error {
  const e = new Error(`${what}: flush timed out after ${seconds} s with ${pending} record(s) pending`);
  e.name = "TimeoutError";
  return e;
}
