import { code, normalizeTracebacks, type Scenario } from "./common.js";

/** A fixed record: created 2023-11-14 22:13:20.123 UTC. */
const PYREC = `rec = logging.makeLogRecord({"name": "app.db", "msg": "hello %s", "args": ("world",), "levelno": 40, "levelname": "ERROR", "created": 1700000000.123, "msecs": 123.0, "lineno": 9, "funcName": "run", "pathname": "/srv/app/db.py", "filename": "db.py", "module": "db", "process": 4242, "thread": 77, "threadName": "MainThread", "processName": "MainProcess", "relativeCreated": 1.5})\n`;
const JSREC = `const rec = logging.makeLogRecord({ name: "app.db", msg: "hello %s", args: ["world"], levelno: 40, levelname: "ERROR", created: 1700000000.123, msecs: 123.0, lineno: 9, funcName: "run", pathname: "/srv/app/db.py", filename: "db.py", module: "db", process: 4242, thread: 77, threadName: "MainThread", processName: "MainProcess", relativeCreated: 1.5 });\n`;

/** Scenario printing fmt.format(rec) for a list of format strings in one style. */
function formats(name: string, style: "%" | "{" | "$", fmts: string[]): Scenario {
  const list = JSON.stringify(fmts);
  return {
    name,
    py:
      PYREC +
      `logging.Formatter.converter = time.gmtime\nfor f in ${list}:\n    print(repr(logging.Formatter(f, style=${JSON.stringify(style)}).format(rec)))\n`,
    js:
      JSREC +
      `logging.Formatter.converter = logging.gmtime;\nfor (const f of ${list}) print(__repr(new logging.Formatter(f, undefined, ${JSON.stringify(style)}).format(rec)));\n`,
  };
}

export const styles: Scenario[] = [
  formats("styles: % style conversions, widths and flags", "%", [
    "%(levelname)-8s|%(name)s|%(message)s",
    "%(levelname)8s|%(levelname).3s|%(levelname)-10.4s|",
    "%(lineno)04d %(lineno)d %(lineno)x %(lineno)-4d| %(lineno)+d",
    "%(msecs)03d %(msecs)d %(msecs).1f %(created).2f %(relativeCreated)d",
    "100%% %(name)s %%(name)s",
    "%(name)r %(levelno)r %(process)d %(thread)d %(threadName)s %(processName)s",
    "%(pathname)s %(filename)s %(module)s %(funcName)s",
    "%(msg)s / %(message)s",
  ]),
  formats("styles: { style with the format-spec mini-language", "{", [
    "{levelname:<8}|{name}|{message}",
    "{levelname:>8}|{levelname:^9}|{levelname:*^11}|{levelname:.3}",
    "{lineno:04d} {lineno:+d} {lineno:x} {lineno:#x} {lineno:#b} {lineno:o} {lineno:e}",
    "{msecs:03.0f} {msecs:.1f} {created:.3f} {created:,.2f} {process:_} {process:,}",
    "{name!r} {name!s} {name!a} {levelno!r:>5}",
    "{{literal}} {name}",
    "{levelno:5}|{levelno:<5}|{levelno:=+6}|{levelno:06}|{msecs:%}|{msecs:.1%}",
    "{name[0]}{name[4]}|{name!r:^12}|{levelname!s:.2}",
    "{lineno:g} {created:g} {msecs:08.3f} {lineno:10} {lineno:<10}|",
  ]),
  formats("styles: $ style", "$", [
    "$levelname:$name:$message",
    "${levelname}x ${name}y $$ $$name",
    "$levelno$lineno ${created}",
    "$name.suffix $name-x ${name}_tail $$$name",
  ]),
  {
    name: "styles: defaults fill missing fields and record values win",
    py:
      PYREC +
      code`
for style, fmt in (("%", "%(custom)s|%(name)s|%(other)s"), ("{", "{custom}|{name}|{other:>4}"), ("$", "$custom|$name|\${other}")):
    f = logging.Formatter(fmt, style=style, defaults={"custom": "dflt", "name": "never", "other": 7})
    print(f.format(rec))
rec.custom = "own"
print(logging.Formatter("%(custom)s", defaults={"custom": "dflt"}).format(rec))
`,
    js:
      JSREC +
      code`
for (const [style, fmt] of [["%", "%(custom)s|%(name)s|%(other)s"], ["{", "{custom}|{name}|{other:>4}"], ["$", "$custom|$name|\${other}"]]) {
  const f = new logging.Formatter(fmt, undefined, style, true, { defaults: { custom: "dflt", name: "never", other: 7 } });
  print(f.format(rec));
}
rec.custom = "own";
print(new logging.Formatter({ fmt: "%(custom)s", defaults: { custom: "dflt" } }).format(rec));
`,
  },
  {
    name: "styles: a missing field is a ValueError from format()",
    py:
      PYREC +
      code`
attempt(lambda: logging.Formatter("%(custom)s").format(rec))
attempt(lambda: logging.Formatter("{custom}", style="{").format(rec))
attempt(lambda: logging.Formatter("$custom", style="$").format(rec))
attempt(lambda: logging.Formatter("\${custom}", style="$").format(rec))
`,
    js:
      JSREC +
      code`
attempt(() => new logging.Formatter("%(custom)s").format(rec));
attempt(() => new logging.Formatter("{custom}", undefined, "{").format(rec));
attempt(() => new logging.Formatter("$custom", undefined, "$").format(rec));
attempt(() => new logging.Formatter("\${custom}", undefined, "$").format(rec));
`,
  },
  {
    name: "styles: default formats, BASIC_FORMAT and usesTime",
    py:
      PYREC +
      code`
for style in ("%", "{", "$"):
    f = logging.Formatter(style=style)
    print(repr(f.format(rec)), f.usesTime())
print(logging.BASIC_FORMAT)
print(logging.Formatter(logging.BASIC_FORMAT).format(rec))
for fmt, style in (("%(asctime)s", "%"), ("%(asctime)-15s x", "%"), ("{asctime}", "{"), ("{asctime:>30}", "{"), ("$asctime", "$"), ("\${asctime}", "$"), ("%(message)s", "%"), ("{message} asctime", "{"), ("$message asctime", "$")):
    print(fmt, logging.Formatter(fmt, style=style).usesTime())
`,
    js:
      JSREC +
      code`
for (const style of ["%", "{", "$"]) {
  const f = new logging.Formatter(undefined, undefined, style);
  print(__repr(f.format(rec)), f.usesTime());
}
print(logging.BASIC_FORMAT);
print(new logging.Formatter(logging.BASIC_FORMAT).format(rec));
for (const [fmt, style] of [["%(asctime)s", "%"], ["%(asctime)-15s x", "%"], ["{asctime}", "{"], ["{asctime:>30}", "{"], ["$asctime", "$"], ["\${asctime}", "$"], ["%(message)s", "%"], ["{message} asctime", "{"], ["$message asctime", "$"]]) {
  print(fmt, new logging.Formatter(fmt, undefined, style).usesTime());
}
`,
  },
  {
    name: "styles: message and asctime attributes are set by format()",
    py:
      PYREC +
      code`
logging.Formatter.converter = time.gmtime
print(hasattr(rec, "message"), hasattr(rec, "asctime"))
logging.Formatter("%(message)s").format(rec)
print(rec.message, hasattr(rec, "asctime"))
logging.Formatter("%(asctime)s %(message)s").format(rec)
print(rec.asctime)
`,
    js:
      JSREC +
      code`
logging.Formatter.converter = logging.gmtime;
print(rec.message !== undefined, rec.asctime !== undefined);
new logging.Formatter("%(message)s").format(rec);
print(rec.message, rec.asctime !== undefined);
new logging.Formatter("%(asctime)s %(message)s").format(rec);
print(rec.asctime);
`,
  },
  {
    name: "styles: exception text and stack placement with overridden hooks",
    py: code`
class F(logging.Formatter):
    def formatException(self, ei):
        return "EXC-TEXT"
    def formatStack(self, s):
        return "STACK-TEXT"
h = logging.StreamHandler(sys.stdout); h.setFormatter(F("<%(message)s>"))
log = logging.getLogger("pl"); log.addHandler(h)
try:
    raise RuntimeError("x")
except RuntimeError as e:
    log.error("one", exc_info=True)
    log.error("two", exc_info=e, stack_info=True)
log.warning("three", stack_info=True)
r = logging.makeLogRecord({"msg": "four", "exc_text": "cached text"})
print(F("%(message)s").format(r))
r = logging.makeLogRecord({"msg": "five", "exc_text": "already\n"})
print(repr(F("%(message)s\n").format(r)))
r = logging.makeLogRecord({"msg": "six", "stack_info": "raw stack"})
print(repr(logging.Formatter().format(r)))
`,
    js: code`
class F extends logging.Formatter {
  formatException(ei) { return "EXC-TEXT"; }
  formatStack(s) { return "STACK-TEXT"; }
}
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new F("<%(message)s>"));
const log = logging.getLogger("pl"); log.addHandler(h);
const e = new Error("x"); e.name = "RuntimeError";
log.error("one", { exc_info: e });
log.error("two", { exc_info: e, stack_info: true });
log.warning("three", { stack_info: true });
await logging.flush();
let r = logging.makeLogRecord({ msg: "four", exc_text: "cached text" });
print(new F("%(message)s").format(r));
r = logging.makeLogRecord({ msg: "five", exc_text: "already\n" });
print(__repr(new F("%(message)s\n").format(r)));
r = logging.makeLogRecord({ msg: "six", stack_info: "raw stack" });
print(__repr(new logging.Formatter().format(r)));
`,
  },
  {
    name: "styles: default formatException output placement (traceback body normalised)",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log = logging.getLogger("exc"); log.addHandler(h)
def fail():
    raise ValueError("boom")
try:
    fail()
except ValueError:
    log.exception("caught %s", "it")
log.error("no exception", exc_info=False)
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
const log = logging.getLogger("exc"); log.addHandler(h);
function fail() { const e = new Error("boom"); e.name = "ValueError"; throw e; }
try {
  fail();
} catch (e) {
  log.exception("caught %s", "it", e);
}
log.error("no exception", { exc_info: false });
`,
    normalize: normalizeTracebacks,
  },
  {
    name: "styles: BufferingFormatter with header and footer hooks",
    py: code`
recs = [logging.makeLogRecord({"msg": m}) for m in ("one", "two", "three")]
print(repr(logging.BufferingFormatter().format(recs)), repr(logging.BufferingFormatter().format([])))
print(repr(logging.BufferingFormatter(logging.Formatter("<%(message)s>")).format(recs)))
class B(logging.BufferingFormatter):
    def formatHeader(self, records):
        return "H%d[" % len(records)
    def formatFooter(self, records):
        return "]F"
print(repr(B().format(recs)), repr(B().format([])))
`,
    js: code`
const recs = ["one", "two", "three"].map((m) => logging.makeLogRecord({ msg: m }));
print(__repr(new logging.BufferingFormatter().format(recs)), __repr(new logging.BufferingFormatter().format([])));
print(__repr(new logging.BufferingFormatter(new logging.Formatter("<%(message)s>")).format(recs)));
class B extends logging.BufferingFormatter {
  formatHeader(records) { return "H" + records.length + "["; }
  formatFooter(records) { return "]F"; }
}
print(__repr(new B().format(recs)), __repr(new B().format([])));
`,
  },
  {
    name: "styles: Formatter keyword form and positional form agree",
    py:
      PYREC +
      code`
a = logging.Formatter("{levelname}:{message}", None, "{", True, defaults={"x": 1})
b = logging.Formatter(fmt="{levelname}:{message}:{x}", style="{", validate=True, defaults={"x": 1})
print(a.format(rec), b.format(rec))
print(a.datefmt, b.datefmt)
`,
    js:
      JSREC +
      code`
const a = new logging.Formatter("{levelname}:{message}", null, "{", true, { defaults: { x: 1 } });
const b = new logging.Formatter({ fmt: "{levelname}:{message}:{x}", style: "{", validate: true, defaults: { x: 1 } });
print(a.format(rec), b.format(rec));
print(a.datefmt, b.datefmt);
`,
  },
];
