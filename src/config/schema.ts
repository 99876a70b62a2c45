/**
 * The shape of a `dictConfig` document (Python's "Configuration dictionary
 * schema"), as types: editors complete the keys, and a misspelt top-level
 * or section key is a compile error. Values stay as open as Python's: a
 * handler section passes its other keys to the handler's constructor, and
 * `"()"` names a factory whose other keys are its arguments, so those
 * sections accept extra keys.
 */
import type { Filter, FilterLike } from "../core/filter.js";

/** A level: a number or a level name (`"INFO"`). */
export type DictConfigLevel = number | string;

/** A `"()"` user-defined factory: a dotted name (`"ext://…"` resolution applies) or a function. */
export type DictConfigFactory = string | ((...args: never[]) => unknown);

/** One entry of `formatters`. */
export interface DictConfigFormatter {
  /** The format string (Python's `fmt`). */
  format?: string | null;
  /** The date format (`%Y-%m-%d %H:%M:%S`). */
  datefmt?: string | null;
  /** The format style. */
  style?: "%" | "{" | "$";
  /** Check the format string at configuration time (default true). */
  validate?: boolean;
  /** Default values for fields the record lacks. */
  defaults?: Record<string, unknown> | null;
  /** The formatter class, as a dotted name (`"logging.Formatter"`) or the class itself. */
  class?: DictConfigFactory;
  /** A factory building the formatter; its other keys are its arguments. */
  "()"?: DictConfigFactory;
  /** Attributes set on the result of a `"()"` factory. */
  "."?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One entry of `filters`. */
export interface DictConfigFilter {
  /** The logger name the filter passes (Python's `logging.Filter(name)`). */
  name?: string;
  /** A factory building the filter; its other keys are its arguments. */
  "()"?: DictConfigFactory;
  /** Attributes set on the result of a `"()"` factory. */
  "."?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One entry of `handlers`: its other keys go to the handler's constructor (`filename`, `maxBytes`, …). */
export interface DictConfigHandler {
  /**
   * The handler class as a dotted name (`"logging.StreamHandler"`,
   * `"logging.handlers.RotatingFileHandler"`) or the class itself.
   */
  class?: DictConfigFactory;
  /** A factory building the handler; its other keys are its arguments. */
  "()"?: DictConfigFactory;
  /** The handler's level. */
  level?: DictConfigLevel;
  /** The id of an entry of `formatters`. */
  formatter?: string;
  /** Ids of entries of `filters`, or filter objects. */
  filters?: Array<string | Filter | FilterLike>;
  /** The stream of a `StreamHandler`: `"ext://sys.stdout"`, `"ext://sys.stderr"`. */
  stream?: unknown;
  /** The file of a file handler. */
  filename?: string;
  /** Attributes set on the handler after it is built. */
  "."?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One entry of `loggers`, or `root`. */
export interface DictConfigLogger {
  /** The logger's level. */
  level?: DictConfigLevel;
  /** Ids of entries of `handlers`. */
  handlers?: string[];
  /** Ids of entries of `filters`, or filter objects. */
  filters?: Array<string | Filter | FilterLike>;
  /** Whether records go on to the parent's handlers (not for `root`). */
  propagate?: boolean;
}

/**
 * A `dictConfig` document. `dictConfig` also takes any plain object
 * (`Record<string, unknown>`), for documents this type cannot describe:
 * a section or value given as a `cfg://` reference into the document, with
 * the extra top-level keys such references point at.
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * const config: logging.config.DictConfig = {
 *   version: 1,
 *   formatters: { plain: { format: "%(levelname)s %(name)s: %(message)s" } },
 *   handlers: { console: { class: "logging.StreamHandler", formatter: "plain", stream: "ext://sys.stdout" } },
 *   loggers: { app: { level: "DEBUG" } },
 *   root: { level: "WARNING", handlers: ["console"] },
 * };
 * logging.config.dictConfig(config);
 * ```
 */
export interface DictConfig {
  /** The schema version: 1, the only one. */
  version: 1;
  /** Formatters by id. */
  formatters?: Record<string, DictConfigFormatter>;
  /** Filters by id. */
  filters?: Record<string, DictConfigFilter>;
  /** Handlers by id. */
  handlers?: Record<string, DictConfigHandler>;
  /** Loggers by name. */
  loggers?: Record<string, DictConfigLogger>;
  /** The root logger. */
  root?: DictConfigLogger;
  /** Change only levels and propagate of existing objects (default false). */
  incremental?: boolean;
  /** Disable the loggers that exist and are not named here (default true). */
  disable_existing_loggers?: boolean;
}
