/**
 * Python 3.12's QueueHandler entry in dictConfig: `queue`, `listener` and
 * `handlers` build `handler.listener` (a QueueListener over the named
 * handlers, not started), as in CPython 3.12.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { register, unregister } from "../src/config/names.js";

class Capture {
  text = "";
  write(s: string): void {
    this.text += s;
  }
}

class MyListener extends logging.QueueListener {}

after(() => {
  unregister("queuetest.out");
  unregister("queuetest.MyListener");
});

test("queue, listener and handlers keys make a listener over the named handlers", async () => {
  const out = new Capture();
  register({ "queuetest.out": out, "queuetest.MyListener": MyListener });
  logging.dictConfig({
    version: 1,
    disable_existing_loggers: false,
    formatters: { f: { format: "%(name)s %(levelname)s %(message)s" } },
    handlers: {
      // Sorted before "sink": configured on the second pass, once "sink" exists.
      q: {
        class: "logging.handlers.QueueHandler",
        queue: { "()": "queue.SimpleQueue" },
        listener: "queuetest.MyListener",
        handlers: ["sink"],
        respect_handler_level: true,
      },
      sink: { class: "logging.StreamHandler", stream: "ext://queuetest.out", formatter: "f", level: "WARNING" },
    },
    loggers: { "qt.app": { level: "DEBUG", handlers: ["q"], propagate: false } },
  });
  const q = logging.getHandlerByName("q") as logging.QueueHandler;
  const listener = q.listener!;
  assert.ok(listener instanceof MyListener);
  assert.ok(q.queue instanceof logging.SimpleQueue);
  assert.equal(listener.queue, q.queue);
  assert.deepEqual(listener.handlers, [logging.getHandlerByName("sink")]);
  assert.equal(listener.respect_handler_level, true);
  const log = logging.getLogger("qt.app");
  log.info("held back by the sink's level");
  log.warning("through the queue");
  assert.equal(out.text, "", "the listener is not started by dictConfig");
  listener.start();
  listener.stop();
  await logging.flush();
  assert.equal(out.text, "qt.app WARNING through the queue\n");
});

test("defaults: a SimpleQueue and a QueueListener without handlers", () => {
  logging.dictConfig({ version: 1, handlers: { q: { class: "logging.handlers.QueueHandler" } } });
  const q = logging.getHandlerByName("q") as logging.QueueHandler;
  assert.ok(q.queue instanceof logging.SimpleQueue);
  assert.ok(q.listener instanceof logging.QueueListener);
  assert.deepEqual(q.listener!.handlers, []);
});

test("invalid specifiers are CPython 3.12's TypeErrors", () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ queue: 5 }, "TypeError: Invalid queue specifier 5"],
    [{ queue: "logging.DEBUG" }, "TypeError: Invalid queue specifier 'logging.DEBUG'"],
    [{ listener: "logging.StreamHandler" }, "TypeError: Invalid listener specifier 'logging.StreamHandler'"],
    [{ handlers: ["nope"] }, "ValueError: Unable to set required handler 'nope' <- KeyError: 'nope'"],
  ];
  for (const [keys, cause] of cases) {
    assert.throws(
      () => logging.dictConfig({ version: 1, handlers: { q: { class: "logging.handlers.QueueHandler", ...keys } } }),
      (e: Error) => {
        const parts: string[] = [];
        for (let c: unknown = e; c instanceof Error; c = c.cause) parts.push(`${c.name}: ${c.message}`);
        return parts.join(" <- ") === `ValueError: Unable to configure handler 'q' <- ${cause}`;
      },
      JSON.stringify(keys),
    );
  }
});
