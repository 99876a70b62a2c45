/**
 * HTTPHandler: sends each record's attributes, urlencoded as Python's
 * `urllib.parse.urlencode` encodes them, to a web server with GET (query
 * string) or POST (form body); or, opted in with `handler.batch`, many
 * records per POST as JSON lines or a JSON array, with retries.
 *
 * Requests are asynchronous: `emit` queues the request and returns. At most
 * `maxConcurrency` requests are open at once, over keep-alive connections;
 * the rest wait in a queue bounded by `maxQueuedRecords`/`maxQueuedBytes`
 * (beyond it records are dropped, counted and reported once). A failure
 * (connection refused, no answer within `timeout`, ...) goes to
 * `handleError`. The response is read and ignored, as in Python. `flush()`
 * resolves when every record so far has its answer (or failed), or after
 * `flushTimeout` seconds. At process exit, requests not yet written are
 * sent by a short synchronous child process (`exitTimeout`), because an
 * exiting Node process cannot complete asynchronous requests. Sockets never
 * keep the process alive.
 */
import { READS_ALL } from "../core/callerPolicy.js";
import type * as http from "node:http";
import type * as https from "node:https";
import type * as tls from "node:tls";
import { quoteLikePython, valueError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, isPlainObject, signature } from "../py/kwargs.js";
import { pyFloatRepr, pyStr } from "../py/repr.js";
import type { LogRecord } from "../core/record.js";
import { FLOAT_RECORD_FIELDS } from "./socket.js";
import { nodeHttp, nodeHttps } from "../io/builtins.js";
import { type ExitDrainable, exitWriteNow, isExiting, runChildJob, setHolding } from "../io/sockets.js";
import { DeliveryCounters, DropReporter, flushTimeoutError, settleWithin } from "./counters.js";

/** Characters `quote_plus` never escapes. */
const ALWAYS_SAFE = /^[A-Za-z0-9_.\-~]*$/;

/** Python's `urllib.parse.quote_plus(s)` (UTF-8, `safe=""`, space as `+`). */
export function quotePlus(s: string): string {
  if (ALWAYS_SAFE.test(s)) return s;
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    if (
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x5f ||
      b === 0x2e ||
      b === 0x2d ||
      b === 0x7e
    ) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) {
      out += "+";
    } else {
      out += "%" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase();
    }
  }
  return out;
}

/** Python's `repr()` of a value inside a container. */
function reprItem(v: unknown, seen: Set<object>): string {
  if (typeof v === "string") return quoteLikePython(v);
  return strValue(v, seen);
}

/**
 * Python's `str()` of a JS value standing for a Python one: `None`,
 * `True`/`False`, lists as `[1, 'a']`, dicts as `{'k': 1}`, anything else
 * through `pyStr`.
 */
function strValue(v: unknown, seen: Set<object> = new Set()): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : pyFloatRepr(v);
  if (typeof v !== "object" || seen.has(v)) return pyStr(v);
  if (Array.isArray(v)) {
    seen.add(v);
    const s = "[" + v.map((x) => reprItem(x, seen)).join(", ") + "]";
    seen.delete(v);
    return s;
  }
  if (v instanceof Map || isPlainObject(v)) {
    seen.add(v);
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    const s = "{" + entries.map(([k, x]) => reprItem(k, seen) + ": " + reprItem(x, seen)).join(", ") + "}";
    seen.delete(v);
    return s;
  }
  return pyStr(v);
}

/** A record's `args` (a Python tuple): `('a', 1)`, `('a',)`, `()`. */
function tupleStr(args: unknown[]): string {
  const seen = new Set<object>([args]);
  const items = args.map((x) => reprItem(x, seen));
  return "(" + items.join(", ") + (items.length === 1 ? ",)" : ")");
}

/** `exc_info` as Python prints its `(type, value, traceback)` tuple. */
function excInfoStr(ei: unknown): string {
  if (Array.isArray(ei)) return tupleStr(ei);
  if (ei instanceof Error) {
    let name = "Error";
    let message = "";
    try {
      name = String(ei.name);
      message = String(ei.message);
    } catch {
      /* keep the defaults */
    }
    return `(<class '${name}'>, ${name}(${quoteLikePython(message)}), <traceback object>)`;
  }
  return strValue(ei);
}

/** `str()` of one record attribute, Python's way (floats stay floats: `500.0`). */
function recordValueStr(key: string, v: unknown): string {
  if (typeof v === "number" && FLOAT_RECORD_FIELDS.has(key)) return pyFloatRepr(v);
  if (key === "args" && Array.isArray(v)) return tupleStr(v);
  if (key === "exc_info" && v !== null && v !== undefined) return excInfoStr(v);
  return strValue(v);
}

/**
 * Python's `urllib.parse.urlencode(mapping)`: `quote_plus(str(key)) + "=" +
 * quote_plus(str(value))`, joined with `&`. Record float attributes keep
 * Python's float text.
 */
export function urlencode(mapping: Record<string, unknown> | Map<unknown, unknown>): string {
  const entries = mapping instanceof Map ? [...mapping.entries()] : Object.entries(mapping);
  const parts: string[] = [];
  for (const [k, v] of entries) {
    const key = typeof k === "string" ? k : strValue(k);
    parts.push(quotePlus(key) + "=" + quotePlus(recordValueStr(key, v)));
  }
  return parts.join("&");
}

/** Python's `http.client` split of `"host:port"` (and `"[v6]:port"`). */
function splitHostPort(host: string, secure: boolean): { hostname: string; port: number } {
  let port = secure ? 443 : 80;
  let h = host;
  const i = h.lastIndexOf(":");
  const j = h.lastIndexOf("]");
  if (i > j) {
    const p = h.slice(i + 1);
    if (p !== "") {
      if (!/^[0-9]+$/.test(p)) {
        const e = new Error(`nonnumeric port: '${p}'`);
        e.name = "InvalidURL";
        throw e;
      }
      port = Number(p);
    }
    h = h.slice(0, i);
  }
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  return { hostname: h, port };
}

/** TLS options for `https.request`: a plain options object, or a `tls.SecureContext`. */
export type HTTPContext = https.RequestOptions | object;

/**
 * Batched mode (`handler.batch = { ... }`): records are POSTed together,
 * one JSON object per record (the attributes `mapLogRecord` gives; strings,
 * finite numbers, booleans and null as JSON, anything else as Python's
 * `str()` of it, as the form encoding sends it).
 */
export interface HTTPBatchOptions {
  /** Most records per request (default 100). */
  maxRecords?: number;
  /** Most body bytes per request (default 1 MiB; a single larger record is sent alone). */
  maxBytes?: number;
  /** Longest a record waits for a batch to fill, in ms (default 1000). */
  intervalMs?: number;
  /** `"ndjson"` (one object per line, `application/x-ndjson`, the default) or `"json-array"` (`application/json`). */
  format?: "ndjson" | "json-array";
  /** Retries after a network error, a timeout, 408, 429 or 5xx (default 5); other answers are final. */
  retries?: number;
  /** First retry delay in ms, doubled each time (default 500); `Retry-After` overrides it. */
  backoffMs?: number;
  /** Longest retry delay in ms, `Retry-After` included (default 30000). */
  maxBackoffMs?: number;
}

type Batch = Required<HTTPBatchOptions>;

const BATCH_DEFAULTS: Batch = {
  maxRecords: 100,
  maxBytes: 1024 * 1024,
  intervalMs: 1000,
  format: "ndjson",
  retries: 5,
  backoffMs: 500,
  maxBackoffMs: 30000,
};

function checkBatch(b: HTTPBatchOptions | null | undefined): Batch | null {
  if (b === null || b === undefined) return null;
  if (typeof b !== "object") throw valueError(`batch must be an object or null, not ${pyStr(b)}`);
  const known = new Set(Object.keys(BATCH_DEFAULTS));
  for (const k of Object.keys(b)) {
    if (!known.has(k)) throw valueError(`unknown batch option ${quoteLikePython(k)}`);
  }
  const out = { ...BATCH_DEFAULTS, ...b } as Batch;
  for (const k of ["maxRecords", "maxBytes", "intervalMs", "retries", "backoffMs", "maxBackoffMs"] as const) {
    const v = out[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (k.startsWith("max") && v < 1)) {
      throw valueError(`batch.${k} must be a non-negative number, not ${pyStr(v)}`);
    }
  }
  if (out.format !== "ndjson" && out.format !== "json-array") {
    throw valueError(`batch.format must be "ndjson" or "json-array", not ${pyStr(out.format)}`);
  }
  return out;
}

/** One record's request (plain mode) or its JSON text (batched mode). */
interface Item {
  record: LogRecord;
  bytes: number;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

/** A request in flight or waiting for its retry. */
interface Request {
  items: Item[];
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
  attempts: number;
  /** True once the request is fully written to the socket. */
  written: boolean;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** `Retry-After` (seconds or an HTTP date) in ms, or null. */
function retryAfterMs(v: string | string[] | undefined): number | null {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return null;
  if (/^\s*\d+\s*$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}

function httpError(status: number, reason: string | undefined): Error {
  const e = new Error(`HTTP Error ${status}: ${reason ?? ""}`);
  e.name = "HTTPError";
  (e as Error & { code?: number }).code = status;
  return e;
}

/**
 * `new HTTPHandler(host, url, method = "GET", secure = false, credentials = null, context = null)`.
 * `host` may carry a port (`"localhost:8080"`); `credentials` is
 * `[user, password]` (Basic authentication); `secure` uses https, with
 * `context` as TLS options (`{ ca, cert, key, rejectUnauthorized, ... }`)
 * or a `tls.SecureContext`.
 *
 * @example Batched, with retries:
 * ```ts
 * const h = new HTTPHandler("logs.example:8080", "/ingest", "POST");
 * h.batch = { maxRecords: 500, intervalMs: 2000, format: "ndjson" };
 * ```
 */
export class HTTPHandler extends Handler implements ExitDrainable {
  host: string;
  url: string;
  method: string;
  secure: boolean;
  credentials: [string, string] | null;
  context: HTTPContext | null;
  /** Most requests open at once (keep-alive sockets to the server). Records may arrive out of order when above 1. */
  maxConcurrency = 4;
  /** Seconds a request may go without an answer (or a socket without activity) before it fails. */
  timeout = 10;
  /** Most records waiting for a request (beyond: dropped, counted and reported once). */
  maxQueuedRecords = 10000;
  /** Most bytes of request data waiting (beyond: dropped, counted and reported once). */
  maxQueuedBytes = 16 * 1024 * 1024;
  /** Seconds `flush()` waits before it reports a `TimeoutError` and resolves (0: no limit). */
  flushTimeout = 30;
  /** Seconds the synchronous child sending what is left at exit may take (0: nothing is sent at exit). */
  exitTimeout = 5;
  /** Counts of this handler's records (see `DeliveryCounters`); `delivered` means answered. */
  readonly counters: DeliveryCounters = new DeliveryCounters(() => this.#pendingRecords());
  #drops: DropReporter = new DropReporter(this.counters, (r, e) => this.handleError(r, e));
  #batch: Batch | null = null;
  #queue: Item[] = [];
  #head = 0;
  #queuedBytes = 0;
  #active = new Set<Request>();
  #retrying = new Map<Request, NodeJS.Timeout>();
  #ready: Request[] = [];
  #batchTimer: NodeJS.Timeout | null = null;
  #flushing = 0;
  #waiters: Array<() => void> = [];
  #agent: http.Agent | null = null;

  /** Python's parameters: `HTTPHandler(host, url, method="GET", secure=False, credentials=None, context=None)`. */
  static override readonly signature = signature(
    "HTTPHandler",
    ["host", "url", "method", "secure", "credentials", "context"],
    2,
  );

  constructor(
    host: string,
    url: string,
    method?: string,
    secure?: boolean,
    credentials?: [string, string] | null,
    context?: HTTPContext | null,
  );
  constructor(
    host: string,
    url: string,
    options: { method?: string; secure?: boolean; credentials?: [string, string] | null; context?: HTTPContext | null },
  );
  constructor(options: {
    host: string;
    url: string;
    method?: string;
    secure?: boolean;
    credentials?: [string, string] | null;
    context?: HTTPContext | null;
  });
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs(HTTPHandler.signature, args);
    const method = String((a.method as string | undefined) ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "POST") throw valueError("method must be GET or POST");
    const secure = Boolean(a.secure);
    const context = (a.context as HTTPContext | null | undefined) ?? null;
    if (!secure && context !== null) throw valueError("context parameter only makes sense with secure=True");
    this.host = a.host as string;
    this.url = a.url as string;
    this.method = method;
    this.secure = secure;
    this.credentials = (a.credentials as [string, string] | null | undefined) ?? null;
    this.context = context;
  }

  /**
   * Batched mode (null: one request per record, exactly as Python). Set it
   * to an `HTTPBatchOptions` object (`{}` takes every default); batches are
   * always POSTed to `url`. An invalid option throws `ValueError` here.
   */
  get batch(): Readonly<Batch> | null {
    return this.#batch;
  }

  set batch(value: HTTPBatchOptions | null) {
    this.#batch = checkBatch(value);
  }

  /** The attributes sent for `record`: all of them (override to choose). */
  mapLogRecord(record: LogRecord): Record<string, unknown> {
    const d: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      // Assigning "__proto__" would set the prototype and drop the field; define it.
      if (key === "__proto__")
        Object.defineProperty(d, key, { value: record[key], writable: true, enumerable: true, configurable: true });
      else d[key] = record[key];
    }
    return d;
  }

  /**
   * The request options for `host` (Python's `getConnection`; override it
   * for a proxy or a custom agent). The default agent keeps connections
   * alive and opens at most `maxConcurrency`.
   */
  getConnection(host: string, secure: boolean): https.RequestOptions {
    const { hostname, port } = splitHostPort(host, secure);
    const opts: https.RequestOptions = { hostname, port, agent: this.#getAgent(secure) };
    if (secure && this.context !== null) {
      if (isPlainObject(this.context)) Object.assign(opts, this.context);
      else (opts as tls.ConnectionOptions).secureContext = this.context as tls.SecureContext;
    }
    return opts;
  }

  #module(secure: boolean): typeof http | typeof https {
    return secure ? nodeHttps() : nodeHttp();
  }

  #getAgent(secure: boolean): http.Agent {
    if (this.#agent === null) {
      this.#agent = new (this.#module(secure).Agent)({
        keepAlive: true,
        maxSockets: Math.max(1, this.maxConcurrency),
        maxFreeSockets: Math.max(1, this.maxConcurrency),
      });
    }
    return this.#agent;
  }

  #authHeaders(): Record<string, string> {
    if (!this.credentials) return {};
    const [user, password] = this.credentials;
    return { Authorization: "Basic " + Buffer.from(`${pyStr(user)}:${pyStr(password)}`, "utf8").toString("base64") };
  }

  /** Python's request for one record: GET with a query string, or POST with a form body. */
  #plainItem(record: LogRecord): Item {
    let url = this.url;
    const data = urlencode(this.mapLogRecord(record));
    if (this.method === "GET") url += (url.indexOf("?") >= 0 ? "&" : "?") + data;
    const headers: Record<string, string> = { "Accept-Encoding": "identity" };
    if (this.method === "POST") {
      headers["Content-type"] = "application/x-www-form-urlencoded";
      headers["Content-length"] = String(Buffer.byteLength(data));
    }
    Object.assign(headers, this.#authHeaders());
    const body = this.method === "POST" ? data : null;
    return { record, bytes: url.length + (body === null ? 0 : body.length), path: url, headers, body };
  }

  /** One record as a JSON object for batched mode. */
  #jsonItem(record: LogRecord): Item {
    const d = this.mapLogRecord(record);
    const parts: string[] = [];
    for (const [k, v] of Object.entries(d)) {
      let j: string;
      if (typeof v === "string" || typeof v === "boolean" || v === null) j = JSON.stringify(v);
      else if (typeof v === "number" && Number.isFinite(v)) j = String(v);
      else j = JSON.stringify(recordValueStr(k, v));
      parts.push(JSON.stringify(k) + ":" + j);
    }
    const line = "{" + parts.join(",") + "}";
    return { record, bytes: Buffer.byteLength(line), path: this.url, headers: {}, body: line };
  }

  /** Queues the request for `record`; it is sent asynchronously. */
  override emit(record: LogRecord): void {
    this.counters._emitted();
    let item: Item;
    try {
      item = this.#batch ? this.#jsonItem(record) : this.#plainItem(record);
    } catch (err) {
      this.counters._failed();
      this.handleError(record, err);
      return;
    }
    const queued = this.#queue.length - this.#head;
    if (queued >= this.maxQueuedRecords || this.#queuedBytes + item.bytes > this.maxQueuedBytes) {
      this.#drops.drop(
        record,
        1,
        () => `HTTPHandler: ${queued} records (${this.#queuedBytes} bytes) waiting for ${this.host}`,
      );
      return;
    }
    this.#queue.push(item);
    this.#queuedBytes += item.bytes;
    setHolding(this, true);
    // While exiting nothing asynchronous can finish: requests wait for the exit hook's one child,
    // or, logged after it ran, go through their own.
    if (isExiting()) {
      if (exitWriteNow()) this.drainSync(Date.now() + this.exitTimeout * 1000);
      return;
    }
    this.#pump();
  }

  #pendingRecords(): number {
    let n = this.#queue.length - this.#head;
    for (const r of this.#active) n += r.items.length;
    for (const r of this.#retrying.keys()) n += r.items.length;
    for (const r of this.#ready) n += r.items.length;
    return n;
  }

  #take(n: number, maxBytes: number): Item[] {
    const out: Item[] = [];
    let bytes = 0;
    while (out.length < n && this.#head < this.#queue.length) {
      const it = this.#queue[this.#head];
      if (out.length > 0 && bytes + it.bytes > maxBytes) break;
      out.push(it);
      bytes += it.bytes;
      this.#queuedBytes -= it.bytes;
      this.#queue[this.#head] = undefined as unknown as Item;
      this.#head++;
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return out;
  }

  #pump(): void {
    while (this.#active.size < Math.max(1, this.maxConcurrency)) {
      const retry = this.#ready.shift();
      if (retry) {
        this.#start(retry);
        continue;
      }
      const queued = this.#queue.length - this.#head;
      if (queued === 0) break;
      const b = this.#batch;
      if (b === null) {
        const [item] = this.#take(1, Infinity);
        this.#start({
          items: [item],
          method: this.method,
          path: item.path,
          headers: item.headers,
          body: item.body,
          attempts: 0,
          written: false,
        });
        continue;
      }
      const full = queued >= b.maxRecords || this.#queuedBytes >= b.maxBytes;
      if (!full && this.#flushing === 0) {
        this.#batchTimer ??= setTimeout(() => {
          this.#batchTimer = null;
          this.#flushing++;
          try {
            this.#pump();
          } finally {
            this.#flushing--;
          }
        }, b.intervalMs).unref();
        break;
      }
      const items = this.#take(b.maxRecords, b.maxBytes);
      this.#start(this.#batchRequest(items, b));
    }
    this.#checkIdle();
  }

  #batchRequest(items: Item[], b: Batch): Request {
    const body =
      b.format === "ndjson"
        ? items.map((i) => i.body).join("\n") + "\n"
        : "[" + items.map((i) => i.body).join(",") + "]";
    const headers: Record<string, string> = {
      "Content-Type": b.format === "ndjson" ? "application/x-ndjson" : "application/json",
      "Content-Length": String(Buffer.byteLength(body)),
      ...this.#authHeaders(),
    };
    return { items, method: "POST", path: this.url, headers, body, attempts: 0, written: false };
  }

  #start(r: Request): void {
    this.#active.add(r);
    r.written = false;
    let settled = false;
    const finish = (status: number, err: Error | null, retryAfter: number | null): void => {
      if (settled) return;
      settled = true;
      this.#active.delete(r);
      this.#settle(r, status, err, retryAfter);
      this.#pump();
    };
    try {
      const opts = this.getConnection(this.host, this.secure);
      opts.method = r.method;
      opts.path = r.path;
      opts.headers = { ...r.headers, ...(opts.headers as Record<string, string> | undefined) };
      const req = this.#module(this.secure).request(opts);
      // Python's http.client sends no Connection header; keep-alive is HTTP/1.1's default.
      req.removeHeader("Connection");
      req.setTimeout(Math.max(1, this.timeout * 1000), () => {
        const e = new Error("timed out");
        e.name = "TimeoutError";
        req.destroy(e);
      });
      req.on("socket", (s) => s.unref());
      req.on("finish", () => {
        r.written = true;
      });
      req.on("response", (res) => {
        res.resume(); // the response is ignored, as in Python
        finish(res.statusCode ?? 0, null, retryAfterMs(res.headers["retry-after"]));
      });
      req.on("error", (err) => finish(0, err, null));
      req.on("close", () => finish(0, new Error("connection closed before an answer"), null));
      req.end(r.body === null ? undefined : r.body);
    } catch (err) {
      finish(0, err instanceof Error ? err : new Error(String(err)), null);
    }
  }

  /** Counts a finished request: answered, retried later, or failed. */
  #settle(r: Request, status: number, err: Error | null, retryAfter: number | null): void {
    const n = r.items.length;
    const first = r.items[0]?.record ?? null;
    const b = this.#batch;
    if (b === null) {
      // Plain mode, as Python: any answer is an answer; an error is reported.
      if (err === null) this.counters._delivered(n);
      else {
        this.counters._failed(n);
        this.handleError(first, err);
      }
      return;
    }
    if (err === null && status < 400) {
      this.counters._delivered(n);
      return;
    }
    const retryable = err !== null || RETRY_STATUS.has(status);
    if (retryable && r.attempts < b.retries) {
      const delay = Math.min(b.maxBackoffMs, retryAfter ?? b.backoffMs * 2 ** r.attempts);
      r.attempts++;
      const timer = setTimeout(() => {
        this.#retrying.delete(r);
        this.#ready.push(r);
        this.#pump();
      }, delay).unref();
      this.#retrying.set(r, timer);
      return;
    }
    this.counters._failed(n);
    this.handleError(first, err ?? httpError(status, undefined));
  }

  #checkIdle(): void {
    if (this.#pendingRecords() > 0) return;
    this.#drops.reset();
    setHolding(this, false);
    const w = this.#waiters;
    this.#waiters = [];
    for (const fn of w) fn();
  }

  /**
   * Resolves when every record so far has its answer (or failed; batched
   * mode sends partial batches now), or after `flushTimeout` seconds (a
   * `TimeoutError` then goes to `handleError`); never rejects.
   */
  override flush(): Promise<void> {
    if (this.#pendingRecords() === 0) return Promise.resolve();
    this.#flushing++;
    const idle = new Promise<void>((resolve) => this.#waiters.push(resolve));
    // Retries waiting for their delay go now.
    for (const [r, timer] of this.#retrying) {
      clearTimeout(timer);
      this.#retrying.delete(r);
      this.#ready.push(r);
    }
    this.#pump();
    return settleWithin(idle, this.flushTimeout * 1000, () =>
      this.handleError(null, flushTimeoutError("HTTPHandler", this.flushTimeout, this.#pendingRecords())),
    ).finally(() => {
      this.#flushing--;
    });
  }

  /** Flushes, then closes the keep-alive connections; resolves then. */
  override close(): Promise<void> {
    const done = this.flush();
    super.close();
    return done.then(() => {
      this.#agent?.destroy();
      this.#agent = null;
    });
  }

  /** @internal At exit: requests not yet written go out through a synchronous child process. */
  drainSync(deadline: number): void {
    const reqs: Request[] = [...this.#ready, ...this.#retrying.keys()];
    for (const t of this.#retrying.values()) clearTimeout(t);
    this.#ready = [];
    this.#retrying.clear();
    for (const r of this.#active) {
      // Fully written requests are in the kernel's hands: the server gets them.
      if (r.written) {
        this.#active.delete(r);
        this.counters._delivered(r.items.length);
      } else {
        this.#active.delete(r);
        r.attempts = 0;
        reqs.push(r);
      }
    }
    const b = this.#batch;
    while (this.#head < this.#queue.length) {
      if (b === null) {
        const [item] = this.#take(1, Infinity);
        reqs.push({
          items: [item],
          method: this.method,
          path: item.path,
          headers: item.headers,
          body: item.body,
          attempts: 0,
          written: false,
        });
      } else {
        reqs.push(this.#batchRequest(this.#take(b.maxRecords, b.maxBytes), b));
      }
    }
    if (reqs.length === 0) return;
    let statuses: number[] = [];
    const ms = Math.min(this.exitTimeout * 1000, Math.max(0, deadline - Date.now()));
    const options = ms > 0 ? this.#childOptions() : null;
    if (options !== null) {
      statuses = runChildJob(
        {
          kind: "http",
          secure: this.secure,
          options,
          concurrency: Math.max(1, this.maxConcurrency),
          requests: reqs.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body })),
        },
        ms,
      );
    }
    reqs.forEach((r, i) => {
      const status = statuses[i] ?? 0;
      if (status > 0 && (b === null || status < 400)) this.counters._delivered(r.items.length);
      else if (status > 0) this.counters._failed(r.items.length);
      else this.counters._dropped(r.items.length);
    });
    this.#checkIdle();
  }

  /** The connection options as JSON for the exit child, or null when they cannot cross a process boundary. */
  #childOptions(): Record<string, unknown> | null {
    let opts: https.RequestOptions;
    try {
      opts = this.getConnection(this.host, this.secure);
    } catch {
      return null;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(opts)) {
      if (k === "agent" || k === "headers" || k === "method" || k === "path") continue;
      if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v;
      else if (Buffer.isBuffer(v)) out[k] = { base64: v.toString("base64") };
      else if (Array.isArray(v) && v.every((x) => typeof x === "string")) out[k] = v;
      else if (v !== undefined) return null; // a SecureContext, a custom lookup, ...: not transferable
    }
    return out;
  }

  /** Milliseconds the exit hook may spend on this handler. */
  get exitTimeoutMs(): number {
    return this.exitTimeout * 1000;
  }
}

markBuiltinHandler(HTTPHandler, READS_ALL); // sends the record's attributes
