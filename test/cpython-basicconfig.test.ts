/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   BasicConfigTest (incompatible, handlers, force).
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
