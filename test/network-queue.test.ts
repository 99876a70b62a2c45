/**
 * QueueHandler/QueueListener and MemoryHandler: O(1) dequeue, a drain
 * that leaves the event loop free between slices, counters.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeLogRecord, type LogRecord } from "../src/core/record.js";
import { Handler } from "../src/handlers/handler.js";
import { MemoryHandler } from "../src/handlers/memory.js";
import { QueueHandler, QueueListener, SimpleQueue } from "../src/handlers/queue.js";

const rec = (i: number, levelno = 20): LogRecord =>
  makeLogRecord({ name: "q", msg: `record ${i}`, levelname: levelno >= 40 ? "ERROR" : "INFO", levelno });

class Counting extends Handler {
  seen: string[] = [];
  override emit(record: LogRecord): void {
    this.seen.push(String(record.msg));
  }
}

test("SimpleQueue: 200k items in and out in order, in linear time", () => {
  const q = new SimpleQueue<number>();
  const n = 200000;
  const started = Date.now();
  for (let i = 0; i < n; i++) q.put_nowait(i);
  // Interleave: take half, add more, take everything (the head index and compaction at work).
  for (let i = 0; i < n / 2; i++) assert.equal(q.get_nowait(), i);
  for (let i = n; i < n + 1000; i++) q.put(i);
  assert.equal(q.qsize(), n / 2 + 1000);
  let expected = n / 2;
  while (!q.empty()) assert.equal(q.get_nowait(), expected++);
  assert.equal(expected, n + 1000);
  // Quadratic shifting took many seconds for this; linear work takes milliseconds.
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  assert.throws(() => q.get_nowait(), { name: "Empty" });
});

test("QueueListener drains a large backlog in slices: the event loop keeps running", async () => {
  const q = new SimpleQueue();
  const target = new Counting();
  const listener = new QueueListener(q, target);
  const h = new QueueHandler(q);
  const n = 100000;
  for (let i = 0; i < n; i++) h.handle(rec(i));
  assert.equal(h.counters.delivered, n);
  assert.equal(h.counters.emitted, h.counters.delivered + h.counters.dropped + h.counters.failed + h.counters.pending);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  listener.start();
  const seenWhileDraining: number[] = [];
  while (target.seen.length < n) {
    await new Promise((r) => setImmediate(r));
    seenWhileDraining.push(target.seen.length);
  }
  clearInterval(timer);
  listener.stop();
  // Other callbacks ran between slices: the drain took several turns, each at most `sliceRecords`.
  const steps = seenWhileDraining.filter((v, i) => i === 0 || v !== seenWhileDraining[i - 1]).length;
  assert.ok(steps >= n / listener.sliceRecords, `${steps} slices`);
  assert.ok(ticks > 0, "timers ran during the drain");
  assert.equal(target.seen[0], "record 0");
  assert.equal(target.seen[n - 1], `record ${n - 1}`);
});

test("QueueListener: a throwing handler does not stop the drain; stop() handles what is left", () => {
  const q = new SimpleQueue();
  const target = new Counting();
  const listener = new QueueListener(q, target);
  listener.handle = (r) => {
    if (r.msg === "record 1") throw new Error("boom");
    QueueListener.prototype.handle.call(listener, r);
  };
  listener.start();
  for (let i = 0; i < 3; i++) q.put_nowait(rec(i));
  listener.stop();
  assert.deepEqual(target.seen, ["record 0", "record 2"]);
});

test("MemoryHandler counters: delivered to the target, dropped at close, pending in the buffer", () => {
  const target = new Counting();
  const m = new MemoryHandler(10, 40, target);
  for (let i = 0; i < 25; i++) m.handle(rec(i));
  const c = m.counters;
  assert.equal(c.emitted, 25);
  assert.equal(c.delivered, 20);
  assert.equal(c.pending, 5);
  m.handle(rec(99, 40));
  assert.equal(c.delivered, 26);
  const lone = new MemoryHandler(5, 40, null, false);
  for (let i = 0; i < 3; i++) lone.handle(rec(i));
  lone.close();
  assert.equal(lone.counters.dropped, 3);
  for (const h of [m, lone]) {
    assert.equal(
      h.counters.emitted,
      h.counters.delivered + h.counters.dropped + h.counters.failed + h.counters.pending,
    );
  }
});
