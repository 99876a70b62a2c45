/**
 * The CPython oracle for differential tests: one `python3` process per batch
 * (JSON on stdin, JSON on stdout), and a JS outcome in the same shape.
 */
import { spawnSync } from "node:child_process";

/** What one case gave: its text, or `ErrorClass: message`. */
export interface Outcome {
  ok?: string;
  err?: string;
}

/** Runs `script` once with `input` as JSON on stdin; returns its stdout parsed as JSON. */
export function runPython<T>(script: string, input: unknown, args: string[] = []): T {
  const r = spawnSync("python3", ["-c", script, ...args], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Runs `fn` and reports its result as CPython's side does. */
export function outcome(fn: () => string): Outcome {
  try {
    return { ok: fn() };
  } catch (e) {
    const err = e as Error;
    return { err: `${err.name}: ${err.message}` };
  }
}
