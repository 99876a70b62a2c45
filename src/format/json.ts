/**
 * JSONFormatter: one JSON object per line, with chosen record fields, `extra`
 * fields, and exceptions as a string field. For log pipelines that want
 * structure.
 */
import { CALLER_FIELDS, markBuiltin } from "../core/callerPolicy.js";
import { Formatter } from "./formatter.js";
import { type LogRecord, messageIsJsonPlain } from "../core/record.js";
import { ReusedTexts } from "./reusedText.js";
import { formatShare, offerFormatting } from "./shared.js";
import { CONSTRUCTOR_FIELDS, readStandardField, STANDARD_FIELDS, standardFieldCode } from "../core/recordFields.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { intText } from "../py/intText.js";
import { jsonPlain } from "../py/jsonPlain.js";
import { pyStr } from "../py/repr.js";
import { Redactor, type RedactOptions } from "../core/redact.js";

/** Attributes every record has: anything else on a record is an `extra` field. */
const STANDARD = new Set(STANDARD_FIELDS);
const hasOwn = Object.prototype.hasOwnProperty;

/** Output key → record attribute (`"message"` is the merged message, `"time"` an ISO 8601 time). */
export type JSONFieldMap = Record<string, string>;

/** Options of `new JSONFormatter({...})`. */
export interface JSONFormatterOptions {
  /**
   * Output key → record attribute, in output order. Default:
   * `{ time: "isotime", level: "levelname", name: "name", message: "message" }`.
   * `isotime` is `created` as ISO 8601 UTC with milliseconds; `asctime` the
   * Formatter's `formatTime` text; `message` the merged message.
   */
  fields?: JSONFieldMap;
  /** Include the record's `extra` attributes: its own attributes beyond the standard ones, as Python's `__dict__` (default true). */
  extra?: boolean;
  /** `datefmt` for `asctime` fields. */
  datefmt?: string | null;
  /**
   * Secrets to redact in the output (by key name and path, see
   * `RedactingFilter`): in `extra` fields and in the arguments merged into
   * the message. The record itself is left as it is for other handlers.
   */
  redact?: RedactOptions | Redactor | null;
}

/** Positions after the constructor's attributes whose keys and values are remembered. */
const MAX_CACHED_EXTRAS = 32;

const DEFAULT_FIELDS: JSONFieldMap = { time: "isotime", level: "levelname", name: "name", message: "message" };

/**
 * `JSON.stringify` of a string. One with nothing to escape (no quote,
 * backslash, control character or surrogate) is quoted as it is: most log
 * text, and `JSON.stringify`'s fixed cost is several times the scan's.
 */
function jsonString(s: string): string {
  return jsonPlain(s) ? '"' + s + '"' : JSON.stringify(s);
}

/** Below this, a whole number of milliseconds in seconds is far from its neighbours (see `jsonNumber`). */
const MS_TEXT_LIMIT = 2 ** 40;
let msSecond = NaN;
let msSecondText = "";

/**
 * `String(v)` of a finite number. A record's `created` is a whole number of
 * milliseconds divided by 1000, and V8's shortest round-trip text of such a
 * double costs it several times building the text from the integer parts:
 * when `ms / 1000 === v` (v is the double nearest the decimal `s.mmm`) and
 * 1 <= v < 2^40 (a double's spacing there is under a quarter millisecond,
 * so no shorter decimal reads back as v), `String(v)` is exactly `s.mmm`
 * with its trailing zeros dropped. The seconds' text is kept, since it
 * repeats from one record to the next.
 */
export function jsonNumber(v: number): string {
  if (Number.isSafeInteger(v)) return intText(v);
  if (Number.isInteger(v) || !(v >= 1 && v < MS_TEXT_LIMIT)) return String(v);
  const ms = Math.round(v * 1000);
  if (ms / 1000 !== v) return String(v);
  const second = Math.floor(ms / 1000);
  const frac = ms - second * 1000;
  if (second !== msSecond) {
    msSecond = second;
    msSecondText = second + ".";
  }
  if (frac % 100 === 0) return msSecondText + frac / 100;
  if (frac % 10 === 0) return msSecondText + (frac < 100 ? "0" : "") + frac / 10;
  return msSecondText + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
}

/** JSON text of any value: strings and numbers directly, others guarded (circular, BigInt, throwing getters). */
function jsonValue(v: unknown): string {
  switch (typeof v) {
    case "string":
      return jsonString(v);
    case "number":
      return Number.isFinite(v) ? jsonNumber(v) : JSON.stringify(String(v));
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return "null";
    case "bigint":
      return JSON.stringify(v.toString());
    case "symbol":
    case "function":
      return JSON.stringify(safeStr(v));
    default: {
      if (v === null) return "null";
      try {
        const text = JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
        return text === undefined ? JSON.stringify(safeStr(v)) : text;
      } catch {
        return JSON.stringify(safeStr(v));
      }
    }
  }
}

function safeStr(v: unknown): string {
  try {
    return pyStr(v);
  } catch {
    return "<unprintable>";
  }
}

/**
 * The merged message with the arguments redacted; the record's own `args`
 * stay as they are (another handler may print them unredacted on purpose).
 */
function redactedMessage(record: LogRecord, redactor: Redactor): string {
  const args = redactor.redactArgs(record.args);
  if (args === record.args) return record.getMessage();
  // The record's own getMessage, reading the redacted arguments.
  const view = Object.create(record) as LogRecord;
  view.args = args;
  return view.getMessage();
}

/** ISO 8601 UTC time with milliseconds, cached per second. */
let isoSecond = NaN;
let isoPrefix = "";
function isoTime(created: number): string {
  const ms = Math.floor(created * 1000);
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20); // "2023-11-14T22:13:20."
  }
  const frac = ms - second * 1000;
  return isoPrefix + (frac >= 100 ? "" : frac >= 10 ? "0" : "00") + frac + "Z";
}

/**
 * Formats each record as one JSON object: the chosen `fields`, then `extra`
 * attributes, then `exc_info` (exception text) and `stack_info` when present.
 * `new JSONFormatter()` or `new JSONFormatter({ fields, extra, datefmt })`.
 */
export class JSONFormatter extends Formatter {
  readonly fields: JSONFieldMap;
  readonly includeExtra: boolean;
  #keys: string[];
  #attrs: string[];
  /** Per field: the standard attribute's code (`standardFieldCode`), else 0. */
  #codes: number[];
  #prefixes: string[];
  /**
   * Per field, the last primitive value encoded and its JSON text: the name,
   * the level and (many records to a millisecond) the time repeat from one
   * record to the next, and a number's text costs V8 about 90 ns to build.
   */
  #lastValues: unknown[];
  /** Per field, the last `"key":value` piece made from `#lastValues` (see ReusedTexts). */
  #lastPieces: ReusedTexts;
  /**
   * The line's start up to each field, for records whose first fields all
   * repeat the last values: `#runs.get(i)` is the pieces of fields 0..i,
   * valid for i < `#runUpTo`.
   */
  #runs: ReusedTexts;
  #runUpTo = 0;
  /** Only this class itself hands its text to the next handler of a walk (a subclass may render differently each time). */
  #shares: boolean;
  #redactor: Redactor | null;
  /**
   * Per position after the constructor's attributes: the last key seen,
   * its `"key":` text (null when it is not written), the last primitive
   * value and its JSON text.
   */
  #extraKeys: string[] = [];
  #extraPrefixes: (string | null)[] = [];
  #extraValues: unknown[] = [];
  /** Per position: `,"key":value` of the last value. */
  #extraPieces = new ReusedTexts(MAX_CACHED_EXTRAS);

  /** Its parameters by name, for `dictConfig` (`"()": "logxide.JSONFormatter"`): `(fields, extra, datefmt, redact)`. */
  static override readonly signature = signature("JSONFormatter", ["fields", "extra", "datefmt", "redact"]);

  constructor(options?: JSONFormatterOptions);
  constructor(...args: unknown[]) {
    const options = bindArgs(JSONFormatter.signature, args) as JSONFormatterOptions;
    super(null, options.datefmt ?? null);
    this.fields = { ...(options.fields ?? DEFAULT_FIELDS) };
    this.includeExtra = options.extra ?? true;
    this.#keys = Object.keys(this.fields);
    this.#attrs = this.#keys.map((k) => this.fields[k]);
    this.#codes = this.#attrs.map((a) => (a === "message" || a === "asctime" ? 0 : standardFieldCode(a)));
    // Pre-rendered `{"key":` / `,"key":` pieces: per record only values are encoded.
    this.#prefixes = this.#keys.map((k, i) => (i === 0 ? "{" : ",") + JSON.stringify(k) + ":");
    this.#lastValues = this.#attrs.map(() => undefined);
    this.#lastPieces = new ReusedTexts(this.#attrs.length);
    this.#runs = new ReusedTexts(this.#attrs.length);
    this.#shares = new.target === JSONFormatter;
    const redact = options.redact ?? null;
    this.#redactor = redact === null || redact instanceof Redactor ? redact : new Redactor(redact);
  }

  override usesTime(): boolean {
    return this.#attrs.includes("asctime");
  }

  /** The record as one line of JSON. */
  override format(record: LogRecord): string {
    const share = formatShare;
    if (share.record === record && share.formatter === this && this.#shares) return share.text;
    const redactor = this.#redactor;
    const message = redactor === null ? record.getMessage() : redactedMessage(record, redactor);
    // Quoted as it is when printf already knows it needs no escaping (no scan, see printfState).
    const plainMessage = redactor === null && messageIsJsonPlain(record);
    record.message = message;
    let out = "";
    const attrs = this.#attrs;
    // True while every field so far repeated its last value: `out` is then `#runs.get(i - 1)`.
    let repeating = true;
    for (let i = 0; i < attrs.length; i++) {
      const attr = attrs[i]!;
      let value: unknown;
      let present = true;
      const isTime = attr === "isotime";
      if (attr === "message") value = message;
      else if (attr === "asctime") value = record.asctime = this.formatTime(record, this.datefmt);
      else if (isTime) value = record.created;
      else {
        const code = this.#codes[i]!;
        value = code !== 0 ? readStandardField(record, code) : undefined;
        if (value === undefined) {
          present = hasOwn.call(record, attr);
          if (present) value = record[attr];
        }
      }
      // The message differs from record to record: comparing it with the
      // last one would cost a full string compare for nothing.
      const kind = attr === "message" ? "message" : typeof value;
      const steady = kind === "string" || kind === "number" || kind === "boolean";
      let piece: string;
      if (steady && value === this.#lastValues[i]) {
        piece = this.#lastPieces.get(i);
        if (repeating) {
          if (i < this.#runUpTo) out = this.#runs.get(i);
          else {
            out += piece;
            this.#runs.set(i, out);
            this.#runUpTo = i + 1;
          }
          continue;
        }
      } else {
        const text = !present
          ? "null"
          : isTime
            ? '"' + isoTime(value as number) + '"'
            : attr === "asctime"
              ? JSON.stringify(value)
              : kind === "message" && plainMessage
                ? '"' + message + '"'
                : jsonValue(value);
        piece = this.#prefixes[i] + text;
        if (steady) {
          this.#lastValues[i] = value;
          this.#lastPieces.set(i, piece);
        }
        // Runs through this field were made with another value.
        if (this.#runUpTo > i) this.#runUpTo = i;
        repeating = false;
      }
      out += piece;
    }
    if (out === "") out = "{";
    let first = attrs.length === 0;
    if (this.includeExtra) {
      // A record lists the constructor's attributes first, in order (one
      // compare each); the keys after them repeat from one record to the
      // next (the same `extra` and context fields each call), so each
      // position keeps the last key seen there with its `"key":` text (or
      // null for a standard attribute or a chosen field) and its last
      // primitive value with that value's text. `for...in` lists the same
      // own keys as `Object.keys` without building an array (then any
      // enumerable ones a prototype has, skipped below), and V8 reads
      // `record[key]` and `hasOwn` inside it from the walk's own cache.
      const fixed = CONSTRUCTOR_FIELDS;
      const seenKeys = this.#extraKeys;
      // `k` counts the constructor's attributes matched so far, up to the
      // first key that is not the next of them.
      let k = 0;
      let j = 0;
      for (const key in record) {
        if (k < fixed.length) {
          if (key === fixed[k]) {
            k++;
            continue;
          }
          k = fixed.length;
        }
        const pos = j++;
        let prefix: string | null;
        if (seenKeys[pos] === key) prefix = this.#extraPrefixes[pos]!;
        else {
          prefix = STANDARD.has(key) || this.#keys.includes(key) ? null : jsonString(key) + ":";
          if (pos < MAX_CACHED_EXTRAS) {
            seenKeys[pos] = key;
            this.#extraPrefixes[pos] = prefix;
            this.#extraValues[pos] = undefined;
          }
        }
        // Only the record's own attributes (Python's `__dict__`): a prototype's enumerable ones come last.
        if (prefix === null || !hasOwn.call(record, key)) continue;
        if (redactor !== null) out += (first ? "" : ",") + prefix + jsonValue(redactor.redactValue(record[key], [key]));
        else {
          const value = record[key];
          const kind = typeof value;
          const cacheable =
            !first && pos < MAX_CACHED_EXTRAS && (kind === "number" || kind === "boolean" || kind === "string");
          if (cacheable && value === this.#extraValues[pos]) out += this.#extraPieces.get(pos);
          else {
            const piece = (first ? "" : ",") + prefix + jsonValue(value);
            if (cacheable) {
              this.#extraValues[pos] = value;
              this.#extraPieces.set(pos, piece);
            }
            out += piece;
          }
        }
        first = false;
      }
    }
    if (record.exc_info && !record.exc_text) record.exc_text = this.formatException(record.exc_info);
    if (record.exc_text) {
      out += (first ? "" : ",") + '"exc_info":' + JSON.stringify(record.exc_text);
      first = false;
    }
    if (record.stack_info) {
      out += (first ? "" : ",") + '"stack_info":' + JSON.stringify(this.formatStack(record.stack_info));
    }
    out += "}";
    if (this.#shares) offerFormatting(record, this, out);
    return out;
  }
}

// Reads the caller fields its `fields` name (extras are never standard attributes).
markBuiltin(JSONFormatter, (f: JSONFormatter) => Object.values(f.fields).some((a) => CALLER_FIELDS.includes(a)));
