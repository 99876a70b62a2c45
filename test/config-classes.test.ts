/**
 * Every exported handler, formatter and filter class is constructible from
 * a dictConfig document with Python's keyword names, and each refuses an
 * unknown keyword at configuration time with CPython's error (checked
 * against python3). The list of classes comes from the package's exports
 * and from the table of names documents may use: a class added to either
 * without a row here fails the test.
 *
 * Network handlers are given 127.0.0.1 and a port nothing listens on, and
 * no record is sent through them.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as logxide from "../src/index.js";
import { BUILTIN_MODULES } from "../src/config/builtins.js";
import { runPython } from "./support/python.js";

const L = logxide as unknown as Record<string, unknown> & typeof logxide;

type Section = "handlers" | "formatters" | "filters";
interface Row {
  section: Section;
  /** The entry, with Python's keyword names. */
  entry: Record<string, unknown>;
  /** Other handlers the entry refers to. */
  others?: Record<string, unknown>;
  /** What the configured object must look like. */
  check(obj: any, doc: Record<string, unknown>): void | Promise<void>;
  /** The class exists in CPython under the entry's name (its unknown-keyword error is compared). */
  inPython?: boolean;
}

let dir = "";
const file = (name: string): string => path.join(dir, name);

/** Formats one record with a configured formatter. */
function render(formatter: any, msg = "hi", extra?: Record<string, unknown>): string {
  const rec = L.makeLogRecord({ name: "t", levelno: 20, levelname: "INFO", msg, args: null, ...extra });
  return formatter.format(rec);
}

const rows = (): Record<string, Row> => ({
  Handler: {
    section: "handlers",
    entry: { class: "logging.Handler", level: "INFO" },
    check: (h) => assert.equal(h.level, L.INFO),
    inPython: true,
  },
  StreamHandler: {
    section: "handlers",
    entry: { class: "logging.StreamHandler", stream: "ext://sys.stderr" },
    check: (h) => assert.equal(h.stream, process.stderr),
    inPython: true,
  },
  StderrHandler: {
    section: "handlers",
    entry: { class: "logging._StderrHandler", level: "ERROR" },
    check: (h) => assert.equal(h.level, L.ERROR),
    inPython: true,
  },
  FileHandler: {
    section: "handlers",
    entry: { class: "logging.FileHandler", filename: file("f.log"), mode: "w", encoding: "utf-8", delay: true },
    check: (h) => {
      assert.equal(h.baseFilename, file("f.log"));
      assert.equal(h.mode, "w");
      assert.equal(h.delay, true);
    },
    inPython: true,
  },
  NullHandler: {
    section: "handlers",
    entry: { class: "logging.NullHandler" },
    check: (h) => assert.ok(h instanceof L.NullHandler),
    inPython: true,
  },
  BaseRotatingHandler: {
    section: "handlers",
    entry: { class: "logging.handlers.BaseRotatingHandler", filename: file("b.log"), mode: "a", delay: true },
    check: (h) => assert.equal(h.baseFilename, file("b.log")),
    inPython: true,
  },
  RotatingFileHandler: {
    section: "handlers",
    entry: {
      class: "logging.handlers.RotatingFileHandler",
      filename: file("r.log"),
      maxBytes: 1024,
      backupCount: 3,
      delay: true,
    },
    check: (h) => {
      assert.equal(h.maxBytes, 1024);
      assert.equal(h.backupCount, 3);
    },
    inPython: true,
  },
  TimedRotatingFileHandler: {
    section: "handlers",
    entry: {
      class: "logging.handlers.TimedRotatingFileHandler",
      filename: file("t.log"),
      when: "midnight",
      interval: 2,
      backupCount: 7,
      utc: true,
      delay: true,
    },
    check: (h) => {
      assert.equal(h.when, "MIDNIGHT");
      assert.equal(h.interval, 2 * 86400);
      assert.equal(h.backupCount, 7);
      assert.equal(h.utc, true);
    },
    inPython: true,
  },
  WatchedFileHandler: {
    section: "handlers",
    entry: { class: "logging.handlers.WatchedFileHandler", filename: file("w.log"), delay: true },
    check: (h) => assert.equal(h.baseFilename, file("w.log")),
    inPython: true,
  },
  BufferingHandler: {
    section: "handlers",
    entry: { class: "logging.handlers.BufferingHandler", capacity: 10 },
    check: (h) => assert.equal(h.capacity, 10),
    inPython: true,
  },
  MemoryHandler: {
    section: "handlers",
    entry: {
      class: "logging.handlers.MemoryHandler",
      capacity: 100,
      flushLevel: "ERROR",
      target: "zz_sink",
      flushOnClose: false,
    },
    others: { zz_sink: { class: "logging.StreamHandler", stream: "ext://sys.stderr" } },
    check: (h) => {
      assert.equal(h.capacity, 100);
      assert.equal(h.target, L.getHandlerByName("zz_sink"));
      assert.equal(h.flushOnClose, false);
    },
    inPython: true,
  },
  QueueHandler: {
    section: "handlers",
    entry: { class: "logging.handlers.QueueHandler", queue: { "()": "queue.SimpleQueue" } },
    check: (h) => assert.ok(h.queue instanceof L.SimpleQueue),
    inPython: true,
  },
  SocketHandler: {
    section: "handlers",
    entry: { class: "logging.handlers.SocketHandler", host: "127.0.0.1", port: 9 },
    check: (h) => assert.deepEqual([h.host, h.port], ["127.0.0.1", 9]),
    inPython: true,
  },
  DatagramHandler: {
    section: "handlers",
    entry: { class: "logging.handlers.DatagramHandler", host: "127.0.0.1", port: 9 },
    check: (h) => assert.deepEqual([h.host, h.port], ["127.0.0.1", 9]),
    inPython: true,
  },
  SysLogHandler: {
    section: "handlers",
    entry: {
      class: "logging.handlers.SysLogHandler",
      address: ["127.0.0.1", 9],
      facility: "local0",
      socktype: "ext://socket.SOCK_DGRAM",
    },
    check: (h) => {
      assert.deepEqual(h.address, ["127.0.0.1", 9]);
      assert.equal(h.encodePriority(h.facility, "info"), (16 << 3) | 6);
    },
    inPython: true,
  },
  HTTPHandler: {
    section: "handlers",
    entry: {
      class: "logging.handlers.HTTPHandler",
      host: "127.0.0.1:9",
      url: "/log",
      method: "POST",
      credentials: ["user", "secret"],
    },
    check: (h) => {
      assert.equal(h.host, "127.0.0.1:9");
      assert.equal(h.method, "POST");
      assert.deepEqual(h.credentials, ["user", "secret"]);
    },
    inPython: true,
  },
  OpenTelemetryHandler: {
    section: "handlers",
    entry: {
      class: "logxide.handlers.OpenTelemetryHandler",
      level: "INFO",
      logger_provider: { getLogger: () => ({ emit: () => undefined }) },
      log_code_attributes: true,
    },
    check: (h) => {
      assert.equal(h.level, 20);
      assert.equal(h.logCodeAttributes, true);
    },
    inPython: false,
  },
  Formatter: {
    section: "formatters",
    entry: {
      format: "%(user)s|%(levelname)s|%(message)s",
      datefmt: "%H:%M",
      style: "%",
      validate: true,
      defaults: { user: "-" },
    },
    check: (f) => {
      assert.equal(f.datefmt, "%H:%M");
      assert.equal(render(f), "-|INFO|hi");
      assert.equal(render(f, "x", { user: "ann" }), "ann|INFO|x");
    },
  },
  BufferingFormatter: {
    section: "formatters",
    entry: { "()": "logging.BufferingFormatter", linefmt: "cfg://formatters.aa_line" },
    check: (f, doc) => {
      const line = (doc as any).formatters.aa_line;
      assert.equal(f.linefmt instanceof L.Formatter, true);
      assert.equal(f.linefmt._fmt, line.format);
    },
    inPython: true,
  },
  JSONFormatter: {
    section: "formatters",
    entry: { "()": "logxide.JSONFormatter", fields: { lvl: "levelname", msg: "message" }, extra: false },
    check: (f) => assert.deepEqual(JSON.parse(render(f)), { lvl: "INFO", msg: "hi" }),
  },
  ConsoleHandler: {
    section: "handlers",
    entry: { class: "logxide.ConsoleHandler", stream: "ext://sys.stderr", colors: false, timestamp: false },
    check: (h) => {
      assert.equal(h.stream, process.stderr);
      assert.equal(h.formatter.colors, false);
      assert.equal(h.formatter.timestamp, false);
    },
  },
  ConsoleFormatter: {
    section: "formatters",
    entry: { "()": "logxide.ConsoleFormatter", colors: false, timestamp: false, fields: false },
    check: (f) => {
      assert.equal(f.colors, false);
      assert.equal(f.showFields, false);
      assert.match(render(f), /hi/);
    },
  },
  RedactingFilter: {
    section: "filters",
    entry: { "()": "logxide.RedactingFilter", keys: ["password"], replacement: "***" },
    check: (f) => {
      const rec = L.makeLogRecord({ name: "t", msg: "login %s", args: [{ user: "ann", password: "x" }] });
      assert.deepEqual(f.filter(rec).args[0], { user: "ann", password: "***" });
    },
  },
  Filterer: {
    section: "filters",
    entry: { "()": "logging.Filterer" },
    check: (f) => assert.deepEqual(f.filters, []),
    inPython: true,
  },
  Filter: {
    section: "filters",
    entry: { name: "a.b" },
    check: (f) => {
      assert.equal(f.name, "a.b");
      assert.equal(f.filter(L.makeLogRecord({ name: "a.b.c" })), true);
      assert.equal(f.filter(L.makeLogRecord({ name: "a.bc" })), false);
    },
  },
});

/**
 * Handler, formatter and filter classes: the package's exports (named and
 * `handlers`) and every class documents can name. A filter class is any
 * class with a `filter` method that is not a handler or a logger
 * (RedactingFilter, Filterer).
 */
function exportedClasses(): Map<string, Function> {
  const bases = [L.Handler, L.Formatter, L.Filter, L.BufferingFormatter] as Function[];
  const found = new Map<string, Function>();
  const consider = (v: unknown): void => {
    if (typeof v !== "function" || !/^class\b/.test(Function.prototype.toString.call(v))) return;
    const filterLike =
      typeof v.prototype?.filter === "function" &&
      !(v.prototype instanceof L.Handler) &&
      v !== L.Logger &&
      !(v.prototype instanceof L.Logger);
    if (filterLike || bases.some((b) => v === b || v.prototype instanceof b)) found.set(v.name, v);
  };
  for (const v of Object.values(L)) consider(v);
  for (const v of Object.values(L.handlers as Record<string, unknown>)) consider(v);
  for (const members of Object.values(BUILTIN_MODULES)) for (const v of Object.values(members)) consider(v);
  return found;
}

/** The document configuring one row, under the name `x`. */
function documentFor(row: Row): Record<string, unknown> {
  const doc: Record<string, any> = { version: 1, disable_existing_loggers: false };
  if (row.section === "handlers") doc.handlers = { ...row.others, x: row.entry };
  if (row.section === "formatters") {
    doc.formatters = { aa_line: { format: "%(name)s: %(message)s" }, x: row.entry };
  }
  if (row.section === "filters") doc.filters = { x: row.entry };
  return doc;
}

/** The same document with an unknown keyword added to the entry (as a factory entry for formatters and filters). */
function withUnknownKey(row: Row): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...row.entry, bogus_key: 1 };
  if (row.section === "formatters" && !("()" in entry)) {
    entry["()"] = "logging.Formatter";
    entry.fmt = entry.format;
    delete entry.format;
  }
  if (row.section === "filters" && !("()" in entry)) entry["()"] = "logging.Filter";
  return documentFor({ ...row, entry });
}

function errText(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) parts.push(`${cur.name}: ${cur.message}`);
  return parts.join(" <- ");
}

describe("every exported class through dictConfig", () => {
  let savedRaise = true;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "logxide-config-"));
    savedRaise = L.raiseExceptions as boolean;
    // Network handlers report failures through handleError; none is expected, none should print.
    (logxide.default as { raiseExceptions: boolean }).raiseExceptions = false;
  });
  after(async () => {
    logxide.dictConfig({ version: 1, disable_existing_loggers: false });
    await logxide.shutdown();
    (logxide.default as { raiseExceptions: boolean }).raiseExceptions = savedRaise;
    rmSync(dir, { recursive: true, force: true });
  });

  test("each exported class has a row", () => {
    const table = rows();
    const missing = [...exportedClasses().keys()].filter((n) => !(n in table));
    assert.deepEqual(missing, [], "exported classes with no dictConfig row");
    assert.ok(Object.keys(table).length >= 20);
  });

  for (const [name, row] of Object.entries(rows())) {
    test(`${name} configures with Python's keyword names`, async () => {
      const r = rows()[name]!;
      const doc = documentFor(r);
      logxide.dictConfig(doc);
      const cls = exportedClasses().get(name)!;
      let obj: any;
      if (r.section === "handlers") {
        obj = L.getHandlerByName("x");
      } else {
        // The configured formatter or filter, reached through a handler that names it.
        const h = r.section === "formatters" ? { formatter: "x" } : { filters: ["x"] };
        const full: Record<string, any> = { ...doc, handlers: { hx: { class: "logging.NullHandler", ...h } } };
        logxide.dictConfig(full);
        const hx: any = L.getHandlerByName("hx");
        obj = r.section === "formatters" ? hx.formatter : hx.filters[0];
      }
      assert.ok(obj instanceof cls, `${name}: got ${obj?.constructor?.name}`);
      await r.check(obj, doc);
      assert.equal(row.section, r.section);
    });
  }

  test("an unknown keyword is CPython's TypeError at configuration time, for every class", () => {
    const table = rows();
    const names = Object.keys(table);
    const docs = names.map((n) => withUnknownKey(table[n]!));
    const ours = docs.map((d) => {
      try {
        logxide.dictConfig(d);
        return "ok";
      } catch (e) {
        return errText(e);
      }
    });
    for (const [i, n] of names.entries()) {
      assert.match(
        ours[i]!,
        /^ValueError: Unable to configure \w+ 'x' <- TypeError: .*unexpected keyword argument 'bogus_key'$/,
        n,
      );
    }
    const pyNames = names.filter((n) => table[n]!.inPython);
    const expected = runPython<string[]>(
      `
import sys, json, logging, logging.config, logging.handlers
out = []
for doc in json.load(sys.stdin):
    try:
        logging.config.dictConfig(doc)
        out.append("ok")
    except Exception as e:
        parts = []
        while e is not None:
            parts.append(f"{type(e).__name__}: {e}")
            e = e.__cause__
        out.append(" <- ".join(parts))
json.dump(out, sys.stdout)
`,
      pyNames.map((n) => docs[names.indexOf(n)]),
    );
    const differ = pyNames.filter((n, i) => ours[names.indexOf(n)] !== expected[i]);
    assert.deepEqual(
      differ.map((n) => `${n}: ${ours[names.indexOf(n)]} | cpython: ${expected[pyNames.indexOf(n)]}`),
      [],
    );
  });
});
