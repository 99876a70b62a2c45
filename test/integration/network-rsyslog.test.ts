/**
 * SysLogHandler against a real rsyslogd (Debian's `rsyslog` package),
 * started by the test with a private configuration: UDP and TCP inputs on
 * loopback ports, an imuxsock datagram socket in a temp dir, and a private
 * output file of the raw messages. Skipped when `rsyslogd` is not installed.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as dgram from "node:dgram";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { makeLogRecord, type LogRecord } from "../../src/core/record.js";
import { SysLogHandler } from "../../src/handlers/syslog.js";
import { closedPort, imports, runChild, until } from "./network-peers.js";

const HAVE_RSYSLOG = spawnSync("rsyslogd", ["-v"], { timeout: 5000 }).status === 0;
const SKIP = HAVE_RSYSLOG ? false : "rsyslogd is not installed (apt-get install -y rsyslog)";

const rec = (msg: string): LogRecord => makeLogRecord({ name: "rs", msg, levelname: "INFO", levelno: 20 });

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("SysLogHandler → rsyslogd", { skip: SKIP }, () => {
  let dir = "";
  let out = "";
  let sock = "";
  let udpPort = 0;
  let tcpPort = 0;
  let daemon: ChildProcess | null = null;

  /** Raw messages rsyslogd wrote (trailing NULs removed). */
  const received = (): string[] =>
    fs.existsSync(out)
      ? fs
          .readFileSync(out, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => l.replace(/\0+$/, ""))
      : [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-rsyslog-"));
    out = path.join(dir, "out.log");
    sock = path.join(dir, "log.sock");
    udpPort = await freeUdpPort();
    tcpPort = await closedPort();
    const conf = path.join(dir, "rsyslog.conf");
    fs.writeFileSync(
      conf,
      [
        `global(workDirectory="${dir}")`,
        `module(load="imudp")`,
        // A burst of datagrams must fit the socket buffer: UDP drops what does not.
        `input(type="imudp" address="127.0.0.1" port="${udpPort}" rcvbufSize="16m")`,
        // Python's SysLogHandler ends each TCP message with NUL, no newline.
        `module(load="imtcp" AddtlFrameDelimiter="0")`,
        `input(type="imtcp" address="127.0.0.1" port="${tcpPort}")`,
        `module(load="imuxsock" SysSock.Use="off")`,
        `input(type="imuxsock" Socket="${sock}")`,
        `template(name="raw" type="string" string="%rawmsg%\\n")`,
        `*.* action(type="omfile" file="${out}" template="raw")`,
        "",
      ].join("\n"),
    );
    daemon = spawn("rsyslogd", ["-n", "-f", conf, "-i", path.join(dir, "pid")], { stdio: "ignore" });
    const tcpUp = async (): Promise<boolean> =>
      new Promise((resolve) => {
        const c = net.connect(tcpPort, "127.0.0.1");
        c.on("connect", () => {
          c.destroy();
          resolve(true);
        });
        c.on("error", () => resolve(false));
      });
    const deadline = Date.now() + 10000;
    while (!(fs.existsSync(sock) && (await tcpUp()))) {
      if (Date.now() > deadline) throw new Error("rsyslogd did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  after(() => {
    daemon?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("UDP: the bytes arrive as rsyslog's raw message", async () => {
    const h = new SysLogHandler(["127.0.0.1", udpPort]);
    for (let i = 0; i < 50; i++) h.handle(rec(`udp ${i} caf\u00e9`));
    await h.flush();
    assert.equal(h.counters.delivered, 50);
    await until(() => received().filter((l) => l.includes("udp ")).length >= 50, 5000);
    const got = received().filter((l) => l.includes("udp "));
    assert.equal(got.length, 50);
    assert.equal(got[0], "<14>udp 0 caf\u00e9");
    h.close();
  });

  test("TCP: NUL-delimited messages, each one a message for rsyslog", async () => {
    const h = new SysLogHandler(["127.0.0.1", tcpPort], "local3", "tcp");
    for (let i = 0; i < 500; i++) h.handle(rec(`tcp ${i}`));
    await h.flush();
    assert.equal(h.counters.delivered, 500);
    await until(() => received().filter((l) => l.includes("tcp ")).length >= 500, 5000);
    const got = received().filter((l) => l.includes("tcp "));
    assert.equal(got.length, 500);
    assert.equal(got[499], "<158>tcp 499");
    await h.close();
  });

  test("1000 records then process.exit(0): rsyslog gets them all (UDP and TCP)", async () => {
    const r = await runChild(`${imports()}
const u = new SysLogHandler(["127.0.0.1", ${udpPort}]);
const t = new SysLogHandler(["127.0.0.1", ${tcpPort}], 1, "tcp");
for (let i = 0; i < 1000; i++) { u.handle(rec("exit-udp " + i)); t.handle(rec("exit-tcp " + i)); }
process.exit(0);
`);
    assert.equal(r.code, 0, r.stderr);
    const count = (tag: string) => received().filter((l) => l.startsWith(`<14>record ${tag}`)).length;
    await until(() => count("exit-udp") >= 1000 && count("exit-tcp") >= 1000, 8000);
    assert.equal(count("exit-tcp"), 1000, "TCP");
    assert.equal(count("exit-udp"), 1000, "UDP");
  });

  test("imuxsock (a unix datagram socket): a clear error naming the alternatives", async () => {
    const h = new SysLogHandler(sock);
    const errors: unknown[] = [];
    h.handleError = (_r, e) => {
      errors.push(e);
    };
    h.handle(rec("to imuxsock"));
    await until(() => errors.length > 0, 3000);
    const e = errors[0] as NodeJS.ErrnoException;
    assert.equal(e.code, "EPROTOTYPE");
    assert.match(e.message, /is a unix datagram socket, which Node\.js cannot send to/);
    assert.equal(h.counters.failed, 1);
    h.close();
  });
});
