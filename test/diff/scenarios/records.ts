import { code, normalizeTracebacks, type Scenario } from "./common.js";

export const records: Scenario[] = [
  {
    name: "records: makeLogRecord attributes and getMessage",
    py: code`
r = logging.makeLogRecord({"name": "n.m", "msg": "a=%s b=%d", "args": ("x", 5), "levelno": 40, "levelname": "ERROR", "created": 1700000000.5, "msecs": 500.0})
print(r.name, r.msg, r.levelno, r.levelname, r.getMessage(), r.created, f"{r.msecs:.1f}")
print(r.exc_info, r.exc_text, r.stack_info)
d = logging.makeLogRecord({})
print(d.name, repr(d.msg), d.args == (), d.getMessage() == "")
`,
    js: code`
const r = logging.makeLogRecord({ name: "n.m", msg: "a=%s b=%d", args: ["x", 5], levelno: 40, levelname: "ERROR", created: 1700000000.5, msecs: 500.0 });
print(r.name, r.msg, r.levelno, r.levelname, r.getMessage(), r.created, r.msecs.toFixed(1));
print(r.exc_info, r.exc_text, r.stack_info);
const d = logging.makeLogRecord({});
print(d.name, __repr(d.msg), Array.isArray(d.args) && d.args.length === 0, d.getMessage() === "");
`,
  },
  {
    name: "records: makeLogRecord does not apply the single-mapping rule",
    py: code`
r = logging.makeLogRecord({"msg": "user=%(u)s", "args": {"u": "ann"}})
print(r.getMessage())
r2 = logging.makeLogRecord({"msg": "plain %s", "args": ("x",)})
print(r2.getMessage())
`,
    js: code`
const r = logging.makeLogRecord({ msg: "user=%(u)s", args: { u: "ann" } });
print(r.getMessage());
const r2 = logging.makeLogRecord({ msg: "plain %s", args: ["x"] });
print(r2.getMessage());
`,
  },
  {
    name: "records: levelname of custom and unnamed levels",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(levelno)s %(levelname)s %(message)s"))
log = logging.getLogger("lvl"); log.addHandler(h); log.setLevel(1)
log.log(15, "unnamed")
logging.addLevelName(15, "VERBOSE")
log.log(15, "named now")
log.log(25, "another")
logging.addLevelName(logging.INFO, "INFORMATION")
log.info("renamed info")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(levelno)s %(levelname)s %(message)s"));
const log = logging.getLogger("lvl"); log.addHandler(h); log.setLevel(1);
log.log(15, "unnamed");
logging.addLevelName(15, "VERBOSE");
log.log(15, "named now");
log.log(25, "another");
logging.addLevelName(logging.INFO, "INFORMATION");
log.info("renamed info");
`,
  },
  {
    name: "records: extra fields appear on the record and in the format",
    py: code`
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(user)s|%(ms)d|%(message)s"))
log = logging.getLogger("ex"); log.addHandler(h)
log.warning("login %s", "ok", extra={"user": "ann", "ms": 812})
log.warning("mapping %(k)s", {"k": "v"}, extra={"user": "bob", "ms": 1})
class F(logging.Filter):
    def filter(self, r):
        print("filter sees", r.user, r.ms)
        return True
log.addFilter(F())
log.error("again", extra={"user": "cy", "ms": 2})
`,
    js: code`
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(user)s|%(ms)d|%(message)s"));
const log = logging.getLogger("ex"); log.addHandler(h);
log.warning("login %s", "ok", { extra: { user: "ann", ms: 812 } });
log.warning("mapping %(k)s", { k: "v" }, { extra: { user: "bob", ms: 1 } });
class F extends logging.Filter {
  filter(r) { print("filter sees", r.user, r.ms); return true; }
}
log.addFilter(new F());
log.error("again", { extra: { user: "cy", ms: 2 } });
`,
  },
  {
    name: "records: extra that overwrites a record attribute is a KeyError for the caller",
    py: code`
log = logging.getLogger("kx"); log.addHandler(logging.NullHandler())
for key in ("name", "message", "asctime", "levelno", "msg", "args"):
    attempt(lambda: log.warning("x", extra={key: 1}))
attempt(lambda: log.warning("x", extra={"fine": 1}))
`,
    js: code`
const log = logging.getLogger("kx"); log.addHandler(new logging.NullHandler());
for (const key of ["name", "message", "asctime", "levelno", "msg", "args"]) {
  attempt(() => log.warning("x", { extra: { [key]: 1 } }));
}
attempt(() => log.warning("x", { extra: { fine: 1 } }));
`,
  },
  {
    name: "records: a record factory adds attributes to every record",
    py: code`
old = logging.getLogRecordFactory()
def factory(*args, **kwargs):
    r = old(*args, **kwargs)
    r.custom_attr = "CUSTOM"
    return r
logging.setLogRecordFactory(factory)
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(custom_attr)s %(name)s %(message)s"))
logging.getLogger("f").addHandler(h)
logging.getLogger("f").warning("hello %s", "world")
print(logging.getLogRecordFactory() is factory, logging.makeLogRecord({}).custom_attr)
logging.setLogRecordFactory(old)
print(hasattr(logging.makeLogRecord({}), "custom_attr"), logging.getLogRecordFactory() is old)
`,
    js: code`
const old = logging.getLogRecordFactory();
function factory(...args) {
  const r = old(...args);
  r.custom_attr = "CUSTOM";
  return r;
}
logging.setLogRecordFactory(factory);
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(custom_attr)s %(name)s %(message)s"));
logging.getLogger("f").addHandler(h);
logging.getLogger("f").warning("hello %s", "world");
print(logging.getLogRecordFactory() === factory, logging.makeLogRecord({}).custom_attr);
logging.setLogRecordFactory(old);
print("custom_attr" in logging.makeLogRecord({}), logging.getLogRecordFactory() === old);
`,
  },
  {
    name: "records: msecs and created in % and { formats",
    py: code`
f1 = logging.Formatter("%(created)f|%(created).3f|%(msecs)d|%(msecs)03d|%(msecs)06.2f")
f2 = logging.Formatter("{created:.1f}|{msecs:03.0f}|{msecs:>5.1f}", style="{")
for c, ms in ((1700000000.005, 5.0), (1700000000.999, 999.0), (1700000000.0, 0.0)):
    r = logging.makeLogRecord({"msg": "m", "created": c, "msecs": ms})
    print(f1.format(r)); print(f2.format(r))
`,
    js: code`
const f1 = new logging.Formatter("%(created)f|%(created).3f|%(msecs)d|%(msecs)03d|%(msecs)06.2f");
const f2 = new logging.Formatter("{created:.1f}|{msecs:03.0f}|{msecs:>5.1f}", undefined, "{");
for (const [c, ms] of [[1700000000.005, 5.0], [1700000000.999, 999.0], [1700000000.0, 0.0]]) {
  const r = logging.makeLogRecord({ msg: "m", created: c, msecs: ms });
  print(f1.format(r)); print(f2.format(r));
}
`,
  },
  {
    name: "records: threadName, processName and the basename rules",
    py: code`
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("%(threadName)s %(processName)s %(filename)s %(module)s %(funcName)s %(lineno)d"))
log = logging.getLogger("caller"); log.addHandler(h)
def work():
    log.warning("x")
work()
class Job:
    def run(self):
        log.warning("y")
Job().run()
`,
    js: code`
const h = new logging.StreamHandler(process.stdout);
h.setFormatter(new logging.Formatter("%(threadName)s %(processName)s %(filename)s %(module)s %(funcName)s %(lineno)d"));
const log = logging.getLogger("caller"); log.addHandler(h);
function work() {
  log.warning("x"); }
work();
class Job {
  run() {
    log.warning("y"); } }
new Job().run();
`,
    // filename is scenario.py vs scenario.mjs: the one legitimate difference.
    normalize: (t) => t.replace(/scenario\.(py|mjs)/g, "scenario.<ext>"),
  },
  {
    name: "records: stack_info follows the message with its header",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("[%(message)s]"))
log = logging.getLogger("st"); log.addHandler(h)
log.warning("with stack", stack_info=True)
log.warning("without")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("[%(message)s]"));
const log = logging.getLogger("st"); log.addHandler(h);
log.warning("with stack", { stack_info: true });
log.warning("without");
`,
    normalize: normalizeTracebacks,
  },
  {
    name: "records: the dict-argument rule on logger calls",
    py: code`
h = logging.StreamHandler(sys.stderr)
log = logging.getLogger("dr"); log.addHandler(h)
log.warning("a %(x)s", {"x": 1})
log.warning("%(x)s-%(y)s", {"x": "p", "y": "q"})
log.warning("b %s", {})
r = log.makeRecord("dr", logging.WARNING, "f.py", 1, "%(k)s", ({"k": "v"},), None)
print(type(r.args).__name__, r.getMessage())
`,
    js: code`
const h = new logging.StreamHandler(process.stderr);
const log = logging.getLogger("dr"); log.addHandler(h);
log.warning("a %(x)s", { x: 1 });
log.warning("%(x)s-%(y)s", { x: "p", y: "q" });
log.warning("b %s", {});
const r = log.makeRecord("dr", logging.WARNING, "f.py", 1, "%(k)s", [{ k: "v" }], null);
print(Array.isArray(r.args) ? "tuple" : "dict", r.getMessage());
`,
  },
  {
    name: "records: exc_text is cached, the first formatter wins for every handler",
    py: code`
class Custom(logging.Formatter):
    def formatException(self, ei):
        return "CUSTOM-EXC"
a = logging.StreamHandler(sys.stdout); a.setFormatter(Custom("A %(message)s"))
b = logging.StreamHandler(sys.stdout); b.setFormatter(logging.Formatter("B %(message)s"))
log = logging.getLogger("cache"); log.addHandler(a); log.addHandler(b)
try:
    raise ValueError("boom")
except ValueError:
    log.exception("failed")
`,
    js: code`
class Custom extends logging.Formatter {
  formatException(ei) { return "CUSTOM-EXC"; }
}
const a = new logging.StreamHandler(process.stdout); a.setFormatter(new Custom("A %(message)s"));
const b = new logging.StreamHandler(process.stdout); b.setFormatter(new logging.Formatter("B %(message)s"));
const log = logging.getLogger("cache"); log.addHandler(a); log.addHandler(b);
const err = new Error("boom"); err.name = "ValueError";
log.exception("failed", err);
`,
  },
  {
    name: "records: a record factory fixing created gives deterministic asctime through logger calls",
    py: code`
old = logging.getLogRecordFactory()
def factory(*args, **kwargs):
    r = old(*args, **kwargs)
    r.created = 1700000000.25
    r.msecs = 250.0
    return r
logging.setLogRecordFactory(factory)
logging.Formatter.converter = time.gmtime
logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s")
logging.warning("default asctime")
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("[%(asctime)s] {%(msecs)03d} %(message)s", datefmt="%Y%m%dT%H%M%S"))
logging.getLogger("t").addHandler(h)
logging.getLogger("t").error("custom datefmt")
`,
    js: code`
const old = logging.getLogRecordFactory();
function factory(...args) {
  const r = old(...args);
  r.created = 1700000000.25;
  r.msecs = 250.0;
  return r;
}
logging.setLogRecordFactory(factory);
logging.Formatter.converter = logging.gmtime;
logging.basicConfig({ format: "%(asctime)s %(levelname)s %(message)s" });
logging.warning("default asctime");
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("[%(asctime)s] {%(msecs)03d} %(message)s", "%Y%m%dT%H%M%S"));
logging.getLogger("t").addHandler(h);
logging.getLogger("t").error("custom datefmt");
`,
  },
];
