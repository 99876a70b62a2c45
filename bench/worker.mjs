// One measurement in a fresh process:
//   node bench/worker.mjs <lib> <scenario> <n> <dir> <resultFile> [variant]
// Sets the library up (not timed), then times from the first logging call
// until the library says every record is in the OS, and writes
// { startEpochMs, elapsedMs, cpuMs, maxRSSKb } as JSON to <resultFile>.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const [lib, scenario, nText, dir, resultFile, variant = ""] = process.argv.slice(2);
const n = Number(nText);
const lines = Array.from(
  { length: 100 },
  (_, k) =>
    `2024-01-02 03:04:05,${String((k * 7) % 1000).padStart(3, "0")} - bench - INFO - request ${k} handled in ${(k / 10).toFixed(1)} ms\n`,
);
const ctx = { dir, path: (name) => join(dir, name), lines, variant };

const mod = await import(`./libs/${lib}.mjs`);
const run = await mod.setup(scenario, ctx);
if (!run) {
  writeFileSync(resultFile, JSON.stringify({ unsupported: true }));
  process.exit(0);
}
const startEpochMs = performance.timeOrigin + performance.now();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
run.body(n);
await run.finish();
const elapsedMs = performance.now() - t0;
// CPU time of the timed part (all threads: GC, libuv's pool): what bench:check compares, as
// it moves far less than wall time on a busy machine.
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
writeFileSync(resultFile, JSON.stringify({ startEpochMs, elapsedMs, cpuMs, maxRSSKb: process.resourceUsage().maxRSS }));
