/**
 * dictConfig: Python's dictionary schema (version 1), so the configuration
 * document a Python service uses configures a Node service unchanged.
 * Python class paths (`logging.handlers.RotatingFileHandler`) and
 * `ext://sys.stdout` resolve to logxide's equivalents; an application's
 * own classes resolve once registered (`register` in ./names.ts).
 *
 * Values are converted as CPython's converting containers do: a container
 * is wrapped when read and a `cfg://` or `ext://` string is resolved when
 * read, once, and the result stored back. A document with many
 * `cfg://` references to itself therefore costs only what is read. The
 * wrapping is a Proxy over a shallow copy: the caller's document is never
 * modified.
 */
import { keyError, pyError, quoteLikePython, typeError, valueError } from "../py/errors.js";
import { Filter, type FilterLike, type Filterer } from "../core/filter.js";
import { Formatter } from "../format/formatter.js";
import { Handler } from "../handlers/handler.js";
import { clearHandlerRegistry, getHandlerByName, liveHandlers } from "../handlers/registry.js";
import { MemoryHandler } from "../handlers/memory.js";
import { QueueHandler, QueueListener, SimpleQueue } from "../handlers/queue.js";
import { pyRepr } from "../py/repr.js";
import { bindArgs, isPlainObject, keywords, ownSignature, type Signature } from "../py/kwargs.js";
import { checkLevel, NOTSET } from "../core/levels.js";
import { getLogger, Logger, PlaceHolder, root } from "../core/logger.js";
import { shutdown } from "../module.js";
import { importName, resolveName } from "./names.js";
import type { DictConfig } from "./schema.js";

type Dict = Record<string, unknown>;
const has = (o: object, k: string): boolean => Object.hasOwn(o, k);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Bounds on what one document may make the configurator do. A reference
 * chain deeper than `MAX_REFERENCE_DEPTH` is a cycle in practice (CPython
 * overflows its stack); `MAX_CONVERSIONS` containers wrapped or references
 * resolved, or `MAX_ARGUMENT_VALUES` values copied into a built-in class's
 * arguments, is far beyond any real configuration and stops a document
 * built to expand exponentially.
 */
export const LIMITS = Object.freeze({ MAX_REFERENCE_DEPTH: 64, MAX_CONVERSIONS: 100_000, MAX_ARGUMENT_VALUES: 10_000 });

/** Python's truth value of a configuration value (`if level:`): empty containers are false. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v) || isConverting(v)) return Object.keys(v as object).length > 0;
  return Boolean(v);
}

/** Proxy → the copy it converts. */
const targets = new WeakMap<object, object>();
/** Proxy → the caller's object it was made from. */
const originals = new WeakMap<object, Dict | unknown[]>();
const isConverting = (v: unknown): v is object => v !== null && typeof v === "object" && targets.has(v);

/** The unconverted container behind a converting one (Python iterates those without converting). */
function raw<T>(v: T): T {
  return (isConverting(v) ? targets.get(v) : v) as T;
}

/** Python's name of a value's type, for `'int' object is not subscriptable`. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "function") return "type";
  return (v as object).constructor?.name ?? "object";
}

/** `d[key]` with Python's errors, for `cfg://` paths. */
function subscript(d: unknown, key: string, numeric: boolean): unknown {
  if (Array.isArray(d) || (isConverting(d) && Array.isArray(raw(d)))) {
    const list = d as unknown[];
    if (!numeric) throw typeError("list indices must be integers or slices, not str");
    const n = Number(key);
    if (n >= list.length) throw pyError("IndexError", "list index out of range");
    return list[n];
  }
  if (typeof d === "string") {
    if (!numeric) throw typeError("string indices must be integers, not 'str'");
    const n = Number(key);
    if (n >= d.length) throw pyError("IndexError", "string index out of range");
    return d[n];
  }
  if (isPlainObject(d) || isConverting(d)) {
    // Python tries an all-digit index as an int first: a dict's string keys never match it.
    if (numeric) throw pyError("KeyError", key);
    if (has(d as object, key)) return (d as Dict)[key];
    throw keyError(key);
  }
  throw typeError(`${quoteLikePython(typeName(d))} object is not subscriptable`);
}

/** `ValueError(text)` with the original error as `cause`, as Python's `raise … from e`. */
function wrap(text: string, err: unknown): Error {
  return valueError(text, err);
}

/** True for a JS class (called with `new`), false for a plain factory function. */
function isClass(f: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/**
 * Python's `BaseConfigurator`: converts `ext://` and `cfg://` strings in a
 * configuration document, lazily, and builds objects from entries.
 */
export class BaseConfigurator {
  /** The document as a converting container. */
  config: Dict;
  #conversions = 0;
  #depth = 0;

  constructor(config: Dict) {
    this.config = this.#wrap(config as Dict) as Dict;
  }

  /** A converting container over a shallow copy of `value`. */
  #wrap(value: Dict | unknown[]): object {
    this.#count();
    const copy: Dict | unknown[] = Array.isArray(value) ? value.slice() : { ...value };
    const self = this;
    const proxy = new Proxy(copy, {
      get(target, key, receiver) {
        if (typeof key === "symbol" || !Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
        return self.#item(target as Dict, key);
      },
    });
    targets.set(proxy, copy);
    originals.set(proxy, value);
    return proxy;
  }

  /** `target[key]` converted, the result stored back (Python's `convert_with_key`). */
  #item(target: Dict, key: string): unknown {
    const item = target[key];
    const result = this.convert(item);
    if (result !== item) target[key] = result;
    return result;
  }

  #count(): void {
    if (++this.#conversions > LIMITS.MAX_CONVERSIONS) {
      throw valueError(
        `configuration expands to more than ${LIMITS.MAX_CONVERSIONS} values (cfg:// references to itself?)`,
      );
    }
  }

  /**
   * Python's `convert`: plain objects and arrays become converting
   * containers, `ext://` and `cfg://` strings are resolved; everything else
   * is returned as is.
   */
  convert(value: unknown): unknown {
    if (typeof value === "string") {
      if (value.startsWith("ext://")) return this.ext_convert(value.slice(6));
      if (value.startsWith("cfg://")) return this.cfg_convert(value.slice(6));
      return value;
    }
    if (value === null || typeof value !== "object" || targets.has(value)) return value;
    if (Array.isArray(value) || isPlainObject(value)) return this.#wrap(value as Dict);
    return value;
  }

  /** `ext://sys.stdout` and Python class paths → logxide objects. */
  ext_convert(value: string): unknown {
    return resolveName(value);
  }

  /** Python's `resolve`: a dotted name → the registered object, or `ValueError: Cannot resolve …`. */
  resolve(name: string): unknown {
    return resolveName(name);
  }

  /** `cfg://handlers.h1.level`, `cfg://list[0]`: a value from the document itself, converted on access. */
  cfg_convert(value: string): unknown {
    this.#count();
    if (++this.#depth > LIMITS.MAX_REFERENCE_DEPTH) {
      this.#depth = 0;
      throw valueError(
        `cfg:// references nested more than ${LIMITS.MAX_REFERENCE_DEPTH} deep (a reference cycle?): ${quoteLikePython(value)}`,
      );
    }
    try {
      const word = /^\s*(\w+)\s*/.exec(value);
      if (!word) throw valueError(`Unable to convert ${quoteLikePython(value)}`);
      let rest = value.slice(word[0].length);
      let d: unknown = subscript(this.config, word[1]!, false);
      while (rest) {
        const dot = /^\.\s*(\w+)\s*/.exec(rest);
        const index = dot ? null : /^\[\s*(\w+)\s*\]\s*/.exec(rest);
        const m = dot ?? index;
        if (!m) throw valueError(`Unable to convert ${quoteLikePython(value)} at ${quoteLikePython(rest)}`);
        d = subscript(d, m[1]!, index !== null && /^\d+$/.test(m[1]!));
        rest = rest.slice(m[0].length);
      }
      return d;
    } finally {
      if (this.#depth > 0) this.#depth--;
    }
  }

  /**
   * A plain copy of a converted value, for logxide's own classes (which keep
   * their arguments): converting containers become arrays and objects,
   * within `MAX_ARGUMENT_VALUES` values.
   */
  materialize(value: unknown, budget = { left: LIMITS.MAX_ARGUMENT_VALUES }): unknown {
    if (--budget.left < 0) {
      throw valueError(
        `argument expands to more than ${LIMITS.MAX_ARGUMENT_VALUES} values (cfg:// references to itself?)`,
      );
    }
    if (!isConverting(value)) return value;
    const target = raw(value) as Dict;
    // An object literal with methods given from JS (a stream `{ write(s) {…} }`) is an object, not
    // data: the class gets the caller's object itself, as Python passes any non-dict object.
    const original = originals.get(value)!;
    if (!Array.isArray(original) && Object.values(original).some((v) => typeof v === "function")) return original;
    if (Array.isArray(target)) {
      const out: unknown[] = [];
      for (let i = 0; i < target.length; i++) out.push(this.materialize(this.#item(target, String(i)), budget));
      return out;
    }
    const out: Dict = {};
    for (const k of Object.keys(target)) {
      Object.defineProperty(out, k, {
        value: this.materialize(this.#item(target, k), budget),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** A class or factory: a function as given, or a dotted name resolved. */
  resolveFactory(spec: unknown): Function {
    const c = typeof spec === "function" ? spec : this.resolve(String(spec));
    if (typeof c !== "function") throw typeError(`${quoteLikePython(typeName(c))} object is not callable`);
    return c;
  }

  /** The keyword arguments of an entry: every key but `skip`, each an identifier (Python's `valid_ident`). */
  keywordArgs(config: Dict, skip: readonly string[]): Dict {
    const kwargs: Dict = {};
    for (const k of Object.keys(config)) {
      if (skip.includes(k)) continue;
      if (!IDENTIFIER.test(k)) throw valueError(`Not a valid Python identifier: ${quoteLikePython(k)}`);
      Object.defineProperty(kwargs, k, { value: config[k], enumerable: true, writable: true, configurable: true });
    }
    return kwargs;
  }

  /**
   * Python's `factory(**kwargs)`, with one keyword object (marked by
   * `keywords()`, so a base class's `bindArgs` rejects unknown keys). A
   * class declaring its own `signature` has the keywords checked against it
   * first (Python's `TypeError`) and receives plain values; other classes
   * and factories receive containers that convert on access, as in Python.
   */
  construct(factory: Function, kwargs: Dict): unknown {
    const sig: Signature | null = ownSignature(factory);
    let args = kwargs;
    if (sig) {
      bindArgs(sig, [keywords({ ...kwargs })]);
      const budget = { left: LIMITS.MAX_ARGUMENT_VALUES };
      args = {};
      for (const k of Object.keys(kwargs)) {
        const v = k === "defaults" ? raw(kwargs[k]) : this.materialize(kwargs[k], budget);
        Object.defineProperty(args, k, {
          value: k === "defaults" && isPlainObject(v) ? { ...v } : v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    keywords(args);
    return isClass(factory) ? new (factory as new (o: Dict) => unknown)(args) : (factory as (o: Dict) => unknown)(args);
  }

  /** A `()` entry: the other identifier keys are the factory's keyword arguments; `.` sets attributes. */
  configure_custom(config: Dict): unknown {
    const factory = this.resolveFactory(config["()"]);
    const result = this.construct(factory, this.keywordArgs(config, ["()", "."]));
    setProps(result, config["."]);
    return result;
  }

  /** A formatter: `()` factory, `class`, or logging.Formatter from format/datefmt/style/validate/defaults. */
  configure_formatter(config: Dict): Formatter {
    if (has(config, "()")) {
      try {
        return this.configure_custom(config) as Formatter;
      } catch (e) {
        // Python retries with the older name of the parameter (`fmt`), as Django's configurations need.
        if (!(e instanceof Error && e.name === "TypeError" && e.message.includes("'format'"))) throw e;
        const retry: Dict = {};
        for (const k of Object.keys(config)) retry[k === "format" ? "fmt" : k] = raw(config)[k as never];
        return this.configure_custom(this.convert(retry) as Dict) as Formatter;
      }
    }
    const cname = config.class;
    const cls = cname ? (typeof cname === "function" ? cname : importName(String(cname))) : Formatter;
    if (typeof cls !== "function") throw typeError(`${quoteLikePython(typeName(cls))} object is not callable`);
    const sig = (cls as { signature?: Signature }).signature;
    if (sig && !sig.params.includes("fmt")) {
      // A formatter whose parameters are not Formatter's (JSONFormatter) takes the entry's keys by name.
      return this.construct(cls, this.keywordArgs(config, ["class", "."])) as Formatter;
    }
    const fmt = has(config, "format") ? config.format : null;
    const dfmt = has(config, "datefmt") ? config.datefmt : null;
    const style = has(config, "style") ? config.style : "%";
    const args: unknown[] = [fmt, dfmt, style];
    if (has(config, "validate")) args.push(config.validate);
    // Python 3.12: `defaults` passed only when given, so formatter classes without it still work.
    const defaults = has(config, "defaults") ? raw(config.defaults) : null;
    if (defaults !== null && defaults !== undefined) {
      args.push(keywords({ defaults: isPlainObject(defaults) ? { ...defaults } : defaults }));
    }
    const C = cls as new (...a: unknown[]) => Formatter;
    return isClass(cls) ? new C(...args) : (cls as (...a: unknown[]) => Formatter)(...args);
  }

  /** A filter: `()` factory, or logging.Filter(name). */
  configure_filter(config: Dict): FilterLike {
    if (has(config, "()")) return this.configure_custom(config) as FilterLike;
    return new Filter(has(config, "name") ? (config.name as string) : "");
  }

  /** Adds the filters named (or given as filter objects/functions) to `filterer`. */
  add_filters(filterer: Filterer, filters: unknown): void {
    for (const f of raw(filters) as unknown[]) {
      try {
        if (
          typeof f === "function" ||
          (f !== null && typeof f === "object" && typeof (f as { filter?: unknown }).filter === "function")
        ) {
          filterer.addFilter(f as FilterLike);
        } else {
          const all = subscript(this.config, "filters", false);
          filterer.addFilter(subscript(all, String(f), false) as FilterLike);
        }
      } catch (e) {
        throw wrap(`Unable to add filter ${quoteLikePython(String(f))}`, e);
      }
    }
  }

  /** A handler: the entry's keys other than class/()/formatter/level/filters/. are keyword arguments. */
  configure_handler(config: Dict): Handler {
    const formatterName = has(config, "formatter") ? config.formatter : null;
    let formatter: Formatter | null = null;
    if (truthy(formatterName)) {
      try {
        formatter = subscript(subscript(this.config, "formatters", false), String(formatterName), false) as Formatter;
      } catch (e) {
        throw wrap(`Unable to set formatter ${quoteLikePython(String(formatterName))}`, e);
      }
    }
    const level = has(config, "level") ? config.level : null;
    const filters = has(config, "filters") ? config.filters : null;
    let factory: Function;
    const kwargs = this.keywordArgs(config, ["()", "class", "formatter", "level", "filters", "."]);
    if (has(config, "()")) {
      factory = this.resolveFactory(config["()"]);
    } else {
      const cname = has(config, "class") ? config.class : null;
      if (typeof cname !== "string" && typeof cname !== "function") {
        // Python pops a missing `class` as None and fails to split it.
        throw pyError("AttributeError", `${quoteLikePython(typeName(cname))} object has no attribute 'split'`);
      }
      factory = this.resolveFactory(cname);
      if ((factory === MemoryHandler || factory.prototype instanceof MemoryHandler) && has(kwargs, "target")) {
        // A MemoryHandler names its target handler, which may come later in sorted order.
        const tn = raw(config).target;
        try {
          const th = subscript(subscript(this.config, "handlers", false), String(tn), false);
          if (!(th instanceof Handler)) throw new NotYetConfigured();
          kwargs.target = th;
        } catch (e) {
          throw wrap(`Unable to set target handler ${quoteLikePython(String(tn))}`, e);
        }
      } else if (factory === QueueHandler || factory.prototype instanceof QueueHandler) {
        factory = this.queueHandlerFactory(factory, kwargs);
      }
    }
    let result: Handler;
    try {
      result = this.construct(factory, kwargs) as Handler;
    } catch (e) {
      // Python retries with the older name of StreamHandler's parameter (`strm`).
      if (!(e instanceof Error && e.name === "TypeError" && e.message.includes("'stream'"))) throw e;
      kwargs.strm = kwargs.stream;
      delete kwargs.stream;
      result = this.construct(factory, kwargs) as Handler;
    }
    if (formatter) result.setFormatter(formatter);
    if (level !== null && level !== undefined) result.setLevel(checkLevel(level));
    if (truthy(filters)) this.add_filters(result, filters);
    setProps(result, has(config, ".") ? config["."] : null);
    return result;
  }

  /**
   * Python 3.12's QueueHandler entry: `queue` (a queue, a dotted name of a
   * queue class or factory, or a `()` entry; in a worker thread
   * `"ext://worker_threads.parentPort"`), `listener` (a QueueListener
   * class, its name, or a `()` entry) and `handlers` (names of handlers the
   * listener passes records to) build `handler.listener`, not started:
   * call `handler.listener.start()`, as in Python.
   */
  queueHandlerFactory(klass: Function, kwargs: Dict): Function {
    if (has(kwargs, "queue")) {
      const qspec = kwargs.queue;
      const isQueue =
        qspec !== null &&
        typeof qspec === "object" &&
        !isConverting(qspec) &&
        (typeof (qspec as { put_nowait?: unknown }).put_nowait === "function" ||
          typeof (qspec as { push?: unknown }).push === "function" ||
          typeof (qspec as { postMessage?: unknown }).postMessage === "function");
      if (!isQueue) {
        let q: unknown;
        if (typeof qspec === "string" || typeof qspec === "function") {
          const c = typeof qspec === "function" ? qspec : this.resolve(qspec);
          if (typeof c !== "function") throw typeError(`Invalid queue specifier ${pyRepr(raw(qspec))}`);
          q = isClass(c) ? new (c as new () => unknown)() : (c as () => unknown)();
        } else if (isConverting(qspec) && !Array.isArray(raw(qspec))) {
          if (!has(qspec, "()")) throw typeError(`Invalid queue specifier ${pyRepr(raw(qspec))}`);
          q = this.configure_custom(qspec as Dict);
        } else {
          throw typeError(`Invalid queue specifier ${pyRepr(raw(qspec))}`);
        }
        kwargs.queue = q;
      }
    }
    if (has(kwargs, "listener")) {
      const lspec = kwargs.listener;
      const invalid = (): Error => typeError(`Invalid listener specifier ${pyRepr(raw(lspec))}`);
      let listener: unknown;
      if (typeof lspec === "string" || typeof lspec === "function") {
        listener = typeof lspec === "function" ? lspec : this.resolve(lspec);
        if (isClass(listener as Function) && !isListenerClass(listener)) throw invalid();
      } else if (isConverting(lspec) && !Array.isArray(raw(lspec))) {
        if (!has(lspec, "()")) throw invalid();
        listener = this.configure_custom(lspec as Dict);
      } else {
        throw invalid();
      }
      if (typeof listener !== "function") throw invalid();
      kwargs.listener = listener;
    }
    if (has(kwargs, "handlers")) {
      const list: Handler[] = [];
      let hn: unknown;
      try {
        for (hn of raw(kwargs.handlers) as unknown[]) {
          const h = subscript(subscript(this.config, "handlers", false), String(hn), false);
          if (!(h instanceof Handler))
            throw new NotYetConfigured(`Required handler ${pyRepr(hn)} is not configured yet`);
          list.push(h);
        }
      } catch (e) {
        throw wrap(`Unable to set required handler ${pyRepr(hn)}`, e);
      }
      kwargs.handlers = list;
    }
    return (kw: Dict): Handler => {
      const { queue, respect_handler_level, listener, handlers, ...rest } = kw;
      const q = queue ?? new SimpleQueue();
      const Listener = (listener ?? QueueListener) as Function;
      const hs = (handlers ?? []) as Handler[];
      const options = { respect_handler_level: truthy(respect_handler_level) };
      const made = isClass(Listener)
        ? new (Listener as new (...a: unknown[]) => QueueListener)(q, ...hs, options)
        : (Listener as (...a: unknown[]) => QueueListener)(q, ...hs, options);
      const handler = this.construct(klass, { queue: q, ...rest }) as QueueHandler;
      handler.listener = made;
      return handler;
    };
  }

  /** Adds the handlers named to `logger`. */
  add_handlers(logger: Logger, handlers: unknown): void {
    for (const h of raw(handlers) as unknown[]) {
      try {
        logger.addHandler(subscript(subscript(this.config, "handlers", false), String(h), false) as Handler);
      } catch (e) {
        throw wrap(`Unable to add handler ${quoteLikePython(String(h))}`, e);
      }
    }
  }

  /** Level, and (unless incremental) handlers and filters: what root and other loggers share. */
  common_logger_config(logger: Logger, config: Dict, incremental = false): void {
    const level = has(config, "level") ? config.level : null;
    if (level !== null && level !== undefined) logger.setLevel(checkLevel(level));
    if (!incremental) {
      for (const h of [...logger.handlers]) logger.removeHandler(h);
      const handlers = has(config, "handlers") ? config.handlers : null;
      if (truthy(handlers)) this.add_handlers(logger, handlers);
      const filters = has(config, "filters") ? config.filters : null;
      if (truthy(filters)) this.add_filters(logger, filters);
    }
  }

  /** A named logger: enabled, its level, handlers, filters and `propagate`. */
  configure_logger(name: string, config: Dict, incremental = false): void {
    const logger = getLogger(name);
    this.common_logger_config(logger, config, incremental);
    logger.disabled = false;
    const propagate = has(config, "propagate") ? config.propagate : null;
    if (propagate !== null && propagate !== undefined) logger.propagate = truthy(propagate);
  }

  /** The root logger. */
  configure_root(config: Dict, incremental = false): void {
    this.common_logger_config(root, config, incremental);
  }
}

/** A handler referring to another handler that is configured later (retried once). */
class NotYetConfigured extends Error {
  constructor(message = "target not configured yet") {
    super(message);
    this.name = "TypeError";
  }
}

function setProps(target: unknown, props: unknown): void {
  // Python iterates `props.items()`, which does not convert the values.
  const p = raw(props);
  if (!truthy(p) || p === null || typeof p !== "object") return;
  for (const [k, v] of Object.entries(p)) {
    if (k === "__proto__" || k === "constructor" || k === "prototype") continue;
    (target as Dict)[k] = v;
  }
}

function isListenerClass(c: unknown): boolean {
  return c === QueueListener || (typeof c === "function" && c.prototype instanceof QueueListener);
}

/** Python's `DictConfigurator`: `new DictConfigurator(config).configure()`. */
export class DictConfigurator extends BaseConfigurator {
  /** Configures logging from the document, as Python's `DictConfigurator.configure`. */
  configure(): void {
    const config = this.config;
    if (!has(config, "version")) throw valueError("dictionary doesn't specify a version");
    const version = config.version;
    if (version !== 1 && version !== true) throw valueError(`Unsupported version: ${pyText(version)}`);
    const incremental = has(config, "incremental") && truthy(config.incremental);
    // Python's `config.get(key, EMPTY_DICT)` stores the empty converted dict in the document, so
    // a later `cfg://` or name lookup in a missing section fails on the name, not the section.
    const section = (key: string): Dict => {
      if (!has(config, key)) config[key] = this.convert({});
      return config[key] as Dict;
    };
    if (incremental) {
      const handlers = section("handlers");
      for (const name of Object.keys(handlers)) {
        const handler = getHandlerByName(name);
        if (!handler) throw valueError(`No handler found with name ${quoteLikePython(name)}`);
        try {
          const hc = handlers[name] as Dict;
          const level = has(hc, "level") ? hc.level : null;
          if (truthy(level)) handler.setLevel(checkLevel(level));
        } catch (e) {
          throw wrap(`Unable to configure handler ${quoteLikePython(name)}`, e);
        }
      }
      const loggers = section("loggers");
      for (const name of Object.keys(loggers)) {
        try {
          this.configure_logger(name, loggers[name] as Dict, true);
        } catch (e) {
          throw wrap(`Unable to configure logger ${quoteLikePython(name)}`, e);
        }
      }
      const rootCfg = has(config, "root") ? config.root : null;
      if (truthy(rootCfg)) {
        try {
          this.configure_root(rootCfg as Dict, true);
        } catch (e) {
          throw wrap("Unable to configure root logger", e);
        }
      }
      return;
    }
    const disableExisting = has(config, "disable_existing_loggers") ? truthy(config.disable_existing_loggers) : true;
    // Python's _clearExistingHandlers: every handler made so far is flushed and closed.
    const old = liveHandlers();
    clearHandlerRegistry();
    shutdown(old).catch(() => undefined);

    const formatters = section("formatters");
    for (const name of Object.keys(formatters)) {
      try {
        formatters[name] = this.configure_formatter(formatters[name] as Dict);
      } catch (e) {
        throw wrap(`Unable to configure formatter ${quoteLikePython(name)}`, e);
      }
    }
    const filters = section("filters");
    for (const name of Object.keys(filters)) {
      try {
        filters[name] = this.configure_filter(filters[name] as Dict);
      } catch (e) {
        throw wrap(`Unable to configure filter ${quoteLikePython(name)}`, e);
      }
    }
    const handlers = section("handlers");
    const deferred: string[] = [];
    for (const name of Object.keys(handlers).sort()) {
      try {
        const handler = this.configure_handler(handlers[name] as Dict);
        handler.name = name;
        handlers[name] = handler;
      } catch (e) {
        if (e instanceof Error && e.cause instanceof NotYetConfigured) deferred.push(name);
        else throw wrap(`Unable to configure handler ${quoteLikePython(name)}`, e);
      }
    }
    for (const name of deferred) {
      try {
        const handler = this.configure_handler(handlers[name] as Dict);
        handler.name = name;
        handlers[name] = handler;
      } catch (e) {
        throw wrap(`Unable to configure handler ${quoteLikePython(name)}`, e);
      }
    }
    // Existing loggers not named are disabled; children of named ones are reset.
    const existing = [...root.manager.loggerDict.keys()].sort();
    const children: string[] = [];
    const loggers = section("loggers");
    for (const name of Object.keys(loggers)) {
      const i = existing.indexOf(name);
      if (i >= 0) {
        const prefixed = name + ".";
        for (let j = i + 1; j < existing.length; j++) {
          if (existing[j]!.startsWith(prefixed)) children.push(existing[j]!);
        }
        existing.splice(i, 1);
      }
      try {
        this.configure_logger(name, loggers[name] as Dict);
      } catch (e) {
        throw wrap(`Unable to configure logger ${quoteLikePython(name)}`, e);
      }
    }
    for (const name of existing) {
      const logger = root.manager.loggerDict.get(name);
      if (children.includes(name)) {
        if (logger instanceof Logger) {
          logger.setLevel(NOTSET);
          logger.handlers = [];
          logger.propagate = true;
        }
      } else if (logger instanceof Logger) {
        logger.disabled = disableExisting;
      } else if (logger instanceof PlaceHolder) {
        (logger as unknown as { disabled: boolean }).disabled = disableExisting;
      }
    }
    // `"root": {}` is false in Python's `if root:`: the root logger is left as it was.
    const rootCfg = has(config, "root") ? config.root : null;
    if (truthy(rootCfg)) {
      try {
        this.configure_root(rootCfg as Dict);
      } catch (e) {
        throw wrap("Unable to configure root logger", e);
      }
    }
  }
}

/** Python's `str()` of a version value in `Unsupported version: …`. */
function pyText(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

/**
 * Configures logging from a dictionary in Python's `dictConfig` schema
 * (version 1): formatters, filters, handlers, loggers, root, incremental,
 * disable_existing_loggers. Invalid configuration throws Python's
 * `ValueError: Unable to configure handler 'h'` with the reason as `cause`.
 *
 * @example
 * ```ts
 * logging.config.dictConfig({
 *   version: 1,
 *   formatters: { plain: { format: "%(asctime)s %(levelname)s %(name)s: %(message)s" } },
 *   handlers: {
 *     console: { class: "logging.StreamHandler", formatter: "plain", stream: "ext://sys.stdout" },
 *     file: { class: "logging.handlers.RotatingFileHandler", filename: "app.log", maxBytes: 1048576, backupCount: 3 },
 *   },
 *   root: { level: "INFO", handlers: ["console", "file"] },
 * });
 * ```
 */
export function dictConfig(config: DictConfig | Record<string, unknown>): void {
  new DictConfigurator(config as Dict).configure();
}
