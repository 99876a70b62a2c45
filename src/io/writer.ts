/**
 * The batched writer every file and stdio sink appends to. Records are
 * collected in an array (joined once per batch: cheaper than a long chain of
 * `+=` for V8 to flatten) and written with one `writeSync` per batch: at the
 * end of the current turn of the event loop (setImmediate), as soon as all
 * writers together hold `BATCH_CHARS`, on `flush()`, and at process exit.
 * Writing synchronously in bounded batches keeps memory bounded and means
 * nothing is ever "in flight" in a libuv queue when the process exits.
 *
 * A full pipe (the descriptor answers `EAGAIN`, as Node's non-blocking
 * stdout/stderr pipes do when the reader is slow) is handled in one of two
 * ways:
 * - without a {@link BacklogPolicy} (files): wait for the reader, blocking,
 *   as a blocking `write(2)` would;
 * - with one (stdio): keep the unwritten rest and retry from a timer, so the
 *   event loop goes on while the reader pauses. Text written meanwhile joins
 *   the backlog. Past `maxBacklog` the policy's `overflow` applies: `"block"`
 *   writes the whole backlog out, waiting for the reader (the producer is
 *   slowed to the reader's pace), `"drop"` discards further records, counted
 *   in `dropped` and reported once per episode through the error listener.
 * At process exit everything pending is written synchronously, waiting for
 * the reader, whatever the policy.
 */
import { writeSync } from "node:fs";
import { exiting, type Flushable, flushAllSync, registerWriter, unregisterWriter } from "./lifecycle.js";

/**
 * Batches are written once all writers together hold this many characters
 * (one writer: a 64 KiB batch). Bounding the sum rather than each writer keeps
 * memory bounded however many files there are, and keeps the lines waiting in
 * batches few enough to still be in the CPU cache when they are joined.
 */
export const BATCH_CHARS = 64 * 1024;

/** The largest piece of a backlog joined into one string for one `write`: bounds the temporary copies. */
const CHUNK_CHARS = 256 * 1024;

/** The size of the reused Buffers a backlog is kept in. */
const CHUNK_BYTES = 64 * 1024;

/** A piece of backlog: `buf` holds `end` bytes. */
interface Chunk {
  buf: Buffer;
  end: number;
  /** A `CHUNK_BYTES` Buffer of the writer's own, reused once written. */
  reusable: boolean;
}

/**
 * One Buffer every writer encodes a batch into before writing it: writes
 * are synchronous, so no two batches use it at once. Sized for a batch's
 * worst case in any encoding (UTF-8's three bytes per UTF-16 unit is the
 * most); a larger chunk is encoded into a Buffer of its own.
 */
let scratchBuffer: Buffer | null = null;
const SCRATCH_BYTES = 3 * (BATCH_CHARS + 16 * 1024);

function encodeScratch(chars: number): Buffer | null {
  if (chars * 3 > SCRATCH_BYTES) return null;
  scratchBuffer ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  return scratchBuffer;
}

/** The first `bytes` of `buf` as a Buffer that outlives this write: a copy when `buf` is the scratch. */
function owned(buf: Buffer, bytes: number): Buffer {
  return buf === scratchBuffer ? Buffer.from(buf.subarray(0, bytes)) : buf;
}

/** Characters accepted by writers that are not waiting for a slow reader, not yet handed to the OS. */
let totalPending = 0;

/** Sleeps the thread briefly: used when a descriptor answers EAGAIN and waiting is the policy. */
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/** Called with the error when a write fails (the owner routes it to a handler's `handleError`). */
export type WriteErrorListener = (err: NodeJS.ErrnoException) => void;

/** What a writer does while its descriptor answers EAGAIN (see the module comment). */
export interface BacklogPolicy {
  /** Characters (bytes for ASCII text) held for a slow reader before `overflow` applies. */
  maxBacklog: number;
  /** Past `maxBacklog`: wait for the reader (`"block"`) or drop records with a count (`"drop"`). */
  overflow: "block" | "drop";
}

/** Appends text to a file descriptor in batches. */
export class FdWriter implements Flushable {
  /** The descriptor written to; -1 once closed. */
  fd: number;
  /** Records (texts) dropped: past the backlog bound with the `"drop"` policy, or after `EPIPE`. */
  dropped = 0;
  #pending: string[] = [];
  #pendingLength = 0;
  #scheduled = false;
  #broken = false;
  #onError: WriteErrorListener | null;
  #encoding: BufferEncoding;
  #policy: BacklogPolicy | null;
  /**
   * Encoded bytes the descriptor has not taken yet, oldest first (written
   * before `#pending`); `#offset` bytes of the first are written. Held in
   * reused fixed-size Buffers: a backlog of strings, or of fresh Buffers
   * that live long enough to reach V8's old generation, makes the process
   * grow by several times the backlog before a full collection frees them.
   */
  #backlog: Chunk[] = [];
  #backlogBytes = 0;
  #offset = 0;
  /** Written chunks kept for reuse while a slow reader comes and goes (see `#recycle`). */
  #free: Buffer[] = [];
  #releaseFree: NodeJS.Timeout | null = null;
  /** Set while waiting for a slow reader (then `#pending` is not counted in `totalPending`). */
  #retry: NodeJS.Timeout | null = null;
  #retryMs = 1;
  #dropping = false;
  #written: { promise: Promise<void>; resolve: () => void } | null = null;
  #flushSoon = (): void => {
    this.#scheduled = false;
    this.flushSync();
  };
  #onRetry = (): void => {
    this.#retry = null;
    totalPending += this.#pendingLength;
    this.#writeOut(false);
  };

  /**
   * `onError` receives write failures (Node's error; the owner maps it);
   * `policy` makes EAGAIN non-blocking (see the module comment).
   */
  constructor(
    fd: number,
    onError: WriteErrorListener | null = null,
    encoding: BufferEncoding = "utf8",
    policy: BacklogPolicy | null = null,
  ) {
    this.fd = fd;
    this.#encoding = encoding;
    this.#onError = onError;
    this.#policy = policy;
    registerWriter(this);
  }

  /** Characters (bytes, for what is already encoded) accepted but not yet handed to the OS. */
  get pendingLength(): number {
    return this.#pendingLength + this.#backlogBytes - this.#offset;
  }

  /** True while the descriptor answers EAGAIN and the backlog waits for a timer. */
  get waiting(): boolean {
    return this.#retry !== null;
  }

  /** Accepts `text`; it reaches the OS by the end of this event-loop turn, or once a slow reader makes room. */
  write(text: string): void {
    if (this.#broken) {
      this.dropped++;
      return;
    }
    if (this.#retry !== null) {
      this.#addToBacklog(text);
      if (exiting) this.drainSync();
      return;
    }
    this.#pending.push(text);
    this.#pendingLength += text.length;
    totalPending += text.length;
    if (exiting) {
      this.drainSync();
    } else if (totalPending >= BATCH_CHARS) {
      flushAllSync();
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flushSoon);
    }
  }

  /**
   * Hands everything pending to the OS now (partial writes retried). While a
   * slow reader is being waited for (stdio with a policy), leaves the backlog
   * to the retry timer instead.
   */
  flushSync(): void {
    if (this.#retry !== null) {
      if (exiting) this.drainSync();
      return;
    }
    this.#writeOut(exiting || this.#policy === null);
  }

  /** Writes everything pending, waiting for a slow reader however long it takes (exit, a patched stream's order). */
  drainSync(): void {
    if (this.#retry !== null) {
      clearTimeout(this.#retry);
      this.#retry = null;
      totalPending += this.#pendingLength;
    }
    this.#writeOut(true);
  }

  /** While waiting for a slow reader: a promise settled once the backlog is written; otherwise undefined. */
  whenWritten(): Promise<void> | undefined {
    if (this.#retry === null) return undefined;
    if (this.#written === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#written = { promise, resolve };
    }
    return this.#written.promise;
  }

  /** Flushes, then stops accepting output. Does not close the descriptor. */
  detach(): void {
    this.drainSync();
    unregisterWriter(this);
    this.fd = -1;
  }

  /** A record while the reader is slow: into the backlog, or the overflow policy. */
  #addToBacklog(text: string): void {
    const policy = this.#policy!;
    if (!exiting && this.pendingLength + text.length > policy.maxBacklog) {
      if (policy.overflow === "drop") {
        this.dropped++;
        if (!this.#dropping) {
          this.#dropping = true;
          // Python's class for "the descriptor would block", with what happened.
          const err = new Error(
            `[Errno 11] Resource temporarily unavailable: the reader is slow and the backlog reached ${policy.maxBacklog} characters; records are dropped until it catches up`,
          );
          err.name = "BlockingIOError";
          this.#report(err);
        }
        return;
      }
      this.#pending.push(text);
      this.#pendingLength += text.length;
      this.drainSync();
      return;
    }
    this.#appendBytes(text);
  }

  /** Encodes `text` at the end of the backlog (into the last chunk when it fits). */
  #appendBytes(text: string): void {
    const n = Buffer.byteLength(text, this.#encoding);
    const last = this.#backlog[this.#backlog.length - 1];
    if (last?.reusable && last.end + n <= last.buf.length) {
      last.buf.write(text, last.end, this.#encoding);
      last.end += n;
    } else if (n > CHUNK_BYTES) {
      this.#pushBacklog({ buf: Buffer.from(text, this.#encoding), end: n, reusable: false }, 0);
      return;
    } else {
      const buf = this.#free.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
      buf.write(text, 0, this.#encoding);
      this.#pushBacklog({ buf, end: n, reusable: true }, 0);
      return;
    }
    this.#backlogBytes += n;
  }

  #pushBacklog(chunk: Chunk, written: number): void {
    if (this.#backlog.length === 0) this.#offset = written;
    this.#backlog.push(chunk);
    this.#backlogBytes += chunk.end;
  }

  /** A written chunk: kept for the next records of this backlog, up to the bound's worth. */
  #recycle(chunk: Chunk): void {
    const limit = Math.ceil((this.#policy?.maxBacklog ?? 0) / CHUNK_BYTES) + 1;
    if (chunk.reusable && this.#free.length < limit) this.#free.push(chunk.buf);
  }

  /**
   * Writes the backlog, then the pending text, in chunks. On EAGAIN: waits
   * when `block`, else keeps the rest and arms the retry timer.
   */
  #writeOut(block: boolean): void {
    let waits = 0;
    for (;;) {
      if (this.fd < 0 || this.#broken) {
        this.#discard();
        break;
      }
      if (this.#backlog.length === 0) {
        if (this.#pendingLength === 0) break;
        const text = this.#takeChunk();
        // Encoded once (the byte count a short write is checked against
        // comes with the bytes) into the shared scratch Buffer, or a Buffer
        // of its own for a chunk too large for it, then written.
        const scratch = encodeScratch(text.length);
        const buf = scratch ?? Buffer.from(text, this.#encoding);
        const bytes = scratch !== null ? scratch.write(text, 0, this.#encoding) : buf.length;
        try {
          const written = writeSync(this.fd, buf, 0, bytes);
          if (written !== bytes) this.#pushBacklog({ buf: owned(buf, bytes), end: bytes, reusable: false }, written);
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          if (err?.code !== "EAGAIN") {
            this.#fail(err);
            continue;
          }
          this.#pushBacklog({ buf: owned(buf, bytes), end: bytes, reusable: false }, 0);
          if (!this.#wait(block, waits++)) return;
        }
        continue;
      }
      const head = this.#backlog[0]!;
      try {
        this.#offset += writeSync(this.fd, head.buf, this.#offset, head.end - this.#offset);
        waits = 0;
        this.#retryMs = 1;
        if (this.#offset >= head.end) this.#dropHead();
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err?.code !== "EAGAIN") {
          this.#dropHead(); // that chunk is lost; what follows is still written
          this.#fail(err);
          continue;
        }
        if (!this.#wait(block, waits++)) return;
      }
    }
    // Everything written (or discarded): the episode of a slow reader is over.
    this.#dropping = false;
    this.#retryMs = 1;
    if (this.#free.length > 0 && this.#releaseFree === null) {
      // Keep the chunks for a reader that pauses again soon; let them go once it has kept up for a while.
      this.#releaseFree = setTimeout(() => {
        this.#releaseFree = null;
        if (this.#retry === null) this.#free = [];
      }, 5000);
      this.#releaseFree.unref();
    }
    const written = this.#written;
    if (written !== null) {
      this.#written = null;
      written.resolve();
    }
  }

  #dropHead(): void {
    const head = this.#backlog.shift()!;
    this.#backlogBytes -= head.end;
    this.#offset = 0;
    this.#recycle(head);
  }

  /** The next piece of pending text (all of it unless it is very large). */
  #takeChunk(): string {
    const pending = this.#pending;
    let text: string;
    if (this.#pendingLength <= CHUNK_CHARS || pending.length === 1) {
      text = pending.length === 1 ? pending[0]! : pending.join("");
      this.#pending = [];
    } else {
      let n = 0;
      let chars = 0;
      while (n < pending.length && (n === 0 || chars + pending[n]!.length <= CHUNK_CHARS))
        chars += pending[n++]!.length;
      text = pending.slice(0, n).join("");
      this.#pending = pending.slice(n);
    }
    this.#pendingLength -= text.length;
    totalPending -= text.length;
    return text;
  }

  /**
   * EAGAIN: sleep and go on (true) when blocking, else arm the retry timer and
   * stop (false). A reader that makes no room for about 100 s fails the batch.
   */
  #wait(block: boolean, waits: number): boolean {
    if (block) {
      if (waits >= 10_000) {
        // Given up: what is held is lost, and reported once.
        this.#discard();
        this.#fail(Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN" }));
        return true;
      }
      // A pipe's reader usually makes room within microseconds: wait 0.05 ms
      // first, doubling up to 10 ms for a reader that is slow.
      sleepMs(Math.min(10, 0.05 * 2 ** waits));
      return true;
    }
    // Pending text now waits for the timer behind the backlog: it no longer
    // counts towards the shared batch bound (else every record would retry
    // the full pipe), and records arriving meanwhile go after it.
    totalPending -= this.#pendingLength;
    if (this.#pendingLength > 0) {
      const pending = this.#pending;
      this.#pending = [];
      this.#pendingLength = 0;
      for (const text of pending) this.#appendBytes(text);
    }
    this.#retry = setTimeout(this.#onRetry, this.#retryMs);
    // The timer alone must not keep the process alive: at exit the backlog is
    // written synchronously anyway.
    this.#retry.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, 20);
    return false;
  }

  /** A failed write: the batch is lost; EPIPE ends the writer; the owner is told. */
  #fail(err: NodeJS.ErrnoException): void {
    if (err?.code === "EPIPE") this.#broken = true;
    this.#report(err);
  }

  #report(err: NodeJS.ErrnoException): void {
    // The listener may be user code (an overridden handleError): if it throws
    // from the setImmediate flush or the retry timer, the application must not crash.
    try {
      this.#onError?.(err);
    } catch {
      /* nothing left to report to */
    }
  }

  /** After EPIPE, a close or giving up: what is held is dropped. */
  #discard(): void {
    totalPending -= this.#pendingLength;
    this.#pending = [];
    this.#pendingLength = 0;
    this.#backlog = [];
    this.#backlogBytes = 0;
    this.#offset = 0;
  }
}
