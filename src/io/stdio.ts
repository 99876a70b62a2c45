/**
 * The sink for `process.stdout` and `process.stderr`: while their `write` is
 * Node's own, text goes to one batched writer per descriptor (fd 1, fd 2),
 * shared by every handler on that stream. When a program (or a test)
 * replaces `write` to capture output, records go through the replacement
 * instead, after whatever is pending, so order is kept.
 *
 * A slow reader (a pipe whose reader pauses) does not stall the event loop:
 * up to a bound (`stdioPolicy.maxBacklog`, 4 Mi characters by default) the
 * writer keeps the backlog and retries from a timer; past it the policy's
 * `overflow` applies (`"block"`, the default: wait for the reader;
 * `"drop"`: drop records, counted). At exit everything is written, waiting
 * for the reader. See `setOutputLimits` (./streamSink.ts).
 */
import { osError } from "./oserror.js";
import { SINK, type Sink, type SinkErrorListener } from "./sink.js";
import { type BacklogPolicy, FdWriter } from "./writer.js";

interface Writable {
  write(chunk: string): unknown;
  flush?: () => unknown;
}

// The stdio streams and Node's own `write` of each, taken before anything
// patches them. Held here: `process.stdout` is a getter, too slow to call per record.
const stdout: unknown = process.stdout;
const stderr: unknown = process.stderr;
const stdoutWrite: unknown = Object.getPrototypeOf(process.stdout).write;
const stderrWrite: unknown = Object.getPrototypeOf(process.stderr).write;
const writers: Array<FdWriter | undefined> = [];

/** The backlog policy of the stdio writers (changed through `setOutputLimits`). */
export const stdioPolicy: BacklogPolicy = { maxBacklog: 4 * 1024 * 1024, overflow: "block" };

/** The sink that wrote last to each descriptor: a failed batch is reported to its handler. */
const owners: Array<StdioSink | undefined> = [];

/** Error codes already reported per descriptor: each kind is reported once, not once per batch. */
const reported = new Map<number, Set<string>>();

/** The batched writer for fd 1 or 2 (shared by every handler on that stream). */
export function stdioWriter(fd: 1 | 2): FdWriter {
  return writers[fd] ?? (writers[fd] = new FdWriter(fd, (err) => dispatchError(fd, err), "utf8", stdioPolicy));
}

/**
 * A batch for stdout/stderr failed (EPIPE: the reader went away; ENOSPC…).
 * The batch is not tied to one handler: the error goes to the handler whose
 * sink wrote last, once per kind of error (after EPIPE the writer drops what
 * it is given, counted in `dropped`). Records dropped past the backlog bound
 * are reported by the writer once per episode and passed on each time.
 */
function dispatchError(fd: number, err: NodeJS.ErrnoException): void {
  const code = typeof err?.code === "string" ? err.code : null;
  if (code !== null) {
    let seen = reported.get(fd);
    if (!seen) reported.set(fd, (seen = new Set()));
    if (seen.has(code)) return;
    seen.add(code);
  }
  owners[fd]?.report(osError(err));
}

/** The sink of a handler writing to `process.stdout` or `process.stderr`. */
export class StdioSink implements Sink {
  readonly [SINK] = true as const;
  /** 1 (stdout) or 2 (stderr). */
  readonly fd: 1 | 2;
  #stream: Writable;
  #nodeWrite: unknown;
  #writer: FdWriter;
  #onError: SinkErrorListener;

  constructor(fd: 1 | 2, onError: SinkErrorListener) {
    this.fd = fd;
    this.#stream = (fd === 1 ? stdout : stderr) as Writable;
    this.#nodeWrite = fd === 1 ? stdoutWrite : stderrWrite;
    this.#writer = stdioWriter(fd);
    this.#onError = onError;
  }

  /** Records dropped on this descriptor (past the backlog bound with `"drop"`, or after EPIPE); shared by its handlers. */
  get dropped(): number {
    return this.#writer.dropped;
  }

  /** Batched while the stream's `write` is Node's own; else through the replacement, after what is pending. */
  write(text: string): void {
    const stream = this.#stream;
    if (stream.write === this.#nodeWrite) {
      owners[this.fd] = this;
      this.#writer.write(text);
      return;
    }
    this.#writer.drainSync();
    stream.write(text);
    if (typeof stream.flush === "function") stream.flush();
  }

  /** Hands the batch to the OS; while a slow reader is waited for, a Promise settled once the backlog is written. */
  flush(): void | Promise<void> {
    const stream = this.#stream;
    if (stream.write !== this.#nodeWrite) {
      this.#writer.drainSync();
      if (typeof stream.flush === "function") stream.flush();
      return;
    }
    this.#writer.flushSync();
    return this.#writer.whenWritten();
  }

  /** Flushes; stdout and stderr themselves stay open. */
  close(): void | Promise<void> {
    return this.flush();
  }

  /** @internal A failure of the shared batch, for this sink's handler. */
  report(err: Error): void {
    this.#onError(err);
  }
}

/** The stdio sink for `stream` when it is `process.stdout` or `process.stderr`, else null. */
export function stdioSinkFor(stream: unknown, onError: SinkErrorListener): StdioSink | null {
  if (stream === stdout) return new StdioSink(1, onError);
  if (stream === stderr) return new StdioSink(2, onError);
  return null;
}

/** Writes `text` to the current `process.stderr`, keeping order with batched output. */
export function writeStderr(text: string): void {
  const stream = process.stderr as unknown as Writable;
  if (stream === stderr && stream.write === stderrWrite) {
    stdioWriter(2).write(text);
    return;
  }
  if (stream === stderr) writers[2]?.drainSync();
  stream.write(text);
}
