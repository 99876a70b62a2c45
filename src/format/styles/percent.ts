/**
 * The `%` style: `fmt % record.__dict__`, compiled once into literal text and
 * field specs; each record only concatenates.
 */
import { valueError, keyError } from "../../py/errors.js";
import { formatPercentValue, parsePercent, percentFormat, type PercentSpec } from "../../py/printf.js";
import { pyStr } from "../../py/repr.js";
import { LogRecord } from "../../core/record.js";
import { readStandardField, standardFieldCode } from "../../core/recordFields.js";

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

/** Renders a record with a compiled `%` format. */
export type RecordRenderer = (record: FieldSource, defaults: FieldSource | null) => string;

/** How one `%(key)…` field is read and converted, decided at compile time. */
interface CompiledField {
  key: string;
  spec: PercentSpec;
  /** A standard attribute's code (`standardFieldCode`), else 0. */
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
      code: standardFieldCode(key),
      direct: !(key in Object.prototype) && !(key in LogRecord.prototype),
      plain: p.conversion === "s" && p.flags === "" && p.width === null && p.precision === null,
    };
  });
  return (record, defaults) => {
    let out = "";
    for (let i = 0; i < compiled.length; i++) {
      const p = compiled[i]!;
      if (typeof p === "string") {
        out += p;
        continue;
      }
      let value: unknown;
      if (p.code !== 0) {
        value = readStandardField(record, p.code);
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
