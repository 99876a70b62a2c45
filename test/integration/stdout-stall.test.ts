/**
 * A slow stdout reader does not stall the application. A child logs to
 * stdout from a timer (about 10 000 records/s) into a reader that takes one
 * byte and then pauses 2 s (`dd bs=1 count=1; sleep 2; cat`): the pipe is
 * full within milliseconds and stays full for 2 s. While the
 * backlog is under the bound, the event loop goes on (max delay measured
 * with `monitorEventLoopDelay`), and at exit every line arrives, in order.
 * The control run sets the bound to 0 ("block" at once, the old behaviour)
 * and must show the stall, so the measurement can tell the two apart.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkSequence, fixtureDir, lines, REPO, removeDir, script, sh } from "./reliability-helpers.js";

const STREAM_SINK_JS = path.join(REPO, "dist/esm/io/streamSink.js");
const PAD = "x".repeat(40);

// argv: N backlog(default|chars) overflow(block|drop)
const CHILD = `
import logging from "logxide";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
const setOutputLimits = logging.setOutputLimits ?? (await import(${JSON.stringify(STREAM_SINK_JS)})).setOutputLimits;
const [N0, backlog, overflow] = process.argv.slice(2);
const N = Number(N0);
if (backlog !== "default") setOutputLimits({ stdioBacklog: Number(backlog), stdioOverflow: overflow });
const log = logging.getLogger("stall"); log.propagate = false; log.setLevel(logging.INFO);
const h = new logging.StreamHandler(process.stdout);
h.setFormatter(new logging.Formatter("%(message)s"));
log.addHandler(h);
const hist = monitorEventLoopDelay({ resolution: 5 });
hist.enable();
const t0 = performance.now();
let n = 0;
const timer = setInterval(() => {
  for (let i = 0; i < 50 && n < N; i++) log.info("rec %d ${PAD}", n++);
  if (n < N) return;
  clearInterval(timer);
  hist.disable();
  const report = { maxDelayMs: hist.max / 1e6, ms: performance.now() - t0, dropped: h.sink?.dropped ?? 0 };
  process.stderr.write("REPORT " + JSON.stringify(report) + "\\n");
  process.exit(0); // the exit hook writes what is still pending
}, 5);
`;

let dir = "";
before(() => {
  dir = fixtureDir("logxide-stall-");
  script(dir, "stall.mjs", CHILD);
});
after(() => removeDir(dir));

interface Report {
  maxDelayMs: number;
  ms: number;
  dropped: number;
}

async function runStalled(n: number, backlog: string, overflow: string) {
  const out = path.join(dir, `stall-${backlog}-${overflow}.txt`);
  // The reader takes the first byte, then pauses 2 s: the pause starts when
  // the child logs, however long the child takes to start on a busy machine.
  const reader = `sh -c 'dd bs=1 count=1 2>/dev/null; sleep 2; cat'`;
  const r = await sh(`node stall.mjs ${n} ${backlog} ${overflow} | ${reader} > '${out}'`, {
    cwd: dir,
    timeoutMs: 60_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const line = lines(r.stderr).find((l) => l.startsWith("REPORT "));
  assert.ok(line, r.stderr);
  const report = JSON.parse(line.slice("REPORT ".length)) as Report;
  const got = lines(fs.readFileSync(out, "utf8")).map((l) => l.slice(0, -(PAD.length + 1)));
  return { report, got, stderr: r.stderr };
}

// 30 000 records of ~52 bytes over ~3 s: about 1 MB waits during the pause, under the 4 Mi default bound.
const N = 30_000;

describe("stdout piped to a reader that pauses 2 s", () => {
  test("under the bound: the event loop is not stalled, and every line arrives in order at exit", async () => {
    const { report, got } = await runStalled(N, "default", "block");
    console.log(
      `# under the bound: max event-loop delay ${report.maxDelayMs.toFixed(1)} ms over ${report.ms.toFixed(0)} ms`,
    );
    assert.equal(checkSequence(got, N), null);
    assert.equal(report.dropped, 0);
    // Tens of milliseconds on an idle machine, a few hundred on a very busy
    // one; a stalled loop shows the whole 2 s pause (the control below).
    assert.ok(report.maxDelayMs < 600, `max event-loop delay ${report.maxDelayMs} ms`);
  });

  test("control: with the bound at 0 (block at once) the same run stalls the loop for the pause", async () => {
    const { report, got } = await runStalled(N, "0", "block");
    console.log(`# bound 0 (block): max event-loop delay ${report.maxDelayMs.toFixed(1)} ms`);
    assert.equal(checkSequence(got, N), null);
    assert.ok(report.maxDelayMs > 1500, `max event-loop delay ${report.maxDelayMs} ms`);
  });

  test('past the bound with "drop": records dropped and counted, the rest in order, reported through handleError', async () => {
    const { report, got, stderr } = await runStalled(N, String(64 * 1024), "drop");
    console.log(
      `# bound 64 Ki (drop): ${report.dropped} dropped, ${got.length} written, max delay ${report.maxDelayMs.toFixed(1)} ms`,
    );
    assert.ok(report.dropped > 0);
    assert.equal(got.length + report.dropped, N, "every record written or counted as dropped");
    const nums = got.map((l) => Number(l.slice(4)));
    for (let i = 1; i < nums.length; i++) assert.ok(nums[i]! > nums[i - 1]!, `order at line ${i}`);
    assert.equal(nums[nums.length - 1], N - 1, "the last records (logged after the reader caught up) arrive");
    const reports = stderr.split("--- Logging error ---").length - 1;
    assert.ok(reports >= 1, stderr);
    assert.match(stderr, /BlockingIOError: \[Errno 11\] Resource temporarily unavailable: the reader is slow/);
    assert.ok(report.maxDelayMs < 600, `max event-loop delay ${report.maxDelayMs} ms`);
  });
});
