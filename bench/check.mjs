#!/usr/bin/env node
// npm run bench:check [-- --rounds 3] [-- --update] [-- --use-dist]
//
// A performance regression check safe for CI: for a few scenarios, logxide's
// rate divided by the hand-written floor's, both measured in the same round
// (fresh processes, sink-verified, interleaved, the order alternating), the
// median over the rounds compared with the committed baseline of ratios in
// bench/check-baseline.json. Fails only when a ratio falls more than
// TOLERANCE below its baseline, and a scenario below it is first measured
// again over as many rounds more (the median of all of them decides). Rates are records per second of the
// process's CPU time (all threads) during the timed part, not of wall time:
// on a busy machine a process waits for a core for a while that has
// nothing to do with its code, and a slower machine slows the floor too.
//
// --update writes the measured medians as the new baseline (run it on a quiet
// machine, a few times, and keep the lowest figures you see).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prepareBuild, repo, runOne } from "./harness.mjs";
import { SCENARIOS } from "./scenarios.mjs";

/** A drop larger than this fraction of the baseline ratio fails the check. */
const TOLERANCE = 0.3;
/** The scenarios checked: the plain cases and the ones that once fell off a cliff. */
const CHECKED = ["text", "json", "filter", "custom-handler"];

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
/** Records per run: enough that JIT warm-up and process start are not most of the time. */
const N = Number(option("--n") ?? 200_000);
const rounds = Number(option("--rounds") ?? 3);
const update = argv.includes("--update");
const log = (s) => process.stderr.write(s + "\n");
const baselineFile = join(repo, "bench/check-baseline.json");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const started = Date.now();
const build = prepareBuild({ useDist: argv.includes("--use-dist"), log });
const ratios = Object.fromEntries(CHECKED.map((name) => [name, []]));
let failedRuns = 0;

/** Runs `count` more interleaved rounds of each scenario in `names`, adding to `ratios`. */
async function measure(names, count) {
  for (let i = 0; i < count; i++) {
    const round = ratios[names[0]].length + 1;
    for (const name of names) {
      const sc = { ...SCENARIOS.find((s) => s.name === name), n: N };
      const order = round % 2 ? ["logxide", "floor"] : ["floor", "logxide"];
      const rate = {};
      for (const lib of order) {
        const r = await runOne(build, sc, lib, round);
        if (r.error || r.unsupported) {
          log(`round ${round} ${name} ${lib}: ${r.error ?? "not supported"}`);
          failedRuns++;
          continue;
        }
        rate[lib] = r.cpuRate;
      }
      if (rate.logxide && rate.floor) ratios[name].push(rate.logxide / rate.floor);
    }
  }
}

const baseline = update ? {} : JSON.parse(readFileSync(baselineFile, "utf8")).ratios;
const lowestAllowed = (name) => (baseline[name] === undefined ? undefined : baseline[name] * (1 - TOLERANCE));
const medianOf = (name) => (ratios[name].length > 0 ? median(ratios[name]) : undefined);
const below = (name) => {
  const got = medianOf(name);
  const floor = lowestAllowed(name);
  return got === undefined || (floor !== undefined && got < floor);
};
try {
  await measure(CHECKED, rounds);
  // A scenario below its bound is measured again, as many rounds more, before
  // it fails: one slow round on a shared machine is not a regression, while a
  // real one stays below over twice the rounds.
  const suspects = update ? [] : CHECKED.filter(below);
  if (suspects.length > 0) {
    log(`below the bound after ${rounds} rounds: ${suspects.join(", ")}; measuring ${rounds} rounds more`);
    await measure(suspects, rounds);
  }
} finally {
  build.cleanup();
}

const measured = Object.fromEntries(
  CHECKED.filter((name) => ratios[name].length > 0).map((name) => [name, median(ratios[name])]),
);
const seconds = ((Date.now() - started) / 1000).toFixed(0);

if (update) {
  const rounded = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Number(v.toFixed(3))]));
  writeFileSync(
    baselineFile,
    JSON.stringify(
      {
        what: "median of logxide's rate / the floor's rate per scenario, per CPU second (npm run bench:check -- --update)",
        ratios: rounded,
      },
      null,
      2,
    ) + "\n",
  );
  log(`baseline written to bench/check-baseline.json (${seconds} s)`);
  process.exit(failedRuns > 0 ? 1 : 0);
}

let failed = failedRuns > 0;
console.log("scenario          logxide/floor  baseline  lowest allowed  rounds");
for (const name of CHECKED) {
  const got = measured[name];
  const base = baseline[name];
  const floor = lowestAllowed(name);
  const ok = !below(name);
  if (!ok) failed = true;
  console.log(
    `${name.padEnd(18)}${(got === undefined ? "—" : got.toFixed(3)).padEnd(15)}${(base === undefined ? "—" : base.toFixed(3)).padEnd(10)}${(floor === undefined ? "—" : floor.toFixed(3)).padEnd(16)}${ratios[name].length}${ok ? "" : "  FAILED"}`,
  );
}
if (failedRuns > 0) console.log(`${failedRuns} run(s) failed verification or did not run`);
console.log(`${failed ? "FAILED" : "ok"} (${seconds} s)`);
process.exit(failed ? 1 : 0);
