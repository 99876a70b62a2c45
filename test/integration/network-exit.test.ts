/**
 * Exit paths of the network and queue handlers, in real child processes
 * against loopback peers: records logged in the same turn as
 * `process.exit(0)` or an uncaught throw, with the connection not yet made
 * and with it already open, all reach the peer.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HttpPeer, SRC, TcpPeer, UdpPeer, imports, runChild, until } from "./network-peers.js";
import { pickleReceiverPrelude } from "../support/python.js";

const N = 1000;

type Ending = "exit" | "throw";
const ENDINGS: Array<[Ending, string, number]> = [
  ["exit", "process.exit(0);", 0],
  ["throw", 'throw new Error("boom");', 1],
];

/** The child: make `ctor`, optionally wait for the connection, log N records, end. */
function childScript(ctor: string, ending: string, warm: boolean): string {
  return `${imports()}
const h = ${ctor};
${warm ? 'h.handle(rec("warm")); await h.flush();' : ""}
for (let i = 0; i < ${N}; i++) h.handle(rec(i));
${ending}
`;
}

describe("network handlers deliver what was logged before the process ends", () => {
  for (const [ending, code, status] of ENDINGS) {
    for (const warm of [false, true]) {
      const when = `${ending === "exit" ? "process.exit(0)" : "an uncaught throw"}${warm ? ", connection open" : ", not yet connected"}`;
      const expected = N + (warm ? 1 : 0);

      test(`SysLogHandler UDP: ${when}`, async () => {
        const peer = await new UdpPeer().start();
        try {
          const r = await runChild(childScript(`new SysLogHandler(["127.0.0.1", ${peer.port}])`, code, warm));
          assert.equal(r.code, status, r.stderr);
          await until(() => peer.messages.length >= expected, 3000);
          assert.equal(peer.messages.length, expected);
          assert.equal(peer.messages.at(-1)!.toString(), `<14>record ${N - 1}\0`);
        } finally {
          peer.close();
        }
      });

      test(`SysLogHandler TCP: ${when}`, async () => {
        const peer = await new TcpPeer().start();
        try {
          const r = await runChild(childScript(`new SysLogHandler(["127.0.0.1", ${peer.port}], 1, "tcp")`, code, warm));
          assert.equal(r.code, status, r.stderr);
          await until(() => peer.nulMessages().length >= expected, 3000);
          const msgs = peer.nulMessages();
          assert.equal(msgs.length, expected);
          assert.equal(msgs.at(-1), `<14>record ${N - 1}`);
        } finally {
          await peer.close();
        }
      });

      test(`SocketHandler: ${when}`, async () => {
        const peer = await new TcpPeer().start();
        try {
          const r = await runChild(childScript(`new SocketHandler("127.0.0.1", ${peer.port})`, code, warm));
          assert.equal(r.code, status, r.stderr);
          await until(() => peer.pickles() >= expected, 3000);
          assert.equal(peer.pickles(), expected);
        } finally {
          await peer.close();
        }
      });

      test(`DatagramHandler: ${when}`, async () => {
        const peer = await new UdpPeer().start();
        try {
          const r = await runChild(childScript(`new DatagramHandler("127.0.0.1", ${peer.port})`, code, warm));
          assert.equal(r.code, status, r.stderr);
          await until(() => peer.messages.length >= expected, 3000);
          assert.equal(peer.messages.length, expected);
        } finally {
          peer.close();
        }
      });

      test(`HTTPHandler POST: ${when}`, async () => {
        const peer = await new HttpPeer().start();
        try {
          const r = await runChild(
            childScript(
              // A generous exit budget: the machine running the suite may be loaded.
              `Object.assign(new HTTPHandler("127.0.0.1:${peer.port}", "/log", "POST"), { exitTimeout: 30 })`,
              code,
              warm,
            ),
          );
          assert.equal(r.code, status, r.stderr);
          await until(() => peer.records() >= expected, 3000);
          assert.equal(peer.records(), expected);
          assert.ok(peer.requests.some((q) => q.body.includes("msg=record+999&")));
        } finally {
          await peer.close();
        }
      });
    }
  }

  test("HTTPHandler batched (ndjson): process.exit(0)", async () => {
    const peer = await new HttpPeer().start();
    try {
      const r = await runChild(
        childScript(
          `Object.assign(new HTTPHandler("127.0.0.1:${peer.port}", "/bulk", "POST"), { batch: { maxRecords: 250 } })`,
          "process.exit(0);",
          false,
        ),
      );
      assert.equal(r.code, 0, r.stderr);
      await until(() => peer.records() >= N, 3000);
      assert.equal(peer.records(), N);
      assert.equal(peer.requests.length, N / 250);
    } finally {
      await peer.close();
    }
  });

  test("a unix stream socket path: process.exit(0) before connecting", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-unix-"));
    const sock = path.join(dir, "log.sock");
    const peer = new TcpPeer();
    try {
      await new Promise<void>((r) => peer.server.listen(sock, () => r()));
      const r = await runChild(childScript(`new SysLogHandler(${JSON.stringify(sock)})`, "process.exit(0);", false));
      assert.equal(r.code, 0, r.stderr);
      await until(() => peer.nulMessages().length >= N, 3000);
      assert.equal(peer.nulMessages().length, N);
    } finally {
      await peer.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("records logged by an 'exit' listener that runs after logxide's still go out", async () => {
  const tcp = await new TcpPeer().start();
  const web = await new HttpPeer().start();
  try {
    const r = await runChild(`${imports()}
const s = new SysLogHandler(["127.0.0.1", ${tcp.port}], 1, "tcp");
const w = Object.assign(new HTTPHandler("127.0.0.1:${web.port}", "/late", "POST"), { exitTimeout: 30 });
s.handle(rec("first"));
process.on("exit", () => {
  for (let i = 0; i < 2; i++) {
    s.handle(rec("late " + i));
    w.handle(rec("late " + i));
  }
});
process.exit(0);
`);
    assert.equal(r.code, 0, r.stderr);
    await until(() => tcp.nulMessages().length >= 3 && web.records() >= 2, 3000);
    assert.deepEqual(tcp.nulMessages(), ["<14>record first", "<14>record late 0", "<14>record late 1"]);
    assert.equal(web.records(), 2);
  } finally {
    await tcp.close();
    await web.close();
  }
});

test("SocketHandler → a python3 receiver: 1000 records then process.exit(0), all unpickled", async () => {
  const receiver = spawn(
    "python3",
    [
      "-c",
      `${pickleReceiverPrelude(15)}buf = b""
n = 0
last = None
while True:
    chunk = conn.recv(65536)
    if not chunk:
        break
    buf += chunk
    while len(buf) >= 4:
        size = struct.unpack(">L", buf[:4])[0]
        if len(buf) < 4 + size:
            break
        last = logging.makeLogRecord(pickle.loads(buf[4:4 + size])).getMessage()
        buf = buf[4 + size:]
        n += 1
print(n, last, flush=True)
`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    let out = "";
    receiver.stdout.on("data", (d) => {
      out += d;
    });
    await until(() => out.includes("\n"), 8000);
    const port = Number(out.trim());
    const r = await runChild(childScript(`new SocketHandler("127.0.0.1", ${port})`, "process.exit(0);", false));
    assert.equal(r.code, 0, r.stderr);
    await until(() => out.trim().split("\n").length >= 2, 8000);
    assert.equal(out.trim().split("\n")[1], `${N} record ${N - 1}`);
  } finally {
    receiver.kill();
  }
});

test("handleSignals: SIGTERM right after logging, the queued records still go out", async () => {
  const peer = await new TcpPeer().start();
  try {
    const r = await runChild(`${imports()}
import { handleSignals } from ${JSON.stringify(SRC + "/io/signals.ts")};
handleSignals();
const h = new SysLogHandler(["127.0.0.1", ${peer.port}], 1, "tcp");
for (let i = 0; i < ${N}; i++) h.handle(rec(i));
process.kill(process.pid, "SIGTERM");
setTimeout(() => {}, 5000);
`);
    assert.equal(r.code, null, r.stderr); // ended by the signal
    await until(() => peer.nulMessages().length >= N, 3000);
    assert.equal(peer.nulMessages().length, N);
  } finally {
    await peer.close();
  }
});

describe("QueueListener is drained at exit", () => {
  test("QueueHandler + started QueueListener → FileHandler: 5000 records, then process.exit(1)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-queue-"));
    const file = path.join(dir, "q.log");
    try {
      const r = await runChild(`${imports()}
const q = new SimpleQueue();
const listener = new QueueListener(q, new FileHandler(${JSON.stringify(file)}));
listener.start();
const h = new QueueHandler(q);
for (let i = 0; i < 5000; i++) h.handle(rec(i));
process.exit(1);
`);
      assert.equal(r.code, 1, r.stderr);
      const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
      assert.equal(lines.length, 5000);
      assert.equal(lines[4999], "record 4999");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
