import { code, type Scenario } from "./common.js";

export const filters: Scenario[] = [
  {
    name: "filters: the name prefix rule",
    py: code`
def rec(n):
    return logging.makeLogRecord({"name": n})
for fname in ("", "a.b", "a", "root"):
    f = logging.Filter(fname)
    print(repr(fname), [bool(f.filter(rec(n))) for n in ("a", "a.b", "a.b.c", "a.bb", "a.b.", "ab", "b.a.b", "root")])
print(logging.Filter().name == "", logging.Filter("x.y").nlen)
`,
    js: code`
const rec = (n) => logging.makeLogRecord({ name: n });
for (const fname of ["", "a.b", "a", "root"]) {
  const f = new logging.Filter(fname);
  print(__repr(fname), "[" + ["a", "a.b", "a.b.c", "a.bb", "a.b.", "ab", "b.a.b", "root"].map((n) => __str(Boolean(f.filter(rec(n))))).join(", ") + "]");
}
print(new logging.Filter().name === "", new logging.Filter("x.y").nlen);
`,
  },
  {
    name: "filters: a Filter on a handler passes a subtree (CPython BasicFilterTest)",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(name)s -> %(levelname)s: %(message)s"))
logging.getLogger().addHandler(h)
f = logging.Filter("spam.eggs")
h.addFilter(f)
spam = logging.getLogger("spam"); spam_eggs = logging.getLogger("spam.eggs")
spam_eggs_fish = logging.getLogger("spam.eggs.fish"); spam_bakedbeans = logging.getLogger("spam.bakedbeans")
spam.warning("1"); spam_eggs.warning("2"); spam_eggs_fish.warning("3"); spam_bakedbeans.warning("4")
h.removeFilter(f)
spam.warning("5")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(name)s -> %(levelname)s: %(message)s"));
logging.getLogger().addHandler(h);
const f = new logging.Filter("spam.eggs");
h.addFilter(f);
const spam = logging.getLogger("spam"), spam_eggs = logging.getLogger("spam.eggs");
const spam_eggs_fish = logging.getLogger("spam.eggs.fish"), spam_bakedbeans = logging.getLogger("spam.bakedbeans");
spam.warning("1"); spam_eggs.warning("2"); spam_eggs_fish.warning("3"); spam_bakedbeans.warning("4");
h.removeFilter(f);
spam.warning("5");
`,
  },
  {
    name: "filters: callables and objects with a filter method, first falsy result rejects",
    py: code`
h = logging.StreamHandler(sys.stderr)
log = logging.getLogger("cf"); log.addHandler(h)
calls = []
def first(r):
    calls.append("first:" + r.msg)
    return "skip" not in r.msg
class Second:
    def filter(self, r):
        calls.append("second:" + r.msg)
        return r.msg != "veto"
h.addFilter(first); h.addFilter(Second())
for m in ("ok", "skip me", "veto", "ok again"):
    log.warning(m)
print(" ".join(calls))
h.addFilter(first)
print(len(h.filters))
`,
    js: code`
const h = new logging.StreamHandler(process.stderr);
const log = logging.getLogger("cf"); log.addHandler(h);
const calls = [];
function first(r) { calls.push("first:" + r.msg); return !r.msg.includes("skip"); }
class Second { filter(r) { calls.push("second:" + r.msg); return r.msg !== "veto"; } }
h.addFilter(first); h.addFilter(new Second());
for (const m of ["ok", "skip me", "veto", "ok again"]) log.warning(m);
print(calls.join(" "));
h.addFilter(first);
print(h.filters.length);
`,
  },
  {
    name: "filters: a filter may modify the record it passes",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(tag)s %(message)s"))
log = logging.getLogger("mod"); log.addHandler(h)
def tagger(r):
    r.tag = "[" + r.levelname.lower() + "]"
    r.msg = "<" + r.msg + ">"
    return True
log.addFilter(tagger)
log.warning("hello %s", "there")
log.error("second")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(tag)s %(message)s"));
const log = logging.getLogger("mod"); log.addHandler(h);
function tagger(r) {
  r.tag = "[" + r.levelname.toLowerCase() + "]";
  r.msg = "<" + r.msg + ">";
  return true;
}
log.addFilter(tagger);
log.warning("hello %s", "there");
log.error("second");
`,
  },
  {
    name: "filters: removeFilter of an absent filter and addFilter twice",
    py: code`
log = logging.getLogger("rf")
f = logging.Filter("x")
log.addFilter(f); log.addFilter(f)
print(len(log.filters))
log.removeFilter(f); print(len(log.filters))
log.removeFilter(f); print(len(log.filters))
print(bool(log.filter(logging.makeLogRecord({"name": "y"}))))
log.addFilter(f)
print(bool(log.filter(logging.makeLogRecord({"name": "y"}))), bool(log.filter(logging.makeLogRecord({"name": "x.z"}))))
`,
    js: code`
const log = logging.getLogger("rf");
const f = new logging.Filter("x");
log.addFilter(f); log.addFilter(f);
print(log.filters.length);
log.removeFilter(f); print(log.filters.length);
log.removeFilter(f); print(log.filters.length);
print(Boolean(log.filter(logging.makeLogRecord({ name: "y" }))));
log.addFilter(f);
print(Boolean(log.filter(logging.makeLogRecord({ name: "y" }))), Boolean(log.filter(logging.makeLogRecord({ name: "x.z" }))));
`,
  },
  {
    name: "filters: truthy and falsy non-boolean filter results",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(message)s"))
log = logging.getLogger("tf"); log.addHandler(h)
results = {"one": 1, "zero": 0, "text": "yes", "empty": "", "none": None}
h.addFilter(lambda r: results[r.msg])
for k in ("one", "zero", "text", "empty", "none"):
    log.warning(k)
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(message)s"));
const log = logging.getLogger("tf"); log.addHandler(h);
const results = { one: 1, zero: 0, text: "yes", empty: "", none: null };
h.addFilter((r) => results[r.msg]);
for (const k of ["one", "zero", "text", "empty", "none"]) log.warning(k);
`,
  },
];
