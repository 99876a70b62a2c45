/**
 * Socket connections for the network handlers: bytes only, no logging
 * policy. A connection keeps its own queue of whole messages (one per
 * record), writes them with synchronous non-blocking `write(2)` calls on the
 * socket's descriptor once connected, and hands only the rest of a message
 * the kernel could not take to Node's asynchronous write. Because of that,
 * at any moment this module knows exactly which bytes are still in memory,
 * and the exit hook can write them out synchronously (or, when no connected
 * descriptor exists yet, through a short-lived synchronous child process).
 *
 * The owner counts records through the hooks: every message written with
 * `write`/`send` is reported exactly once as delivered (in the kernel),
 * dropped (by a bound or an exit deadline) or failed (an error).
 */
import * as fs from "node:fs";
import type * as dgramT from "node:dgram";
import type * as netT from "node:net";
import { pyError } from "../py/errors.js";
import { nodeChildProcess, nodeDgram, nodeDns, nodeNet } from "./builtins.js";
import { onExit } from "./lifecycle.js";
import * as lifecycle from "./lifecycle.js";

const net = nodeNet;
const dgram = nodeDgram;
const dns = nodeDns;

/** Node's errors carry `code`; Python code checks the class name. */
export function asOSError(err: unknown): Error {
  if (err instanceof Error) {
    if (err.name === "Error" && typeof (err as NodeJS.ErrnoException).code === "string") err.name = "OSError";
    return err;
  }
  return pyError("OSError", String(err));
}

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms` (only used at exit, where nothing else can run). */
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * Writes `data` to a non-blocking descriptor, retrying `EAGAIN` with short
 * sleeps until `deadline` (ms since the epoch). Returns the bytes written;
 * throws other errors.
 */
function writeAllSync(fd: number, data: Uint8Array, deadline: number): number {
  let off = 0;
  let wait = 1;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
      wait = 1;
    } catch (err) {
      if (errCode(err) !== "EAGAIN" && errCode(err) !== "EWOULDBLOCK") throw err;
      if (Date.now() >= deadline) break;
      sleepSync(wait);
      wait = Math.min(wait * 2, 20);
    }
  }
  return off;
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length);
}

/** The descriptor of a connected net.Socket (-1 where none is exposed, e.g. Windows). */
function streamFd(s: netT.Socket): number {
  const h = (s as unknown as { _handle?: { fd?: unknown } })._handle;
  return typeof h?.fd === "number" && h.fd >= 0 ? h.fd : -1;
}

/** Bytes libuv still holds for the stream's current write (not yet in the kernel). */
function streamWriteQueueSize(s: netT.Socket): number | null {
  const h = (s as unknown as { _handle?: { writeQueueSize?: unknown } })._handle;
  return typeof h?.writeQueueSize === "number" ? h.writeQueueSize : null;
}

/** The descriptor of a dgram socket (its handle is kept under a symbol; `_handle` is deprecated). */
function dgramFd(s: dgramT.Socket): number {
  for (const sym of Object.getOwnPropertySymbols(s)) {
    if (sym.description !== "state symbol") continue;
    const fd = (s as unknown as Record<symbol, { handle?: { fd?: unknown } }>)[sym]?.handle?.fd;
    return typeof fd === "number" && fd >= 0 ? fd : -1;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Exit: every connection holding messages is registered; one hook writes
// them out synchronously.

/** Something holding messages that must be written out at exit. */
export interface ExitDrainable {
  /** Writes out what is held, synchronously, giving up at `deadline` (ms since the epoch). */
  drainSync(deadline: number): void;
  /** How long (ms) this one may take at exit. */
  readonly exitTimeoutMs: number;
}

const holding = new Set<ExitDrainable>();
const earlyExitHooks: Array<() => void> = [];
let hooked = false;
/** True once the exit hook has written the connections out. */
let drainedAtExit = false;

function drainHolding(): void {
  for (const c of [...holding]) {
    try {
      c.drainSync(Date.now() + c.exitTimeoutMs);
    } catch {
      /* nothing more can be done at exit */
    }
  }
}

function ensureHook(): void {
  if (hooked) return;
  hooked = true;
  onExit(() => {
    // Queues first (they hand records to handlers), then the connections.
    for (const fn of earlyExitHooks) {
      try {
        fn();
      } catch {
        /* keep going */
      }
    }
    drainHolding();
    drainedAtExit = true;
  });
}

/**
 * @internal True when a message must be written out at once: the process
 * is exiting and the exit hook has already run (an `'exit'` listener that
 * runs after logxide's logged it). Before the hook runs, messages wait for
 * it and go out with the rest.
 */
export function exitWriteNow(): boolean {
  return lifecycle.exiting && drainedAtExit;
}

/** @internal Marks `c` as holding messages (or not) for the exit hook. */
export function setHolding(c: ExitDrainable, held: boolean): void {
  if (held) {
    ensureHook();
    holding.add(c);
  } else {
    holding.delete(c);
  }
}

/**
 * @internal Runs `fn` at exit before the connections are written out (a
 * queue listener handing its records to handlers). Registered once per caller.
 */
export function onExitBeforeSockets(fn: () => void): void {
  ensureHook();
  earlyExitHooks.push(fn);
}

/** True once the process is exiting. */
export function isExiting(): boolean {
  return lifecycle.exiting;
}

// ---------------------------------------------------------------------------
// The synchronous child: the last resort at exit when no connected
// descriptor exists (still connecting, a host name still resolving), and for
// HTTP, whose requests cannot be completed synchronously in-process.

/** What the child sends. */
export type ChildJob =
  | { kind: "stream"; target: { host: string; port: number } | { path: string }; payloads: Uint8Array[] }
  | { kind: "udp"; host: string; port: number; family: 0 | 4 | 6; payloads: Uint8Array[] }
  | {
      kind: "http";
      secure: boolean;
      options: Record<string, unknown>;
      concurrency: number;
      requests: Array<{ method: string; path: string; headers: Record<string, string>; body: string | null }>;
    };

const CHILD_SOURCE = `
const fs = require("node:fs");
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const results = [];
let finished = false;
const done = () => { if (finished) return; finished = true; fs.writeSync(1, JSON.stringify(results)); process.exit(0); };
setTimeout(done, job.timeoutMs).unref();
const bufs = (job.payloads || []).map((b) => Buffer.from(b, "base64"));
if (job.kind === "stream") {
  const s = require("node:net").connect(job.target);
  s.on("error", done);
  s.on("close", done);
  s.on("connect", () => {
    for (const b of bufs) s.write(b, (err) => { if (!err) results.push(1); });
    s.end();
  });
  s.on("data", () => {});
} else if (job.kind === "udp") {
  const lookup = require("node:dns").lookup;
  lookup(job.host, { family: job.family }, (err, address, fam) => {
    if (err) return done();
    const d = require("node:dgram").createSocket(fam === 6 ? "udp6" : "udp4");
    d.on("error", done);
    d.connect(job.port, address, () => {
      let i = 0;
      const next = () => {
        if (i >= bufs.length) return done();
        d.send(bufs[i++], (err) => { if (!err) results.push(1); next(); });
      };
      next();
    });
  });
} else if (job.kind === "http") {
  const mod = require(job.secure ? "node:https" : "node:http");
  const agent = new mod.Agent({ keepAlive: true, maxSockets: job.concurrency });
  for (const k of ["ca", "cert", "key", "pfx"]) {
    const v = job.options[k];
    if (v && typeof v === "object" && v.base64) job.options[k] = Buffer.from(v.base64, "base64");
  }
  let next = 0, active = 0;
  const start = () => {
    while (active < job.concurrency && next < job.requests.length) {
      const i = next++;
      const r = job.requests[i];
      active++;
      results[i] = 0;
      const req = mod.request({ ...job.options, agent, method: r.method, path: r.path, headers: r.headers });
      req.removeHeader("Connection");
      const end = (status) => { if (results[i] === 0) results[i] = status; active--; if (next >= job.requests.length && active === 0) done(); else start(); };
      let ended = false;
      const once = (status) => { if (!ended) { ended = true; end(status); } };
      req.on("response", (res) => { res.resume(); once(res.statusCode || 1); });
      req.on("error", () => once(0));
      req.on("close", () => once(0));
      req.end(r.body === null ? undefined : r.body);
    }
  };
  if (job.requests.length === 0) done(); else start();
}
`;

/**
 * Runs `job` in a synchronous child `node` process, bounded by `timeoutMs`.
 * Returns, for stream/udp, how many payloads (from the first) were handed
 * to the child's kernel; for http, each request's status (0: no answer).
 */
export function runChildJob(job: ChildJob, timeoutMs: number): number[] {
  const payloads = "payloads" in job ? job.payloads.map((p) => Buffer.from(p).toString("base64")) : undefined;
  const input = JSON.stringify({ ...job, payloads, timeoutMs: Math.max(50, timeoutMs - 150) });
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  try {
    const { spawnSync } = nodeChildProcess();
    const r = spawnSync(process.execPath, ["-e", CHILD_SOURCE], {
      input,
      env,
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      stdio: ["pipe", "pipe", "ignore"],
      windowsHide: true,
    });
    const out = r.stdout?.toString("utf8") ?? "";
    const parsed: unknown = out ? JSON.parse(out) : [];
    return Array.isArray(parsed) ? parsed.map((x) => Number(x) || 0) : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------
// Stream connections (TCP, unix stream sockets).

/** What a stream connection reports to its owner. */
export interface StreamHooks<T> {
  /** `n` messages reached the kernel. */
  onDelivered(n: number): void;
  /** The connection could not be made; `lost` queued messages (the first is `first`) will not go out. */
  onConnectError?(err: Error, lost: number, first: T | null): void;
  /** The connection broke after it was made; `lost` messages will not go out. */
  onError?(err: Error, lost: number, first: T | null): void;
  /** The socket is closed (after an error, an end, or a destroy). */
  onClose?(): void;
  /** At exit, `n` messages could not be written before the deadline. */
  onExitDropped?(n: number): void;
}

/** Where a stream connection goes. */
export type StreamTarget = { host: string; port: number } | { path: string };

/** Largest buffer handed to Node's asynchronous write at once. */
const HANDOFF_BYTES = 64 * 1024;
/** Size of the chunks a backlog is copied into (messages as bytes, without an object each). */
const CHUNK_BYTES = 64 * 1024;

/** Queued bytes: `count` whole messages (the last may be the rest of a partly written one). */
interface Chunk<T> {
  buf: Buffer;
  len: number;
  count: number;
  /** The first message's tag, kept only while not connected. */
  tag: T | null;
  /** True when `buf` is ours, with room to append. */
  spare: boolean;
}

/**
 * @internal A TCP or unix stream connection with its own message queue.
 * Messages are written whole and in order; nothing is written before the
 * connection is up.
 */
export class StreamConn<T = unknown> implements ExitDrainable {
  readonly socket: netT.Socket;
  /** True once connected. */
  connected = false;
  /** True once closed (by either end, after an error, or destroyed). */
  closed = false;
  exitTimeoutMs: number;
  readonly #target: StreamTarget;
  readonly #hooks: StreamHooks<T>;
  /** A backlog of chunks: bytes only (a failed connect reports the first record, so tags are kept until connected). */
  #q: Array<Chunk<T>> = [];
  #head = 0;
  /** Bytes of the head chunk already written. */
  #offset = 0;
  #queuedBytes = 0;
  /** Messages in `#q`. */
  #queuedCount = 0;
  /** The buffer Node is writing now, and how many messages it completes. */
  #inflight: { buf: Buffer; count: number } | null = null;
  #fd = -1;
  #ending = false;
  /** True once a failure was reported (a connect error is reported once). */
  #reported = false;
  #waiters: Array<() => void> = [];

  constructor(target: StreamTarget, connectTimeoutMs: number, exitTimeoutMs: number, hooks: StreamHooks<T>) {
    this.#target = target;
    this.#hooks = hooks;
    this.exitTimeoutMs = exitTimeoutMs;
    const s = net().createConnection(target as netT.NetConnectOpts);
    this.socket = s;
    s.unref();
    if (connectTimeoutMs > 0) {
      s.setTimeout(connectTimeoutMs, () => {
        if (s.connecting) s.destroy(pyError("OSError", "timed out"));
      });
    }
    s.on("connect", () => {
      this.connected = true;
      s.setTimeout(0);
      this.#fd = streamFd(s);
      this.#pump();
    });
    s.on("error", (err) => this.#fail(asOSError(err)));
    s.on("close", () => {
      this.closed = true;
      // Whatever is still held now can no longer go out (a clean close after end() holds nothing).
      if (this.pendingMessages > 0 || (!this.connected && !this.#reported)) {
        this.#fail(pyError("OSError", "[Errno 32] Broken pipe"));
      }
      this.#hooks.onClose?.();
    });
    // Anything the peer sends is ignored (and must not pile up).
    s.on("data", () => {});
  }

  /** Messages held (queued, connecting or being written). */
  get pendingMessages(): number {
    return this.#queuedCount + (this.#inflight?.count ?? 0);
  }

  /** Bytes held in memory, not yet in the kernel. */
  get pendingBytes(): number {
    return this.#queuedBytes;
  }

  /** Queues one whole message; it is written once connected. */
  write(data: Uint8Array, tag: T): void {
    if (this.closed || this.#ending) {
      this.#hooks.onError?.(pyError("OSError", "[Errno 9] Bad file descriptor"), 1, tag);
      return;
    }
    if (this.connected && this.#fd >= 0 && this.#queuedCount === 0 && !this.#inflight) {
      // Nothing queued: straight to the kernel, as Python's sendall.
      let n = 0;
      try {
        n = fs.writeSync(this.#fd, data);
      } catch (err) {
        const code = errCode(err);
        if (code !== "EAGAIN" && code !== "EWOULDBLOCK") {
          this.#enqueue(data, null);
          this.socket.destroy(asOSError(err));
          return;
        }
      }
      if (n === data.length) {
        this.#hooks.onDelivered(1);
        return;
      }
      this.#enqueue(data.subarray(n), null);
      this.#handOff();
      return;
    }
    this.#enqueue(data, this.connected ? null : tag);
    if (exitWriteNow()) this.drainSync(Date.now() + this.exitTimeoutMs);
    else this.#pump();
  }

  /** Appends a message to the backlog, copied into the last chunk when it fits. */
  #enqueue(data: Uint8Array, tag: T | null): void {
    const last = this.#q.length > this.#head ? this.#q[this.#q.length - 1] : null;
    if (last?.spare && last.len + data.length <= last.buf.length) {
      last.buf.set(data, last.len);
      last.len += data.length;
      last.count++;
    } else if (data.length >= CHUNK_BYTES / 2) {
      this.#q.push({ buf: toBuffer(data), len: data.length, count: 1, tag, spare: false });
    } else {
      const buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
      buf.set(data, 0);
      this.#q.push({ buf, len: data.length, count: 1, tag, spare: true });
    }
    this.#queuedBytes += data.length;
    this.#queuedCount++;
    setHolding(this, true);
  }

  #pump(): void {
    if (!this.connected || this.closed || this.#inflight) return;
    let done = 0;
    while (this.#head < this.#q.length) {
      const m = this.#q[this.#head];
      if (this.#fd < 0) break;
      let n: number;
      try {
        n = fs.writeSync(this.#fd, m.buf, this.#offset, m.len - this.#offset);
      } catch (err) {
        const code = errCode(err);
        if (code === "EAGAIN" || code === "EWOULDBLOCK") break;
        if (done) this.#hooks.onDelivered(done);
        this.socket.destroy(asOSError(err));
        return;
      }
      this.#offset += n;
      this.#queuedBytes -= n;
      if (this.#offset < m.len) break;
      done += m.count;
      this.#shift();
    }
    if (done) this.#hooks.onDelivered(done);
    if (this.#head < this.#q.length) this.#handOff();
    else this.#idle();
  }

  /** Gives the rest of the head message (and a few more) to Node, which writes when the kernel takes it. */
  #handOff(): void {
    const parts: Buffer[] = [];
    let size = 0;
    let count = 0;
    while (this.#head < this.#q.length && (size < HANDOFF_BYTES || this.#fd < 0)) {
      const m = this.#q[this.#head];
      const part = m.buf.subarray(this.#offset, m.len);
      parts.push(part);
      size += part.length;
      count += m.count;
      this.#shift();
    }
    // Bytes being written by Node are not in the backlog any more, but still held until the callback.
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const inflight = { buf, count };
    this.#inflight = inflight;
    this.socket.write(buf, (err) => {
      if (err || this.#inflight !== inflight) return; // the error path counts it
      this.#inflight = null;
      this.#queuedBytes -= buf.length;
      this.#hooks.onDelivered(count);
      this.#pump();
    });
  }

  #shift(): void {
    this.#queuedCount -= this.#q[this.#head].count;
    this.#q[this.#head] = undefined as unknown as Chunk<T>;
    this.#head++;
    this.#offset = 0;
    if (this.#head === this.#q.length) {
      this.#q = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#q.length) {
      this.#q = this.#q.slice(this.#head);
      this.#head = 0;
    }
  }

  #idle(): void {
    if (this.#head < this.#q.length || this.#inflight) return;
    setHolding(this, false);
    const w = this.#waiters;
    this.#waiters = [];
    for (const fn of w) fn();
    if (this.#ending && !this.closed) this.socket.end();
  }

  /** Everything held is lost: reported once, queue emptied. */
  #fail(err: Error): void {
    const lost = this.pendingMessages;
    const first = this.#inflight ? null : (this.#q[this.#head]?.tag ?? null);
    this.#q = [];
    this.#head = 0;
    this.#offset = 0;
    this.#queuedBytes = 0;
    this.#queuedCount = 0;
    this.#inflight = null;
    setHolding(this, false);
    if (!this.connected && !this.#reported) this.#hooks.onConnectError?.(err, lost, first);
    else if (lost > 0) this.#hooks.onError?.(err, lost, first);
    this.#reported = true;
    const w = this.#waiters;
    this.#waiters = [];
    for (const fn of w) fn();
  }

  /** Resolves when every message so far is in the kernel, or lost. */
  drained(): Promise<void> {
    if (this.pendingMessages === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Ends the connection once every queued message is written. */
  end(): void {
    if (this.closed) return;
    this.#ending = true;
    if (this.pendingMessages === 0) this.socket.end();
  }

  /** Closes the connection now; what is held counts as lost. */
  destroy(): void {
    this.socket.destroy();
  }

  /**
   * Writes out what is held, synchronously: through the connected
   * descriptor when there is one, else through a child process making its
   * own connection. Used at exit.
   */
  drainSync(deadline: number): void {
    if (this.closed || this.pendingMessages === 0) return;
    if (this.connected && this.#fd >= 0) {
      let done = 0;
      try {
        const inflight = this.#inflight;
        if (inflight) {
          // Node's current write: the kernel has all but its last `writeQueueSize` bytes.
          const unsent = streamWriteQueueSize(this.socket);
          if (unsent === null) throw pyError("OSError", "write queue size unknown");
          const tail = inflight.buf.subarray(inflight.buf.length - unsent);
          if (writeAllSync(this.#fd, tail, deadline) < tail.length) throw new Error("timed out");
          this.#inflight = null;
          this.#queuedBytes -= inflight.buf.length;
          done += inflight.count;
        }
        while (this.#head < this.#q.length) {
          const m = this.#q[this.#head];
          const rest = m.buf.subarray(this.#offset, m.len);
          const n = writeAllSync(this.#fd, rest, deadline);
          this.#offset += n;
          this.#queuedBytes -= n;
          if (n < rest.length) throw new Error("timed out");
          done += m.count;
          this.#shift();
        }
      } catch {
        /* deadline or error: the rest is dropped below */
      }
      if (done) this.#hooks.onDelivered(done);
      const left = this.pendingMessages;
      if (left > 0) this.#dropAllAtExit(left);
      this.#idle();
      return;
    }
    if (this.connected) {
      // No descriptor exposed: nothing synchronous is possible.
      this.#dropAllAtExit(this.pendingMessages);
      return;
    }
    // Not connected yet: a child makes the connection and writes everything.
    const chunks = this.#q.slice(this.#head);
    const total = this.#queuedCount;
    const got = runChildJob(
      { kind: "stream", target: this.#target, payloads: chunks.map((m) => m.buf.subarray(0, m.len)) },
      Math.max(0, deadline - Date.now()),
    );
    let delivered = 0;
    for (let i = 0; i < Math.min(got.length, chunks.length); i++) delivered += chunks[i].count;
    this.#q = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    this.#queuedCount = 0;
    if (delivered) this.#hooks.onDelivered(delivered);
    if (total - delivered > 0) this.#hooks.onExitDropped?.(total - delivered);
    this.#idle();
  }

  #dropAllAtExit(n: number): void {
    this.#q = [];
    this.#head = 0;
    this.#offset = 0;
    this.#queuedBytes = 0;
    this.#queuedCount = 0;
    this.#inflight = null;
    this.#hooks.onExitDropped?.(n);
  }
}

// ---------------------------------------------------------------------------
// Datagram connections (UDP).

/** What a datagram connection reports to its owner. */
export interface DgramHooks<T> {
  /** `n` datagrams reached the kernel. */
  onDelivered(n: number): void;
  /** One datagram (or, on a failed lookup, `n` of them) could not be sent. */
  onFailed(err: Error, n: number, first: T | null): void;
  /** At exit, `n` datagrams could not be sent before the deadline. */
  onExitDropped?(n: number): void;
}

/** A pending ICMP "port unreachable" is reported by the next send on a connected UDP socket, which it then fails. */
const REFUSED_RETRIES = 3;

/**
 * @internal A connected UDP socket (its host resolved once; datagrams
 * logged meanwhile wait). Datagrams go out with a synchronous `write(2)`
 * each, as Python's `sendto`: nothing is in flight once a send returns.
 * Connecting only fixes the destination; "connection refused" notices the
 * kernel attaches to a connected socket are not errors for a datagram
 * sender (Python's unconnected `sendto` never sees them), so the send is
 * retried.
 */
export class DgramConn<T = unknown> implements ExitDrainable {
  socket: dgramT.Socket | null = null;
  connected = false;
  closed = false;
  exitTimeoutMs: number;
  readonly #hooks: DgramHooks<T>;
  #q: Array<{ data: Uint8Array; tag: T }> = [];
  #head = 0;
  #fd = -1;
  #inflight = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #waiters: Array<() => void> = [];
  #closeWhenDrained = false;

  /** `family`: 4 or 6 to force one (Python's AF_INET), 0 to take what the resolver gives first. */
  constructor(
    readonly host: string,
    readonly port: number,
    readonly family: 0 | 4 | 6,
    exitTimeoutMs: number,
    hooks: DgramHooks<T>,
  ) {
    this.exitTimeoutMs = exitTimeoutMs;
    this.#hooks = hooks;
    const ipVersion = net().isIP(host);
    if (ipVersion !== 0) {
      this.#open(host, ipVersion as 4 | 6);
    } else {
      dns().lookup(host, { family }, (err, address, fam) => {
        if (this.closed) return;
        if (err) this.#failAll(asOSError(err));
        else this.#open(address, fam === 6 ? 6 : 4);
      });
    }
  }

  #open(address: string, family: 4 | 6): void {
    const s = dgram().createSocket(family === 6 ? "udp6" : "udp4");
    this.socket = s;
    s.unref();
    s.on("error", (err) => {
      if (!this.connected) this.#failAll(asOSError(err));
    });
    s.connect(this.port, address, () => {
      if (this.closed) return;
      this.connected = true;
      this.#fd = dgramFd(s);
      this.#pump();
    });
  }

  /** Datagrams held (waiting for the socket, or for the kernel to take them). */
  get pendingMessages(): number {
    return this.#q.length - this.#head + this.#inflight;
  }

  /** Sends one datagram (queued until the socket is connected). */
  send(data: Uint8Array, tag: T): void {
    if (this.closed) {
      this.#hooks.onFailed(pyError("OSError", "[Errno 9] Bad file descriptor"), 1, tag);
      return;
    }
    this.#q.push({ data, tag });
    setHolding(this, true);
    if (exitWriteNow()) this.drainSync(Date.now() + this.exitTimeoutMs);
    else this.#pump();
  }

  #pump(): void {
    if (!this.connected || this.closed) return;
    let done = 0;
    while (this.#head < this.#q.length) {
      const m = this.#q[this.#head];
      if (this.#fd < 0) {
        // No descriptor exposed: Node's asynchronous send.
        this.#shift();
        this.#inflight++;
        this.socket!.send(m.data, (err) => {
          this.#inflight--;
          if (err) this.#hooks.onFailed(asOSError(err), 1, m.tag);
          else this.#hooks.onDelivered(1);
          this.#idle();
        });
        continue;
      }
      const r = this.#trySend(m.data);
      if (r === "again") {
        // The kernel's send buffer is full for a moment: try again shortly.
        this.#retryTimer ??= setTimeout(() => {
          this.#retryTimer = null;
          this.#pump();
        }, 1).unref();
        break;
      }
      this.#shift();
      if (r === null) done++;
      else this.#hooks.onFailed(r, 1, m.tag);
    }
    if (done) this.#hooks.onDelivered(done);
    this.#idle();
  }

  /** One synchronous send: null when sent, "again" on EAGAIN, else the error. */
  #trySend(data: Uint8Array): null | "again" | Error {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.writeSync(this.#fd, data);
        return null;
      } catch (err) {
        const code = errCode(err);
        if (code === "EAGAIN" || code === "EWOULDBLOCK" || code === "ENOBUFS") return "again";
        if (code === "ECONNREFUSED" && attempt < REFUSED_RETRIES) continue;
        return asOSError(err);
      }
    }
  }

  #shift(): void {
    this.#q[this.#head] = undefined as unknown as { data: Uint8Array; tag: T };
    this.#head++;
    if (this.#head === this.#q.length) {
      this.#q = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#q.length) {
      this.#q = this.#q.slice(this.#head);
      this.#head = 0;
    }
  }

  #idle(): void {
    if (this.pendingMessages > 0) return;
    setHolding(this, false);
    const w = this.#waiters;
    this.#waiters = [];
    for (const fn of w) fn();
    if (this.#closeWhenDrained) this.#closeNow();
  }

  #failAll(err: Error): void {
    const n = this.#q.length - this.#head;
    const first = this.#q[this.#head]?.tag ?? null;
    this.#q = [];
    this.#head = 0;
    this.closed = true;
    if (n > 0) this.#hooks.onFailed(err, n, first);
    this.#idle();
    this.#closeNow();
  }

  /** Resolves when every datagram so far was sent (or failed). */
  drained(): Promise<void> {
    if (this.pendingMessages === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Closes the socket once held datagrams are sent. */
  close(): void {
    if (this.pendingMessages === 0) this.#closeNow();
    else this.#closeWhenDrained = true;
  }

  #closeNow(): void {
    this.closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    try {
      this.socket?.close();
    } catch {
      /* already closed */
    }
  }

  /** Sends what is held, synchronously (through a child when not connected yet). Used at exit. */
  drainSync(deadline: number): void {
    const held = this.#q.length - this.#head;
    if (held === 0) return;
    if (this.connected && this.#fd >= 0) {
      let done = 0;
      let wait = 1;
      while (this.#head < this.#q.length) {
        const m = this.#q[this.#head];
        const r = this.#trySend(m.data);
        if (r === "again") {
          if (Date.now() >= deadline) break;
          sleepSync(wait);
          wait = Math.min(wait * 2, 20);
          continue;
        }
        this.#shift();
        if (r === null) done++;
        else this.#hooks.onFailed(r, 1, m.tag);
      }
      if (done) this.#hooks.onDelivered(done);
      const left = this.#q.length - this.#head;
      this.#q = [];
      this.#head = 0;
      if (left > 0) this.#hooks.onExitDropped?.(left);
      this.#idle();
      return;
    }
    const messages = this.#q.slice(this.#head);
    this.#q = [];
    this.#head = 0;
    const got = runChildJob(
      { kind: "udp", host: this.host, port: this.port, family: this.family, payloads: messages.map((m) => m.data) },
      Math.max(0, deadline - Date.now()),
    );
    const delivered = Math.min(got.length, messages.length);
    if (delivered) this.#hooks.onDelivered(delivered);
    if (messages.length - delivered > 0) this.#hooks.onExitDropped?.(messages.length - delivered);
    this.#idle();
  }
}
