import { code, type Scenario } from "./common.js";

export const levels: Scenario[] = [
  {
    name: "levels: constants and aliases",
    py: code`
print(logging.NOTSET, logging.DEBUG, logging.INFO, logging.WARNING, logging.WARN, logging.ERROR, logging.CRITICAL, logging.FATAL)
`,
    js: code`
print(logging.NOTSET, logging.DEBUG, logging.INFO, logging.WARNING, logging.WARN, logging.ERROR, logging.CRITICAL, logging.FATAL);
`,
  },
  {
    name: "levels: getLevelName both ways and unknown levels",
    py: code`
for v in (0, 10, 20, 30, 40, 50, 15, 99):
    print(repr(logging.getLevelName(v)))
for v in ("NOTSET", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL", "NOPE", "info"):
    print(repr(logging.getLevelName(v)))
`,
    js: code`
for (const v of [0, 10, 20, 30, 40, 50, 15, 99]) print(__repr(logging.getLevelName(v)));
for (const v of ["NOTSET", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL", "NOPE", "info"]) print(__repr(logging.getLevelName(v)));
`,
  },
  {
    name: "levels: addLevelName updates both directions and setLevel by the new name",
    py: code`
logging.addLevelName(25, "NOTICE")
print(logging.getLevelName(25), logging.getLevelName("NOTICE"))
log = logging.getLogger("n"); log.setLevel("NOTICE"); print(log.level, log.getEffectiveLevel())
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(levelname)s:%(message)s")); log.addHandler(h)
log.info("below"); log.log(25, "notice"); log.log(logging.getLevelName("NOTICE"), "by name lookup")
logging.addLevelName(25, "NOTE")
print(logging.getLevelName(25), logging.getLevelName("NOTE"), logging.getLevelName("NOTICE"))
logging.addLevelName(logging.WARNING, "WARN2")
print(logging.getLevelName(30), logging.getLevelName("WARNING"), logging.getLevelName("WARN2"))
`,
    js: code`
logging.addLevelName(25, "NOTICE");
print(logging.getLevelName(25), logging.getLevelName("NOTICE"));
const log = logging.getLogger("n"); log.setLevel("NOTICE"); print(log.level, log.getEffectiveLevel());
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(levelname)s:%(message)s")); log.addHandler(h);
log.info("below"); log.log(25, "notice"); log.log(logging.getLevelName("NOTICE"), "by name lookup");
logging.addLevelName(25, "NOTE");
print(logging.getLevelName(25), logging.getLevelName("NOTE"), logging.getLevelName("NOTICE"));
logging.addLevelName(logging.WARNING, "WARN2");
print(logging.getLevelName(30), logging.getLevelName("WARNING"), logging.getLevelName("WARN2"));
`,
  },
  {
    name: "levels: getLevelNamesMapping returns a copy",
    py: code`
m = logging.getLevelNamesMapping()
print(sorted(m.items(), key=lambda kv: (kv[1], kv[0])))
m["MINE"] = 5
print("MINE" in logging.getLevelNamesMapping(), logging.getLevelName("MINE"))
logging.addLevelName(5, "TRACE")
print(logging.getLevelNamesMapping()["TRACE"], len(logging.getLevelNamesMapping()))
`,
    js: code`
const raw = logging.getLevelNamesMapping();
const entries = raw instanceof Map ? [...raw.entries()] : Object.entries(raw);
entries.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
print("[" + entries.map(([k, v]) => "(" + __repr(k) + ", " + v + ")").join(", ") + "]");
if (raw instanceof Map) raw.set("MINE", 5); else raw.MINE = 5;
const again = logging.getLevelNamesMapping();
print(again instanceof Map ? again.has("MINE") : "MINE" in again, logging.getLevelName("MINE"));
logging.addLevelName(5, "TRACE");
const m3 = logging.getLevelNamesMapping();
print(m3 instanceof Map ? m3.get("TRACE") : m3.TRACE, m3 instanceof Map ? m3.size : Object.keys(m3).length);
`,
  },
  {
    name: "levels: custom levels with filters (CPython CustomLevelsAndFiltersTest)",
    py: code`
names = {120: "Silent", 119: "Taciturn", 118: "Terse", 117: "Effusive", 116: "Sociable", 115: "Verbose", 114: "Talkative", 113: "Garrulous", 112: "Chatterbox", 111: "Boring"}
for lvl, nm in names.items():
    logging.addLevelName(lvl, nm)
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
root = logging.getLogger(); root.addHandler(h); root.setLevel(1)
class VerySpecificFilter(logging.Filter):
    def filter(self, record):
        return record.levelno not in [112, 114, 116, 118]
def log_at_all_levels(logger):
    for lvl in sorted(names):
        logger.log(lvl, str(lvl))
root.setLevel(115); log_at_all_levels(root)
root.setLevel(1); h.setLevel(117); log_at_all_levels(root)
h.setLevel(0); f = VerySpecificFilter(); h.addFilter(f); log_at_all_levels(root)
h.removeFilter(f); root.addFilter(f); log_at_all_levels(root)
`,
    js: code`
const names = { 120: "Silent", 119: "Taciturn", 118: "Terse", 117: "Effusive", 116: "Sociable", 115: "Verbose", 114: "Talkative", 113: "Garrulous", 112: "Chatterbox", 111: "Boring" };
for (const [lvl, nm] of Object.entries(names)) logging.addLevelName(Number(lvl), nm);
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
const root = logging.getLogger(); root.addHandler(h); root.setLevel(1);
class VerySpecificFilter extends logging.Filter {
  filter(record) { return ![112, 114, 116, 118].includes(record.levelno); }
}
function logAtAllLevels(logger) {
  for (const lvl of Object.keys(names).map(Number).sort((a, b) => a - b)) logger.log(lvl, String(lvl));
}
root.setLevel(115); logAtAllLevels(root);
root.setLevel(1); h.setLevel(117); logAtAllLevels(root);
h.setLevel(0); const f = new VerySpecificFilter(); h.addFilter(f); logAtAllLevels(root);
h.removeFilter(f); root.addFilter(f); logAtAllLevels(root);
`,
  },
  {
    name: "levels: disable() with a level name and with the default",
    py: code`
h = logging.StreamHandler(sys.stderr); h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log = logging.getLogger("dd"); log.addHandler(h); log.setLevel(logging.DEBUG)
logging.disable("WARNING")
log.warning("w hidden"); log.error("e shown")
logging.disable()
log.critical("c hidden")
logging.disable(logging.NOTSET)
log.debug("d shown")
attempt(lambda: logging.disable("NOPE"))
`,
    js: code`
const h = new logging.StreamHandler(process.stderr); h.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
const log = logging.getLogger("dd"); log.addHandler(h); log.setLevel(logging.DEBUG);
logging.disable("WARNING");
log.warning("w hidden"); log.error("e shown");
logging.disable();
log.critical("c hidden");
logging.disable(logging.NOTSET);
log.debug("d shown");
attempt(() => logging.disable("NOPE"));
`,
  },
];
