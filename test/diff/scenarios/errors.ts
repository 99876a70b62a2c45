import { code, normalizeLoggingErrors, type Scenario } from "./common.js";

export const errors: Scenario[] = [
  {
    name: "errors: a missing format field in a handler goes to handleError, later records still work",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(user)s: %(message)s"))
log = logging.getLogger("mf"); log.addHandler(h)
log.warning("no user here")
log.warning("with user", extra={"user": "ann"})
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(user)s: %(message)s"));
const log = logging.getLogger("mf"); log.addHandler(h);
log.warning("no user here");
log.warning("with user", { extra: { user: "ann" } });
`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "errors: a stream whose write raises goes to handleError",
    py: code`
class Broken:
    def write(self, s):
        raise OSError("disk full")
h = logging.StreamHandler(Broken())
log = logging.getLogger("bw"); log.addHandler(h)
log.error("lost %s", "record")
print("caller continues")
`,
    js: code`
class Broken {
  write(s) { const e = new Error("disk full"); e.name = "OSError"; throw e; }
}
const h = new logging.StreamHandler(new Broken());
const log = logging.getLogger("bw"); log.addHandler(h);
log.error("lost %s", "record");
await logging.flush();
print("caller continues");
`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "errors: handleError repr of the message and several args",
    py: code`
h = logging.StreamHandler(sys.stdout)
log = logging.getLogger("rp"); log.addHandler(h)
log.warning("it's %d and %d", 1, "two")
log.warning('say "%s" %s %s', "a")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout);
const log = logging.getLogger("rp"); log.addHandler(h);
log.warning("it's %d and %d", 1, "two");
log.warning('say "%s" %s %s', "a");
`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "errors: an overridden handleError receives the record",
    py: code`
class H(logging.StreamHandler):
    def handleError(self, record):
        print("handleError:", record.msg, record.args, record.levelname)
h = H(sys.stderr)
log = logging.getLogger("oh"); log.addHandler(h)
log.error("bad %d", "x")
log.error("fine %d", 1)
`,
    js: code`
class H extends logging.StreamHandler {
  handleError(record) { print("handleError:", record.msg, "(" + record.args.map(__repr).join(", ") + ",)", record.levelname); }
}
const h = new H(process.stderr);
const log = logging.getLogger("oh"); log.addHandler(h);
log.error("bad %d", "x");
log.error("fine %d", 1);
`,
  },
  {
    name: "errors: formatting errors in a FileHandler leave the file without the record",
    py: code`
h = logging.FileHandler("e.log")
log = logging.getLogger("fe"); log.addHandler(h)
log.warning("good 1")
log.warning("bad %s %s", "only one")
log.warning("good 2")
`,
    js: code`
const h = new logging.FileHandler("e.log");
const log = logging.getLogger("fe"); log.addHandler(h);
log.warning("good 1");
log.warning("bad %s %s", "only one");
log.warning("good 2");
`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "errors: a { style field error at format time is handled per record",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("{levelname}:{ctx}:{message}", style="{"))
log = logging.getLogger("bf"); log.addHandler(h)
log.warning("x")
log.warning("y", extra={"ctx": "c"})
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("{levelname}:{ctx}:{message}", undefined, "{"));
const log = logging.getLogger("bf"); log.addHandler(h);
log.warning("x");
log.warning("y", { extra: { ctx: "c" } });
`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "errors: exception with exc_info given as the error object",
    py: code`
h = logging.StreamHandler(sys.stdout); h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log = logging.getLogger("eo"); log.addHandler(h)
err = ValueError("bad value")
log.error("upload failed for %s", "f.txt", exc_info=err)
log.warning("no exc")
`,
    js: code`
const h = new logging.StreamHandler(process.stdout); h.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
const log = logging.getLogger("eo"); log.addHandler(h);
const err = new Error("bad value"); err.name = "ValueError";
log.error("upload failed for %s", "f.txt", err);
log.warning("no exc");
`,
    // An exception never raised has no frames in Python: the text is just
    // "ValueError: bad value"; a JS Error always has a stack. Drop the frame lines.
    normalize: (t) =>
      t
        .split("\n")
        .filter((l) => !/^\s/.test(l))
        .join("\n"),
  },
];
