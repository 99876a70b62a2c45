/**
 * dictConfig scenarios: the same JSON document configures both sides, then
 * the same calls log through it; stdout, stderr and files are compared.
 */
import type { Scenario } from "./common.js";

/**
 * A scenario whose configuration is `doc` (parsed from the same JSON text
 * on both sides), followed by `py` and `js`, the same actions in each
 * language.
 */
function configured(name: string, doc: unknown, py: string, js: string, extra: Partial<Scenario> = {}): Scenario {
  const text = JSON.stringify(doc);
  if (text.includes("'''") || text.includes("`") || text.includes("${")) throw new Error("unquotable document");
  return {
    name: `dictConfig: ${name}`,
    py: `import logging.config, json\nCFG = json.loads(r'''${text}''')\n${py.trim()}\n`,
    js: `const CFG = JSON.parse(String.raw\`${text}\`);\n${js.trim()}\n`,
    ...extra,
  };
}

const stdoutHandler = (format: string, more: Record<string, unknown> = {}) => ({
  formatters: { f: { format } },
  handlers: { out: { class: "logging.StreamHandler", stream: "ext://sys.stdout", formatter: "f", ...more } },
});

export const config: Scenario[] = [
  configured(
    "loggers, levels, propagation, handler levels and filters",
    {
      version: 1,
      formatters: {
        short: { format: "%(levelname)s:%(name)s:%(message)s" },
        brace: { format: "{name} | {levelname:<8} | {message}", style: "{" },
      },
      filters: { only_ab: { name: "a.b" } },
      handlers: {
        out: { class: "logging.StreamHandler", stream: "ext://sys.stdout", formatter: "short", level: "INFO" },
        err: {
          class: "logging.StreamHandler",
          stream: "ext://sys.stderr",
          formatter: "brace",
          filters: ["only_ab"],
        },
      },
      loggers: {
        a: { level: "DEBUG", handlers: ["err"] },
        "a.b.c": { level: "WARNING", propagate: false, handlers: ["out"] },
      },
      root: { level: "INFO", handlers: ["out"] },
    },
    `
logging.config.dictConfig(CFG)
for name in ["a", "a.b", "a.b.c", "a.x", "z"]:
    lg = logging.getLogger(name)
    lg.debug("debug from %s", name); lg.info("info from %s", name); lg.warning("warning from %s", name)
`,
    `
logging.dictConfig(CFG);
for (const name of ["a", "a.b", "a.b.c", "a.x", "z"]) {
  const lg = logging.getLogger(name);
  lg.debug("debug from %s", name); lg.info("info from %s", name); lg.warning("warning from %s", name);
}
`,
  ),
  configured(
    "cfg:// references in values and sections",
    {
      version: 1,
      shared: { fmt: { format: "[%(levelname)s] %(message)s" }, levels: ["DEBUG", "WARNING"] },
      formatters: { f: "cfg://shared.fmt" },
      handlers: {
        out: {
          class: "logging.StreamHandler",
          stream: "ext://sys.stdout",
          formatter: "f",
          level: "cfg://shared.levels[1]",
        },
      },
      root: { level: "cfg://shared[levels][0]", handlers: ["out"] },
    },
    `
logging.config.dictConfig(CFG)
logging.debug("hidden by the handler"); logging.warning("shown")
print(logging.getLogger().level, logging.getLogger().handlers[0].level)
`,
    `
logging.dictConfig(CFG);
logging.debug("hidden by the handler"); logging.warning("shown");
await logging.flush();
print(logging.getLogger().level, logging.getLogger().handlers[0].level);
`,
  ),
  configured(
    "configuration errors and their causes",
    { version: 1 },
    `
docs = [
    {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "strem": "ext://sys.stdout"}}},
    {"version": 1, "handlers": {"h": {"class": "logging.FileHandler"}}},
    {"version": 1, "handlers": {"h": {"class": "logging.handlers.RotatingFileHandler", "filename": "x.log", "maxbytes": 1}}},
    {"version": 1, "handlers": {"h": {"class": "logging.handlers.Nope"}}},
    {"version": 1, "handlers": {"h": {"class": "myapp.Handler"}}},
    {"version": 1, "formatters": {"f": {"class": "logging.Nope"}}},
    {"version": 1, "formatters": {"f": {"()": "logging.Formatter", "fmt": "%(message)s", "colour": 1}}},
    {"version": 1, "filters": {"f": {"()": "logging.Filter", "nmae": "a"}}},
    {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "stream": "ext://sys.stdot"}}},
    {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "level": "cfg://nowhere"}}},
    {"version": 1, "incremental": True, "handlers": {"zz": {"level": "INFO"}}},
    {"version": 1, "incremental": True, "loggers": {"a": {"level": "LOUD"}}},
    {"version": 2},
]
for d in docs:
    try:
        logging.config.dictConfig(d)
        print("ok")
    except Exception as e:
        perr(e); perr(e.__cause__) if e.__cause__ is not None else print("-")
print(sorted(os.listdir(".")))
`,
    `
const docs = [
  { version: 1, handlers: { h: { class: "logging.StreamHandler", strem: "ext://sys.stdout" } } },
  { version: 1, handlers: { h: { class: "logging.FileHandler" } } },
  { version: 1, handlers: { h: { class: "logging.handlers.RotatingFileHandler", filename: "x.log", maxbytes: 1 } } },
  { version: 1, handlers: { h: { class: "logging.handlers.Nope" } } },
  { version: 1, handlers: { h: { class: "myapp.Handler" } } },
  { version: 1, formatters: { f: { class: "logging.Nope" } } },
  { version: 1, formatters: { f: { "()": "logging.Formatter", fmt: "%(message)s", colour: 1 } } },
  { version: 1, filters: { f: { "()": "logging.Filter", nmae: "a" } } },
  { version: 1, handlers: { h: { class: "logging.StreamHandler", stream: "ext://sys.stdot" } } },
  { version: 1, handlers: { h: { class: "logging.StreamHandler", level: "cfg://nowhere" } } },
  { version: 1, incremental: true, handlers: { zz: { level: "INFO" } } },
  { version: 1, incremental: true, loggers: { a: { level: "LOUD" } } },
  { version: 2 },
];
for (const d of docs) {
  try {
    logging.dictConfig(d);
    print("ok");
  } catch (e) {
    perr(e); if (e.cause) perr(e.cause); else print("-");
  }
}
const fs = await import("node:fs");
print(fs.readdirSync(".").sort());
`,
  ),
  configured(
    "incremental: handler and logger levels change, handlers stay",
    {
      version: 1,
      ...stdoutHandler("%(levelname)s %(name)s %(message)s", { level: "WARNING" }),
      loggers: { app: { level: "INFO", handlers: ["out"] } },
    },
    `
logging.config.dictConfig(CFG)
app = logging.getLogger("app")
app.info("before: hidden by the handler"); app.warning("before: shown")
logging.config.dictConfig({"version": 1, "incremental": True, "handlers": {"out": {"level": "DEBUG"}},
                           "loggers": {"app": {"level": "DEBUG", "handlers": []}}})
app.debug("after: shown"); app.info("after: shown too")
print(app.level, len(app.handlers), app.handlers[0].level)
`,
    `
logging.dictConfig(CFG);
const app = logging.getLogger("app");
app.info("before: hidden by the handler"); app.warning("before: shown");
logging.dictConfig({ version: 1, incremental: true, handlers: { out: { level: "DEBUG" } },
                     loggers: { app: { level: "DEBUG", handlers: [] } } });
app.debug("after: shown"); app.info("after: shown too");
await logging.flush();
print(app.level, app.handlers.length, app.handlers[0].level);
`,
  ),
  configured(
    'disable_existing_loggers, children of named loggers, and "root": {}',
    { version: 1, ...stdoutHandler("%(name)s: %(message)s"), root: { level: "DEBUG", handlers: ["out"] } },
    `
old = logging.getLogger("old"); kid = logging.getLogger("named.kid"); kid.setLevel(logging.ERROR)
logging.config.dictConfig(CFG)
old.info("old: disabled"); kid.info("kid: reset and enabled"); logging.info("root works")
logging.config.dictConfig({"version": 1, "disable_existing_loggers": False, "root": {}})
logging.info("root: {} leaves root alone")
logging.config.dictConfig(dict(CFG, disable_existing_loggers=False, loggers={"named": {}}))
logging.getLogger("named").info("named"); old.info("old: still disabled")
print(old.disabled, kid.disabled, kid.level)
`,
    `
const old = logging.getLogger("old"); const kid = logging.getLogger("named.kid"); kid.setLevel(logging.ERROR);
logging.dictConfig(CFG);
old.info("old: disabled"); kid.info("kid: reset and enabled"); logging.info("root works");
logging.dictConfig({ version: 1, disable_existing_loggers: false, root: {} });
logging.info("root: {} leaves root alone");
logging.dictConfig({ ...CFG, disable_existing_loggers: false, loggers: { named: {} } });
logging.getLogger("named").info("named"); old.info("old: still disabled");
await logging.flush();
print(old.disabled, kid.disabled, kid.level);
`,
  ),
  configured(
    "MemoryHandler with a target named later, and RotatingFileHandler files",
    {
      version: 1,
      formatters: { f: { format: "%(levelname)s %(message)s" } },
      handlers: {
        a_buffer: { class: "logging.handlers.MemoryHandler", capacity: 3, flushLevel: 40, target: "z_file" },
        z_file: {
          class: "logging.handlers.RotatingFileHandler",
          filename: "app.log",
          maxBytes: 40,
          backupCount: 2,
          formatter: "f",
          encoding: "utf-8",
        },
      },
      root: { level: "DEBUG", handlers: ["a_buffer"] },
    },
    `
logging.config.dictConfig(CFG)
for i in range(7):
    logging.info("record number %d", i)
logging.error("an error flushes")
logging.shutdown()
`,
    `
logging.dictConfig(CFG);
for (let i = 0; i < 7; i++) logging.info("record number %d", i);
logging.error("an error flushes");
await logging.shutdown();
`,
  ),
  configured(
    "Django's example configuration with logging's own classes",
    {
      version: 1,
      disable_existing_loggers: false,
      formatters: {
        verbose: { format: "{levelname} {asctime} {module} {message}", style: "{" },
        simple: { format: "{levelname} {message}", style: "{" },
      },
      filters: { special: { "()": "logging.Filter", name: "myproject" } },
      handlers: {
        null: { level: "DEBUG", class: "logging.NullHandler" },
        console: { level: "INFO", class: "logging.StreamHandler", formatter: "simple", stream: "ext://sys.stdout" },
        mail_admins: {
          level: "ERROR",
          class: "logging.StreamHandler",
          formatter: "simple",
          filters: ["special"],
          stream: "ext://sys.stderr",
        },
      },
      loggers: {
        django: { handlers: ["console"], propagate: true },
        "django.request": { handlers: ["mail_admins"], level: "ERROR", propagate: false },
        "myproject.custom": { handlers: ["console", "mail_admins"], level: "INFO", filters: ["special"] },
        "django.db.backends": { handlers: ["null"], propagate: false },
      },
    },
    `
logging.config.dictConfig(CFG)
logging.getLogger("django").warning("django warning")
logging.getLogger("django.request").error("request failed: %s", "/x")
logging.getLogger("django.request").warning("dropped by level")
logging.getLogger("myproject.custom").error("custom error")
logging.getLogger("myproject.custom").info("custom info")
logging.getLogger("django.db.backends").error("silenced")
`,
    `
logging.dictConfig(CFG);
logging.getLogger("django").warning("django warning");
logging.getLogger("django.request").error("request failed: %s", "/x");
logging.getLogger("django.request").warning("dropped by level");
logging.getLogger("myproject.custom").error("custom error");
logging.getLogger("myproject.custom").info("custom info");
logging.getLogger("django.db.backends").error("silenced");
`,
  ),
];
