/**
 * A record field named `__proto__` (stored as an own field by `extra`, as
 * from a parsed JSON object) travels with the record: in HTTPHandler's form
 * data and JSON batches, and in the pickle SocketHandler sends. Real peers
 * on 127.0.0.1: a Node HTTP server (compared with CPython's HTTPHandler for
 * the same record) and a python3 receiver that unpickles the record.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyExtra } from "../src/core/callArgs.js";
import { makeLogRecord, type LogRecord } from "../src/core/record.js";
import { HTTPHandler } from "../src/handlers/http.js";
import { SocketHandler } from "../src/handlers/socket.js";
import { HttpPeer, until } from "./integration/network-peers.js";
import { PICKLE_RECEIVER_PRELUDE, PYTHON3_MISSING } from "./support/python.js";

const WAIT_MS = 8000;

/** A record with `__proto__` and `constructor` as own fields, stored by the code that stores `extra`. */
function record(): LogRecord {
  const fields = Object.fromEntries([
    ["name", "proto.test"],
    ["msg", "hello %s"],
    ["args", ["x"]],
    ["levelname", "WARNING"],
    ["levelno", 30],
    ["created", 1700000000.5],
    ["msecs", 500.0],
    ["relativeCreated", 1.5],
  ]);
  const r = makeLogRecord(fields);
  copyExtra(
    r,
    Object.fromEntries([
      ["__proto__", "polluted?"],
      ["constructor", "ctor"],
    ]),
  );
  assert.ok(Object.hasOwn(r, "__proto__"), "the record holds __proto__ as its own field");
  return r;
}

/** The same record in Python (setattr stores `__proto__` like any name). */
const PY_RECORD = `logging.makeLogRecord({"name": "proto.test", "msg": "hello %s", "args": ("x",),
  "levelname": "WARNING", "levelno": 30, "created": 1700000000.5, "msecs": 500.0,
  "relativeCreated": 1.5, "__proto__": "polluted?", "constructor": "ctor"})`;

describe("HTTPHandler sends a __proto__ field", () => {
  let peer: HttpPeer;
  before(async () => {
    peer = await new HttpPeer().start();
  });
  after(() => peer.close());

  test("POST form body: the field is there, as in CPython's body for the same record", async () => {
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/p", "POST");
    h.handle(record());
    await h.flush();
    assert.ok(await until(() => peer.requests.length >= 1, WAIT_MS));
    const ours = peer.requests[0]!.body;
    h.close();
    assert.match(ours, /(^|&)__proto__=polluted%3F(&|$)/);
    assert.match(ours, /(^|&)constructor=ctor(&|$)/);
    if (PYTHON3_MISSING) return;
    // CPython's body for the same record: the same fields; only the ones
    // that describe the running process (thread, pid, ...) differ.
    // Asynchronous: the peer answering CPython's request runs in this process.
    const py = spawn(
      "python3",
      [
        "-c",
        `import logging, logging.handlers, sys
h = logging.handlers.HTTPHandler("127.0.0.1:" + sys.argv[1], "/p", method="POST")
h.handle(${PY_RECORD})`,
        String(peer.port),
      ],
      { stdio: ["ignore", "ignore", "pipe"], timeout: WAIT_MS },
    );
    let err = "";
    py.stderr.on("data", (d) => {
      err += d;
    });
    const status = await new Promise<number | null>((resolve) => py.on("close", resolve));
    assert.equal(status, 0, err);
    assert.ok(await until(() => peer.requests.length >= 2, WAIT_MS));
    const pick = (body: string) =>
      body
        .split("&")
        .filter((kv) => /^(name|msg|args|levelname|levelno|created|msecs|__proto__|constructor)=/.test(kv));
    assert.deepEqual(pick(ours), pick(peer.requests[1]!.body));
  });

  test("JSON batch: the object has a __proto__ key", async () => {
    const n = peer.requests.length;
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/b", "POST");
    h.batch = { format: "ndjson", intervalMs: 1 };
    h.handle(record());
    await h.flush();
    assert.ok(await until(() => peer.requests.length > n, WAIT_MS));
    h.close();
    const line = JSON.parse(peer.requests[n]!.body.trim()) as Record<string, unknown>;
    assert.ok(Object.hasOwn(line, "__proto__"));
    assert.equal(Object.getOwnPropertyDescriptor(line, "__proto__")?.value, "polluted?");
    assert.equal(line.constructor, "ctor");
  });
});

describe("SocketHandler pickles a __proto__ field", { skip: PYTHON3_MISSING ?? false }, () => {
  test("a python3 receiver finds it in the unpickled dict and on the rebuilt record", async () => {
    const receiver = spawn(
      "python3",
      [
        "-c",
        `${PICKLE_RECEIVER_PRELUDE}d = frame()
r = logging.makeLogRecord(d)
print(json.dumps({"proto": d.get("__proto__"), "ctor": d.get("constructor"),
                  "attr": getattr(r, "__proto__", None), "message": r.getMessage()}), flush=True)`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const lines: string[] = [];
    let out = "";
    let err = "";
    receiver.stdout.on("data", (d) => {
      out += d;
      const parts = out.split("\n");
      out = parts.pop()!;
      lines.push(...parts);
    });
    receiver.stderr.on("data", (d) => {
      err += d;
    });
    try {
      assert.ok(await until(() => lines.length >= 1, WAIT_MS), `receiver port (stderr: ${err})`);
      const h = new SocketHandler("127.0.0.1", Number(lines[0]));
      h.handle(record());
      await h.flush();
      assert.ok(await until(() => lines.length >= 2, WAIT_MS), `receiver output (stderr: ${err})`);
      h.close();
      assert.deepEqual(JSON.parse(lines[1]!), {
        proto: "polluted?",
        ctor: "ctor",
        attr: "polluted?",
        message: "hello x",
      });
    } finally {
      receiver.kill();
    }
  });
});
