/**
 * Two threads of one process with file handlers on one path: rotation cannot
 * be coordinated between threads, so logxide reports it once with a process
 * warning (LOGXIDE_FILE_SHARED_ACROSS_THREADS) naming the path and both
 * thread ids. Real Worker threads running the ESM build.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { fixtureDir, removeDir, run, script } from "./reliability-helpers.js";

const CODE = "LOGXIDE_FILE_SHARED_ACROSS_THREADS";

const WORKER = `import { parentPort, workerData } from "node:worker_threads";
import logging from "logxide";
process.on("warning", (w) => parentPort.postMessage({ warning: { code: w.code, message: w.message } }));
const h = workerData.kind === "file"
  ? new logging.FileHandler(workerData.file)
  : new logging.handlers.RotatingFileHandler(workerData.file, { maxBytes: 1000, backupCount: 2 });
const log = logging.getLogger("share");
log.addHandler(h);
log.warning("opened by %d", workerData.id);
parentPort.postMessage({ opened: true });
// Stays until told to go, then ends naturally: the channel must not keep it alive.
parentPort.once("message", () => { h.close(); parentPort.close(); });
`;

interface Warn {
  code: string;
  message: string;
}

async function runPair(files: [string, string], kind: "rotating" | "file", waitMs: number) {
  const dir = fixtureDir("logxide-share-");
  try {
    const file = script(dir, "worker.mjs", WORKER);
    const warnings: Array<Warn & { from: number }> = [];
    let opened = 0;
    const workers = files.map((f, id) => {
      const w = new Worker(file, { workerData: { id, file: path.join(dir, f), kind } });
      const tid = w.threadId;
      w.on("message", (m) => {
        if (m.warning && m.warning.code === CODE) warnings.push({ ...m.warning, from: tid });
        if (m.opened) opened++;
      });
      return w;
    });
    const ids = workers.map((w) => w.threadId);
    const t0 = Date.now();
    while (opened < 2 && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 10));
    assert.equal(opened, 2);
    // The report is asynchronous: wait for it (or, where none is due, a while).
    const t1 = Date.now();
    while (Date.now() - t1 < waitMs && (warnings.length === 0 || Date.now() - t1 < 300))
      await new Promise((r) => setTimeout(r, 20));
    const ends = workers.map((w) => new Promise<number>((r) => w.once("exit", r)));
    for (const w of workers) w.postMessage("go");
    const codes = await Promise.race([
      Promise.all(ends),
      new Promise<"stuck">((r) => setTimeout(() => r("stuck"), 10_000).unref()),
    ]);
    if (codes === "stuck") for (const w of workers) void w.terminate();
    assert.notEqual(codes, "stuck", "a worker with a file handler did not end on its own");
    return { warnings, ids, dir };
  } finally {
    removeDir(dir);
  }
}

test("two workers with RotatingFileHandler on one path: one warning naming the path and both threads", {
  timeout: 60_000,
}, async () => {
  const { warnings, ids, dir } = await runPair(["same.log", "same.log"], "rotating", 5000);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  const w = warnings[0]!;
  assert.ok(w.message.includes(path.join(dir, "same.log")), w.message);
  for (const id of ids) assert.match(w.message, new RegExp(`\\b${id}\\b`));
  assert.match(w.message, /QueueHandler\(parentPort\)/);
  assert.equal(w.from, Math.min(...ids));
});

test("two workers with RotatingFileHandler on different paths: no warning", { timeout: 60_000 }, async () => {
  const { warnings } = await runPair(["a.log", "b.log"], "rotating", 800);
  assert.deepEqual(warnings, []);
});

test("two workers appending with FileHandler to one path: no warning (whole-line appends, no rotation)", {
  timeout: 60_000,
}, async () => {
  const { warnings } = await runPair(["same.log", "same.log"], "file", 800);
  assert.deepEqual(warnings, []);
});

test("the main thread and a worker on one path: the main thread warns, naming thread 0 and the worker", {
  timeout: 60_000,
}, async () => {
  const dir = fixtureDir("logxide-share-");
  try {
    script(
      dir,
      "worker.mjs",
      `import { workerData } from "node:worker_threads";
import logging from "logxide";
const h = new logging.handlers.RotatingFileHandler(workerData.file, { maxBytes: 1000, backupCount: 2 });
setTimeout(() => h.close(), 500);
`,
    );
    const main = script(
      dir,
      "main.mjs",
      `import { Worker } from "node:worker_threads";
import logging from "logxide";
const file = process.argv[2];
const warnings = [];
process.on("warning", (w) => { if (w.code === "${CODE}") warnings.push(w.message); });
const h = new logging.handlers.RotatingFileHandler(file, { maxBytes: 1000, backupCount: 2 });
const w = new Worker(new URL("./worker.mjs", import.meta.url), { workerData: { file } });
const id = w.threadId;
w.on("exit", () => { h.close(); console.log(JSON.stringify({ id, warnings })); });
`,
    );
    const file = path.join(dir, "shared.log");
    const r = await run([main, file], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    const { id, warnings } = JSON.parse(r.stdout) as { id: number; warnings: string[] };
    assert.equal(warnings.length, 1, r.stdout);
    assert.match(warnings[0]!, new RegExp(`threads 0 and ${id} `));
    assert.ok(warnings[0]!.includes(file));
  } finally {
    removeDir(dir);
  }
});
