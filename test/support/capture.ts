/**
 * CPython's support.captured_stdout()/captured_stderr(): replace the
 * stream's `write` while `fn` runs (logxide then writes through the
 * replacement), flush, and return what was written.
 */
import { afterEach, beforeEach } from "node:test";
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

/** A handler that keeps each record it gets and the record's formatted text. */
export class Collect extends logging.Handler {
  records: logging.LogRecord[] = [];
  out: string[] = [];
  override emit(record: logging.LogRecord): void {
    this.records.push(record);
    this.out.push(this.format(record));
  }
}

/** What `eachTestLogger` sets up for the running test. */
export interface TestLogger {
  /** A logger of the test's own (`<prefix>.<n>`), level DEBUG, not propagating. */
  readonly log: logging.Logger;
  /** The logger's only handler. */
  readonly h: Collect;
  /** What was written to stderr during the test (`handleError` reports), with `stderr: true`. */
  readonly stderr: string;
}

/** Options of `eachTestLogger`. */
export interface TestLoggerOptions {
  /** Set on the handler of each test. */
  formatter?: () => logging.Formatter;
  /** Replace `process.stderr.write` during each test and collect what it gets. */
  stderr?: boolean;
  /** `await logging.flush()` before and after each test, so batched output stays with the test that wrote it. */
  flush?: boolean;
}

/**
 * Registers `beforeEach`/`afterEach` hooks giving every test of the file a
 * fresh logger with a collecting handler (and, optionally, stderr captured);
 * returns the object through which the running test reaches them.
 */
export function eachTestLogger(prefix: string, options: TestLoggerOptions = {}): TestLogger {
  const state = { log: null as unknown as logging.Logger, h: null as unknown as Collect, stderr: "" };
  let seq = 0;
  let origWrite: typeof process.stderr.write | null = null;
  beforeEach(async () => {
    if (options.flush) await logging.flush();
    state.log = logging.getLogger(`${prefix}.${seq++}`);
    state.log.propagate = false;
    state.log.setLevel(logging.DEBUG);
    state.h = new Collect();
    if (options.formatter) state.h.setFormatter(options.formatter());
    state.log.addHandler(state.h);
    state.stderr = "";
    if (options.stderr) {
      origWrite = process.stderr.write;
      (process.stderr as { write: unknown }).write = (c: unknown) => {
        state.stderr += String(c);
        return true;
      };
    }
  });
  afterEach(async () => {
    if (options.flush) await logging.flush();
    if (origWrite) process.stderr.write = origWrite;
    origWrite = null;
    state.log.removeHandler(state.h);
  });
  return state;
}
