/**
 * fileConfig's logxide side: the sources it accepts beyond a path (a parsed
 * ConfigParser, `{ section: { key: value } }`, URLs, lists), the `names`
 * option for an application's own classes, the formatter `defaults=` of
 * Python 3.12, and the refusal of code in `class=`/`args=`/`kwargs=`
 * (refused at configuration time, before anything runs).
 */
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as logging from "../src/index.js";
import { fileConfig } from "../src/config/file.js";
import { useBaseTest } from "./support/baseTest.js";

const L: any = logging;

/** A stream handler's target that keeps what it was given. */
class Sink {
  text = "";
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** A one-handler file: `handler` holds the [handler_h] lines. */
function oneHandler(handler: string, format = "%(levelname)s %(message)s"): string {
  return `[loggers]
keys=root

[handlers]
keys=h

[formatters]
keys=f

[logger_root]
level=DEBUG
handlers=h

[handler_h]
${handler}
formatter=f

[formatter_f]
format=${format}
`;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "logxide-fileconfig-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("fileConfig sources", () => {
  useBaseTest();

  test("an object of sections is read as read_dict reads it", async () => {
    const sink = new Sink();
    fileConfig(
      {
        loggers: { keys: "root" },
        handlers: { keys: "h" },
        formatters: { keys: "f" },
        logger_root: { level: "INFO", handlers: "h" },
        handler_h: { class: "StreamHandler", args: "(sink,)", formatter: "f" },
        formatter_f: { format: "%(levelname)s|%(message)s" },
      },
      { names: { sink } },
    );
    L.getLogger("o").info("from an object");
    L.getLogger("o").debug("below INFO");
    await L.flush();
    assert.equal(sink.text, "INFO|from an object\n");
  });

  test("a file: URL and a list of paths (missing ones skipped)", async () => {
    const sink = new Sink();
    const p = write("a.ini", oneHandler("class=StreamHandler\nargs=(sink,)"));
    fileConfig(pathToFileURL(p), { names: { sink } });
    L.getLogger("u").warning("via URL");
    fileConfig([path.join(dir, "missing.ini"), p], { names: { sink } });
    L.getLogger("u2").warning("via a list");
    await L.flush();
    assert.equal(sink.text, "WARNING via URL\nWARNING via a list\n");
  });

  test("Python's positional order: fname, defaults, disable_existing_loggers", async () => {
    const p = write("d.ini", oneHandler("class=FileHandler\nargs=('%(logdir)s/out.log', 'w')"));
    const keep = L.getLogger("keep.me");
    fileConfig(p, { logdir: dir }, false);
    assert.equal(keep.disabled, false);
    L.getLogger("keep.me").error("to the file");
    await L.shutdown();
    assert.ok(existsSync(path.join(dir, "out.log")));
  });

  test("a parse error is Python's RuntimeError, the ParsingError as its cause", () => {
    const p = write("bad.ini", "[loggers]\nkeys=root\nnot an option\n");
    assert.throws(
      () => fileConfig(p),
      (e: Error) =>
        e.name === "RuntimeError" &&
        e.message === `${p} is invalid: Source contains parsing errors: '${p}'\n\t[line  3]: 'not an option\\n'` &&
        (e.cause as Error).name === "ParsingError",
    );
  });
});

describe("fileConfig names", () => {
  useBaseTest();

  test("names= supplies an application's own handler class and values for args", async () => {
    const seen: unknown[] = [];
    class AuditHandler extends L.Handler {
      constructor(tag: string, opts?: { level?: number }) {
        super(opts?.level ?? 0);
        seen.push(tag);
      }
      emit(record: any): void {
        seen.push(this.format(record));
      }
    }
    const p = write("n.ini", oneHandler("class=myapp.log.AuditHandler\nargs=(myapp.TAG,)\nkwargs={'level': WARNING}"));
    fileConfig(p, { names: { "myapp.log.AuditHandler": AuditHandler, "myapp.TAG": "audit" } });
    L.getLogger("n").info("dropped");
    L.getLogger("n").warning("kept");
    assert.deepEqual(seen, ["audit", "WARNING kept"]);
  });

  test("logging's constants in args: levels, SysLogHandler facilities, ports, socket types", () => {
    const p = write(
      "s.ini",
      oneHandler(
        "class=handlers.SysLogHandler\nargs=(('127.0.0.1', handlers.SYSLOG_UDP_PORT), handlers.SysLogHandler.LOG_LOCAL3, handlers.socket.SOCK_DGRAM)\nlevel=ERROR",
      ),
    );
    fileConfig(p);
    const h = L.root.handlers[0];
    assert.equal(h.facility, L.SysLogHandler.LOG_LOCAL3);
    assert.deepEqual([...h.address], ["127.0.0.1", 514]);
    assert.equal(h.level, L.ERROR);
    h.close();
  });

  test("args without parentheses is a tuple, as in Python", async () => {
    const p = write("t.ini", oneHandler("class=StreamHandler\nargs=sys.stdout,"));
    fileConfig(p);
    assert.equal(L.root.handlers[0].stream, process.stdout);
  });

  test("Python 3.12's formatter defaults= fills fields a record lacks", async () => {
    const sink = new Sink();
    const p = write(
      "fd.ini",
      oneHandler("class=StreamHandler\nargs=(sink,)", "%(service)s %(message)s\ndefaults={'service': 'api'}"),
    );
    fileConfig(p, { names: { sink } });
    L.getLogger("fd").info("one");
    L.getLogger("fd").info("two", { extra: { service: "worker" } });
    await L.flush();
    assert.equal(sink.text, "api one\nworker two\n");
  });
});

describe("fileConfig refuses code", () => {
  useBaseTest();

  const marker = () => path.join(dir, "pwned");
  const cases: Array<[string, string]> = [
    ["a call in args", "class=StreamHandler\nargs=(__import__('os').system('touch MARKER'),)"],
    ["a call in kwargs", "class=StreamHandler\nkwargs={'stream': open('MARKER', 'w')}"],
    ["a lambda in args", "class=StreamHandler\nargs=((lambda: open('MARKER', 'w'))(),)"],
    ["a comprehension in args", "class=StreamHandler\nargs=([open('MARKER', 'w') for _ in 'x'],)"],
    ["an expression as class", "class=__import__('os').system('touch MARKER')"],
    ["a module function in args", "class=StreamHandler\nargs=(os.system,)"],
    ["a class object in args", "class=StreamHandler\nargs=(handlers.RotatingFileHandler,)"],
    ["sys.stdin", "class=StreamHandler\nargs=(sys.stdin,)"],
  ];
  for (const [what, handler] of cases) {
    test(`${what}: ValueError at configuration time, nothing run`, () => {
      const p = write("evil.ini", oneHandler(handler.replace(/MARKER/g, marker())));
      assert.throws(
        () => fileConfig(p),
        (e: Error) => e.name === "ValueError" && /not allowed|not a dotted name/.test(e.message),
      );
      assert.equal(existsSync(marker()), false);
    });
  }
});
