import { code, type Scenario } from "./common.js";

export const hierarchy: Scenario[] = [
  {
    name: "hierarchy: root aliases are one logger named root",
    py: code`
r = logging.getLogger()
print(r is logging.getLogger(""), r is logging.getLogger(None), r is logging.getLogger("root"), r is logging.root)
print(r.name, r.level, r.parent is None, type(r).__name__)
print(logging.getLogger("a") is logging.getLogger("a"), logging.getLogger("a") is r)
`,
    js: code`
const r = logging.getLogger();
print(r === logging.getLogger(""), r === logging.getLogger(null), r === logging.getLogger("root"), r === logging.root);
print(r.name, r.level, r.parent === null || r.parent === undefined, r.constructor.name);
print(logging.getLogger("a") === logging.getLogger("a"), logging.getLogger("a") === r);
`,
  },
  {
    name: "hierarchy: a non-string name is a TypeError",
    py: code`
attempt(lambda: logging.getLogger(5))
attempt(lambda: logging.getLogger(["a"]))
`,
    js: code`
attempt(() => logging.getLogger(5));
attempt(() => logging.getLogger(["a"]));
`,
  },
  {
    name: "hierarchy: placeholder parent replaced when the real logger appears",
    py: code`
c = logging.getLogger("a.b.c")
print(c.parent.name)
a = logging.getLogger("a")
print(c.parent.name, a.parent.name)
b = logging.getLogger("a.b")
print(c.parent.name, b.parent.name, a.parent.name)
`,
    js: code`
const c = logging.getLogger("a.b.c");
print(c.parent.name);
const a = logging.getLogger("a");
print(c.parent.name, a.parent.name);
const b = logging.getLogger("a.b");
print(c.parent.name, b.parent.name, a.parent.name);
`,
  },
  {
    name: "hierarchy: re-parenting in the order child, parent, grandparent",
    py: code`
c = logging.getLogger("x.y.z")
b = logging.getLogger("x.y")
print(c.parent.name, b.parent.name)
a = logging.getLogger("x")
print(c.parent.name, b.parent.name, a.parent.name)
`,
    js: code`
const c = logging.getLogger("x.y.z");
const b = logging.getLogger("x.y");
print(c.parent.name, b.parent.name);
const a = logging.getLogger("x");
print(c.parent.name, b.parent.name, a.parent.name);
`,
  },
  {
    name: "hierarchy: several children of one placeholder, and name prefixes that are not ancestors",
    py: code`
l1 = logging.getLogger("p.q.r")
l2 = logging.getLogger("p.q.s.t")
l3 = logging.getLogger("p.qq.u")
q = logging.getLogger("p.q")
print(l1.parent.name, l2.parent.name, l3.parent.name, q.parent.name)
s = logging.getLogger("p.q.s")
print(l2.parent.name, s.parent.name)
p = logging.getLogger("p")
print(q.parent.name, l3.parent.name, s.parent.name, l1.parent.name)
`,
    js: code`
const l1 = logging.getLogger("p.q.r");
const l2 = logging.getLogger("p.q.s.t");
const l3 = logging.getLogger("p.qq.u");
const q = logging.getLogger("p.q");
print(l1.parent.name, l2.parent.name, l3.parent.name, q.parent.name);
const s = logging.getLogger("p.q.s");
print(l2.parent.name, s.parent.name);
const p = logging.getLogger("p");
print(q.parent.name, l3.parent.name, s.parent.name, l1.parent.name);
`,
  },
  {
    name: "hierarchy: getChild on a logger and on root",
    py: code`
a = logging.getLogger("app")
print(a.getChild("db").name, a.getChild("db") is logging.getLogger("app.db"))
print(a.getChild("x.y").name, a.getChild("x.y").parent.name)
r = logging.getLogger()
print(r.getChild("top").name, r.getChild("top") is logging.getLogger("top"), r.getChild("top").parent.name)
`,
    js: code`
const a = logging.getLogger("app");
print(a.getChild("db").name, a.getChild("db") === logging.getLogger("app.db"));
print(a.getChild("x.y").name, a.getChild("x.y").parent.name);
const r = logging.getLogger();
print(r.getChild("top").name, r.getChild("top") === logging.getLogger("top"), r.getChild("top").parent.name);
`,
  },
  {
    name: "hierarchy: getEffectiveLevel walks up to the first non-zero level",
    py: code`
a = logging.getLogger("a"); ab = logging.getLogger("a.b"); abc = logging.getLogger("a.b.c")
print(abc.level, abc.getEffectiveLevel(), logging.getLogger().getEffectiveLevel())
a.setLevel(logging.INFO)
print(abc.getEffectiveLevel(), ab.getEffectiveLevel())
ab.setLevel(logging.ERROR)
print(abc.getEffectiveLevel(), ab.getEffectiveLevel(), a.getEffectiveLevel())
ab.setLevel(logging.NOTSET); a.setLevel(0)
print(abc.getEffectiveLevel())
logging.getLogger().setLevel(0)
print(abc.getEffectiveLevel(), abc.isEnabledFor(1))
`,
    js: code`
const a = logging.getLogger("a"), ab = logging.getLogger("a.b"), abc = logging.getLogger("a.b.c");
print(abc.level, abc.getEffectiveLevel(), logging.getLogger().getEffectiveLevel());
a.setLevel(logging.INFO);
print(abc.getEffectiveLevel(), ab.getEffectiveLevel());
ab.setLevel(logging.ERROR);
print(abc.getEffectiveLevel(), ab.getEffectiveLevel(), a.getEffectiveLevel());
ab.setLevel(logging.NOTSET); a.setLevel(0);
print(abc.getEffectiveLevel());
logging.getLogger().setLevel(0);
print(abc.getEffectiveLevel(), abc.isEnabledFor(1));
`,
  },
  {
    name: "hierarchy: isEnabledFor cache is cleared by setLevel on an ancestor",
    py: code`
child = logging.getLogger("svc.worker")
print(child.isEnabledFor(logging.DEBUG), child.isEnabledFor(logging.WARNING))
logging.getLogger("svc").setLevel(logging.DEBUG)
print(child.isEnabledFor(logging.DEBUG))
logging.getLogger().setLevel(logging.CRITICAL)
print(child.isEnabledFor(logging.DEBUG))
logging.getLogger("svc").setLevel(logging.NOTSET)
print(child.isEnabledFor(logging.DEBUG), child.isEnabledFor(logging.ERROR), child.isEnabledFor(logging.CRITICAL))
`,
    js: code`
const child = logging.getLogger("svc.worker");
print(child.isEnabledFor(logging.DEBUG), child.isEnabledFor(logging.WARNING));
logging.getLogger("svc").setLevel(logging.DEBUG);
print(child.isEnabledFor(logging.DEBUG));
logging.getLogger().setLevel(logging.CRITICAL);
print(child.isEnabledFor(logging.DEBUG));
logging.getLogger("svc").setLevel(logging.NOTSET);
print(child.isEnabledFor(logging.DEBUG), child.isEnabledFor(logging.ERROR), child.isEnabledFor(logging.CRITICAL));
`,
  },
  {
    name: "hierarchy: disable() clears the cache and disable(0) re-enables",
    py: code`
log = logging.getLogger("d")
log.setLevel(logging.DEBUG)
h = logging.StreamHandler(sys.stderr); log.addHandler(h)
print(log.isEnabledFor(logging.INFO))
logging.disable(logging.INFO)
print(log.isEnabledFor(logging.INFO), log.isEnabledFor(logging.WARNING))
log.info("hidden info"); log.warning("shown warning")
logging.disable()
print(log.isEnabledFor(logging.CRITICAL), log.isEnabledFor(logging.CRITICAL + 1))
log.critical("hidden critical")
logging.disable(0)
print(log.isEnabledFor(logging.DEBUG))
log.debug("shown debug")
`,
    js: code`
const log = logging.getLogger("d");
log.setLevel(logging.DEBUG);
const h = new logging.StreamHandler(process.stderr); log.addHandler(h);
print(log.isEnabledFor(logging.INFO));
logging.disable(logging.INFO);
print(log.isEnabledFor(logging.INFO), log.isEnabledFor(logging.WARNING));
log.info("hidden info"); log.warning("shown warning");
logging.disable();
print(log.isEnabledFor(logging.CRITICAL), log.isEnabledFor(logging.CRITICAL + 1));
log.critical("hidden critical");
logging.disable(0);
print(log.isEnabledFor(logging.DEBUG));
log.debug("shown debug");
`,
  },
  {
    name: "hierarchy: setLevel accepts names and rejects unknown ones",
    py: code`
log = logging.getLogger("lv")
log.setLevel("DEBUG"); print(log.level)
log.setLevel("WARN"); print(log.level)
log.setLevel("FATAL"); print(log.level)
attempt(lambda: log.setLevel("FOO"))
attempt(lambda: log.setLevel("debug"))
attempt(lambda: log.setLevel(1.5))
print(log.level)
attempt(lambda: log.log("INFO", "x"))
attempt(lambda: logging.StreamHandler().setLevel("NOPE"))
`,
    js: code`
const log = logging.getLogger("lv");
log.setLevel("DEBUG"); print(log.level);
log.setLevel("WARN"); print(log.level);
log.setLevel("FATAL"); print(log.level);
attempt(() => log.setLevel("FOO"));
attempt(() => log.setLevel("debug"));
attempt(() => log.setLevel(1.5));
print(log.level);
attempt(() => log.log("INFO", "x"));
attempt(() => new logging.StreamHandler().setLevel("NOPE"));
`,
  },
  {
    name: "hierarchy: a disabled logger is silent and isEnabledFor is false",
    py: code`
log = logging.getLogger("dis")
log.addHandler(logging.StreamHandler(sys.stderr))
log.warning("one")
log.disabled = True
print(log.isEnabledFor(logging.CRITICAL))
log.critical("two")
log.disabled = False
print(log.isEnabledFor(logging.CRITICAL))
log.warning("three")
`,
    js: code`
const log = logging.getLogger("dis");
log.addHandler(new logging.StreamHandler(process.stderr));
log.warning("one");
log.disabled = true;
print(log.isEnabledFor(logging.CRITICAL));
log.critical("two");
log.disabled = false;
print(log.isEnabledFor(logging.CRITICAL));
log.warning("three");
`,
  },
  {
    name: "hierarchy: hasHandlers stops at propagate false",
    py: code`
logging.getLogger("h").addHandler(logging.NullHandler())
c = logging.getLogger("h.c.d")
print(c.hasHandlers(), logging.getLogger("other").hasHandlers())
logging.getLogger("h.c").propagate = False
print(c.hasHandlers(), logging.getLogger("h.c").hasHandlers())
logging.getLogger("h.c").propagate = True
print(c.hasHandlers())
print(c.propagate, c.disabled, c.handlers == [], c.filters == [])
`,
    js: code`
logging.getLogger("h").addHandler(new logging.NullHandler());
const c = logging.getLogger("h.c.d");
print(c.hasHandlers(), logging.getLogger("other").hasHandlers());
logging.getLogger("h.c").propagate = false;
print(c.hasHandlers(), logging.getLogger("h.c").hasHandlers());
logging.getLogger("h.c").propagate = true;
print(c.hasHandlers());
print(c.propagate, c.disabled, c.handlers.length === 0, c.filters.length === 0);
`,
  },
  {
    name: "hierarchy: nested explicit and inherited levels (CPython BuiltinLevelsTest)",
    py: code`
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("%(name)s -> %(levelname)s: %(message)s"))
logging.getLogger().addHandler(h)
ERR = logging.getLogger("ERR"); ERR.setLevel(logging.ERROR)
INF = logging.LoggerAdapter(logging.getLogger("INF"), {}); INF.logger.setLevel(logging.INFO)
DEB = logging.getLogger("DEB"); DEB.setLevel(logging.DEBUG)
INF_ERR = logging.getLogger("INF.ERR"); INF_ERR.setLevel(logging.ERROR)
INF_UNDEF = logging.getLogger("INF.UNDEF")
INF_ERR_UNDEF = logging.getLogger("INF.ERR.UNDEF")
UNDEF = logging.getLogger("UNDEF")
GRANDCHILD = logging.getLogger("INF.BADPARENT.UNDEF")
m = iter(range(1, 100))
for lg in (ERR, INF, DEB, INF_ERR, INF_UNDEF, INF_ERR_UNDEF, UNDEF, GRANDCHILD):
    lg.debug("%d", next(m)); lg.info("%d", next(m)); lg.warning("%d", next(m)); lg.error("%d", next(m)); lg.critical("%d", next(m))
`,
    js: code`
const h = new logging.StreamHandler(process.stdout);
h.setFormatter(new logging.Formatter("%(name)s -> %(levelname)s: %(message)s"));
logging.getLogger().addHandler(h);
const ERR = logging.getLogger("ERR"); ERR.setLevel(logging.ERROR);
const INF = new logging.LoggerAdapter(logging.getLogger("INF"), {}); INF.logger.setLevel(logging.INFO);
const DEB = logging.getLogger("DEB"); DEB.setLevel(logging.DEBUG);
const INF_ERR = logging.getLogger("INF.ERR"); INF_ERR.setLevel(logging.ERROR);
const INF_UNDEF = logging.getLogger("INF.UNDEF");
const INF_ERR_UNDEF = logging.getLogger("INF.ERR.UNDEF");
const UNDEF = logging.getLogger("UNDEF");
const GRANDCHILD = logging.getLogger("INF.BADPARENT.UNDEF");
let m = 1;
for (const lg of [ERR, INF, DEB, INF_ERR, INF_UNDEF, INF_ERR_UNDEF, UNDEF, GRANDCHILD]) {
  lg.debug("%d", m++); lg.info("%d", m++); lg.warning("%d", m++); lg.error("%d", m++); lg.critical("%d", m++);
}
`,
  },
  {
    name: "hierarchy: manager.loggerDict holds loggers and placeholders",
    py: code`
logging.getLogger("m1.m2.m3")
d = logging.root.manager.loggerDict
print(sorted(d.keys()))
print(type(d["m1"]).__name__, type(d["m1.m2.m3"]).__name__)
logging.getLogger("m1")
print(type(d["m1"]).__name__, type(d["m1.m2"]).__name__)
`,
    js: code`
logging.getLogger("m1.m2.m3");
const d = logging.root.manager.loggerDict;
const keys = d instanceof Map ? [...d.keys()] : Object.keys(d);
const get = (k) => d instanceof Map ? d.get(k) : d[k];
print(keys.sort());
print(get("m1").constructor.name, get("m1.m2.m3").constructor.name);
logging.getLogger("m1");
print(get("m1").constructor.name, get("m1.m2").constructor.name);
`,
  },
];
