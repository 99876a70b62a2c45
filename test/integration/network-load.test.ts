/**
 * Memory of the network handlers when the peer never reads or never
 * answers, in child processes: the peak RSS stays within the documented
 * queue bound of a baseline that only formats the same records, and the
 * records beyond the bound are counted as dropped. `LOGXIDE_NET_N` sets the
 * record count (the manual run uses 1500000).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HttpPeer, TcpPeer, imports, runChild } from "./network-peers.js";

const N = Number(process.env.LOGXIDE_NET_N ?? 300000);
/** Pickling is several times slower than syslog formatting: fewer records keep the run short. */
const PICKLE_N = Math.ceil(N / 3);
/** Queue bounds (16 MiB at most) plus allocator slack. */
const SLACK_MIB = 40;

interface Figures {
  emitted: number;
  delivered: number;
  dropped: number;
  failed: number;
  pending: number;
  rssMiB: number;
  ms: number;
}

/** Runs `body` (which defines `h` and logs N records) in a child; returns its counters and peak RSS. */
async function measure(body: string): Promise<Figures> {
  const r = await runChild(
    `${imports()}
const t0 = Date.now();
${body}
const c = h.counters ? h.counters.toJSON() : { emitted: ${N}, delivered: 0, dropped: 0, failed: 0, pending: 0 };
const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ ...c, rssMiB, ms: Date.now() - t0 }));
process.exit(0);
`,
    120000,
  );
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Figures;
}

const loop = (call: string, n = N) =>
  `for (let i = 0; i < ${n}; i++) { ${call}; if (i % 50000 === 0) await new Promise((r) => setImmediate(r)); }`;

describe("never-reading and never-answering peers: memory bounded, drops counted", () => {
  /** The same records, only formatted (syslog bytes / pickles), never sent. */
  const baseline = { syslog: 0, pickle: 0 };

  test("baselines: formatting the same records only", async () => {
    baseline.syslog = (
      await measure(
        `const f = new SysLogHandler(["127.0.0.1", 9]); const h = {}; ${loop("f.makeMessage(rec(i, 100))")}`,
      )
    ).rssMiB;
    baseline.pickle = (
      await measure(
        `const f = new SocketHandler("127.0.0.1", 9); const h = {}; ${loop("f.makePickle(rec(i))", PICKLE_N)}`,
      )
    ).rssMiB;
    assert.ok(baseline.syslog > 0 && baseline.pickle > 0);
  });

  test("SysLogHandler over TCP to a peer that accepts and never reads", async () => {
    const peer = await new TcpPeer(false).start();
    try {
      const f = await measure(
        `const h = new SysLogHandler(["127.0.0.1", ${peer.port}], 1, "tcp"); h.handleError = () => {}; await new Promise((r) => h.socket.once("connect", r)); ${loop("h.handle(rec(i, 100))")}`,
      );
      console.log(`SysLogHandler TCP, never reading: ${JSON.stringify(f)}; baseline RSS ${baseline.syslog} MiB`);
      assert.equal(f.emitted, N);
      assert.equal(f.emitted, f.delivered + f.dropped + f.failed + f.pending);
      assert.ok(f.dropped > 0);
      assert.ok(f.rssMiB <= baseline.syslog + SLACK_MIB, `${f.rssMiB} MiB vs baseline ${baseline.syslog} MiB`);
    } finally {
      await peer.close();
    }
  });

  test("SocketHandler to a peer that accepts and never reads", async () => {
    const peer = await new TcpPeer(false).start();
    try {
      const f = await measure(
        `const h = new SocketHandler("127.0.0.1", ${peer.port}); h.handleError = () => {}; h.handle(rec(-1)); await new Promise((r) => setTimeout(r, 50)); ${loop("h.handle(rec(i))", PICKLE_N)}`,
      );
      console.log(`SocketHandler, never reading: ${JSON.stringify(f)}; baseline RSS ${baseline.pickle} MiB`);
      assert.equal(f.emitted, PICKLE_N + 1);
      assert.equal(f.emitted, f.delivered + f.dropped + f.failed + f.pending);
      assert.ok(f.dropped > 0);
      assert.ok(f.rssMiB <= baseline.pickle + SLACK_MIB, `${f.rssMiB} MiB vs baseline ${baseline.pickle} MiB`);
    } finally {
      await peer.close();
    }
  });

  test("HTTPHandler to a server that never answers: bounded sockets and queue", async () => {
    const peer = await new HttpPeer({ kind: "never" }).start();
    const n = Math.min(N, 20000);
    try {
      const f = await measure(
        `const h = new HTTPHandler("127.0.0.1:${peer.port}", "/log", "POST"); h.handleError = () => {}; h.exitTimeout = 0; for (let i = 0; i < ${n}; i++) h.handle(rec(i)); await new Promise((r) => setTimeout(r, 200));`,
      );
      console.log(
        `HTTPHandler, never answering: ${JSON.stringify(f)}; server saw ${peer.maxOpenSockets} sockets at most`,
      );
      assert.equal(f.emitted, n);
      assert.equal(f.emitted, f.delivered + f.dropped + f.failed + f.pending);
      assert.ok(peer.maxOpenSockets <= 4, `${peer.maxOpenSockets} sockets`);
      assert.ok(f.pending <= 10000 + 4);
    } finally {
      await peer.close();
    }
  });
});
