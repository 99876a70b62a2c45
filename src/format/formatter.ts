/**
 * Formatter: turns a record into text with the `%`, `{` or `$` style,
 * compiled once at construction. Also BufferingFormatter.
 */
import { valueError } from "../py/errors.js";
import { formatExceptionText } from "./exception.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { percentFormat } from "../py/printf.js";
import { ReusedTexts } from "./reusedText.js";
import { formatShare, offerFormatting } from "./shared.js";
import type { LogRecord } from "../core/record.js";
import { compileBrace, validateBrace } from "./styles/brace.js";
import { compileDollar, validateDollar } from "./styles/dollar.js";
import {
  compilePercent,
  lookupField,
  validatePercent,
  type FieldSource,
  type RecordRenderer,
} from "./styles/percent.js";
import { strftime } from "../py/strftime.js";
import { localtime, type TimeStruct } from "../py/time.js";
import { CALLER_FIELD, formatterMayReadCaller, markBuiltin } from "../core/callerPolicy.js";

/** Turns `created` (seconds) into a broken-down time: `localtime` or `gmtime`. */
export type Converter = (seconds: number) => TimeStruct;

/** The format styles, keyed as Python's `logging._STYLES`. */
export type Style = "%" | "{" | "$";

interface StyleDef {
  defaultFormat: string;
  validate(fmt: string): void;
  compile(fmt: string): RecordRenderer;
  usesTime(fmt: string): boolean;
}

function viaLookup(render: (lookup: (name: string) => unknown) => string): RecordRenderer {
  return (record, defaults) => render((name) => lookupField(record, defaults, name));
}

const STYLES: Record<Style, StyleDef> = {
  "%": {
    defaultFormat: "%(message)s",
    validate: validatePercent,
    compile: compilePercent,
    usesTime: (fmt) => fmt.includes("%(asctime)"),
  },
  "{": {
    defaultFormat: "{message}",
    validate: validateBrace,
    compile: (fmt) => viaLookup(compileBrace(fmt)),
    usesTime: (fmt) => fmt.includes("{asctime"),
  },
  $: {
    defaultFormat: "${message}",
    validate: validateDollar,
    compile: (fmt) => viaLookup(compileDollar(fmt)),
    usesTime: (fmt) => fmt.includes("$asctime") || fmt.includes("${asctime}"),
  },
};

/** Options for `new Formatter({...})`, Python's keyword arguments. */
export interface FormatterOptions {
  fmt?: string | null;
  datefmt?: string | null;
  style?: Style;
  validate?: boolean;
  defaults?: Record<string, unknown> | null;
}

/**
 * Python's `logging.Formatter`:
 * `new Formatter(fmt?, datefmt?, style = "%", validate = true, { defaults })`
 * or `new Formatter({ fmt, datefmt, style, validate, defaults })`.
 */
export class Formatter {
  /** Turns `created` into broken-down time; set on the class or an instance (`gmtime` for UTC). */
  static converter: Converter = localtime;
  /** strftime format used when no `datefmt` is given. */
  static default_time_format = "%Y-%m-%d %H:%M:%S";
  /** Appends milliseconds to the default time; `null` drops them. */
  static default_msec_format: string | null = "%s,%03d";

  /** The format string in use. */
  _fmt: string;
  /** strftime format for `asctime`, or null for the default. */
  datefmt: string | null;
  /** Python's `_style`: the style's name, its defaults and its compiled renderer. */
  _style: { style: Style; fmt: string; defaults: FieldSource | null; usesTime: boolean; render: RecordRenderer };
  /** Instance override of the class `converter`. */
  declare converter?: Converter;
  /** Instance overrides of the class defaults. */
  declare default_time_format?: string;
  declare default_msec_format?: string | null;

  #timeKey = NaN;
  #timeFmt: string | null | undefined = undefined;
  #timeConv: Converter | undefined = undefined;
  #timeText = "";
  /** The last default-format `asctime` (time and milliseconds) and the `msecs` it was made for. */
  #msecText = new ReusedTexts(1);
  #msecKey = NaN;
  /**
   * Formatters of the base class built with the same style, format and date
   * format (and no defaults) render a record identically: they share one
   * formatting of it. Null for subclasses and formatters with defaults.
   */
  #shareKey: string | null = null;

  /** Python's parameters: `Formatter(fmt=None, datefmt=None, style="%", validate=True, *, defaults=None)`. */
  static readonly signature = signature("Formatter", ["fmt", "datefmt", "style", "validate"], 0, ["defaults"]);

  constructor(
    fmt?: string | null | FormatterOptions,
    datefmt?: string | null,
    style?: Style,
    validate?: boolean,
    options?: { defaults?: Record<string, unknown> | null },
  );
  constructor(fmt: string | null | undefined, options: Omit<FormatterOptions, "fmt">);
  constructor(
    fmt: string | null | undefined,
    datefmt: string | null | undefined,
    options: Omit<FormatterOptions, "fmt" | "datefmt">,
  );
  constructor(...args: unknown[]) {
    const a = bindArgs(Formatter.signature, args);
    const style = (a.style ?? "%") as Style;
    const def = Object.hasOwn(STYLES, style) ? STYLES[style] : undefined;
    if (!def) throw valueError("Style must be one of: %,{,$");
    const fmt = (a.fmt as string | null | undefined) || def.defaultFormat;
    if (typeof fmt !== "string") throw valueError(`Invalid format '${String(fmt)}' for '${style}' style`);
    if (a.validate ?? true) def.validate(fmt);
    const defaults = (a.defaults as FieldSource | null | undefined) ?? null;
    this._fmt = fmt;
    this.datefmt = (a.datefmt as string | null | undefined) ?? null;
    this._style = { style, fmt, defaults, usesTime: def.usesTime(fmt), render: def.compile(fmt) };
    if (new.target === Formatter && defaults === null)
      this.#shareKey = shareKeyFor(`${style}\u0000${this.datefmt ?? ""}\u0000${fmt}`);
  }

  /** True when the format uses `asctime`. */
  usesTime(): boolean {
    return this._style.usesTime;
  }

  /** Renders the record's attributes with the style, as Python's `formatMessage`. */
  formatMessage(record: LogRecord): string {
    const style = this._style;
    try {
      return style.render(record as unknown as FieldSource, style.defaults);
    } catch (err) {
      if (err instanceof Error && err.name === "KeyError") {
        throw valueError(`Formatting field not found in record: ${err.message}`);
      }
      throw err;
    }
  }

  /**
   * `asctime` text: `datefmt` through strftime, else the default time format
   * with milliseconds. The text is cached per second.
   */
  formatTime(record: LogRecord, datefmt: string | null = null): string {
    const cls = this.constructor as typeof Formatter;
    const converter = this.converter ?? cls.converter;
    const created = Number(record.created);
    const second = Math.floor(created);
    const timeFmt = datefmt || (this.default_time_format ?? cls.default_time_format);
    let text: string;
    if (second === this.#timeKey && timeFmt === this.#timeFmt && converter === this.#timeConv) {
      text = this.#timeText;
    } else {
      text = strftime(timeFmt, converter(created));
      this.#timeKey = second;
      this.#timeFmt = timeFmt;
      this.#timeConv = converter;
      this.#timeText = text;
      this.#msecKey = NaN;
    }
    if (datefmt) return text;
    const msecFormat = this.default_msec_format !== undefined ? this.default_msec_format : cls.default_msec_format;
    if (!msecFormat) return text;
    if (msecFormat !== "%s,%03d") return percentFormat(msecFormat, [text, record.msecs]);
    // Records logged within one millisecond share the whole text.
    const msecs = record.msecs;
    if (msecs === this.#msecKey) return this.#msecText.get(0);
    const full = text + msecSuffix(msecs);
    this.#msecKey = typeof msecs === "number" ? msecs : NaN;
    this.#msecText.set(0, full);
    return full;
  }

  /** The text of an exception (`exc_info`): a JS stack, with `cause` chains. */
  formatException(ei: unknown): string {
    return formatExceptionText(ei);
  }

  /** The text of `stack_info`, as is. */
  formatStack(stackInfo: string): string {
    return stackInfo;
  }

  /**
   * Python's `Formatter.format`: sets `message` (and `asctime`), renders, then
   * appends the exception and stack text each after a newline. A formatter
   * formats a record once even when several handlers share it.
   */
  format(record: LogRecord): string {
    const share = formatShare;
    if (share.record === record && this.#shareKey !== null) {
      const by = share.formatter;
      if (by === this || (by instanceof Formatter && this.#sameOutputAs(by))) return share.text;
    }
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let s = this.formatMessage(record);
    if (record.exc_info) {
      if (!record.exc_text) record.exc_text = this.formatException(record.exc_info);
    }
    if (record.exc_text) {
      if (!s.endsWith("\n")) s += "\n";
      s += record.exc_text;
    }
    if (record.stack_info) {
      if (!s.endsWith("\n")) s += "\n";
      s += this.formatStack(record.stack_info);
    }
    if (this.#shareKey !== null) offerFormatting(record, this, s);
    return s;
  }

  /** True when `other` is a twin of this formatter: same configuration, nothing overridden since. */
  #sameOutputAs(other: Formatter): boolean {
    const key = this.#shareKey;
    if (key === null || other.#shareKey !== key) return false;
    if (this.datefmt !== other.datefmt) return false; // read at format time: may have changed
    const cls = Formatter;
    return (
      (this.converter ?? cls.converter) === (other.converter ?? cls.converter) &&
      (this.default_time_format ?? cls.default_time_format) ===
        (other.default_time_format ?? cls.default_time_format) &&
      (this.default_msec_format !== undefined ? this.default_msec_format : cls.default_msec_format) ===
        (other.default_msec_format !== undefined ? other.default_msec_format : cls.default_msec_format) &&
      this.formatMessage === other.formatMessage &&
      this.formatTime === other.formatTime &&
      this.formatException === other.formatException &&
      this.formatStack === other.formatStack &&
      this.usesTime === other.usesTime
    );
  }
}

/**
 * One string object per distinct configuration, so twins compare their keys
 * by identity (equal strings built apart are compared character by character,
 * on every record). Formatters are few; the map only grows with new formats.
 */
const shareKeys = new Map<string, string>();
function shareKeyFor(key: string): string {
  let shared = shareKeys.get(key);
  if (shared === undefined) shareKeys.set(key, (shared = key));
  return shared;
}

/** ",000" … ",999": the default millisecond suffix, built once. */
const MSEC_SUFFIXES = Array.from({ length: 1000 }, (_, n) => "," + String(n).padStart(3, "0"));

/** `",%03d" % msecs` (a float truncates, as Python's `%d` does). */
function msecSuffix(msecs: unknown): string {
  if (typeof msecs === "number") {
    const n = Math.trunc(msecs);
    if (n >= 0 && n < 1000) return MSEC_SUFFIXES[n]!;
  }
  return "," + percentFormat("%03d", [msecs]);
}

// A format string naming a caller field (anywhere: conservative) reads it.
markBuiltin(Formatter, (f: Formatter) => CALLER_FIELD.test(`${f._fmt}\u0000${f._style?.fmt}`));

/** The formatter handlers use when none is set: `%(message)s`. */
export const defaultFormatter = new Formatter();

/** Python's `BufferingFormatter`: formats a batch of records with a header and footer. */
export class BufferingFormatter {
  linefmt: Formatter;

  /** Python's parameters: `BufferingFormatter(linefmt=None)`. */
  static readonly signature = signature("BufferingFormatter", ["linefmt"]);

  constructor(linefmt?: Formatter | null | { linefmt?: Formatter | null });
  constructor(...args: unknown[]) {
    const a = bindArgs(BufferingFormatter.signature, args);
    this.linefmt = (a.linefmt as Formatter | null | undefined) ?? defaultFormatter;
  }

  /** Text before the records. */
  formatHeader(_records: LogRecord[]): string {
    return "";
  }

  /** Text after the records. */
  formatFooter(_records: LogRecord[]): string {
    return "";
  }

  /** The header, each record through `linefmt`, and the footer; "" for no records. */
  format(records: LogRecord[]): string {
    let rv = "";
    if (records.length > 0) {
      rv += this.formatHeader(records);
      for (const record of records) rv += this.linefmt.format(record);
      rv += this.formatFooter(records);
    }
    return rv;
  }
}

markBuiltin(BufferingFormatter, (f: BufferingFormatter) => formatterMayReadCaller(f.linefmt));
