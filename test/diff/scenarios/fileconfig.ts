import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../harness.js";
import { code, normalizeLoggingErrors, type Scenario } from "./common.js";

/**
 * fileConfig scenarios: the same logging.ini configures CPython and
 * logxide, then the same calls run. `body` lines are written in the
 * subset both languages read the same way (calls, string literals, no
 * assignments); `py`/`js` add what differs.
 */
interface IniCase {
  name: string;
  ini: string;
  body: string;
  py?: string;
  js?: string;
  /** The configuring call; by default `logging.config.fileConfig("logging.ini")` on both sides. */
  pyConfig?: string;
  jsConfig?: string;
  files?: Record<string, string>;
  normalize?: Scenario["normalize"];
}

const CONFIG = `logging.config.fileConfig("logging.ini")`;

/** `reconfigure(name)`: a second fileConfig whose error is printed as `Class: text`. */
const RECONFIGURE_PY = "def reconfigure(name):\n    attempt(lambda: logging.config.fileConfig(name))";
const RECONFIGURE_JS = "const reconfigure = (name) => attempt(() => logging.config.fileConfig(name));";

function ini(c: IniCase): Scenario {
  return {
    name: `fileconfig: ${c.name}`,
    files: { "logging.ini": c.ini, ...(c.files ?? {}) },
    py: `import logging.config, configparser\n${c.py ?? ""}\n${c.pyConfig ?? CONFIG}\n${c.body}\n`,
    // logxide writes to stdout asynchronously, print() synchronously: flush first to keep the order.
    js: `${c.js ?? ""}\n${c.jsConfig ?? CONFIG}\n${c.body.replace(/^(print|reconfigure)\(/gm, "await logging.flush(); $1(")}\n`,
    normalize: c.normalize,
  };
}

/** One configuration that must fail: the same exception class and text on both sides. */
function failing(name: string, text: string, files: Record<string, string> = {}, call = CONFIG): Scenario {
  return {
    name: `fileconfig: error: ${name}`,
    files: { "logging.ini": text, ...files },
    py: `import logging.config\nattempt(lambda: ${call})\n`,
    js: `attempt(() => ${call})\n`,
  };
}

/**
 * Why: `%(asctime)s` and `%(process)d` are the time and pid of two different
 * processes; everything around them must still agree.
 */
function normalizeTimeAndPid(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(,\d{3})?/g, "<time>")
    .replace(/\b\d\d:\d\d:\d\d\b/g, "<time>")
    .replace(/\[\d+\]/g, "[<pid>]");
}

const COOKBOOK = `[loggers]
keys=root,simpleExample

[handlers]
keys=consoleHandler

[formatters]
keys=simpleFormatter

[logger_root]
level=DEBUG
handlers=consoleHandler

[logger_simpleExample]
level=DEBUG
handlers=consoleHandler
qualname=simpleExample
propagate=0

[handler_consoleHandler]
class=StreamHandler
level=DEBUG
formatter=simpleFormatter
args=(sys.stdout,)

[formatter_simpleFormatter]
format=%(asctime)s - %(name)s - %(levelname)s - %(message)s
`;

const ALEMBIC = `# A generic, single database configuration.

[alembic]
# path to migration scripts
script_location = migrations
sqlalchemy.url = driver://user:pass@localhost/dbname

# Logging configuration
[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
`;

const GUNICORN = `[loggers]
keys=root, gunicorn.error, gunicorn.access

[handlers]
keys=console, error_file, access_file

[formatters]
keys=generic, access

[logger_root]
level=INFO
handlers=console

[logger_gunicorn.error]
level=INFO
handlers=error_file
propagate=1
qualname=gunicorn.error

[logger_gunicorn.access]
level=INFO
handlers=access_file
propagate=0
qualname=gunicorn.access

[handler_console]
class=StreamHandler
formatter=generic
args=(sys.stdout, )

[handler_error_file]
class=logging.FileHandler
formatter=generic
args=('gunicorn.error.log',)

[handler_access_file]
class=logging.FileHandler
formatter=access
args=('gunicorn.access.log',)

[formatter_generic]
format=%(asctime)s [%(process)d] [%(levelname)s] %(message)s
datefmt=%Y-%m-%d %H:%M:%S
class=logging.Formatter

[formatter_access]
format=%(message)s
class=logging.Formatter
`;

/** A minimal valid file with one console handler writing `LEVEL:name:message` to stdout. */
const MINIMAL = `[loggers]
keys=root

[handlers]
keys=out

[formatters]
keys=plain

[logger_root]
level=DEBUG
handlers=out

[handler_out]
class=StreamHandler
formatter=plain
args=(sys.stdout,)

[formatter_plain]
format=%(levelname)s:%(name)s:%(message)s
`;

/** The example of docs/fileconfig.md, read from the page itself so that the two cannot drift apart. */
const DOCS_EXAMPLE = readFileSync(path.join(REPO_ROOT, "docs", "fileconfig.md"), "utf8")
  .split("```ini\n")[1]!
  .split("```")[0]!;

export const fileconfig: Scenario[] = [
  ini({
    name: "the example of docs/fileconfig.md",
    ini: DOCS_EXAMPLE,
    files: { "logs/.keep": "" },
    pyConfig: `logging.config.fileConfig("logging.ini", defaults={"logdir": "logs"})`,
    jsConfig: `logging.config.fileConfig("logging.ini", { defaults: { logdir: "logs" } })`,
    body: code`
logging.getLogger("myapp.db").info("connected to %s", "db1")
logging.getLogger("myapp.db").debug("pool size %d", 10)
logging.getLogger("myapp.access").info('GET /health 200')
logging.getLogger("lib").info("root only")
logging.getLogger("lib").debug("below INFO")
`,
    normalize: normalizeTimeAndPid,
  }),
  ini({
    name: "the Python docs' simpleExample configuration",
    ini: COOKBOOK,
    body: code`
logging.getLogger("simpleExample").debug("debug message")
logging.getLogger("simpleExample").info("info message")
logging.getLogger("simpleExample").warning("warn message")
logging.getLogger("simpleExample").error("error message")
logging.getLogger("simpleExample").critical("critical message")
logging.getLogger("other").info("through the root")
`,
    normalize: normalizeTimeAndPid,
  }),
  ini({
    name: "an alembic.ini's logging sections (other sections ignored)",
    ini: ALEMBIC,
    body: code`
logging.getLogger("alembic.runtime.migration").info("Context impl %s.", "PostgresqlImpl")
logging.getLogger("alembic").debug("not shown")
logging.getLogger("sqlalchemy.engine.Engine").info("not shown either")
logging.getLogger("sqlalchemy.engine.Engine").warning("a warning %d", 3)
logging.getLogger("app").error("root handles this")
logging.getLogger("app").info("below WARN")
`,
  }),
  ini({
    name: "a gunicorn-style logging.ini with console and two files",
    ini: GUNICORN,
    body: code`
logging.getLogger("gunicorn.error").info("Starting gunicorn %s", "21.2.0")
logging.getLogger("gunicorn.error").warning("Worker %s timeout", "w1")
logging.getLogger("gunicorn.access").info('127.0.0.1 - - "GET / HTTP/1.1" 200 2')
logging.getLogger("gunicorn.access").debug("below INFO")
logging.getLogger("app").info("root only")
`,
    normalize: normalizeTimeAndPid,
  }),
  ini({
    name: "FileHandler with args=('app.log', 'a') appends to an existing file",
    files: { "app.log": "before\n" },
    ini: `[loggers]
keys=root

[handlers]
keys=file

[formatters]
keys=f

[logger_root]
level=INFO
handlers=file

[handler_file]
class=FileHandler
level=WARNING
formatter=f
args=('app.log', 'a')

[formatter_f]
format=%(levelname)s %(name)s %(message)s
`,
    body: code`
logging.getLogger("svc").info("dropped by the handler level")
logging.getLogger("svc").warning("kept %s", "one")
logging.getLogger("svc.db").error("kept two")
`,
  }),
  ini({
    name: "RotatingFileHandler from kwargs rotates like CPython",
    ini: `[loggers]
keys=root

[handlers]
keys=rot

[formatters]
keys=f

[logger_root]
level=DEBUG
handlers=rot

[handler_rot]
class=handlers.RotatingFileHandler
formatter=f
args=('rot.log',)
kwargs={'maxBytes': 10*6, 'backupCount': 2, "encoding": "utf-8"}

[formatter_f]
format=%(message)s
`,
    body: code`
logging.getLogger("r").info("line one is here")
logging.getLogger("r").info("line two is here")
logging.getLogger("r").info("line three is here")
logging.getLogger("r").info("line four is here")
logging.getLogger("r").info("line five is here")
logging.getLogger("r").info("line six is here")
logging.getLogger("r").info("line seven is here")
`,
  }),
  ini({
    name: "logging.handlers.RotatingFileHandler by full path, positional args",
    ini: `[loggers]
keys=root

[handlers]
keys=rot

[formatters]
keys=

[logger_root]
level=DEBUG
handlers=rot

[handler_rot]
class=logging.handlers.RotatingFileHandler
args=('full.log', 'a', 40, 1)
`,
    body: code`
logging.getLogger("r").info("first record text")
logging.getLogger("r").info("second record text")
logging.getLogger("r").info("third record text")
`,
  }),
  ini({
    name: "qualname, propagate=0 and levels over a hierarchy",
    ini: `[loggers]
keys=root,app,db

[handlers]
keys=all,dbonly

[formatters]
keys=short,long

[logger_root]
level=WARNING
handlers=all

[logger_app]
level=DEBUG
handlers=
qualname=myapp

[logger_db]
level=INFO
handlers=dbonly
qualname=myapp.db
propagate=0

[handler_all]
class=StreamHandler
formatter=short
args=(sys.stdout,)

[handler_dbonly]
class=StreamHandler
formatter=long
args=(sys.stdout,)

[formatter_short]
format=%(levelname)s:%(name)s:%(message)s

[formatter_long]
format=[db] %(levelname)-8s %(name)s %(message)s
`,
    js: "const True = true, False = false;",
    body: code`
logging.getLogger("myapp").debug("app debug")
logging.getLogger("myapp.web").info("web info")
logging.getLogger("myapp.db").debug("db debug: dropped")
logging.getLogger("myapp.db").info("db info: db handler only")
logging.getLogger("myapp.db.pool").warning("pool warning: db handler only")
logging.getLogger("lib").info("lib info: dropped")
logging.getLogger("lib").warning("lib warning")
print(logging.getLogger("myapp.db").propagate == False, logging.getLogger("myapp").propagate == True)
`,
  }),
  ini({
    name: "defaults= and [DEFAULT] interpolate %(logdir)s, %% stays a percent",
    files: { "logs/.keep": "" },
    ini: `[DEFAULT]
mode=w

[loggers]
keys=root

[handlers]
keys=file,console

[formatters]
keys=f

[logger_root]
level=INFO
handlers=file,console

[handler_file]
class=FileHandler
formatter=f
args=('%(logdir)s/app.log', '%(mode)s')

[handler_console]
class=StreamHandler
formatter=f
args=(sys.stdout,)

[formatter_f]
format=%(name)s 100%% %(message)s
`,
    pyConfig: `logging.config.fileConfig("logging.ini", {"logdir": "logs"})`,
    jsConfig: `logging.config.fileConfig("logging.ini", {"logdir": "logs"})`,
    body: code`
logging.getLogger("d").info("into logs/app.log")
`,
  }),
  ini({
    name: "datefmt, and the { and $ styles",
    ini: `[loggers]
keys=root,b,d

[handlers]
keys=h1,h2,h3

[formatters]
keys=pct,brace,dollar

[logger_root]
level=INFO
handlers=h1

[logger_b]
handlers=h2
qualname=b
propagate=0

[logger_d]
handlers=h3
qualname=d
propagate=0

[handler_h1]
class=StreamHandler
formatter=pct
args=(sys.stdout,)

[handler_h2]
class=StreamHandler
formatter=brace
args=(sys.stdout,)

[handler_h3]
class=StreamHandler
formatter=dollar
args=(sys.stdout,)

[formatter_pct]
format=%(asctime)s|%(message)s
datefmt=%Y

[formatter_brace]
format={levelname:>8}|{name}|{message!r}
style={

[formatter_dollar]
format=$levelname $$ $message
style=$
`,
    body: code`
logging.getLogger("a").info("percent")
logging.getLogger("b").warning("brace %s", "args")
logging.getLogger("d").error("dollar")
`,
    normalize: (t) => t.replace(/^\d{4}\|/gm, "<year>|"),
  }),
  ini({
    name: "comments, key: value, upper-case keys, multi-line args",
    ini: `# a comment
; another comment
[loggers]
KEYS = root

[handlers]
keys: out

[formatters]
keys = f
   # comments inside a section are skipped

[logger_root]
Level: INFO
Handlers: out

[handler_out]
CLASS = StreamHandler
formatter = f
args = (
    sys.stdout,  # a Python comment inside args
    )

[formatter_f]
format = %(levelname)s
    %(message)s
`,
    body: code`
logging.getLogger("m").info("two lines")
`,
  }),
  ini({
    name: "disable_existing_loggers: true disables others, keeps children of named loggers",
    ini: `[loggers]
keys=root,app

[handlers]
keys=out

[formatters]
keys=f

[logger_root]
level=DEBUG
handlers=out

[logger_app]
level=INFO
handlers=
qualname=app

[handler_out]
class=StreamHandler
formatter=f
args=(sys.stdout,)

[formatter_f]
format=%(levelname)s:%(name)s:%(message)s
`,
    py: code`
logging.getLogger("old").setLevel(logging.ERROR)
logging.getLogger("app.child").setLevel(logging.ERROR)
logging.getLogger("app.child").propagate = False
logging.getLogger("x.y")
`,
    js: code`
logging.getLogger("old").setLevel(logging.ERROR);
logging.getLogger("app.child").setLevel(logging.ERROR);
logging.getLogger("app.child").propagate = false;
logging.getLogger("x.y");
`,
    body: code`
logging.getLogger("old").error("old is disabled")
logging.getLogger("app.child").info("child reset and enabled")
logging.getLogger("x.y").error("x.y disabled")
logging.getLogger("x").error("x was a placeholder: now a fresh logger")
print(logging.getLogger("old").disabled, logging.getLogger("app.child").disabled, logging.getLogger("app.child").level, logging.getLogger("app.child").propagate)
`,
  }),
  ini({
    name: "disable_existing_loggers=False keeps existing loggers working",
    ini: MINIMAL,
    py: `logging.getLogger("old").setLevel(logging.INFO)`,
    js: `logging.getLogger("old").setLevel(logging.INFO);`,
    pyConfig: `logging.config.fileConfig("logging.ini", disable_existing_loggers=False)`,
    jsConfig: `logging.config.fileConfig("logging.ini", { disable_existing_loggers: false })`,
    body: code`
logging.getLogger("old").info("still enabled")
logging.getLogger("old").debug("its own level still applies")
print(logging.getLogger("old").disabled)
`,
  }),
  ini({
    name: "a second fileConfig closes the first one's handlers and replaces them",
    ini: `[loggers]
keys=root

[handlers]
keys=file

[formatters]
keys=

[logger_root]
level=INFO
handlers=file

[handler_file]
class=FileHandler
args=('first.log', 'w')
`,
    files: { "second.ini": MINIMAL },
    body: code`
logging.getLogger("a").info("to first.log")
logging.config.fileConfig("second.ini")
logging.getLogger("a").info("not shown: a existed and second.ini does not name it")
logging.getLogger().info("root to stdout")
print(len(logging.getLogger().handlers))
`,
    js: "const len = (a) => a.length;",
  }),
  ini({
    name: "MemoryHandler with args=(10, ERROR) and a target= handler defined after it",
    ini: `[loggers]
keys=root

[handlers]
keys=mem,out

[formatters]
keys=f

[logger_root]
level=DEBUG
handlers=mem

[handler_mem]
class=handlers.MemoryHandler
args=(10, ERROR)
target=out

[handler_out]
class=StreamHandler
formatter=f
args=(sys.stdout,)

[formatter_f]
format=%(levelname)s %(message)s
`,
    body: code`
logging.getLogger("m").info("buffered one")
logging.getLogger("m").warning("buffered two")
print("nothing yet")
logging.getLogger("m").error("flushes all three")
`,
  }),
  ini({
    name: "SysLogHandler args with handlers.SYSLOG_UDP_PORT and SysLogHandler.LOG_LOCAL0",
    ini: `[loggers]
keys=root

[handlers]
keys=syslog

[formatters]
keys=

[logger_root]
level=INFO
handlers=syslog

[handler_syslog]
class=handlers.SysLogHandler
args=(('localhost', handlers.SYSLOG_UDP_PORT), handlers.SysLogHandler.LOG_LOCAL0)
level=ERROR
`,
    body: code`
print(logging.getLogger().handlers[0].facility, logging.getLogger().handlers[0].address[1], logging.getLogger().handlers[0].level)
`,
  }),
  {
    name: "fileconfig: a ConfigParser filled by read_string; format= is read raw",
    // Why: format= is not interpolated, so %(who)s is a record field that is missing: both sides
    // report the same logging error, with a traceback on one side and a stack on the other.
    normalize: normalizeLoggingErrors,
    py: code`
import logging.config, configparser
cp = configparser.ConfigParser({"who": "parser"})
cp.read_string("""
[loggers]
keys=root
[handlers]
keys=h
[formatters]
keys=f
[logger_root]
level=INFO
handlers=h
[handler_h]
class=StreamHandler
args=(sys.stdout,)
formatter=f
[formatter_f]
format=[%(message)s] from %(who)s
""")
print(cp.get("formatter_f", "format", raw=True), cp.get("handler_h", "who"))
logging.config.fileConfig(cp)
logging.getLogger("s").info("from a parser")
`,
    js: code`
const cp = new logging.config.ConfigParser({ who: "parser" });
cp.read_string(\`
[loggers]
keys=root
[handlers]
keys=h
[formatters]
keys=f
[logger_root]
level=INFO
handlers=h
[handler_h]
class=StreamHandler
args=(sys.stdout,)
formatter=f
[formatter_f]
format=[%(message)s] from %(who)s
\`);
print(cp.get("formatter_f", "format", { raw: true }), cp.get("handler_h", "who"));
logging.config.fileConfig(cp);
logging.getLogger("s").info("from a parser");
`,
  },
  ini({
    name: "a [DEFAULT] level= applies to every logger and handler",
    ini: MINIMAL.replace("[loggers]", "[DEFAULT]\nlevel=ERROR\n\n[loggers]").replace("level=DEBUG\n", ""),
    body: code`
logging.getLogger("d").warning("dropped: the root's level is ERROR")
logging.getLogger("d").error("kept")
print(logging.getLogger().level, logging.getLogger().handlers[0].level)
`,
  }),
  ini({
    name: "TimedRotatingFileHandler and WatchedFileHandler from args",
    ini: `[loggers]
keys=root

[handlers]
keys=timed,watched

[formatters]
keys=f

[logger_root]
level=INFO
handlers=timed,watched

[handler_timed]
class=handlers.TimedRotatingFileHandler
formatter=f
args=('timed.log', 'midnight', 1, 3)

[handler_watched]
class=logging.handlers.WatchedFileHandler
formatter=f
args=('watched.log',)
kwargs={'encoding': 'utf-8', 'delay': True}

[formatter_f]
format=%(name)s %(message)s
`,
    body: code`
logging.getLogger("t").info("to both files: %s", "é")
print(logging.getLogger().handlers[0].when, logging.getLogger().handlers[0].backupCount)
`,
  }),
  ini({
    name: "a latin-1 file read with encoding='latin-1'",
    ini: "",
    files: {},
    py: code`
with open("latin.ini", "wb") as f:
    f.write(${JSON.stringify(MINIMAL.replace("format=%(levelname)s:", "format=\u00e9 %(levelname)s:"))}.encode("latin-1"))
`,
    js: code`
import { writeFileSync } from "node:fs";
writeFileSync("latin.ini", Buffer.from(${JSON.stringify(MINIMAL.replace("format=%(levelname)s:", "format=\u00e9 %(levelname)s:"))}, "latin1"));
`,
    pyConfig: `logging.config.fileConfig("latin.ini", encoding="latin-1")`,
    jsConfig: `logging.config.fileConfig("latin.ini", { encoding: "latin-1" })`,
    body: code`
logging.getLogger("l").info("decoded")
`,
  }),
  ini({
    name: "a broken formatter leaves the previous configuration working",
    ini: MINIMAL,
    files: { "bad.ini": MINIMAL.replace("[formatter_plain]", "[formatter_plain]\nstyle=?") },
    py: RECONFIGURE_PY,
    js: RECONFIGURE_JS,
    body: code`
logging.getLogger("x").info("before")
reconfigure("bad.ini")
logging.getLogger("x").info("after: same handler, same logger")
`,
  }),
  ini({
    name: "a broken handler class after the old handlers were closed: a closed FileHandler reopens",
    ini: MINIMAL.replace(
      "class=StreamHandler\nformatter=plain\nargs=(sys.stdout,)",
      "class=FileHandler\nformatter=plain\nargs=('old.log', 'a')",
    ),
    files: { "bad.ini": MINIMAL.replace("class=StreamHandler", "class=NoSuchHandler") },
    py: RECONFIGURE_PY,
    js: RECONFIGURE_JS,
    body: code`
logging.getLogger("x").info("before")
reconfigure("bad.ini")
logging.getLogger("x").info("after: the closed handler is still on the root")
`,
  }),
  failing("no [formatters] section", "[loggers]\nkeys=root\n"),
  failing("[formatters] without keys", "[formatters]\nkey=f\n"),
  failing("no [handlers] section", "[formatters]\nkeys=\n"),
  failing("root missing from [loggers] keys", MINIMAL.replace("keys=root", "keys=app")),
  failing("no [logger_root] section", MINIMAL.replace("[logger_root]", "[logger_main]")),
  failing(
    "a logger section without qualname",
    MINIMAL.replace("keys=root", "keys=root,a") + "\n[logger_a]\nhandlers=\n",
  ),
  failing("root without handlers=", MINIMAL.replace("handlers=out\n", "")),
  failing("an unknown handler class", MINIMAL.replace("class=StreamHandler", "class=NoSuchHandler")),
  failing("an unknown class under handlers.", MINIMAL.replace("class=StreamHandler", "class=handlers.NoSuch")),
  failing("an unknown module", MINIMAL.replace("class=StreamHandler", "class=myapp.log.Handler")),
  failing(
    "an unknown class in logging.handlers",
    MINIMAL.replace("class=StreamHandler", "class=logging.handlers.Nope"),
  ),
  failing("an unknown formatter class", MINIMAL.replace("[formatter_plain]", "[formatter_plain]\nclass=Formatter")),
  failing("a bad logger level", MINIMAL.replace("level=DEBUG", "level=LOUD")),
  failing("a numeric level string", MINIMAL.replace("level=DEBUG", "level=10")),
  failing("a bad handler level", MINIMAL.replace("class=StreamHandler", "class=StreamHandler\nlevel=debug")),
  failing("a handler name that is not defined", MINIMAL.replace("handlers=out", "handlers=out,err")),
  failing("a formatter name that is not defined", MINIMAL.replace("formatter=plain", "formatter=fancy")),
  failing("a handler listed with no section", MINIMAL.replace("keys=out", "keys=out,gone")),
  failing(
    "propagate=no",
    MINIMAL.replace("keys=root", "keys=root,a") + "\n[logger_a]\nhandlers=\nqualname=a\npropagate=no\n",
  ),
  failing("a missing interpolation key", MINIMAL.replace("args=(sys.stdout,)", "args=('%(logdir)s/x.log',)")),
  failing("a lone % in an interpolated value", MINIMAL.replace("args=(sys.stdout,)", "args=('100% sure',)")),
  failing("a bad style", MINIMAL.replace("[formatter_plain]", "[formatter_plain]\nstyle=#")),
  failing(
    "a format that fails validation",
    MINIMAL.replace("format=%(levelname)s:%(name)s:%(message)s", "format={levelname}\nstyle=$"),
  ),
  failing(
    "logging.DEBUG inside args (not in logging's namespace)",
    MINIMAL.replace("args=(sys.stdout,)", "args=(sys.stdout, logging.DEBUG)"),
  ),
  failing("an undefined name inside args", MINIMAL.replace("args=(sys.stdout,)", "args=(stdout,)")),
  failing(
    "a missing attribute of logging.handlers inside args",
    MINIMAL.replace("args=(sys.stdout,)", "args=(handlers.NOPE,)"),
  ),
  failing("a file that does not exist", MINIMAL, {}, `logging.config.fileConfig("missing.ini")`),
  failing("an empty file", MINIMAL, { "empty.ini": "" }, `logging.config.fileConfig("empty.ini")`),
  failing("lines before any section", "keys=root\n" + MINIMAL),
  failing("a line that is not an option", MINIMAL + "garbage line\n[extra]\n=value\n"),
  failing("a duplicate section", MINIMAL + "\n[loggers]\nkeys=root\n"),
  failing("a duplicate option", MINIMAL.replace("level=DEBUG", "level=DEBUG\nLEVEL=INFO")),
  failing("interpolation nested too deep", "[DEFAULT]\na=%(b)s\nb=%(a)s\n[formatters]\nkeys=%(a)s\n"),
];
