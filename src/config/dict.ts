/**
 * dictConfig: Python's dictionary schema (version 1), so the configuration
 * document a Python service uses configures a Node service unchanged.
 * Python class paths (`logging.handlers.RotatingFileHandler`) and
 * `ext://sys.stdout` resolve to logxide's equivalents.
 */
import { keyError, pyError, quoteLikePython, valueError } from "../py/errors.js";
import { Filter, type FilterLike, type Filterer } from "../core/filter.js";
import { Formatter, type Style } from "../format/formatter.js";
import { Handler } from "../handlers/handler.js";
import { clearHandlerRegistry, getHandlerByName, liveHandlers } from "../handlers/registry.js";
import { MemoryHandler } from "../handlers/memory.js";
import { isPlainObject } from "../py/kwargs.js";
import { checkLevel, NOTSET } from "../core/levels.js";
import { getLogger, Logger, PlaceHolder, root } from "../core/logger.js";
import { shutdown } from "../module.js";
import { resolveName } from "./names.js";

type Dict = Record<string, unknown>;
const has = (o: object, k: string): boolean => Object.hasOwn(o, k);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `ValueError(text % name)` with the original error as `cause`, as `raise … from e`. */
function wrap(text: string, err: unknown): Error {
  return valueError(text, err);
}

/**
 * Python's `BaseConfigurator`: converts `ext://` and `cfg://` strings in a
 * configuration document.
 */
export class BaseConfigurator {
  config: Dict;

  constructor(config: Dict) {
    this.config = config;
  }

  /** `ext://` and `cfg://` values resolved; everything else as is. */
  convert(value: unknown): any {
    if (typeof value !== "string") return value;
    if (value.startsWith("ext://")) return this.ext_convert(value.slice(6));
    if (value.startsWith("cfg://")) return this.cfg_convert(value.slice(6));
    return value;
  }

  /** `ext://sys.stdout` and Python class paths → logxide objects. */
  ext_convert(value: string): unknown {
    return resolveName(value);
  }

  /** `cfg://handlers.h1.level`, `cfg://list[0]`: a value from the document itself. */
  cfg_convert(value: string): unknown {
    const word = /^\s*(\w+)\s*/.exec(value);
    if (!word) throw valueError(`Unable to convert ${quoteLikePython(value)}`);
    let rest = value.slice(word[0].length);
    let d: unknown = item(this.config, word[1]);
    while (rest) {
      const dot = /^\.\s*(\w+)\s*/.exec(rest);
      const index = dot ? null : /^\[\s*(\w+)\s*\]\s*/.exec(rest);
      const m = dot ?? index;
      if (!m) throw valueError(`Unable to convert ${quoteLikePython(value)} at ${quoteLikePython(rest)}`);
      d = item(d, m[1], index !== null && /^\d+$/.test(m[1]));
      rest = rest.slice(m[0].length);
    }
    return this.convertDeep(d, 0);
  }

  /** Python's converting containers convert their items on access; here, on the way out. */
  convertDeep(value: unknown, depth: number): unknown {
    if (depth > 32) return value;
    if (Array.isArray(value)) return value.map((v) => this.convertDeep(v, depth + 1));
    if (isPlainObject(value)) {
      const out: Dict = {};
      for (const k of Object.keys(value)) out[k] = this.convertDeep(value[k], depth + 1);
      return out;
    }
    return this.convert(value);
  }

  /** A class or factory: a function as given, or a Python dotted path. */
  resolveFactory(spec: unknown): Function {
    const c = typeof spec === "string" ? resolveName(spec) : spec;
    if (typeof c !== "function") throw valueError(`Cannot resolve ${quoteLikePython(String(spec))}: not callable`);
    return c;
  }

  /** Calls a class (with `new`) or a plain factory with Python's keyword arguments as one object. */
  construct(factory: Function, kwargs: Dict): any {
    const isClass = /^class[\s{]/.test(Function.prototype.toString.call(factory));
    return isClass ? new (factory as new (o: Dict) => unknown)(kwargs) : (factory as (o: Dict) => unknown)(kwargs);
  }

  /** A `()` factory entry: remaining identifier keys are its keyword arguments; `.` sets attributes. */
  configureCustom(config: Dict): any {
    const factory = this.resolveFactory(this.convert(config["()"]));
    const kwargs: Dict = {};
    for (const k of Object.keys(config))
      if (k !== "()" && k !== "." && IDENT.test(k)) kwargs[k] = this.convert(config[k]);
    const result = this.construct(factory, kwargs);
    setProps(result, config["."]);
    return result;
  }

  configureFormatter(config: Dict): Formatter {
    if (has(config, "()")) {
      const custom = { ...config };
      if (has(custom, "format")) {
        custom.fmt = custom.format;
        delete custom.format;
      }
      return this.configureCustom(custom);
    }
    const fmt = (this.convert(config.format) as string | undefined) ?? null;
    const dfmt = (this.convert(config.datefmt) as string | undefined) ?? null;
    const style = ((this.convert(config.style) as Style | undefined) ?? "%") as Style;
    const cls = config.class ? this.resolveFactory(this.convert(config.class)) : Formatter;
    const defaults = (config.defaults as Dict | undefined) ?? null;
    const validate = has(config, "validate") ? Boolean(config.validate) : true;
    return new (cls as typeof Formatter)(fmt, dfmt, style, validate, defaults ? { defaults } : undefined);
  }

  configureFilter(config: Dict): FilterLike {
    if (has(config, "()")) return this.configureCustom({ ...config });
    return new Filter((this.convert(config.name) as string | undefined) ?? "");
  }

  configureHandler(raw: Dict, formatters: Dict, filters: Dict, handlers: Dict = {}): Handler {
    const config: Dict = { ...raw };
    let formatter: Formatter | null = null;
    if (config.formatter !== undefined && config.formatter !== null) {
      const name = config.formatter as string;
      if (!has(formatters, name)) {
        throw wrap(
          `Unable to set formatter ${quoteLikePython(String(name))}`,
          new Error(`KeyError: ${quoteLikePython(String(name))}`),
        );
      }
      formatter = formatters[name] as Formatter;
    }
    delete config.formatter;
    const level = config.level;
    delete config.level;
    const filterNames = config.filters as unknown[] | undefined;
    delete config.filters;
    let factory: Function;
    if (has(config, "()")) {
      factory = this.resolveFactory(this.convert(config["()"]));
      delete config["()"];
    } else {
      if (!has(config, "class")) throw new Error("KeyError: 'class'");
      factory = this.resolveFactory(this.convert(config.class));
      delete config.class;
      if ((factory === MemoryHandler || factory.prototype instanceof MemoryHandler) && has(config, "target")) {
        // A MemoryHandler names its target handler, which may come later in sorted order.
        const tn = config.target as string;
        const th = has(handlers, tn) ? handlers[tn] : undefined;
        if (!(th instanceof Handler)) {
          throw wrap(`Unable to set target handler ${quoteLikePython(String(tn))}`, new NotYetConfigured());
        }
        config.target = th;
      }
    }
    const props = config["."];
    delete config["."];
    const kwargs: Dict = {};
    for (const k of Object.keys(config)) if (IDENT.test(k)) kwargs[k] = this.convert(config[k]);
    const result = this.construct(factory, kwargs) as Handler;
    if (formatter) result.setFormatter(formatter);
    if (level !== undefined && level !== null) result.setLevel(checkLevel(this.convert(level)));
    if (filterNames) this.addFilters(result, filterNames, filters);
    setProps(result, props);
    return result;
  }

  addFilters(target: Filterer, names: unknown[], filters: Dict): void {
    for (const f of names) {
      try {
        if (
          typeof f === "function" ||
          (f !== null && typeof f === "object" && typeof (f as { filter?: unknown }).filter === "function")
        ) {
          target.addFilter(f as FilterLike);
        } else {
          if (!has(filters, f as string)) throw new Error(`KeyError: ${quoteLikePython(String(f))}`);
          target.addFilter(filters[f as string] as FilterLike);
        }
      } catch (e) {
        throw wrap(`Unable to add filter ${quoteLikePython(String(f))}`, e);
      }
    }
  }

  addHandlers(logger: Logger, names: unknown[], handlers: Dict): void {
    for (const h of names) {
      try {
        if (!has(handlers, h as string)) throw new Error(`KeyError: ${quoteLikePython(String(h))}`);
        logger.addHandler(handlers[h as string] as Handler);
      } catch (e) {
        throw wrap(`Unable to add handler ${quoteLikePython(String(h))}`, e);
      }
    }
  }

  commonLoggerConfig(logger: Logger, config: Dict, incremental: boolean, handlers: Dict, filters: Dict): void {
    const level = config.level;
    if (level !== undefined && level !== null) logger.setLevel(checkLevel(this.convert(level)));
    if (!incremental) {
      for (const h of [...logger.handlers]) logger.removeHandler(h);
      const hs = config.handlers as unknown[] | undefined;
      if (hs?.length) this.addHandlers(logger, hs, handlers);
      const fs = config.filters as unknown[] | undefined;
      if (fs?.length) this.addFilters(logger, fs, filters);
    }
  }

  configureLogger(name: string, config: Dict, incremental: boolean, handlers: Dict, filters: Dict): void {
    const logger = getLogger(name);
    this.commonLoggerConfig(logger, config, incremental, handlers, filters);
    logger.disabled = false;
    const propagate = config.propagate;
    if (propagate !== undefined && propagate !== null) logger.propagate = Boolean(propagate);
  }

  configure(): void {
    const config = this.config;
    if (!has(config, "version")) throw valueError("dictionary doesn't specify a version");
    if (config.version !== 1) throw valueError(`Unsupported version: ${String(config.version)}`);
    const incremental = Boolean(config.incremental);
    // Python's converting dicts resolve cfg:// and ext:// on access, sections included.
    const section = (key: string): Dict => {
      const value = this.convert(config[key]);
      const out: Dict = {};
      if (isPlainObject(value)) for (const k of Object.keys(value)) out[k] = this.convert(value[k]);
      return out;
    };
    const handlersCfg = section("handlers");
    const loggersCfg = section("loggers");
    const formattersCfg = section("formatters");
    const filtersCfg = section("filters");
    const rootCfg = this.convert(config.root) as Dict | undefined;
    if (incremental) {
      for (const name of Object.keys(handlersCfg)) {
        const handler = getHandlerByName(name);
        if (!handler) throw valueError(`No handler found with name ${quoteLikePython(name)}`);
        const level = (handlersCfg[name] as Dict).level;
        if (level !== undefined && level !== null) handler.setLevel(checkLevel(level));
      }
      for (const name of Object.keys(loggersCfg)) {
        try {
          this.configureLogger(name, loggersCfg[name] as Dict, true, {}, {});
        } catch (e) {
          throw wrap(`Unable to configure logger ${quoteLikePython(name)}`, e);
        }
      }
      if (rootCfg) {
        try {
          this.commonLoggerConfig(root, rootCfg, true, {}, {});
        } catch (e) {
          throw wrap("Unable to configure root logger", e);
        }
      }
      return;
    }
    const disableExisting = has(config, "disable_existing_loggers") ? Boolean(config.disable_existing_loggers) : true;
    // Python's _clearExistingHandlers: every handler made so far is flushed and closed.
    const old = liveHandlers();
    clearHandlerRegistry();
    shutdown(old).catch(() => undefined);

    const formatters: Dict = {};
    for (const name of Object.keys(formattersCfg)) {
      try {
        formatters[name] = this.configureFormatter(formattersCfg[name] as Dict);
      } catch (e) {
        throw wrap(`Unable to configure formatter ${quoteLikePython(name)}`, e);
      }
    }
    const filters: Dict = {};
    for (const name of Object.keys(filtersCfg)) {
      try {
        filters[name] = this.configureFilter(filtersCfg[name] as Dict);
      } catch (e) {
        throw wrap(`Unable to configure filter ${quoteLikePython(name)}`, e);
      }
    }
    const handlers: Dict = {};
    const deferred: string[] = [];
    for (const pass of [1, 2]) {
      const names = pass === 1 ? Object.keys(handlersCfg).sort() : deferred;
      for (const name of names) {
        try {
          const handler = this.configureHandler(handlersCfg[name] as Dict, formatters, filters, handlers);
          handler.name = name;
          handlers[name] = handler;
        } catch (e) {
          if (pass === 1 && e instanceof Error && e.cause instanceof NotYetConfigured) deferred.push(name);
          else throw wrap(`Unable to configure handler ${quoteLikePython(name)}`, e);
        }
      }
    }
    // Existing loggers not named are disabled; children of named ones are reset.
    const existing = [...root.manager.loggerDict.keys()].sort();
    const children: string[] = [];
    for (const name of Object.keys(loggersCfg)) {
      const i = existing.indexOf(name);
      if (i >= 0) {
        const prefixed = name + ".";
        for (let j = i + 1; j < existing.length; j++) {
          if (existing[j].startsWith(prefixed)) children.push(existing[j]);
        }
        existing.splice(i, 1);
      }
      try {
        this.configureLogger(name, loggersCfg[name] as Dict, false, handlers, filters);
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
    if (rootCfg) {
      try {
        this.commonLoggerConfig(root, rootCfg, false, handlers, filters);
      } catch (e) {
        throw wrap("Unable to configure root logger", e);
      }
    }
  }
}

/** A handler referring to another handler that is configured later (retried once). */
class NotYetConfigured extends Error {
  constructor() {
    super("target not configured yet");
    this.name = "TypeError";
  }
}

/** `d[key]` with Python's errors: `KeyError` for a missing key, `IndexError` past a list's end. */
function item(d: unknown, key: string, numeric = false): unknown {
  if (Array.isArray(d) && numeric) {
    const n = Number(key);
    if (n >= d.length) throw pyError("IndexError", "list index out of range");
    return d[n];
  }
  if (d !== null && typeof d === "object" && has(d, key)) return (d as Dict)[key];
  throw numeric ? pyError("KeyError", key) : keyError(key);
}

function setProps(target: unknown, props: unknown): void {
  if (!isPlainObject(props)) return;
  for (const [k, v] of Object.entries(props)) {
    if (k === "__proto__" || k === "constructor" || k === "prototype") continue;
    (target as Dict)[k] = v;
  }
}

/** Python's `DictConfigurator`: `new DictConfigurator(config).configure()`. */
export class DictConfigurator extends BaseConfigurator {}

/**
 * Configures logging from a dictionary in Python's `dictConfig` schema
 * (version 1): formatters, filters, handlers, loggers, root, incremental,
 * disable_existing_loggers.
 */
export function dictConfig(config: Record<string, unknown>): void {
  new DictConfigurator(config).configure();
}
