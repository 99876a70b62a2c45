/**
 * Custom classes in configuration documents: an application registers its
 * classes, factories and objects under dotted names, and a document loaded
 * from JSON names them (`"()": "myapp.log.Filter"`,
 * `"class": "myapp.handlers.Mine"`, `"ext://myapp.streams.audit"`), with
 * CPython's errors for names that do not resolve.
 */
import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { register, resolveName, unregister } from "../src/config/names.js";
import { bindArgs, signature } from "../src/py/kwargs.js";

class Capture {
  text = "";
  write(s: string): void {
    this.text += s;
  }
}

/** Passes records whose message does not contain `word`. */
class RedactFilter extends logging.Filter {
  static override readonly signature = signature("RedactFilter", ["word", "name"], 1);
  word: string;
  constructor(...args: unknown[]) {
    const a = bindArgs(RedactFilter.signature, args);
    super((a.name as string | undefined) ?? "");
    this.word = a.word as string;
  }
  override filter(record: logging.LogRecord): boolean {
    return !String(record.msg).includes(this.word) && (super.filter(record) as boolean);
  }
}

/** A handler writing `[prefix] text` to a stream. */
class PrefixHandler extends logging.StreamHandler {
  static override readonly signature = signature("PrefixHandler", ["prefix", "stream"], 1);
  prefix: string;
  constructor(...args: unknown[]) {
    const a = bindArgs(PrefixHandler.signature, args);
    super(a.stream as Capture);
    this.prefix = a.prefix as string;
  }
  override format(record: logging.LogRecord): string {
    return `[${this.prefix}] ${super.format(record)}`;
  }
}

/** A factory function: Python's `"()"` may name any callable. */
function upperFormatter(kw: { fmt?: string }): logging.Formatter {
  const f = new logging.Formatter(kw.fmt ?? "%(message)s");
  const format = f.format.bind(f);
  f.format = (r) => format(r).toUpperCase();
  return f;
}

const json = `{
  "version": 1,
  "disable_existing_loggers": false,
  "formatters": { "up": { "()": "myapp.log.upper_formatter", "fmt": "%(levelname)s %(message)s" } },
  "filters": { "redact": { "()": "myapp.log.RedactFilter", "word": "secret" } },
  "handlers": {
    "audit": { "class": "myapp.handlers.PrefixHandler", "prefix": "audit", "stream": "ext://myapp.streams.audit",
               "formatter": "up", "filters": ["redact"] }
  },
  "loggers": { "names.app": { "level": "INFO", "handlers": ["audit"], "propagate": false } }
}`;

function errText(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) parts.push(`${cur.name}: ${cur.message}`);
  return parts.join(" <- ");
}

describe("registering an application's names", () => {
  afterEach(() => {
    for (const n of ["myapp.log.RedactFilter", "myapp.log.upper_formatter", "myapp.handlers.PrefixHandler"]) {
      unregister(n);
    }
    unregister("myapp.streams.audit");
  });

  test("a JSON document names registered classes, factories and objects", () => {
    const audit = new Capture();
    register({
      "myapp.log.RedactFilter": RedactFilter,
      "myapp.log.upper_formatter": upperFormatter,
      "myapp.handlers.PrefixHandler": PrefixHandler,
    });
    register("myapp.streams.audit", audit);
    logging.dictConfig(JSON.parse(json));
    const log = logging.getLogger("names.app");
    log.info("user %s logged in", "ann");
    log.info("the secret is %s", 42);
    log.debug("below the level");
    assert.equal(audit.text, "[audit] INFO USER ANN LOGGED IN\n");
    const h = logging.getHandlerByName("audit") as PrefixHandler;
    assert.ok(h instanceof PrefixHandler);
    assert.ok(h.filters[0] instanceof RedactFilter);
  });

  test("a registered class's signature checks the document's keys", () => {
    register("myapp.handlers.PrefixHandler", PrefixHandler);
    const doc = JSON.parse(json);
    delete doc.formatters;
    delete doc.filters;
    doc.handlers.audit = { class: "myapp.handlers.PrefixHandler", prefx: "a" };
    assert.throws(
      () => logging.dictConfig(doc),
      (e: Error) =>
        errText(e) ===
        "ValueError: Unable to configure handler 'audit' <- TypeError: PrefixHandler.__init__() got an unexpected keyword argument 'prefx'",
    );
    doc.handlers.audit = { class: "myapp.handlers.PrefixHandler" };
    assert.throws(
      () => logging.dictConfig(doc),
      (e: Error) =>
        errText(e) ===
        "ValueError: Unable to configure handler 'audit' <- TypeError: PrefixHandler.__init__() missing 1 required positional argument: 'prefix'",
    );
  });

  test("unknown names fail as CPython's import does", () => {
    register("myapp.log.RedactFilter", RedactFilter);
    const cases: Array<[string, string]> = [
      ["myapp.nope", "No module named 'myapp.nope'"],
      ["myapp.log.Nope", "No module named 'myapp.log.Nope'"],
      ["otherapp.log.Filter", "No module named 'otherapp'"],
      ["myapp.log.RedactFilter.nope", "No module named 'myapp.log.RedactFilter'"],
      ["logging.handlers.Nope", "No module named 'logging.handlers.Nope'; 'logging.handlers' is not a package"],
    ];
    for (const [name, why] of cases) {
      assert.throws(
        () => resolveName(name),
        (e: Error) => e.name === "ValueError" && e.message === `Cannot resolve '${name}': ${why}`,
        name,
      );
    }
  });

  test("static attributes of registered classes resolve, code does not", () => {
    assert.equal(resolveName("logging.handlers.SysLogHandler.LOG_LOCAL3"), 19);
    assert.equal(resolveName("logging.DEBUG"), 10);
    assert.throws(() => resolveName("logging.StreamHandler.prototype"), /No module named 'logging.StreamHandler'/);
    assert.throws(() => resolveName("logging.Formatter.constructor"), /No module named 'logging.Formatter'/);
  });

  test("logxide.X and logging.X are the same name", () => {
    assert.equal(resolveName("logxide.JSONFormatter"), logging.JSONFormatter);
    assert.equal(resolveName("logging.JSONFormatter"), logging.JSONFormatter);
    assert.equal(resolveName("logxide.handlers.MemoryHandler"), logging.MemoryHandler);
  });

  test("names must be dotted identifiers", () => {
    for (const bad of ["", "my-app.X", "a..b", ".a", "a.", "1a"]) {
      assert.throws(
        () => register(bad, 1),
        (e: Error) => e.name === "ValueError" && e.message.startsWith("Not a valid dotted name:"),
        bad,
      );
    }
    // Nothing is registered when one name of a map is invalid.
    assert.throws(() => register({ "myapp.ok": 1, "bad name": 2 }));
    assert.throws(() => resolveName("myapp.ok"));
  });

  test("objects given from JS reach the class itself, not a copy", () => {
    const sink = {
      text: "",
      write(s: string) {
        this.text += s;
      },
    };
    logging.dictConfig({
      version: 1,
      disable_existing_loggers: false,
      handlers: { h: { class: "logging.StreamHandler", stream: sink } },
      loggers: { "names.obj": { handlers: ["h"], propagate: false } },
    });
    assert.equal((logging.getHandlerByName("h") as logging.StreamHandler).stream, sink);
  });

  test("unregister removes a name", () => {
    register("myapp.streams.audit", new Capture());
    assert.equal(unregister("myapp.streams.audit"), true);
    assert.equal(unregister("myapp.streams.audit"), false);
    assert.throws(() => resolveName("myapp.streams.audit"), /Cannot resolve/);
  });
});
