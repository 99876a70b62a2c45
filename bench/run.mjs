#!/usr/bin/env node
// npm run bench [-- --quick] [-- --scenario text[,json]] [-- --rounds 5] [-- --use-dist] [-- --no-docs]
//
// Side-by-side, sink-verified: every (round, scenario, library) runs in a
// fresh child process, interleaved; each run's output files are counted and
// sampled before its time is accepted. Prints a table and writes
// docs/benchmarks.md + docs/bench-chart.svg.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { LIBS, SCENARIOS, checkLine, indexOf } from "./scenarios.mjs";
import { summarize, printTable, writeDocs } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);

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
const plan = SCENARIOS.filter((s) => !only || only.includes(s.name)).map((s) => ({
  ...s,
  libs: quick && s.quickLibs ? s.quickLibs : s.libs,
  n: quick ? s.quickN : s.n,
}));

// --- the logxide build under test ------------------------------------------
// Other work may rebuild dist/ at any moment, so the run uses its own copy of
// the compiled ESM build: compiled from src/ with the same tsc options as
// `npm run build`'s ESM output (default), or a snapshot of dist/esm (--use-dist).
const work = mkdtempSync(join(tmpdir(), "logxide-bench-"));
const dist = join(work, "esm");
if (flag("--use-dist")) {
  if (!existsSync(join(repo, "dist/esm/index.js"))) {
    log("dist/esm missing: run npm run build");
    process.exit(2);
  }
  cpSync(join(repo, "dist/esm"), dist, { recursive: true });
  log(`logxide: snapshot of dist/esm`);
} else {
  log("logxide: compiling src/ (tsc, ESM, as npm run build) ...");
  const tsc = join(repo, "node_modules/typescript/bin/tsc");
  execFileSync(
    process.execPath,
    [
      tsc,
      "-p",
      join(repo, "tsconfig.build.json"),
      "--outDir",
      dist,
      "--module",
      "ES2022",
      "--moduleResolution",
      "Bundler",
      "--declaration",
      "false",
    ],
    { stdio: "inherit", cwd: repo },
  );
  writeFileSync(join(dist, "package.json"), '{"type":"module"}\n');
}
const gitRev = (() => {
  try {
    const rev = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "src"], { cwd: repo }).toString().trim() !== "";
    return rev + (dirty ? " (src/ modified)" : "");
  } catch {
    return "unknown";
  }
})();

// --- one measurement --------------------------------------------------------
function spawnRun(sc, lib, n, dir, resultFile) {
  const spec = LIBS[lib];
  const cmd = spec.python
    ? ["python3", join(here, "py_worker.py"), sc.name, String(n), dir, resultFile]
    : [
        process.execPath,
        join(here, "worker.mjs"),
        spec.module,
        sc.name,
        String(n),
        dir,
        resultFile,
        spec.variant ?? "",
      ];
  const env = { ...process.env, LOGXIDE_DIST: dist };
  if (sc.stdout) {
    // The child's stdout is a pipe into `cat > file`: done when cat has exited.
    const script = `"$@" | cat > '${join(dir, "stdout.log")}'`;
    return spawn("sh", ["-c", script, "sh", ...cmd], { env, stdio: ["ignore", "ignore", "pipe"] });
  }
  return spawn(cmd[0], cmd.slice(1), { env, stdio: ["ignore", "ignore", "pipe"] });
}

function countLines(buf) {
  let count = 0;
  let i = -1;
  while ((i = buf.indexOf(10, i + 1)) !== -1) count++;
  return count;
}
function firstAndLast(buf) {
  const text = (a, b) => buf.subarray(a, b).toString();
  const e1 = buf.indexOf(10);
  const end = buf.length - 1;
  const s2 = buf.lastIndexOf(10, end - 1) + 1;
  return [text(0, e1), text(s2, end)];
}

/** Checks the files a run left; returns null when right, else what is wrong. */
function verify(sc, lib, n, dir) {
  const expect = sc.expect(n);
  const check = (buf, file) => {
    if (buf.length === 0) return null;
    if (buf[buf.length - 1] !== 10) return `${file}: last line incomplete`;
    for (const line of firstAndLast(buf)) {
      const why = checkLine(sc.name, lib, line);
      if (why) return `${file}: ${why}: ${JSON.stringify(line.slice(0, 120))}`;
    }
    return null;
  };
  if (expect === "all") {
    let total = 0;
    const files = readdirSync(dir);
    for (const f of files) {
      const buf = readFileSync(join(dir, f));
      total += countLines(buf);
      const why = check(buf, f);
      if (why) return why;
    }
    if (files.length < 2) return `no rotation happened (${files.length} file)`;
    return total === n ? null : `${total} lines in ${files.length} files, expected ${n}`;
  }
  for (const e of expect) {
    const path = join(dir, e.file);
    if (!existsSync(path)) {
      if (e.optional && e.lines === 0) continue;
      return `${e.file} missing`;
    }
    const buf = readFileSync(path);
    const lines = countLines(buf);
    if (lines !== e.lines) return `${e.file}: ${lines} lines, expected ${e.lines}`;
    const why = check(buf, e.file);
    if (why) return why;
    if (e.last !== undefined && e.lines > 0) {
      const last = indexOf(firstAndLast(buf)[1]);
      if (last !== e.last) return `${e.file}: last record is ${last}, expected ${e.last}`;
    }
  }
  return null;
}

function runOne(sc, lib, round) {
  const n = LIBS[lib].slow ? Math.round(sc.n * sc.slowScale) : sc.n;
  const dir = join(work, `${sc.name}-${lib}-${round}`);
  mkdirSync(dir);
  const resultFile = join(work, `${sc.name}-${lib}-${round}.json`);
  return new Promise((resolve) => {
    const child = spawnRun(sc, lib, n, dir, resultFile);
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("close", (code, signal) => {
      const endEpochMs = performance.timeOrigin + performance.now();
      clearTimeout(timer);
      const out = { scenario: sc.name, lib, round, n };
      let res = null;
      try {
        res = JSON.parse(readFileSync(resultFile, "utf8"));
      } catch {
        /* reported below */
      }
      if (res?.unsupported) {
        out.unsupported = true;
        return resolve(out);
      }
      if (code !== 0 || !res) {
        out.error = `exit ${code ?? signal}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`;
      } else {
        const why = verify(sc, lib, n, dir);
        if (why) out.error = `FAILED verification: ${why}`;
        // stdout: the records are in the file once `cat` has exited.
        out.elapsedMs = sc.stdout ? endEpochMs - res.startEpochMs : res.elapsedMs;
        out.rate = n / (out.elapsedMs / 1000);
        out.maxRSSMb = res.maxRSSKb / 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(out);
    });
  });
}

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
      const r = await runOne(sc, lib, round);
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
rmSync(work, { recursive: true, force: true });

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
    ["pino", "winston", "log4js", "bunyan", "sonic-boom"].map((p) => {
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
