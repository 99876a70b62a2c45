/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   StreamHandlerTest (error_handling, stream_setting), MemoryHandlerTest
 *   (flush, flush_on_close), ExceptionTest (adapted to JS errors),
 *   LastResortTest, ShutdownTest, LogRecordTest.test_dict_arg.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as path from "node:path";
import * as logging from "../src/index.js";
import { capturedStderr } from "./support/capture.js";
import { BaseTest, guardedSetUp, StringIO, useBaseTest } from "./support/baseTest.js";

const L: any = logging;
const THIS_FILE = path.basename(fileURLToPath(import.meta.url));
const SRC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src");

/** Module-level attributes Python code assigns (`logging.raiseExceptions = False`). */
function setModuleAttr(name: string, value: unknown): void {
  // An ES module namespace is read-only; the default export carries the
  // assignable module attributes.
  (L.default as any)[name] = value;
}
function getModuleAttr(name: string): any {
  return (L.default as any)[name];
}

class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuntimeError";
  }
}

// ---------------------------------------------------------------------------
// BaseTest harness (CPython's BaseTest, translated)
// ---------------------------------------------------------------------------

/** CPython's RecordingHandler: a NullHandler that keeps every record it is handed. */
class RecordingHandler extends (L.NullHandler as new (...args: any[]) => any) {
  records: any[] = [];
  handle(record: any): boolean {
    this.records.push(record);
    return true;
  }
}

// ---------------------------------------------------------------------------
class BadStream {
  write(_data: string): never {
    throw new RuntimeError("deliberate mistake");
  }
}

class TestStreamHandler extends (L.StreamHandler as new (...args: any[]) => any) {
  error_record: any = undefined;
  handleError(record: any): void {
    this.error_record = record;
  }
}

describe("StreamHandlerTest", () => {
  const T = useBaseTest();

  test("test_error_handling", async () => {
    T();
    let h: any = new TestStreamHandler(new BadStream());
    const r = L.makeLogRecord({});
    const old_raise = getModuleAttr("raiseExceptions");
    try {
      h.handle(r);
      await L.flush();
      assert.equal(h.error_record, r);

      h = new L.StreamHandler(new BadStream());
      let stderr = await capturedStderr(() => h.handle(r));
      const msg = "\nRuntimeError: deliberate mistake\n";
      assert.ok(stderr.includes(msg), `stderr was: ${JSON.stringify(stderr)}`);

      setModuleAttr("raiseExceptions", false);
      stderr = await capturedStderr(() => h.handle(r));
      assert.equal(stderr, "");
    } finally {
      setModuleAttr("raiseExceptions", old_raise);
    }
  });

  test("test_error_handling_report_shape", async () => {
    // PYTHON_SEMANTICS.md §6: what handleError prints for a bad format.
    T();
    const h = new L.StreamHandler(new StringIO());
    const r = L.makeLogRecord({ msg: "bad %d", args: ["x"] });
    const stderr = await capturedStderr(() => h.handle(r));
    assert.ok(stderr.startsWith("--- Logging error ---\n"), JSON.stringify(stderr));
    assert.ok(stderr.includes("Message: 'bad %d'\n"), JSON.stringify(stderr));
    assert.ok(stderr.includes("Arguments: ('x',)\n"), JSON.stringify(stderr));
  });

  test("test_stream_setting", () => {
    T();
    // Test setting the handler's stream
    const h = new L.StreamHandler();
    const stream = new StringIO();
    const old = h.setStream(stream);
    assert.equal(old, process.stderr);
    let actual = h.setStream(old);
    assert.equal(actual, stream);
    // test that setting to existing value returns None
    actual = h.setStream(old);
    assert.equal(actual ?? null, null);
  });
});

// ---------------------------------------------------------------------------
describe("MemoryHandlerTest", () => {
  let t: BaseTest;
  let mem_hdlr: any;
  let mem_logger: any;
  beforeEach(async () => {
    t = new BaseTest();
    // Do not bother with a logger name group.
    t.expectedLogPat = /^[\w.]+ -> (\w+): (\d+)$/;
    mem_hdlr = null;
    await guardedSetUp(t, () => {
      t.setUp();
      mem_hdlr = new L.handlers.MemoryHandler(10, L.WARNING, t.rootHdlr);
      mem_logger = t.getLogger("mem");
      mem_logger.propagate = false;
      mem_logger.addHandler(mem_hdlr);
    });
  });
  afterEach(async () => {
    mem_hdlr?.close();
    await t.tearDown();
  });

  test("test_flush", async () => {
    // The memory handler flushes to its target handler based on specific
    // criteria (message count and message level).
    mem_logger.debug(t.nextMessage());
    await t.assertLogLines([]);
    mem_logger.info(t.nextMessage());
    await t.assertLogLines([]);
    // This will flush because the level is >= logging.WARNING
    mem_logger.warning(t.nextMessage());
    let lines = [
      ["DEBUG", "1"],
      ["INFO", "2"],
      ["WARNING", "3"],
    ];
    await t.assertLogLines(lines);
    for (const n of [4, 14]) {
      for (let i = 0; i < 9; i++) mem_logger.debug(t.nextMessage());
      await t.assertLogLines(lines);
      // This will flush because it's the 10th message since the last flush.
      mem_logger.debug(t.nextMessage());
      const added: string[][] = [];
      for (let i = n; i < n + 10; i++) added.push(["DEBUG", String(i)]);
      lines = lines.concat(added);
      await t.assertLogLines(lines);
    }

    mem_logger.debug(t.nextMessage());
    await t.assertLogLines(lines);
  });

  test("test_flush_on_close", async () => {
    // Test that the flush-on-close configuration works as expected.
    mem_logger.debug(t.nextMessage());
    await t.assertLogLines([]);
    mem_logger.info(t.nextMessage());
    await t.assertLogLines([]);
    mem_logger.removeHandler(mem_hdlr);
    // Default behaviour is to flush on close. Check that it happens.
    mem_hdlr.close();
    const lines = [
      ["DEBUG", "1"],
      ["INFO", "2"],
    ];
    await t.assertLogLines(lines);
    // Now configure for flushing not to be done on close.
    mem_hdlr = new L.handlers.MemoryHandler(10, L.WARNING, t.rootHdlr, false);
    mem_logger.addHandler(mem_hdlr);
    mem_logger.debug(t.nextMessage());
    await t.assertLogLines(lines); // no change
    mem_logger.info(t.nextMessage());
    await t.assertLogLines(lines); // no change
    mem_logger.removeHandler(mem_hdlr);
    mem_hdlr.close();
    // assert that no new lines have been added
    await t.assertLogLines(lines); // no change
  });
});

// ---------------------------------------------------------------------------
describe("ExceptionTest", () => {
  const T = useBaseTest();

  // Adapted: JS has no implicit "current exception", so the caught error is
  // passed as exc_info; a JS error's text is its stack, not a Python traceback.
  test("test_formatting", async () => {
    const t = T();
    const root = t.rootLogger;
    const h = new RecordingHandler();
    root.addHandler(h);
    try {
      throw new RuntimeError("deliberate mistake");
    } catch (e) {
      L.exception("failed", { exc_info: e, stack_info: true });
    }
    root.removeHandler(h);
    h.close();
    await L.flush();
    const r = h.records[0];
    assert.ok(r, "the record reached the handler");
    assert.equal(r.levelno, L.ERROR);
    // exc_text was cached on the record by the root StreamHandler's formatter
    assert.equal(typeof r.exc_text, "string");
    assert.ok(r.exc_text.includes("RuntimeError: deliberate mistake"), r.exc_text);
    assert.ok(r.exc_text.includes(THIS_FILE), `traceback names the throwing file:\n${r.exc_text}`);
    assert.ok(!r.exc_text.endsWith("\n"), "no trailing newline in exc_text");
    assert.ok(r.stack_info.startsWith("Stack (most recent call last):\n"), r.stack_info);
    assert.ok(r.stack_info.includes(THIS_FILE), `stack names the calling file:\n${r.stack_info}`);
    // CPython: the stack ends at the caller's line — no logging frames in it.
    assert.ok(!r.stack_info.includes(SRC_DIR + path.sep), `no library frames in stack_info:\n${r.stack_info}`);
    // And the formatted output has the message, then the exception, then the stack.
    const out = t.stream.getvalue();
    assert.ok(out.startsWith("root -> ERROR: failed\n"), out);
    assert.ok(out.indexOf("RuntimeError: deliberate mistake") < out.indexOf("Stack (most recent call last):"), out);
  });
});

// ---------------------------------------------------------------------------
describe("LastResortTest", () => {
  const T = useBaseTest();

  test("test_last_resort", async () => {
    const t = T();
    // Test the last resort handler
    const root = t.rootLogger;
    root.removeHandler(t.rootHdlr);
    const old_lastresort = getModuleAttr("lastResort");
    const old_raise_exceptions = getModuleAttr("raiseExceptions");
    try {
      let stderr = await capturedStderr(() => root.debug("This should not appear"));
      assert.equal(stderr, "");
      stderr = await capturedStderr(() => root.warning("Final chance!"));
      assert.equal(stderr, "Final chance!\n");

      // No handlers and no last resort, so 'No handlers' message
      setModuleAttr("lastResort", null);
      stderr = await capturedStderr(() => root.warning("Final chance!"));
      const msg = 'No handlers could be found for logger "root"\n';
      assert.equal(stderr, msg);

      // 'No handlers' message only printed once
      stderr = await capturedStderr(() => root.warning("Final chance!"));
      assert.equal(stderr, "");

      // If raiseExceptions is False, no message is printed
      root.manager.emittedNoHandlerWarning = false;
      setModuleAttr("raiseExceptions", false);
      stderr = await capturedStderr(() => root.warning("Final chance!"));
      assert.equal(stderr, "");
    } finally {
      root.addHandler(t.rootHdlr);
      setModuleAttr("lastResort", old_lastresort);
      setModuleAttr("raiseExceptions", old_raise_exceptions);
    }
  });
});

// ---------------------------------------------------------------------------
/** CPython's FakeHandler: records each lifecycle call. (No acquire/release: JS has no handler locks.) */
class FakeHandler {
  [k: string]: any;
  constructor(identifier: number, called: string[]) {
    for (const method of ["acquire", "flush", "close", "release"]) {
      this[method] = () => {
        called.push(`${identifier} - ${method}`);
      };
    }
  }
}

class PyError extends Error {
  constructor(name: string) {
    super(name);
    this.name = name;
  }
}

describe("ShutdownTest", () => {
  let t: BaseTest;
  let called: string[];
  let raiseExceptions: unknown;
  beforeEach(async () => {
    t = new BaseTest();
    await guardedSetUp(t, () => t.setUp());
    called = [];
    raiseExceptions = getModuleAttr("raiseExceptions");
  });
  afterEach(async () => {
    setModuleAttr("raiseExceptions", raiseExceptions);
    await t.tearDown();
  });

  function raiseError(name: string): () => never {
    return () => {
      throw new PyError(name);
    };
  }

  /**
   * Python passes weakrefs (its _handlerList holds weakrefs); logxide's
   * handler list holds the handlers themselves, so they are passed directly.
   */
  function refs(hs: object[]): object[] {
    return hs;
  }

  test("test_no_failure", async () => {
    // create some fake handlers
    const handler0 = new FakeHandler(0, called);
    const handler1 = new FakeHandler(1, called);
    const handler2 = new FakeHandler(2, called);

    await L.shutdown(refs([handler0, handler1, handler2]));

    // CPython also records acquire/release around flush and close; the
    // order of the calls that exist in JS must be the same.
    const expected = ["2 - flush", "2 - close", "1 - flush", "1 - close", "0 - flush", "0 - close"];
    assert.deepEqual(
      called.filter((c) => !c.endsWith("acquire") && !c.endsWith("release")),
      expected,
    );
  });

  async function testWithFailureInMethod(method: string, error: string): Promise<void> {
    const handler = new FakeHandler(0, called);
    handler[method] = raiseError(error);
    // CPython then checks that the handler lock was released; JS has no
    // lock, so what remains is that the failure does not escape shutdown.
    await L.shutdown(refs([handler]));
    if (method === "close")
      assert.deepEqual(
        called.filter((c) => c.endsWith("flush")),
        ["0 - flush"],
      );
  }

  for (const [errName, label] of [
    ["OSError", "ioerror"],
    ["ValueError", "valueerror"],
  ]) {
    for (const method of ["flush", "close"]) {
      test(`test_with_${label}_in_${method}`, async () => {
        await testWithFailureInMethod(method, errName);
      });
    }
  }

  for (const method of ["flush", "close"]) {
    test(`test_with_other_error_in_${method}_without_raise`, async () => {
      setModuleAttr("raiseExceptions", false);
      await testWithFailureInMethod(method, "IndexError");
    });
  }

  for (const method of ["flush", "close"]) {
    test(`test_with_other_error_in_${method}_with_raise`, async () => {
      setModuleAttr("raiseExceptions", true);
      await assert.rejects(
        async () => {
          await testWithFailureInMethod(method, "IndexError");
        },
        (e: any) => e.name === "IndexError",
      );
    });
  }
});

// ---------------------------------------------------------------------------
describe("LogRecordTest", () => {
  const T = useBaseTest();

  test("test_dict_arg", async () => {
    T();
    const h = new RecordingHandler();
    const r = L.getLogger();
    r.addHandler(h);
    const d = { less: "more" };
    L.warning("less is %(less)s", d);
    await L.flush();
    assert.equal(h.records[0].args, d);
    assert.equal(h.records[0].message, "less is more");
    r.removeHandler(h);
    h.close();
  });
});
