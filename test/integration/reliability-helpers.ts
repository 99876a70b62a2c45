/**
 * Helpers for the reliability suites: a temp directory where
 * `import logging from "logxide"` resolves to this repository's build, and a
 * bounded child-process runner. Not a test file itself.
 */
import { spawn, execFileSync, type StdioOptions } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The built signal opt-in (also re-exported by the package). */
export const SIGNALS_JS = path.join(REPO, "dist/cjs/io/signals.js");

let built = false;
/** Builds dist/ when it is missing (npm test builds first; a lone test run may not have). */
export function ensureBuilt(): void {
  if (built) return;
  if (!fs.existsSync(path.join(REPO, "dist/esm/index.js")) || !fs.existsSync(SIGNALS_JS)) {
    execFileSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, stdio: "inherit" });
  }
  built = true;
}

/** A fresh temp dir with node_modules/logxide → the repo; world-readable so a non-root child can run scripts in it. */
export function fixtureDir(prefix = "logxide-rel-"): string {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(REPO, path.join(dir, "node_modules", "logxide"), "dir");
  return dir;
}

export function removeDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

/** Writes `name` (an .mjs script) into `dir`; returns its path. */
export function script(dir: string, name: string, source: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, source);
  fs.chmodSync(p, 0o644);
  return p;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  /** Hard limit: the child is SIGKILLed and the promise rejects. */
  timeoutMs?: number;
  /** Called once the child exists (e.g. to signal it). */
  onSpawn?: (child: import("node:child_process").ChildProcess) => void;
  /** The command; default `process.execPath` (node). */
  command?: string;
}

/** Runs a command, collecting stdout/stderr as text; bounded by `timeoutMs` (default 60 s). */
export function run(args: string[], opts: RunOptions = {}): Promise<ChildResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(opts.command ?? process.execPath, args, {
      cwd: opts.cwd,
      env: { ...process.env, NODE_OPTIONS: "", ...opts.env },
      stdio: opts.stdio ?? ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `child timed out after ${opts.timeoutMs ?? 60_000} ms: ${args.join(" ")}\nstderr: ${Buffer.concat(err).toString().slice(-2000)}`,
        ),
      );
    }, opts.timeoutMs ?? 60_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ms: Date.now() - started,
      });
    });
    opts.onSpawn?.(child);
  });
}

/** Runs `sh -c cmd` (for pipelines such as `node a.mjs | cat`). */
export function sh(cmd: string, opts: RunOptions = {}): Promise<ChildResult> {
  return run(["-c", cmd], { ...opts, command: "/bin/sh" });
}

/** Lines of `text` without the trailing empty one. */
export function lines(text: string): string[] {
  const l = text.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

/** Asserts-style check: `l` is exactly `${prefix}0` … `${prefix}${n-1}` in order; returns a description of the first problem or null. */
export function checkSequence(l: string[], n: number, prefix = "rec "): string | null {
  if (l.length !== n) {
    // find the first mismatch for a useful message
    for (let i = 0; i < Math.min(l.length, n); i++) {
      if (l[i] !== prefix + i)
        return `expected ${n} lines, got ${l.length}; first mismatch at ${i}: ${JSON.stringify(l[i])}`;
    }
    return `expected ${n} lines, got ${l.length}`;
  }
  for (let i = 0; i < n; i++) if (l[i] !== prefix + i) return `line ${i}: ${JSON.stringify(l[i]).slice(0, 200)}`;
  return null;
}

/** True when `cmd` is on the PATH. */
export function has(cmd: string): boolean {
  try {
    execFileSync("/bin/sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
