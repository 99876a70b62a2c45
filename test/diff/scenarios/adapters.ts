import { code, type Scenario } from "./common.js";

export const adapters: Scenario[] = [
  {
    name: "adapters: extra from the adapter reaches the record",
    py: code`
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(levelname)s %(ip)s %(user)s %(message)s"))
base = logging.getLogger("ad"); base.addHandler(h); base.setLevel(logging.DEBUG)
a = logging.LoggerAdapter(base, {"ip": "10.0.0.1", "user": "ann"})
a.debug("d %d", 1); a.info("i"); a.warning("w"); a.error("e"); a.critical("c"); a.log(logging.INFO, "log %s", "x")
print(a.isEnabledFor(logging.DEBUG), a.getEffectiveLevel(), a.hasHandlers(), a.name)
a.setLevel(logging.ERROR)
print(base.level)
a.warning("hidden")
`,
    js: code`
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(levelname)s %(ip)s %(user)s %(message)s"));
const base = logging.getLogger("ad"); base.addHandler(h); base.setLevel(logging.DEBUG);
const a = new logging.LoggerAdapter(base, { ip: "10.0.0.1", user: "ann" });
a.debug("d %d", 1); a.info("i"); a.warning("w"); a.error("e"); a.critical("c"); a.log(logging.INFO, "log %s", "x");
print(a.isEnabledFor(logging.DEBUG), a.getEffectiveLevel(), a.hasHandlers(), a.name);
a.setLevel(logging.ERROR);
print(base.level);
a.warning("hidden");
`,
  },
  {
    name: "adapters: the adapter's extra replaces the call's extra (3.11)",
    py: code`
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(message)s ip=%(ip)s"))
base = logging.getLogger("rep"); base.addHandler(h)
a = logging.LoggerAdapter(base, {"ip": "adapter"})
a.warning("call extra ignored", extra={"ip": "call", "other": 1})
print(a.process("m", {"extra": {"ip": "call"}}))
`,
    js: code`
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(message)s ip=%(ip)s"));
const base = logging.getLogger("rep"); base.addHandler(h);
const a = new logging.LoggerAdapter(base, { ip: "adapter" });
a.warning("call extra ignored", { extra: { ip: "call", other: 1 } });
const [msg, kw] = a.process("m", { extra: { ip: "call" } });
print("('" + msg + "', {'extra': {'ip': '" + kw.extra.ip + "'}})");
`,
  },
  {
    name: "adapters: overriding process to prefix messages",
    py: code`
class Prefix(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return "[%s] %s" % (self.extra["conn"], msg), kwargs
h = logging.StreamHandler(sys.stdout)
base = logging.getLogger("pp"); base.addHandler(h)
a = Prefix(base, {"conn": "c42"})
a.warning("opened %s", "db")
a.error("closed")
`,
    js: code`
class Prefix extends logging.LoggerAdapter {
  process(msg, kwargs) { return ["[" + this.extra.conn + "] " + msg, kwargs]; }
}
const h = new logging.StreamHandler(process.stdout);
const base = logging.getLogger("pp"); base.addHandler(h);
const a = new Prefix(base, { conn: "c42" });
a.warning("opened %s", "db");
a.error("closed");
`,
  },
  {
    name: "adapters: adapters nest and the innermost extra wins",
    py: code`
class Tag(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        msg, kwargs = super().process(msg, kwargs)
        return "<%s>%s" % (self.extra["t"], msg), kwargs
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(t)s %(message)s"))
base = logging.getLogger("nest"); base.addHandler(h)
inner = Tag(base, {"t": "inner"})
outer = Tag(inner, {"t": "outer"})
outer.warning("hi")
print(outer.manager is base.manager, outer.name)
`,
    js: code`
class Tag extends logging.LoggerAdapter {
  process(msg, kwargs) {
    [msg, kwargs] = super.process(msg, kwargs);
    return ["<" + this.extra.t + ">" + msg, kwargs];
  }
}
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(t)s %(message)s"));
const base = logging.getLogger("nest"); base.addHandler(h);
const inner = new Tag(base, { t: "inner" });
const outer = new Tag(inner, { t: "outer" });
outer.warning("hi");
print(outer.manager === base.manager, outer.name);
`,
  },
  {
    name: "adapters: exception and a mapping argument through an adapter",
    py: code`
class C(logging.Formatter):
    def formatException(self, ei):
        return "EXC"
h = logging.StreamHandler(sys.stdout); h.setFormatter(C("%(levelname)s %(message)s"))
base = logging.getLogger("ae"); base.addHandler(h)
a = logging.LoggerAdapter(base, None)
a.warning("%(k)s!", {"k": "v"})
try:
    raise KeyError("x")
except KeyError:
    a.exception("caught")
`,
    js: code`
class C extends logging.Formatter { formatException(ei) { return "EXC"; } }
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new C("%(levelname)s %(message)s"));
const base = logging.getLogger("ae"); base.addHandler(h);
const a = new logging.LoggerAdapter(base, null);
a.warning("%(k)s!", { k: "v" });
const err = new Error("x"); err.name = "KeyError";
a.exception("caught", err);
`,
  },
];
