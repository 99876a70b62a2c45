/**
 * Ports of CPython 3.11 Lib/test/test_logging.py, ConfigDictTest:
 *   config0_ok, config7_ok, config_8a_ok, config14_ok, out_of_order,
 *   out_of_order_with_dollar_style, baseconfig, config_callable_filter_works,
 *   config_filter_works, config_filter_method_works, invalid_type_raises, 90195.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

const L: any = logging;

/** support.captured_stdout(): replaces process.stdout.write while `fn` runs. */
async function capturedStdout(fn: (out: { getvalue(): string }) => unknown): Promise<string> {
  const orig = process.stdout.write;
  let out = "";
  (process.stdout as any).write = (chunk: any, ...rest: any[]) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const cb = rest.find((x) => typeof x === "function");
    if (cb) cb();
    return true;
  };
  try {
    await fn({ getvalue: () => out });
    await L.flush();
  } finally {
    process.stdout.write = orig;
  }
  return out;
}

// ---------------------------------------------------------------------------
// BaseTest harness (CPython's BaseTest, translated)
// ---------------------------------------------------------------------------
class StringIO {
  #buf = "";
  write(s: string): boolean {
    this.#buf += s;
    return true;
  }
  getvalue(): string {
    return this.#buf;
  }
}

class BaseTest {
  static logFormat = "%(name)s -> %(levelname)s: %(message)s";
  expectedLogPat: RegExp = /^([\w.]+) -> (\w+): (\d+)$/;
  messageNum = 0;
  stream!: StringIO;
  rootLogger: any;
  rootHdlr: any;
  originalLoggingLevel = 0;
  logger1: any;
  logger2: any;
  savedLevelNames: Record<string, number> = {};
  /** Every logger name any test in this file touched (Python drops them in tearDown; here they are reset). */
  static used = new Set<string>();
  used = BaseTest.used;
  cleanups: Array<() => unknown> = [];

  setUp(): void {
    this.savedLevelNames = { ...L.getLevelNamesMapping() };
    this.logger1 = this.getLogger("\xab\xd7\xbb");
    this.logger2 = this.getLogger("\u013f\u00d6\u0047");
    this.rootLogger = L.getLogger("");
    this.originalLoggingLevel = this.rootLogger.getEffectiveLevel();
    this.stream = new StringIO();
    this.rootLogger.setLevel(L.DEBUG);
    this.rootHdlr = new L.StreamHandler(this.stream);
    this.rootHdlr.setFormatter(new L.Formatter(BaseTest.logFormat));
    if (this.logger1.hasHandlers()) throw new Error("Unexpected handlers on logger1");
    if (this.logger2.hasHandlers()) throw new Error("Unexpected handlers on logger2");
    this.rootLogger.addHandler(this.rootHdlr);
    assert.ok(this.logger1.hasHandlers());
    assert.ok(this.logger2.hasHandlers());
  }

  getLogger(name: string): any {
    this.used.add(name);
    return L.getLogger(name);
  }

  addCleanup(fn: () => unknown): void {
    this.cleanups.push(fn);
  }

  async tearDown(): Promise<void> {
    this.rootLogger.removeHandler(this.rootHdlr);
    while (this.rootLogger.handlers.length) {
      const h = this.rootLogger.handlers[0];
      this.rootLogger.removeHandler(h);
      h.close();
    }
    this.rootLogger.setLevel(this.originalLoggingLevel);
    for (const [name, level] of Object.entries(this.savedLevelNames)) {
      if (L.getLevelName(level) !== name && name !== "WARN" && name !== "FATAL") L.addLevelName(level, name);
    }
    L.disable(0);
    // Python drops the loggers the test created; here they live on, so reset them.
    for (const name of this.used) {
      const lg = L.getLogger(name);
      for (const h of [...lg.handlers]) lg.removeHandler(h);
      for (const f of [...lg.filters]) lg.removeFilter(f);
      lg.setLevel(L.NOTSET);
      lg.propagate = true;
      lg.disabled = false;
    }
    while (this.cleanups.length) await this.cleanups.pop()!();
  }

  nextMessage(): string {
    this.messageNum += 1;
    return String(this.messageNum);
  }

  async assertLogLines(expected: string[][], stream?: StringIO, pat?: RegExp): Promise<void> {
    await L.flush();
    const s = stream ?? this.stream;
    const re = pat ?? this.expectedLogPat;
    const text = s.getvalue();
    const lines = text.split(/\r?\n/);
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    assert.equal(lines.length, expected.length, `log lines: ${JSON.stringify(lines)}`);
    lines.forEach((line, i) => {
      const m = re.exec(line);
      assert.ok(m, `Log line does not match expected pattern:\n${line}`);
      assert.deepEqual(m!.slice(1), expected[i]);
    });
  }
}

/** Runs setup code; if it fails, undoes what BaseTest.setUp did so later tests start clean. */
async function guardedSetUp(t: BaseTest, fn: () => void): Promise<void> {
  try {
    fn();
  } catch (e) {
    await t.tearDown().catch(() => {});
    throw e;
  }
}

function useBaseTest(): () => BaseTest {
  let t: BaseTest;
  beforeEach(async () => {
    t = new BaseTest();
    await guardedSetUp(t, () => t.setUp());
  });
  afterEach(async () => {
    await t.tearDown();
  });
  return () => t;
}

const form1 = { format: "%(levelname)s ++ %(message)s" };
const hand1 = { class: "logging.StreamHandler", formatter: "form1", level: "NOTSET", stream: "ext://sys.stdout" };

// config0 is a standard configuration.
const config0 = {
  version: 1,
  formatters: { form1 },
  handlers: { hand1 },
  root: { level: "WARNING", handlers: ["hand1"] },
};

// config1 adds a little to the standard configuration.
const config1 = {
  version: 1,
  formatters: { form1 },
  handlers: { hand1 },
  loggers: { "compiler.parser": { level: "DEBUG", handlers: ["hand1"] } },
  root: { level: "WARNING" },
};

// config1a moves the handler to the root. Used with config8a
const config1a = {
  version: 1,
  formatters: { form1 },
  handlers: { hand1 },
  loggers: { "compiler.parser": { level: "DEBUG" } },
  root: { level: "WARNING", handlers: ["hand1"] },
};

const config7 = {
  version: 1,
  formatters: { form1 },
  handlers: { hand1 },
  loggers: { "compiler.lexer": { level: "DEBUG", handlers: ["hand1"] } },
  root: { level: "WARNING" },
};

// config8a disables existing loggers
const config8a = {
  version: 1,
  disable_existing_loggers: true,
  formatters: { form1 },
  handlers: { hand1 },
  loggers: { compiler: { level: "DEBUG", handlers: ["hand1"] }, "compiler.lexer": {} },
  root: { level: "WARNING" },
};

const config14 = {
  version: 1,
  formatters: { form1 },
  handlers: { hand1: { ...hand1, ".": { foo: "bar", terminator: "!\n" } } },
  root: { level: "WARNING", handlers: ["hand1"] },
};

const out_of_order = () => ({
  version: 1,
  formatters: {
    mySimpleFormatter: { format: "%(asctime)s (%(name)s) %(levelname)s: %(message)s", style: "$" },
  },
  handlers: {
    fileGlobal: { class: "logging.StreamHandler", level: "DEBUG", formatter: "mySimpleFormatter" },
    bufferGlobal: {
      class: "logging.handlers.MemoryHandler",
      capacity: 5,
      formatter: "mySimpleFormatter",
      target: "fileGlobal",
      level: "DEBUG",
    },
  },
  loggers: { mymodule: { level: "DEBUG", handlers: ["bufferGlobal"], propagate: "true" } },
});

describe("ConfigDictTest", () => {
  let t: BaseTest;
  beforeEach(async () => {
    t = new BaseTest();
    t.expectedLogPat = /^(\w+) \+\+ (\w+)$/;
    await guardedSetUp(t, () => t.setUp());
  });
  afterEach(async () => {
    await t.tearDown();
  });

  const applyConfig = (conf: unknown) => L.config.dictConfig(conf);

  test("test_config0_ok", async () => {
    // A simple config which overrides the default settings.
    await capturedStdout(async (output) => {
      applyConfig(config0);
      const logger = L.getLogger();
      // Won't output anything
      logger.info(t.nextMessage());
      // Outputs a message
      logger.error(t.nextMessage());
      await t.assertLogLines([["ERROR", "2"]], output as any);
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
  });

  test("test_config7_ok", async () => {
    await capturedStdout(async (output) => {
      applyConfig(config1);
      const logger = t.getLogger("compiler.parser");
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      await t.assertLogLines([["INFO", "1"], ["ERROR", "2"]], output as any);
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
    await capturedStdout(async (output) => {
      applyConfig(config7);
      let logger = t.getLogger("compiler.parser");
      assert.equal(logger.disabled, true);
      logger = t.getLogger("compiler.lexer");
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      await t.assertLogLines([["INFO", "3"], ["ERROR", "4"]], output as any);
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
  });

  test("test_config_8a_ok", async () => {
    let hyphenated: any;
    await capturedStdout(async (output) => {
      applyConfig(config1a);
      const logger = t.getLogger("compiler.parser");
      // See issue #11424. compiler-hyphenated sorts between compiler and
      // compiler.xyz and this was preventing compiler.xyz from being included
      // in the child loggers of compiler because of an overzealous loop
      // termination condition.
      hyphenated = t.getLogger("compiler-hyphenated");
      // All will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      hyphenated.critical(t.nextMessage());
      await t.assertLogLines([["INFO", "1"], ["ERROR", "2"], ["CRITICAL", "3"]], output as any);
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
    await capturedStdout(async (output) => {
      applyConfig(config8a);
      let logger = t.getLogger("compiler.parser");
      assert.equal(logger.disabled, false);
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      logger = t.getLogger("compiler.lexer");
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      // Will not appear
      hyphenated.critical(t.nextMessage());
      await t.assertLogLines([["INFO", "4"], ["ERROR", "5"], ["INFO", "6"], ["ERROR", "7"]], output as any);
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
  });

  test("test_config14_ok", async () => {
    await capturedStdout(async (output) => {
      applyConfig(config14);
      const h = L.getHandlerByName("hand1");
      assert.equal(h.foo, "bar");
      assert.equal(h.terminator, "!\n");
      L.warning("Exclamation");
      await L.flush();
      assert.ok(output.getvalue().endsWith("Exclamation!\n"), JSON.stringify(output.getvalue()));
    });
  });

  test("test_out_of_order", () => {
    assert.throws(() => applyConfig(out_of_order()), (e: any) => {
      assert.equal(e?.name, "ValueError");
      // CPython 3.11's text, with the validation error as the cause.
      assert.equal(e.message, "Unable to configure formatter 'mySimpleFormatter'");
      assert.equal(e.cause?.name, "ValueError");
      assert.equal(e.cause?.message, "invalid format: no fields");
      return true;
    });
  });

  test("test_out_of_order_with_dollar_style", async () => {
    const config = out_of_order();
    config.formatters.mySimpleFormatter.format = "${asctime} (${name}) ${levelname}: ${message}";

    applyConfig(config);
    const handler = t.getLogger("mymodule").handlers[0];
    assert.ok(handler.target instanceof L.Handler);
    // CPython checks formatter._style is a StringTemplateStyle; the observable
    // equivalent is that the formatter renders the $-style format.
    const r = L.makeLogRecord({ name: "mymodule", levelname: "INFO", msg: "hello" });
    assert.match(handler.formatter.format(r), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \(mymodule\) INFO: hello$/);
  });

  test("test_baseconfig", () => {
    const d = {
      atuple: [1, 2, 3],
      alist: ["a", "b", "c"],
      adict: { d: "e", f: 3 },
      nest1: ["g", ["h", "i"], "j"],
      nest2: ["k", ["l", "m"], "n"],
      nest3: ["o", "cfg://alist", "p"],
    };
    const bc = new L.config.BaseConfigurator(d);
    assert.equal(bc.convert("cfg://atuple[1]"), 2);
    assert.equal(bc.convert("cfg://alist[1]"), "b");
    assert.equal(bc.convert("cfg://nest1[1][0]"), "h");
    assert.equal(bc.convert("cfg://nest2[1][1]"), "m");
    assert.equal(bc.convert("cfg://adict.d"), "e");
    assert.equal(bc.convert("cfg://adict[f]"), 3);
    const v = bc.convert("cfg://nest3");
    assert.deepEqual(v.splice(1, 1)[0], ["a", "b", "c"]);
    assert.throws(() => bc.convert("cfg://nosuch"), (e: any) => e?.name === "KeyError");
    assert.throws(() => bc.convert("cfg://!"), (e: any) => e?.name === "ValueError");
    assert.throws(() => bc.convert("cfg://adict[2]"), (e: any) => e?.name === "KeyError");
  });

  test("test_config_callable_filter_works", () => {
    const filter_ = (_: unknown) => 1;
    applyConfig({ version: 1, root: { level: "DEBUG", filters: [filter_] } });
    assert.equal(L.getLogger().filters[0], filter_);
    L.getLogger().removeFilter(filter_);
  });

  test("test_config_filter_works", () => {
    const filter_ = new L.Filter("spam.eggs");
    applyConfig({ version: 1, root: { level: "DEBUG", filters: [filter_] } });
    assert.equal(L.getLogger().filters[0], filter_);
    L.getLogger().removeFilter(filter_);
  });

  test("test_config_filter_method_works", () => {
    class FakeFilter {
      filter(_: unknown) {
        return 1;
      }
    }
    const filter_ = new FakeFilter();
    applyConfig({ version: 1, root: { level: "DEBUG", filters: [filter_] } });
    assert.equal(L.getLogger().filters[0], filter_);
    L.getLogger().removeFilter(filter_);
  });

  test("test_invalid_type_raises", () => {
    class NotAFilter {}
    for (const filter_ of [null, 1, new NotAFilter()]) {
      assert.throws(
        () => applyConfig({ version: 1, root: { level: "DEBUG", filters: [filter_] } }),
        (e: any) => e?.name === "ValueError",
      );
    }
  });

  test("test_90195", () => {
    // See gh-90195
    const config: any = {
      version: 1,
      disable_existing_loggers: false,
      handlers: { console: { level: "DEBUG", class: "logging.StreamHandler" } },
      loggers: { a: { level: "DEBUG", handlers: ["console"] } },
    };
    const logger = t.getLogger("a");
    assert.equal(logger.disabled, false);
    applyConfig(config);
    assert.equal(logger.disabled, false);
    // Should disable all loggers ...
    applyConfig({ version: 1 });
    assert.equal(logger.disabled, true);
    delete config.disable_existing_loggers;
    applyConfig(config);
    // Logger should be enabled, since explicitly mentioned
    assert.equal(logger.disabled, false);
  });

  test("test_version_errors", () => {
    // PYTHON_SEMANTICS.md §7
    assert.throws(() => applyConfig({}), (e: any) => e?.name === "ValueError" && e.message === "dictionary doesn't specify a version");
    assert.throws(() => applyConfig({ version: 2 }), (e: any) => e?.name === "ValueError" && e.message === "Unsupported version: 2");
  });
});
