import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

function setup() {
  const lines: string[] = [];
  const queue = new logging.SimpleQueue();
  const out = new logging.StreamHandler({ write: (s: string) => void lines.push(s.trim()) });
  const listener = new logging.QueueListener(queue, out);
  const log = new logging.Logger("queue.listener");
  log.addHandler(new logging.QueueHandler(queue));
  return { lines, listener, log };
}

test("a second start() is Python 3.14's RuntimeError; after stop() it starts again", () => {
  const { listener } = setup();
  listener.start();
  assert.throws(
    () => listener.start(),
    (e: Error) => e.name === "RuntimeError" && e.message === "Listener already started",
  );
  listener.stop();
  assert.doesNotThrow(() => listener.start());
  listener.stop();
});

test("disposing a started listener stops it and handles what is queued; disposing again is a no-op", async () => {
  const { lines, listener, log } = setup();
  listener.start();
  log.warning("one");
  log.warning("two");
  listener[Symbol.dispose]();
  assert.deepEqual(lines, ["one", "two"]);
  log.warning("three"); // stopped: stays queued
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(lines, ["one", "two"]);
  assert.doesNotThrow(() => listener[Symbol.dispose]());
  await listener[Symbol.asyncDispose]();
  listener.start();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(lines, ["one", "two", "three"]);
  listener.stop();
});
