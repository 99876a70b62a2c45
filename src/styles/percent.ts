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
 * Readers for the attributes every record has, each with a fixed property
 * name so V8 caches the lookup (a keyed read with a varying name does not).
 * Any other field is read by key.
 */
const STANDARD_READERS: Record<string, (r: FieldSource) => unknown> = Object.assign(Object.create(null), {
  name: (r: FieldSource) => r.name, msg: (r: FieldSource) => r.msg, args: (r: FieldSource) => r.args,
  levelname: (r: FieldSource) => r.levelname, levelno: (r: FieldSource) => r.levelno,
  pathname: (r: FieldSource) => r.pathname, filename: (r: FieldSource) => r.filename,
  module: (r: FieldSource) => r.module, exc_info: (r: FieldSource) => r.exc_info,
  exc_text: (r: FieldSource) => r.exc_text, stack_info: (r: FieldSource) => r.stack_info,
  lineno: (r: FieldSource) => r.lineno, funcName: (r: FieldSource) => r.funcName,
  created: (r: FieldSource) => r.created, msecs: (r: FieldSource) => r.msecs,
  relativeCreated: (r: FieldSource) => r.relativeCreated, thread: (r: FieldSource) => r.thread,
  threadName: (r: FieldSource) => r.threadName, processName: (r: FieldSource) => r.processName,
  process: (r: FieldSource) => r.process, taskName: (r: FieldSource) => r.taskName,
  message: (r: FieldSource) => r.message, asctime: (r: FieldSource) => r.asctime,
});

/** Renders a record with a compiled `%` format. */
export type RecordRenderer = (record: FieldSource, defaults: FieldSource | null) => string;

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
  const specs = parts as Array<string | (PercentSpec & { key: string })>;
  // Standard attributes are read through fixed-name readers; other keys that
  // no prototype defines are read by key. An undefined (or, by key, function)
  // value still gets the own-property check, so nothing outside the record leaks.
  const readers = specs.map((p) => (typeof p === "string" ? null : STANDARD_READERS[p.key] ?? null));
  const direct = specs.map((p) => typeof p !== "string" && !(p.key in Object.prototype) && !(p.key in LogRecord.prototype));
  return (record, defaults) => {
    let out = "";
    for (let i = 0; i < specs.length; i++) {
      const p = specs[i];
      if (typeof p === "string") { out += p; continue; }
      let value: unknown;
      const read = readers[i];
      if (read !== null) {
        value = read(record);
        if (value === undefined) value = lookupField(record, defaults, p.key);
      } else if (direct[i]) {
        value = record[p.key];
        if (value === undefined || typeof value === "function") value = lookupField(record, defaults, p.key);
      } else {
        value = lookupField(record, defaults, p.key);
      }
      if (p.conversion === "s" && p.flags === "" && p.width === null && p.precision === null) {
        out += typeof value === "string" ? value : pyStr(value);
      } else {
        out += formatPercentValue(value, p);
      }
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
