/**
 * StreamHandler on a Node Writable honours back-pressure: once `write()`
 * returns false, records queue in the handler's sink up to the
 * `writableBacklog` bound and go out on 'drain'; past the bound they are
 * dropped, counted, and reported once per episode through handleError.
 */
import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import * as logging from "../src/index.js";
import type { LogRecord } from "../src/core/record.js";
import { setOutputLimits } from "../src/io/streamSink.js";

/** A Writable that holds every write's callback until `release()`: it drains only when told. */
function stalledWritable(highWaterMark: number) {
  const held: Array<() => void> = [];
  const chunks: string[] = [];
  let stalled = true;
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _enc, cb) {
      chunks.push(String(chunk));
      if (stalled) held.push(() => cb());
      else cb();
    },
  });
  return {
    stream,
    chunks,
    text: () => chunks.join(""),
    release() {
      stalled = false;
      for (const cb of held.splice(0)) cb();
    },
  };
}

/** A StreamHandler whose handleError records the errors (assigned, not subclassed: a subclass turns on caller capture). */
function recordingHandler(stream: Writable): logging.StreamHandler & { errors: unknown[] } {
  const h = Object.assign(new logging.StreamHandler(stream), { errors: [] as unknown[] });
  h.handleError = (_record: LogRecord | null, err?: unknown): void => {
    h.errors.push(err);
  };
  return h;
}

function setup(name: string, stream: Writable) {
  const h = recordingHandler(stream);
  h.setFormatter(new logging.Formatter("%(message)s"));
  const log = logging.getLogger(name);
  log.propagate = false;
  log.setLevel(logging.INFO);
  log.addHandler(h);
  return { h, log, done: () => log.removeHandler(h) };
}

const BOUND = 64 * 1024;
const defaults = setOutputLimits();
afterEach(() => setOutputLimits(defaults));

describe("Writable back-pressure", () => {
  test("a stream that never drains: memory stays within highWaterMark + the bound; the rest is dropped, reported once", () => {
    setOutputLimits({ writableBacklog: BOUND });
    const w = stalledWritable(16 * 1024);
    const { h, log, done } = setup("writable.never", w.stream);
    const N = 100_000;
    for (let i = 0; i < N; i++) log.info("rec %d %s", i, "x".repeat(40));
    const line = "rec 99999 ".length + 41;
    // The stream's own buffer: at most its highWaterMark plus the record that crossed it.
    assert.ok(w.stream.writableLength <= 16 * 1024 + line, `writableLength ${w.stream.writableLength}`);
    const sink = toSinkOf(h);
    assert.ok(sink.queued <= BOUND, `queued ${sink.queued}`);
    assert.ok(sink.dropped > N / 2, `dropped ${sink.dropped}`);
    assert.equal(h.errors.length, 1, "one report for the whole episode");
    assert.equal((h.errors[0] as Error).name, "BlockingIOError");
    assert.match((h.errors[0] as Error).message, /does not drain/);
    done();
  });

  test("on 'drain' the queue goes out in order; flush() settles once it has", async () => {
    setOutputLimits({ writableBacklog: BOUND });
    const w = stalledWritable(1024);
    const { h, log, done } = setup("writable.drains", w.stream);
    const N = 5000;
    for (let i = 0; i < N; i++) log.info("rec %d", i);
    const flushed = h.flush();
    assert.ok(flushed instanceof Promise, "flush() waits for the drain");
    let settled = false;
    void flushed.then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(settled, false, "not before the stream drained");
    const sink = toSinkOf(h);
    const dropped = sink.dropped;
    w.release();
    await flushed;
    const lines = w.text().split("\n").slice(0, -1);
    assert.equal(lines.length + dropped, N, "every record written or counted as dropped");
    // Written records are in order; the dropped ones are one run at the end of the episode.
    const nums = lines.map((l) => Number(l.slice(4)));
    for (let i = 1; i < nums.length; i++) assert.ok(nums[i]! > nums[i - 1]!, `order at ${i}`);
    assert.equal(h.errors.length, dropped > 0 ? 1 : 0);
    assert.equal(h.flush(), undefined, "nothing waits any more");
    done();
  });

  test("a destroyed stream: Python's ValueError for each record, through handleError", () => {
    const w = stalledWritable(1024);
    w.stream.destroy();
    const { h, log, done } = setup("writable.closed", w.stream);
    log.info("after close");
    assert.equal(h.errors.length, 1);
    assert.equal((h.errors[0] as Error).name, "ValueError");
    assert.equal((h.errors[0] as Error).message, "I/O operation on closed file.");
    done();
  });

  test("an error passed to the write callback is reported once per kind, in Python's words", async () => {
    const stream = new Writable({
      write(_chunk, _enc, cb) {
        cb(Object.assign(new Error("EPIPE: broken pipe, write"), { code: "EPIPE" }));
      },
    });
    stream.on("error", () => undefined); // the application's own listener
    const { h, log, done } = setup("writable.errors", stream);
    log.info("a");
    log.info("b");
    await new Promise((r) => setImmediate(r));
    assert.equal(h.errors.length, 1);
    assert.equal(String(h.errors[0]), "BrokenPipeError: [Errno 32] Broken pipe");
    done();
  });
});

/** The adapter behind a handler, with its counters. */
function toSinkOf(h: logging.StreamHandler): { queued: number; dropped: number } {
  return h.sink as unknown as { queued: number; dropped: number };
}
