// What `npm run bench` and `npm run bench:check` share: the logxide build
// under test, and one sink-verified measurement in a fresh process.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { LIBS, checkLine, indexOf } from "./scenarios.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = dirname(here);

/**
 * A scratch directory holding the logxide build under test (`dist`).
 * Other work may rebuild dist/ at any moment, so a run uses its own copy of
 * the compiled ESM build: compiled from src/ with the same tsc options as
 * `npm run build`'s ESM output (default), or a snapshot of dist (useDist: the
 * shipped build, ESM wrappers over the CommonJS implementation).
 */
export function prepareBuild({ useDist = false, log = (s) => process.stderr.write(s + "\n"), root = repo } = {}) {
  const work = mkdtempSync(join(tmpdir(), "logxide-bench-"));
  const dist = join(work, "esm");
  if (useDist) {
    if (!existsSync(join(repo, "dist/esm/index.js"))) {
      log("dist/esm missing: run npm run build");
      process.exit(2);
    }
    // dist/esm's modules are wrappers that import the CommonJS build beside them.
    cpSync(join(repo, "dist/esm"), dist, { recursive: true });
    cpSync(join(repo, "dist/cjs"), join(work, "cjs"), { recursive: true });
    log(`logxide: snapshot of dist/esm and dist/cjs`);
  } else {
    log("logxide: compiling src/ (tsc, ESM, as npm run build) ...");
    const tsc = join(repo, "node_modules/typescript/bin/tsc");
    execFileSync(
      process.execPath,
      [
        tsc,
        "-p",
        join(root, "tsconfig.build.json"),
        "--outDir",
        dist,
        "--module",
        "ES2022",
        "--moduleResolution",
        "Bundler",
        "--declarationMap",
        "false",
        "--declaration",
        "false",
      ],
      { stdio: "inherit", cwd: root },
    );
    writeFileSync(join(dist, "package.json"), '{"type":"module"}\n');
  }
  return { work, dist, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

function spawnRun(build, sc, lib, n, dir, resultFile) {
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
  const env = { ...process.env, LOGXIDE_DIST: spec.baseline ? process.env.LOGXIDE_BASELINE_DIST : build.dist };
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

/**
 * One measurement of `lib` in scenario `sc` (with `sc.n` records, scaled for
 * slow libraries), in a fresh process; resolves to { scenario, lib, round, n,
 * elapsedMs, rate, cpuRate (records per CPU second), maxRSSMb } or with
 * `error` / `unsupported`.
 */
export function runOne(build, sc, lib, round) {
  const n = LIBS[lib].slow ? Math.round(sc.n * sc.slowScale) : sc.n;
  const dir = join(build.work, `${sc.name}-${lib}-${round}`);
  mkdirSync(dir);
  const resultFile = join(build.work, `${sc.name}-${lib}-${round}.json`);
  return new Promise((resolve) => {
    const child = spawnRun(build, sc, lib, n, dir, resultFile);
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
        out.cpuRate = res.cpuMs > 0 ? n / (res.cpuMs / 1000) : NaN;
        out.maxRSSMb = res.maxRSSKb / 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(out);
    });
  });
}
