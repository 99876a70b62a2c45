/**
 * A dictConfig oracle: the same JSON documents applied by CPython's
 * `logging.config.dictConfig` (one python3 process for a batch) and by
 * logxide's, each case from a reset logging state. A case reports each
 * step's outcome (`ok`, or the error with its `cause` chain) and the
 * configuration that results (loggers, root, named handlers), so both the
 * messages and the effect are compared.
 *
 * Dotted names an application would register are provided on both sides:
 * Python modules `myapp` and `myapp.log` (packages), JS classes registered
 * under the same names with the same signatures.
 */
import * as logging from "../../src/index.js";
import { register } from "../../src/config/names.js";
import { bindArgs, functionSignature, signature } from "../../src/py/kwargs.js";
import { runPython } from "./python.js";

export interface ConfigCase {
  /** Loggers created before the first step (for disable_existing_loggers). */
  pre?: string[];
  /** Documents applied in order (for incremental configurations). */
  steps: Record<string, unknown>[];
}

export interface ConfigOutcome {
  steps: string[];
  state: unknown;
}

const PY = `
import sys, json, types, logging, logging.config, logging.handlers

def mkpkg(name):
    m = types.ModuleType(name)
    m.__path__ = []
    sys.modules[name] = m
    return m

myapp = mkpkg("myapp")
myapp.log = mkpkg("myapp.log")

class SpecialFilter(logging.Filter):
    def __init__(self, foo):
        super().__init__()
        self.foo = foo
    def filter(self, record):
        return True

class RequireDebugTrue(logging.Filter):
    def filter(self, record):
        return True

class AdminHandler(logging.Handler):
    def __init__(self, include_html=False):
        super().__init__()
        self.include_html = include_html
    def emit(self, record):
        pass

def make_formatter(fmt=None, datefmt=None):
    return logging.Formatter(fmt, datefmt)

myapp.log.SpecialFilter = SpecialFilter
myapp.log.RequireDebugTrue = RequireDebugTrue
myapp.log.AdminHandler = AdminHandler
myapp.log.make_formatter = make_formatter

def err_text(e):
    parts = []
    while e is not None:
        parts.append(f"{type(e).__name__}: {e}")
        e = e.__cause__
    return " <- ".join(parts)

def reset():
    logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
    logging.Logger.manager.loggerDict.clear()
    logging.root.setLevel(logging.WARNING)
    logging.root.handlers[:] = []
    logging.root.filters[:] = []

def describe_handler(h):
    f = h.formatter
    return [h.name, type(h).__name__, h.level, None if f is None else f._fmt, len(h.filters)]

def state():
    d = logging.Logger.manager.loggerDict
    loggers = []
    for name in sorted(d):
        lg = d[name]
        if isinstance(lg, logging.PlaceHolder):
            continue
        loggers.append([name, lg.level, bool(lg.propagate), bool(lg.disabled),
                        [h.name for h in lg.handlers], len(lg.filters)])
    root = [logging.root.level, [h.name for h in logging.root.handlers], len(logging.root.filters)]
    # Only attached handlers: CPython drops unreferenced ones from _handlers at once, JS when collected.
    attached = {}
    for lg in [logging.root] + [l for l in d.values() if isinstance(l, logging.Logger)]:
        for h in lg.handlers:
            attached[h.name or ""] = h
            t = getattr(h, "target", None)
            if isinstance(t, logging.Handler):
                attached[t.name or ""] = t
    handlers = [describe_handler(attached[n]) for n in sorted(attached)]
    return {"loggers": loggers, "root": root, "handlers": handlers}

out = []
for case in json.load(sys.stdin):
    reset()
    for name in case.get("pre", []):
        logging.getLogger(name)
    steps = []
    for doc in case["steps"]:
        try:
            logging.config.dictConfig(doc)
            steps.append("ok")
        except Exception as e:
            steps.append(err_text(e))
    out.append({"steps": steps, "state": state()})
for h in list(logging._handlers.values()):
    h.close()
json.dump(out, sys.stdout)
`;

class SpecialFilter extends logging.Filter {
  static override readonly signature = signature("SpecialFilter", ["foo"], 1);
  foo: unknown;
  constructor(...args: unknown[]) {
    const a = bindArgs(SpecialFilter.signature, args);
    super();
    this.foo = a.foo;
  }
  override filter(): boolean {
    return true;
  }
}

class RequireDebugTrue extends logging.Filter {
  override filter(): boolean {
    return true;
  }
}

class AdminHandler extends logging.Handler {
  static override readonly signature = signature("AdminHandler", ["include_html"]);
  include_html: unknown;
  constructor(...args: unknown[]) {
    const a = bindArgs(AdminHandler.signature, args);
    super();
    this.include_html = a.include_html ?? false;
  }
  override emit(): void {}
}

function makeFormatter(kw: { fmt?: string; datefmt?: string }): logging.Formatter {
  return new logging.Formatter(kw.fmt ?? null, kw.datefmt ?? null);
}
makeFormatter.signature = functionSignature("make_formatter", ["fmt", "datefmt"]);

/** Registers the JS side of the names the Python side defines (idempotent). */
export function registerOracleNames(): void {
  register({
    "myapp.log.SpecialFilter": SpecialFilter,
    "myapp.log.RequireDebugTrue": RequireDebugTrue,
    "myapp.log.AdminHandler": AdminHandler,
    "myapp.log.make_formatter": makeFormatter,
  });
}

function errText(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  while (cur instanceof Error) {
    parts.push(`${cur.name}: ${cur.message}`);
    cur = cur.cause;
  }
  return parts.join(" <- ");
}

function reset(): void {
  logging.dictConfig({ version: 1, disable_existing_loggers: false });
  logging.root.manager.loggerDict.clear();
  logging.root.setLevel(logging.WARNING);
  logging.root.handlers = [];
  logging.root.filters = [];
}

function describeHandler(h: logging.Handler): unknown[] {
  const f = h.formatter as (logging.Formatter & { _fmt?: string }) | null;
  return [h.name, h.constructor.name, h.level, f === null ? null : (f._fmt ?? null), h.filters.length];
}

function state(): unknown {
  const d = logging.root.manager.loggerDict;
  const loggers: unknown[] = [];
  for (const name of [...d.keys()].sort()) {
    const lg = d.get(name);
    if (!(lg instanceof logging.Logger)) continue;
    loggers.push([
      name,
      lg.level,
      Boolean(lg.propagate),
      Boolean(lg.disabled),
      lg.handlers.map((h) => h.name),
      lg.filters.length,
    ]);
  }
  const root = [logging.root.level, logging.root.handlers.map((h) => h.name), logging.root.filters.length];
  // Only attached handlers: CPython drops unreferenced ones from its registry at once, JS when collected.
  const attached = new Map<string, logging.Handler>();
  for (const lg of [logging.root, ...[...d.values()].filter((l) => l instanceof logging.Logger)] as logging.Logger[]) {
    for (const h of lg.handlers) {
      attached.set(h.name ?? "", h);
      const t = (h as { target?: unknown }).target;
      if (t instanceof logging.Handler) attached.set(t.name ?? "", t);
    }
  }
  const handlers = [...attached.keys()].sort().map((n) => describeHandler(attached.get(n)!));
  return { loggers, root, handlers };
}

/** What logxide gives for each case. */
export function runLogxide(cases: ConfigCase[]): ConfigOutcome[] {
  registerOracleNames();
  const out: ConfigOutcome[] = [];
  for (const c of cases) {
    reset();
    for (const name of c.pre ?? []) logging.getLogger(name);
    const steps: string[] = [];
    for (const doc of c.steps) {
      try {
        logging.dictConfig(structuredClone(doc));
        steps.push("ok");
      } catch (e) {
        steps.push(errText(e));
      }
    }
    out.push({ steps, state: state() });
  }
  for (const n of logging.getHandlerNames()) logging.getHandlerByName(n)?.close();
  return out;
}

/** What CPython gives for each case. */
export function runCPython(cases: ConfigCase[]): ConfigOutcome[] {
  return runPython<ConfigOutcome[]>(PY, cases);
}
