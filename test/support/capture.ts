/**
 * CPython's support.captured_stdout()/captured_stderr(): replace the
 * stream's `write` while `fn` runs (logxide then writes through the
 * replacement), flush, and return what was written.
 */
import * as logging from "../../src/index.js";

async function captured(stream: NodeJS.WriteStream, fn: (out: { getvalue(): string }) => unknown): Promise<string> {
  const orig = stream.write;
  let out = "";
  (stream as any).write = (chunk: any, ...rest: any[]) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const cb = rest.find((x) => typeof x === "function");
    if (cb) cb();
    return true;
  };
  try {
    await fn({ getvalue: () => out });
    await logging.flush();
  } finally {
    stream.write = orig;
  }
  return out;
}

/** What `fn` (and logging during it) wrote to stdout. */
export function capturedStdout(fn: (out: { getvalue(): string }) => unknown): Promise<string> {
  return captured(process.stdout, fn);
}

/** What `fn` (and logging during it) wrote to stderr. */
export function capturedStderr(fn: (out: { getvalue(): string }) => unknown): Promise<string> {
  return captured(process.stderr, fn);
}
