/**
 * CPython's `time.strftime` as it behaves on Linux/glibc in the C locale,
 * including glibc's flags (`_ - 0 ^ #`), field widths, the `E`/`O`
 * modifiers, its treatment of unknown conversions (copied through, padded to
 * the width) and CPython's buffer limit (output of 256 times the format's
 * length or more comes back as an empty string).
 */

import { valueError } from "./errors.js";
import { isLeap, localtime, mktimeOrNull, tzname, type TimeStruct } from "./time.js";

/** A TimeStruct after CPython's range checks, in C's conventions. */
interface Tm {
  year: number;
  mon: number; // 1-12
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number; // 0 = Sunday, as C has it
  yday: number; // 0-based, as C has it
  isdst: number;
  zone: string;
  gmtoff: number;
  /** The checked fields as a struct, for mktime (`%s`). */
  norm: TimeStruct;
}

type Piece = string | ((tm: Tm) => string);

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Thrown inside a render when glibc's strftime would return 0 (CPython then returns ""). */
const FAIL = Symbol("strftime failed");

// CPython calls wcsftime: widths and limits count code points, and case
// changes use the locale's (C.UTF-8, Unicode) one-to-one mappings.
const mapCase = (s: string, upper: boolean): string =>
  s.replace(/[^\x00-\x40\x5b-\x60\x7b-\x7f]/gu, (ch) => {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    return m.length === ch.length && [...m].length === 1 ? m : ch;
  });
const toUpper = (s: string): string => mapCase(s, true);
const toLower = (s: string): string => mapCase(s, false);
const cpLen = (s: string): number => {
  let n = s.length;
  if (/[\ud800-\udbff]/.test(s)) for (const ch of s) if (ch.length === 2) n--;
  return n;
};

/** glibc's string output: left-padded to `width` with zeros for the `0` flag, else spaces. */
function padStr(s: string, width: number, pad: string): string {
  const n = width - cpLen(s);
  return n > 0 ? (pad === "0" ? "0" : " ").repeat(n) + s : s;
}

/** glibc's number output: at least `digits` (or `width`) characters, sign first. */
function padNum(v: number, digits: number, pad: string, width: number): string {
  const neg = v < 0;
  const body = neg ? String(-v) : String(v);
  const s = neg ? "-" + body : body;
  if (pad === "-") return padStr(s, width, pad);
  const n = Math.max(digits, width) - s.length;
  if (n <= 0) return s;
  if (pad === "_") return " ".repeat(n) + s;
  return (neg ? "-" : "") + "0".repeat(n) + body;
}

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** Days since the Monday that starts ISO week 1 of the year (negative: previous year's week). */
function isoDays(yday: number, wday: number): number {
  const jan1 = mod(((wday + 6) % 7) - yday, 7); // weekday of 1 January, 0 = Monday
  return yday - (3 - ((jan1 + 3) % 7));
}

/** ISO 8601 `[year, days into its week 1]` as glibc derives them from tm_yday/tm_wday. */
function isoWeek(tm: Tm): [number, number] {
  let year = tm.year;
  let days = isoDays(tm.yday, tm.wday);
  if (days < 0) {
    year--;
    days = isoDays(tm.yday + (isLeap(year) ? 366 : 365), tm.wday);
  } else {
    const next = isoDays(tm.yday - (isLeap(year) ? 366 : 365), tm.wday);
    if (next >= 0) {
      year++;
      days = next;
    }
  }
  return [year, days];
}

/** Codes that reject the `E` / `O` modifier in glibc (C locale). */
const NO_E = new Set("aAbBhdeFDgGHIjklmMSUVwW");
const NO_O = new Set("aAcxXYDF");

/** Numeric codes: `[minimum digits, default pad, value]`. */
const NUMBERS: Record<string, [number, string, (tm: Tm) => number]> = {
  C: [1, "0", (tm) => Math.floor(tm.year / 100)],
  d: [2, "0", (tm) => tm.mday],
  e: [2, "_", (tm) => tm.mday],
  g: [2, "0", (tm) => mod(isoWeek(tm)[0], 100)],
  G: [1, "0", (tm) => isoWeek(tm)[0]],
  H: [2, "0", (tm) => tm.hour],
  I: [2, "0", (tm) => tm.hour % 12 || 12],
  j: [3, "0", (tm) => tm.yday + 1],
  k: [2, "_", (tm) => tm.hour],
  l: [2, "_", (tm) => tm.hour % 12 || 12],
  m: [2, "0", (tm) => tm.mon],
  M: [2, "0", (tm) => tm.min],
  S: [2, "0", (tm) => tm.sec],
  u: [1, "0", (tm) => ((tm.wday + 6) % 7) + 1],
  U: [2, "0", (tm) => Math.trunc((tm.yday - tm.wday + 7) / 7)],
  V: [2, "0", (tm) => Math.floor(isoWeek(tm)[1] / 7) + 1],
  w: [1, "0", (tm) => tm.wday],
  W: [2, "0", (tm) => Math.trunc((tm.yday - ((tm.wday + 6) % 7) + 7) / 7)],
  y: [2, "0", (tm) => mod(tm.year, 100)],
  Y: [1, "0", (tm) => tm.year],
};

/** Codes that expand to another format, then take the width as a whole. */
const COMPOSITE: Record<string, string> = {
  c: "%a %b %e %H:%M:%S %Y",
  D: "%m/%d/%y",
  F: "%Y-%m-%d",
  r: "%I:%M:%S %p",
  R: "%H:%M",
  T: "%H:%M:%S",
  x: "%m/%d/%y",
  X: "%H:%M:%S",
};

/** Text codes: value, and whether `#` means upper (true) or lower (false) case. */
const TEXTS: Record<string, [(tm: Tm) => string, boolean]> = {
  a: [(tm) => DAYS[tm.wday]!.slice(0, 3), true],
  A: [(tm) => DAYS[tm.wday]!, true],
  b: [(tm) => MONTHS[tm.mon - 1]!.slice(0, 3), true],
  h: [(tm) => MONTHS[tm.mon - 1]!.slice(0, 3), true],
  B: [(tm) => MONTHS[tm.mon - 1]!, true],
  p: [(tm) => (tm.hour > 11 ? "PM" : "AM"), false],
  Z: [(tm) => tm.zone || (tm.isdst >= 0 ? tzname()[tm.isdst]! : ""), false],
};

const render = (pieces: Piece[], tm: Tm): string => {
  let out = "";
  for (const p of pieces) out += typeof p === "string" ? p : p(tm);
  return out;
};

const subformats = new Map<string, Piece[]>();

/** Parses a format into literal text and directive renderers. `limit` caps widths. */
function parse(fmt: string, limit: number): Piece[] {
  const pieces: Piece[] = [];
  let lit = "";
  const flush = (): void => {
    if (lit) pieces.push(lit);
    lit = "";
  };
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      lit += fmt.slice(i);
      break;
    }
    lit += fmt.slice(i, pct);
    let j = pct + 1;
    let pad = "";
    let upcase = false;
    let changeCase = false;
    for (; j < fmt.length; j++) {
      const c = fmt[j]!;
      if (c === "_" || c === "-" || c === "0") pad = c;
      else if (c === "^") upcase = true;
      else if (c === "#") changeCase = true;
      else break;
    }
    let width = 0;
    for (; j < fmt.length && fmt[j]! >= "0" && fmt[j]! <= "9"; j++) width = Math.min(width * 10 + +fmt[j]!, limit);
    let modifier = "";
    if (fmt[j] === "E" || fmt[j] === "O") modifier = fmt[j++]!;
    const cp = fmt.codePointAt(j);
    const conv = cp === undefined ? "" : String.fromCodePoint(cp);
    i = j + conv.length;
    const bad =
      !conv ||
      (modifier === "E" && NO_E.has(conv)) ||
      (modifier === "O" && NO_O.has(conv)) ||
      !(
        Object.hasOwn(NUMBERS, conv) ||
        Object.hasOwn(COMPOSITE, conv) ||
        Object.hasOwn(TEXTS, conv) ||
        "szPnt%".includes(conv)
      );
    if (bad) {
      // glibc copies the directive through, padded to the width; it sets
      // `#` upper-casing for b/B/h before rejecting their E form.
      const text = fmt.slice(pct, i);
      lit += padStr(upcase || (changeCase && "bBh".includes(conv)) ? toUpper(text) : text, width, pad);
      continue;
    }
    const simple = (s: string): void => {
      lit += padStr(s, width, pad);
    };
    if (conv === "n") simple("\n");
    else if (conv === "t") simple("\t");
    else if (conv === "%") simple("%");
    else {
      flush();
      pieces.push(directive(conv, pad, width, upcase, changeCase));
    }
  }
  flush();
  return pieces;
}

function directive(conv: string, pad: string, width: number, upcase: boolean, changeCase: boolean): (tm: Tm) => string {
  const num = NUMBERS[conv];
  if (num) {
    const [digits, defPad, value] = num;
    const p = pad || defPad;
    return (tm) => padNum(value(tm), digits, p, width);
  }
  const sub = COMPOSITE[conv];
  if (sub !== undefined) {
    let pieces = subformats.get(sub);
    if (!pieces) subformats.set(sub, (pieces = parse(sub, Infinity)));
    const parts = pieces;
    return (tm) => padStr(upcase ? toUpper(render(parts, tm)) : render(parts, tm), width, pad);
  }
  if (conv === "s") {
    // glibc renders the seconds as text: blanks by default, zeros go before a sign.
    return (tm) => {
      const t = mktimeOrNull(tm.norm);
      if (t === null) throw FAIL;
      const text = String(t);
      if (pad === "-" || pad === "") return padStr(text, width, " ");
      return padStr(text, width, pad === "0" ? "0" : " ");
    };
  }
  if (conv === "z") {
    return (tm) => {
      if (tm.isdst < 0) return "";
      const minutes = Math.trunc(Math.abs(tm.gmtoff) / 60);
      const sign = padStr(tm.gmtoff < 0 ? "-" : "+", width, pad);
      return sign + padNum(Math.trunc(minutes / 60) * 100 + (minutes % 60), 4, pad || "0", width);
    };
  }
  if (conv === "P") return (tm) => padStr(tm.hour > 11 ? "pm" : "am", width, pad);
  const [text, hashUpper] = TEXTS[conv]!;
  // glibc: `#` swaps to the "natural" other case; lower case wins over `^`.
  const lower = changeCase && !hashUpper;
  const upper = !lower && (upcase || (changeCase && hashUpper));
  return (tm) => {
    const s = text(tm);
    return padStr(lower ? toLower(s) : upper ? toUpper(s) : s, width, pad);
  };
}

/** CPython's checks and normalisation of a struct before calling C strftime. */
function toTm(t: TimeStruct): Tm {
  const int = (v: number): number => Math.trunc(Number(v));
  let mon = int(t.tm_mon);
  let mday = int(t.tm_mday);
  let yday = int(t.tm_yday);
  const hour = int(t.tm_hour);
  const min = int(t.tm_min);
  const sec = int(t.tm_sec);
  if (mon === 0) mon = 1;
  else if (mon < 0 || mon > 12) throw valueError("month out of range");
  if (mday === 0) mday = 1;
  else if (mday < 0 || mday > 31) throw valueError("day of month out of range");
  if (hour < 0 || hour > 23) throw valueError("hour out of range");
  if (min < 0 || min > 59) throw valueError("minute out of range");
  if (sec < 0 || sec > 61) throw valueError("seconds out of range");
  const wday = (int(t.tm_wday) + 1) % 7;
  if (wday < 0) throw valueError("day of week out of range");
  if (yday === 0) yday = 1;
  else if (yday < 0 || yday > 366) throw valueError("day of year out of range");
  const isdst = Math.max(-1, Math.min(1, int(t.tm_isdst)));
  const zone = t.tm_zone == null ? "" : String(t.tm_zone);
  const gmtoff = t.tm_gmtoff == null ? 0 : int(t.tm_gmtoff);
  const year = int(t.tm_year);
  const norm: TimeStruct = {
    ...t,
    tm_year: year,
    tm_mon: mon,
    tm_mday: mday,
    tm_hour: hour,
    tm_min: min,
    tm_sec: sec,
    tm_isdst: isdst,
  };
  return { year, mon, mday, hour, min, sec, wday, yday: yday - 1, isdst, zone, gmtoff, norm };
}

/**
 * Compiles a `time.strftime` format once; the returned function formats a
 * {@link TimeStruct} (default: `localtime()`) exactly as CPython does on
 * Linux/glibc in the C locale.
 *
 * @throws ValueError `embedded null character` for a format containing NUL;
 *   the returned function throws CPython's range errors (`month out of range`, …).
 */
export function compileStrftime(format: string): (t?: TimeStruct) => string {
  if (format.includes("\0")) throw valueError("embedded null character");
  // CPython retries with buffers of 1024, 2048, … characters up to 256× the
  // format's length and returns "" if the output never fits.
  let limit = 1024;
  while (limit < 256 * cpLen(format)) limit *= 2;
  const pieces = parse(format, limit);
  if (pieces.length === 1 && typeof pieces[0] === "string") {
    const text = pieces[0];
    const fits = cpLen(text) < limit;
    return (t) => {
      toTm(t ?? localtime());
      return fits ? text : "";
    };
  }
  return (t) => {
    const tm = toTm(t ?? localtime());
    let out: string;
    try {
      out = render(pieces, tm);
    } catch (e) {
      if (e === FAIL) return "";
      throw e;
    }
    if (out.length >= limit && cpLen(out) >= limit) return "";
    return out;
  };
}

const cache = new Map<string, (t?: TimeStruct) => string>();

/**
 * Python's `time.strftime(format, t)` (Linux/glibc, C locale). `t` defaults
 * to `localtime()`. Compiled formats are cached.
 */
export function strftime(format: string, t?: TimeStruct): string {
  let fn = cache.get(format);
  if (!fn) {
    fn = compileStrftime(format);
    if (cache.size >= 256) cache.clear();
    cache.set(format, fn);
  }
  return fn(t);
}

export type { TimeStruct };
