import { code, type Scenario } from "./common.js";

export const files: Scenario[] = [
  {
    name: "files: FileHandler appends by default and writes formatted lines",
    files: { "app.log": "existing\n" },
    py: code`
h = logging.FileHandler("app.log")
h.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
log = logging.getLogger("f"); log.addHandler(h)
log.warning("one"); log.error("two %d", 2)
print(h.baseFilename == os.path.abspath("app.log"), h.mode, h.terminator == "\n")
`,
    js: code`
import path from "node:path";
const h = new logging.FileHandler("app.log");
h.setFormatter(new logging.Formatter("%(levelname)s %(name)s %(message)s"));
const log = logging.getLogger("f"); log.addHandler(h);
log.warning("one"); log.error("two %d", 2);
print(h.baseFilename === path.resolve("app.log"), h.mode, h.terminator === "\n");
`,
  },
  {
    name: "files: mode w truncates, and a second handler on the same file appends",
    files: { "w.log": "old content\n" },
    py: code`
a = logging.FileHandler("w.log", mode="w")
log = logging.getLogger("w"); log.addHandler(a)
log.warning("first")
a.close(); log.removeHandler(a)
b = logging.FileHandler("w.log", "a")
log.addHandler(b)
log.warning("second")
`,
    js: code`
const a = new logging.FileHandler("w.log", { mode: "w" });
const log = logging.getLogger("w"); log.addHandler(a);
log.warning("first");
a.close(); log.removeHandler(a);
const b = new logging.FileHandler("w.log", "a");
log.addHandler(b);
log.warning("second");
`,
  },
  {
    name: "files: delay creates the file only on the first emit",
    py: code`
h = logging.FileHandler("lazy.log", delay=True)
print(os.path.exists("lazy.log"), h.stream)
log = logging.getLogger("lazy"); log.addHandler(h)
log.info("filtered by level: still no file")
print(os.path.exists("lazy.log"))
log.warning("now")
print(os.path.exists("lazy.log"))
h2 = logging.FileHandler("never.log", delay=True)
h2.close()
print(os.path.exists("never.log"))
`,
    js: code`
import fs from "node:fs";
const h = new logging.FileHandler("lazy.log", { delay: true });
print(fs.existsSync("lazy.log"), h.stream);
const log = logging.getLogger("lazy"); log.addHandler(h);
log.info("filtered by level: still no file");
print(fs.existsSync("lazy.log"));
log.warning("now");
await logging.flush();
print(fs.existsSync("lazy.log"));
const h2 = new logging.FileHandler("never.log", { delay: true });
h2.close();
print(fs.existsSync("never.log"));
`,
  },
  {
    name: "files: an emit after close reopens the file in append mode",
    py: code`
h = logging.FileHandler("re.log")
log = logging.getLogger("re"); log.addHandler(h)
log.warning("before close")
h.close()
log.warning("after close")
h.close()
`,
    js: code`
const h = new logging.FileHandler("re.log");
const log = logging.getLogger("re"); log.addHandler(h);
log.warning("before close");
h.close();
log.warning("after close");
h.close();
`,
  },
  {
    name: "files: mode w after close drops records instead of reopening",
    py: code`
h = logging.FileHandler("rw.log", "w")
log = logging.getLogger("rw"); log.addHandler(h)
log.warning("before close")
h.close()
log.warning("after close")
`,
    js: code`
const h = new logging.FileHandler("rw.log", "w");
const log = logging.getLogger("rw"); log.addHandler(h);
log.warning("before close");
h.close();
log.warning("after close");
`,
  },
  {
    name: "files: a FileHandler in a subdirectory and reading back after flush",
    files: { "logs/.keep": "" },
    py: code`
h = logging.FileHandler("logs/sub.log")
h.setFormatter(logging.Formatter("[%(message)s]"))
logging.getLogger("s").addHandler(h)
for i in range(3):
    logging.getLogger("s").warning("line %d", i)
h.flush()
with open("logs/sub.log") as f:
    print(repr(f.read()))
`,
    js: code`
import fs from "node:fs";
const h = new logging.FileHandler("logs/sub.log");
h.setFormatter(new logging.Formatter("[%(message)s]"));
logging.getLogger("s").addHandler(h);
for (let i = 0; i < 3; i++) logging.getLogger("s").warning("line %d", i);
await logging.flush();
print(__repr(fs.readFileSync("logs/sub.log", "utf8")));
`,
  },
  {
    name: "files: opening a file in a missing directory raises FileNotFoundError",
    py: code`
try:
    logging.FileHandler("missing/dir/x.log")
except OSError as e:
    print(type(e).__name__, e.errno)
h = logging.FileHandler("missing/y.log", delay=True)
print("delayed ok")
`,
    js: code`
try {
  new logging.FileHandler("missing/dir/x.log");
} catch (e) {
  print(e.name, e.errno === undefined ? e.code : Math.abs(e.errno));
}
const h = new logging.FileHandler("missing/y.log", { delay: true });
print("delayed ok");
`,
    normalize: (t) => t.replace(/\b2\b|ENOENT/g, "ENOENT"),
  },
  {
    name: "files: StreamHandler writes message + terminator and flushes a custom stream, synchronously",
    py: code`
class S:
    def __init__(self):
        self.calls = []
    def write(self, s):
        self.calls.append("write:" + s)
    def flush(self):
        self.calls.append("flush")
s = S()
h = logging.StreamHandler(s)
log = logging.getLogger("cs"); log.addHandler(h)
log.warning("a"); log.warning("b %s", "c")
h.terminator = "|"
log.warning("d")
h.terminator = ""
log.warning("e")
print(s.calls)
`,
    js: code`
class S {
  constructor() { this.calls = []; }
  write(s) { this.calls.push("write:" + s); }
  flush() { this.calls.push("flush"); }
}
const s = new S();
const h = new logging.StreamHandler(s);
const log = logging.getLogger("cs"); log.addHandler(h);
log.warning("a"); log.warning("b %s", "c");
h.terminator = "|";
log.warning("d");
h.terminator = "";
log.warning("e");
print(s.calls);
`,
  },
  {
    name: "files: setStream returns the old stream, or None when unchanged",
    py: code`
a = StringIO(); b = StringIO()
h = logging.StreamHandler(a)
log = logging.getLogger("ss"); log.addHandler(h)
log.warning("to a")
old = h.setStream(b)
print(old is a, h.setStream(b) is None, h.stream is b)
log.warning("to b")
print(repr(a.getvalue()), repr(b.getvalue()))
`,
    js: code`
const a = new StringIO(), b = new StringIO();
const h = new logging.StreamHandler(a);
const log = logging.getLogger("ss"); log.addHandler(h);
log.warning("to a");
await logging.flush();
const old = h.setStream(b);
const again = h.setStream(b);
print(old === a, again === null || again === undefined, h.stream === b);
log.warning("to b");
await logging.flush();
print(__repr(a.getvalue()), __repr(b.getvalue()));
`,
  },
  {
    name: "files: StreamHandler defaults to stderr",
    py: code`
h = logging.StreamHandler()
print(h.stream is sys.stderr, h.level, h.formatter, h.name)
logging.getLogger("de").addHandler(h)
logging.getLogger("de").warning("on stderr")
`,
    js: code`
const h = new logging.StreamHandler();
print(h.stream === process.stderr, h.level, h.formatter, h.name);
logging.getLogger("de").addHandler(h);
logging.getLogger("de").warning("on stderr");
`,
  },
  {
    name: "files: NullHandler swallows records and suppresses lastResort",
    py: code`
log = logging.getLogger("lib")
log.addHandler(logging.NullHandler())
log.warning("nothing printed")
log.error("nothing either")
print(len(log.handlers), type(log.handlers[0]).__name__)
`,
    js: code`
const log = logging.getLogger("lib");
log.addHandler(new logging.NullHandler());
log.warning("nothing printed");
log.error("nothing either");
print(log.handlers.length, log.handlers[0].constructor.name);
`,
  },
  {
    // Deliberate difference (API contract): an error raised by emit goes to
    // handleError and never reaches the logging call. Python lets it reach
    // the caller; the Python side catches it to print the same line.
    name: "files: Handler base emit is NotImplementedError; from a logging call it goes to handleError",
    py: code`
h = logging.Handler()
attempt(lambda: h.emit(logging.makeLogRecord({})))
print(h.level, h.name, h.formatter)
print(h.format(logging.makeLogRecord({"msg": "default formatter %s", "args": ("used",)})))
log = logging.getLogger("base"); log.addHandler(h)
attempt(lambda: log.warning("base Handler.handle calls emit unguarded"))
`,
    js: code`
const h = new logging.Handler();
attempt(() => h.emit(logging.makeLogRecord({})));
print(h.level, h.name, h.formatter);
print(h.format(logging.makeLogRecord({ msg: "default formatter %s", args: ["used"] })));
const log = logging.getLogger("base"); log.addHandler(h);
h.handleError = (_record, err) => perr(err);
log.warning("base Handler.handle calls emit unguarded");
`,
  },
  {
    name: "files: handler name, get_name and set_name",
    py: code`
h = logging.StreamHandler(sys.stderr)
print(h.name, h.get_name())
h.name = "console"
print(h.get_name(), h.name)
h.set_name("renamed")
print(h.name, h.get_name())
h.close()
print(h.name)
`,
    js: code`
const h = new logging.StreamHandler(process.stderr);
print(h.name, h.get_name());
h.name = "console";
print(h.get_name(), h.name);
h.set_name("renamed");
print(h.name, h.get_name());
h.close();
print(h.name);
`,
  },
  {
    name: "files: a custom Handler subclass with emit",
    py: code`
class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.items = []
    def emit(self, record):
        self.items.append(self.format(record))
h = ListHandler(); h.setFormatter(logging.Formatter("%(levelname)s:%(message)s"))
log = logging.getLogger("lh"); log.addHandler(h); log.setLevel(logging.DEBUG)
log.debug("d"); log.info("i %s", "x"); log.error("e")
print(h.items, h.level)
`,
    js: code`
class ListHandler extends logging.Handler {
  constructor() { super(logging.INFO); this.items = []; }
  emit(record) { this.items.push(this.format(record)); }
}
const h = new ListHandler(); h.setFormatter(new logging.Formatter("%(levelname)s:%(message)s"));
const log = logging.getLogger("lh"); log.addHandler(h); log.setLevel(logging.DEBUG);
log.debug("d"); log.info("i %s", "x"); log.error("e");
print(h.items, h.level);
`,
  },
  {
    name: "files: shutdown flushes and closes handlers, in reverse creation order",
    py: code`
order = []
class H(logging.StreamHandler):
    def flush(self):
        order.append("flush " + self.name)
        super().flush()
    def close(self):
        order.append("close " + self.name)
        super().close()
a = H(sys.stderr); a.name = "a"
b = H(sys.stderr); b.name = "b"
logging.getLogger().addHandler(a); logging.getLogger().addHandler(b)
logging.shutdown()
print(order)
`,
    js: code`
const order = [];
class H extends logging.StreamHandler {
  flush() { order.push("flush " + this.name); return super.flush(); }
  close() { order.push("close " + this.name); return super.close(); }
}
const a = new H(process.stderr); a.name = "a";
const b = new H(process.stderr); b.name = "b";
logging.getLogger().addHandler(a); logging.getLogger().addHandler(b);
await logging.shutdown();
print(order);
`,
  },
  {
    name: "files: getLoggerClass and setLoggerClass with a custom method",
    py: code`
class AppLogger(logging.Logger):
    def audit(self, msg, *args):
        self.log(25, "AUDIT " + msg, *args)
print(logging.getLoggerClass() is logging.Logger)
logging.setLoggerClass(AppLogger)
log = logging.getLogger("app.audit")
print(type(log).__name__, isinstance(log, logging.Logger), type(logging.getLogger("app")).__name__)
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log.addHandler(h)
log.audit("user %s", "ann")
logging.setLoggerClass(logging.Logger)
print(type(logging.getLogger("plain")).__name__, type(logging.getLogger("app.audit")).__name__)
class NotALogger:
    pass
attempt(lambda: logging.setLoggerClass(NotALogger))
`,
    js: code`
class AppLogger extends logging.Logger {
  audit(msg, ...args) { this.log(25, "AUDIT " + msg, ...args); }
}
print(logging.getLoggerClass() === logging.Logger);
logging.setLoggerClass(AppLogger);
const log = logging.getLogger("app.audit");
print(log.constructor.name, log instanceof logging.Logger, logging.getLogger("app").constructor.name);
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
log.addHandler(h);
log.audit("user %s", "ann");
logging.setLoggerClass(logging.Logger);
print(logging.getLogger("plain").constructor.name, logging.getLogger("app.audit").constructor.name);
class NotALogger {}
attempt(() => logging.setLoggerClass(NotALogger));
`,
  },
  {
    name: "files: MemoryHandler flushes when full, at flushLevel and on close",
    py: code`
target = logging.StreamHandler(sys.stdout); target.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
m = logging.handlers.MemoryHandler(3, target=target)
log = logging.getLogger("mem"); log.addHandler(m); log.setLevel(logging.DEBUG)
log.info("1"); log.info("2")
sys.stderr.write("buffered %d\n" % len(m.buffer))
log.info("3")
sys.stderr.write("after full %d\n" % len(m.buffer))
log.debug("4"); log.error("5")
sys.stderr.write("after error %d\n" % len(m.buffer))
log.info("6")
m.close()
sys.stderr.write("after close %d %s\n" % (len(m.buffer), m.target))
`,
    js: code`
const target = new logging.StreamHandler(process.stdout); target.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
const m = new logging.handlers.MemoryHandler(3, { target });
const log = logging.getLogger("mem"); log.addHandler(m); log.setLevel(logging.DEBUG);
const say = (s) => process.stderr.write(s + "\n");
log.info("1"); log.info("2");
say("buffered " + m.buffer.length);
log.info("3");
say("after full " + m.buffer.length);
log.debug("4"); log.error("5");
say("after error " + m.buffer.length);
log.info("6");
await m.close();
say("after close " + m.buffer.length + " " + __str(m.target));
`,
  },
  {
    name: "files: MemoryHandler without a target keeps its buffer",
    py: code`
m = logging.handlers.MemoryHandler(2, flushLevel=logging.CRITICAL)
log = logging.getLogger("nt"); log.addHandler(m)
for i in range(5):
    log.warning("w%d", i)
print(len(m.buffer), [r.getMessage() for r in m.buffer])
t = logging.StreamHandler(sys.stderr)
m.setTarget(t)
log.critical("flush now")
print(len(m.buffer))
`,
    js: code`
const m = new logging.handlers.MemoryHandler(2, { flushLevel: logging.CRITICAL });
const log = logging.getLogger("nt"); log.addHandler(m);
for (let i = 0; i < 5; i++) log.warning("w%d", i);
print(m.buffer.length, m.buffer.map((r) => r.getMessage()));
const t = new logging.StreamHandler(process.stderr);
m.setTarget(t);
log.critical("flush now");
print(m.buffer.length);
`,
  },
  {
    name: "files: WatchedFileHandler reopens after the file was moved away",
    py: code`
h = logging.handlers.WatchedFileHandler("w.log")
log = logging.getLogger("wf"); log.addHandler(h)
log.warning("before move")
os.rename("w.log", "w.log.1")
log.warning("after move")
log.warning("again")
`,
    js: code`
import fs from "node:fs";
const h = new logging.handlers.WatchedFileHandler("w.log");
const log = logging.getLogger("wf"); log.addHandler(h);
log.warning("before move");
await logging.flush();
fs.renameSync("w.log", "w.log.1");
log.warning("after move");
log.warning("again");
`,
  },
  {
    name: "files: QueueHandler.prepare puts a formatted copy on the queue",
    py: code`
class Q:
    def __init__(self):
        self.items = []
    def put_nowait(self, item):
        self.items.append(item)
q = Q()
h = logging.handlers.QueueHandler(q)
h.setFormatter(logging.Formatter("%(levelname)s|%(message)s"))
log = logging.getLogger("qh"); log.addHandler(h)
log.warning("hello %s", "queue")
r = q.items[0]
print(r.msg, r.message, r.args, r.exc_info, r.exc_text, r.levelname, r.name)
`,
    js: code`
class Q {
  constructor() { this.items = []; }
  put_nowait(item) { this.items.push(item); }
}
const q = new Q();
const h = new logging.handlers.QueueHandler(q);
h.setFormatter(new logging.Formatter("%(levelname)s|%(message)s"));
const log = logging.getLogger("qh"); log.addHandler(h);
log.warning("hello %s", "queue");
await logging.flush();
const r = q.items[0];
print(r.msg, r.message, r.args, r.exc_info, r.exc_text, r.levelname, r.name);
`,
  },
  {
    name: "files: non-ASCII and astral characters are written as UTF-8",
    py: code`
h = logging.FileHandler("u.log", encoding="utf-8")
h.setFormatter(logging.Formatter("%(message)s|%(name)s"))
log = logging.getLogger("ünï"); log.addHandler(h)
log.warning("caf\u00e9 \u2603 \U0001F600 %s", "\u00fc")
log.warning("tab\there, cr\r, nul\x00!")
`,
    js: code`
const h = new logging.FileHandler("u.log", { encoding: "utf-8" });
h.setFormatter(new logging.Formatter("%(message)s|%(name)s"));
const log = logging.getLogger("ünï"); log.addHandler(h);
log.warning("caf\u00e9 \u2603 \u{1F600} %s", "\u00fc");
log.warning("tab\there, cr\r, nul\x00!");
`,
  },
  {
    name: "files: setFormatter(None) falls back to the default %(message)s formatter",
    py: code`
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("X %(message)s"))
log = logging.getLogger("sf"); log.addHandler(h)
log.warning("formatted")
h.setFormatter(None)
log.warning("plain %s", "again")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout);
h.setFormatter(new logging.Formatter("X %(message)s"));
const log = logging.getLogger("sf"); log.addHandler(h);
log.warning("formatted");
h.setFormatter(null);
log.warning("plain %s", "again");
`,
  },
];
