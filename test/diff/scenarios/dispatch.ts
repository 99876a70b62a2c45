import { code, normalizeLoggingErrors, normalizeTracebacks, type Scenario } from "./common.js";

export const dispatch: Scenario[] = [
  {
    name: "dispatch: a record reaches the handlers of its logger and of every ancestor",
    py: code`
def h(tag, logger):
    x = logging.StreamHandler(sys.stdout)
    x.setFormatter(logging.Formatter(tag + " %(name)s %(levelname)s %(message)s"))
    logging.getLogger(logger).addHandler(x)
h("root", ""); h("A", "a"); h("AB", "a.b"); h("ABC2", "a.b.c")
logging.getLogger("a.b.c").warning("from abc")
logging.getLogger("a.b").error("from ab")
logging.getLogger("a.x").critical("from ax")
logging.getLogger("z").warning("from z")
`,
    js: code`
function h(tag, logger) {
  const x = new logging.StreamHandler(process.stdout);
  x.setFormatter(new logging.Formatter(tag + " %(name)s %(levelname)s %(message)s"));
  logging.getLogger(logger).addHandler(x);
}
h("root", ""); h("A", "a"); h("AB", "a.b"); h("ABC2", "a.b.c");
logging.getLogger("a.b.c").warning("from abc");
logging.getLogger("a.b").error("from ab");
logging.getLogger("a.x").critical("from ax");
logging.getLogger("z").warning("from z");
`,
  },
  {
    name: "dispatch: propagate false stops the walk after that logger",
    py: code`
for name in ("", "a", "a.b"):
    x = logging.StreamHandler(sys.stdout)
    x.setFormatter(logging.Formatter("[" + (name or "root") + "] %(message)s"))
    logging.getLogger(name).addHandler(x)
logging.getLogger("a").propagate = False
logging.getLogger("a.b.c").warning("one")
logging.getLogger("a").propagate = True
logging.getLogger("a.b").propagate = False
logging.getLogger("a.b.c").warning("two")
logging.getLogger("a.b").propagate = True
logging.getLogger("a.b.c").warning("three")
`,
    js: code`
for (const name of ["", "a", "a.b"]) {
  const x = new logging.StreamHandler(process.stdout);
  x.setFormatter(new logging.Formatter("[" + (name || "root") + "] %(message)s"));
  logging.getLogger(name).addHandler(x);
}
logging.getLogger("a").propagate = false;
logging.getLogger("a.b.c").warning("one");
logging.getLogger("a").propagate = true;
logging.getLogger("a.b").propagate = false;
logging.getLogger("a.b.c").warning("two");
logging.getLogger("a.b").propagate = true;
logging.getLogger("a.b.c").warning("three");
`,
  },
  {
    name: "dispatch: lastResort prints the bare message to stderr for WARNING and above",
    py: code`
log = logging.getLogger("nohandlers")
log.info("not shown")
log.warning("careful %s", "now")
log.error("bad: %d%%", 50)
logging.getLogger("x.y").critical("crit")
print("root handlers:", len(logging.getLogger().handlers))
`,
    js: code`
const log = logging.getLogger("nohandlers");
log.info("not shown");
log.warning("careful %s", "now");
log.error("bad: %d%%", 50);
logging.getLogger("x.y").critical("crit");
print("root handlers:", logging.getLogger().handlers.length);
`,
  },
  {
    name: "dispatch: a handler whose level rejects the record still counts as found",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setLevel(logging.ERROR)
logging.getLogger("quiet").addHandler(h)
logging.getLogger("quiet.child").warning("swallowed: no lastResort")
logging.getLogger("quiet.child").error("shown by handler")
logging.getLogger("loud").warning("shown by lastResort")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setLevel(logging.ERROR);
logging.getLogger("quiet").addHandler(h);
logging.getLogger("quiet.child").warning("swallowed: no lastResort");
logging.getLogger("quiet.child").error("shown by handler");
logging.getLogger("loud").warning("shown by lastResort");
`,
  },
  {
    name: "dispatch: handlers beyond a propagate=false logger do not count for lastResort",
    py: code`
logging.getLogger().addHandler(logging.StreamHandler(sys.stdout))
logging.getLogger("iso").propagate = False
logging.getLogger("iso.x").warning("lastResort, not root")
logging.getLogger("iso").propagate = True
logging.getLogger("iso.x").warning("root handler")
`,
    js: code`
logging.getLogger().addHandler(new logging.StreamHandler(process.stdout));
logging.getLogger("iso").propagate = false;
logging.getLogger("iso.x").warning("lastResort, not root");
logging.getLogger("iso").propagate = true;
logging.getLogger("iso.x").warning("root handler");
`,
  },
  {
    name: "dispatch: removeHandler sends records back to lastResort",
    py: code`
log = logging.getLogger("rm")
h = logging.StreamHandler(sys.stderr)
h.setFormatter(logging.Formatter("H:%(message)s"))
log.addHandler(h); log.addHandler(h)
print(len(log.handlers))
log.warning("via handler")
log.removeHandler(h)
log.removeHandler(h)
print(len(log.handlers))
log.warning("via lastResort")
`,
    js: code`
const log = logging.getLogger("rm");
const h = new logging.StreamHandler(process.stderr);
h.setFormatter(new logging.Formatter("H:%(message)s"));
log.addHandler(h); log.addHandler(h);
print(log.handlers.length);
log.warning("via handler");
log.removeHandler(h);
log.removeHandler(h);
print(log.handlers.length);
log.warning("via lastResort");
`,
  },
  {
    name: "dispatch: logger filters apply only at the origin logger",
    py: code`
h = logging.StreamHandler(sys.stderr)
h.setFormatter(logging.Formatter("%(name)s:%(message)s"))
parent = logging.getLogger("par"); parent.addHandler(h)
parent.addFilter(lambda r: False)
parent.setLevel(logging.CRITICAL)
logging.getLogger("par.kid").setLevel(logging.DEBUG)
logging.getLogger("par.kid").warning("passes the parent's filter and level")
parent.warning("blocked at origin")
kid = logging.getLogger("par.kid")
kid.addFilter(lambda r: "keep" in r.getMessage())
kid.warning("drop me"); kid.warning("keep me")
print(bool(parent.filter(logging.makeLogRecord({}))), bool(kid.filter(logging.makeLogRecord({"msg": "keep"}))))
`,
    js: code`
const h = new logging.StreamHandler(process.stderr);
h.setFormatter(new logging.Formatter("%(name)s:%(message)s"));
const parent = logging.getLogger("par"); parent.addHandler(h);
parent.addFilter((r) => false);
parent.setLevel(logging.CRITICAL);
logging.getLogger("par.kid").setLevel(logging.DEBUG);
logging.getLogger("par.kid").warning("passes the parent's filter and level");
parent.warning("blocked at origin");
const kid = logging.getLogger("par.kid");
kid.addFilter((r) => r.getMessage().includes("keep"));
kid.warning("drop me"); kid.warning("keep me");
print(Boolean(parent.filter(logging.makeLogRecord({}))), Boolean(kid.filter(logging.makeLogRecord({ msg: "keep" }))));
`,
  },
  {
    name: "dispatch: an ancestor's disabled flag is not consulted",
    py: code`
p = logging.getLogger("dp")
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(name)s %(message)s"))
p.addHandler(h)
p.disabled = True
p.warning("parent disabled: dropped")
logging.getLogger("dp.c").warning("child still reaches the parent's handler")
`,
    js: code`
const p = logging.getLogger("dp");
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(name)s %(message)s"));
p.addHandler(h);
p.disabled = true;
p.warning("parent disabled: dropped");
logging.getLogger("dp.c").warning("child still reaches the parent's handler");
`,
  },
  {
    name: "dispatch: handler level and handler filters are per handler",
    py: code`
log = logging.getLogger("hl"); log.setLevel(logging.DEBUG)
a = logging.StreamHandler(sys.stdout); a.setFormatter(logging.Formatter("A %(levelname)s %(message)s"))
b = logging.StreamHandler(sys.stdout); b.setFormatter(logging.Formatter("B %(levelname)s %(message)s")); b.setLevel(logging.WARNING)
c = logging.StreamHandler(sys.stdout); c.setFormatter(logging.Formatter("C %(levelname)s %(message)s"))
c.addFilter(lambda r: r.levelno != logging.WARNING)
for x in (a, b, c): log.addHandler(x)
log.debug("d"); log.info("i"); log.warning("w"); log.error("e")
log.log(5, "five"); log.log(35, "thirty-five")
`,
    js: code`
const log = logging.getLogger("hl"); log.setLevel(logging.DEBUG);
const a = new logging.StreamHandler(process.stdout); a.setFormatter(new logging.Formatter("A %(levelname)s %(message)s"));
const b = new logging.StreamHandler(process.stdout); b.setFormatter(new logging.Formatter("B %(levelname)s %(message)s")); b.setLevel(logging.WARNING);
const c = new logging.StreamHandler(process.stdout); c.setFormatter(new logging.Formatter("C %(levelname)s %(message)s"));
c.addFilter((r) => r.levelno !== logging.WARNING);
for (const x of [a, b, c]) log.addHandler(x);
log.debug("d"); log.info("i"); log.warning("w"); log.error("e");
log.log(5, "five"); log.log(35, "thirty-five");
`,
  },
  {
    name: "dispatch: a DEBUG logger under a root handler at INFO",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setLevel(logging.INFO)
h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
logging.getLogger().addHandler(h)
log = logging.getLogger("dbg"); log.setLevel(logging.DEBUG)
log.debug("handler rejects"); log.info("handler accepts")
logging.getLogger("other").info("root level WARNING rejects at the logger")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setLevel(logging.INFO);
h.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
logging.getLogger().addHandler(h);
const log = logging.getLogger("dbg"); log.setLevel(logging.DEBUG);
log.debug("handler rejects"); log.info("handler accepts");
logging.getLogger("other").info("root level WARNING rejects at the logger");
`,
  },
  {
    name: "dispatch: module-level functions call basicConfig when root has no handlers",
    py: code`
print(len(logging.root.handlers))
logging.info("info: basicConfig runs, but root is at WARNING")
print(len(logging.root.handlers), type(logging.root.handlers[0]).__name__)
logging.warning("warn %s", "one")
logging.error("err")
logging.log(logging.CRITICAL, "crit %d", 3)
logging.getLogger("named").warning("named goes through root")
`,
    js: code`
print(logging.root.handlers.length);
logging.info("info: basicConfig runs, but root is at WARNING");
print(logging.root.handlers.length, logging.root.handlers[0].constructor.name);
logging.warning("warn %s", "one");
logging.error("err");
logging.log(logging.CRITICAL, "crit %d", 3);
logging.getLogger("named").warning("named goes through root");
`,
  },
  {
    name: "dispatch: module-level debug with root at DEBUG after basicConfig",
    py: code`
import warnings; warnings.simplefilter("ignore")  # Python's warn() deprecation notice
logging.basicConfig(level=logging.DEBUG, format="%(levelname)s|%(name)s|%(message)s")
logging.debug("d"); logging.info("i"); logging.critical("c"); logging.fatal("f"); logging.warn("w")
logging.getLogger().warn("w2")
`,
    js: code`

logging.basicConfig({ level: logging.DEBUG, format: "%(levelname)s|%(name)s|%(message)s" });
logging.debug("d"); logging.info("i"); logging.critical("c"); logging.fatal("f"); logging.warn("w");
logging.getLogger().warn("w2");
`,
  },
  {
    name: "dispatch: Logger.handle bypasses the level check but not filters",
    py: code`
log = logging.getLogger("hd")
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
log.addHandler(h)
log.handle(logging.makeLogRecord({"name": "custom", "levelno": 10, "levelname": "DEBUG", "msg": "debug via handle"}))
log.addFilter(lambda r: r.levelno > 10)
log.handle(logging.makeLogRecord({"name": "custom", "levelno": 10, "levelname": "DEBUG", "msg": "filtered"}))
log.handle(logging.makeLogRecord({"name": "custom", "levelno": 20, "levelname": "INFO", "msg": "info via handle"}))
log.disabled = True
log.handle(logging.makeLogRecord({"levelno": 50, "levelname": "CRITICAL", "msg": "disabled"}))
`,
    js: code`
const log = logging.getLogger("hd");
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(levelname)s %(name)s %(message)s"));
log.addHandler(h);
log.handle(logging.makeLogRecord({ name: "custom", levelno: 10, levelname: "DEBUG", msg: "debug via handle" }));
log.addFilter((r) => r.levelno > 10);
log.handle(logging.makeLogRecord({ name: "custom", levelno: 10, levelname: "DEBUG", msg: "filtered" }));
log.handle(logging.makeLogRecord({ name: "custom", levelno: 20, levelname: "INFO", msg: "info via handle" }));
log.disabled = true;
log.handle(logging.makeLogRecord({ levelno: 50, levelname: "CRITICAL", msg: "disabled" }));
`,
  },
  {
    name: "dispatch: raiseExceptions false silences handleError",
    py: code`
h = logging.StreamHandler(sys.stdout)
logging.getLogger("re").addHandler(h)
logging.raiseExceptions = False
logging.getLogger("re").warning("bad %d", "x")
logging.getLogger("re").warning("fine %d", 1)
`,
    js: code`
const h = new logging.StreamHandler(process.stdout);
logging.getLogger("re").addHandler(h);
logging.raiseExceptions = false;
logging.getLogger("re").warning("bad %d", "x");
logging.getLogger("re").warning("fine %d", 1);
`,
  },
  {
    name: "dispatch: the same handler on two loggers emits once per logger on the walk",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(name)s %(message)s"))
logging.getLogger("t").addHandler(h)
logging.getLogger("t.u").addHandler(h)
logging.getLogger("t.u").warning("twice")
logging.getLogger("t").warning("once")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(name)s %(message)s"));
logging.getLogger("t").addHandler(h);
logging.getLogger("t.u").addHandler(h);
logging.getLogger("t.u").warning("twice");
logging.getLogger("t").warning("once");
`,
  },
  {
    name: "dispatch: lastResort is a handler whose level can be lowered",
    py: code`
lr = logging.lastResort
print(lr.level, lr.formatter, lr.stream is sys.stderr)
logging.getLogger("u").info("not shown at WARNING")
lr.setLevel(logging.INFO)
logging.getLogger("u").setLevel(logging.INFO)
logging.getLogger("u").info("shown %s", "now")
logging.getLogger("u").debug("still filtered by the logger")
`,
    js: code`
const lr = logging.lastResort;
print(lr.level, lr.formatter, lr.stream === process.stderr);
logging.getLogger("u").info("not shown at WARNING");
lr.setLevel(logging.INFO);
logging.getLogger("u").setLevel(logging.INFO);
logging.getLogger("u").info("shown %s", "now");
logging.getLogger("u").debug("still filtered by the logger");
`,
  },
  {
    name: "dispatch: a formatting error in a record handled by lastResort goes to handleError",
    py: code`
logging.getLogger("lr").warning("bad %d", "x")
logging.getLogger("lr").warning("good %d", 1)
`,
    js: code`
logging.getLogger("lr").warning("bad %d", "x");
logging.getLogger("lr").warning("good %d", 1);
`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "dispatch: module-level exception() logs at ERROR with the traceback (body normalised)",
    py: code`
try:
    {}["missing"]
except KeyError:
    logging.exception("lookup failed for %s", "missing")
print(len(logging.getLogger().handlers))
`,
    js: code`
try {
  const e = new Error("'missing'"); e.name = "KeyError"; throw e;
} catch (e) {
  logging.exception("lookup failed for %s", "missing", e);
}
print(logging.getLogger().handlers.length);
`,
    normalize: normalizeTracebacks,
  },
];
