/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   LoggerTest (set_invalid_level, exception, log_invalid_level_with_raise,
 *   log_invalid_level_no_raise, find_caller_with_stacklevel,
 *   make_record_with_extra_overwrite, make_record_with_extra_no_overwrite,
 *   has_handlers, has_handlers_no_propagate, is_enabled_for,
 *   is_enabled_for_disabled_logger, root_logger_aliases, invalid_names) —
 *   test_caching is in cpython-levels.test.ts —, LoggerAdapterTest.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { BaseTest, guardedSetUp } from "./support/baseTest.js";

const L: any = logging;

/** Python's `support.swap_attr(logging, name, value)` through the assignable default export. */
function swapModuleAttr(name: string, value: unknown, fn: () => void): void {
  const old = L.default[name];
  L.default[name] = value;
  try {
    fn();
  } finally {
    L.default[name] = old;
  }
}

/** The exception carried by a record's exc_info: the error itself or Python's (type, value, tb). */
function excValue(exc_info: unknown): unknown {
  return Array.isArray(exc_info) ? exc_info[1] : exc_info;
}

class ZeroDivisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZeroDivisionError";
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
describe("LoggerTest", () => {
  let t: BaseTest;
  let recording: any;
  let logger: any;
  beforeEach(async () => {
    t = new BaseTest();
    await guardedSetUp(t, () => {
      t.setUp();
      recording = new RecordingHandler();
      logger = new L.Logger("blah");
      logger.addHandler(recording);
      t.addCleanup(() => logger.removeHandler(recording));
      t.addCleanup(() => recording.close());
    });
  });
  afterEach(async () => {
    await t.tearDown();
  });

  test("test_set_invalid_level", () => {
    assert.throws(
      () => logger.setLevel(null),
      (e: any) => e?.name === "TypeError" && e.message === "Level not an integer or a valid string: None",
    );
    // Python passes the tuple (0, 0); the JS counterpart is an array.
    assert.throws(
      () => logger.setLevel([0, 0]),
      (e: any) => e?.name === "TypeError" && e.message.startsWith("Level not an integer or a valid string: "),
    );
  });

  test("test_exception", () => {
    const msg = "testing exception: %r";
    let exc: Error | null = null;
    try {
      throw new ZeroDivisionError("division by zero");
    } catch (e) {
      exc = e as Error;
      // JS has no implicit current exception: a trailing Error not used by a placeholder is exc_info.
      logger.exception(msg, recording, e);
    }
    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, L.ERROR);
    assert.equal(record.msg, msg);
    assert.equal(record.args.length, 1);
    assert.equal(record.args[0], recording);
    assert.equal(excValue(record.exc_info), exc);
  });

  test("test_log_invalid_level_with_raise", () => {
    swapModuleAttr("raiseExceptions", true, () => {
      assert.throws(
        () => logger.log("10", "test message"),
        (e: any) => e?.name === "TypeError",
      );
    });
  });

  test("test_log_invalid_level_no_raise", () => {
    swapModuleAttr("raiseExceptions", false, () => {
      logger.log("10", "test message"); // no exception happens
    });
    assert.equal(recording.records.length, 0);
  });

  test("test_find_caller_with_stacklevel", () => {
    let the_level = 1;
    let trigger: (...a: unknown[]) => void = logger.warning.bind(logger);
    // Named functions, as in CPython: funcName is read from the stack.
    function innermost() {
      trigger("test", { stacklevel: the_level });
    }
    function inner() {
      innermost();
    }
    function outer() {
      inner();
    }
    const records = recording.records;
    function testBody() {
      outer();
      assert.equal(records.at(-1).funcName, "innermost");
      let lineno = records.at(-1).lineno;
      the_level += 1;
      outer();
      assert.equal(records.at(-1).funcName, "inner");
      assert.ok(records.at(-1).lineno > lineno);
      lineno = records.at(-1).lineno;
      the_level += 1;
      outer();
      assert.equal(records.at(-1).funcName, "outer");
      assert.ok(records.at(-1).lineno > lineno);
      lineno = records.at(-1).lineno;
      const root_logger = L.getLogger();
      root_logger.addHandler(recording);
      trigger = L.warning;
      outer();
      assert.equal(records.at(-1).funcName, "outer");
      root_logger.removeHandler(recording);
      trigger = logger.warning.bind(logger);
      the_level += 1;
      outer();
      assert.equal(records.at(-1).funcName, "testBody");
      assert.ok(records.at(-1).lineno > lineno);
    }
    testBody();
  });

  test("test_make_record_with_extra_overwrite", () => {
    const name = "my record";
    const level = 13;
    const rv = L.getLogRecordFactory()(name, level, null, null, null, null, null, null, null);
    for (const key of ["message", "asctime", ...Object.keys(rv)]) {
      const extra = { [key]: "some value" };
      assert.throws(
        () => logger.makeRecord(name, level, null, null, null, null, null, null, extra, null),
        (e: any) => e?.name === "KeyError",
        `extra key ${key}`,
      );
    }
  });

  test("test_make_record_with_extra_overwrite_message", () => {
    // PYTHON_SEMANTICS.md §3: the KeyError's text.
    assert.throws(
      () => logger.makeRecord("x", 13, null, null, null, null, null, null, { name: 1 }, null),
      (e: any) => e?.name === "KeyError" && e.message === `"Attempt to overwrite 'name' in LogRecord"`,
    );
  });

  test("test_make_record_with_extra_no_overwrite", () => {
    const name = "my record";
    const level = 13;
    const extra = { valid_key: "some value" };
    const result = logger.makeRecord(name, level, null, null, null, null, null, null, extra, null);
    assert.ok(Object.hasOwn(result, "valid_key"));
    assert.equal(result.valid_key, "some value");
  });

  test("test_has_handlers", () => {
    assert.equal(logger.hasHandlers(), true);
    for (const handler of [...logger.handlers]) logger.removeHandler(handler);
    assert.equal(logger.hasHandlers(), false);
  });

  test("test_has_handlers_no_propagate", () => {
    const child_logger = t.getLogger("blah.child");
    child_logger.propagate = false;
    assert.equal(child_logger.hasHandlers(), false);
  });

  test("test_is_enabled_for", () => {
    const old_disable = logger.manager.disable;
    logger.manager.disable = 23;
    t.addCleanup(() => {
      logger.manager.disable = old_disable;
    });
    assert.equal(logger.isEnabledFor(22), false);
  });

  test("test_is_enabled_for_disabled_logger", () => {
    const old_disabled = logger.disabled;
    const old_disable = logger.manager.disable;
    logger.disabled = true;
    logger.manager.disable = 21;
    t.addCleanup(() => {
      logger.disabled = old_disabled;
    });
    t.addCleanup(() => {
      logger.manager.disable = old_disable;
    });
    assert.equal(logger.isEnabledFor(22), false);
  });

  test("test_root_logger_aliases", () => {
    const root = L.getLogger();
    assert.equal(root, L.root);
    assert.equal(root, L.getLogger(null));
    assert.equal(root, L.getLogger(""));
    assert.equal(root, L.getLogger("root"));
    assert.equal(root, t.getLogger("foo").root);
    assert.equal(root, t.getLogger("foo.bar").root);
    assert.equal(root, t.getLogger("foo").parent);

    assert.notEqual(root, t.getLogger("\0"));
    assert.notEqual(root, t.getLogger("foo.bar").parent);
  });

  test("test_invalid_names", () => {
    const isTypeError = (e: any) => e?.name === "TypeError" && e.message === "A logger name must be a string";
    assert.throws(() => L.getLogger(Object), isTypeError);
    assert.throws(() => L.getLogger(Buffer.from("foo")), isTypeError);
  });
});

// ---------------------------------------------------------------------------
describe("LoggerAdapterTest", () => {
  let recording: any;
  let logger: any;
  let adapter: any;
  const cleanups: Array<() => void> = [];
  beforeEach(() => {
    recording = new RecordingHandler();
    logger = L.root;
    logger.addHandler(recording);
    cleanups.push(() => logger.removeHandler(recording));
    cleanups.push(() => recording.close());
    adapter = new L.LoggerAdapter(logger, null);
  });
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });

  test("test_exception", () => {
    const msg = "testing exception: %r";
    let exc: Error | null = null;
    try {
      throw new ZeroDivisionError("division by zero");
    } catch (e) {
      exc = e as Error;
      adapter.exception(msg, recording, e);
    }
    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, L.ERROR);
    assert.equal(record.msg, msg);
    assert.equal(record.args.length, 1);
    assert.equal(record.args[0], recording);
    assert.equal(excValue(record.exc_info), exc);
  });

  test("test_exception_excinfo", () => {
    const exc = new ZeroDivisionError("division by zero");
    adapter.exception("exc_info test", { exc_info: exc });
    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(excValue(record.exc_info), exc);
  });

  test("test_critical", () => {
    const msg = "critical test! %r";
    adapter.critical(msg, recording);
    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, L.CRITICAL);
    assert.equal(record.msg, msg);
    assert.equal(record.args.length, 1);
    assert.equal(record.args[0], recording);
  });

  test("test_is_enabled_for", () => {
    const old_disable = adapter.logger.manager.disable;
    adapter.logger.manager.disable = 33;
    cleanups.push(() => {
      adapter.logger.manager.disable = old_disable;
    });
    assert.equal(adapter.isEnabledFor(32), false);
  });

  test("test_has_handlers", () => {
    assert.equal(adapter.hasHandlers(), true);
    const removed = [...logger.handlers];
    for (const handler of removed) logger.removeHandler(handler);
    cleanups.push(() => {
      for (const h of removed) if (h !== recording) logger.addHandler(h);
    });
    assert.equal(logger.hasHandlers(), false);
    assert.equal(adapter.hasHandlers(), false);
  });

  test("test_nested", () => {
    class Adapter extends (L.LoggerAdapter as new (...args: any[]) => any) {
      prefix = "Adapter";
      process(msg: unknown, kwargs: unknown): [unknown, unknown] {
        return [`${this.prefix} ${msg}`, kwargs];
      }
    }
    const msg = "Adapters can be nested, yo.";
    const adapter1 = new Adapter(logger, null);
    const adapter_adapter = new Adapter(adapter1, null);
    adapter_adapter.prefix = "AdapterAdapter";
    assert.equal(String(adapter1), String(adapter_adapter));
    adapter_adapter.log(L.CRITICAL, msg, recording);
    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, L.CRITICAL);
    assert.equal(record.msg, `Adapter AdapterAdapter ${msg}`);
    assert.equal(record.args.length, 1);
    assert.equal(record.args[0], recording);
    const orig_manager = adapter_adapter.manager;
    assert.equal(adapter1.manager, orig_manager);
    assert.equal(logger.manager, orig_manager);
    const temp_manager = {};
    try {
      adapter_adapter.manager = temp_manager;
      assert.equal(adapter_adapter.manager, temp_manager);
      assert.equal(adapter1.manager, temp_manager);
      assert.equal(logger.manager, temp_manager);
    } finally {
      adapter_adapter.manager = orig_manager;
    }
    assert.equal(adapter_adapter.manager, orig_manager);
    assert.equal(adapter1.manager, orig_manager);
    assert.equal(logger.manager, orig_manager);
  });
});
