/**
 * Ports of CPython 3.11 Lib/test/test_logging.py, ConfigFileTest:
 *   config0_ok, config0_using_cp_ok, config1_ok, config2_failure,
 *   config3_failure, config4_ok, config5_ok, config6_ok, config7_ok,
 *   config8_ok, logger_disabling, config_set_handler_names,
 *   exception_if_confg_file_is_invalid, exception_if_confg_file_is_empty,
 *   exception_if_config_file_does_not_exist, defaults_do_no_interpolation.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as logging from "../src/index.js";
import { ConfigParser, fileConfig } from "../src/config/file.js";
import { capturedStdout } from "./support/capture.js";
import { useBaseTest } from "./support/baseTest.js";

const L: any = logging;

/** `textwrap.dedent`: removes the common leading whitespace of the non-blank lines. */
function dedent(text: string): string {
  const lines = text.split("\n");
  const widths = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const w = Math.min(...widths);
  return lines.map((l) => (l.trim() ? l.slice(w) : "")).join("\n");
}

/** `io.StringIO(text)`, as far as fileConfig reads it: readline() until "". */
class StringIO {
  #lines: string[];
  constructor(text: string) {
    this.#lines = text.split(/(?<=\n)/);
  }
  readline(): string {
    return this.#lines.shift() ?? "";
  }
}

const config0 = `
    [loggers]
    keys=root

    [handlers]
    keys=hand1

    [formatters]
    keys=form1

    [logger_root]
    level=WARNING
    handlers=hand1

    [handler_hand1]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    args=(sys.stdout,)

    [formatter_form1]
    format=%(levelname)s ++ %(message)s
    datefmt=
    `;

const config1 = `
    [loggers]
    keys=root,parser

    [handlers]
    keys=hand1

    [formatters]
    keys=form1

    [logger_root]
    level=WARNING
    handlers=

    [logger_parser]
    level=DEBUG
    handlers=hand1
    propagate=1
    qualname=compiler.parser

    [handler_hand1]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    args=(sys.stdout,)

    [formatter_form1]
    format=%(levelname)s ++ %(message)s
    datefmt=
    `;

const config1a = config1
  .replace("level=WARNING\n    handlers=\n", "level=WARNING\n    handlers=hand1\n")
  .replace("level=DEBUG\n    handlers=hand1\n", "level=DEBUG\n    handlers=\n");

const config2 = config1.replace("sys.stdout", "sys.stbout");
const config3 = config1.replace("formatter=form1", "formatter=misspelled_name");

const config4 = `
    [loggers]
    keys=root

    [handlers]
    keys=hand1

    [formatters]
    keys=form1

    [logger_root]
    level=NOTSET
    handlers=hand1

    [handler_hand1]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    args=(sys.stdout,)

    [formatter_form1]
    class=test.test_logging.ExceptionFormatter
    format=%(levelname)s:%(name)s:%(message)s
    datefmt=
    `;

const config5 = config1.replace("class=StreamHandler", "class=logging.StreamHandler");

const config6 = `
    [loggers]
    keys=root,parser

    [handlers]
    keys=hand1, hand2

    [formatters]
    keys=form1, form2

    [logger_root]
    level=WARNING
    handlers=

    [logger_parser]
    level=DEBUG
    handlers=hand1
    propagate=1
    qualname=compiler.parser

    [handler_hand1]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    args=(sys.stdout,)

    [handler_hand2]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    args=(sys.stderr,)

    [formatter_form1]
    format=%(levelname)s ++ %(message)s
    datefmt=

    [formatter_form2]
    format=%(message)s
    datefmt=
    `;

const config7 = `
    [loggers]
    keys=root,parser,compiler

    [handlers]
    keys=hand1

    [formatters]
    keys=form1

    [logger_root]
    level=WARNING
    handlers=hand1

    [logger_compiler]
    level=DEBUG
    handlers=
    propagate=1
    qualname=compiler

    [logger_parser]
    level=DEBUG
    handlers=
    propagate=1
    qualname=compiler.parser

    [handler_hand1]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    kwargs={'stream': sys.stdout,}

    [formatter_form1]
    format=%(levelname)s ++ %(message)s
    datefmt=
    `;

const disable_test = `
    [loggers]
    keys=root

    [handlers]
    keys=screen

    [formatters]
    keys=

    [logger_root]
    level=DEBUG
    handlers=screen

    [handler_screen]
    level=DEBUG
    class=StreamHandler
    args=(sys.stdout,)
    formatter=
    `;

/** CPython's test formatter: appends the exception's class name. */
class ExceptionFormatter extends L.Formatter {
  formatException(ei: unknown): string {
    const e = Array.isArray(ei) ? ei[1] : ei;
    return `Got a [${(e as Error).name}]`;
  }
}

function applyConfig(conf: string, kwargs: Record<string, unknown> = {}): void {
  fileConfig(new StringIO(dedent(conf)), {
    encoding: "utf-8",
    names: { "test.test_logging.ExceptionFormatter": ExceptionFormatter },
    ...kwargs,
  });
}

const EXPECTED = /^(\w+) \+\+ (\w+)$/;

describe("CPython ConfigFileTest", () => {
  const t = useBaseTest();

  test("config0_ok", async () => {
    let out = "";
    await capturedStdout(async (o) => {
      applyConfig(config0);
      const logger = L.getLogger();
      logger.info(t().nextMessage());
      logger.error(t().nextMessage());
      await L.flush();
      out = o.getvalue();
    });
    assert.equal(out, "ERROR ++ 2\n");
    await t().assertLogLines([]);
  });

  test("config0_using_cp_ok", async () => {
    let out = "";
    await capturedStdout(async (o) => {
      const cp = new ConfigParser();
      cp.read_file(dedent(config0).split(/(?<=\n)/));
      fileConfig(cp);
      const logger = L.getLogger();
      logger.info(t().nextMessage());
      logger.error(t().nextMessage());
      await L.flush();
      out = o.getvalue();
    });
    assert.equal(out, "ERROR ++ 2\n");
    await t().assertLogLines([]);
  });

  for (const [name, config] of [
    ["config1_ok", config1],
    ["config5_ok", config5],
    ["config6_ok", config6],
  ] as const) {
    test(name, async () => {
      let out = "";
      await capturedStdout(async (o) => {
        applyConfig(config);
        const logger = L.getLogger("compiler.parser");
        logger.info(t().nextMessage());
        logger.error(t().nextMessage());
        await L.flush();
        out = o.getvalue();
      });
      assert.deepEqual(
        out
          .split("\n")
          .filter(Boolean)
          .map((l) => EXPECTED.exec(l)!.slice(1)),
        [
          ["INFO", "1"],
          ["ERROR", "2"],
        ],
      );
      await t().assertLogLines([]);
    });
  }

  test("config2_failure", () => {
    assert.throws(() => applyConfig(config2));
  });

  test("config3_failure", () => {
    assert.throws(() => applyConfig(config3), { name: "KeyError", message: "'misspelled_name'" });
  });

  test("config4_ok", async () => {
    let out = "";
    await capturedStdout(async (o) => {
      applyConfig(config4);
      try {
        throw Object.assign(new Error(), { name: "RuntimeError" });
      } catch (e) {
        L.exception("just testing", { exc_info: e });
      }
      await L.flush();
      out = o.getvalue();
    });
    assert.equal(out, "ERROR:root:just testing\nGot a [RuntimeError]\n");
    await t().assertLogLines([]);
  });

  test("config7_ok", async () => {
    let out = "";
    let hyphenated: any;
    await capturedStdout(async (o) => {
      applyConfig(config1a);
      const logger = L.getLogger("compiler.parser");
      // compiler-hyphenated sorts between compiler and compiler.xyz; it must not stop the
      // search for compiler's children.
      hyphenated = L.getLogger("compiler-hyphenated");
      t().used.add("compiler-hyphenated");
      logger.info(t().nextMessage());
      logger.error(t().nextMessage());
      hyphenated.critical(t().nextMessage());
      await L.flush();
      out = o.getvalue();
    });
    assert.equal(out, "INFO ++ 1\nERROR ++ 2\nCRITICAL ++ 3\n");
    await capturedStdout(async (o) => {
      applyConfig(config7);
      let logger = L.getLogger("compiler.parser");
      assert.equal(logger.disabled, false);
      logger.info(t().nextMessage());
      logger.error(t().nextMessage());
      logger = L.getLogger("compiler.lexer");
      t().used.add("compiler.lexer");
      logger.info(t().nextMessage());
      logger.error(t().nextMessage());
      hyphenated.critical(t().nextMessage());
      await L.flush();
      out = o.getvalue();
    });
    assert.equal(out, "INFO ++ 4\nERROR ++ 5\nINFO ++ 6\nERROR ++ 7\n");
    await t().assertLogLines([]);
  });

  test("config8_ok: configuring twice closes the first FileHandler", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logxide-fc-"));
    const fn = path.join(dir, "test_logging-X-.log");
    const config8 = `
    [loggers]
    keys=root

    [handlers]
    keys=file

    [formatters]
    keys=

    [logger_root]
    level=DEBUG
    handlers=file

    [handler_file]
    class=FileHandler
    level=DEBUG
    args=(${JSON.stringify(fn)},)
    kwargs={"encoding": "utf-8"}
    `;
    try {
      applyConfig(config8);
      const first = L.root.handlers[0];
      applyConfig(config8);
      const second = L.root.handlers[0];
      assert.notEqual(first, second);
      await L.flush();
      assert.equal(first.stream, null, "the first handler was closed");
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("logger_disabling", () => {
    applyConfig(disable_test);
    const logger = L.getLogger("some_pristine_logger");
    t().used.add("some_pristine_logger");
    assert.equal(logger.disabled, false);
    applyConfig(disable_test);
    assert.equal(logger.disabled, true);
    applyConfig(disable_test, { disable_existing_loggers: false });
    assert.equal(logger.disabled, false);
  });

  test("config_set_handler_names", () => {
    applyConfig(`
            [loggers]
            keys=root

            [handlers]
            keys=hand1

            [formatters]
            keys=form1

            [logger_root]
            handlers=hand1

            [handler_hand1]
            class=StreamHandler
            formatter=form1

            [formatter_form1]
            format=%(levelname)s ++ %(message)s
            `);
    assert.equal(L.getLogger().handlers[0].name, "hand1");
  });

  test("exception_if_confg_file_is_invalid", () => {
    const text = dedent(`
            [loggers]
            keys=root

            [handlers]
            keys=hand1

            [formatters]
            keys=form1

            [logger_root]
            handlers=hand1

            [handler_hand1]
            class=StreamHandler
            formatter=form1

            [formatter_form1]
            format=%(levelname)s ++ %(message)s

            prince
            `);
    assert.throws(() => fileConfig(new StringIO(text)), { name: "RuntimeError" });
  });

  test("exception_if_confg_file_is_empty and _does_not_exist", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logxide-fc-"));
    try {
      const fn = path.join(dir, "test_empty_.ini");
      writeFileSync(fn, "");
      assert.throws(() => fileConfig(fn), { name: "RuntimeError", message: `${fn} is an empty file` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.throws(() => fileConfig("filenotfound"), {
      name: "FileNotFoundError",
      message: "filenotfound doesn't exist",
    });
  });

  test("defaults_do_no_interpolation", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logxide-fc-"));
    const fn = path.join(dir, "test_logging_.ini");
    writeFileSync(
      fn,
      dedent(`
            [formatters]
            keys=default

            [formatter_default]

            [handlers]
            keys=console

            [handler_console]
            class=logging.StreamHandler
            args=tuple()

            [loggers]
            keys=root

            [logger_root]
            formatter=default
            handlers=console
            `).trim(),
    );
    try {
      fileConfig(fn, {
        encoding: "utf-8",
        defaults: {
          version: 1,
          disable_existing_loggers: false,
          formatters: "{'generic': {'format': '%(asctime)s [%(process)d] [%(levelname)s] %(message)s'}}",
        },
      });
      assert.equal(L.root.handlers[0].name, "console");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
