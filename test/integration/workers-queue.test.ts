/**
 * worker_threads through a queue: workers log with
 * `QueueHandler(parentPort)`, the main thread handles their records with a
 * `QueueListener` on the Worker (Python's multiprocessing pattern). Real
 * Worker threads running the ESM build (workers do not inherit the tsx
 * loader); the main side runs the sources, so the message shape is also
 * checked across two copies of logxide.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MessageChannel, Worker } from "node:worker_threads";
import * as logging from "../../src/index.js";
import { QUEUE_MESSAGE_KEY } from "../../src/handlers/queue.js";
import { fixtureDir, removeDir, run, script } from "./reliability-helpers.js";

type Rec = logging.LogRecord;

/** A handler that keeps the records it handles. */
class Keep extends logging.Handler {
  records: Rec[] = [];
  override emit(record: Rec): void {
    this.records.push(record);
  }
}

const exited = (w: Worker): Promise<number> => new Promise((r) => w.once("exit", r));

const WORKER = `import { parentPort, workerData } from "node:worker_threads";
import logging from "logxide";
const root = logging.getLogger();
root.setLevel(logging.DEBUG);
root.addHandler(new logging.handlers.QueueHandler(parentPort));
const log = logging.getLogger("w" + workerData.id);
const flag = workerData.sab ? new Int32Array(workerData.sab) : null;
for (let i = 0; i < workerData.n; i++) {
  log.info("w%d %d %s", workerData.id, i, "payload");
  if (workerData.appEvery && i % workerData.appEvery === 0) parentPort.postMessage({ app: i });
}
if (flag) Atomics.store(flag, 0, 1);
switch (workerData.ending) {
  case "exit": process.exit(0);
  case "throw": throw new Error("worker failed");
  case "wait": setInterval(() => {}, 1000); break;
}
`;

test("4 workers x 20k records through QueueHandler(parentPort) into one RotatingFileHandler", {
  timeout: 120_000,
}, async () => {
  const dir = fixtureDir("logxide-wq-");
  const N = 20_000;
  const W = 4;
  const maxBytes = 64 * 1024;
  try {
    const file = script(dir, "worker.mjs", WORKER);
    const logFile = path.join(dir, "all.log");
    const handler = new logging.handlers.RotatingFileHandler(logFile, { maxBytes, backupCount: 10_000 });
    handler.setFormatter(new logging.Formatter("%(threadName)s %(name)s %(message)s"));
    const workers: Worker[] = [];
    const listeners: logging.QueueListener[] = [];
    let appMessages = 0;
    for (let id = 0; id < W; id++) {
      const w = new Worker(file, { workerData: { id, n: N, appEvery: 1000 } });
      // The application's own messages on the same port: the listener leaves them alone.
      w.on("message", (m) => {
        if (m && typeof m === "object" && "app" in m) appMessages++;
        else assert.ok(QUEUE_MESSAGE_KEY in m);
      });
      const l = new logging.QueueListener(w, handler);
      l.start();
      workers.push(w);
      listeners.push(l);
    }
    const threadIds = workers.map((w) => w.threadId);
    await Promise.all(workers.map(exited));
    for (const l of listeners) l.stop();
    handler.close();

    const files = fs.readdirSync(dir).filter((f) => f.startsWith("all.log"));
    assert.ok(files.length > 20, `expected many rotations, got ${files.length} files`);
    const seen = new Map<string, number>();
    for (const f of files) {
      const size = fs.statSync(path.join(dir, f)).size;
      // CPython's rule rolls over before a record that would reach maxBytes.
      assert.ok(size <= maxBytes, `${f} is ${size} bytes, over maxBytes ${maxBytes}`);
      for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
        if (line === "") continue;
        seen.set(line, (seen.get(line) ?? 0) + 1);
      }
    }
    assert.equal(seen.size, W * N);
    for (let id = 0; id < W; id++) {
      for (let i = 0; i < N; i++) {
        const line = `Thread-${threadIds[id]} w${id} w${id} ${i} payload`;
        assert.equal(seen.get(line), 1, `${line} seen ${seen.get(line) ?? 0} times`);
      }
    }
    assert.equal(appMessages, W * (N / 1000));
  } finally {
    removeDir(dir);
  }
});

test("a worker's exception arrives as text; hostile extras are posted as plain values", {
  timeout: 30_000,
}, async () => {
  const dir = fixtureDir("logxide-wq-");
  try {
    const file = script(
      dir,
      "worker.mjs",
      `import { parentPort } from "node:worker_threads";
import logging from "logxide";
const h = new logging.handlers.QueueHandler(parentPort);
const log = logging.getLogger("exc");
log.addHandler(h);
try { throw new TypeError("boom in worker"); } catch (e) { log.error("failed %s", "here", { exc_info: e }); }
const cyc = { name: "cyc" }; cyc.self = cyc;
const hostile = new Proxy({}, { ownKeys() { throw new Error("no keys"); }, getPrototypeOf() { throw new Error("no proto"); } });
log.warning("extras", { extra: { plain: { a: 1, list: [1, "two", { b: null }] }, big: 10n, when: new Date(0),
  fn: function named() {}, sym: Symbol("s"), map: new Map([[1, 2]]), err: new Error("as value"), cyc, hostile } });
parentPort.postMessage({ failed: h.counters.failed, delivered: h.counters.delivered });
`,
    );
    const keep = new Keep();
    const w = new Worker(file);
    const tid = w.threadId;
    let counts: { failed: number; delivered: number } | null = null;
    w.on("message", (m) => {
      if (m && typeof m === "object" && "failed" in m) counts = m;
    });
    const l = new logging.QueueListener(w, keep);
    l.start();
    await exited(w);
    l.stop();
    assert.deepEqual(counts, { failed: 0, delivered: 2 });
    assert.equal(keep.records.length, 2);
    const [exc, extras] = keep.records as [Rec, Rec];
    assert.ok(exc instanceof logging.LogRecord);
    assert.equal(exc.levelname, "ERROR");
    assert.equal(exc.exc_info, null);
    assert.equal(exc.args, null);
    const text = String(exc.msg);
    assert.ok(text.startsWith("failed here\n"), text);
    assert.match(text, /TypeError: boom in worker/);
    assert.equal(exc.getMessage(), text);
    assert.equal(exc.thread, tid);
    assert.equal(exc.threadName, `Thread-${tid}`);
    assert.deepEqual(extras.plain, { a: 1, list: [1, "two", { b: null }] });
    assert.equal(extras.big, 10n);
    assert.ok(extras.when instanceof Date && (extras.when as Date).getTime() === 0);
    for (const k of ["fn", "sym", "map", "err", "hostile"]) assert.equal(typeof extras[k], "string", k);
    assert.match(String(extras.err), /as value/);
    assert.equal((extras.cyc as Record<string, unknown>).name, "cyc");
    assert.equal(typeof (extras.cyc as Record<string, unknown>).self, "string");
  } finally {
    removeDir(dir);
  }
});

test("a port whose postMessage throws: the record goes to handleError, the call does not throw", () => {
  const h = new logging.handlers.QueueHandler({
    postMessage() {
      throw new Error("port closed");
    },
  });
  const errors: unknown[] = [];
  h.handleError = (_r, e) => void errors.push(e);
  const log = new logging.Logger("port.fail");
  log.addHandler(h);
  assert.doesNotThrow(() => log.warning("lost"));
  assert.equal(errors.length, 1);
  assert.equal(h.counters.failed, 1);
});

test("QueueListener on a MessagePort: respect_handler_level, other messages ignored", async () => {
  const { port1, port2 } = new MessageChannel();
  const low = new Keep();
  const high = new Keep();
  high.setLevel(logging.ERROR);
  const l = new logging.QueueListener(port1, low, high, { respect_handler_level: true });
  l.start();
  const log = new logging.Logger("port.levels");
  log.addHandler(new logging.handlers.QueueHandler(port2));
  log.warning("warn %d", 1);
  log.error("err");
  port2.postMessage({ app: true });
  port2.postMessage({ [QUEUE_MESSAGE_KEY]: 2, record: {} }); // not this shape version
  await new Promise((r) => setTimeout(r, 50));
  l.stop();
  assert.deepEqual(
    low.records.map((r) => r.getMessage()),
    ["warn 1", "err"],
  );
  assert.deepEqual(
    high.records.map((r) => r.getMessage()),
    ["err"],
  );
  port1.close();
});

for (const ending of ["natural", "exit", "throw", "terminate"] as const) {
  test(`every record a worker posted reaches the listener when it ends (${ending})`, { timeout: 30_000 }, async () => {
    const dir = fixtureDir("logxide-wq-");
    const N = 5000;
    try {
      const file = script(dir, "worker.mjs", WORKER);
      const sab = new SharedArrayBuffer(4);
      const flag = new Int32Array(sab);
      const keep = new Keep();
      const w = new Worker(file, {
        workerData: { id: 0, n: N, ending: ending === "terminate" ? "wait" : ending, sab },
      });
      w.on("error", () => {});
      const l = new logging.QueueListener(w, keep);
      l.start();
      if (ending === "terminate") {
        await new Promise((r) => w.once("online", r));
        // Block this thread until the worker has posted everything, so no
        // message is dispatched before terminate(): they are all in flight.
        const t0 = Date.now();
        while (Atomics.load(flag, 0) === 0 && Date.now() - t0 < 20_000) {}
        assert.equal(keep.records.length, 0);
        void w.terminate();
      }
      await exited(w);
      // The worker's 'exit' stopped the listener: start() is not refused as a second start.
      assert.doesNotThrow(() => l.start());
      l.stop();
      assert.equal(keep.records.length, N);
      assert.equal(keep.records[N - 1]!.getMessage(), `w0 ${N - 1} payload`);
    } finally {
      removeDir(dir);
    }
  });
}

test("main thread exits while a worker logs: what the listener handled is in the file, in order", {
  timeout: 30_000,
}, async () => {
  const dir = fixtureDir("logxide-wq-");
  try {
    script(
      dir,
      "worker.mjs",
      `import { parentPort } from "node:worker_threads";
import logging from "logxide";
const log = logging.getLogger("loop");
log.addHandler(new logging.handlers.QueueHandler(parentPort));
let i = 0;
const tick = () => { for (let k = 0; k < 100; k++) log.warning("rec %d", i++); setImmediate(tick); };
tick();
`,
    );
    const main = script(
      dir,
      "main.mjs",
      `import { Worker } from "node:worker_threads";
import logging from "logxide";
const fh = new logging.FileHandler(process.argv[2]);
let handled = 0;
fh.addFilter(() => { if (++handled === 2000) setImmediate(() => process.exit(0)); return true; });
new logging.handlers.QueueListener(new Worker(new URL("./worker.mjs", import.meta.url)), fh).start();
`,
    );
    const out = path.join(dir, "out.log");
    const r = await run([main, out], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    const got = fs.readFileSync(out, "utf8").split("\n").filter(Boolean);
    assert.ok(got.length >= 2000, `only ${got.length} lines`);
    assert.deepEqual(
      got,
      Array.from({ length: got.length }, (_, i) => `rec ${i}`),
    );
  } finally {
    removeDir(dir);
  }
});

test("main thread exits with a worker's records still in a MessagePort: the exit drain handles them", {
  timeout: 30_000,
}, async () => {
  const dir = fixtureDir("logxide-wq-");
  const N = 5000;
  try {
    script(
      dir,
      "worker.mjs",
      `import { workerData } from "node:worker_threads";
import logging from "logxide";
const log = logging.getLogger("port");
log.addHandler(new logging.handlers.QueueHandler(workerData.port));
for (let i = 0; i < ${N}; i++) log.warning("rec %d", i);
Atomics.store(new Int32Array(workerData.sab), 0, 1);
setInterval(() => {}, 1000);
`,
    );
    const main = script(
      dir,
      "main.mjs",
      `import { MessageChannel, Worker } from "node:worker_threads";
import logging from "logxide";
const { port1, port2 } = new MessageChannel();
const sab = new SharedArrayBuffer(4);
const w = new Worker(new URL("./worker.mjs", import.meta.url), { workerData: { port: port2, sab }, transferList: [port2] });
new logging.handlers.QueueListener(port1, new logging.FileHandler(process.argv[2])).start();
w.once("online", () => {
  const flag = new Int32Array(sab);
  while (Atomics.load(flag, 0) === 0) {}
  process.exit(0); // nothing dispatched yet: all ${N} records are still in port1
});
`,
    );
    const out = path.join(dir, "out.log");
    const r = await run([main, out], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    const got = fs.readFileSync(out, "utf8").split("\n").filter(Boolean);
    assert.equal(got.length, N);
    assert.deepEqual(
      got,
      Array.from({ length: got.length }, (_, i) => `rec ${i}`),
    );
  } finally {
    removeDir(dir);
  }
});

test("a listener on a MessagePort does not keep the process alive; the application's listener still does", {
  timeout: 30_000,
}, async () => {
  const dir = fixtureDir("logxide-wq-");
  try {
    const main = script(
      dir,
      "main.mjs",
      `import { MessageChannel } from "node:worker_threads";
import logging from "logxide";
const { port1 } = new MessageChannel();
if (process.argv[2] === "app") port1.on("message", () => {});
new logging.handlers.QueueListener(port1, new logging.StreamHandler()).start();
setTimeout(() => { console.log("alive"); process.exit(0); }, 1500).unref();
`,
    );
    const alone = await run([main], { cwd: dir, timeoutMs: 10_000 });
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(alone.stdout, "", "the process should have ended before the timer");
    const app = await run([main, "app"], { cwd: dir, timeoutMs: 10_000 });
    assert.equal(app.stdout, "alive\n");
  } finally {
    removeDir(dir);
  }
});

test("prepare() copies values; an extra field named __proto__ stays a field of the copy", () => {
  const queue = new logging.SimpleQueue();
  const log = new logging.Logger("prepare.copy");
  log.addHandler(new logging.QueueHandler(queue));
  log.warning("plain %s", "arg", { extra: { user: "u1" } });
  log.warning("proto", { extra: JSON.parse('{"__proto__": "field"}') });
  const plain = queue.get_nowait() as Rec;
  assert.ok(plain instanceof logging.LogRecord);
  assert.equal(plain.msg, "plain arg");
  assert.equal(plain.args, null);
  assert.equal(plain.user, "u1");
  const proto = queue.get_nowait() as Rec;
  assert.ok(proto instanceof logging.LogRecord);
  assert.ok(Object.hasOwn(proto, "__proto__"));
  assert.equal(Object.getOwnPropertyDescriptor(proto, "__proto__")?.value, "field");
});

test("dictConfig in a worker: a QueueHandler on ext://worker_threads.parentPort; on the main thread Python's error", {
  timeout: 30_000,
}, async () => {
  const dir = fixtureDir("logxide-wq-");
  const config = {
    version: 1,
    handlers: { q: { class: "logging.handlers.QueueHandler", queue: "ext://worker_threads.parentPort" } },
    root: { level: "INFO", handlers: ["q"] },
  };
  try {
    const file = script(
      dir,
      "worker.mjs",
      `import logging from "logxide";
logging.config.dictConfig(${JSON.stringify(config)});
const log = logging.getLogger("configured");
for (let i = 0; i < 500; i++) log.info("n=%d", i);
log.debug("below the root's level");
`,
    );
    const keep = new Keep();
    const w = new Worker(file);
    const l = new logging.QueueListener(w, keep);
    l.start();
    await exited(w);
    l.stop();
    assert.deepEqual(
      keep.records.map((r) => `${r.name} ${r.getMessage()}`),
      Array.from({ length: 500 }, (_, i) => `configured n=${i}`),
    );
    // The main thread has no parentPort: Python's message for a `queue` of None.
    assert.throws(
      () => logging.config.dictConfig(config),
      (err: Error) => {
        assert.equal(err.message, "Unable to configure handler 'q'");
        assert.match(String(err.cause), /TypeError: Invalid queue specifier None/);
        return true;
      },
    );
  } finally {
    removeDir(dir);
  }
});
