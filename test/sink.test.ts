/**
 * The Sink boundary: a new sink is one small class; `toSink` gives the
 * right sink for each kind of stream; `handler.stream` stays the stream the
 * user gave; no handler branches on the kind of sink it holds.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as logging from "../src/index.js";
import { SINK, type Sink } from "../src/io/sink.js";
import { toSink } from "../src/io/streamSink.js";
import type { LogRecord } from "../src/core/record.js";
import { runPython } from "./support/python.js";

// ---- the whole of a new sink: -------------------------------------------
/** Keeps each record's text in memory; `flush` settles once "delivered". */
class MemorySink implements Sink {
  readonly [SINK] = true as const;
  lines: string[] = [];
  flushes = 0;
  closed = false;

  write(text: string): void {
    if (this.closed) throw new Error("MemorySink is closed");
    this.lines.push(text);
  }

  flush(): Promise<void> {
    this.flushes++;
    return new Promise((resolve) => setTimeout(resolve, 5));
  }

  close(): void {
    this.closed = true;
  }
}
// -------------------------------------------------------------------------

function quietLogger(name: string, h: logging.Handler): logging.Logger {
  const log = logging.getLogger(name);
  log.propagate = false;
  log.setLevel(logging.DEBUG);
  log.addHandler(h);
  return log;
}

describe("a custom sink", () => {
  test("used by a StreamHandler as it is: one write per record, no flush per record", async () => {
    const sink = new MemorySink();
    const h = new logging.StreamHandler(sink);
    h.setFormatter(new logging.Formatter("%(levelname)s:%(message)s"));
    const log = quietLogger("sink.memory", h);
    log.info("one");
    log.warning("two %d", 2);
    assert.deepEqual(sink.lines, ["INFO:one\n", "WARNING:two 2\n"]);
    assert.equal(sink.flushes, 0);
    assert.equal(h.stream, sink);
    // The sink's Promise is what logging.flush() waits for.
    const report = await logging.flush();
    assert.equal(sink.flushes, 1);
    assert.ok(!report.failed.some((f) => f.handler === h));
    // StreamHandler does not close what it was given (as Python).
    h.close();
    assert.equal(sink.closed, false);
    log.removeHandler(h);
  });

  test("a throw from write reaches handleError with the record", () => {
    const sink = new MemorySink();
    sink.closed = true;
    const seen: Array<[LogRecord | null, unknown]> = [];
    class H extends logging.StreamHandler {
      override handleError(record: LogRecord | null, err?: unknown): void {
        seen.push([record, err]);
      }
    }
    const h = new H(sink);
    const log = quietLogger("sink.throws", h);
    log.info("lost");
    assert.equal(seen.length, 1);
    assert.equal(seen[0]![0]!.msg, "lost");
    assert.match(String(seen[0]![1]), /MemorySink is closed/);
    log.removeHandler(h);
  });
});

describe("toSink", () => {
  const onError = (): void => undefined;

  test("a Sink is used as it is", () => {
    const s = new MemorySink();
    assert.equal(toSink(s, onError), s);
  });

  test("process.stdout/stderr get the batched stdio sink (fd 1, fd 2)", () => {
    assert.equal((toSink(process.stdout, onError) as unknown as { fd: number }).fd, 1);
    assert.equal((toSink(process.stderr, onError) as unknown as { fd: number }).fd, 2);
  });

  test("a plain object: write then flush per record, as Python's StreamHandler; close only when it has one", () => {
    const calls: string[] = [];
    const s = toSink(
      { write: (t: string) => calls.push(`write ${JSON.stringify(t)}`), flush: () => calls.push("flush") },
      onError,
    );
    s.write("a\n");
    s.flush();
    assert.deepEqual(calls, ['write "a\\n"', "flush", "flush"]);
    assert.equal(s.close(), undefined);
  });

  test("a rejected Promise from a plain object's write goes to the error listener", async () => {
    const errors: Error[] = [];
    const s = toSink({ write: () => Promise.reject(new Error("async write failed")) }, (e) => errors.push(e));
    s.write("x\n");
    await new Promise((r) => setImmediate(r));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /async write failed/);
  });
});

describe("handler.stream and setStream", () => {
  test("stream is the object given; setStream returns the old one, or null when the same", () => {
    const a = {
      text: "",
      write(t: string) {
        this.text += t;
      },
    };
    const b = {
      text: "",
      write(t: string) {
        this.text += t;
      },
    };
    const h = new logging.StreamHandler(a);
    const log = quietLogger("sink.setstream", h);
    log.info("to a");
    assert.equal(h.setStream(b), a);
    assert.equal(h.setStream(b), null);
    log.info("to b");
    h.stream = a; // Python code assigns the attribute too
    log.info("a again");
    assert.equal(a.text, "to a\na again\n");
    assert.equal(b.text, "to b\n");
    log.removeHandler(h);
  });

  test("a file handler's stream is its open file: write/flush/close/fileno", () => {
    const file = join(fileURLToPath(new URL(".", import.meta.url)), `.sink-${process.pid}.log`);
    const h = new logging.FileHandler(file, { mode: "w" });
    try {
      const s = h.stream as unknown as { write: unknown; flush: unknown; close: unknown; fileno(): number };
      for (const m of ["write", "flush", "close"] as const) assert.equal(typeof s[m], "function");
      assert.ok(s.fileno() > 2);
    } finally {
      h.close();
      assert.equal(h.stream, null);
      rmSync(file, { force: true });
    }
  });
});

test("no handler branches on the kind of sink it holds", () => {
  const dir = fileURLToPath(new URL("../src/handlers/", import.meta.url));
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), "utf8");
    assert.doesNotMatch(text, /instanceof\s+\w*Sink\b/, f);
  }
});

test("repr of a StreamHandler names its stream as CPython does", () => {
  const py = runPython<string[]>(
    `import json, logging, sys, io
class Named:
    def __init__(self, name): self.name = name
    def write(self, t): pass
out = [repr(logging.StreamHandler()), repr(logging.StreamHandler(sys.stdout)), repr(logging.StreamHandler(io.StringIO())),
       repr(logging.StreamHandler(Named(5))), repr(logging.StreamHandler(Named(None))), repr(logging.StreamHandler(Named("")))]
h = logging.StreamHandler(); h.setLevel(logging.ERROR); out.append(repr(h))
print(json.dumps(out))`,
    null,
  );
  const named = (name: unknown) => ({ name, write: (_t: string) => undefined });
  const h = new logging.StreamHandler();
  h.setLevel(logging.ERROR);
  const js = [
    String(new logging.StreamHandler()),
    String(new logging.StreamHandler(process.stdout)),
    String(new logging.StreamHandler({ write: (_t: string) => undefined })),
    String(new logging.StreamHandler(named(5))),
    String(new logging.StreamHandler(named(null))),
    String(new logging.StreamHandler(named(""))),
    String(h),
  ];
  assert.deepEqual(js, py);
});
