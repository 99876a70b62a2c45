// One measurement in a fresh process:
//   node bench/worker.mjs <lib> <scenario> <n> <dir> <resultFile> [variant]
// Sets the library up (not timed), then times from the first logging call
// until the library says every record is in the OS, and writes
// { startEpochMs, elapsedMs, maxRSSKb } as JSON to <resultFile>.
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
run.body(n);
await run.finish();
const elapsedMs = performance.now() - t0;
writeFileSync(resultFile, JSON.stringify({ startEpochMs, elapsedMs, maxRSSKb: process.resourceUsage().maxRSS }));
