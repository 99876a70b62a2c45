/**
 * SysLogHandler: sends `<PRI>` + ident + formatted record (+ NUL) as UTF-8
 * to a syslog daemon over UDP (default), TCP, or a unix domain socket, the
 * same bytes CPython's `SysLogHandler` sends.
 *
 * Differences forced by Node:
 * - Connections are asynchronous: a record logged while a TCP/unix
 *   connection is being made is queued and written once it is up (once up,
 *   each record is one synchronous `write`/`send`, as in Python). A failed
 *   connect or a broken connection goes to `handleError` (with the first
 *   record that was waiting for it) and the next record reconnects (CPython
 *   keeps a broken TCP socket and fails every later record).
 * - A stream peer that does not read: records queue in memory up to
 *   `maxQueuedBytes`; beyond it they are dropped, counted and reported once.
 * - Node has no unix datagram sockets: a unix socket path is opened as a
 *   stream socket (Python tries SOCK_DGRAM, then SOCK_STREAM). Each record
 *   is written as is, with no framing, exactly as Python writes to a stream
 *   socket; the NUL that `append_nul` adds ends each message. A path that
 *   is a datagram socket (`/dev/log` of rsyslog and journald) is reported
 *   with a message naming the alternatives.
 * - A host name is resolved once, when the socket is made.
 */
import type * as dgram from "node:dgram";
import type * as net from "node:net";
import { pyError, valueError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { pyRepr } from "../py/repr.js";
import type { LogRecord } from "../core/record.js";
import { DgramConn, StreamConn } from "../io/sockets.js";
import { DeliveryCounters, DropReporter, flushTimeoutError, settleWithin } from "./counters.js";

/** Python's `socket.SOCK_STREAM` (TCP) and `socket.SOCK_DGRAM` (UDP), Linux values. */
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;

export const SYSLOG_UDP_PORT = 514;
export const SYSLOG_TCP_PORT = 514;

// Priorities (ordered).
export const LOG_EMERG = 0;
export const LOG_ALERT = 1;
export const LOG_CRIT = 2;
export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_NOTICE = 5;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

// Facilities.
export const LOG_KERN = 0;
export const LOG_USER = 1;
export const LOG_MAIL = 2;
export const LOG_DAEMON = 3;
export const LOG_AUTH = 4;
export const LOG_SYSLOG = 5;
export const LOG_LPR = 6;
export const LOG_NEWS = 7;
export const LOG_UUCP = 8;
export const LOG_CRON = 9;
export const LOG_AUTHPRIV = 10;
export const LOG_FTP = 11;
export const LOG_NTP = 12;
export const LOG_SECURITY = 13;
export const LOG_CONSOLE = 14;
export const LOG_SOLCRON = 15;
export const LOG_LOCAL0 = 16;
export const LOG_LOCAL1 = 17;
export const LOG_LOCAL2 = 18;
export const LOG_LOCAL3 = 19;
export const LOG_LOCAL4 = 20;
export const LOG_LOCAL5 = 21;
export const LOG_LOCAL6 = 22;
export const LOG_LOCAL7 = 23;

/** Priority names (`encodePriority` accepts them). */
export const priority_names: Readonly<Record<string, number>> = Object.freeze({
  alert: LOG_ALERT,
  crit: LOG_CRIT,
  critical: LOG_CRIT,
  debug: LOG_DEBUG,
  emerg: LOG_EMERG,
  err: LOG_ERR,
  error: LOG_ERR,
  info: LOG_INFO,
  notice: LOG_NOTICE,
  panic: LOG_EMERG,
  warn: LOG_WARNING,
  warning: LOG_WARNING,
});

/** Facility names (`encodePriority` accepts them). */
export const facility_names: Readonly<Record<string, number>> = Object.freeze({
  auth: LOG_AUTH,
  authpriv: LOG_AUTHPRIV,
  console: LOG_CONSOLE,
  cron: LOG_CRON,
  daemon: LOG_DAEMON,
  ftp: LOG_FTP,
  kern: LOG_KERN,
  lpr: LOG_LPR,
  mail: LOG_MAIL,
  news: LOG_NEWS,
  ntp: LOG_NTP,
  security: LOG_SECURITY,
  "solaris-cron": LOG_SOLCRON,
  syslog: LOG_SYSLOG,
  user: LOG_USER,
  uucp: LOG_UUCP,
  local0: LOG_LOCAL0,
  local1: LOG_LOCAL1,
  local2: LOG_LOCAL2,
  local3: LOG_LOCAL3,
  local4: LOG_LOCAL4,
  local5: LOG_LOCAL5,
  local6: LOG_LOCAL6,
  local7: LOG_LOCAL7,
});

/** Level names to priority names (other levels map to `"warning"`). */
export const priority_map: Readonly<Record<string, string>> = Object.freeze({
  DEBUG: "debug",
  INFO: "info",
  WARNING: "warning",
  ERROR: "error",
  CRITICAL: "critical",
});

/** `SOCK_STREAM`/`SOCK_DGRAM`, or `"tcp"`/`"stream"` and `"udp"`/`"dgram"`; null: the default. */
export type SockType = number | "tcp" | "udp" | "stream" | "dgram" | null;

function normalizeSocktype(t: unknown): number | null {
  if (t === null || t === undefined) return null;
  if (t === SOCK_STREAM || t === "tcp" || t === "stream" || t === "TCP") return SOCK_STREAM;
  if (t === SOCK_DGRAM || t === "udp" || t === "dgram" || t === "UDP") return SOCK_DGRAM;
  throw valueError(`socktype must be SOCK_STREAM, SOCK_DGRAM, "tcp" or "udp", not ${pyRepr(t)}`);
}

function lookupName(map: Readonly<Record<string, number>>, name: string): number {
  if (Object.hasOwn(map, name)) return map[name];
  const e = new Error(pyRepr(name));
  e.name = "KeyError";
  throw e;
}

/**
 * `new SysLogHandler(address = ["localhost", 514], facility = LOG_USER, socktype = null)`.
 * `address` is `[host, port]` or a unix socket path (e.g. `"/dev/log"`);
 * `socktype` is `SOCK_DGRAM`/`"udp"` (the default for `[host, port]`) or
 * `SOCK_STREAM`/`"tcp"`.
 */
export class SysLogHandler extends Handler {
  static readonly LOG_EMERG = LOG_EMERG;
  static readonly LOG_ALERT = LOG_ALERT;
  static readonly LOG_CRIT = LOG_CRIT;
  static readonly LOG_ERR = LOG_ERR;
  static readonly LOG_WARNING = LOG_WARNING;
  static readonly LOG_NOTICE = LOG_NOTICE;
  static readonly LOG_INFO = LOG_INFO;
  static readonly LOG_DEBUG = LOG_DEBUG;
  static readonly LOG_KERN = LOG_KERN;
  static readonly LOG_USER = LOG_USER;
  static readonly LOG_MAIL = LOG_MAIL;
  static readonly LOG_DAEMON = LOG_DAEMON;
  static readonly LOG_AUTH = LOG_AUTH;
  static readonly LOG_SYSLOG = LOG_SYSLOG;
  static readonly LOG_LPR = LOG_LPR;
  static readonly LOG_NEWS = LOG_NEWS;
  static readonly LOG_UUCP = LOG_UUCP;
  static readonly LOG_CRON = LOG_CRON;
  static readonly LOG_AUTHPRIV = LOG_AUTHPRIV;
  static readonly LOG_FTP = LOG_FTP;
  static readonly LOG_NTP = LOG_NTP;
  static readonly LOG_SECURITY = LOG_SECURITY;
  static readonly LOG_CONSOLE = LOG_CONSOLE;
  static readonly LOG_SOLCRON = LOG_SOLCRON;
  static readonly LOG_LOCAL0 = LOG_LOCAL0;
  static readonly LOG_LOCAL1 = LOG_LOCAL1;
  static readonly LOG_LOCAL2 = LOG_LOCAL2;
  static readonly LOG_LOCAL3 = LOG_LOCAL3;
  static readonly LOG_LOCAL4 = LOG_LOCAL4;
  static readonly LOG_LOCAL5 = LOG_LOCAL5;
  static readonly LOG_LOCAL6 = LOG_LOCAL6;
  static readonly LOG_LOCAL7 = LOG_LOCAL7;
  static readonly priority_names = priority_names;
  static readonly facility_names = facility_names;
  static readonly priority_map = priority_map;

  /** Instance views of the class tables (Python code reads `self.facility_names`). */
  priority_names: Readonly<Record<string, number>> = priority_names;
  facility_names: Readonly<Record<string, number>> = facility_names;
  priority_map: Readonly<Record<string, string>> = priority_map;

  /** Prepended to every message. */
  ident = "";
  /** Appends `\0` to every message (some old syslog daemons expect it). */
  append_nul = true;

  address: [string, number] | string;
  facility: number | string;
  /** `SOCK_DGRAM` or `SOCK_STREAM` once known; null until a unix socket connected. */
  socktype: number | null;
  /** True when `address` is a unix socket path. */
  unixsocket = false;
  /**
   * Most bytes kept in memory for a stream (TCP/unix) peer that does not
   * read fast enough; beyond it records are dropped, counted in
   * `counters.dropped`, and reported once through `handleError` (again
   * after the queue has emptied).
   */
  maxQueuedBytes = 4 * 1024 * 1024;
  /** Seconds `flush()` waits before it reports a `TimeoutError` and resolves (0: no limit). */
  flushTimeout = 10;
  /** Seconds the exit hook may spend writing out what is queued. */
  exitTimeout = 2;
  /** Counts of this handler's records (see `DeliveryCounters`). */
  readonly counters: DeliveryCounters = new DeliveryCounters(() => this.#pendingRecords());
  #drops: DropReporter = new DropReporter(this.counters, (r, e) => this.handleError(r, e));
  #stream: StreamConn<LogRecord | null> | null = null;
  #dgram: DgramConn<LogRecord | null> | null = null;
  #closing: Array<StreamConn<LogRecord | null>> = [];
  #closingDgram: Array<DgramConn<LogRecord | null>> = [];

  /** Python's parameters: `SysLogHandler(address=("localhost", 514), facility=LOG_USER, socktype=None)`. */
  static override readonly signature = signature("SysLogHandler", ["address", "facility", "socktype"]);

  constructor(address?: [string, number] | string, facility?: number | string, socktype?: SockType);
  constructor(options: { address?: [string, number] | string; facility?: number | string; socktype?: SockType });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs(SysLogHandler.signature, args);
    const address = (a.address as [string, number] | string | null | undefined) ?? ["localhost", SYSLOG_UDP_PORT];
    if (typeof address !== "string" && !(Array.isArray(address) && address.length === 2)) {
      throw valueError(`address must be [host, port] or a unix socket path, not ${pyRepr(address)}`);
    }
    this.address = typeof address === "string" ? address : [String(address[0]), Number(address[1])];
    this.facility = (a.facility as number | string | undefined) ?? LOG_USER;
    this.socktype = normalizeSocktype(a.socktype);
    this.createSocket();
  }

  /** The Node socket (UDP, or a connected/connecting stream), or null. */
  get socket(): net.Socket | dgram.Socket | null {
    return this.#stream?.socket ?? this.#dgram?.socket ?? null;
  }

  /**
   * Makes the socket: a stream connection (unix path or TCP), or a UDP
   * socket. Connecting is asynchronous; records wait for it.
   */
  createSocket(): void {
    const address = this.address;
    if (typeof address === "string") {
      this.unixsocket = true;
      this.#stream = this.#connect({ path: address }, true);
    } else {
      this.unixsocket = false;
      const [host, port] = address;
      if (this.socktype === null) this.socktype = SOCK_DGRAM;
      if (this.socktype === SOCK_STREAM) this.#stream = this.#connect({ host, port }, false);
      else this.#dgram = this.#openDgram(host, port);
    }
  }

  #openDgram(host: string, port: number): DgramConn<LogRecord | null> {
    return new DgramConn<LogRecord | null>(host, port, 0, this.exitTimeout * 1000, {
      onDelivered: (n) => this.counters._delivered(n),
      onFailed: (err, n, first) => {
        this.counters._failed(n);
        this.handleError(first, err);
      },
      onExitDropped: (n) => this.counters._dropped(n),
    });
  }

  #connect(target: { path: string } | { host: string; port: number }, unix: boolean): StreamConn<LogRecord | null> {
    const conn: StreamConn<LogRecord | null> = new StreamConn<LogRecord | null>(target, 0, this.exitTimeout * 1000, {
      onDelivered: (n) => {
        this.counters._delivered(n);
        if (conn.pendingMessages === 0) this.#drops.reset();
      },
      onConnectError: (err, lost, first) => {
        this.#forget(conn);
        this.counters._failed(lost);
        // Python ignores a failed connect while constructing; a record waiting for it is reported.
        if (lost > 0) this.handleError(first, unix ? explainUnixError(err, String(this.address)) : err);
      },
      onError: (err, lost, first) => {
        this.#forget(conn);
        this.counters._failed(lost);
        this.handleError(first, err);
      },
      onClose: () => {
        this.#forget(conn);
        this.#closing = this.#closing.filter((x) => x !== conn);
      },
      onExitDropped: (n) => this.counters._dropped(n),
    });
    if (unix)
      conn.socket.once("connect", () => {
        this.socktype = SOCK_STREAM;
      });
    return conn;
  }

  #pendingRecords(): number {
    let n = (this.#stream?.pendingMessages ?? 0) + (this.#dgram?.pendingMessages ?? 0);
    for (const c of this.#closing) n += c.pendingMessages;
    for (const d of this.#closingDgram) n += d.pendingMessages;
    return n;
  }

  #forget(conn: StreamConn<LogRecord | null>): void {
    if (this.#stream === conn) this.#stream = null;
  }

  /**
   * `(facility << 3) | priority`; names are looked up in `facility_names`
   * and `priority_names` (an unknown name throws `KeyError`).
   */
  encodePriority(facility: number | string, priority: number | string): number {
    if (typeof facility === "string") facility = lookupName(this.facility_names, facility);
    if (typeof priority === "string") priority = lookupName(this.priority_names, priority);
    return (facility << 3) | priority;
  }

  /** The priority name for a level name (`"warning"` for levels not in `priority_map`). */
  mapPriority(levelName: string): string {
    return Object.hasOwn(this.priority_map, levelName) ? this.priority_map[levelName] : "warning";
  }

  /** The bytes sent for `record`: `<PRI>` + ident + formatted text (+ NUL), UTF-8. */
  makeMessage(record: LogRecord): Buffer {
    let msg = this.format(record);
    if (this.ident) msg = this.ident + msg;
    if (this.append_nul) msg += "\0";
    const prio = `<${this.encodePriority(this.facility, this.mapPriority(record.levelname))}>`;
    return Buffer.from(prio + msg, "utf8");
  }

  /** Sends the formatted record (exception text included when the formatter adds it). */
  override emit(record: LogRecord): void {
    this.counters._emitted();
    try {
      const msg = this.makeMessage(record);
      if (!this.#stream && !this.#dgram) this.createSocket();
      const stream = this.#stream;
      if (stream) {
        if (stream.pendingBytes + msg.length > this.maxQueuedBytes) {
          this.#drops.drop(
            record,
            1,
            () => `SysLogHandler: ${stream.pendingBytes} bytes queued for a peer that does not read`,
          );
        } else {
          stream.write(msg, record);
        }
      } else if (this.#dgram) {
        this.#dgram.send(msg, record);
      } else {
        this.counters._failed();
      }
    } catch (err) {
      this.counters._failed();
      this.handleError(record, err);
    }
  }

  /**
   * Resolves when every record so far is in the kernel (or failed), or
   * after `flushTimeout` seconds (a `TimeoutError` then goes to
   * `handleError`); never rejects.
   */
  override flush(): Promise<void> {
    if (this.#pendingRecords() === 0) return Promise.resolve();
    const waits = this.#closing.map((c) => c.drained());
    if (this.#stream) waits.push(this.#stream.drained());
    for (const d of this.#closingDgram) waits.push(d.drained());
    if (this.#dgram) waits.push(this.#dgram.drained());
    return settleWithin(Promise.all(waits), this.flushTimeout * 1000, () =>
      this.handleError(null, flushTimeoutError("SysLogHandler", this.flushTimeout, this.#pendingRecords())),
    );
  }

  /** Closes the socket once queued records are written; resolves then (as `flush`). */
  override close(): Promise<void> {
    const done = this.flush();
    try {
      const stream = this.#stream;
      const dg = this.#dgram;
      this.#stream = null;
      this.#dgram = null;
      if (stream) {
        this.#closing.push(stream);
        stream.end();
      }
      if (dg) {
        this.#closingDgram.push(dg);
        dg.close();
        void dg.drained().then(() => {
          this.#closingDgram = this.#closingDgram.filter((x) => x !== dg);
        });
      }
    } finally {
      super.close();
    }
    return done;
  }
}

/**
 * A unix path that refuses a stream connection with EPROTOTYPE is a
 * datagram socket, which Node.js cannot send to: say so, and what to use.
 */
function explainUnixError(err: Error, path: string): Error {
  if ((err as NodeJS.ErrnoException).code !== "EPROTOTYPE") return err;
  const e = pyError(
    "OSError",
    `[Errno 91] Protocol wrong type for socket: ${pyRepr(path)} is a unix datagram socket, ` +
      "which Node.js cannot send to (node:dgram has no unix sockets); " +
      'use the daemon\'s UDP or TCP input instead, e.g. SysLogHandler(["127.0.0.1", 514]) ' +
      "with rsyslog's imudp, or a unix stream socket",
    err,
  );
  (e as NodeJS.ErrnoException).code = "EPROTOTYPE";
  return e;
}

markBuiltinHandler(SysLogHandler);
