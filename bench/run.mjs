#!/usr/bin/env node
// npm run bench [-- --quick] [-- --scenario text[,json]] [-- --rounds 5] [-- --use-dist] [-- --no-docs]
//   [-- --baseline <checkout>]: also runs another checkout's logxide ("logxide-base") in the same rounds.
// The CI regression check (logxide/floor ratios against a baseline): npm run bench:check (bench/check.mjs).
//
// Side-by-side, sink-verified: every (round, scenario, library) runs in a
// fresh child process, interleaved; each run's output files are counted and
// sampled before its time is accepted. Prints a table and writes
// docs/benchmarks.md + docs/bench-chart.svg.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SCENARIOS } from "./scenarios.mjs";
import { summarize, printTable, writeDocs } from "./report.mjs";
import { prepareBuild, repo, runOne } from "./harness.mjs";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag("--quick");
const rounds = Number(option("--rounds") ?? (quick ? 2 : 5));
const only = option("--scenario")?.split(",");
const writeDocsToo = !flag("--no-docs") && !only;
const log = (s) => process.stderr.write(s + "\n");

if (only) {
  for (const s of only)
    if (!SCENARIOS.some((x) => x.name === s)) {
      log(`unknown scenario ${s}; one of: ${SCENARIOS.map((x) => x.name).join(", ")}`);
      process.exit(2);
    }
}
// A baseline checkout runs beside logxide in the scenarios its API has (before/after in one run).
const baseline = option("--baseline");
const BASELINE_SCENARIOS = new Set(["text", "json", "disabled", "two", "deep", "ten", "stdout", "rotating", "mem"]);
if (baseline) {
  const out = prepareBuild({ log, root: baseline });
  process.env.LOGXIDE_BASELINE_DIST = out.dist;
}
const plan = SCENARIOS.filter((s) => !only || only.includes(s.name)).map((s) => {
  let libs = quick && s.quickLibs ? s.quickLibs : s.libs;
  if (baseline && BASELINE_SCENARIOS.has(s.name)) libs = [libs[0], "logxide-base", ...libs.slice(1)];
  return { ...s, libs, n: quick ? s.quickN : s.n };
});

// --- the logxide build under test ------------------------------------------
const build = prepareBuild({ useDist: flag("--use-dist"), log });
const work = build.work;
const gitRev = (() => {
  try {
    const rev = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "src"], { cwd: repo }).toString().trim() !== "";
    return rev + (dirty ? " (src/ modified)" : "");
  } catch {
    return "unknown";
  }
})();

// --- the run ----------------------------------------------------------------
const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : `${(r / 1e3).toFixed(1)}k`);
const started = Date.now();
const runs = [];
const unsupported = new Set();
const total = plan.reduce((a, s) => a + s.libs.length, 0) * rounds;
let done = 0;
log(`${plan.length} scenarios, ${rounds} rounds, ${total} measurements; scratch ${work}`);
for (let round = 1; round <= rounds; round++) {
  for (const sc of plan) {
    // Rotate the order each round so no library always runs first.
    const libs = sc.libs.map((_, k) => sc.libs[(k + round - 1) % sc.libs.length]);
    for (const lib of libs) {
      if (unsupported.has(`${sc.name}/${lib}`)) {
        done++;
        continue;
      }
      const r = await runOne(build, sc, lib, round);
      done++;
      if (r.unsupported) {
        unsupported.add(`${sc.name}/${lib}`);
        log(`[${done}/${total}] ${sc.name} ${lib}: not supported`);
        continue;
      }
      runs.push(r);
      const what = r.error
        ? r.error
        : `${fmtRate(r.rate)} ${sc.unit}  ${r.elapsedMs.toFixed(1)} ms  n=${r.n}  rss ${r.maxRSSMb.toFixed(0)} MB`;
      log(`[${done}/${total}] round ${round} ${sc.name} ${lib}: ${what}`);
    }
  }
}
build.cleanup();

const summary = summarize(plan, runs);
printTable(summary);
const meta = {
  date: new Date().toISOString(),
  nproc: execFileSync("nproc").toString().trim(),
  cpu: (() => {
    try {
      return /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))[1];
    } catch {
      return "unknown";
    }
  })(),
  node: process.version,
  python: execFileSync("python3", ["--version"]).toString().trim(),
  rounds,
  quick,
  gitRev,
  minutes: ((Date.now() - started) / 60000).toFixed(1),
  versions: Object.fromEntries(
    ["pino", "winston", "log4js", "bunyan", "@logtape/logtape", "sonic-boom"].map((p) => {
      try {
        return [p, JSON.parse(readFileSync(join(repo, "node_modules", p, "package.json"), "utf8")).version];
      } catch {
        return [p, "?"];
      }
    }),
  ),
};
if (writeDocsToo) {
  writeDocs(repo, plan, summary, meta);
  log(`wrote docs/benchmarks.md and docs/bench-chart.svg (${meta.minutes} min)`);
} else {
  log(`(docs not written: ${only ? "--scenario run" : "--no-docs"}) ${meta.minutes} min`);
}
// A peer losing records is a finding, reported in the table; logxide failing its own check is an error.
if (summary.some((s) => s.failed > 0 && s.lib === "logxide")) process.exitCode = 1;
