#!/usr/bin/env node
// npm run bench:stall [-- --duration 3000] [-- --pause 2000] [-- --pause-at 500]
//   [-- --rate 20000] [-- --libs logxide,pino,pino-async,floor] [-- --rounds 1] [-- --use-dist]
//
// A stdout reader that pauses: each library's process logs to stdout, which
// is a real pipe (`sh -c 'child | reader'`) into a reader that reads
// normally, stops reading for `--pause` ms (`--pause-at` ms after the first
// bytes), then reads on. The logging process runs a steady workload for
// `--duration` ms: a setImmediate loop that does a little synthetic work and
// logs at a steady `--rate` (records a second, default 20 000: at most 100 a
// turn to catch up), and an application timer (every 1 ms) that does a
// small unit of work. It measures the event-loop delay
// (`monitorEventLoopDelay`, max and p99), the records logged and the timer
// ticks the application got (and the peak RSS, sampled). The reader checks that every line logged
// arrived, in order (sink-verified: count and sequence numbers).
//
// Libraries, in the same run, interleaved per round:
//   logxide     StreamHandler(process.stdout), default settings
//   pino        pino() to stdout (sonic-boom, sync)
//   pino-async  pino(pino.destination({ sync: false })) to stdout
//   floor       fs.writeSync(1, line) per record, retrying on EAGAIN
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { prepareBuild } from "./harness.mjs";

const self = fileURLToPath(import.meta.url);
const PAD = "x".repeat(40);
const LIBS = ["logxide", "pino", "pino-async", "floor"];

const argv = process.argv.slice(2);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};

if (argv[0] === "--child") await child(argv[1], Number(argv[2]), Number(argv[3]), argv[4]);
else if (argv[0] === "--reader") await reader(Number(argv[1]), Number(argv[2]), argv[3]);
else await main();

// --- the logging process ----------------------------------------------------
async function makeLogger(lib) {
  switch (lib) {
    case "logxide": {
      const dist = process.env.LOGXIDE_DIST;
      const logging = (await import(new URL("index.js", `file://${dist.endsWith("/") ? dist : dist + "/"}`).href))
        .default;
      const log = logging.getLogger("stall");
      log.setLevel(logging.INFO);
      log.propagate = false;
      log.addHandler(new logging.StreamHandler(process.stdout));
      return { info: (i) => log.info("rec %d %s", i, PAD), end: () => logging.flush() };
    }
    case "pino": {
      const pino = (await import("pino")).default;
      const log = pino();
      return { info: (i) => log.info("rec %d %s", i, PAD), end: async () => {} };
    }
    case "pino-async": {
      const pino = (await import("pino")).default;
      const dest = pino.destination({ sync: false });
      const log = pino(dest);
      return {
        info: (i) => log.info("rec %d %s", i, PAD),
        end: () => new Promise((resolve) => dest.flush(() => resolve())),
      };
    }
    case "floor": {
      const sleeper = new Int32Array(new SharedArrayBuffer(4));
      const write = (s) => {
        const buf = Buffer.from(s);
        let off = 0;
        while (off < buf.length) {
          try {
            off += writeSync(1, buf, off, buf.length - off);
          } catch (e) {
            if (e.code !== "EAGAIN") throw e;
            Atomics.wait(sleeper, 0, 0, 1);
          }
        }
      };
      return { info: (i) => write(`rec ${i} ${PAD}\n`), end: async () => {} };
    }
    default:
      throw new Error(`unknown library ${lib}; one of ${LIBS.join(", ")}`);
  }
}

/** A fixed amount of CPU work standing for the application's own. */
function work(units) {
  let acc = 0;
  for (let k = 0; k < units; k++) acc = (acc * 31 + k) | 0;
  return acc;
}

async function child(lib, durationMs, rate, reportFile) {
  const log = await makeLogger(lib);
  const hist = monitorEventLoopDelay({ resolution: 1 });
  let logged = 0;
  let ticks = 0;
  let sink = 0;
  let peakRss = 0;
  const timer = setInterval(() => {
    sink ^= work(2000);
    // Sampled every 64 ticks: a library that buffers what the pipe refuses shows here.
    if ((ticks++ & 63) === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 1);
  hist.enable();
  const start = performance.now();
  const end = start + durationMs;
  await new Promise((resolve) => {
    const loop = () => {
      const now = performance.now();
      // A steady rate: catch up to `rate` records a second, at most 100 a turn.
      const due = Math.floor(((now - start) * rate) / 1000);
      for (let k = 0; logged < due && k < 100; k++) log.info(logged++);
      sink ^= work(200);
      if (now < end) setImmediate(loop);
      else resolve();
    };
    loop();
  });
  hist.disable();
  clearInterval(timer);
  const report = {
    lib,
    maxMs: hist.max / 1e6,
    p99Ms: hist.percentile(99) / 1e6,
    logged,
    ticks,
    peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20,
    sink,
  };
  writeFileSync(reportFile, JSON.stringify(report));
  await log.end();
  // Ends naturally: each library's own exit path writes what it still holds.
}

// --- the reader ---------------------------------------------------------------
async function reader(pauseAtMs, pauseMs, reportFile) {
  let lines = 0;
  let expected = 0;
  let firstBad = null;
  let rest = "";
  let started = false;
  const stdin = process.stdin;
  stdin.setEncoding("utf8");
  stdin.on("data", (chunk) => {
    if (!started) {
      started = true;
      setTimeout(() => {
        stdin.pause();
        setTimeout(() => stdin.resume(), pauseMs);
      }, pauseAtMs);
    }
    const text = rest + chunk;
    let from = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", from)) {
      const line = text.slice(from, nl);
      from = nl + 1;
      const m = /rec (\d+) /.exec(line);
      if (firstBad === null && (m === null || Number(m[1]) !== expected)) firstBad = { at: lines, line };
      expected++;
      lines++;
    }
    rest = text.slice(from);
  });
  await new Promise((resolve) => stdin.once("end", resolve));
  if (rest !== "" && firstBad === null) firstBad = { at: lines, line: rest };
  writeFileSync(reportFile, JSON.stringify({ lines, firstBad }));
}

// --- the driver -----------------------------------------------------------------
function runOne(lib, build, dir, round, opts) {
  const childReport = join(dir, `${lib}-${round}.child.json`);
  const readerReport = join(dir, `${lib}-${round}.reader.json`);
  const node = JSON.stringify(process.execPath);
  const cmd =
    `${node} ${JSON.stringify(self)} --child ${lib} ${opts.duration} ${opts.rate} ${JSON.stringify(childReport)}` +
    ` | ${node} ${JSON.stringify(self)} --reader ${opts.pauseAt} ${opts.pause} ${JSON.stringify(readerReport)}`;
  return new Promise((resolve) => {
    const p = spawn("sh", ["-c", cmd], {
      env: { ...process.env, LOGXIDE_DIST: build.dist },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    p.stderr.on("data", (b) => {
      err += b;
    });
    p.on("close", (code) => {
      try {
        const c = JSON.parse(readFileSync(childReport, "utf8"));
        const r = JSON.parse(readFileSync(readerReport, "utf8"));
        resolve({ ...c, arrived: r.lines, firstBad: r.firstBad, code });
      } catch (e) {
        resolve({ lib, error: `${e.message}; exit ${code}; ${err.slice(-500)}` });
      }
    });
  });
}

async function main() {
  const log = (s) => process.stderr.write(s + "\n");
  const opts = {
    duration: Number(option("--duration", "3000")),
    pause: Number(option("--pause", "2000")),
    pauseAt: Number(option("--pause-at", "500")),
    rate: Number(option("--rate", "20000")),
  };
  const libs = option("--libs", LIBS.join(",")).split(",");
  for (const l of libs) if (!LIBS.includes(l)) throw new Error(`unknown library ${l}; one of ${LIBS.join(", ")}`);
  const rounds = Number(option("--rounds", "1"));
  const build = prepareBuild({ useDist: argv.includes("--use-dist"), log });
  const results = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const lib of libs) {
        log(`round ${round + 1}/${rounds}: ${lib} ...`);
        results.push(await runOne(lib, build, build.work, round, opts));
      }
    }
  } finally {
    build.cleanup();
  }
  const rows = [
    [
      "lib",
      "max delay ms",
      "p99 ms",
      "records logged",
      "app ticks (1 ms timer)",
      "peak RSS MB",
      "lines arrived/logged",
    ],
  ];
  for (const r of results) {
    if (r.error) {
      rows.push([r.lib, "error", r.error, "", "", "", ""]);
      continue;
    }
    const verified = r.arrived === r.logged && r.firstBad === null ? "" : ` MISMATCH ${JSON.stringify(r.firstBad)}`;
    rows.push([
      r.lib,
      r.maxMs.toFixed(1),
      r.p99Ms.toFixed(1),
      String(r.logged),
      String(r.ticks),
      r.peakRssMb.toFixed(0),
      `${r.arrived}/${r.logged}${verified}`,
    ]);
  }
  console.log(
    `stdout into a pipe whose reader pauses ${opts.pause} ms (${opts.pauseAt} ms after the first bytes); ` +
      `${opts.duration} ms of logging at ${opts.rate} records/s (ideal: ${Math.floor((opts.duration * opts.rate) / 1000)} records, ` +
      `at most ${opts.duration} ticks); Node ${process.version}\n`,
  );
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const fmt = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(fmt(rows[0]));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const r of rows.slice(1)) console.log(fmt(r));
  if (results.some((r) => r.error || r.arrived !== r.logged || r.firstBad !== null)) process.exitCode = 1;
}
