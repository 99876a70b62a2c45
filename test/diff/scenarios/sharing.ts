import { code, type Scenario } from "./common.js";

/**
 * One formatting shared between handlers must never change output: handlers
 * that rewrite the record before formatting, handler filters that do, and
 * QueueHandler's prepared copy all give CPython's bytes.
 */
export const sharing: Scenario[] = [
  {
    name: "sharing: a handler that colours levelname between two plain handlers with twin formatters",
    py: code`
class Colour(logging.StreamHandler):
    def emit(self, record):
        record.levelname = "<" + record.levelname + ">"
        super().emit(record)
log = logging.getLogger("a")
for cls in (logging.StreamHandler, Colour, logging.StreamHandler):
    h = cls(sys.stdout)
    h.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    log.addHandler(h)
log.warning("one %d", 1)
log.error("two")
`,
    js: code`
class Colour extends logging.StreamHandler {
  emit(record) {
    record.levelname = "<" + record.levelname + ">";
    super.emit(record);
  }
}
const log = logging.getLogger("a");
for (const Cls of [logging.StreamHandler, Colour, logging.StreamHandler]) {
  const h = new Cls(process.stdout);
  h.setFormatter(new logging.Formatter("%(levelname)s %(name)s %(message)s"));
  log.addHandler(h);
}
log.warning("one %d", 1);
log.error("two");
`,
  },
  {
    name: "sharing: a redacting handler rewrites msg; one formatter shared by three handlers",
    py: code`
class Redact(logging.StreamHandler):
    def emit(self, record):
        record.msg = record.msg.replace("secret", "******")
        super().emit(record)
fmt = logging.Formatter("%(name)s: %(message)s")
log = logging.getLogger("r")
for cls in (logging.StreamHandler, Redact, logging.StreamHandler):
    h = cls(sys.stdout)
    h.setFormatter(fmt)
    log.addHandler(h)
log.warning("the secret is %s", "x")
log.warning("no secret here")
`,
    js: code`
class Redact extends logging.StreamHandler {
  emit(record) {
    record.msg = record.msg.replace("secret", "******");
    super.emit(record);
  }
}
const fmt = new logging.Formatter("%(name)s: %(message)s");
const log = logging.getLogger("r");
for (const Cls of [logging.StreamHandler, Redact, logging.StreamHandler]) {
  const h = new Cls(process.stdout);
  h.setFormatter(fmt);
  log.addHandler(h);
}
log.warning("the secret is %s", "x");
log.warning("no secret here");
`,
  },
  {
    name: "sharing: a handler filter that rewrites the record, and handlers on the parent after it",
    py: code`
def shout(record):
    record.msg = record.msg.replace("quiet", "QUIET")
    return True
fmt = "%(levelname)s|%(message)s"
child = logging.getLogger("p.c")
parent = logging.getLogger("p")
a = logging.StreamHandler(sys.stdout); a.setFormatter(logging.Formatter(fmt)); child.addHandler(a)
b = logging.StreamHandler(sys.stdout); b.setFormatter(logging.Formatter(fmt)); b.addFilter(shout); child.addHandler(b)
c = logging.StreamHandler(sys.stdout); c.setFormatter(logging.Formatter(fmt)); parent.addHandler(c)
child.warning("quiet %s", "please")
`,
    js: code`
function shout(record) {
  record.msg = record.msg.replace("quiet", "QUIET");
  return true;
}
const fmt = "%(levelname)s|%(message)s";
const child = logging.getLogger("p.c");
const parent = logging.getLogger("p");
const a = new logging.StreamHandler(process.stdout); a.setFormatter(new logging.Formatter(fmt)); child.addHandler(a);
const b = new logging.StreamHandler(process.stdout); b.setFormatter(new logging.Formatter(fmt)); b.addFilter(shout); child.addHandler(b);
const c = new logging.StreamHandler(process.stdout); c.setFormatter(new logging.Formatter(fmt)); parent.addHandler(c);
child.warning("quiet %s", "please");
`,
  },
  {
    name: "sharing: QueueHandler's prepared copy is formatted again by the listener's handler",
    py: code`
import queue, logging.handlers
fmt = "%(levelname)s %(message)s"
q = queue.Queue()
qh = logging.handlers.QueueHandler(q)
qh.setFormatter(logging.Formatter(fmt))
sink = logging.StreamHandler(sys.stdout)
sink.setFormatter(logging.Formatter(fmt))
listener = logging.handlers.QueueListener(q, sink)
direct = logging.StreamHandler(sys.stdout)
direct.setFormatter(logging.Formatter(fmt))
log = logging.getLogger("q")
log.addHandler(direct)
log.addHandler(qh)
log.addHandler(direct)
listener.start()
log.warning("hello %s", "w")
listener.stop()
`,
    js: code`
const fmt = "%(levelname)s %(message)s";
const q = new logging.SimpleQueue();
const qh = new logging.QueueHandler(q);
qh.setFormatter(new logging.Formatter(fmt));
const sink = new logging.StreamHandler(process.stdout);
sink.setFormatter(new logging.Formatter(fmt));
const listener = new logging.QueueListener(q, sink);
const direct = new logging.StreamHandler(process.stdout);
direct.setFormatter(new logging.Formatter(fmt));
const log = logging.getLogger("q");
log.addHandler(direct);
log.addHandler(qh);
log.addHandler(direct);
listener.start();
log.warning("hello %s", "w");
listener.stop();
`,
  },
  {
    name: "sharing: a record formatted, changed and formatted again by the same formatter",
    py: code`
f = logging.Formatter("%(levelname)s %(message)s")
r = logging.makeLogRecord({"msg": "m %s", "args": ("a",), "levelname": "INFO"})
print(f.format(r))
r.levelname = "CHANGED"
r.args = ("b",)
print(f.format(r))
h = logging.StreamHandler(sys.stdout)
h.setFormatter(f)
log = logging.getLogger("same")
log.addHandler(h)
log.addHandler(logging.StreamHandler(sys.stdout))
log.warning("twice %d", 2)
`,
    js: code`
const f = new logging.Formatter("%(levelname)s %(message)s");
const r = logging.makeLogRecord({ msg: "m %s", args: ["a"], levelname: "INFO" });
console.log(f.format(r));
r.levelname = "CHANGED";
r.args = ["b"];
console.log(f.format(r));
const h = new logging.StreamHandler(process.stdout);
h.setFormatter(f);
const log = logging.getLogger("same");
log.addHandler(h);
log.addHandler(new logging.StreamHandler(process.stdout));
log.warning("twice %d", 2);
`,
  },
];
