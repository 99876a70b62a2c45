/**
 * Loopback peers for the network handler suites: a UDP receiver, a TCP
 * receiver (reading, or accepting and never reading), HTTP servers with a
 * chosen behaviour, and a runner for child processes that import the
 * sources through tsx. Not a test file itself.
 */
import { spawn } from "node:child_process";
import * as dgram from "node:dgram";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/** Resolves when `cond()` holds, or after `ms` (then resolves false). */
export async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** Counts datagrams on 127.0.0.1. */
export class UdpPeer {
  sock = dgram.createSocket("udp4");
  port = 0;
  messages: Buffer[] = [];

  async start(): Promise<this> {
    this.sock.on("message", (m) => this.messages.push(m));
    // Room for bursts: the kernel drops datagrams that do not fit.
    await new Promise<void>((r) => this.sock.bind(0, "127.0.0.1", () => r()));
    try {
      this.sock.setRecvBufferSize(8 * 1024 * 1024);
    } catch {
      /* capped by the kernel */
    }
    this.port = this.sock.address().port;
    return this;
  }

  close(): void {
    this.sock.close();
  }
}

/** A TCP server on 127.0.0.1 keeping each connection's bytes; `read: false` accepts and never reads. */
export class TcpPeer {
  server: net.Server;
  port = 0;
  chunks: Buffer[][] = [];
  sockets = new Set<net.Socket>();

  constructor(readonly read = true) {
    this.server = net.createServer((c) => {
      this.sockets.add(c);
      c.on("close", () => this.sockets.delete(c));
      c.on("error", () => {});
      if (!read) {
        c.pause();
        return;
      }
      const mine: Buffer[] = [];
      this.chunks.push(mine);
      c.on("data", (d) => mine.push(d));
    });
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((r) => this.server.listen(port, "127.0.0.1", () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** All bytes received, connections in order of arrival. */
  data(): Buffer {
    return Buffer.concat(this.chunks.flat());
  }

  /** Syslog messages (each ends with NUL). */
  nulMessages(): string[] {
    return this.data()
      .toString("utf8")
      .split("\0")
      .filter((s) => s.length > 0);
  }

  /** Length-prefixed pickles, counted per connection (a broken tail is not counted). */
  pickles(): number {
    let n = 0;
    for (const conn of this.chunks) {
      const b = Buffer.concat(conn);
      let off = 0;
      while (off + 4 <= b.length) {
        const len = b.readUInt32BE(off);
        if (off + 4 + len > b.length) break;
        off += 4 + len;
        n++;
      }
    }
    return n;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** What an HTTP test server does with each request. */
export type HttpBehaviour =
  | { kind: "ok"; delayMs?: number }
  | { kind: "status"; status: number; headers?: Record<string, string>; times?: number }
  | { kind: "never" };

/** An HTTP server on 127.0.0.1 recording requests; the behaviour can be changed while it runs. */
export class HttpPeer {
  server: http.Server;
  port = 0;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string; status: number }> =
    [];
  /** Requests answered with an error status so far (for `times`). */
  errorsSent = 0;
  openSockets = 0;
  maxOpenSockets = 0;
  #sockets = new Set<net.Socket>();

  constructor(public behaviour: HttpBehaviour = { kind: "ok" }) {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        const entry = { method: req.method!, url: req.url!, headers: req.headers, body, status: 0 };
        this.requests.push(entry);
        const b = this.behaviour;
        if (b.kind === "never") return;
        entry.status = 200;
        if (b.kind === "status" && (b.times === undefined || this.errorsSent < b.times)) {
          this.errorsSent++;
          entry.status = b.status;
          res.writeHead(b.status, b.headers ?? {});
          res.end("error");
          return;
        }
        const delay = b.kind === "ok" ? (b.delayMs ?? 0) : 0;
        if (delay > 0) setTimeout(() => res.end("ok"), delay);
        else res.end("ok");
      });
    });
    this.server.on("connection", (s) => {
      this.#sockets.add(s);
      this.openSockets++;
      this.maxOpenSockets = Math.max(this.maxOpenSockets, this.openSockets);
      s.on("close", () => {
        this.#sockets.delete(s);
        this.openSockets--;
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** Records received: one per request, or one per line/array item for JSON bodies. */
  records(): number {
    let n = 0;
    for (const r of this.requests) {
      const type = String(r.headers["content-type"] ?? "");
      if (type === "application/x-ndjson") n += r.body.split("\n").filter((l) => l.length > 0).length;
      else if (type === "application/json") n += (JSON.parse(r.body) as unknown[]).length;
      else n++;
    }
    return n;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface ChildOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs an ESM script (which may import from `SRC`) under tsx; killed after `ms`. */
export function runChild(source: string, ms = 20000): Promise<ChildOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** `import` lines for a child script. */
export function imports(): string {
  const p = (f: string) => JSON.stringify(path.join(SRC, f));
  return [
    `import { SocketHandler, DatagramHandler } from ${p("handlers/socket.ts")};`,
    `import { SysLogHandler } from ${p("handlers/syslog.ts")};`,
    `import { HTTPHandler } from ${p("handlers/http.ts")};`,
    `import { QueueHandler, QueueListener, SimpleQueue } from ${p("handlers/queue.ts")};`,
    `import { FileHandler } from ${p("handlers/file.ts")};`,
    `import { makeLogRecord } from ${p("core/record.ts")};`,
    `const rec = (i, size = 0) => makeLogRecord({ name: "exit", msg: "record " + i + "x".repeat(size), levelname: "INFO", levelno: 20 });`,
  ].join("\n");
}
