/**
 * dictConfig against CPython 3.11: the same JSON documents through both,
 * comparing each step's error text (with its cause chain) and the
 * configuration that results. Covers the edge rules (`"root": {}`,
 * incremental handler levels and the errors of the incremental branch,
 * disable_existing_loggers, children of named loggers), unknown keys,
 * missing arguments, name resolution and cfg:// paths, and the Django
 * documentation's example configuration.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { type ConfigCase, runCPython, runLogxide } from "./support/dictConfigOracle.js";

const stderrHandler = { class: "logging.StreamHandler", stream: "ext://sys.stderr" };
const one = (doc: Record<string, unknown>): ConfigCase => ({ steps: [{ version: 1, ...doc }] });
const handler = (h: Record<string, unknown>): ConfigCase =>
  one({ handlers: { h }, root: { level: "INFO", handlers: ["h"] } });

/** The example LOGGING setting of Django's logging documentation, its Django classes replaced by registered ones. */
const django = {
  version: 1,
  disable_existing_loggers: false,
  formatters: {
    verbose: { format: "{levelname} {asctime} {module} {process:d} {thread:d} {message}", style: "{" },
    simple: { format: "{levelname} {message}", style: "{" },
  },
  filters: {
    special: { "()": "myapp.log.SpecialFilter", foo: "bar" },
    require_debug_true: { "()": "myapp.log.RequireDebugTrue" },
  },
  handlers: {
    null: { level: "DEBUG", class: "logging.NullHandler" },
    console: {
      level: "INFO",
      filters: ["require_debug_true"],
      class: "logging.StreamHandler",
      formatter: "simple",
      stream: "ext://sys.stderr",
    },
    mail_admins: { level: "ERROR", class: "myapp.log.AdminHandler", filters: ["special"], include_html: true },
  },
  loggers: {
    django: { handlers: ["console"], propagate: true },
    "django.request": { handlers: ["mail_admins"], level: "ERROR", propagate: false },
    "myproject.custom": { handlers: ["console", "mail_admins"], level: "INFO", filters: ["special"] },
    "django.db.backends": { handlers: ["null"], propagate: false },
  },
};

const cases: Record<string, ConfigCase> = {
  // unknown and missing keyword arguments, at configuration time
  "unknown handler key": handler({ class: "logging.StreamHandler", strem: "ext://sys.stderr" }),
  "unknown key, inherited constructor": handler({ class: "logging.NullHandler", strem: 1 }),
  "unknown key, FileHandler stream (retried as strm)": handler({
    class: "logging.FileHandler",
    filename: "/nonexistent-dir/x.log",
    delay: true,
    stream: 1,
  }),
  "missing required argument": handler({ class: "logging.FileHandler" }),
  "missing two required arguments": handler({ class: "logging.handlers.HTTPHandler" }),
  "missing SocketHandler port": handler({ class: "logging.handlers.SocketHandler", host: "127.0.0.1" }),
  "not an identifier": handler({ class: "logging.StreamHandler", "my-key": 1 }),
  "unknown formatter factory key": one({
    formatters: { f: { "()": "logging.Formatter", format: "%(message)s", x: 1 } },
  }),
  "unknown filter factory key": one({ filters: { f: { "()": "logging.Filter", nam: "x" } } }),
  "unknown formatter key is ignored": one({ formatters: { f: { format: "%(message)s", bogus: 1 } } }),
  "unknown filter key is ignored": one({ filters: { f: { name: "a", bogus: 1 } } }),
  "custom filter missing argument": one({ filters: { f: { "()": "myapp.log.SpecialFilter" } } }),
  "custom handler unknown key": handler({ class: "myapp.log.AdminHandler", html: 1 }),
  "custom formatter factory (format renamed fmt)": one({
    formatters: { f: { "()": "myapp.log.make_formatter", format: "%(name)s" } },
    handlers: { h: { ...stderrHandler, formatter: "f" } },
    root: { handlers: ["h"] },
  }),
  "no class": handler({ level: "INFO" }),
  "bad level": handler({ ...stderrHandler, level: "BOGUS" }),
  "bad formatter name": handler({ ...stderrHandler, formatter: "nf" }),
  "bad filter name": handler({ ...stderrHandler, filters: ["nf"] }),
  "bad handler name": one({ loggers: { a: { handlers: ["nh"] } } }),
  "bad root level": one({ root: { level: "NOPE" } }),
  "bad style": one({ formatters: { f: { format: "x", style: "?" } } }),
  "invalid format": one({ formatters: { f: { format: "x" } } }),
  "MemoryHandler target missing": handler({ class: "logging.handlers.MemoryHandler", capacity: 1, target: "nope" }),
  "MemoryHandler target after it in order": one({
    handlers: {
      a_mem: { class: "logging.handlers.MemoryHandler", capacity: 5, target: "z_out" },
      z_out: stderrHandler,
    },
    root: { handlers: ["a_mem"] },
  }),
  // dotted names
  "unknown top-level module": handler({ class: "myapp2.nope" }),
  "unknown name in a package": handler({ class: "logging.Nope" }),
  "unknown name in a module": handler({ class: "logging.handlers.Nope" }),
  "unknown submodule of a module": handler({ class: "logging.handlers.nope.X" }),
  "unknown attribute of a class": handler({ class: "logging.StreamHandler.nope" }),
  "unknown name in a registered package": handler({ class: "myapp.log.Nope" }),
  "unknown formatter class (module-level resolve)": one({ formatters: { f: { class: "logging.Nope" } } }),
  "unknown factory": one({ formatters: { f: { "()": "myapp.nope.Filter" } } }),
  "ext:// unknown in sys": handler({ class: "logging.StreamHandler", stream: "ext://sys.nope" }),
  "ext:// under an object": handler({ class: "logging.StreamHandler", stream: "ext://sys.stderr.nope" }),
  "ext:// unknown module": handler({ class: "logging.StreamHandler", stream: "ext://nope.x" }),
  "empty name": handler({ class: "" }),
  // cfg:// paths
  "cfg:// missing key": one({ handlers: { h: { ...stderrHandler, level: "cfg://q" } } }),
  "cfg:// dot into a list": one({ x: { y: [1] }, handlers: { h: { ...stderrHandler, level: "cfg://x.y.z" } } }),
  "cfg:// index past the end": one({ x: { y: [1] }, handlers: { h: { ...stderrHandler, level: "cfg://x[y][3]" } } }),
  "cfg:// digit index into a dict": one({ x: { 0: 1 }, handlers: { h: { ...stderrHandler, level: "cfg://x[0]" } } }),
  "cfg:// bad syntax": one({ x: { y: 1 }, handlers: { h: { ...stderrHandler, level: "cfg://x.y!" } } }),
  "cfg:// no word": one({ handlers: { h: { ...stderrHandler, level: "cfg://!" } } }),
  "cfg:// sections and values": one({
    levels: { main: "INFO", list: ["DEBUG", "ERROR"] },
    fmts: { f: { format: "%(levelname)s:%(message)s" } },
    formatters: "cfg://fmts",
    handlers: { h: { ...stderrHandler, level: "cfg://levels.list[1]", formatter: "f" } },
    root: { level: "cfg://levels[main]", handlers: ["h"] },
  }),
  // versions
  "no version": { steps: [{}] },
  "version 2": { steps: [{ version: 2 }] },
  "version as a string": { steps: [{ version: "1" }] },
  // edge rules
  "root {} leaves root as it is": {
    steps: [
      { version: 1, handlers: { h: stderrHandler }, root: { level: "DEBUG", handlers: ["h"] } },
      { version: 1, disable_existing_loggers: false, root: {} },
    ],
  },
  "root null": one({ root: null }),
  "incremental: handler levels and logger levels": {
    steps: [
      {
        version: 1,
        handlers: { h: { ...stderrHandler, level: "WARNING" } },
        loggers: { "a.b": { level: "DEBUG", handlers: ["h"] } },
        root: { level: "ERROR", handlers: ["h"] },
      },
      {
        version: 1,
        incremental: true,
        handlers: { h: { level: "INFO" } },
        loggers: { "a.b": { level: "ERROR", handlers: [], propagate: false } },
        root: { level: "DEBUG" },
      },
    ],
  },
  "incremental: level 0 is skipped for handlers": {
    steps: [
      { version: 1, handlers: { h: { ...stderrHandler, level: "WARNING" } }, root: { handlers: ["h"] } },
      { version: 1, incremental: true, handlers: { h: { level: 0 } } },
    ],
  },
  "incremental: unknown handler": { steps: [{ version: 1, incremental: true, handlers: { zz: { level: "INFO" } } }] },
  "incremental: bad handler level": {
    steps: [
      { version: 1, handlers: { h: stderrHandler }, root: { handlers: ["h"] } },
      { version: 1, incremental: true, handlers: { h: { level: "BOGUS" } } },
    ],
  },
  "incremental: bad logger level": { steps: [{ version: 1, incremental: true, loggers: { a: { level: "BOGUS" } } }] },
  "incremental: bad root level": { steps: [{ version: 1, incremental: true, root: { level: "BOGUS" } }] },
  "disable_existing_loggers default": {
    pre: ["a", "a.b", "c", "cc.d"],
    steps: [{ version: 1, loggers: { a: { level: "INFO" } } }],
  },
  "disable_existing_loggers false": {
    pre: ["a", "a.b", "c"],
    steps: [{ version: 1, disable_existing_loggers: false, loggers: { a: { level: "INFO" } } }],
  },
  "disable_existing_loggers 0": { pre: ["x"], steps: [{ version: 1, disable_existing_loggers: 0 }] },
  "children of named loggers are reset": {
    pre: ["p"],
    steps: [
      {
        version: 1,
        handlers: { h: stderrHandler },
        loggers: { "p.q": { level: "DEBUG", handlers: ["h"], propagate: false } },
      },
      { version: 1, loggers: { p: { level: "INFO" } } },
    ],
  },
  "propagate given as a string": one({ loggers: { a: { propagate: "" }, b: { propagate: "false" } } }),
  "Django's example configuration": { steps: [django] },
  "SysLogHandler address as a list and a facility name": handler({
    class: "logging.handlers.SysLogHandler",
    address: ["127.0.0.1", 9],
    facility: "local0",
  }),
};

test("dictConfig gives CPython's errors and configuration", () => {
  const names = Object.keys(cases);
  const list = names.map((n) => cases[n]!);
  const expected = runCPython(list);
  const got = runLogxide(list);
  const failures: string[] = [];
  names.forEach((name, i) => {
    const a = JSON.stringify(got[i]);
    const b = JSON.stringify(expected[i]);
    if (a !== b) failures.push(`${name}:\n  logxide ${a}\n  cpython ${b}`);
  });
  assert.deepEqual(failures, [], `${failures.length} of ${names.length} cases differ from CPython`);
});
