/**
 * Fast paths for `process.stdout` and `process.stderr`: while their `write`
 * is Node's own, handlers append to a batched writer on fd 1 or 2. When a
 * program (or a test) replaces `write` to capture output, records go through
 * the replacement instead, after whatever is pending, so order is kept.
 */
import { settings } from "../core/settings.js";
import { osError } from "./oserror.js";
import { FdWriter } from "./writer.js";

interface Writable {
  write(chunk: string): unknown;
}

// The stdio streams and Node's own `write` of each, taken before anything
// patches them. Held here: `process.stdout` is a getter, too slow to call per record.
const stdout: unknown = process.stdout;
const stderr: unknown = process.stderr;
const stdoutWrite: unknown = Object.getPrototypeOf(process.stdout).write;
const stderrWrite: unknown = Object.getPrototypeOf(process.stderr).write;
const writers: Array<FdWriter | undefined> = [];

/** 1 or 2 for an unpatched process stdio stream (its `write` is Node's own), else -1. */
function batchedFd(stream: unknown): number {
  if (stream === stdout) return (stream as Writable).write === stdoutWrite ? 1 : -1;
  if (stream === stderr) return (stream as Writable).write === stderrWrite ? 2 : -1;
  return -1;
}

/** The batched writer for fd 1 or 2 (shared by every handler on that stream). */
export function stdioWriter(fd: 1 | 2): FdWriter {
  return writers[fd] ?? (writers[fd] = new FdWriter(fd, (err) => reportStdioError(fd, err)));
}

/** Error codes already reported per stdio fd: each kind is reported once, not once per batch. */
const reported = new Map<number, Set<string>>();

/**
 * A write to stdout/stderr failed (e.g. EPIPE: the reader went away). The
 * batch is not tied to one handler, so the error is reported once per kind,
 * on stderr (when stdout failed and `raiseExceptions` is on), as Python's
 * `handleError` would print it. After EPIPE the writer drops what it is
 * given; the program and the other handlers go on.
 */
function reportStdioError(fd: number, err: NodeJS.ErrnoException): void {
  const code = String(err?.code ?? err?.message ?? "unknown");
  let seen = reported.get(fd);
  if (!seen) reported.set(fd, (seen = new Set()));
  if (seen.has(code)) return;
  seen.add(code);
  if (fd !== 1 || !settings.raiseExceptions) return; // a failing stderr has no one left to tell
  try {
    const e = osError(err);
    const what = err?.code === "EPIPE" ? "; records for stdout are dropped from now on" : "";
    stdioWriter(2).write(`--- Logging error ---\n${e.name}: ${e.message} (writing to stdout${what})\n`);
  } catch {
    /* nothing left to report to */
  }
}

/**
 * Writes `text` to `stream`: batched when it is an unpatched process stdio
 * stream, else one synchronous `stream.write(text)` as Python does.
 */
export function writeToStream(stream: Writable, text: string): void {
  const fd = batchedFd(stream);
  if (fd > 0) {
    stdioWriter(fd as 1 | 2).write(text);
    return;
  }
  // A patched stdio stream: what is pending on its fd goes first.
  if (stream === stdout) writers[1]?.flushSync();
  else if (stream === stderr) writers[2]?.flushSync();
  stream.write(text);
}

/** Writes `text` to the current `process.stderr`, keeping order with batched output. */
export function writeStderr(text: string): void {
  writeToStream(process.stderr, text);
}

/** True when `stream` is a process stdio stream written through a batched writer. */
export function isBatchedStdio(stream: unknown): boolean {
  return batchedFd(stream) > 0;
}
