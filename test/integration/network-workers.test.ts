/**
 * worker_threads: each worker has its own logxide and its own exit hook. A
 * worker that ends naturally, calls `process.exit()` or throws delivers what
 * its SysLogHandler queued just before (the connection not yet made).
 * Runs the ESM build (workers do not inherit the tsx loader).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { fixtureDir, removeDir, script } from "./reliability-helpers.js";
import { TcpPeer, until } from "./network-peers.js";

const N = 100;

for (const ending of ["natural", "exit", "throw"] as const) {
  test(`a worker's records reach the peer when it ends (${ending})`, async () => {
    const dir = fixtureDir("logxide-worker-");
    const peer = await new TcpPeer().start();
    try {
      const file = script(
        dir,
        "worker.mjs",
        `import { workerData } from "node:worker_threads";
import logging from "logxide";
const h = new logging.handlers.SysLogHandler(["127.0.0.1", workerData.port], 1, "tcp");
const log = logging.getLogger("worker");
log.propagate = false;
log.addHandler(h);
for (let i = 0; i < ${N}; i++) log.warning("${ending} %d", i);
if (workerData.ending === "exit") process.exit(0);
if (workerData.ending === "throw") throw new Error("worker failed");
`,
      );
      const w = new Worker(path.resolve(file), { workerData: { port: peer.port, ending } });
      w.on("error", () => {});
      await new Promise((r) => w.once("exit", r));
      await until(() => peer.nulMessages().length >= N, 5000);
      const got = peer.nulMessages();
      assert.equal(got.length, N);
      assert.equal(got[N - 1], `<12>${ending} ${N - 1}`);
    } finally {
      await peer.close();
      removeDir(dir);
    }
  });
}
