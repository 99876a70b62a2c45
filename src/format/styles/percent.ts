/**
 * The `%` style: `fmt % record.__dict__`, compiled once into literal text and
 * field specs; each record only concatenates.
 */
import { valueError, keyError } from "../../py/errors.js";
import { formatPercentValue, parsePercent, percentFormat, type PercentSpec } from "../../py/printf.js";
import { pyStr } from "../../py/repr.js";
import { LogRecord } from "../../core/record.js";
import { ReusedTexts } from "../reusedText.js";
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
  const segments = groupSteadyRuns(compiled);
  return (record, defaults) => {
    let out = "";
    for (let i = 0; i < segments.length; i++) {
      const p = segments[i]!;
      if (typeof p === "string") out += p;
      else if (p instanceof SteadyRun) out += p.render(record, defaults);
      else out += renderField(p, readField(record, defaults, p));
    }
    return out;
  };
}

/** The value a compiled field formats: the record's attribute, else the default, else `KeyError`. */
function readField(record: FieldSource, defaults: FieldSource | null, p: CompiledField): unknown {
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
  return value;
}

function renderField(p: CompiledField, value: unknown): string {
  if (p.plain) return typeof value === "string" ? value : pyStr(value);
  return formatPercentValue(value, p.spec);
}

/**
 * Standard attributes that stay the same from record to record of one
 * logger (its name, the level, the process and thread): a run of them and
 * the literal text around them renders to the text it rendered last time.
 */
const STEADY_FIELDS = new Set([
  "name",
  "levelname",
  "levelno",
  "pathname",
  "filename",
  "module",
  "funcName",
  "thread",
  "threadName",
  "processName",
  "process",
  "taskName",
]);

/** Values whose conversion gives the same text every time (no method of the value runs). */
function isSteadyValue(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null;
}

/**
 * Literal text and steady fields side by side (` - %(name)s - %(levelname)s - `):
 * rendered once and reused while every field's value is the same primitive
 * as last time. One string instead of a concatenation per piece: fewer
 * strings for the line to be built from, and for the writer to join.
 */
class SteadyRun {
  readonly parts: Array<string | CompiledField>;
  readonly fields: CompiledField[];
  /** The field values `text` was rendered from, in `fields` order. */
  readonly last: unknown[];
  /** The last rendering, reused while `#reusable` (every value was steady) and the values repeat. */
  readonly #text = new ReusedTexts(1);
  #reusable = false;

  constructor(parts: Array<string | CompiledField>) {
    this.parts = parts;
    this.fields = parts.filter((p): p is CompiledField => typeof p !== "string");
    this.last = this.fields.map(() => undefined);
  }

  render(record: FieldSource, defaults: FieldSource | null): string {
    const fields = this.fields;
    const last = this.last;
    if (this.#reusable) {
      for (let j = 0; j < fields.length; j++) {
        const value = readField(record, defaults, fields[j]!);
        if (value !== last[j]) return this.#renderFrom(record, defaults, j, value);
      }
      return this.#text.get(0);
    }
    return this.#renderFrom(record, defaults, 0, readField(record, defaults, fields[0]!));
  }

  /**
   * Renders the run left to right, as Python's `%` does (a conversion error
   * before a later field's KeyError): fields before `changed` have the
   * values in `last`, field `changed` has `value`, the rest are read now.
   */
  #renderFrom(record: FieldSource, defaults: FieldSource | null, changed: number, value: unknown): string {
    const parts = this.parts;
    const last = this.last;
    this.#reusable = false;
    let steady = true;
    let text = "";
    let j = 0;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (typeof p === "string") {
        text += p;
        continue;
      }
      const v = j < changed ? last[j] : j === changed ? value : readField(record, defaults, p);
      text += renderField(p, v);
      last[j++] = v;
      if (!isSteadyValue(v)) steady = false;
    }
    if (steady) {
      this.#text.set(0, text);
      this.#reusable = true;
    }
    return text;
  }
}

/** Runs of literal text and steady bare fields become one {@link SteadyRun} each. */
function groupSteadyRuns(compiled: Array<string | CompiledField>): Array<string | CompiledField | SteadyRun> {
  const out: Array<string | CompiledField | SteadyRun> = [];
  let run: Array<string | CompiledField> = [];
  const close = (): void => {
    if (run.some((p) => typeof p !== "string")) out.push(new SteadyRun(run));
    else if (run.length > 0) out.push(run.join(""));
    run = [];
  };
  for (const p of compiled) {
    if (typeof p === "string" || (p.code !== 0 && STEADY_FIELDS.has(p.key))) run.push(p);
    else {
      close();
      out.push(p);
    }
  }
  close();
  return out;
}

function mergeForPercent(record: FieldSource, defaults: FieldSource | null): Record<string, unknown> {
  const merged: Record<string, unknown> = Object.create(null);
  if (defaults) for (const k of Object.keys(defaults)) merged[k] = defaults[k];
  for (const k of Object.keys(record)) merged[k] = record[k];
  return merged;
}
