/**
 * SocketHandler and DatagramHandler: records pickled (Python's `makePickle`)
 * with a 4-byte big-endian length prefix, sent over TCP (or a unix stream
 * socket) and UDP, so that a Python receiver can `pickle.loads` each one and
 * rebuild it with `logging.makeLogRecord`.
 *
 * Node sockets are asynchronous: a record logged while the connection is
 * being made is queued and written once it is up; `flush()` returns a
 * Promise that resolves when everything queued has been handed to the
 * operating system. Sockets are `unref()`ed, so a handler never keeps the
 * process alive by itself (data already queued still goes out).
 */
import type * as dgram from "node:dgram";
import type * as net from "node:net";
import { nodeDgram, nodeDns, nodeNet } from "../io/builtins.js";
import { pyError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs } from "../py/kwargs.js";
import type { LogRecord } from "../core/record.js";
import { pickleDict } from "../io/pickle.js";

/** Python's `logging.handlers` port constants. */
export const DEFAULT_TCP_LOGGING_PORT = 9020;
export const DEFAULT_UDP_LOGGING_PORT = 9021;
export const DEFAULT_HTTP_LOGGING_PORT = 9022;
export const DEFAULT_SOAP_LOGGING_PORT = 9023;

/** Record attributes that are floats in Python (pickled as floats even when integral). */
export const FLOAT_RECORD_FIELDS: ReadonlySet<string> = new Set(["created", "msecs", "relativeCreated"]);

/** Node's errors carry `code`; Python code checks the class name. */
function asOSError(err: unknown): Error {
  if (err instanceof Error) {
    if (err.name === "Error" && typeof (err as NodeJS.ErrnoException).code === "string") err.name = "OSError";
    return err;
  }
  return pyError("OSError", String(err));
}

/**
 * @internal A stream connection (TCP or unix socket) that counts the writes
 * not yet handed to the OS, so `drained()` can tell when they are.
 */
export class StreamConn {
  readonly socket: net.Socket;
  /** True once connected; false while connecting or after a failed connect. */
  connected = false;
  /** True once closed (by either end or after an error). */
  closed = false;
  /** The first record written before the connection was up (reported if the connect fails). */
  firstPendingRecord: LogRecord | null = null;
  #pending = 0;
  #waiters: Array<() => void> = [];

  constructor(
    target: { host: string; port: number } | { path: string },
    connectTimeoutMs: number,
    hooks: {
      onConnectError?: (err: Error, conn: StreamConn) => void;
      onError?: (err: Error, conn: StreamConn) => void;
      onClose?: (conn: StreamConn) => void;
    },
  ) {
    const s = nodeNet().createConnection(target as net.NetConnectOpts);
    this.socket = s;
    s.unref();
    if (connectTimeoutMs > 0) {
      s.setTimeout(connectTimeoutMs, () => {
        if (s.connecting) s.destroy(pyError("OSError", "timed out"));
      });
    }
    s.on("connect", () => {
      this.connected = true;
      this.firstPendingRecord = null;
      s.setTimeout(0);
    });
    s.on("error", (err) => {
      const e = asOSError(err);
      if (!this.connected) hooks.onConnectError?.(e, this);
      else hooks.onError?.(e, this);
    });
    s.on("close", () => {
      this.closed = true;
      this.#pending = 0;
      this.#wake();
      hooks.onClose?.(this);
    });
    // Anything the peer sends is ignored (and must not pile up).
    s.on("data", () => {});
  }

  /** Bytes queued in memory, not yet handed to the OS. */
  get buffered(): number {
    return this.socket.writableLength;
  }

  /** Queues `data`; it is written once connected. */
  write(data: Uint8Array, record: LogRecord | null): void {
    if (!this.connected && this.firstPendingRecord === null) this.firstPendingRecord = record;
    this.#pending++;
    this.socket.write(data, () => {
      if (this.#pending > 0) this.#pending--;
      if (this.#pending === 0) this.#wake();
    });
  }

  /** Resolves when every write so far has been handed to the OS (or failed). */
  drained(): Promise<void> {
    if (this.#pending === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Ends the connection once queued data is written. */
  end(): void {
    if (!this.closed) this.socket.end();
  }

  /** Closes the connection now, dropping queued data. */
  destroy(): void {
    this.socket.destroy();
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const fn of w) fn();
  }
}

/**
 * @internal A UDP socket whose target host is resolved once (records logged
 * meanwhile wait), counting the sends not yet done for `drained()`.
 */
export class DgramConn {
  socket: dgram.Socket | null = null;
  closed = false;
  #address: string | null = null;
  #queue: Array<[Uint8Array, (err: Error | null) => void]> = [];
  #pending = 0;
  #waiters: Array<() => void> = [];
  #lookupError: Error | null = null;

  /** `family`: 4 or 6 to force one (Python's AF_INET), 0 to take what the resolver gives first. */
  constructor(
    readonly host: string,
    readonly port: number,
    family: 0 | 4 | 6,
  ) {
    const ipVersion = nodeNet().isIP(host);
    if (ipVersion !== 0) {
      this.#open(host, ipVersion as 4 | 6);
    } else {
      nodeDns().lookup(host, { family }, (err, address, fam) => {
        if (this.closed) return;
        if (err) {
          this.#lookupError = asOSError(err);
          this.#failQueue(this.#lookupError);
        } else {
          this.#open(address, fam === 6 ? 6 : 4);
        }
      });
    }
  }

  #open(address: string, family: 4 | 6): void {
    const s = nodeDgram().createSocket(family === 6 ? "udp6" : "udp4");
    s.on("error", () => {}); // send errors arrive through the send callbacks
    s.unref();
    this.socket = s;
    this.#address = address;
    const q = this.#queue;
    this.#queue = [];
    for (const [data, cb] of q) this.#sendNow(data, cb);
  }

  #failQueue(err: Error): void {
    const q = this.#queue;
    this.#queue = [];
    for (const [, cb] of q) cb(err);
  }

  /** Sends one datagram; `cb(err)` is called when it was handed to the OS or failed. */
  send(data: Uint8Array, cb: (err: Error | null) => void): void {
    this.#pending++;
    const done = (err: Error | null): void => {
      if (this.#pending > 0) this.#pending--;
      if (this.#pending === 0) this.#wake();
      cb(err);
    };
    if (this.closed) done(pyError("OSError", "[Errno 9] Bad file descriptor"));
    else if (this.#lookupError) done(this.#lookupError);
    else if (this.socket === null) this.#queue.push([data, done]);
    else this.#sendNow(data, done);
  }

  #sendNow(data: Uint8Array, done: (err: Error | null) => void): void {
    try {
      this.socket!.send(data, this.port, this.#address!, (err) => done(err ? asOSError(err) : null));
    } catch (err) {
      done(asOSError(err));
    }
  }

  /** Resolves when every send so far is done. */
  drained(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Closes the socket once pending sends are done. */
  close(): void {
    if (this.closed) return;
    const finish = (): void => {
      this.closed = true;
      this.#failQueue(pyError("OSError", "[Errno 9] Bad file descriptor"));
      try {
        this.socket?.close();
      } catch {
        /* already closed */
      }
    };
    if (this.#pending === 0) finish();
    else void this.drained().then(finish);
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const fn of w) fn();
  }
}

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
 * silently dropped and remade at the next record, as in Python.
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
   * Most bytes kept in memory for a peer that does not read. Beyond it the
   * connection is dropped as Python's 1-second send timeout drops it, and
   * remade at the next record.
   */
  maxBufferedBytes = 16 * 1024 * 1024;
  #conn: StreamConn | null = null;
  #closing: StreamConn[] = [];

  constructor(host: string, port: number | null);
  constructor(options: { host: string; port: number | null });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs(new.target.name, ["host", "port"], args);
    this.host = a.host as string;
    this.port = (a.port as number | null | undefined) ?? null;
    this.address = this.port === null ? this.host : [this.host, this.port];
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
  makeSocket(timeout = 1): StreamConn | DgramConn {
    const target = this.port === null ? { path: this.host } : { host: this.host, port: this.port };
    return new StreamConn(target, timeout * 1000, {
      onConnectError: (_err, conn) => {
        if (this.#conn === conn) {
          this.#conn = null;
          this.#backoff(Date.now() / 1000);
        }
      },
      // Python's `send` closes the socket on OSError and reconnects next time.
      onError: (_err, conn) => {
        if (this.#conn === conn) this.#conn = null;
      },
      onClose: (conn) => {
        if (this.#conn === conn) this.#conn = null;
        this.#closing = this.#closing.filter((c) => c !== conn);
      },
    });
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

  /** Sends bytes, connecting first if needed (dropped while the backoff waits). */
  send(s: Uint8Array, record: LogRecord | null = null): void {
    if (this.#conn === null) this.createSocket();
    const conn = this.#conn;
    if (!conn) return;
    if (conn.buffered + s.length > this.maxBufferedBytes) {
      // Python's sendall would have timed out: close, reconnect next time.
      this.#dropConn(false);
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
    for (const key of Object.keys(record)) d[key] = record[key];
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
    try {
      this.send(this.makePickle(record), record);
    } catch (err) {
      this.handleError(record, err);
    }
  }

  /** Resolves when every record so far has been handed to the OS (or dropped). */
  override flush(): Promise<void> {
    const conns = [...this.#closing];
    if (this.#conn) conns.push(this.#conn);
    return Promise.all(conns.map((c) => c.drained())).then(() => undefined);
  }

  /** Ends the connection once queued records are written. */
  override close(): void {
    try {
      this.#dropConn(true);
    } finally {
      super.close();
    }
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
 * AF_INET). A failed send goes to `handleError`. Unix datagram sockets
 * (`port = null`) do not exist in Node: records then go to `handleError`.
 */
export class DatagramHandler extends SocketHandler {
  #dconn: DgramConn | null = null;

  constructor(host: string, port: number | null);
  constructor(options: { host: string; port: number | null });
  constructor(...args: unknown[]) {
    super(...(args as [string, number]));
    this.closeOnError = false;
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
  override makeSocket(): DgramConn {
    if (this.port === null) {
      throw pyError("OSError", "[Errno 97] unix datagram sockets are not supported by Node.js");
    }
    return new DgramConn(this.host, this.port, nodeNet().isIPv6(this.host) ? 6 : 4);
  }

  override createSocket(): void {
    this.#dconn = this.makeSocket();
  }

  /** Sends one datagram; a failure goes to `handleError`. */
  override send(s: Uint8Array, record: LogRecord | null = null): void {
    if (this.#dconn === null) this.createSocket();
    this.#dconn!.send(s, (err) => {
      if (err) this.handleError(record, err);
    });
  }

  override handleError(record: LogRecord | null, error?: unknown): void {
    if (this.closeOnError && this.#dconn) this.sock = null;
    else Handler.prototype.handleError.call(this, record, error);
  }

  override flush(): Promise<void> {
    return this.#dconn ? this.#dconn.drained() : Promise.resolve();
  }

  /** Closes the socket once pending datagrams are sent. */
  override close(): void {
    try {
      this.sock = null;
    } finally {
      Handler.prototype.close.call(this);
    }
  }
}

markBuiltinHandler(SocketHandler);
markBuiltinHandler(DatagramHandler);
