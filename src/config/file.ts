/**
 * fileConfig: Python's INI logging configuration (`[loggers]`, `[handlers]`,
 * `[formatters]`, `[logger_x]`, `[handler_x]`, `[formatter_x]`), read and
 * applied as CPython 3.11's `logging.config.fileConfig` does, so the
 * `logging.ini` a Python service ships configures a Node service unchanged.
 *
 * One deliberate difference: CPython runs `class=`, `args=`, `kwargs=` (and
 * 3.12's formatter `defaults=`) through `eval`. Here `class=` is a dotted
 * name resolved among logxide's classes, and `args=`/`kwargs=` go through a
 * literal evaluator (./literal.ts) whose only names are logging's constants
 * and `sys.stdout`/`sys.stderr`: a configuration file cannot run code.
 */
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Formatter } from "../format/formatter.js";
import type { Handler } from "../handlers/handler.js";
import { MemoryHandler } from "../handlers/memory.js";
import { clearHandlerRegistry, liveHandlers } from "../handlers/registry.js";
import { CRITICAL, DEBUG, ERROR, FATAL, INFO, NOTSET, WARN, WARNING } from "../core/levels.js";
import { getLogger, Logger, PlaceHolder, root } from "../core/logger.js";
import { shutdown } from "../module.js";
import { keyError, pyError, quoteLikePython, typeError, valueError } from "../py/errors.js";
import { bindArgs, functionSignature, isPlainObject } from "../py/kwargs.js";
import { ConfigParser, ParsingError, pyInt, pyStrip, RawConfigParser } from "./ini.js";
import { evalLiteral, type PyValue, toJS } from "./literal.js";
import { resolveName } from "./names.js";
import { BASIC_FORMAT } from "./basic.js";

export { ConfigParser, ParsingError, RawConfigParser } from "./ini.js";

/** A Python-style text file: what has `readline()` (Python's own test), iterated line by line. */
export interface FileLike {
  readline(): string;
  name?: string;
}

/**
 * What `fileConfig` reads: a path, several paths, a file-like object, a
 * parsed configuration, or `{ section: { key: value } }`.
 */
export type FileConfigSource =
  | string
  | URL
  | ReadonlyArray<string | URL>
  | FileLike
  | RawConfigParser
  | Record<string, Record<string, unknown>>;

function isFileLike(f: unknown): f is FileLike {
  return f !== null && typeof f === "object" && typeof (f as FileLike).readline === "function";
}

/** The lines of a file-like object: by iteration when it is iterable, else `readline()` until "". */
function* fileLines(f: FileLike): Generator<string> {
  if (typeof (f as unknown as Iterable<string>)[Symbol.iterator] === "function") {
    yield* f as unknown as Iterable<string>;
    return;
  }
  for (;;) {
    const line = f.readline();
    if (typeof line !== "string" || line === "") return;
    yield line;
  }
}

/** `fileConfig`'s keyword arguments. */
export interface FileConfigOptions {
  /** Values for `%(name)s` interpolation: the `[DEFAULT]` section (Python's `defaults`). */
  defaults?: Record<string, unknown> | null;
  /** Disable loggers that exist and are not named in the file (default true). */
  disable_existing_loggers?: boolean;
  /** The file's encoding (default UTF-8, Python's `locale` on a UTF-8 system). */
  encoding?: string | null;
  /**
   * logxide only: your own classes and values by the dotted names the file
   * uses (`{ "myapp.log.JsonHandler": JsonHandler }`), for `class=` and for
   * names inside `args=`/`kwargs=`. Python would import them; logxide cannot.
   */
  names?: Record<string, unknown> | null;
}

/** `error(name, text)` for Python exception classes outside py/errors' list. */
function named(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** The names of CPython's `vars(logging)` (dunders left out): an `eval` there finds these and nothing else. */
const LOGGING_NAMES = new Set(
  (
    "BASIC_FORMAT BufferingFormatter CRITICAL DEBUG ERROR FATAL FileHandler Filter Filterer Formatter GenericAlias " +
    "Handler INFO LogRecord Logger LoggerAdapter Manager NOTSET NullHandler PercentStyle PlaceHolder RootLogger " +
    "StrFormatStyle StreamHandler StringTemplateStyle Template WARN WARNING addLevelName atexit basicConfig " +
    "captureWarnings collections config critical currentframe debug disable error exception fatal getLevelName " +
    "getLevelNamesMapping getLogRecordFactory getLogger getLoggerClass handlers info io lastResort log " +
    "logMultiprocessing logProcesses logThreads makeLogRecord os raiseExceptions re root setLogRecordFactory " +
    "setLoggerClass shutdown sys threading time traceback warn warning warnings weakref"
  ).split(" "),
);

/** Modules an import of a dotted name can reach (true: a package, whose submodules can be imported). */
const MODULES: Record<string, boolean> = {
  logging: true,
  "logging.handlers": false,
  "logging.config": false,
  sys: false,
  os: false,
};

const LEVEL_CONSTANTS: Record<string, number> = { CRITICAL, FATAL, ERROR, WARNING, WARN, INFO, DEBUG, NOTSET };

function has(name: string): boolean {
  try {
    resolveName(name);
    return true;
  } catch {
    return false;
  }
}

/** Python's `ModuleNotFoundError` text for `_resolve(name)` when logxide has no such object. */
function moduleNotFound(name: string): Error {
  const parts = name.split(".");
  let used = parts[0]!;
  if (!Object.hasOwn(MODULES, used)) return named("ModuleNotFoundError", `No module named ${quoteLikePython(used)}`);
  for (const n of parts.slice(1)) {
    const parent = used;
    used = `${used}.${n}`;
    if (Object.hasOwn(MODULES, used) || has(used)) {
      if (!Object.hasOwn(MODULES, used)) {
        // An attribute that is not a module: importing below it fails at it.
        return named("ModuleNotFoundError", `No module named ${quoteLikePython(used)}`);
      }
      continue;
    }
    if (Object.hasOwn(MODULES, parent) && !MODULES[parent]) {
      return named(
        "ModuleNotFoundError",
        `No module named ${quoteLikePython(used)}; ${quoteLikePython(parent)} is not a package`,
      );
    }
    return named("ModuleNotFoundError", `No module named ${quoteLikePython(used)}`);
  }
  return named("ModuleNotFoundError", `No module named ${quoteLikePython(name)}`);
}

/** Python's `logging.config._resolve`: an importable dotted name. */
function resolveDotted(name: string, extra: Record<string, unknown>): unknown {
  if (Object.hasOwn(extra, name)) return extra[name];
  if (name === "sys.stdout" || name === "sys.stderr") return resolveName(name);
  if (name.startsWith("logging.") && has(name)) return resolveName(name);
  throw moduleNotFound(name);
}

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * A handler's `class=`: CPython evaluates it in the `logging` module's
 * namespace (`StreamHandler`, `handlers.RotatingFileHandler`), then falls
 * back to importing it (`logging.handlers.RotatingFileHandler`).
 */
function resolveHandlerClass(spec: string, extra: Record<string, unknown>): unknown {
  const name = pyStrip(spec);
  if (!DOTTED.test(name)) {
    throw valueError(`class=${name} is not a dotted name: logxide resolves class names, it does not evaluate code`);
  }
  if (Object.hasOwn(extra, name)) return extra[name];
  const top = name.split(".")[0]!;
  if (LOGGING_NAMES.has(top) && has(`logging.${name}`)) return resolveName(`logging.${name}`);
  return resolveDotted(name, extra);
}

/** A JS value a name resolved to, as the evaluator's Python value. */
function pyValueOf(v: unknown, name: string): PyValue {
  if (typeof v === "number") return Number.isInteger(v) ? { t: "int", v: BigInt(v) } : { t: "float", v };
  if (typeof v === "string") return { t: "str", v };
  if (typeof v === "boolean") return { t: "bool", v };
  if (v === null || v === undefined) return { t: "none" };
  return { t: "object", v, name };
}

function refusedName(name: string): Error {
  return valueError(
    `the name ${quoteLikePython(name)} is not allowed in args/kwargs: logxide evaluates only literals, ` +
      "logging's level constants, sys.stdout, sys.stderr and the constants of logging.handlers (never code)",
  );
}

/** The names `args=`/`kwargs=` may use, looked up as `eval(…, vars(logging))` would find them. */
function argsResolver(extra: Record<string, unknown>): (parts: string[]) => PyValue {
  return (parts) => {
    const name = parts.join(".");
    if (Object.hasOwn(extra, name)) return pyValueOf(extra[name], name);
    const top = parts[0]!;
    if (!LOGGING_NAMES.has(top)) throw named("NameError", `name ${quoteLikePython(top)} is not defined`);
    if (parts.length === 1) {
      if (Object.hasOwn(LEVEL_CONSTANTS, top)) return pyValueOf(LEVEL_CONSTANTS[top], name);
      if (top === "BASIC_FORMAT") return pyValueOf(BASIC_FORMAT, name);
      throw refusedName(name);
    }
    if (top === "sys") {
      if (parts.length === 2 && (parts[1] === "stdout" || parts[1] === "stderr")) {
        return pyValueOf(resolveName(name), name);
      }
      throw refusedName(name);
    }
    if (top === "handlers") {
      // logging.handlers imports socket: `handlers.socket.SOCK_DGRAM` is how a file reaches it.
      const path = parts[1] === "socket" && parts.length === 3 ? `socket.${parts[2]}` : `logging.${name}`;
      if (has(path)) {
        const v = resolveName(path);
        if (typeof v === "number" || typeof v === "string") return pyValueOf(v, name);
        throw refusedName(name);
      }
      const owner =
        parts.length === 2 ? "module 'logging.handlers'" : `type object ${quoteLikePython(parts[parts.length - 2]!)}`;
      if (parts.length === 2 || has(`logging.${parts.slice(0, -1).join(".")}`)) {
        throw pyError("AttributeError", `${owner} has no attribute ${quoteLikePython(parts[parts.length - 1]!)}`);
      }
      throw refusedName(name);
    }
    throw refusedName(name);
  };
}

/** `cp[name]` as a Python SectionProxy: `KeyError` for a missing section, then item/get/contains. */
class Section {
  constructor(
    readonly cp: RawConfigParser,
    readonly name: string,
  ) {
    if (name !== cp.default_section && !cp.has_section(name)) throw keyError(name);
  }

  item(key: string): string {
    if (!this.cp.has_option(this.name, key)) throw keyError(key);
    return this.cp.get(this.name, key) as string;
  }

  get(key: string, fallback: string | null = null): string | null {
    return this.cp.get(this.name, key, { fallback }) as string | null;
  }

  has(key: string): boolean {
    return this.cp.has_option(this.name, key);
  }
}

/** `alist.split(",")` with each item stripped. */
function names(list: string): string[] {
  return list.split(",").map(pyStrip);
}

function isClass(f: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/** `klass(*args, **kwargs)` through logxide's convention: positional arguments, then an options object. */
function callPython(klass: unknown, args: PyValue, kwargs: PyValue, what: string): unknown {
  if (typeof klass !== "function") {
    throw typeError(
      `${quoteLikePython(typeof klass === "object" && klass ? "object" : typeof klass)} object is not callable`,
    );
  }
  let positional: unknown[];
  if (args.t === "tuple" || args.t === "list") positional = args.items.map(toJS);
  else if (args.t === "str") positional = [...args.v];
  else if (args.t === "dict") positional = args.entries.map(([k]) => toJS(k));
  else if (args.t === "bytes") positional = [...args.v];
  else
    throw typeError(`${what}() argument after * must be an iterable, not ${args.t === "none" ? "NoneType" : args.t}`);
  if (kwargs.t !== "dict") {
    throw typeError(
      `${what}() argument after ** must be a mapping, not ${kwargs.t === "none" ? "NoneType" : kwargs.t}`,
    );
  }
  if (kwargs.entries.some(([k]) => k.t !== "str")) throw typeError("keywords must be strings");
  const kw = toJS(kwargs) as Record<string, unknown>;
  // An empty options object is only added when the last positional argument is itself a plain
  // object, so that it is not taken for the options.
  const last = positional[positional.length - 1];
  const call = Object.keys(kw).length > 0 || isPlainObject(last) ? [...positional, kw] : positional;
  const f = klass as new (...a: unknown[]) => unknown;
  return isClass(f) ? new f(...call) : (f as unknown as (...a: unknown[]) => unknown)(...call);
}

function classLabel(klass: unknown, spec: string): string {
  return typeof klass === "function" && klass.name ? klass.name : spec;
}

/** Python's `_create_formatters`. */
function createFormatters(cp: RawConfigParser, extra: Record<string, unknown>): Map<string, Formatter> {
  const flist = new Section(cp, "formatters").item("keys");
  const formatters = new Map<string, Formatter>();
  if (!flist.length) return formatters;
  for (const form of names(flist)) {
    const sectname = `formatter_${form}`;
    const fs = cp.get(sectname, "format", { raw: true, fallback: null }) as string | null;
    const dfs = cp.get(sectname, "datefmt", { raw: true, fallback: null }) as string | null;
    const stl = cp.get(sectname, "style", { raw: true, fallback: "%" }) as string;
    // Python 3.12: `defaults` is a dict expression (here: a literal) of field defaults.
    const defaults = cp.get(sectname, "defaults", { raw: true, fallback: null }) as string | null;
    let c: unknown = Formatter;
    const className = new Section(cp, sectname).get("class");
    if (className) c = resolveDotted(pyStrip(className), extra);
    if (typeof c !== "function") throw typeError(`${quoteLikePython(className ?? "")} object is not callable`);
    const F = c as new (...a: unknown[]) => Formatter;
    let f: Formatter;
    if (defaults !== null) {
      const d = evalLiteral(defaults, argsResolver(extra));
      f = new F(fs, dfs, stl, { defaults: toJS(d) });
    } else {
      f = new F(fs, dfs, stl);
    }
    formatters.set(form, f);
  }
  return formatters;
}

/** Python's `_install_handlers`: handlers in the order `keys=` lists them, MemoryHandler targets fixed up last. */
function installHandlers(
  cp: RawConfigParser,
  formatters: Map<string, Formatter>,
  extra: Record<string, unknown>,
): Map<string, Handler> {
  const hlist = new Section(cp, "handlers").item("keys");
  const handlers = new Map<string, Handler>();
  if (!hlist.length) return handlers;
  const fixups: Array<[MemoryHandler, string]> = [];
  const resolver = argsResolver(extra);
  for (const hand of names(hlist)) {
    const section = new Section(cp, `handler_${hand}`);
    const spec = section.item("class");
    const fmt = section.get("formatter", "") as string;
    const klass = resolveHandlerClass(spec, extra);
    const args = evalLiteral(section.get("args", "()") as string, resolver);
    const kwargs = evalLiteral(section.get("kwargs", "{}") as string, resolver);
    const h = callPython(klass, args, kwargs, classLabel(klass, spec)) as Handler;
    h.name = hand;
    if (section.has("level")) h.setLevel(section.item("level"));
    if (fmt.length) {
      if (!formatters.has(fmt)) throw keyError(fmt);
      h.setFormatter(formatters.get(fmt)!);
    }
    if (typeof klass === "function" && (klass === MemoryHandler || klass.prototype instanceof MemoryHandler)) {
      const target = section.get("target", "") as string;
      if (target.length) fixups.push([h as MemoryHandler, target]);
    }
    handlers.set(hand, h);
  }
  for (const [h, t] of fixups) {
    if (!handlers.has(t)) throw keyError(t);
    h.setTarget(handlers.get(t)!);
  }
  return handlers;
}

function addHandlers(logger: Logger, list: string, handlers: Map<string, Handler>): void {
  if (!list.length) return;
  for (const hand of names(list)) {
    if (!handlers.has(hand)) throw keyError(hand);
    logger.addHandler(handlers.get(hand)!);
  }
}

/** Python's `_install_loggers` and `_handle_existing_loggers`. */
function installLoggers(cp: RawConfigParser, handlers: Map<string, Handler>, disableExisting: boolean): void {
  const llist = names(new Section(cp, "loggers").item("keys"));
  const at = llist.indexOf("root");
  if (at < 0) throw valueError("list.remove(x): x not in list");
  llist.splice(at, 1);
  const rootSection = new Section(cp, "logger_root");
  if (rootSection.has("level")) root.setLevel(rootSection.item("level"));
  for (const h of [...root.handlers]) root.removeHandler(h);
  addHandlers(root, rootSection.item("handlers"), handlers);

  // Loggers that exist and are not configured here are disabled (unless asked not to), except
  // children of configured loggers, which are reset so that they log through their parents.
  const existing = [...root.manager.loggerDict.keys()].sort();
  const children: string[] = [];
  for (const log of llist) {
    const section = new Section(cp, `logger_${log}`);
    const qn = section.item("qualname");
    const propagate = section.has("propagate") ? pyInt(section.item("propagate")) : 1;
    const logger = getLogger(qn);
    const i = existing.indexOf(qn);
    if (i >= 0) {
      const prefixed = qn + ".";
      for (let j = i + 1; j < existing.length; j++) if (existing[j]!.startsWith(prefixed)) children.push(existing[j]!);
      existing.splice(i, 1);
    }
    if (section.has("level")) logger.setLevel(section.item("level"));
    for (const h of [...logger.handlers]) logger.removeHandler(h);
    logger.propagate = Boolean(propagate);
    logger.disabled = false;
    addHandlers(logger, section.item("handlers"), handlers);
  }
  for (const log of existing) {
    const logger = root.manager.loggerDict.get(log);
    if (children.includes(log)) {
      if (logger instanceof Logger) {
        logger.setLevel(NOTSET);
        logger.handlers = [];
        logger.propagate = true;
      }
    } else if (logger instanceof Logger || logger instanceof PlaceHolder) {
      (logger as { disabled: boolean }).disabled = disableExisting;
    }
  }
}

function label(fname: unknown): string {
  if (typeof fname === "string") return fname;
  if (fname instanceof URL) return fileURLToPath(fname);
  if (Array.isArray(fname)) return `[${fname.map((f) => quoteLikePython(label(f))).join(", ")}]`;
  return String(fname);
}

/** Python's "{fname} doesn't exist" / "is an empty file" checks, for a single path. */
function checkFile(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw pyError("FileNotFoundError", `${path} doesn't exist`);
  }
  if (!size) throw pyError("RuntimeError", `${path} is an empty file`);
}

/** Python's `fileConfig(fname, defaults=None, disable_existing_loggers=True, encoding=None)`, plus `names`. */
const FILE_CONFIG_SIGNATURE = functionSignature(
  "fileConfig",
  ["fname", "defaults", "disable_existing_loggers", "encoding", "names"],
  1,
);

/**
 * Configures logging from a file in Python's `fileConfig` (INI) format,
 * exactly as CPython 3.11 does: formatters, then (after closing every
 * existing handler) handlers and loggers; existing loggers not named in the
 * file are disabled unless `disable_existing_loggers` is false.
 *
 * `fname` is a path (or a `file:` URL, or a list of paths, missing ones
 * skipped as Python's `ConfigParser.read` does), an object with
 * `readline()` (a Python-style file), a parsed {@link ConfigParser} /
 * {@link RawConfigParser}, or an object `{ section: { key: value } }` read
 * as `read_dict` reads it. Positional arguments follow Python's order
 * (`fname, defaults, disable_existing_loggers, encoding`), or pass one
 * options object.
 *
 * `args=` and `kwargs=` are evaluated as Python literals, never as code.
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * logging.config.fileConfig("logging.ini", { defaults: { logdir: "/var/log/app" } });
 * ```
 * @example
 * ```ts
 * const cp = new logging.config.ConfigParser();
 * cp.read_string(iniText);
 * logging.config.fileConfig(cp, { disable_existing_loggers: false });
 * ```
 */
export function fileConfig(
  fname: FileConfigSource,
  defaults?: Record<string, unknown> | null,
  disable_existing_loggers?: boolean,
  encoding?: string | null,
  options?: FileConfigOptions,
): void;
export function fileConfig(fname: FileConfigSource, options?: FileConfigOptions): void;
export function fileConfig(...argv: unknown[]): void {
  const a = bindArgs(FILE_CONFIG_SIGNATURE, argv);
  const fname = a.fname as FileConfigSource;
  const defaults = (a.defaults as Record<string, unknown> | null | undefined) ?? null;
  const disableExisting = a.disable_existing_loggers === undefined ? true : Boolean(a.disable_existing_loggers);
  const encoding = (a.encoding as string | null | undefined) ?? null;
  const extra = (a.names as Record<string, unknown> | null | undefined) ?? {};

  if (typeof fname === "string" || fname instanceof URL) checkFile(label(fname));
  let cp: RawConfigParser;
  if (fname instanceof RawConfigParser) {
    cp = fname;
  } else {
    try {
      cp = new ConfigParser(defaults);
      if (typeof fname === "string" || fname instanceof URL || Array.isArray(fname)) {
        cp.read(fname as string | URL | Array<string | URL>, encoding);
      } else if (isFileLike(fname)) {
        cp.read_file(fileLines(fname), typeof fname.name === "string" ? fname.name : "<???>");
      } else if (isPlainObject(fname)) {
        cp.read_dict(fname as Record<string, Record<string, unknown>>);
      } else {
        throw typeError(`fileConfig() expects a path, a ConfigParser or an object of sections, not ${typeof fname}`);
      }
    } catch (e) {
      if (e instanceof ParsingError) throw pyError("RuntimeError", `${label(fname)} is invalid: ${e.message}`, e);
      throw e;
    }
  }

  const formatters = createFormatters(cp, extra);
  // Python's _clearExistingHandlers: every handler made so far is flushed and closed.
  const old = liveHandlers();
  clearHandlerRegistry();
  shutdown(old).catch(() => undefined);
  const handlers = installHandlers(cp, formatters, extra);
  installLoggers(cp, handlers, disableExisting);
}
