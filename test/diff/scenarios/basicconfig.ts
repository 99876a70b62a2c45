import { code, type Scenario } from "./common.js";

export const basicconfig: Scenario[] = [
  {
    name: "basicConfig: defaults give a stderr StreamHandler with BASIC_FORMAT",
    py: code`
logging.basicConfig()
r = logging.getLogger()
h = r.handlers[0]
print(len(r.handlers), type(h).__name__, h.stream is sys.stderr, r.level)
logging.warning("w"); logging.getLogger("x.y").error("e %d", 1); logging.info("i")
`,
    js: code`
logging.basicConfig();
const r = logging.getLogger();
const h = r.handlers[0];
print(r.handlers.length, h.constructor.name, h.stream === process.stderr, r.level);
logging.warning("w"); logging.getLogger("x.y").error("e %d", 1); logging.info("i");
`,
  },
  {
    name: "basicConfig: format, datefmt, style and level",
    py: code`
logging.Formatter.converter = time.gmtime
logging.basicConfig(format="{levelname}/{name}: {message}", style="{", level=logging.DEBUG, datefmt="%H:%M")
logging.debug("dbg"); logging.getLogger("a").info("inf")
f = logging.getLogger().handlers[0].formatter
print(f.datefmt, f.formatTime(logging.makeLogRecord({"created": 1700000000.0, "msecs": 0.0}), f.datefmt), logging.getLogger().level)
`,
    js: code`
logging.Formatter.converter = logging.gmtime;
logging.basicConfig({ format: "{levelname}/{name}: {message}", style: "{", level: logging.DEBUG, datefmt: "%H:%M" });
logging.debug("dbg"); logging.getLogger("a").info("inf");
const f = logging.getLogger().handlers[0].formatter;
print(f.datefmt, f.formatTime(logging.makeLogRecord({ created: 1700000000.0, msecs: 0.0 }), f.datefmt), logging.getLogger().level);
`,
  },
  {
    name: "basicConfig: level given by name",
    py: code`
logging.basicConfig(level="INFO", format="%(levelname)s %(message)s")
logging.info("shown"); logging.debug("hidden")
print(logging.getLogger().level)
`,
    js: code`
logging.basicConfig({ level: "INFO", format: "%(levelname)s %(message)s" });
logging.info("shown"); logging.debug("hidden");
print(logging.getLogger().level);
`,
  },
  {
    name: "basicConfig: stream=stdout",
    py: code`
logging.basicConfig(stream=sys.stdout, format="%(name)s|%(message)s")
logging.warning("to stdout")
logging.getLogger("q").critical("also")
`,
    js: code`
logging.basicConfig({ stream: process.stdout, format: "%(name)s|%(message)s" });
logging.warning("to stdout");
logging.getLogger("q").critical("also");
`,
  },
  {
    name: "basicConfig: filename and filemode, with a pre-existing file",
    files: { "app.log": "old line\n", "w.log": "to be truncated\n" },
    py: code`
logging.basicConfig(filename="app.log", format="%(levelname)s:%(message)s")
logging.warning("appended")
h = logging.getLogger().handlers[0]
print(type(h).__name__, h.baseFilename == os.path.abspath("app.log"), h.mode)
logging.basicConfig(filename="w.log", filemode="w", force=True)
logging.error("fresh")
print(type(logging.getLogger().handlers[0]).__name__, logging.getLogger().handlers[0].mode)
`,
    js: code`
import path from "node:path";
logging.basicConfig({ filename: "app.log", format: "%(levelname)s:%(message)s" });
logging.warning("appended");
const h = logging.getLogger().handlers[0];
print(h.constructor.name, h.baseFilename === path.resolve("app.log"), h.mode);
logging.basicConfig({ filename: "w.log", filemode: "w", force: true });
logging.error("fresh");
print(logging.getLogger().handlers[0].constructor.name, logging.getLogger().handlers[0].mode);
`,
  },
  {
    name: "basicConfig: a no-op when root already has handlers, even with unknown keywords",
    py: code`
logging.getLogger().addHandler(logging.StreamHandler(sys.stderr))
logging.basicConfig(format="IGNORED %(message)s", level=logging.DEBUG, nonsense=1)
print(len(logging.getLogger().handlers), logging.getLogger().level)
logging.warning("plain")
`,
    js: code`
logging.getLogger().addHandler(new logging.StreamHandler(process.stderr));
logging.basicConfig({ format: "IGNORED %(message)s", level: logging.DEBUG, nonsense: 1 });
print(logging.getLogger().handlers.length, logging.getLogger().level);
logging.warning("plain");
`,
  },
  {
    name: "basicConfig: force closes and replaces root's handlers",
    py: code`
closed = []
class H(logging.StreamHandler):
    def close(self):
        closed.append(self.name)
        super().close()
h = H(sys.stderr); h.name = "first"
logging.getLogger().addHandler(h)
logging.basicConfig(force=True, stream=sys.stderr, format="forced:%(message)s")
print(closed, len(logging.getLogger().handlers), logging.getLogger().handlers[0] is h)
logging.warning("after force")
`,
    js: code`
const closed = [];
class H extends logging.StreamHandler {
  close() { closed.push(this.name); return super.close(); }
}
const h = new H(process.stderr); h.name = "first";
logging.getLogger().addHandler(h);
logging.basicConfig({ force: true, stream: process.stderr, format: "forced:%(message)s" });
print(closed, logging.getLogger().handlers.length, logging.getLogger().handlers[0] === h);
logging.warning("after force");
`,
  },
  {
    name: "basicConfig: incompatible arguments are ValueErrors",
    py: code`
attempt(lambda: logging.basicConfig(stream=sys.stdout, filename="x.log"))
attempt(lambda: logging.basicConfig(stream=sys.stdout, handlers=[logging.NullHandler()]))
attempt(lambda: logging.basicConfig(filename="x.log", handlers=[logging.NullHandler()]))
attempt(lambda: logging.basicConfig(style="#"))
print(len(logging.getLogger().handlers), os.path.exists("x.log"))
`,
    js: code`
import fs from "node:fs";
attempt(() => logging.basicConfig({ stream: process.stdout, filename: "x.log" }));
attempt(() => logging.basicConfig({ stream: process.stdout, handlers: [new logging.NullHandler()] }));
attempt(() => logging.basicConfig({ filename: "x.log", handlers: [new logging.NullHandler()] }));
attempt(() => logging.basicConfig({ style: "#" }));
print(logging.getLogger().handlers.length, fs.existsSync("x.log"));
`,
  },
  {
    name: "basicConfig: leftover keywords are reported after the handlers were attached",
    py: code`
attempt(lambda: logging.basicConfig(foo=1, bar=2, format="%(message)s"))
print(len(logging.getLogger().handlers))
logging.warning("configured anyway")
`,
    js: code`
attempt(() => logging.basicConfig({ foo: 1, bar: 2, format: "%(message)s" }));
print(logging.getLogger().handlers.length);
logging.warning("configured anyway");
`,
  },
  {
    name: "basicConfig: handlers get the shared formatter unless they have one",
    py: code`
a = logging.StreamHandler(sys.stderr)
b = logging.StreamHandler(sys.stderr); b.setFormatter(logging.Formatter("own:%(message)s"))
logging.basicConfig(handlers=[a, b], format="shared:%(message)s", level=logging.INFO)
logging.info("x")
print(a.formatter is logging.getLogger().handlers[0].formatter, len(logging.getLogger().handlers))
`,
    js: code`
const a = new logging.StreamHandler(process.stderr);
const b = new logging.StreamHandler(process.stderr); b.setFormatter(new logging.Formatter("own:%(message)s"));
logging.basicConfig({ handlers: [a, b], format: "shared:%(message)s", level: logging.INFO });
logging.info("x");
print(a.formatter === logging.getLogger().handlers[0].formatter, logging.getLogger().handlers.length);
`,
  },
  {
    name: "basicConfig: handlers=[] is allowed and leaves root without handlers",
    py: code`
logging.basicConfig(handlers=[], level=logging.INFO)
print(len(logging.getLogger().handlers), logging.getLogger().level)
logging.getLogger("z").warning("lastResort")
`,
    js: code`
logging.basicConfig({ handlers: [], level: logging.INFO });
print(logging.getLogger().handlers.length, logging.getLogger().level);
logging.getLogger("z").warning("lastResort");
`,
  },
  {
    name: "basicConfig: an invalid format is a ValueError before any handler is added",
    py: code`
attempt(lambda: logging.basicConfig(format="{asctime}"))
print(len(logging.getLogger().handlers))
attempt(lambda: logging.basicConfig(format="%(message)s", style="{"))
print(len(logging.getLogger().handlers))
attempt(lambda: logging.basicConfig(level="NOPE"))
print(len(logging.getLogger().handlers))
`,
    js: code`
attempt(() => logging.basicConfig({ format: "{asctime}" }));
print(logging.getLogger().handlers.length);
attempt(() => logging.basicConfig({ format: "%(message)s", style: "{" }));
print(logging.getLogger().handlers.length);
attempt(() => logging.basicConfig({ level: "NOPE" }));
print(logging.getLogger().handlers.length);
`,
  },
  {
    name: "basicConfig: encoding and errors apply to the file handler",
    py: code`
logging.basicConfig(filename="enc.log", encoding="latin-1", errors="replace", format="%(message)s")
logging.warning("caf\u00e9 \u20ac")
h = logging.getLogger().handlers[0]
print(h.encoding, h.errors)
`,
    js: code`
logging.basicConfig({ filename: "enc.log", encoding: "latin-1", errors: "replace", format: "%(message)s" });
logging.warning("caf\u00e9 \u20ac");
const h = logging.getLogger().handlers[0];
print(h.encoding, h.errors);
`,
  },
];
