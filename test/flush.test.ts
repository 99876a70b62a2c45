/**
 * The async contract of `logging.flush()` and `logging.shutdown()`: they
 * wait for the Promise each handler's flush() returns, bounded by a
 * timeout, and say what could not be delivered (the report, and the
 * handler's handleError). Python's `shutdown(handlerList)` rules still hold.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { flush, shutdown } from "../src/module.js";
import type { LogRecord } from "../src/core/record.js";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A handler whose flush() is `flushImpl`; errors given to handleError are kept. */
function asyncHandler(flushImpl: () => unknown, name: string) {
  const h = Object.assign(new logging.Handler(), { errors: [] as unknown[], events: [] as string[] });
  h.name = name;
  h.emit = (_r: LogRecord) => undefined;
  h.flush = (() => {
    h.events.push("flush");
    return flushImpl();
  }) as () => void;
  const close = h.close.bind(h);
  h.close = () => {
    h.events.push("close");
    close();
  };
  h.handleError = (_record: LogRecord | null, err?: unknown) => {
    h.errors.push(err);
  };
  return h;
}

describe("await logging.flush()", () => {
  test("waits for a slow Promise from a handler's flush()", async () => {
    let delivered = false;
    const h = asyncHandler(() => sleep(150).then(() => void (delivered = true)), "slow");
    try {
      const t0 = Date.now();
      const report = await flush();
      assert.equal(delivered, true);
      assert.ok(Date.now() - t0 >= 140, "resolved before the handler's flush settled");
      assert.deepEqual(report.failed, []);
      assert.deepEqual(report.timedOut, []);
      assert.ok(report.handlers >= 1);
      assert.deepEqual(h.errors, []);
    } finally {
      h.close();
    }
  });

  test("a rejecting flush(): listed in failed and reported through the handler's handleError; flush() resolves", async () => {
    const boom = new Error("peer gone");
    const h = asyncHandler(() => sleep(10).then(() => Promise.reject(boom)), "rejects");
    try {
      const report = await flush();
      assert.deepEqual(
        report.failed.filter((f) => f.handler === h),
        [{ handler: h, error: boom }],
      );
      assert.deepEqual(h.errors, [boom]);
    } finally {
      h.close();
    }
  });

  test("a throwing flush(): the same, and the other handlers are still flushed", async () => {
    const boom = new Error("sync failure");
    const bad = asyncHandler(() => {
      throw boom;
    }, "throws");
    const good = asyncHandler(() => undefined, "good");
    try {
      const report = await flush();
      assert.ok(report.failed.some((f) => f.handler === bad && f.error === boom));
      assert.deepEqual(bad.errors, [boom]);
      assert.deepEqual(good.events, ["flush"]);
    } finally {
      bad.close();
      good.close();
    }
  });

  test("a flush() that never settles: resolved at the timeout, listed in timedOut, reported as TimeoutError", async () => {
    const h = asyncHandler(() => new Promise(() => undefined), "never");
    try {
      const t0 = Date.now();
      const report = await flush({ timeout: 200 });
      const ms = Date.now() - t0;
      assert.ok(ms >= 190 && ms < 2000, `resolved after ${ms} ms`);
      assert.deepEqual(report.timedOut, [h]);
      assert.equal(h.errors.length, 1);
      assert.equal((h.errors[0] as Error).name, "TimeoutError");
      assert.match((h.errors[0] as Error).message, /flush\(\) did not settle within 200 ms/);
    } finally {
      h.close();
    }
  });

  test("an invalid timeout is refused at once", () => {
    assert.throws(() => flush({ timeout: -1 }), TypeError);
    assert.throws(() => flush({ timeout: "soon" as unknown as number }), TypeError);
  });

  test("buffering handlers keep their buffer (MemoryHandler flushes to its target only when it decides)", async () => {
    const out: string[] = [];
    const target = new logging.StreamHandler({ write: (t: string) => out.push(t) });
    const mem = new logging.handlers.MemoryHandler(100, logging.ERROR, target);
    const log = logging.getLogger("flush.memory");
    log.propagate = false;
    log.addHandler(mem);
    try {
      log.warning("held");
      await flush();
      assert.deepEqual(out, []);
      log.error("now");
      assert.deepEqual(out, ["held\n", "now\n"]);
    } finally {
      log.removeHandler(mem);
      mem.close();
      target.close();
    }
  });
});

describe("await logging.shutdown()", () => {
  test("Python's signature: shutdown(handlerList) flushes then closes each, newest first", async () => {
    const order: string[] = [];
    const mk = (n: string) => {
      const h = asyncHandler(() => void order.push(`flush ${n}`), n);
      const close = h.close;
      h.close = () => {
        order.push(`close ${n}`);
        close();
      };
      return h;
    };
    const a = mk("a");
    const b = mk("b");
    const report = await shutdown([a, b]);
    assert.deepEqual(order, ["flush b", "close b", "flush a", "close a"]);
    assert.equal(report.handlers, 2);
  });

  test("close() is called after an async flush() settles, and shutdown waits for both", async () => {
    let closedAt = 0;
    let flushedAt = 0;
    const h = asyncHandler(() => sleep(100).then(() => void (flushedAt = Date.now())), "async-close");
    const close = h.close;
    h.close = () => {
      closedAt = Date.now();
      close();
    };
    const p = shutdown([h]);
    assert.equal(closedAt, 0, "not closed before its flush settled");
    await p;
    assert.ok(flushedAt > 0 && closedAt >= flushedAt);
  });

  test("OSError and ValueError from flush/close are ignored (listed, not reported); others reject", async () => {
    const os = asyncHandler(() => {
      throw Object.assign(new Error("[Errno 32] Broken pipe"), { name: "BrokenPipeError" });
    }, "os");
    const value = asyncHandler(
      () => Promise.reject(Object.assign(new Error("closed"), { name: "ValueError" })),
      "value",
    );
    const report = await shutdown([os, value]);
    assert.equal(report.failed.length, 2);
    assert.deepEqual(os.errors, []);
    assert.deepEqual(value.errors, []);
    assert.deepEqual(os.events, ["flush"], "as Python: a failing flush skips close");

    const other = asyncHandler(() => Promise.reject(new TypeError("bug")), "other");
    await assert.rejects(shutdown([other]), TypeError);
    assert.deepEqual(other.events, ["flush", "close"], "closed before the error is raised");
  });

  test("a close() that never settles: shutdown({ timeout }) resolves and lists it", async () => {
    const h = asyncHandler(() => undefined, "never-closes");
    const close = h.close;
    h.close = () => {
      close(); // leaves the list of live handlers; what it returns never settles
      return new Promise(() => undefined) as unknown as void;
    };
    const t0 = Date.now();
    const report = await shutdown([h], { timeout: 150 });
    assert.ok(Date.now() - t0 >= 140);
    assert.deepEqual(report.timedOut, [h]);
    assert.match(String(h.errors[0]), /TimeoutError: close\(\) did not settle within 150 ms/);
  });

  // Last: it shuts down every handler of this process.
  test("shutdown({ timeout }): the options alone, for every live handler", async () => {
    const h = asyncHandler(() => sleep(20), "last");
    const report = await shutdown({ timeout: 1000 });
    assert.deepEqual(h.events, ["flush", "close"]);
    assert.ok(report.handlers >= 1);
    assert.deepEqual(report.timedOut, []);
  });
});
