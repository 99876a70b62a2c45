/**
 * SocketHandler and DatagramHandler: records pickled (Python's `makePickle`)
 * with a 4-byte big-endian length prefix, sent over TCP (or a unix stream
 * socket) and UDP, so that a Python receiver can `pickle.loads` each one and
 * rebuild it with `logging.makeLogRecord`.
 *
 * Once connected, each record is written with one synchronous non-blocking
 * `write(2)`, as Python's `sendall` (UDP: one `send` per datagram). A record
 * logged while the connection is being made, or that the kernel cannot take
 * at once (a slow peer), is queued, up to `maxBufferedBytes`; beyond it new
 * records are dropped, counted and reported once. `flush()` resolves when
 * everything queued is in the kernel (or after `flushTimeout` seconds). At
 * process exit what is queued is written synchronously (see
 * `src/io/sockets.ts`). Sockets are `unref()`ed, so a handler never keeps the
 * process alive by itself.
 */
import { READS_ALL } from "../core/callerPolicy.js";
import type * as dgram from "node:dgram";
import type * as net from "node:net";
import { pyError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "../core/record.js";
import { pickleDict } from "../io/pickle.js";
import { DgramConn, StreamConn } from "../io/sockets.js";
import { DeliveryCounters, DropReporter, flushTimeoutError, settleWithin } from "./counters.js";

/** Python's `logging.handlers` port constants. */
export const DEFAULT_TCP_LOGGING_PORT = 9020;
export const DEFAULT_UDP_LOGGING_PORT = 9021;
export const DEFAULT_HTTP_LOGGING_PORT = 9022;
export const DEFAULT_SOAP_LOGGING_PORT = 9023;

/** Record attributes that are floats in Python (pickled as floats even when integral). */
export const FLOAT_RECORD_FIELDS: ReadonlySet<string> = new Set(["created", "msecs", "relativeCreated"]);

/** Python's `struct.pack(">L", n)`. */
function lengthPrefix(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
}

/**
 * `new SocketHandler(host, port)`: sends each record, pickled as Python's
 * `SocketHandler.makePickle` does, over a TCP connection kept open across
 * records (`port = null`: `host` is a unix socket path). When the connection
 * cannot be made, records are dropped and the next attempt waits
 * `retryStart` seconds, then `retryFactor` times longer each time, up to
 * `retryMax` (Python's exponential backoff). A connection that breaks is
 * silently dropped and remade at the next record, as in Python. Those
 * records count as `failed` in `counters`.
 */
export class SocketHandler extends Handler {
  host: string;
  port: number | null;
  /** `[host, port]`, or the unix socket path when `port` is null. */
  address: [string, number] | string;
  /** When true, an error while emitting closes the socket instead of being reported. */
  closeOnError = false;
  /** Time (seconds since the epoch) before which no reconnect is tried; null: try at once. */
  retryTime: number | null = null;
  /** The current wait between connection attempts (seconds). */
  retryPeriod = 0;
  retryStart = 1.0;
  retryMax = 30.0;
  retryFactor = 2.0;
  /**
   * Most bytes kept in memory for a peer that does not read fast enough
   * (the kernel's socket buffer comes on top). Beyond it new records are
   * dropped, counted in `counters.dropped`, and reported once through
   * `handleError` (again after the queue has emptied).
   */
  maxBufferedBytes = 16 * 1024 * 1024;
  /** Seconds `flush()` waits for the queue to empty before it reports a `TimeoutError` and resolves (0: no limit). */
  flushTimeout = 10;
  /** Seconds the exit hook may spend writing out what is queued. */
  exitTimeout = 2;
  /** Counts of this handler's records (see `DeliveryCounters`). */
  readonly counters: DeliveryCounters = new DeliveryCounters(() => this._pendingRecords());
  #conn: StreamConn<LogRecord | null> | null = null;
  #closing: Array<StreamConn<LogRecord | null>> = [];
  #drops: DropReporter = new DropReporter(this.counters, (r, e) => this.reportError(r, e));

  /** Python's parameters: `SocketHandler(host, port)` (port None: a unix socket path). */
  static override readonly signature = signature("SocketHandler", ["host", "port"], 2);

  constructor(host: string, port: number | null);
  constructor(options: { host: string; port: number | null });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs(SocketHandler.signature, args);
    this.host = a.host as string;
    this.port = (a.port as number | null | undefined) ?? null;
    this.address = this.port === null ? this.host : [this.host, this.port];
  }

  /** @internal Records held by the connections (for `counters.pending`). */
  _pendingRecords(): number {
    let n = this.#conn?.pendingMessages ?? 0;
    for (const c of this.#closing) n += c.pendingMessages;
    return n;
  }

  /** @internal Reports drops and timeouts (reports, not send errors: with `closeOnError` they must not close the socket). */
  protected reportError(record: LogRecord | null, err: unknown): void {
    if (this.closeOnError) Handler.prototype.handleError.call(this, record, err);
    else this.handleError(record, err);
  }

  /** The Node socket (connected or connecting), or null. */
  get sock(): net.Socket | dgram.Socket | null {
    return this.#conn?.socket ?? null;
  }

  set sock(value: unknown) {
    if (value === null || value === undefined) this.#dropConn(false);
  }

  /**
   * Starts a connection (`timeout` seconds to connect). Returns the
   * connection; a failure to connect arrives later and starts the backoff.
   */
  makeSocket(timeout = 1): StreamConn<LogRecord | null> | DgramConn<LogRecord | null> {
    const target = this.port === null ? { path: this.host } : { host: this.host, port: this.port };
    const conn: StreamConn<LogRecord | null> = new StreamConn<LogRecord | null>(
      target,
      timeout * 1000,
      this.exitTimeout * 1000,
      {
        onDelivered: (n) => {
          this.counters._delivered(n);
          if (conn.pendingMessages === 0) this.#drops.reset();
        },
        // Python's createSocket ignores a failed connect: the records are lost, silently.
        onConnectError: (_err, lost) => {
          this.counters._failed(lost);
          if (this.#conn === conn) {
            this.#conn = null;
            this.#backoff(Date.now() / 1000);
          }
        },
        // Python's `send` closes the socket on OSError and reconnects next time.
        onError: (_err, lost) => {
          this.counters._failed(lost);
          if (this.#conn === conn) this.#conn = null;
        },
        onClose: () => {
          if (this.#conn === conn) this.#conn = null;
          this.#closing = this.#closing.filter((c) => c !== conn);
        },
        onExitDropped: (n) => this.counters._dropped(n),
      },
    );
    return conn;
  }

  #backoff(now: number): void {
    if (this.retryTime === null) {
      this.retryPeriod = this.retryStart;
    } else {
      this.retryPeriod = this.retryPeriod * this.retryFactor;
      if (this.retryPeriod > this.retryMax) this.retryPeriod = this.retryMax;
    }
    this.retryTime = now + this.retryPeriod;
  }

  /** Connects unless the backoff says to wait (Python's `createSocket`). */
  createSocket(): void {
    const now = Date.now() / 1000;
    const attempt = this.retryTime === null || now >= this.retryTime;
    if (!attempt) return;
    try {
      const conn = this.makeSocket();
      if (!(conn instanceof StreamConn)) throw pyError("OSError", "makeSocket must return a stream connection");
      this.#conn = conn;
      // Python clears retryTime once connected; here once the attempt is known to work.
      conn.socket.once("connect", () => {
        if (this.#conn === conn) this.retryTime = null;
      });
    } catch (err) {
      if (!isOSError(err)) throw err;
      this.#backoff(now);
    }
  }

  /**
   * Sends bytes, connecting first if needed. Dropped (counted as failed)
   * while the backoff waits, as in Python; dropped (counted and reported)
   * when `maxBufferedBytes` are already queued.
   */
  send(s: Uint8Array, record: LogRecord | null = null): void {
    if (this.#conn === null) this.createSocket();
    const conn = this.#conn;
    if (!conn) {
      this.counters._failed();
      return;
    }
    if (conn.pendingBytes + s.length > this.maxBufferedBytes) {
      this.#drops.drop(
        record,
        1,
        () => `${this.constructor.name}: ${conn.pendingBytes} bytes queued for a peer that does not read`,
      );
      return;
    }
    conn.write(s, record);
  }

  /**
   * The record as Python's `makePickle`: a pickle of the record's attributes
   * with `msg` = `getMessage()`, `args` and `exc_info` None, `message`
   * removed (and `exc_text` filled in when there is exception info),
   * preceded by its length as 4 big-endian bytes.
   */
  makePickle(record: LogRecord): Buffer {
    if (record.exc_info) this.format(record); // fills record.exc_text
    const d: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      // Assigning "__proto__" would set the prototype and drop the field; define it.
      if (key === "__proto__")
        Object.defineProperty(d, key, { value: record[key], writable: true, enumerable: true, configurable: true });
      else d[key] = record[key];
    }
    d.msg = record.getMessage();
    d.args = null;
    d.exc_info = null;
    delete d.message;
    const body = pickleDict(d, FLOAT_RECORD_FIELDS);
    return Buffer.concat([lengthPrefix(body.length), body]);
  }

  /** With `closeOnError`, closes the socket (reconnecting next time); else reports as `Handler.handleError`. */
  override handleError(record: LogRecord | null, error?: unknown): void {
    if (this.closeOnError && this.#conn) this.#dropConn(false);
    else super.handleError(record, error);
  }

  override emit(record: LogRecord): void {
    this.counters._emitted();
    let data: Buffer;
    try {
      data = this.makePickle(record);
    } catch (err) {
      this.counters._failed();
      this.handleError(record, err);
      return;
    }
    try {
      this.send(data, record);
    } catch (err) {
      this.handleError(record, err);
    }
  }

  /**
   * Resolves when every record so far is in the kernel (or lost), or after
   * `flushTimeout` seconds (a `TimeoutError` then goes to `handleError`);
   * never rejects.
   */
  override flush(): Promise<void> {
    const conns = [...this.#closing];
    if (this.#conn) conns.push(this.#conn);
    if (conns.every((c) => c.pendingMessages === 0)) return Promise.resolve();
    return settleWithin(Promise.all(conns.map((c) => c.drained())), this.flushTimeout * 1000, () =>
      this.reportError(null, flushTimeoutError(this.constructor.name, this.flushTimeout, this._pendingRecords())),
    );
  }

  /** Ends the connection once queued records are written; resolves then (as `flush`). */
  override close(): Promise<void> {
    let done: Promise<void>;
    try {
      const conn = this.#conn;
      this.#dropConn(true);
      done = conn ? this.flushOne(conn) : Promise.resolve();
    } finally {
      super.close();
    }
    return done;
  }

  /** @internal `flush` for one connection being closed. */
  protected flushOne(conn: StreamConn<LogRecord | null>): Promise<void> {
    if (conn.pendingMessages === 0) return Promise.resolve();
    return settleWithin(conn.drained(), this.flushTimeout * 1000, () =>
      this.reportError(null, flushTimeoutError(this.constructor.name, this.flushTimeout, conn.pendingMessages)),
    );
  }

  #dropConn(graceful: boolean): void {
    const conn = this.#conn;
    if (!conn) return;
    this.#conn = null;
    if (graceful) {
      this.#closing.push(conn);
      conn.end();
    } else {
      conn.destroy();
    }
  }
}

function isOSError(err: unknown): boolean {
  return err instanceof Error && (err.name === "OSError" || typeof (err as NodeJS.ErrnoException).code === "string");
}

/**
 * `new DatagramHandler(host, port)`: the same pickles as SocketHandler, one
 * UDP datagram each (IPv4 unless `host` is an IPv6 address, as Python's
 * AF_INET), sent with a synchronous `send` once the socket is up. A failed
 * send goes to `handleError`. Unix datagram sockets (`port = null`) do not
 * exist in Node: records then go to `handleError`.
 */
export class DatagramHandler extends SocketHandler {
  #dconn: DgramConn<LogRecord | null> | null = null;

  /** Python's parameters: `DatagramHandler(host, port)`. */
  static override readonly signature = signature("DatagramHandler", ["host", "port"], 2);

  constructor(host: string, port: number | null);
  constructor(options: { host: string; port: number | null });
  constructor(...args: unknown[]) {
    const a = bindArgs(DatagramHandler.signature, args);
    super(a.host as string, a.port as number | null);
    this.closeOnError = false;
  }

  override _pendingRecords(): number {
    return this.#dconn?.pendingMessages ?? 0;
  }

  override get sock(): net.Socket | dgram.Socket | null {
    return this.#dconn?.socket ?? null;
  }

  override set sock(value: unknown) {
    if ((value === null || value === undefined) && this.#dconn) {
      this.#dconn.close();
      this.#dconn = null;
    }
  }

  /** A UDP socket for `host`/`port` (its host resolved once). */
  override makeSocket(): DgramConn<LogRecord | null> {
    if (this.port === null) {
      throw pyError("OSError", "[Errno 97] unix datagram sockets are not supported by Node.js");
    }
    return new DgramConn<LogRecord | null>(this.host, this.port, isIPv6(this.host) ? 6 : 4, this.exitTimeout * 1000, {
      onDelivered: (n) => this.counters._delivered(n),
      onFailed: (err, n, first) => {
        this.counters._failed(n);
        this.handleError(first, err);
      },
      onExitDropped: (n) => this.counters._dropped(n),
    });
  }

  override createSocket(): void {
    this.#dconn = this.makeSocket();
  }

  /** Sends one datagram; a failure goes to `handleError`. */
  override send(s: Uint8Array, record: LogRecord | null = null): void {
    if (this.#dconn === null) {
      try {
        this.createSocket();
      } catch (err) {
        this.counters._failed();
        throw err;
      }
    }
    this.#dconn!.send(s, record);
  }

  override handleError(record: LogRecord | null, error?: unknown): void {
    if (this.closeOnError && this.#dconn) this.sock = null;
    else Handler.prototype.handleError.call(this, record, error);
  }

  /** Resolves when every datagram so far is sent (or failed), or after `flushTimeout` seconds. */
  override flush(): Promise<void> {
    const d = this.#dconn;
    if (!d || d.pendingMessages === 0) return Promise.resolve();
    return settleWithin(d.drained(), this.flushTimeout * 1000, () =>
      this.reportError(null, flushTimeoutError(this.constructor.name, this.flushTimeout, d.pendingMessages)),
    );
  }

  /** Closes the socket once pending datagrams are sent; resolves then. */
  override close(): Promise<void> {
    let done: Promise<void>;
    try {
      done = this.flush();
      this.sock = null;
    } finally {
      Handler.prototype.close.call(this);
    }
    return done;
  }
}

/** An IPv6 literal (`net.isIPv6` without loading `node:net`). */
function isIPv6(host: string): boolean {
  return host.includes(":");
}

// Whole records are pickled and sent: every field is read.
markBuiltinHandler(SocketHandler, READS_ALL);
markBuiltinHandler(DatagramHandler, READS_ALL);
