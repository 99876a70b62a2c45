/**
 * Network handlers against real servers on 127.0.0.1: SysLogHandler (UDP,
 * TCP, unix socket) byte for byte against CPython's SysLogHandler,
 * SocketHandler into a python3 receiver (pickle.loads + makeLogRecord),
 * DatagramHandler into a Node UDP receiver, HTTPHandler GET/POST against
 * CPython's HTTPHandler for the same record.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as dgram from "node:dgram";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Formatter } from "../src/format/formatter.js";
import { makeLogRecord, type LogRecord } from "../src/core/record.js";
import { PICKLE_RECEIVER_PRELUDE } from "./support/python.js";
import { DatagramHandler, SocketHandler } from "../src/handlers/socket.js";
import {
  facility_names,
  LOG_LOCAL3,
  LOG_USER,
  priority_names,
  SOCK_STREAM,
  SysLogHandler,
} from "../src/handlers/syslog.js";
import { HTTPHandler, quotePlus, urlencode } from "../src/handlers/http.js";
import { pickleDumps } from "../src/io/pickle.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WAIT_MS = 4000;

function withTimeout<T>(p: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

/** Runs python3 with `code`; resolves with stdout (rejects on a non-zero exit or after the timeout). */
function python(code: string, args: string[] = [], ms = 8000): Promise<string> {
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      const p = spawn("python3", ["-c", code, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      p.stdout.on("data", (d) => {
        out += d;
      });
      p.stderr.on("data", (d) => {
        err += d;
      });
      p.on("error", reject);
      p.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`python3 exited ${code}: ${err}`))));
    }),
    "python3",
    ms,
  );
}

/** A UDP receiver on 127.0.0.1 handing out datagrams in order. */
class UdpReceiver {
  sock = dgram.createSocket("udp4");
  port = 0;
  #queue: Buffer[] = [];
  #waiters: Array<(b: Buffer) => void> = [];

  async start(): Promise<this> {
    this.sock.on("message", (msg) => {
      const w = this.#waiters.shift();
      if (w) w(msg);
      else this.#queue.push(msg);
    });
    await new Promise<void>((r) => this.sock.bind(0, "127.0.0.1", () => r()));
    this.port = this.sock.address().port;
    return this;
  }

  next(): Promise<Buffer> {
    const q = this.#queue.shift();
    if (q) return Promise.resolve(q);
    return withTimeout(new Promise((r) => this.#waiters.push(r)), "a datagram");
  }

  close(): void {
    this.sock.close();
  }
}

/** A stream server (TCP on 127.0.0.1, or a unix path) collecting each connection's bytes. */
class StreamReceiver {
  server = net.createServer();
  port = 0;
  conns: Array<{ data: Buffer; ended: boolean }> = [];
  sockets: net.Socket[] = [];
  #changed: Array<() => void> = [];

  async start(where: { path: string } | null = null): Promise<this> {
    this.server.on("connection", (c) => {
      const rec = { data: Buffer.alloc(0), ended: false };
      this.conns.push(rec);
      this.sockets.push(c);
      c.on("data", (d) => {
        rec.data = Buffer.concat([rec.data, d]);
        this.#notify();
      });
      c.on("end", () => {
        rec.ended = true;
        this.#notify();
        c.end();
      });
      c.on("error", () => {});
      this.#notify();
    });
    await new Promise<void>((r) => {
      if (where) this.server.listen(where.path, () => r());
      else this.server.listen(0, "127.0.0.1", () => r());
    });
    if (!where) this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  #notify(): void {
    const w = this.#changed;
    this.#changed = [];
    for (const fn of w) fn();
  }

  /** Resolves once `cond()` holds (checked at every change). */
  until(cond: () => boolean, what: string): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (cond()) resolve();
          else this.#changed.push(check);
        };
        check();
      }),
      what,
    );
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** A record with every field fixed, built the same way in Python (makeLogRecord). */
function recordFields(): Record<string, unknown> {
  return {
    name: "net.test",
    msg: "h\u00e9llo %s & %d%%",
    args: ["w\u00f6rld \u20ac", 42],
    levelname: "ERROR",
    levelno: 40,
    pathname: "/srv/app/main.py",
    filename: "main.py",
    module: "main",
    exc_info: null,
    exc_text: null,
    stack_info: null,
    lineno: 12,
    funcName: "handler",
    created: 1700000000.5,
    msecs: 500.0,
    relativeCreated: 12.25,
    thread: 140000,
    threadName: "MainThread",
    processName: "MainProcess",
    process: 4242,
    taskName: null,
  };
}

/** The same dict as Python source. */
const PY_RECORD = `{
  "name": "net.test", "msg": "h\\u00e9llo %s & %d%%", "args": ("w\\u00f6rld \\u20ac", 42),
  "levelname": "ERROR", "levelno": 40, "pathname": "/srv/app/main.py", "filename": "main.py",
  "module": "main", "exc_info": None, "exc_text": None, "stack_info": None, "lineno": 12,
  "funcName": "handler", "created": 1700000000.5, "msecs": 500.0, "relativeCreated": 12.25,
  "thread": 140000, "threadName": "MainThread", "processName": "MainProcess", "process": 4242,
  "taskName": None,
}`;

function record(over: Record<string, unknown> = {}): LogRecord {
  return makeLogRecord({ ...recordFields(), ...over });
}

const FMT = "%(levelname)s %(name)s: %(message)s";

/** Collects what `handleError` receives instead of printing it. */
function captureErrors<H extends { handleError: (r: LogRecord | null, e?: unknown) => void }>(h: H): unknown[] {
  const errors: unknown[] = [];
  h.handleError = (_r, e) => {
    errors.push(e);
  };
  return errors;
}

describe("SysLogHandler", () => {
  let udp: UdpReceiver;
  let tcp: StreamReceiver;
  before(async () => {
    udp = await new UdpReceiver().start();
    tcp = await new StreamReceiver().start();
  });
  after(async () => {
    udp.close();
    await tcp.close();
  });

  test("names, priorities and encodePriority", () => {
    const h = new SysLogHandler(["127.0.0.1", 9], LOG_USER);
    try {
      assert.equal(h.encodePriority(LOG_USER, "error"), 11);
      assert.equal(h.encodePriority("local3", "warning"), (19 << 3) | 4);
      assert.equal(h.encodePriority(SysLogHandler.LOG_LOCAL7, SysLogHandler.LOG_DEBUG), 191);
      assert.equal(h.mapPriority("ERROR"), "error");
      assert.equal(h.mapPriority("TRACE"), "warning");
      assert.equal(facility_names["solaris-cron"], 15);
      assert.equal(priority_names.panic, 0);
      assert.throws(() => h.encodePriority("nope", "error"), { name: "KeyError", message: "'nope'" });
      assert.equal(h.socktype, 2);
      assert.ok(h.socket instanceof dgram.Socket);
    } finally {
      h.close();
    }
    assert.throws(() => new SysLogHandler(["127.0.0.1", 9], LOG_USER, 99), { name: "ValueError" });
  });

  test("UDP: the bytes CPython's SysLogHandler sends", async () => {
    const h = new SysLogHandler({ address: ["127.0.0.1", udp.port] });
    h.setFormatter(new Formatter(FMT));
    h.ident = "myapp: ";
    h.handle(record());
    const ours = await udp.next();
    const expected = Buffer.from("<11>myapp: ERROR net.test: h\u00e9llo w\u00f6rld \u20ac & 42%\0", "utf8");
    assert.deepEqual(ours, expected);

    await python(
      `
import logging, logging.handlers, sys
h = logging.handlers.SysLogHandler(("127.0.0.1", int(sys.argv[1])))
h.setFormatter(logging.Formatter(${JSON.stringify(FMT)}))
h.ident = "myapp: "
h.handle(logging.makeLogRecord(${PY_RECORD}))
h.close()
`,
      [String(udp.port)],
    );
    const theirs = await udp.next();
    assert.deepEqual(ours, theirs);

    // facility, a custom level (mapped to "warning"), append_nul off
    h.facility = LOG_LOCAL3;
    h.append_nul = false;
    h.ident = "";
    h.handle(record({ levelno: 25, levelname: "Level 25", msg: "custom", args: [] }));
    assert.equal((await udp.next()).toString(), "<156>Level 25 net.test: custom");
    await h.flush();
    h.close();
  });

  test("TCP: same bytes as CPython (no framing), queued while connecting", async () => {
    const before = tcp.conns.length;
    const h = new SysLogHandler(["127.0.0.1", tcp.port], LOG_USER, SOCK_STREAM);
    h.setFormatter(new Formatter(FMT));
    h.handle(record());
    h.handle(record({ levelname: "INFO", levelno: 20, msg: "second", args: [] }));
    await h.flush();
    h.close();
    await tcp.until(() => tcp.conns.length > before && tcp.conns[before].ended, "syslog TCP stream");
    const ours = tcp.conns[before].data;
    assert.equal(
      ours.toString(),
      "<11>ERROR net.test: h\u00e9llo w\u00f6rld \u20ac & 42%\0<14>INFO net.test: second\0",
    );

    await python(
      `
import logging, logging.handlers, socket, sys
h = logging.handlers.SysLogHandler(("127.0.0.1", int(sys.argv[1])), socktype=socket.SOCK_STREAM)
h.setFormatter(logging.Formatter(${JSON.stringify(FMT)}))
h.handle(logging.makeLogRecord(${PY_RECORD}))
r = logging.makeLogRecord(${PY_RECORD})
r.levelname, r.levelno, r.msg, r.args = "INFO", 20, "second", ()
h.handle(r)
h.close()
`,
      [String(tcp.port)],
    );
    await tcp.until(() => tcp.conns.length > before + 1 && tcp.conns[before + 1].ended, "python's syslog TCP stream");
    assert.deepEqual(ours, tcp.conns[before + 1].data);

    const alsoTcp = new SysLogHandler(["127.0.0.1", tcp.port], LOG_USER, "tcp");
    assert.equal(alsoTcp.socktype, SOCK_STREAM);
    alsoTcp.close();
  });

  test("unix socket path: a stream socket, same bytes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-syslog-"));
    const sockPath = path.join(dir, "log.sock");
    const srv = await new StreamReceiver().start({ path: sockPath });
    try {
      const h = new SysLogHandler(sockPath);
      assert.equal(h.unixsocket, true);
      h.handle(record({ msg: "via unix", args: [] }));
      await h.flush();
      assert.equal(h.socktype, SOCK_STREAM);
      h.close();
      await srv.until(() => srv.conns.length === 1 && srv.conns[0].ended, "unix stream");
      assert.equal(srv.conns[0].data.toString(), "<11>via unix\0");
    } finally {
      await srv.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("connection refused goes to handleError, never to the caller", async () => {
    const port = await closedPort();
    const h = new SysLogHandler(["127.0.0.1", port], LOG_USER, "tcp");
    const errors = captureErrors(h);
    h.handle(record());
    await withTimeout(
      (async () => {
        while (errors.length === 0) await sleep(10);
      })(),
      "handleError",
    );
    assert.equal((errors[0] as NodeJS.ErrnoException).code, "ECONNREFUSED");
    h.close();
  });
});

describe("SocketHandler", () => {
  test("a python3 receiver unpickles the records and rebuilds them with makeLogRecord", async () => {
    const receiver = spawn(
      "python3",
      [
        "-c",
        `${PICKLE_RECEIVER_PRELUDE}for _ in range(3):
    d = frame()
    r = logging.makeLogRecord(d)
    print(json.dumps({
        "message": r.getMessage(), "levelname": r.levelname, "name": r.name, "levelno": r.levelno,
        "args": r.args, "exc_info": r.exc_info, "has_message": "message" in d,
        "exc_text": r.exc_text, "created_is_float": isinstance(r.created, float),
        "msecs_is_float": isinstance(r.msecs, float), "lineno": r.lineno,
        "extra": repr(getattr(r, "extra_attr", None)),
        "formatted": logging.Formatter("%(levelname)s:%(name)s:%(message)s").format(r).split("\\n")[0],
    }), flush=True)
`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      let out = "";
      let err = "";
      receiver.stderr.on("data", (d) => {
        err += d;
      });
      const lines: string[] = [];
      const gotLine = new Set<() => void>();
      receiver.stdout.on("data", (d) => {
        out += d;
        const parts = out.split("\n");
        out = parts.pop()!;
        lines.push(...parts);
        for (const fn of gotLine) fn();
      });
      const waitLines = (n: number): Promise<void> =>
        withTimeout(
          new Promise<void>((resolve) => {
            const check = (): void => {
              if (lines.length >= n) {
                gotLine.delete(check);
                resolve();
              }
            };
            gotLine.add(check);
            check();
          }),
          `python receiver output (stderr: ${err})`,
          8000,
        );

      await waitLines(1);
      const port = Number(lines[0]);
      const h = new SocketHandler("127.0.0.1", port);
      assert.equal(h.retryStart, 1.0);
      assert.equal(h.retryMax, 30.0);
      assert.equal(h.retryFactor, 2.0);
      assert.equal(h.closeOnError, false);
      h.handle(record());
      const boom = new Error("boom");
      h.handle(record({ levelname: "CRITICAL", levelno: 50, msg: "failed: %r", args: ["x"], exc_info: boom }));
      const extra = record({
        name: "net.other",
        levelname: "INFO",
        levelno: 20,
        msg: "big %s",
        args: [2n ** 70n],
        lineno: 7,
      });
      extra.extra_attr = { k: [1, 2.5, null, true, "x"] };
      extra.message = "stale message (removed by makePickle)";
      h.handle(extra);
      await h.flush();
      await waitLines(4);
      h.close();

      const recs = lines.slice(1, 4).map((l) => JSON.parse(l));
      assert.equal(recs[0].message, "h\u00e9llo w\u00f6rld \u20ac & 42%");
      assert.equal(recs[0].levelname, "ERROR");
      assert.equal(recs[0].name, "net.test");
      assert.equal(recs[0].levelno, 40);
      assert.equal(recs[0].args, null);
      assert.equal(recs[0].exc_info, null);
      assert.equal(recs[0].created_is_float, true);
      assert.equal(recs[0].msecs_is_float, true);
      assert.equal(recs[0].lineno, 12);
      assert.equal(recs[0].formatted, "ERROR:net.test:h\u00e9llo w\u00f6rld \u20ac & 42%");
      assert.equal(recs[1].message, "failed: 'x'");
      assert.equal(recs[1].levelname, "CRITICAL");
      assert.match(recs[1].exc_text, /Error: boom/);
      assert.equal(recs[2].message, "big 1180591620717411303424");
      assert.equal(recs[2].name, "net.other");
      assert.equal(recs[2].has_message, false);
      assert.equal(recs[2].extra, "{'k': [1, 2.5, None, True, 'x']}");
    } finally {
      receiver.kill();
    }
  });

  test("a refused connection drops the record silently and backs off", async () => {
    const port = await closedPort();
    const h = new SocketHandler("127.0.0.1", port);
    const errors = captureErrors(h);
    h.handle(record());
    await withTimeout(
      (async () => {
        while (h.retryTime === null) await sleep(10);
      })(),
      "retryTime",
    );
    assert.equal(h.sock, null);
    assert.equal(h.retryPeriod, 1.0);
    const t = h.retryTime!;
    assert.ok(t > Date.now() / 1000 && t <= Date.now() / 1000 + 1.01);
    h.handle(record()); // within the backoff: no attempt
    assert.equal(h.sock, null);
    // once the retry time has come: another attempt, period doubled
    h.retryTime = Date.now() / 1000 - 0.001;
    h.handle(record());
    assert.notEqual(h.sock, null);
    await withTimeout(
      (async () => {
        while (h.retryPeriod !== 2.0) await sleep(10);
      })(),
      "second backoff",
    );
    assert.deepEqual(errors, []);
    await h.flush();
    h.close();
  });

  test("reconnects after the peer closed the connection", async () => {
    const srv = await new StreamReceiver().start();
    try {
      const h = new SocketHandler({ host: "127.0.0.1", port: srv.port });
      h.handle(record({ msg: "one", args: [] }));
      await h.flush();
      await srv.until(() => srv.conns.length === 1 && srv.conns[0].data.length > 4, "first record");
      for (const s of srv.sockets) s.destroy();
      await withTimeout(
        (async () => {
          while (h.sock !== null) await sleep(10);
        })(),
        "socket dropped",
      );
      h.handle(record({ msg: "two", args: [] }));
      await h.flush();
      await srv.until(() => srv.conns.length === 2 && srv.conns[1].data.length > 4, "second connection");
      const body = srv.conns[1].data;
      assert.equal(body.readUInt32BE(0), body.length - 4);
      h.close();
    } finally {
      await srv.close();
    }
  });
});

describe("DatagramHandler", () => {
  test("one length-prefixed pickle per datagram; python3 unpickles it", async () => {
    const udp = await new UdpReceiver().start();
    try {
      const h = new DatagramHandler("127.0.0.1", udp.port);
      h.handle(record());
      const d = await udp.next();
      assert.equal(d.readUInt32BE(0), d.length - 4);
      assert.equal(d[4], 0x80); // PROTO
      const out = await python(
        `
import logging, pickle, sys
b = bytes.fromhex(sys.argv[1])
r = logging.makeLogRecord(pickle.loads(b[4:]))
print(r.levelname, r.name, r.getMessage(), r.args, type(r.created).__name__)
`,
        [d.toString("hex")],
      );
      assert.equal(out, "ERROR net.test h\u00e9llo w\u00f6rld \u20ac & 42% None float\n");
      // too big for a datagram: handleError, not an exception
      const errors = captureErrors(h);
      h.handle(record({ msg: "x".repeat(70000), args: [] }));
      await h.flush();
      assert.equal(errors.length, 1);
      assert.equal((errors[0] as NodeJS.ErrnoException).code, "EMSGSIZE");
      h.close();
    } finally {
      udp.close();
    }
  });

  test("pickle encoder: python3 reads every supported type", async () => {
    const v = [
      null,
      true,
      false,
      0,
      255,
      65535,
      65536,
      -1,
      2 ** 31,
      -(2 ** 31) - 1,
      1.5,
      2n ** 80n,
      -(2n ** 64n),
      "\u00e9\ud83d\ude00",
      "lone\ud800",
      [1, [2]],
      new Map<unknown, unknown>([[1, "a"]]),
      { a: { b: [] } },
      new Date(0).toISOString(),
    ];
    const out = await python("import pickle, sys; print(repr(pickle.loads(bytes.fromhex(sys.argv[1]))))", [
      pickleDumps(v).toString("hex"),
    ]);
    assert.equal(
      out.trim(),
      "[None, True, False, 0, 255, 65535, 65536, -1, 2147483648, -2147483649, 1.5, 1208925819614629174706176, " +
        "-18446744073709551616, '\u00e9\ud83d\ude00', 'lone\\ud800', [1, [2]], {1: 'a'}, {'a': {'b': []}}, '1970-01-01T00:00:00.000Z']",
    );
  });
});

describe("HTTPHandler", () => {
  type Req = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
  let server: http.Server;
  let port = 0;
  const requests: Req[] = [];
  let onRequest: (() => void) | null = null;
  before(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.end("ok");
        onRequest?.();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const nextRequest = (n: number): Promise<Req> =>
    withTimeout(
      new Promise<Req>((resolve) => {
        const check = (): void => {
          if (requests.length >= n) {
            onRequest = null;
            resolve(requests[n - 1]);
          }
        };
        onRequest = check;
        check();
      }),
      "an HTTP request",
    );

  const pyHttp = (method: string, url: string, creds: string) =>
    python(
      `
import logging, logging.handlers, sys
h = logging.handlers.HTTPHandler("127.0.0.1:" + sys.argv[1], ${JSON.stringify(url)}, method=${JSON.stringify(method)}, credentials=${creds})
h.handle(logging.makeLogRecord(${PY_RECORD}))
`,
      [String(port)],
    );

  test("GET: the query string CPython sends for the same record", async () => {
    const h = new HTTPHandler(`127.0.0.1:${port}`, "/log?src=node");
    const n = requests.length;
    h.handle(record());
    await h.flush();
    const ours = await nextRequest(n + 1);
    assert.equal(ours.method, "GET");
    assert.ok(
      ours.url.startsWith(
        "/log?src=node&name=net.test&msg=h%C3%A9llo+%25s+%26+%25d%25%25&args=%28%27w%C3%B6rld+%E2%82%AC%27%2C+42%29&",
      ),
    );
    assert.ok(ours.url.includes("&created=1700000000.5&msecs=500.0&relativeCreated=12.25&"));
    assert.equal(ours.headers.authorization, undefined);
    await pyHttp("GET", "/log?src=node", "None");
    const theirs = await nextRequest(n + 2);
    assert.equal(ours.url, theirs.url);
    assert.equal(ours.headers["accept-encoding"], theirs.headers["accept-encoding"]);
    h.close();
  });

  test("POST: form body, Content-type, Content-length and Basic auth as CPython", async () => {
    const h = new HTTPHandler(`127.0.0.1:${port}`, "/post", "post", false, ["ann", "s\u00e9cret:1"]);
    assert.equal(h.method, "POST");
    const n = requests.length;
    h.handle(record());
    await h.flush();
    const ours = await nextRequest(n + 1);
    assert.equal(ours.method, "POST");
    assert.equal(ours.url, "/post");
    assert.equal(ours.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(ours.headers["content-length"], String(Buffer.byteLength(ours.body)));
    assert.equal(ours.headers.authorization, "Basic " + Buffer.from("ann:s\u00e9cret:1").toString("base64"));
    await pyHttp("POST", "/post", '("ann", "s\\u00e9cret:1")');
    const theirs = await nextRequest(n + 2);
    assert.equal(ours.body, theirs.body);
    assert.equal(ours.headers.authorization, theirs.headers.authorization);
    assert.equal(ours.headers["content-length"], theirs.headers["content-length"]);
    assert.equal(ours.headers["content-type"], theirs.headers["content-type"]);
    h.close();
  });

  test("argument errors and request failures", async () => {
    assert.throws(() => new HTTPHandler("h", "/", "PUT"), {
      name: "ValueError",
      message: "method must be GET or POST",
    });
    assert.throws(() => new HTTPHandler("h", "/", "GET", false, null, { rejectUnauthorized: false }), {
      name: "ValueError",
      message: "context parameter only makes sense with secure=True",
    });
    const secure = new HTTPHandler({ host: "h", url: "/", secure: true, context: { rejectUnauthorized: false } });
    assert.equal(secure.getConnection("h:8443", true).port, 8443);
    assert.equal(secure.getConnection("[::1]", true).hostname, "::1");
    const h = new HTTPHandler(`127.0.0.1:${await closedPort()}`, "/");
    const errors = captureErrors(h);
    h.handle(record());
    await h.flush();
    assert.equal(errors.length, 1);
    assert.equal((errors[0] as NodeJS.ErrnoException).code, "ECONNREFUSED");
  });

  test("urlencode follows urllib.parse rules", () => {
    assert.equal(quotePlus("a b/c?&=+~_.-\u00e9"), "a+b%2Fc%3F%26%3D%2B~_.-%C3%A9");
    assert.equal(
      urlencode({ n: null, t: true, l: [1, "x"], d: { x: 1 }, f: 1.5 }),
      "n=None&t=True&l=%5B1%2C+%27x%27%5D&d=%7B%27x%27%3A+1%7D&f=1.5",
    );
    const pyOut = spawnSync(
      "python3",
      [
        "-c",
        "import urllib.parse; print(urllib.parse.urlencode({'n': None, 't': True, 'l': [1, 'x'], 'd': {'x': 1}, 'f': 1.5}))",
      ],
      { encoding: "utf8", timeout: 8000 },
    );
    assert.equal(pyOut.stdout.trim(), "n=None&t=True&l=%5B1%2C+%27x%27%5D&d=%7B%27x%27%3A+1%7D&f=1.5");
  });
});

describe("process lifetime", () => {
  test("handlers do not keep the process alive, and queued records still go out", async () => {
    const udp = await new UdpReceiver().start();
    const tcp = await new StreamReceiver().start();
    try {
      const script = `
import { SocketHandler, DatagramHandler } from ${JSON.stringify(path.join(HERE, "../src/handlers/socket.ts"))};
import { SysLogHandler } from ${JSON.stringify(path.join(HERE, "../src/handlers/syslog.ts"))};
import { makeLogRecord } from ${JSON.stringify(path.join(HERE, "../src/core/record.ts"))};
const r = makeLogRecord({ name: "child", msg: "from child", levelname: "INFO", levelno: 20 });
new SysLogHandler(["127.0.0.1", ${udp.port}]).handle(r);
new SysLogHandler(["127.0.0.1", ${tcp.port}], 1, "tcp").handle(r);
new SocketHandler("127.0.0.1", ${tcp.port}).handle(r);
new DatagramHandler("127.0.0.1", ${udp.port}).handle(r);
`;
      const started = Date.now();
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let err = "";
      child.stderr.on("data", (d) => {
        err += d;
      });
      const code = await withTimeout(
        new Promise<number | null>((r) => child.on("close", (c) => r(c))),
        "the child to exit",
        10000,
      );
      assert.equal(code, 0, err);
      assert.ok(Date.now() - started < 8000);
      const got = [await udp.next(), await udp.next()].map((b) => b.toString("latin1"));
      assert.ok(
        got.some((s) => s === "<14>from child\0"),
        "syslog datagram",
      );
      assert.ok(
        got.some((s) => s.includes("from child") && s.charCodeAt(4) === 0x80),
        "pickle datagram",
      );
      await tcp.until(() => tcp.conns.length === 2 && tcp.conns.every((c) => c.ended), "both TCP streams");
      const streams = tcp.conns.map((c) => c.data.toString("latin1"));
      assert.ok(streams.includes("<14>from child\0"));
      assert.ok(streams.some((s) => s.includes("from child") && s.charCodeAt(4) === 0x80));
    } finally {
      udp.close();
      await tcp.close();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
