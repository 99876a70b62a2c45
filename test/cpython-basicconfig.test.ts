/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   BasicConfigTest (no_kwargs, strformatstyle, stringtemplatestyle, filename,
 *   stream, format, datefmt, style, level, incompatible, handlers, force,
 *   encoding, encoding_errors, encoding_errors_default, encoding_errors_none,
 *   log/debug/info/warning/error/critical calling basicConfig).
 * Left out: test_filemode (Python's binary mode 'wb' has no JS counterpart).
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../src/index.js";

const L: any = logging;

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

/** support.captured_stdout/stderr: replaces `stream.write` while `fn` runs. */
async function captured(stream: NodeJS.WriteStream, fn: () => unknown): Promise<string> {
  const orig = stream.write;
  let out = "";
  (stream as any).write = (chunk: any, ...rest: any[]) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const cb = rest.find((x) => typeof x === "function");
    if (cb) cb();
    return true;
  };
  try {
    await fn();
    await L.flush();
  } finally {
    stream.write = orig;
  }
  return out;
}

function isValueError(message?: string): (e: any) => boolean {
  return (e: any) => {
    assert.equal(e?.name, "ValueError", `expected ValueError, got ${e?.name}: ${e?.message}`);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  };
}

describe("BasicConfigTest", () => {
  let root: any;
  let savedHandlers: any[];
  let originalLoggingLevel: number;
  let cwd: string;
  let tmp: string;

  beforeEach(() => {
    root = L.getLogger();
    savedHandlers = [...root.handlers];
    originalLoggingLevel = root.level;
    // logging.root.handlers = []
    for (const h of savedHandlers) root.removeHandler(h);
    // test_incompatible names 'test.log' relative to the cwd: keep it in a temp dir.
    cwd = process.cwd();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-basicconfig-"));
    process.chdir(tmp);
  });

  afterEach(async () => {
    for (const h of [...root.handlers]) {
      root.removeHandler(h);
      h.close();
    }
    for (const h of savedHandlers) root.addHandler(h);
    root.setLevel(originalLoggingLevel);
    await L.flush();
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("test_no_kwargs", () => {
    L.basicConfig();

    // handler defaults to a StreamHandler to sys.stderr
    assert.equal(root.handlers.length, 1);
    const handler = root.handlers[0];
    assert.ok(handler instanceof L.StreamHandler);
    assert.equal(handler.stream, process.stderr);

    const formatter = handler.formatter;
    // format defaults to logging.BASIC_FORMAT
    assert.equal(formatter._fmt, L.BASIC_FORMAT);
    assert.equal(L.BASIC_FORMAT, "%(levelname)s:%(name)s:%(message)s");
    // datefmt defaults to None
    assert.equal(formatter.datefmt ?? null, null);
    // style defaults to % (CPython checks the PercentStyle class; here: the output)
    assert.equal(formatter.format(L.makeLogRecord({ levelname: "ERROR", name: "root", msg: "m" })), "ERROR:root:m");

    // level is not explicitly set
    assert.equal(root.level, originalLoggingLevel);
  });

  test("test_strformatstyle", async () => {
    const out = await captured(process.stdout, () => {
      L.basicConfig({ stream: process.stdout, style: "{" });
      L.error("Log an error");
    });
    assert.equal(out.trim(), "ERROR:root:Log an error");
  });

  test("test_stringtemplatestyle", async () => {
    const out = await captured(process.stdout, () => {
      L.basicConfig({ stream: process.stdout, style: "$" });
      L.error("Log an error");
    });
    assert.equal(out.trim(), "ERROR:root:Log an error");
  });

  test("test_filename", () => {
    L.basicConfig({ filename: "test.log", encoding: "utf-8" });

    assert.equal(root.handlers.length, 1);
    const handler = root.handlers[0];
    assert.ok(handler instanceof L.FileHandler);

    const expected = new L.FileHandler("test.log", "a", { encoding: "utf-8" });
    try {
      assert.equal(handler.mode, expected.mode);
      assert.equal(handler.baseFilename, expected.baseFilename);
      assert.equal(handler.baseFilename, path.join(fs.realpathSync(tmp), "test.log"));
    } finally {
      expected.close();
    }
  });

  test("test_stream", () => {
    const stream = new StringIO();
    L.basicConfig({ stream });

    assert.equal(root.handlers.length, 1);
    const handler = root.handlers[0];
    assert.ok(handler instanceof L.StreamHandler);
    assert.equal(handler.stream, stream);
  });

  test("test_format", () => {
    L.basicConfig({ format: "%(asctime)s - %(message)s" });
    const formatter = root.handlers[0].formatter;
    assert.equal(formatter._fmt, "%(asctime)s - %(message)s");
  });

  test("test_datefmt", () => {
    L.basicConfig({ datefmt: "bar" });
    const formatter = root.handlers[0].formatter;
    assert.equal(formatter.datefmt, "bar");
  });

  test("test_style", () => {
    L.basicConfig({ style: "$" });
    const formatter = root.handlers[0].formatter;
    // CPython: formatter._style is a StringTemplateStyle; here: it renders ${...}
    assert.equal(formatter._fmt, "${levelname}:${name}:${message}");
    assert.equal(formatter.format(L.makeLogRecord({ levelname: "INFO", name: "x", msg: "m" })), "INFO:x:m");
  });

  test("test_level", () => {
    const old_level = root.level;
    try {
      L.basicConfig({ level: 57 });
      assert.equal(root.level, 57);
      // Test that second call has no effect
      L.basicConfig({ level: 58 });
      assert.equal(root.level, 57);
    } finally {
      root.setLevel(old_level);
    }
  });

  test("test_incompatible", () => {
    const handlers = [new L.StreamHandler()];
    const stream = process.stderr;
    assert.throws(
      () => L.basicConfig({ filename: "test.log", stream }),
      isValueError("'stream' and 'filename' should not be specified together"),
    );
    assert.throws(
      () => L.basicConfig({ filename: "test.log", handlers }),
      isValueError("'stream' or 'filename' should not be specified together with 'handlers'"),
    );
    assert.throws(
      () => L.basicConfig({ stream, handlers }),
      isValueError("'stream' or 'filename' should not be specified together with 'handlers'"),
    );
    assert.equal(root.handlers.length, 0, "nothing attached by a rejected call");
    assert.equal(fs.existsSync(path.join(tmp, "test.log")), false, "no file created by a rejected call");
    // Issue 23207: test for invalid kwargs
    assert.throws(() => L.basicConfig({ loglevel: L.INFO }), isValueError("Unrecognised argument(s): loglevel"));
    // Should pop both filename and filemode even if filename is None
    L.basicConfig({ filename: null, filemode: "a" });
  });

  test("test_handlers", () => {
    const handlers = [new L.StreamHandler(), new L.StreamHandler(process.stdout), new L.StreamHandler()];
    const f = new L.Formatter();
    handlers[2].setFormatter(f);
    L.basicConfig({ handlers });
    assert.equal(handlers[0], root.handlers[0]);
    assert.equal(handlers[1], root.handlers[1]);
    assert.equal(handlers[2], root.handlers[2]);
    assert.notEqual(handlers[0].formatter ?? null, null);
    assert.notEqual(handlers[1].formatter ?? null, null);
    assert.equal(handlers[2].formatter, f);
    assert.equal(handlers[0].formatter, handlers[1].formatter);
  });

  test("test_force", async () => {
    const old_string_io = new StringIO();
    const new_string_io = new StringIO();
    const old_handlers = [new L.StreamHandler(old_string_io)];
    const new_handlers = [new L.StreamHandler(new_string_io)];
    L.basicConfig({ level: L.WARNING, handlers: old_handlers });
    L.warning("warn");
    L.info("info");
    L.debug("debug");
    assert.equal(root.handlers.length, 1);
    L.basicConfig({ level: L.INFO, handlers: new_handlers, force: true });
    L.warning("warn");
    L.info("info");
    L.debug("debug");
    assert.equal(root.handlers.length, 1);
    await L.flush();
    assert.equal(old_string_io.getvalue().trim(), "WARNING:root:warn");
    assert.equal(new_string_io.getvalue().trim(), "WARNING:root:warn\nINFO:root:info");
  });

  test("test_encoding", async () => {
    let handler: any;
    try {
      const encoding = "utf-8";
      L.basicConfig({ filename: "test.log", encoding, errors: "strict", format: "%(message)s", level: L.DEBUG });
      assert.equal(root.handlers.length, 1);
      handler = root.handlers[0];
      assert.ok(handler instanceof L.FileHandler);
      assert.equal(handler.encoding, encoding);
      L.debug("The \u00d8resund Bridge joins Copenhagen to Malm\u00f6");
    } finally {
      handler?.close();
      await L.flush();
    }
    const data = fs.readFileSync("test.log", "utf8").trim();
    assert.equal(data, "The \u00d8resund Bridge joins Copenhagen to Malm\u00f6");
  });

  test("test_encoding_errors", async () => {
    let handler: any;
    try {
      const encoding = "ascii";
      L.basicConfig({ filename: "test.log", encoding, errors: "ignore", format: "%(message)s", level: L.DEBUG });
      assert.equal(root.handlers.length, 1);
      handler = root.handlers[0];
      assert.ok(handler instanceof L.FileHandler);
      assert.equal(handler.encoding, encoding);
      L.debug("The \u00d8resund Bridge joins Copenhagen to Malm\u00f6");
    } finally {
      handler?.close();
      await L.flush();
    }
    const data = fs.readFileSync("test.log", "utf8").trim();
    assert.equal(data, "The resund Bridge joins Copenhagen to Malm");
  });

  test("test_encoding_errors_default", async () => {
    let handler: any;
    try {
      const encoding = "ascii";
      L.basicConfig({ filename: "test.log", encoding, format: "%(message)s", level: L.DEBUG });
      assert.equal(root.handlers.length, 1);
      handler = root.handlers[0];
      assert.ok(handler instanceof L.FileHandler);
      assert.equal(handler.encoding, encoding);
      assert.equal(handler.errors, "backslashreplace");
      L.debug("\u{1F602}: \u2603\ufe0f: The \u00d8resund Bridge joins Copenhagen to Malm\u00f6");
    } finally {
      handler?.close();
      await L.flush();
    }
    const data = fs.readFileSync("test.log", "utf8").trim();
    assert.equal(data, String.raw`\U0001f602: \u2603\ufe0f: The \xd8resund Bridge joins Copenhagen to Malm\xf6`);
  });

  test("test_encoding_errors_none", async () => {
    // Specifying None should behave as 'strict'
    let handler: any;
    const message: string[] = [];
    try {
      const encoding = "ascii";
      L.basicConfig({ filename: "test.log", encoding, errors: null, format: "%(message)s", level: L.DEBUG });
      assert.equal(root.handlers.length, 1);
      handler = root.handlers[0];
      assert.ok(handler instanceof L.FileHandler);
      assert.equal(handler.encoding, encoding);
      assert.equal(handler.errors ?? null, null);

      // Python reads the error from sys.exc_info(); logxide passes it as handleError's second argument.
      handler.handleError = (_record: unknown, err?: unknown) => {
        message.push(String((err as any)?.message ?? err));
      };
      L.debug("The \u00d8resund Bridge joins Copenhagen to Malm\u00f6");
      await L.flush();
      assert.ok(message.length > 0, "handleError was called");
      assert.ok(
        message[0].includes("'ascii' codec can't encode character '\\xd8' in position 4:"),
        JSON.stringify(message),
      );
    } finally {
      handler?.close();
      await L.flush();
    }
    const data = fs.readFileSync("test.log", "utf8").trim();
    // didn't write anything due to the encoding error
    assert.equal(data, "");
  });

  // logging.root has no handlers, so the module-level functions call
  // basicConfig() (with no arguments). CPython patches basicConfig to see the
  // call; here its effect is checked: one StreamHandler on stderr with
  // BASIC_FORMAT, and the record written through it.
  for (const [method, level] of [
    ["log", L.WARNING],
    ["debug", null],
    ["info", null],
    ["warning", null],
    ["error", null],
    ["critical", null],
  ] as Array<[string, number | null]>) {
    test(`test_${method}_calls_basicConfig`, async () => {
      const out = await captured(process.stderr, () => {
        if (level !== null) L[method](level, "test me");
        else L[method]("test me");
      });
      assert.equal(root.handlers.length, 1);
      assert.ok(root.handlers[0] instanceof L.StreamHandler);
      assert.equal(root.handlers[0].stream, process.stderr);
      const lv = level ?? L[method.toUpperCase()];
      assert.equal(out, lv >= L.WARNING ? `${L.getLevelName(lv)}:root:test me\n` : "");
    });
  }

  test("test_noop_when_configured", async () => {
    // PYTHON_SEMANTICS.md §5: with handlers on root, basicConfig does nothing,
    // even with unknown keywords.
    const first = new StringIO();
    L.basicConfig({ handlers: [new L.StreamHandler(first)], level: L.WARNING });
    assert.doesNotThrow(() => L.basicConfig({ loglevel: L.INFO, level: L.DEBUG }));
    assert.equal(root.handlers.length, 1);
    assert.equal(root.level, L.WARNING);
  });
});
