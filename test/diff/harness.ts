/**
 * Differential harness: runs one scenario through CPython's `logging`
 * (`python3`) and through logxide (`node`, importing the built package as a
 * user would), each in a fresh temporary directory, and compares stdout,
 * stderr, the exit status and every file the scenario left behind.
 *
 * Layout of one side's temporary directory:
 *
 *   <tmp>/scenario.py | scenario.mjs   the prelude + the scenario's code
 *   <tmp>/node_modules/logxide         symlink to the repository root (JS side)
 *   <tmp>/cwd/                         the scenario's working directory
 *
 * The script lives outside `cwd` so that the files compared are exactly the
 * ones the scenario created (a listing of `cwd` is identical on both sides).
 * Node resolves `logxide` from the script's location, so the import goes
 * through the package's `exports` map to `dist/`.
 */
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, computed from this file's location (test/diff/harness.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export type Output = "stdout" | "stderr" | "exit" | "files";

export interface Scenario {
  /** Unique, readable name: "topic: what it checks". */
  name: string;
  /** Python 3.11 code, run after PY_PRELUDE. */
  py: string;
  /** Plain ESM JavaScript, run after JS_PRELUDE (which imports logxide as `logging`). */
  js: string;
  /**
   * Applied to both sides' text before comparing (`what` is "stdout",
   * "stderr", "exit" or "file:<name>"). Only for places where the languages
   * legitimately differ; every use must say why in a comment.
   */
  normalize?: (text: string, what: string) => string;
  /** What is compared; all four by default. */
  compare?: Output[];
  /** Files written into cwd before the run (name → content). */
  files?: Record<string, string>;
  /** Extra environment (TZ defaults to UTC). */
  env?: Record<string, string>;
}

export interface SideResult {
  stdout: string;
  stderr: string;
  exit: string;
  /** Relative path → content (utf8; the bytes are compared too). */
  files: Map<string, Buffer>;
}

/**
 * Both preludes have exactly PRELUDE_LINES lines, so that a call on line N
 * of a scenario's body is on the same line number in both scripts
 * (`%(lineno)d` can then be compared).
 */
export const PRELUDE_LINES = 30;

function pad(lines: string[]): string {
  if (lines.length > PRELUDE_LINES) throw new Error("prelude too long");
  while (lines.length < PRELUDE_LINES) lines.push("");
  return lines.join("\n") + "\n";
}

/**
 * Python helpers:
 *   out(s)      write s to stdout without a newline
 *   perr(e)     print "ClassName: message"
 *   attempt(f)  call f(); print "ok" or the error as perr does
 *   StringIO    io.StringIO (a stream to capture a handler's output)
 */
export const PY_PRELUDE = pad([
  "import logging, logging.handlers, sys, os, io, time",
  "def out(s):",
  "    sys.stdout.write(s)",
  "def perr(e):",
  '    print(f"{type(e).__name__}: {e}")',
  "def attempt(f):",
  "    try:",
  "        f()",
  '        print("ok")',
  "    except Exception as e:",
  "        perr(e)",
  "StringIO = io.StringIO",
]);

/**
 * The same helpers in JavaScript. `print` converts like Python's print does
 * for the values scenarios use (strings, numbers, booleans, null, arrays).
 */
export const JS_PRELUDE = pad(
  String.raw`import logging from "logxide";
const __esc = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const __repr = (v) => {
  if (typeof v !== "string") return __str(v);
  const q = v.includes("'") && !v.includes('"') ? '"' : "'";
  return q + v.replace(/[\\\n\r\t]/g, (c) => __esc[c]).split(q).join("\\" + q) + q;
};
const __str = (v) => v === null || v === undefined ? "None" : v === true ? "True" : v === false ? "False"
  : Array.isArray(v) ? "[" + v.map(__repr).join(", ") + "]" : String(v);
const print = (...a) => { process.stdout.write(a.map(__str).join(" ") + "\n"); };
const out = (s) => { process.stdout.write(s); };
const perr = (e) => print(e.name + ": " + e.message);
const attempt = (f) => { try { f(); print("ok"); } catch (e) { perr(e); } };
class StringIO { constructor() { this.text = ""; } write(s) { this.text += s; } flush() {} getvalue() { return this.text; } }`.split(
    "\n",
  ),
);

const TIMEOUT_MS = 15_000;

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string; exit: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ stdout: "", stderr: String(e), exit: "spawn error" });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        exit: timedOut ? `timeout after ${TIMEOUT_MS} ms` : signal ? `signal ${signal}` : `code ${code}`,
      });
    });
  });
}

async function listFiles(dir: string, prefix = ""): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name === "node_modules" || e.name === "__pycache__") continue;
    const rel = prefix + e.name;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      result.set(rel + "/", Buffer.alloc(0));
      for (const [k, v] of await listFiles(full, rel + "/")) result.set(k, v);
    } else if (e.isSymbolicLink()) {
      result.set(rel + " (symlink)", Buffer.alloc(0));
    } else {
      result.set(rel, await readFile(full));
    }
  }
  return result;
}

function baseEnv(extra?: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TZ: "UTC",
    PYTHONIOENCODING: "utf-8",
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONHASHSEED: "0",
    NO_COLOR: "1",
  };
  return { ...env, ...(extra ?? {}) };
}

export async function runSide(s: Scenario, side: "py" | "js"): Promise<SideResult> {
  const root = await mkdtemp(path.join(tmpdir(), `logxide-diff-${side}-`));
  try {
    const cwd = path.join(root, "cwd");
    await mkdir(cwd);
    for (const [name, content] of Object.entries(s.files ?? {})) {
      await mkdir(path.dirname(path.join(cwd, name)), { recursive: true });
      await writeFile(path.join(cwd, name), content);
    }
    let r: Awaited<ReturnType<typeof run>>;
    if (side === "py") {
      const script = path.join(root, "scenario.py");
      await writeFile(script, PY_PRELUDE + s.py.replace(/^\n/, "") + "\n");
      r = await run("python3", [script], cwd, baseEnv(s.env));
    } else {
      await mkdir(path.join(root, "node_modules"));
      await symlink(REPO_ROOT, path.join(root, "node_modules", "logxide"), "dir");
      const script = path.join(root, "scenario.mjs");
      await writeFile(script, JS_PRELUDE + s.js.replace(/^\n/, "") + "\n");
      r = await run(process.execPath, [script], cwd, baseEnv(s.env));
    }
    return { ...r, files: await listFiles(cwd) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Both sides, one after the other (scenarios themselves run two at a time). */
export async function runScenario(s: Scenario): Promise<{ py: SideResult; js: SideResult }> {
  const py = await runSide(s, "py");
  const js = await runSide(s, "js");
  return { py, js };
}

function firstDifference(a: string, b: string): string {
  const al = a.split("\n");
  const bl = b.split("\n");
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      return `first difference at line ${i + 1}:\n    python: ${JSON.stringify(al[i] ?? "<missing>")}\n    logxide: ${JSON.stringify(bl[i] ?? "<missing>")}`;
    }
  }
  return "";
}

/**
 * Compares the two sides; returns "" when they agree, else a readable report
 * (scenario name, which output, both texts JSON-escaped).
 */
export function compareResults(s: Scenario, py: SideResult, js: SideResult): string {
  const what = s.compare ?? ["stdout", "stderr", "exit", "files"];
  const norm = s.normalize ?? ((t: string) => t);
  const problems: string[] = [];
  const check = (label: string, a: string, b: string, rawEqual?: boolean) => {
    const na = norm(a, label);
    const nb = norm(b, label);
    const equal = s.normalize ? na === nb : (rawEqual ?? a === b);
    if (!equal) {
      problems.push(
        `--- ${label} differs ---\n  python:  ${JSON.stringify(na)}\n  logxide: ${JSON.stringify(nb)}\n  ${firstDifference(na, nb)}`,
      );
    }
  };
  if (what.includes("stdout")) check("stdout", py.stdout, js.stdout);
  if (what.includes("stderr")) check("stderr", py.stderr, js.stderr);
  if (what.includes("exit")) check("exit", py.exit, js.exit);
  if (what.includes("files")) {
    const pn = [...py.files.keys()];
    const jn = [...js.files.keys()];
    if (pn.join("\n") !== jn.join("\n")) {
      problems.push(`--- file names differ ---\n  python:  ${JSON.stringify(pn)}\n  logxide: ${JSON.stringify(jn)}`);
    }
    for (const name of pn) {
      const b = js.files.get(name);
      if (b === undefined) continue;
      const a = py.files.get(name)!;
      check(`file:${name}`, a.toString("utf8"), b.toString("utf8"), a.equals(b));
    }
  }
  if (problems.length === 0) return "";
  return `scenario ${JSON.stringify(s.name)}\n${problems.join("\n")}`;
}

/** Runs up to `limit` async jobs at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
