import { code, type Scenario } from "./common.js";

export const rotation: Scenario[] = [
  {
    name: "rotation: rollover when size + len(line) >= maxBytes, exact sizes",
    py: code`
h = logging.handlers.RotatingFileHandler("r.log", maxBytes=20, backupCount=3)
log = logging.getLogger("rot"); log.addHandler(h)
for m in ("123456789", "abcdefghi", "X", "0123456789012345678", "012345678901234567890123", "y", "z"):
    log.warning(m)
    h.flush()
    print(m, os.path.getsize("r.log"), sorted(os.listdir(".")))
`,
    js: code`
import fs from "node:fs";
const h = new logging.handlers.RotatingFileHandler("r.log", { maxBytes: 20, backupCount: 3 });
const log = logging.getLogger("rot"); log.addHandler(h);
for (const m of ["123456789", "abcdefghi", "X", "0123456789012345678", "012345678901234567890123", "y", "z"]) {
  log.warning(m);
  await logging.flush();
  print(m, fs.statSync("r.log").size, fs.readdirSync(".").sort());
}
`,
  },
  {
    name: "rotation: backups shift .1 -> .2 and the oldest beyond backupCount is deleted",
    py: code`
h = logging.handlers.RotatingFileHandler("b.log", "a", 10, 2)
log = logging.getLogger("bk"); log.addHandler(h)
for i in range(7):
    log.warning("line-%d", i)
`,
    js: code`
const h = new logging.RotatingFileHandler("b.log", "a", 10, 2);
const log = logging.getLogger("bk"); log.addHandler(h);
for (let i = 0; i < 7; i++) log.warning("line-%d", i);
`,
  },
  {
    name: "rotation: backupCount 0 never renames, the file just keeps growing",
    py: code`
h = logging.handlers.RotatingFileHandler("zero.log", maxBytes=8)
log = logging.getLogger("z"); log.addHandler(h)
for i in range(4):
    log.warning("entry %d", i)
`,
    js: code`
const h = new logging.handlers.RotatingFileHandler("zero.log", { maxBytes: 8 });
const log = logging.getLogger("z"); log.addHandler(h);
for (let i = 0; i < 4; i++) log.warning("entry %d", i);
`,
  },
  {
    name: "rotation: maxBytes 0 never rolls over",
    py: code`
h = logging.handlers.RotatingFileHandler("big.log", backupCount=3)
log = logging.getLogger("nb"); log.addHandler(h)
for i in range(50):
    log.warning("a fairly long line number %03d to grow the file", i)
`,
    js: code`
const h = new logging.handlers.RotatingFileHandler("big.log", { backupCount: 3 });
const log = logging.getLogger("nb"); log.addHandler(h);
for (let i = 0; i < 50; i++) log.warning("a fairly long line number %03d to grow the file", i);
`,
  },
  {
    name: "rotation: maxBytes > 0 forces append mode over w",
    files: { "m.log": "kept\n" },
    py: code`
h = logging.handlers.RotatingFileHandler("m.log", mode="w", maxBytes=1000, backupCount=1)
print(h.mode, h.maxBytes, h.backupCount)
logging.getLogger("m").addHandler(h)
logging.getLogger("m").warning("appended")
h2 = logging.handlers.RotatingFileHandler("w0.log", mode="w", maxBytes=0)
print(h2.mode)
`,
    js: code`
const h = new logging.handlers.RotatingFileHandler("m.log", { mode: "w", maxBytes: 1000, backupCount: 1 });
print(h.mode, h.maxBytes, h.backupCount);
logging.getLogger("m").addHandler(h);
logging.getLogger("m").warning("appended");
const h2 = new logging.handlers.RotatingFileHandler("w0.log", { mode: "w", maxBytes: 0 });
print(h2.mode);
`,
  },
  {
    name: "rotation: an existing file counts toward the first rollover",
    files: { "pre.log": "0123456789\n" },
    py: code`
h = logging.handlers.RotatingFileHandler("pre.log", maxBytes=15, backupCount=1)
logging.getLogger("pre").addHandler(h)
logging.getLogger("pre").warning("abcd")
logging.getLogger("pre").warning("e")
`,
    js: code`
const h = new logging.handlers.RotatingFileHandler("pre.log", { maxBytes: 15, backupCount: 1 });
logging.getLogger("pre").addHandler(h);
logging.getLogger("pre").warning("abcd");
logging.getLogger("pre").warning("e");
`,
  },
  {
    name: "rotation: namer and rotator hooks (CPython test_rollover_filenames style)",
    py: code`
h = logging.handlers.RotatingFileHandler("n.log", maxBytes=12, backupCount=2)
h.namer = lambda name: name + ".bak"
def rotator(source, dest):
    with open(source) as s, open(dest, "w") as d:
        d.write("ROTATED:" + s.read())
    os.remove(source)
h.rotator = rotator
log = logging.getLogger("nm"); log.addHandler(h)
for i in range(5):
    log.warning("msg %d", i)
print(h.rotation_filename("x"))
`,
    js: code`
import fs from "node:fs";
const h = new logging.handlers.RotatingFileHandler("n.log", { maxBytes: 12, backupCount: 2 });
h.namer = (name) => name + ".bak";
h.rotator = (source, dest) => {
  fs.writeFileSync(dest, "ROTATED:" + fs.readFileSync(source, "utf8"));
  fs.unlinkSync(source);
};
const log = logging.getLogger("nm"); log.addHandler(h);
for (let i = 0; i < 5; i++) log.warning("msg %d", i);
print(h.rotation_filename("x"));
`,
  },
  {
    name: "rotation: shouldRollover and doRollover called directly",
    py: code`
h = logging.handlers.RotatingFileHandler("d.log", maxBytes=10, backupCount=5)
r = logging.makeLogRecord({"msg": "123456789"})
print(bool(h.shouldRollover(r)))
h.emit(r)
print(bool(h.shouldRollover(logging.makeLogRecord({"msg": ""}))), bool(h.shouldRollover(r)))
h.doRollover()
h.doRollover()
h.emit(logging.makeLogRecord({"msg": "after"}))
h.close()
print(sorted(os.listdir(".")))
`,
    js: code`
import fs from "node:fs";
const h = new logging.handlers.RotatingFileHandler("d.log", { maxBytes: 10, backupCount: 5 });
const r = logging.makeLogRecord({ msg: "123456789" });
print(Boolean(h.shouldRollover(r)));
h.emit(r);
await logging.flush();
print(Boolean(h.shouldRollover(logging.makeLogRecord({ msg: "" }))), Boolean(h.shouldRollover(r)));
await h.doRollover();
await h.doRollover();
h.emit(logging.makeLogRecord({ msg: "after" }));
await h.close();
await logging.flush();
print(fs.readdirSync(".").sort());
`,
  },
  {
    name: "rotation: the size test adds the file position in bytes to the record length in characters",
    py: code`
h = logging.handlers.RotatingFileHandler("ml.log", maxBytes=25, backupCount=3)
h.setFormatter(logging.Formatter("%(levelname)s:%(message)s"))
log = logging.getLogger("ml"); log.addHandler(h)
log.error("x")
log.error("caf\u00e9 \u00e9\u00e9\u00e9")
log.error("y")
log.warning("line one\nline two")
`,
    js: code`
const h = new logging.handlers.RotatingFileHandler("ml.log", { maxBytes: 25, backupCount: 3 });
h.setFormatter(new logging.Formatter("%(levelname)s:%(message)s"));
const log = logging.getLogger("ml"); log.addHandler(h);
log.error("x");
log.error("caf\u00e9 \u00e9\u00e9\u00e9");
log.error("y");
log.warning("line one\nline two");
`,
  },
  {
    name: "rotation: TimedRotatingFileHandler argument errors and suffixes",
    py: code`
for when in ("S", "m", "H", "d", "midnight", "W0", "w6", "X", "W", "W7", "S1"):
    try:
        h = logging.handlers.TimedRotatingFileHandler("t.log", when=when, utc=True, delay=True)
        print(when, h.when, h.suffix, h.interval)
    except ValueError as e:
        perr(e)
h = logging.handlers.TimedRotatingFileHandler("t.log", when="M", interval=5, utc=True, delay=True)
print(h.interval)
`,
    js: code`
for (const when of ["S", "m", "H", "d", "midnight", "W0", "w6", "X", "W", "W7", "S1"]) {
  try {
    const h = new logging.handlers.TimedRotatingFileHandler("t.log", { when, utc: true, delay: true });
    print(when, h.when, h.suffix, h.interval);
  } catch (e) {
    perr(e);
  }
}
const h = new logging.handlers.TimedRotatingFileHandler("t.log", { when: "M", interval: 5, utc: true, delay: true });
print(h.interval);
`,
  },
  {
    name: "rotation: TimedRotatingFileHandler computeRollover with utc (CPython test_compute_rollover)",
    py: code`
for when in ("S", "M", "H", "D", "MIDNIGHT", "W0", "W3", "W6"):
    h = logging.handlers.TimedRotatingFileHandler("t.log", when=when, utc=True, delay=True)
    print(when, h.computeRollover(0), h.computeRollover(1700000000), h.computeRollover(1699920000))
h = logging.handlers.TimedRotatingFileHandler("t.log", when="H", interval=3, utc=True, delay=True)
print(h.computeRollover(0), h.computeRollover(100))
`,
    js: code`
for (const when of ["S", "M", "H", "D", "MIDNIGHT", "W0", "W3", "W6"]) {
  const h = new logging.handlers.TimedRotatingFileHandler("t.log", { when, utc: true, delay: true });
  print(when, h.computeRollover(0), h.computeRollover(1700000000), h.computeRollover(1699920000));
}
const h = new logging.handlers.TimedRotatingFileHandler("t.log", { when: "H", interval: 3, utc: true, delay: true });
print(h.computeRollover(0), h.computeRollover(100));
`,
  },
  {
    name: "rotation: TimedRotatingFileHandler names the rotated file from rolloverAt - interval",
    py: code`
h = logging.handlers.TimedRotatingFileHandler("t.log", when="D", utc=True, backupCount=2)
log = logging.getLogger("tr"); log.addHandler(h)
log.warning("day one")
h.rolloverAt = 1700006400
log.warning("day two")
h.rolloverAt = 1700092800
log.warning("day three")
h.rolloverAt = 1700179200
log.warning("day four")
`,
    js: code`
const h = new logging.handlers.TimedRotatingFileHandler("t.log", { when: "D", utc: true, backupCount: 2 });
const log = logging.getLogger("tr"); log.addHandler(h);
log.warning("day one");
h.rolloverAt = 1700006400;
log.warning("day two");
h.rolloverAt = 1700092800;
log.warning("day three");
h.rolloverAt = 1700179200;
log.warning("day four");
`,
  },
  {
    name: "rotation: record length counts code points, not UTF-16 units or bytes",
    py: code`
h = logging.handlers.RotatingFileHandler("e.log", maxBytes=8, backupCount=3, encoding="utf-8")
log = logging.getLogger("emoji"); log.addHandler(h)
log.warning("\U0001F600\U0001F600\U0001F600\U0001F600")
log.warning("x")
`,
    js: code`
const h = new logging.handlers.RotatingFileHandler("e.log", { maxBytes: 8, backupCount: 3, encoding: "utf-8" });
const log = logging.getLogger("emoji"); log.addHandler(h);
log.warning("\u{1F600}\u{1F600}\u{1F600}\u{1F600}");
log.warning("x");
`,
  },
];
