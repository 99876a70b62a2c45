/**
 * The `{` style: Python's `str.format` as `logging.StrFormatStyle` uses it
 * (`fmt.format(**record.__dict__)`), compiled once into literal text and
 * field renderers, plus `StrFormatStyle.validate()`.
 *
 * Format strings may come from untrusted configuration, so `.attr` and
 * `[key]` only read a value's own properties, array elements or string
 * characters: never prototypes (`__proto__`, `constructor`, methods,
 * inherited getters), and nothing from the format text is ever evaluated.
 */
import { keyError, pyError, quoteLikePython, valueError } from "../../py/errors.js";
import { formatSpec } from "../../py/formatspec.js";
import { pyAscii, pyRepr, pyStr, pyTypeName } from "../../py/repr.js";

/** Resolves a top-level field name; throws `KeyError` when the record has none. */
export type Lookup = (name: string) => unknown;

/** One `{...}` replacement field as Python's parser splits it. */
interface RawField {
  name: string;
  /** The conversion character after `!`, or null. */
  conversion: string | null;
  spec: string;
  /** The spec contains `{` and is itself formatted first. */
  nested: boolean;
}

interface Chunk {
  literal: string;
  field: RawField | null;
}

/** Python's markup parse: chunks in order, then the parse error that stops it, if any. */
function parseMarkup(s: string): { chunks: Chunk[]; error: string | null } {
  const chunks: Chunk[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let brace = "";
    while (i < n) {
      const ch = s[i++]!;
      if (ch === "{" || ch === "}") {
        brace = ch;
        break;
      }
    }
    const atEnd = i >= n;
    if (brace === "}" && (atEnd || s[i] !== "}")) return { chunks, error: "Single '}' encountered in format string" };
    if (brace === "{" && atEnd) return { chunks, error: "Single '{' encountered in format string" };
    if (!brace) {
      chunks.push({ literal: s.slice(start), field: null });
      break;
    }
    if (s[i] === brace) {
      // `{{` or `}}`: the literal keeps one brace.
      chunks.push({ literal: s.slice(start, i), field: null });
      i++;
      continue;
    }
    const literal = s.slice(start, i - 1);
    const r = parseField(s, i);
    if (typeof r === "string") return { chunks, error: r };
    chunks.push({ literal, field: r.field });
    i = r.end;
  }
  return { chunks, error: null };
}

/** Parses the field starting after its `{`: the field and where parsing resumes, or an error text. */
function parseField(s: string, i: number): { field: RawField; end: number } | string {
  const n = s.length;
  const nameStart = i;
  let last = "";
  let stop = false;
  while (i < n) {
    last = s[i++]!;
    if (last === "{") return "unexpected '{' in field name";
    if (last === "[") {
      while (i < n && s[i] !== "]") i++;
      continue;
    }
    if (last === "}" || last === ":" || last === "!") {
      stop = true;
      break;
    }
  }
  if (!stop || last === "}") {
    if (!stop) return "expected '}' before end of string";
    return { field: { name: s.slice(nameStart, i - 1), conversion: null, spec: "", nested: false }, end: i };
  }
  const name = s.slice(nameStart, i - 1);
  let conversion: string | null = null;
  if (last === "!") {
    if (i >= n) return "end of string while looking for conversion specifier";
    conversion = String.fromCodePoint(s.codePointAt(i)!);
    i += conversion.length;
    if (i < n) {
      const c = s[i++]!;
      if (c === "}") return { field: { name, conversion, spec: "", nested: false }, end: i };
      if (c !== ":") return "expected ':' after conversion specifier";
    }
  }
  const specStart = i;
  let depth = 1;
  let nested = false;
  while (i < n) {
    const c = s[i++]!;
    if (c === "{") {
      nested = true;
      depth++;
    } else if (c === "}" && --depth === 0) {
      return { field: { name, conversion, spec: s.slice(specStart, i - 1), nested }, end: i };
    }
  }
  return "unmatched '{' in format spec";
}

// StrFormatStyle's patterns, with Python's Unicode \w and \d, `.` that
// excludes only "\n", and `$` that also matches before a final newline.
const FIELD_SPEC = /^[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+|\[[^\]]+\])*\n?$/u;
const FMT_SPEC =
  /^(?:[^\n]?[<>=^])?[+ -]?#?0?(?:\p{Nd}+|\{[\p{L}\p{N}_]+\})?[,_]?(?:\.(?:\p{Nd}+|\{[\p{L}\p{N}_]+\}))?[bcdefgnosx%]?\n?$/iu;

/**
 * `logging.StrFormatStyle.validate()`: throws `ValueError` with Python's
 * `invalid format: …` text for parse errors, bad field names, conversions
 * other than `r`/`s`/`a`, specifiers outside the spec grammar, or a format
 * with no named field.
 */
export function validateBrace(fmt: string): void {
  const { chunks, error } = parseMarkup(fmt);
  let fields = 0;
  for (const { field } of chunks) {
    if (!field) continue;
    if (field.name) {
      if (!FIELD_SPEC.test(field.name))
        throw valueError(`invalid format: invalid field name/expression: ${quoteLikePython(field.name)}`);
      fields++;
    }
    const conv = field.conversion;
    if (conv && conv !== "\0" && !"rsa".includes(conv))
      throw valueError(`invalid format: invalid conversion: ${quoteLikePython(conv)}`);
    if (field.spec && !FMT_SPEC.test(field.spec))
      throw valueError(`invalid format: bad specifier: ${quoteLikePython(field.spec)}`);
  }
  if (error !== null) throw valueError(`invalid format: ${error}`);
  if (!fields) throw valueError("invalid format: no fields");
}

/* ------------------------------------------------------------------ */
/* Field names: `first`, then `.attr` / `[key]` / `[index]` steps.      */

type Step =
  | { kind: "attr"; name: string }
  | { kind: "key"; name: string }
  | { kind: "index"; index: number }
  | { kind: "error"; message: string };

const TOO_MANY_DIGITS = "Too many decimal digits in format string";

/** Value of a Unicode decimal digit (Nd comes in runs of ten, 0 to 9), or -1. */
function decimalValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return c - 48;
  if (c < 128 || !/\p{Nd}/u.test(String.fromCodePoint(s.codePointAt(i)!))) return -1;
  let cp = s.codePointAt(i)!;
  let k = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    k++;
  }
  return k % 10;
}

/** Python's `get_integer`: the index a name spells, -1 if it is not all digits; throws on overflow. */
function getInteger(s: string): number {
  if (!s) return -1;
  let acc = 0n;
  for (let i = 0; i < s.length; i++) {
    const d = decimalValue(s, i);
    if (d < 0) return -1;
    if (s.codePointAt(i)! > 0xffff) i++;
    acc = acc * 10n + BigInt(d);
    if (acc > 0x7fffffffffffffffn) throw valueError(TOO_MANY_DIGITS);
  }
  return Number(acc);
}

/** Splits a field name into its first part and the accessor steps after it (errors become steps). */
function splitName(name: string): { first: string; steps: Step[] } {
  let i = 0;
  while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
  const first = name.slice(0, i);
  const steps: Step[] = [];
  while (i < name.length) {
    const c = name[i++];
    let text: string;
    if (c === ".") {
      const start = i;
      while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
      text = name.slice(start, i);
      if (!text) return { first, steps: [...steps, { kind: "error", message: "Empty attribute in format string" }] };
      steps.push({ kind: "attr", name: text });
    } else if (c === "[") {
      const close = name.indexOf("]", i);
      if (close < 0) return { first, steps: [...steps, { kind: "error", message: "Missing ']' in format string" }] };
      text = name.slice(i, close);
      i = close + 1;
      let index: number;
      try {
        index = getInteger(text);
      } catch {
        return { first, steps: [...steps, { kind: "error", message: TOO_MANY_DIGITS }] };
      }
      if (!text) return { first, steps: [...steps, { kind: "error", message: "Empty attribute in format string" }] };
      steps.push(index >= 0 ? { kind: "index", index } : { kind: "key", name: text });
    } else {
      return {
        first,
        steps: [...steps, { kind: "error", message: "Only '.' or '[' may follow ']' in format field specifier" }],
      };
    }
  }
  return { first, steps };
}

/* --- Safe accessors -------------------------------------------------- */

const MISSING = Symbol("missing");

/** An own property's value (own getters included), never anything inherited. */
function own(obj: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return MISSING;
  if ("value" in d) return d.value;
  return d.get ? d.get.call(obj) : undefined;
}

const isObjectLike = (v: unknown): v is object => typeof v === "object" && v !== null;
const mapGet = Map.prototype.get;
const mapHas = Map.prototype.has;

/** `getattr(obj, name)`: own properties of plain and class objects only. */
function getAttr(obj: unknown, name: string): unknown {
  if (isObjectLike(obj) && !Array.isArray(obj) && !(obj instanceof Map)) {
    const v = own(obj, name);
    if (v !== MISSING) return v;
  }
  throw pyError("AttributeError", `'${pyTypeName(obj)}' object has no attribute '${name}'`);
}

/** The `i`-th code point of `s`, or undefined. */
function codePointAt(s: string, i: number): string | undefined {
  if (!/[\ud800-\udfff]/.test(s)) return s[i];
  let k = 0;
  for (const ch of s) if (k++ === i) return ch;
  return undefined;
}

/** `obj[key]` for a string key. */
function getKey(obj: unknown, key: string): unknown {
  if (typeof obj === "string") throw pyError("TypeError", "string indices must be integers, not 'str'");
  if (Array.isArray(obj)) throw pyError("TypeError", "list indices must be integers or slices, not str");
  if (obj instanceof Map) {
    if (mapHas.call(obj, key)) return mapGet.call(obj, key);
    throw keyError(key);
  }
  if (!isObjectLike(obj)) throw pyError("TypeError", `'${pyTypeName(obj)}' object is not subscriptable`);
  const v = own(obj, key);
  if (v === MISSING) throw keyError(key);
  return v;
}

/** `obj[index]` for a non-negative integer index. */
function getIndex(obj: unknown, index: number): unknown {
  if (typeof obj === "string") {
    const ch = codePointAt(obj, index);
    if (ch === undefined) throw pyError("IndexError", "string index out of range");
    return ch;
  }
  if (Array.isArray(obj)) {
    if (index >= obj.length) throw pyError("IndexError", "list index out of range");
    const v = own(obj, String(index));
    return v === MISSING ? undefined : v;
  }
  if (obj instanceof Map) {
    if (mapHas.call(obj, index)) return mapGet.call(obj, index);
    if (mapHas.call(obj, String(index))) return mapGet.call(obj, String(index));
    throw pyError("KeyError", String(index));
  }
  if (!isObjectLike(obj)) throw pyError("TypeError", `'${pyTypeName(obj)}' object is not subscriptable`);
  // JS property keys are strings: `[0]` reads the own property "0".
  const v = own(obj, String(index));
  if (v === MISSING) throw pyError("KeyError", String(index));
  return v;
}

/* --- Compilation ------------------------------------------------------ */

type Render = (lookup: Lookup) => string;
type Part = string | Render;

function convert(value: unknown, conversion: string): string {
  if (conversion === "r") return pyRepr(value);
  if (conversion === "s") return pyStr(value);
  if (conversion === "a") return pyAscii(value);
  const cp = conversion.codePointAt(0)!;
  const shown = cp > 32 && cp < 127 ? conversion : `\\x${cp.toString(16)}`;
  throw valueError(`Unknown conversion specifier ${shown}`);
}

const thrower =
  (make: () => Error): Render =>
  () => {
    throw make();
  };

/**
 * Compiles one field. `depth` is Python's remaining recursion budget: specs
 * are expanded with depth - 1, and expanding at depth 0 fails.
 */
function compileField(field: RawField, depth: number): Render {
  let first: string;
  let steps: Step[];
  let index: number;
  try {
    ({ first, steps } = splitName(field.name));
    index = getInteger(first);
  } catch (e) {
    return thrower(() => e as Error);
  }
  // The record only has named fields: any positional field fails, and it is
  // always the first positional one, so an automatic index is 0.
  if (index >= 0 || first === "") {
    const shown = Math.max(index, 0);
    return thrower(() => pyError("IndexError", `Replacement index ${shown} out of range for positional args tuple`));
  }
  const { conversion, spec } = field;
  let specRender: Render | null = null;
  if (field.nested) {
    specRender =
      depth - 1 <= 0 ? thrower(() => valueError("Max string recursion exceeded")) : compileParts(spec, depth - 1);
  }
  if (!steps.length && conversion === null && specRender === null) {
    // The common `{name}` / `{name:spec}`.
    if (spec === "") {
      return (lookup) => {
        const v = lookup(first);
        return typeof v === "string" ? v : formatSpec(v, "");
      };
    }
    return (lookup) => formatSpec(lookup(first), spec);
  }
  return (lookup) => {
    let v = lookup(first);
    for (const step of steps) {
      if (step.kind === "attr") v = getAttr(v, step.name);
      else if (step.kind === "key") v = getKey(v, step.name);
      else if (step.kind === "index") v = getIndex(v, step.index);
      else throw valueError(step.message);
    }
    if (conversion !== null) v = convert(v, conversion);
    return formatSpec(v, specRender ? specRender(lookup) : spec);
  };
}

function compileParts(fmt: string, depth: number): Render {
  const { chunks, error } = parseMarkup(fmt);
  const parts: Part[] = [];
  for (const { literal, field } of chunks) {
    if (literal) {
      const lastPart = parts[parts.length - 1];
      if (typeof lastPart === "string") parts[parts.length - 1] = lastPart + literal;
      else parts.push(literal);
    }
    if (field) parts.push(compileField(field, depth));
  }
  if (error !== null) parts.push(thrower(() => valueError(error)));
  if (parts.length === 0) return () => "";
  if (parts.length === 1) {
    const only = parts[0]!;
    return typeof only === "string" ? () => only : only;
  }
  return (lookup) => {
    let out = "";
    for (const p of parts) out += typeof p === "string" ? p : p(lookup);
    return out;
  };
}

/**
 * Compiles a `{`-style format once. The result renders with `lookup`
 * supplying each top-level field (its `KeyError` propagates). Errors in the
 * format itself are thrown when rendering reaches them, in Python's order,
 * so a format that was not validated fails the way `str.format` does.
 */
export function compileBrace(fmt: string): (lookup: Lookup) => string {
  // CPython starts str.format with a recursion budget of 2.
  return compileParts(fmt, 2);
}
