/**
 * Issue 4, part 3: load. A sink slower than the producer keeps the
 * producer's memory bounded and drops nothing; RotatingFileHandler under
 * many records with a small maxBytes keeps every record in exactly one file,
 * untorn and in order; several processes appending to one file interleave
 * whole records only.
 *
 * LOGXIDE_ROTATE_N=1000000 runs the rotation case with a million records
 * (a manual run; the default keeps `npm test` fast).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkSequence, fixtureDir, lines, removeDir, run, script, sh } from "./reliability-helpers.js";

let dir = "";
before(() => {
  dir = fixtureDir("logxide-load-");
});
after(() => removeDir(dir));

const PAD = "x".repeat(40);

describe("a sink slower than the producer", () => {
  const CHILD = `
import logging from "logxide";
const N = Number(process.argv[2]);
const log = logging.getLogger("load"); log.propagate = false; log.setLevel(logging.INFO);
const h = new logging.StreamHandler(process.stdout);
h.setFormatter(new logging.Formatter("%(message)s ${PAD}"));
log.addHandler(h);
const t0 = Date.now();
for (let i = 0; i < N; i++) log.info("rec %d", i);
const ms = Date.now() - t0;
await logging.flush();
process.stderr.write(JSON.stringify({ maxRSSKiB: process.resourceUsage().maxRSS, ms }) + "\\n");
`;
  // Reads 16 KiB every 2 ms: about 8 MB/s, far slower than the producer.
  const SLOW_READER = `import os, sys, time
out = open(sys.argv[1], "wb")
while True:
    b = os.read(0, 16384)
    if not b: break
    out.write(b)
    time.sleep(0.002)
`;
  const N = 400_000; // ~21 MB of output

  test(`${N} records through a slow pipe reader: nothing dropped, peak RSS bounded`, async () => {
    script(dir, "slow.mjs", CHILD);
    script(dir, "slow_reader.py", SLOW_READER);
    const out = path.join(dir, "slow.out");
    const base = await run(["slow.mjs", "0"], { cwd: dir, timeoutMs: 30_000 });
    const baseline = JSON.parse(base.stderr).maxRSSKiB as number;
    // The same records to /dev/null (a sink that never waits): the heap V8
    // grows to for this much garbage, with nothing held back.
    const fast = await sh(`node slow.mjs ${N} > /dev/null`, { cwd: dir, timeoutMs: 30_000 });
    const fastRSS = JSON.parse(lines(fast.stderr).pop()!).maxRSSKiB as number;
    const r = await sh(`node slow.mjs ${N} | python3 slow_reader.py '${out}'`, { cwd: dir, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(lines(r.stderr).pop()!) as { maxRSSKiB: number; ms: number };
    const text = fs.readFileSync(out, "utf8");
    const growthMiB = (m.maxRSSKiB - baseline) / 1024;
    const overFastMiB = (m.maxRSSKiB - fastRSS) / 1024;
    console.log(
      `# slow sink: ${N} records, ${(text.length / 1048576).toFixed(1)} MiB, producer ${m.ms} ms, ` +
        `peak RSS ${(m.maxRSSKiB / 1024).toFixed(1)} MiB (no records: ${(baseline / 1024).toFixed(1)} MiB; ` +
        `same records to /dev/null: ${(fastRSS / 1024).toFixed(1)} MiB)`,
    );
    const l = lines(text).map((x) => x.slice(0, -(PAD.length + 1)));
    assert.equal(checkSequence(l, N), null);
    // The output is ~21 MB; holding it back for the reader would cost that
    // much and more (JS strings, then Buffers) on top of what the same work
    // costs with a sink that never waits. Batches are 64 KiB, so the slow
    // sink costs no more than the fast one, within V8's noise.
    assert.ok(
      overFastMiB < 12,
      `peak RSS ${overFastMiB.toFixed(1)} MiB above the /dev/null run (growth ${growthMiB.toFixed(1)} MiB)`,
    );
    // The producer was slowed to the reader's pace instead of buffering.
    assert.ok(m.ms > 1000, `producer took ${m.ms} ms: it should have waited for the reader`);
  });
});

describe("RotatingFileHandler under load", () => {
  const N = Number(process.env.LOGXIDE_ROTATE_N ?? 200_000);
  const CHILD = `
import logging from "logxide";
const [file, N0, maxBytes, backupCount] = process.argv.slice(2);
const N = Number(N0);
const log = logging.getLogger("rot"); log.propagate = false; log.setLevel(logging.INFO);
const h = new logging.handlers.RotatingFileHandler(file, { maxBytes: Number(maxBytes), backupCount: Number(backupCount) });
h.setFormatter(new logging.Formatter("%(message)s"));
log.addHandler(h);
const t0 = Date.now();
for (let i = 0; i < N; i++) { log.info("rec %d", i); if (i % 50000 === 49999) await new Promise((r) => setImmediate(r)); }
process.stderr.write(JSON.stringify({ ms: Date.now() - t0 }) + "\\n");
process.exit(0); // pending records must still be written
`;
  test(`${N} records, maxBytes 256 KiB: every record in exactly one file, none torn, in order`, async () => {
    script(dir, "rot.mjs", CHILD);
    const rdir = path.join(dir, "rot");
    fs.mkdirSync(rdir);
    const file = path.join(rdir, "app.log");
    const maxBytes = 256 * 1024;
    const approxBytes = N * 12;
    const backupCount = Math.ceil(approxBytes / (maxBytes * 0.9)) + 5; // keep every file
    const r = await run(["rot.mjs", file, String(N), String(maxBytes), String(backupCount)], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, r.stderr);
    const files = fs.readdirSync(rdir);
    const index = (f: string) => (f === "app.log" ? 0 : Number(f.slice("app.log.".length)));
    files.sort((a, b) => index(b) - index(a)); // oldest (highest number) first
    assert.ok(files.length > 3, `rolled over: ${files.length} files`);
    assert.ok(index(files[0]) < backupCount, "no file was deleted for lack of backups");
    const all: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(rdir, f), "utf8");
      const size = Buffer.byteLength(text);
      assert.ok(size < maxBytes, `${f} is ${size} bytes, maxBytes ${maxBytes}`);
      assert.ok(text === "" || text.endsWith("\n"), `${f} ends with a torn line`);
      all.push(...lines(text));
    }
    assert.equal(checkSequence(all, N), null);
    console.log(`# rotation: ${N} records into ${files.length} files in ${JSON.parse(r.stderr).ms} ms`);
  });
});

describe("several processes appending to one FileHandler path", () => {
  const CHILD = `
import logging from "logxide";
const [file, id, N0] = process.argv.slice(2);
const log = logging.getLogger("multi"); log.propagate = false; log.setLevel(logging.INFO);
const h = new logging.FileHandler(file);
h.setFormatter(new logging.Formatter("%(message)s"));
log.addHandler(h);
const N = Number(N0);
// Mixed record sizes, so batch boundaries differ between processes.
for (let i = 0; i < N; i++) {
  log.info("p%s %d %s", id, i, "y".repeat(i % 97));
  if (i % 10000 === 9999) await new Promise((r) => setImmediate(r));
}
`;
  test("4 processes × 60k records: no torn lines, none lost, each process's records in order", async () => {
    script(dir, "multi.mjs", CHILD);
    const file = path.join(dir, "multi.log");
    const P = 4;
    const N = 60_000;
    const rs = await Promise.all(
      Array.from({ length: P }, (_, k) =>
        run(["multi.mjs", file, String(k), String(N)], { cwd: dir, timeoutMs: 60_000 }),
      ),
    );
    for (const r of rs) assert.equal(r.code, 0, r.stderr);
    const l = lines(fs.readFileSync(file, "utf8"));
    assert.equal(l.length, P * N);
    const next = new Array<number>(P).fill(0);
    let switches = 0;
    let prev = -1;
    for (const line of l) {
      const m = /^p(\d) (\d+) (y*)$/.exec(line);
      assert.ok(m, `torn or mixed line: ${JSON.stringify(line.slice(0, 120))}`);
      const k = Number(m[1]);
      const i = Number(m[2]);
      assert.equal(i, next[k], `process ${k}: expected record ${next[k]}, got ${i}`);
      assert.equal(m[3].length, i % 97);
      next[k]++;
      if (k !== prev) switches++;
      prev = k;
    }
    console.log(`# multi-process append: ${P}×${N} records, ${switches} switches between writers`);
  });
});
