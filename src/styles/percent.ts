/**
 * The `%` style: `fmt % record.__dict__`, compiled once into literal text and
 * field specs; each record only concatenates.
 */
import { valueError, keyError } from "../errors.js";
import { formatPercentValue, parsePercent, percentFormat, type PercentSpec } from "../printf.js";
import { pyStr } from "../pyrepr.js";
import { LogRecord } from "../record.js";

/** Python's validation pattern for the `%` style: at least one `%(name)…conversion`. */
const VALIDATION = /%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]/i;

/** Throws Python's error when `fmt` has no `%(name)` field. */
export function validatePercent(fmt: string): void {
  if (!VALIDATION.test(fmt)) throw valueError(`Invalid format '${fmt}' for '%' style`);
}

/** A field lookup: the record's own attribute, else the default, else `KeyError`. */
export type FieldSource = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

/** Reads `key` from the record's own attributes, then `defaults`, else throws `KeyError`. */
export function lookupField(record: FieldSource, defaults: FieldSource | null, key: string): unknown {
  if (hasOwn.call(record, key)) return record[key];
  if (defaults !== null && hasOwn.call(defaults, key)) return defaults[key];
  throw keyError(key);
}

type Part = string | PercentSpec;

/**
 * The attributes every record has, each read below with a fixed property
 * name: V8 caches such a load (one record shape), where a keyed read with a
 * varying name or a call through a table of reader functions it cannot.
 * Codes start at 1; 0 means "read by key".
 */
const STANDARD_FIELDS = [
  "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
  "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread",
  "threadName", "processName", "process", "taskName", "message", "asctime",
] as const;

function readStandard(r: FieldSource, code: number): unknown {
  switch (code) {
    case 1: return r.name;
    case 2: return r.msg;
    case 3: return r.args;
    case 4: return r.levelname;
    case 5: return r.levelno;
    case 6: return r.pathname;
    case 7: return r.filename;
    case 8: return r.module;
    case 9: return r.exc_info;
    case 10: return r.exc_text;
    case 11: return r.stack_info;
    case 12: return r.lineno;
    case 13: return r.funcName;
    case 14: return r.created;
    case 15: return r.msecs;
    case 16: return r.relativeCreated;
    case 17: return r.thread;
    case 18: return r.threadName;
    case 19: return r.processName;
    case 20: return r.process;
    case 21: return r.taskName;
    case 22: return r.message;
    default: return r.asctime;
  }
}

/** Renders a record with a compiled `%` format. */
export type RecordRenderer = (record: FieldSource, defaults: FieldSource | null) => string;

/** How one `%(key)…` field is read and converted, decided at compile time. */
interface CompiledField {
  key: string;
  spec: PercentSpec;
  /** A standard attribute's code (see `readStandard`), else 0. */
  code: number;
  /** Read by key without the own-property check first (no prototype defines `key`). */
  direct: boolean;
  /** A bare `%(key)s`: strings are appended as they are. */
  plain: boolean;
}

/** Compiles `fmt` for the `%` style. Parse errors surface at the first render, as in Python. */
export function compilePercent(fmt: string): RecordRenderer {
  let parts: Part[];
  try {
    parts = parsePercent(fmt);
  } catch {
    // A malformed format: the general path raises errors in CPython's order
    // (a conversion error before a later syntax error).
    return (record, defaults) => percentFormat(fmt, mergeForPercent(record, defaults));
  }
  if (parts.some((p) => typeof p !== "string" && (p.key === null || p.width === "*" || p.precision === "*"))) {
    // Rare forms (`%s` against the record itself, `*` widths): use the general path.
    return (record, defaults) => percentFormat(fmt, mergeForPercent(record, defaults));
  }
  // An undefined (or, by key, function) value still gets the own-property
  // check, so nothing outside the record leaks.
  const compiled: Array<string | CompiledField> = parts.map((p) => {
    if (typeof p === "string") return p;
    const key = p.key as string;
    return {
      key,
      spec: p,
      code: (STANDARD_FIELDS as readonly string[]).indexOf(key) + 1,
      direct: !(key in Object.prototype) && !(key in LogRecord.prototype),
      plain: p.conversion === "s" && p.flags === "" && p.width === null && p.precision === null,
    };
  });
  return (record, defaults) => {
    let out = "";
    for (let i = 0; i < compiled.length; i++) {
      const p = compiled[i]!;
      if (typeof p === "string") { out += p; continue; }
      let value: unknown;
      if (p.code !== 0) {
        value = readStandard(record, p.code);
        if (value === undefined) value = lookupField(record, defaults, p.key);
      } else if (p.direct) {
        value = record[p.key];
        if (value === undefined || typeof value === "function") value = lookupField(record, defaults, p.key);
      } else {
        value = lookupField(record, defaults, p.key);
      }
      if (p.plain) out += typeof value === "string" ? value : pyStr(value);
      else out += formatPercentValue(value, p.spec);
    }
    return out;
  };
}

function mergeForPercent(record: FieldSource, defaults: FieldSource | null): Record<string, unknown> {
  const merged: Record<string, unknown> = Object.create(null);
  if (defaults) for (const k of Object.keys(defaults)) merged[k] = defaults[k];
  for (const k of Object.keys(record)) merged[k] = record[k];
  return merged;
}
