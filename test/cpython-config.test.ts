/**
 * Ports of CPython 3.11 Lib/test/test_logging.py, ConfigDictTest:
 *   config0_ok, config7_ok, config_8a_ok, config14_ok, out_of_order,
 *   out_of_order_with_dollar_style, baseconfig, config_callable_filter_works,
 *   config_filter_works, config_filter_method_works, invalid_type_raises, 90195.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { capturedStderr, capturedStdout } from "./support/capture.js";
import { BaseTest, guardedSetUp } from "./support/baseTest.js";

const L: any = logging;

class RuntimeError extends Error {
  constructor(message = "") {
    super(message);
    this.name = "RuntimeError";
  }
}

// ---------------------------------------------------------------------------
// BaseTest harness (CPython's BaseTest, translated)
// ---------------------------------------------------------------------------

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

// config2 has a subtle configuration error that should be reported
const config2 = {
  ...config1,
  handlers: { hand1: { ...hand1, stream: "ext://sys.stdbout" } },
};

// As config1 but with a misspelt level on a handler
const config2a = {
  ...config1,
  handlers: { hand1: { ...hand1, level: "NTOSET" } },
};

// As config1 but with a misspelt level on a logger
const config2b = {
  ...config1,
  root: { level: "WRANING" },
};

// config3 has a less subtle configuration error
const config3 = {
  ...config1,
  handlers: { hand1: { ...hand1, formatter: "misspelled_name" } },
};

/** A special exception formatter. */
class ExceptionFormatter extends (L.Formatter as new (...args: any[]) => any) {
  formatException(ei: unknown): string {
    const v: any = Array.isArray(ei) ? ei[1] : ei;
    return `Got a [${v.name}]`;
  }
}

function formatFunc(kw: { fmt?: string; format?: string; datefmt?: string | null }): unknown {
  return new L.Formatter(kw.fmt ?? kw.format, kw.datefmt ?? null);
}

function handlerFunc(): unknown {
  return new L.StreamHandler();
}

// As config4 but using an actual callable rather than a string
const config4a = {
  version: 1,
  formatters: {
    form1: { "()": ExceptionFormatter, format: "%(levelname)s:%(name)s:%(message)s" },
    form3: { "()": formatFunc, format: "%(levelname)s:%(name)s:%(message)s" },
  },
  handlers: {
    hand1: { class: "logging.StreamHandler", formatter: "form1", level: "NOTSET", stream: "ext://sys.stdout" },
    hand2: { "()": handlerFunc },
  },
  root: { level: "NOTSET", handlers: ["hand1"] },
};

// config8 defines both compiler and compiler.lexer so compiler.parser should
// not be disabled (since compiler is defined)
const config8 = {
  version: 1,
  disable_existing_loggers: false,
  formatters: { form1 },
  handlers: { hand1 },
  loggers: { compiler: { level: "DEBUG", handlers: ["hand1"] }, "compiler.lexer": {} },
  root: { level: "WARNING" },
};

const config9 = {
  version: 1,
  formatters: { form1 },
  handlers: { hand1: { ...hand1, level: "WARNING" } },
  loggers: { "compiler.parser": { level: "WARNING", handlers: ["hand1"] } },
  root: { level: "NOTSET" },
};

const config9a = {
  version: 1,
  incremental: true,
  handlers: { hand1: { level: "WARNING" } },
  loggers: { "compiler.parser": { level: "INFO" } },
};

const config9b = {
  version: 1,
  incremental: true,
  handlers: { hand1: { level: "INFO" } },
  loggers: { "compiler.parser": { level: "INFO" } },
};

// As config1 but with a filter added
const config10 = {
  version: 1,
  formatters: { form1 },
  filters: { filt1: { name: "compiler.parser" } },
  handlers: { hand1: { ...hand1, filters: ["filt1"] } },
  loggers: { "compiler.parser": { level: "DEBUG", filters: ["filt1"] } },
  root: { level: "WARNING", handlers: ["hand1"] },
};

// As config1 but using cfg:// references
const config11 = {
  version: 1,
  true_formatters: { form1 },
  handler_configs: { hand1 },
  formatters: "cfg://true_formatters",
  handlers: { hand1: "cfg://handler_configs[hand1]" },
  loggers: { "compiler.parser": { level: "DEBUG", handlers: ["hand1"] } },
  root: { level: "WARNING" },
};

// As config11 but missing the version key
const { version: _v, ...config12 } = config11;
void _v;

// As config11 but using an unsupported version
const config13 = { ...config11, version: 2 };

class CustomFormatter extends (L.Formatter as new (...args: any[]) => any) {
  custom_property = ".";
  format(record: unknown): string {
    return super.format(record);
  }
}

const config17 = {
  version: 1,
  formatters: {
    custom: {
      "()": CustomFormatter,
      style: "{",
      datefmt: "%Y-%m-%d %H:%M:%S",
      format: "{message}", // <-- to force an exception when configuring
      ".": { custom_property: "value" },
    },
  },
  handlers: { hand1: { ...hand1, formatter: "custom" } },
  root: { level: "WARNING", handlers: ["hand1"] },
};

// Configuration with custom logging.Formatter subclass as '()' key and 'validate' set to False
const custom_formatter_class_validate = () => ({
  version: 1,
  formatters: {
    form1: { "()": ExceptionFormatter, format: "%(levelname)s:%(name)s:%(message)s", validate: false } as Record<
      string,
      unknown
    >,
  },
  handlers: { hand1 },
  loggers: { my_test_logger_custom_formatter: { level: "DEBUG", handlers: ["hand1"], propagate: "true" } },
});

// Configuration with custom logging.Formatter subclass as 'class' key and 'validate' set to False
const custom_formatter_class_validate2 = () => ({
  version: 1,
  formatters: {
    form1: { class: ExceptionFormatter, format: "%(levelname)s:%(name)s:%(message)s", validate: false },
  },
  handlers: { hand1 },
  loggers: { my_test_logger_custom_formatter: { level: "DEBUG", handlers: ["hand1"], propagate: "true" } },
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

  async function testConfig1Ok(config: unknown): Promise<void> {
    // A config defining a sub-parser as well.
    await capturedStdout(async (output) => {
      applyConfig(config);
      const logger = t.getLogger("compiler.parser");
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      await t.assertLogLines(
        [
          ["INFO", "1"],
          ["ERROR", "2"],
        ],
        output as any,
      );
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
  }

  test("test_config1_ok", () => testConfig1Ok(config1));

  for (const [name, conf] of [
    ["test_config2_failure", config2],
    ["test_config2a_failure", config2a],
    ["test_config2b_failure", config2b],
    ["test_config3_failure", config3],
    ["test_config12_failure", config12],
    ["test_config13_failure", config13],
  ] as const) {
    test(name, () => {
      assert.throws(
        () => applyConfig(conf),
        (e: any) => e instanceof Error,
      );
    });
  }

  test("test_config4a_ok", async () => {
    // A config specifying a custom formatter class (and factory functions).
    await capturedStdout(async (output) => {
      applyConfig(config4a);
      try {
        throw new RuntimeError();
      } catch (e) {
        L.exception("just testing", e);
      }
      await L.flush();
      assert.equal(output.getvalue(), "ERROR:root:just testing\nGot a [RuntimeError]\n");
      // Original logger output is empty
      await t.assertLogLines([]);
    });
  });

  test("test_config_8_ok", async () => {
    // Same as test_config_7_ok but don't disable old loggers.
    await capturedStdout(async (output) => {
      applyConfig(config1);
      const logger = t.getLogger("compiler.parser");
      // All will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      await t.assertLogLines(
        [
          ["INFO", "1"],
          ["ERROR", "2"],
        ],
        output as any,
      );
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
    await capturedStdout(async (output) => {
      applyConfig(config8);
      let logger = t.getLogger("compiler.parser");
      assert.equal(logger.disabled, false);
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      logger = t.getLogger("compiler.lexer");
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      await t.assertLogLines(
        [
          ["INFO", "3"],
          ["ERROR", "4"],
          ["INFO", "5"],
          ["ERROR", "6"],
        ],
        output as any,
      );
      // Original logger output is empty.
      await t.assertLogLines([]);
    });
  });

  test("test_config_9_ok", async () => {
    await capturedStdout(async (output) => {
      applyConfig(config9);
      const logger = t.getLogger("compiler.parser");
      // Nothing will be output since both handler and logger are set to WARNING
      logger.info(t.nextMessage());
      await t.assertLogLines([], output as any);
      applyConfig(config9a);
      // Nothing will be output since handler is still set to WARNING
      logger.info(t.nextMessage());
      await t.assertLogLines([], output as any);
      applyConfig(config9b);
      // Message should now be output
      logger.info(t.nextMessage());
      await t.assertLogLines([["INFO", "3"]], output as any);
    });
  });

  test("test_config_10_ok", async () => {
    await capturedStdout(async (output) => {
      applyConfig(config10);
      let logger = t.getLogger("compiler.parser");
      logger.warning(t.nextMessage());
      logger = t.getLogger("compiler");
      // Not output, because filtered
      logger.warning(t.nextMessage());
      logger = t.getLogger("compiler.lexer");
      // Not output, because filtered
      logger.warning(t.nextMessage());
      logger = t.getLogger("compiler.parser.codegen");
      // Output, as not filtered
      logger.error(t.nextMessage());
      await t.assertLogLines(
        [
          ["WARNING", "1"],
          ["ERROR", "4"],
        ],
        output as any,
      );
    });
  });

  test("test_config11_ok", () => testConfig1Ok(config11));

  test("test_config17_ok", () => {
    applyConfig(config17);
    const h = L.getHandlerByName("hand1");
    assert.equal(h.formatter.custom_property, "value");
  });

  test("test_custom_formatter_class_with_validate", () => {
    applyConfig(custom_formatter_class_validate());
    const handler = t.getLogger("my_test_logger_custom_formatter").handlers[0];
    assert.ok(handler.formatter instanceof ExceptionFormatter);
  });

  test("test_custom_formatter_class_with_validate2", () => {
    applyConfig(custom_formatter_class_validate2());
    const handler = t.getLogger("my_test_logger_custom_formatter").handlers[0];
    assert.ok(handler.formatter instanceof ExceptionFormatter);
  });

  test("test_custom_formatter_class_with_validate2_with_wrong_fmt", () => {
    const config = custom_formatter_class_validate();
    config.formatters.form1.style = "$";
    // Exception should not be raised as we have configured 'validate' to False
    applyConfig(config);
    const handler = t.getLogger("my_test_logger_custom_formatter").handlers[0];
    assert.ok(handler.formatter instanceof ExceptionFormatter);
  });

  test("test_namedtuple", async () => {
    // see bpo-39142 (a non-string, non-dict value passes through unchanged)
    const resource = Object.freeze({ type: "my_type", labels: ["a"] });
    class MyHandler extends (L.StreamHandler as new (...args: any[]) => any) {
      resource: any;
      constructor(kw: { resource: any }) {
        super();
        this.resource = kw.resource;
      }
      emit(record: any): void {
        record.msg += ` ${this.resource.type}`;
        super.emit(record);
      }
    }
    const config = {
      version: 1,
      handlers: { myhandler: { "()": MyHandler, resource } },
      root: { level: "INFO", handlers: ["myhandler"] },
    };
    const stderr = await capturedStderr(() => {
      applyConfig(config);
      L.info("some log");
    });
    assert.equal(stderr, "some log my_type\n");
  });

  test("test_config7_ok", async () => {
    await capturedStdout(async (output) => {
      applyConfig(config1);
      const logger = t.getLogger("compiler.parser");
      // Both will output a message
      logger.info(t.nextMessage());
      logger.error(t.nextMessage());
      await t.assertLogLines(
        [
          ["INFO", "1"],
          ["ERROR", "2"],
        ],
        output as any,
      );
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
      await t.assertLogLines(
        [
          ["INFO", "3"],
          ["ERROR", "4"],
        ],
        output as any,
      );
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
      await t.assertLogLines(
        [
          ["INFO", "1"],
          ["ERROR", "2"],
          ["CRITICAL", "3"],
        ],
        output as any,
      );
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
      await t.assertLogLines(
        [
          ["INFO", "4"],
          ["ERROR", "5"],
          ["INFO", "6"],
          ["ERROR", "7"],
        ],
        output as any,
      );
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
    assert.throws(
      () => applyConfig(out_of_order()),
      (e: any) => {
        assert.equal(e?.name, "ValueError");
        // CPython 3.11's text, with the validation error as the cause.
        assert.equal(e.message, "Unable to configure formatter 'mySimpleFormatter'");
        assert.equal(e.cause?.name, "ValueError");
        assert.equal(e.cause?.message, "invalid format: no fields");
        return true;
      },
    );
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
    assert.throws(
      () => bc.convert("cfg://nosuch"),
      (e: any) => e?.name === "KeyError",
    );
    assert.throws(
      () => bc.convert("cfg://!"),
      (e: any) => e?.name === "ValueError",
    );
    assert.throws(
      () => bc.convert("cfg://adict[2]"),
      (e: any) => e?.name === "KeyError",
    );
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
    assert.throws(
      () => applyConfig({}),
      (e: any) => e?.name === "ValueError" && e.message === "dictionary doesn't specify a version",
    );
    assert.throws(
      () => applyConfig({ version: 2 }),
      (e: any) => e?.name === "ValueError" && e.message === "Unsupported version: 2",
    );
  });
});
