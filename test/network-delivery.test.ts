/**
 * Delivery counters and memory bounds of the network handlers against real
 * loopback peers that are slow, dead, flapping, never reading or never
 * answering: `emitted = delivered + dropped + failed + pending` holds at
 * every check, queues stay within their bound, drops are reported once, and
 * `flush()` settles.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { makeLogRecord, type LogRecord } from "../src/core/record.js";
import type { DeliveryCounters } from "../src/handlers/counters.js";
import { HTTPHandler } from "../src/handlers/http.js";
import { DatagramHandler, SocketHandler } from "../src/handlers/socket.js";
import { SysLogHandler } from "../src/handlers/syslog.js";
import { closedPort, HttpPeer, TcpPeer, UdpPeer, until } from "./integration/network-peers.js";

const rec = (i: number, size = 0): LogRecord =>
  makeLogRecord({ name: "net", msg: `record ${i}` + "x".repeat(size), levelname: "INFO", levelno: 20 });

function invariant(c: DeliveryCounters, what: string): void {
  assert.equal(c.emitted, c.delivered + c.dropped + c.failed + c.pending, `${what}: ${JSON.stringify(c)}`);
}

/** Captures what reaches `handleError` instead of printing it. */
function captureErrors(h: { handleError(r: LogRecord | null, e?: unknown): void }): unknown[] {
  const errors: unknown[] = [];
  h.handleError = (_r, e) => {
    errors.push(e);
  };
  return errors;
}

const names = (errors: unknown[]) => errors.map((e) => (e as Error).name);

describe("stream peers", () => {
  test("SysLogHandler TCP, a peer that accepts and never reads: bounded queue, drops counted and reported once", async () => {
    const peer = await new TcpPeer(false).start();
    const h = new SysLogHandler(["127.0.0.1", peer.port], 1, "tcp");
    h.maxQueuedBytes = 256 * 1024;
    h.flushTimeout = 0.3;
    const errors = captureErrors(h);
    try {
      await until(() => peer.sockets.size === 1);
      // Enough to fill the kernel's buffers (several MiB on loopback) and the queue.
      const n = 40000;
      for (let i = 0; i < n; i++) {
        h.handle(rec(i, 200));
        if (i % 5000 === 0) await new Promise((r) => setImmediate(r));
      }
      invariant(h.counters, "after logging");
      assert.ok(h.counters.dropped > 0, "records dropped");
      assert.ok(h.counters.pending > 0, "records still queued");
      assert.equal(h.counters.emitted, n);
      await h.flush(); // settles after flushTimeout although the peer never reads
      invariant(h.counters, "after flush");
      assert.deepEqual(names(errors), ["RecordsDroppedError", "TimeoutError"]);
      assert.match((errors[0] as Error).message, /bytes queued for a peer that does not read \(dropped so far: 1\)/);
    } finally {
      await peer.close();
      await h.close();
    }
    await until(() => h.counters.pending === 0);
    invariant(h.counters, "after the peer went away");
    assert.equal(h.counters.pending, 0);
    assert.ok(h.counters.failed > 0, "what was queued when the peer vanished failed");
  });

  test("SocketHandler, a never-reading peer: drops counted and reported once; flush settles", async () => {
    const peer = await new TcpPeer(false).start();
    const h = new SocketHandler("127.0.0.1", peer.port);
    h.maxBufferedBytes = 128 * 1024;
    h.flushTimeout = 0.3;
    const errors = captureErrors(h);
    try {
      for (let i = 0; i < 30000; i++) {
        h.handle(rec(i, 200));
        if (i % 5000 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      invariant(h.counters, "after logging");
      assert.ok(h.counters.dropped > 0);
      const started = Date.now();
      await h.flush();
      assert.ok(Date.now() - started < 3000, "flush settled");
      // Reported once per episode: again only after the queue had emptied into the kernel.
      const drops = names(errors).filter((n) => n === "RecordsDroppedError").length;
      assert.ok(drops >= 1 && drops < 10 && drops < h.counters.dropped / 10, `${drops} reports`);
      assert.equal(names(errors)[0], "RecordsDroppedError");
      assert.equal(names(errors).at(-1), "TimeoutError");
      invariant(h.counters, "after flush");
    } finally {
      await peer.close();
      h.close();
    }
  });

  test("SocketHandler, a flapping peer (closes every connection after a while): every record accounted for", async () => {
    const peer = await new TcpPeer().start();
    const kill = setInterval(() => {
      for (const s of peer.sockets) s.destroy();
    }, 15);
    const h = new SocketHandler("127.0.0.1", peer.port);
    h.retryStart = 0.001;
    h.retryMax = 0.01;
    const n = 3000;
    try {
      for (let i = 0; i < n; i++) {
        h.handle(rec(i));
        if (i % 100 === 0) {
          invariant(h.counters, `at ${i}`);
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      await h.flush();
      await until(() => h.counters.pending === 0);
      invariant(h.counters, "at the end");
      assert.equal(h.counters.pending, 0);
      assert.equal(h.counters.delivered + h.counters.failed, n);
      assert.ok(h.counters.delivered > 0);
      // What the peer got is at most what was delivered (a record in the kernel when the connection broke is lost).
      assert.ok(peer.pickles() <= h.counters.delivered);
    } finally {
      clearInterval(kill);
      h.close();
      await peer.close();
    }
  });

  test("SysLogHandler TCP to a dead port: every record failed, reported once with the first record", async () => {
    const h = new SysLogHandler(["127.0.0.1", await closedPort()], 1, "tcp");
    const errors = captureErrors(h);
    for (let i = 0; i < 10; i++) h.handle(rec(i));
    await h.flush();
    invariant(h.counters, "after flush");
    assert.equal(h.counters.failed, 10);
    assert.equal((errors[0] as NodeJS.ErrnoException).code, "ECONNREFUSED");
    assert.equal(errors.length, 1);
    h.close();
  });

  test("a slow peer: flush resolves once everything is in the kernel", async () => {
    const peer = await new TcpPeer().start();
    const h = new SysLogHandler(["127.0.0.1", peer.port], 1, "tcp");
    try {
      for (let i = 0; i < 20000; i++) h.handle(rec(i, 100));
      await h.flush();
      invariant(h.counters, "after flush");
      assert.equal(h.counters.delivered, 20000);
      assert.equal(h.counters.pending, 0);
      await until(() => peer.nulMessages().length === 20000);
      assert.equal(peer.nulMessages().length, 20000);
    } finally {
      await h.close();
      await peer.close();
    }
  });
});

describe("datagram peers", () => {
  test("DatagramHandler to a port nobody listens on: handed to the OS, no error (as Python's sendto)", async () => {
    const h = new DatagramHandler("127.0.0.1", await closedPort());
    const errors = captureErrors(h);
    for (let i = 0; i < 50; i++) {
      h.handle(rec(i));
      await new Promise((r) => setTimeout(r, 1));
    }
    await h.flush();
    invariant(h.counters, "after flush");
    assert.equal(h.counters.delivered, 50);
    assert.deepEqual(errors, []);
    h.close();
  });

  test("SysLogHandler UDP: every datagram counted; a datagram over the size limit fails and is reported", async () => {
    const peer = await new UdpPeer().start();
    const h = new SysLogHandler(["127.0.0.1", peer.port]);
    const errors = captureErrors(h);
    try {
      for (let i = 0; i < 200; i++) h.handle(rec(i));
      h.handle(rec(-1, 70000));
      await h.flush();
      invariant(h.counters, "after flush");
      assert.equal(h.counters.delivered, 200);
      assert.equal(h.counters.failed, 1);
      assert.equal((errors[0] as NodeJS.ErrnoException).code, "EMSGSIZE");
      await until(() => peer.messages.length === 200);
      assert.equal(peer.messages.length, 200);
    } finally {
      h.close();
      peer.close();
    }
  });

  test("SysLogHandler to a unix datagram socket: a clear error naming the alternatives", async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-dgram-"));
    const sockPath = path.join(dir, "log");
    // Node cannot create a unix datagram socket; python3 (a test-only tool here) can.
    const py = spawn(
      "python3",
      [
        "-c",
        "import socket,sys,time; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); time.sleep(20)",
        sockPath,
      ],
      { stdio: "ignore" },
    );
    if (!(await until(() => fs.existsSync(sockPath), 8000))) {
      py.kill();
      t.skip("python3 could not create a unix datagram socket");
      return;
    }
    const h = new SysLogHandler(sockPath);
    const errors = captureErrors(h);
    try {
      h.handle(rec(1));
      await h.flush();
      await until(() => errors.length > 0);
      invariant(h.counters, "after the error");
      assert.equal(h.counters.failed, 1);
      const e = errors[0] as NodeJS.ErrnoException;
      assert.equal(e.name, "OSError");
      assert.equal(e.code, "EPROTOTYPE");
      assert.match(e.message, /is a unix datagram socket, which Node\.js cannot send to/);
      assert.match(e.message, /SysLogHandler\(\["127\.0\.0\.1", 514\]\)/);
    } finally {
      py.kill();
      h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("HTTP peers", () => {
  test("never answering: at most maxConcurrency sockets, requests time out, the queue is bounded", async () => {
    const peer = await new HttpPeer({ kind: "never" }).start();
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/log", "POST");
    h.timeout = 0.3;
    h.maxQueuedRecords = 50;
    h.flushTimeout = 5;
    const errors = captureErrors(h);
    try {
      for (let i = 0; i < 2000; i++) h.handle(rec(i));
      invariant(h.counters, "after logging");
      assert.equal(h.counters.dropped, 2000 - 50 - 4);
      await until(() => peer.requests.length >= 4, 3000);
      assert.ok(peer.maxOpenSockets <= 4, `sockets: ${peer.maxOpenSockets}`);
      await h.flush();
      invariant(h.counters, "after flush");
      assert.equal(h.counters.pending, 0);
      assert.equal(h.counters.failed, 54);
      assert.ok(peer.maxOpenSockets <= 4, `sockets: ${peer.maxOpenSockets}`);
      assert.equal(names(errors)[0], "RecordsDroppedError");
      assert.equal(names(errors).filter((n) => n === "RecordsDroppedError").length, 1);
      assert.ok(names(errors).includes("TimeoutError"));
    } finally {
      await h.close();
      await peer.close();
    }
  });

  test("connection refused: every record failed and reported (as Python), none pending", async () => {
    const h = new HTTPHandler(`127.0.0.1:${await closedPort()}`, "/log");
    const errors = captureErrors(h);
    for (let i = 0; i < 20; i++) h.handle(rec(i));
    await h.flush();
    invariant(h.counters, "after flush");
    assert.equal(h.counters.failed, 20);
    assert.equal(errors.length, 20);
    assert.equal((errors[0] as NodeJS.ErrnoException).code, "ECONNREFUSED");
    await h.close();
  });

  test("slow server: everything answered, keep-alive, bounded sockets", async () => {
    const peer = await new HttpPeer({ kind: "ok", delayMs: 20 }).start();
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/log");
    try {
      for (let i = 0; i < 200; i++) h.handle(rec(i));
      await h.flush();
      invariant(h.counters, "after flush");
      assert.equal(h.counters.delivered, 200);
      assert.equal(peer.requests.length, 200);
      assert.ok(peer.maxOpenSockets <= 4, `sockets: ${peer.maxOpenSockets}`);
      assert.equal(peer.requests[0].headers.connection, undefined, "no Connection header, as Python's http.client");
    } finally {
      await h.close();
      await peer.close();
    }
  });

  test("batched ndjson: 500 then 200: retried with backoff, all delivered once", async () => {
    const peer = await new HttpPeer({ kind: "status", status: 500, times: 2 }).start();
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/bulk", "POST");
    h.batch = { maxRecords: 100, backoffMs: 20, intervalMs: 10000 };
    try {
      for (let i = 0; i < 250; i++) h.handle(rec(i));
      await h.flush();
      invariant(h.counters, "after flush");
      assert.equal(h.counters.delivered, 250);
      assert.equal(peer.errorsSent, 2);
      const ok = peer.requests.filter((r) => r.status === 200);
      const lines = ok.flatMap((r) => r.body.split("\n").filter(Boolean));
      assert.equal(lines.length, 250);
      const first = JSON.parse(lines.find((l) => l.includes('"record 0"'))!) as Record<string, unknown>;
      assert.equal(first.msg, "record 0");
      assert.equal(first.levelno, 20);
      assert.equal(ok[0].headers["content-type"], "application/x-ndjson");
      assert.equal(new Set(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).size, 250, "no duplicates");
    } finally {
      await h.close();
      await peer.close();
    }
  });

  test("batched json-array: 429 with Retry-After is honoured", async () => {
    const peer = await new HttpPeer({
      kind: "status",
      status: 429,
      headers: { "Retry-After": "1" },
      times: 1,
    }).start();
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/bulk", "POST");
    h.batch = { format: "json-array", backoffMs: 1, intervalMs: 5 };
    try {
      for (let i = 0; i < 10; i++) h.handle(rec(i));
      await until(() => peer.errorsSent === 1, 3000);
      const refusedAt = Date.now();
      await until(() => peer.requests.length === 2, 5000);
      assert.ok(Date.now() - refusedAt >= 800, "waited for Retry-After");
      await h.flush();
      assert.equal(h.counters.delivered, 10);
      assert.equal(peer.records() - 10, 10, "the refused batch and its retry");
      assert.equal(peer.requests[1].headers["content-type"], "application/json");
      invariant(h.counters, "after flush");
    } finally {
      await h.close();
      await peer.close();
    }
  });

  test("batched: a 400 is final (failed, reported), retries are bounded", async () => {
    const peer = await new HttpPeer({ kind: "status", status: 400 }).start();
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/bulk", "POST");
    h.batch = { intervalMs: 5 };
    const errors = captureErrors(h);
    try {
      for (let i = 0; i < 5; i++) h.handle(rec(i));
      await h.flush();
      assert.equal(h.counters.failed, 5);
      assert.equal(peer.requests.length, 1);
      assert.equal((errors[0] as Error).message, "HTTP Error 400: ");
      peer.behaviour = { kind: "status", status: 503 };
      h.batch = { intervalMs: 5, retries: 2, backoffMs: 5 };
      for (let i = 0; i < 5; i++) h.handle(rec(i));
      await h.flush();
      assert.equal(peer.requests.length, 1 + 3);
      assert.equal(h.counters.failed, 10);
      invariant(h.counters, "after flush");
    } finally {
      await h.close();
      await peer.close();
    }
  });

  test("batch options are checked", () => {
    const h = new HTTPHandler("127.0.0.1:1", "/");
    assert.throws(() => {
      h.batch = { maxRecords: 0 };
    }, /ValueError|maxRecords/);
    assert.throws(() => {
      h.batch = { format: "xml" as "ndjson" };
    }, /format/);
    assert.throws(() => {
      h.batch = { maxRecord: 5 } as never;
    }, /unknown batch option 'maxRecord'/);
    h.batch = {};
    assert.equal(h.batch?.maxRecords, 100);
    h.batch = null;
    assert.equal(h.batch, null);
    h.close();
  });
});

test("a listening socket is never left open by a closed handler", async () => {
  const peer = await new TcpPeer().start();
  const h = new SocketHandler("127.0.0.1", peer.port);
  h.handle(rec(1));
  await h.close();
  await until(() => peer.sockets.size === 0);
  assert.equal(peer.sockets.size, 0);
  assert.equal(h.counters.delivered, 1);
  await peer.close();
  void net;
});

test("dictConfig sets the delivery options through Python's '.' attributes", async () => {
  const { default: logging } = await import("../src/index.js");
  logging.config.dictConfig({
    version: 1,
    handlers: {
      web: {
        class: "logging.handlers.HTTPHandler",
        host: "127.0.0.1:9",
        url: "/x",
        method: "POST",
        ".": { batch: { maxRecords: 7, format: "json-array" }, maxConcurrency: 2, timeout: 3 },
      },
    },
  });
  const h = logging.getHandlerByName("web") as HTTPHandler;
  assert.equal(h.batch?.maxRecords, 7);
  assert.equal(h.batch?.format, "json-array");
  assert.equal(h.maxConcurrency, 2);
  assert.equal(h.timeout, 3);
  await h.close();
});
