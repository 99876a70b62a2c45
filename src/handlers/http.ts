/**
 * HTTPHandler: sends each record's attributes, urlencoded as Python's
 * `urllib.parse.urlencode` encodes them, to a web server with GET (query
 * string) or POST (form body).
 *
 * Requests are asynchronous: `emit` starts one and returns; a failure
 * (connection refused, bad URL, ...) goes to `handleError`. The response is
 * read and ignored, as in Python. `flush()` returns a Promise that resolves
 * when every request started so far has its response (or failed). Once a
 * request is sent, its socket no longer keeps the process alive.
 */
import type * as https from "node:https";
import { nodeHttp, nodeHttps } from "../io/builtins.js";
import type * as tls from "node:tls";
import { quoteLikePython, valueError } from "../py/errors.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";
import { bindArgs, isPlainObject } from "../py/kwargs.js";
import { pyFloatRepr, pyStr } from "../py/repr.js";
import type { LogRecord } from "../core/record.js";
import { FLOAT_RECORD_FIELDS } from "./socket.js";

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
 * `new HTTPHandler(host, url, method = "GET", secure = false, credentials = null, context = null)`.
 * `host` may carry a port (`"localhost:8080"`); `credentials` is
 * `[user, password]` (Basic authentication); `secure` uses https, with
 * `context` as TLS options (`{ ca, cert, key, rejectUnauthorized, ... }`)
 * or a `tls.SecureContext`.
 */
export class HTTPHandler extends Handler {
  host: string;
  url: string;
  method: string;
  secure: boolean;
  credentials: [string, string] | null;
  context: HTTPContext | null;
  #pending = new Set<Promise<void>>();

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
    const a = bindArgs("HTTPHandler", ["host", "url", "method", "secure", "credentials", "context"], args);
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

  /** The attributes sent for `record`: all of them (override to choose). */
  mapLogRecord(record: LogRecord): Record<string, unknown> {
    const d: Record<string, unknown> = {};
    for (const key of Object.keys(record)) d[key] = record[key];
    return d;
  }

  /**
   * The request options for `host` (Python's `getConnection`; override it
   * for a proxy or a custom agent).
   */
  getConnection(host: string, secure: boolean): https.RequestOptions {
    const { hostname, port } = splitHostPort(host, secure);
    const opts: https.RequestOptions = { hostname, port, agent: false };
    if (secure && this.context !== null) {
      if (isPlainObject(this.context)) Object.assign(opts, this.context);
      else (opts as tls.ConnectionOptions).secureContext = this.context as tls.SecureContext;
    }
    return opts;
  }

  /** Starts the request for `record`; its outcome is handled asynchronously. */
  override emit(record: LogRecord): void {
    try {
      const opts = this.getConnection(this.host, this.secure);
      let url = this.url;
      const data = urlencode(this.mapLogRecord(record));
      if (this.method === "GET") url += (url.indexOf("?") >= 0 ? "&" : "?") + data;
      const headers: Record<string, string> = { "Accept-Encoding": "identity" };
      if (this.method === "POST") {
        headers["Content-type"] = "application/x-www-form-urlencoded";
        headers["Content-length"] = String(Buffer.byteLength(data));
      }
      if (this.credentials) {
        const [user, password] = this.credentials;
        headers["Authorization"] =
          "Basic " + Buffer.from(`${pyStr(user)}:${pyStr(password)}`, "utf8").toString("base64");
      }
      opts.method = this.method;
      opts.path = url;
      opts.headers = { ...headers, ...(opts.headers as Record<string, string> | undefined) };
      const req = (this.secure ? nodeHttps() : nodeHttp()).request(opts);
      const done = new Promise<void>((resolve) => {
        let settled = false;
        const finish = (err?: Error): void => {
          if (settled) return;
          settled = true;
          if (err) this.handleError(record, err);
          resolve();
        };
        req.on("response", (res) => {
          res.resume(); // the response is ignored, as in Python
          finish();
        });
        req.on("error", (err) => finish(err));
        req.on("close", () => finish());
        req.on("finish", () => req.socket?.unref());
      });
      this.#pending.add(done);
      void done.then(() => this.#pending.delete(done));
      req.end(this.method === "POST" ? data : undefined);
    } catch (err) {
      this.handleError(record, err);
    }
  }

  /** Resolves when every request started so far has its response (or failed). */
  override flush(): Promise<void> {
    return Promise.all([...this.#pending]).then(() => undefined);
  }
}

markBuiltinHandler(HTTPHandler);
