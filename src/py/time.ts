/**
 * Python's `time.localtime` / `time.gmtime` / `time.mktime` on top of the
 * system's zoneinfo files, so that offsets, DST flags and zone abbreviations
 * are exactly the ones glibc (and therefore CPython on Linux) reports.
 *
 * The zone follows `process.env.TZ` as glibc reads it: unset means
 * `/etc/localtime`, empty means UTC, `:name` and `name` are looked up under
 * `$TZDIR` (default `/usr/share/zoneinfo`), anything else is a POSIX TZ rule
 * string such as `EST5EDT,M3.2.0,M11.1.0`. Where no zoneinfo file exists
 * (Windows, images without tzdata) the zone falls back to `Intl`.
 */

import { readFileSync } from "node:fs";
import { pyError, valueError } from "./errors.js";

/** Python's `time.struct_time`: broken-down time with zone information. */
export interface TimeStruct {
  /** Full year, e.g. 2024 (may be zero or negative). */
  tm_year: number;
  /** Month, 1-12. */
  tm_mon: number;
  /** Day of the month, 1-31. */
  tm_mday: number;
  /** Hour, 0-23. */
  tm_hour: number;
  /** Minute, 0-59. */
  tm_min: number;
  /** Second, 0-61 (60 only with leap-second zones). */
  tm_sec: number;
  /** Day of the week, 0 = Monday. */
  tm_wday: number;
  /** Day of the year, 1-366. */
  tm_yday: number;
  /** 1 if daylight saving time is in effect, 0 if not, -1 if unknown. */
  tm_isdst: number;
  /** Zone abbreviation, e.g. `CET`, `EDT`, `+0530`, `GMT` for gmtime. */
  tm_zone: string;
  /** Offset from UTC in seconds, positive east of Greenwich. */
  tm_gmtoff: number;
}

/* ------------------------------------------------------------------ */
/* Calendar arithmetic (proleptic Gregorian, any integer year).        */

const DAY = 86400;

/** Floor division that stays exact for every safe integer. */
const fdiv = (a: number, b: number): number => Math.floor(a / b);

/** Days from 1970-01-01 to year-month-day (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  // Count years from March so the leap day is the last day of the "year".
  const yy = m <= 2 ? y - 1 : y;
  const era = fdiv(yy, 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = fdiv(153 * mp + 2, 5) + d - 1;
  const doe = yoe * 365 + fdiv(yoe, 4) - fdiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}: `[year, month 1-12, day]`. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = fdiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = fdiv(doe - fdiv(doe, 1460) + fdiv(doe, 36524) - fdiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + fdiv(yoe, 4) - fdiv(yoe, 100));
  const mp = fdiv(5 * doy + 2, 153);
  const d = doy - fdiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/** Gregorian leap year test, valid for negative years too. */
export const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Breaks `local` (seconds since the epoch, already shifted to local time) into fields. */
function breakDown(local: number, isdst: number, zone: string, gmtoff: number): TimeStruct {
  const days = fdiv(local, DAY);
  const secs = local - days * DAY;
  const [y, m, d] = civilFromDays(days);
  const hour = fdiv(secs, 3600);
  const rem = secs - hour * 3600;
  const min = fdiv(rem, 60);
  const tm_year = y;
  if (tm_year - 1900 > 2147483647 || tm_year - 1900 < -2147483648) {
    throw pyError("OSError", "[Errno 75] Value too large for defined data type");
  }
  return {
    tm_year,
    tm_mon: m,
    tm_mday: d,
    tm_hour: hour,
    tm_min: min,
    tm_sec: rem - min * 60,
    tm_wday: (((days + 3) % 7) + 7) % 7, // 1970-01-01 was a Thursday (3)
    tm_yday: days - daysFromCivil(y, 1, 1) + 1,
    tm_isdst: isdst,
    tm_zone: zone,
    tm_gmtoff: gmtoff,
  };
}

/** Python's conversion of a float timestamp to `time_t`: floor, with its errors. */
function toTimeT(seconds: number): number {
  if (typeof seconds !== "number") {
    if (typeof seconds === "bigint") return toTimeT(Number(seconds));
    throw pyError("TypeError", `'${typeof seconds}' object cannot be interpreted as an integer`);
  }
  if (Number.isNaN(seconds)) throw valueError("Invalid value NaN (not a number)");
  const t = Math.floor(seconds);
  if (!(Math.abs(t) < 2 ** 63)) throw pyError("OverflowError", "timestamp out of range for platform time_t");
  return t;
}

/* ------------------------------------------------------------------ */
/* Zones.                                                              */

/** What a zone says about one instant. */
interface LocalInfo {
  off: number;
  isdst: number;
  abbr: string;
  /** Leap-second correction to subtract (right/ zones only). */
  corr: number;
  /** Extra seconds when the instant is itself a leap second. */
  hit: number;
}

interface Zone {
  at(t: number): LocalInfo;
  /** glibc's `tzname`: used by `%Z` when a struct carries no abbreviation. */
  tzname: [string, string];
}

const plain = (off: number, isdst: number, abbr: string): LocalInfo => ({ off, isdst, abbr, corr: 0, hit: 0 });

function fixedZone(name: string, off = 0): Zone {
  const info = plain(off, 0, name);
  return { at: () => info, tzname: [name, name] };
}

/* --- POSIX TZ rule strings ("CET-1CEST,M3.5.0,M10.5.0/3") ----------- */

interface Rule {
  kind: "J" | "N" | "M";
  /** Day for J/N rules, day of week for M rules. */
  d: number;
  m: number;
  w: number;
  /** Local time of the change, seconds (may be negative or above 24h). */
  secs: number;
}

interface PosixTz {
  std: string;
  stdOff: number;
  dst: string | null;
  dstOff: number;
  start: Rule;
  end: Rule;
}

const US_START: Rule = { kind: "M", m: 3, w: 2, d: 0, secs: 7200 };
const US_END: Rule = { kind: "M", m: 11, w: 1, d: 0, secs: 7200 };

/** Parses a POSIX TZ string the way glibc does; `null` when not even a name is there. */
function parsePosixTz(s: string): PosixTz | null {
  let i = 0;
  const name = (): string | null => {
    let j = i;
    while (j < s.length && /[A-Za-z]/.test(s[j]!)) j++;
    if (j - i >= 3) {
      const n = s.slice(i, j);
      i = j;
      return n;
    }
    if (s[i] !== "<") return null;
    j = i + 1;
    while (j < s.length && /[A-Za-z0-9+-]/.test(s[j]!)) j++;
    if (s[j] !== ">" || j - i - 1 < 3) return null;
    const n = s.slice(i + 1, j);
    i = j + 1;
    return n;
  };
  // [+-]hh[:mm[:ss]]; returns seconds, or null when no digits follow.
  const hms = (signed: boolean): number | null => {
    let sign = 1;
    if (signed && (s[i] === "+" || s[i] === "-")) sign = s[i++] === "-" ? -1 : 1;
    const m = /^(\d+)(?::(\d+)(?::(\d+))?)?/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return sign * (Math.min(+m[1]!, 24) * 3600 + Math.min(+(m[2] ?? 0), 59) * 60 + Math.min(+(m[3] ?? 0), 59));
  };
  const rule = (): Rule | null => {
    if (s[i] === ",") i++;
    let r: Rule;
    let m: RegExpExecArray | null;
    if ((m = /^J(\d+)/.exec(s.slice(i))) && +m[1]! >= 1 && +m[1]! <= 365) {
      r = { kind: "J", d: +m[1]!, m: 0, w: 0, secs: 7200 };
    } else if ((m = /^(\d+)/.exec(s.slice(i))) && +m[1]! <= 365) {
      r = { kind: "N", d: +m[1]!, m: 0, w: 0, secs: 7200 };
    } else if (
      (m = /^M(\d+)\.(\d+)\.(\d+)/.exec(s.slice(i))) &&
      +m[1]! >= 1 &&
      +m[1]! <= 12 &&
      +m[2]! >= 1 &&
      +m[2]! <= 5 &&
      +m[3]! <= 6
    ) {
      r = { kind: "M", m: +m[1]!, w: +m[2]!, d: +m[3]!, secs: 7200 };
    } else return null;
    i += m[0].length;
    if (s[i] === "/") {
      i++;
      const neg = s[i] === "-";
      if (neg) i++;
      const t = hms(false);
      r.secs = (neg ? -1 : 1) * (t ?? 7200);
    }
    return i === s.length || s[i] === "," ? r : null;
  };

  const std = name();
  if (std === null) return null;
  const west = hms(true);
  const tz: PosixTz = { std, stdOff: west === null ? 0 : -west, dst: null, dstOff: 0, start: US_START, end: US_END };
  if (west === null || i >= s.length) return tz;
  const dst = name();
  if (dst === null) return tz;
  tz.dst = dst;
  const dwest = hms(true);
  tz.dstOff = dwest === null ? tz.stdOff + 3600 : -dwest;
  if (i >= s.length || s.slice(i) === ",") return tz; // glibc: default (US) rules
  const start = rule();
  const end = start && rule();
  if (start && end) {
    tz.start = start;
    tz.end = end;
  }
  return tz;
}

/** UTC instant at which `r` fires in `year`, given the local offset before the change. */
function ruleChange(r: Rule, year: number, off: number): number {
  // glibc counts from 1970-01-01 for any year up to 1970, so old dates get
  // that year's calendar shifted into 1970 (no DST before 1970 up north).
  const jan1 = daysFromCivil(year, 1, 1);
  const base = year > 1970 ? jan1 : 0;
  let day: number;
  if (r.kind === "J") day = base + r.d - 1 + (isLeap(year) && r.d >= 60 ? 1 : 0);
  else if (r.kind === "N") day = base + r.d;
  else {
    const first = daysFromCivil(year, r.m, 1);
    const firstDow = (((first + 4) % 7) + 7) % 7; // 0 = Sunday
    let dom = (r.d - firstDow + 7) % 7;
    const monthLen = daysFromCivil(r.m === 12 ? year + 1 : year, r.m === 12 ? 1 : r.m + 1, 1) - first;
    for (let k = 1; k < r.w && dom + 7 < monthLen; k++) dom += 7;
    day = base + (first - jan1) + dom;
  }
  return day * DAY + r.secs - off;
}

/** Resolves a POSIX rule for instant `t`; glibc picks the rule year from the UTC date. */
function posixAt(tz: PosixTz, t: number, cache: { year: number; start: number; end: number }): LocalInfo {
  if (tz.dst === null) return plain(tz.stdOff, 0, tz.std);
  const year = civilFromDays(fdiv(t, DAY))[0];
  if (cache.year !== year) {
    cache.year = year;
    cache.start = ruleChange(tz.start, year, tz.stdOff);
    cache.end = ruleChange(tz.end, year, tz.dstOff);
  }
  const dst = cache.start > cache.end ? t < cache.end || t >= cache.start : t >= cache.start && t < cache.end;
  return dst ? plain(tz.dstOff, 1, tz.dst) : plain(tz.stdOff, 0, tz.std);
}

function posixZone(tz: PosixTz): Zone {
  const cache = { year: NaN, start: 0, end: 0 };
  return { at: (t) => posixAt(tz, t, cache), tzname: [tz.std, tz.dst ?? tz.std] };
}

/* --- TZif files ------------------------------------------------------ */

interface Tzif {
  times: number[];
  idx: Uint8Array;
  types: LocalInfo[];
  leaps: { t: number; corr: number }[];
  footer: PosixTz | null;
}

/** Parses a TZif file (RFC 8536); prefers the 64-bit block of version 2+ files. */
function parseTzif(buf: Buffer): Tzif | null {
  if (buf.length < 44 || buf.toString("latin1", 0, 4) !== "TZif") return null;
  const counts = (o: number): number[] => [0, 1, 2, 3, 4, 5].map((k) => buf.readUInt32BE(o + 20 + 4 * k));
  let o = 0;
  let [isut, isstd, leapcnt, timecnt, typecnt, charcnt] = counts(0) as [number, number, number, number, number, number];
  let size = 4;
  const v2 = buf[4]! >= 0x32;
  if (v2) {
    o = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstd + isut;
    if (buf.toString("latin1", o, o + 4) !== "TZif") return null;
    [isut, isstd, leapcnt, timecnt, typecnt, charcnt] = counts(o) as [number, number, number, number, number, number];
    size = 8;
  }
  let p = o + 44;
  const readTime = (at: number): number => (size === 8 ? Number(buf.readBigInt64BE(at)) : buf.readInt32BE(at));
  const times: number[] = [];
  for (let k = 0; k < timecnt; k++, p += size) times.push(readTime(p));
  const idx = Uint8Array.from(buf.subarray(p, p + timecnt));
  p += timecnt;
  const charsAt = p + typecnt * 6;
  const types: LocalInfo[] = [];
  for (let k = 0; k < typecnt; k++, p += 6) {
    const start = charsAt + buf[p + 5]!;
    let end = start;
    while (end < charsAt + charcnt && buf[end] !== 0) end++;
    types.push(plain(buf.readInt32BE(p), buf[p + 4]! ? 1 : 0, buf.toString("latin1", start, end)));
  }
  p += charcnt;
  const leaps: { t: number; corr: number }[] = [];
  for (let k = 0; k < leapcnt; k++, p += size + 4) leaps.push({ t: readTime(p), corr: buf.readInt32BE(p + size) });
  p += isstd + isut;
  let footer: PosixTz | null = null;
  if (v2 && buf[p] === 0x0a) {
    const nl = buf.indexOf(0x0a, p + 1);
    const spec = buf.toString("latin1", p + 1, nl < 0 ? buf.length : nl);
    if (spec) footer = parsePosixTz(spec);
  }
  if (!types.length) return null;
  return { times, idx, types, leaps, footer };
}

function tzifZone(z: Tzif): Zone {
  const { times, idx, types, leaps, footer } = z;
  const n = times.length;
  // Before the first transition glibc uses the first non-DST type.
  const initial = types.find((ty) => !ty.isdst) ?? types[0]!;
  const cache = { year: NaN, start: 0, end: 0 };
  const withLeaps = (base: LocalInfo, t: number): LocalInfo => {
    let k = leaps.length - 1;
    while (k >= 0 && t < leaps[k]!.t) k--;
    if (k < 0) return base;
    let hit = 0;
    if (t === leaps[k]!.t && (k === 0 ? leaps[0]!.corr > 0 : leaps[k]!.corr > leaps[k - 1]!.corr)) {
      hit = 1;
      for (; k > 0 && leaps[k]!.t === leaps[k - 1]!.t + 1 && leaps[k]!.corr === leaps[k - 1]!.corr + 1; k--) hit++;
    }
    return { ...base, corr: leaps[k]!.corr, hit };
  };
  let lastT = NaN;
  let lastInfo = initial;
  const at = (t: number): LocalInfo => {
    if (t === lastT) return lastInfo;
    let info: LocalInfo;
    if (n === 0 || t < times[0]!) info = initial;
    else if (t >= times[n - 1]!) info = footer ? posixAt(footer, t, cache) : types[idx[n - 1]!]!;
    else {
      let lo = 0;
      let hi = n - 1; // times[lo] <= t < times[hi]
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (times[mid]! <= t) lo = mid;
        else hi = mid;
      }
      info = types[idx[lo]!]!;
    }
    if (leaps.length) info = withLeaps(info, t);
    lastT = t;
    return (lastInfo = info);
  };
  let names: [string, string];
  if (footer) names = [footer.std, footer.dst ?? footer.std];
  else {
    const std = [...types].reverse().find((ty) => !ty.isdst) ?? types[0]!;
    const dst = [...types].reverse().find((ty) => ty.isdst) ?? std;
    names = [std.abbr, dst.abbr];
  }
  return { at, tzname: names };
}

/* --- Intl fallback (no zoneinfo on this system) ---------------------- */

function intlZone(timeZone: string | undefined): Zone {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    era: "short",
    timeZoneName: "short",
  });
  const offsetOf = (t: number): [number, string] => {
    const f: Record<string, string> = {};
    for (const part of parts.formatToParts(new Date(t * 1000))) f[part.type] = part.value;
    let year = +f.year!;
    if (f.era === "BC" || f.era === "B") year = 1 - year;
    const local = daysFromCivil(year, +f.month!, +f.day!) * DAY + +f.hour! * 3600 + +f.minute! * 60 + +f.second!;
    return [local - t, f.timeZoneName ?? ""];
  };
  // Offsets change on quarter-hour boundaries: cache per quarter hour.
  const memo = new Map<number, LocalInfo>();
  const at = (t: number): LocalInfo => {
    const slot = fdiv(t, 900);
    let info = memo.get(slot);
    if (info) return info;
    if (Math.abs(t) > 8.64e12) return plain(0, 0, "UTC");
    const [off, abbr] = offsetOf(slot * 900);
    const year = civilFromDays(fdiv(t, DAY))[0];
    const jan = offsetOf(daysFromCivil(year, 1, 1) * DAY)[0];
    const jul = offsetOf(daysFromCivil(year, 7, 1) * DAY)[0];
    info = plain(off, off > Math.min(jan, jul) ? 1 : 0, abbr);
    if (memo.size > 256) memo.clear();
    memo.set(slot, info);
    return info;
  };
  const now = at(fdiv(Date.now(), 1000));
  return { at, tzname: [now.abbr, now.abbr] };
}

/* --- Choosing the zone from TZ ---------------------------------------- */

function readTzif(path: string): Tzif | null {
  try {
    return parseTzif(readFileSync(path));
  } catch {
    return null;
  }
}

function isIntlZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Builds the zone glibc's `tzset` would use for this value of `TZ`. */
function loadZone(tz: string | undefined): Zone {
  const dir = process.env.TZDIR || "/usr/share/zoneinfo";
  if (tz === undefined) {
    const z = readTzif("/etc/localtime");
    if (z) return tzifZone(z);
    return process.platform === "win32" ? intlZone(undefined) : fixedZone("UTC");
  }
  const name = tz === "" ? "Universal" : tz.startsWith(":") ? tz.slice(1) : tz;
  const z = readTzif(name.startsWith("/") ? name : `${dir}/${name}`);
  if (z) return tzifZone(z);
  if (tz === "") return fixedZone("UTC");
  // No zoneinfo file: an IANA name is better served by Intl than by glibc's
  // reading of it as a (broken) POSIX string.
  if (/^[A-Za-z_]+\/[A-Za-z0-9_+\-/]+$/.test(name) && isIntlZone(name)) return intlZone(name);
  const posix = parsePosixTz(name);
  return posix ? posixZone(posix) : fixedZone("");
}

let zoneKey: string | undefined | null = null;
let zone: Zone = fixedZone("UTC");
const zones = new Map<string, Zone>();

/** The zone for the current `process.env.TZ`, reloaded when TZ changes. */
function currentZone(): Zone {
  const tz = process.env.TZ;
  if (tz !== zoneKey) {
    const key = tz === undefined ? "\0unset" : tz;
    let z = zones.get(key);
    if (!z) {
      z = loadZone(tz);
      zones.set(key, z);
    }
    zone = z;
    zoneKey = tz;
  }
  return zone;
}

/** glibc's `tzname` pair (standard, daylight) for the current zone. */
export function tzname(): [string, string] {
  return currentZone().tzname;
}

/* ------------------------------------------------------------------ */
/* Public conversions.                                                 */

/**
 * Python's `time.localtime(seconds)`: the broken-down local time of a POSIX
 * timestamp (seconds, fractions are floored) in the zone named by
 * `process.env.TZ`. Defaults to now.
 */
export function localtime(seconds?: number): TimeStruct {
  const t = toTimeT(seconds ?? Date.now() / 1000);
  const info = currentZone().at(t);
  const tm = breakDown(t + info.off - info.corr, info.isdst, info.abbr, info.off);
  if (info.hit) tm.tm_sec += info.hit;
  return tm;
}

/** Python's `time.gmtime(seconds)`: broken-down UTC, zone `GMT` as glibc names it. */
export function gmtime(seconds?: number): TimeStruct {
  return breakDown(toTimeT(seconds ?? Date.now() / 1000), 0, "GMT", 0);
}

/** Seconds of the broken-down fields read as if they were UTC. */
function fieldSeconds(t: Pick<TimeStruct, "tm_year" | "tm_mon" | "tm_mday" | "tm_hour" | "tm_min" | "tm_sec">): number {
  const mon = t.tm_mon - 1;
  const y = t.tm_year + fdiv(mon, 12);
  const m = mon - fdiv(mon, 12) * 12 + 1;
  return (daysFromCivil(y, m, 1) + t.tm_mday - 1) * DAY + t.tm_hour * 3600 + t.tm_min * 60 + t.tm_sec;
}

/**
 * C's `mktime` as glibc implements it (used by `%s`): the timestamp whose
 * local time has these fields, using `tm_isdst` (0, 1, or -1 = unknown) to
 * choose between repeated times and to read fields from the "other" side of
 * a DST change. Returns `null` where glibc fails.
 */
export function mktimeOrNull(tm: TimeStruct): number | null {
  const z = currentZone();
  const L = fieldSeconds(tm);
  const want = tm.tm_isdst;
  const differs = (isdst: number): boolean => want >= 0 && (want !== 0) !== (isdst !== 0);
  const localOf = (t: number): number => {
    const info = z.at(t);
    return t + info.off - info.corr;
  };
  // Every (offset, leap correction) in use within two days of L yields one
  // candidate instant; it is exact when it reads back as L.
  const cands = new Set<number>();
  for (const d of [-2, -1, 0, 1, 2]) {
    const info = z.at(L + d * DAY);
    cands.add(L - info.off + info.corr);
  }
  const exact = [...cands].filter((t) => localOf(t) === L).sort((a, b) => a - b);
  if (exact.length) {
    const match = exact.find((t) => !differs(z.at(t).isdst));
    if (match !== undefined) return match;
    // Right fields, wrong DST flag: borrow the offset of the nearest instant
    // that has the requested flag, as glibc's probing does.
    const t = exact[0]!;
    const stride = 601200;
    const bound = 457243200 / 2 + stride;
    for (let delta = stride; delta < bound; delta += stride) {
      for (const ot of [t - delta, t + delta]) {
        if (!differs(z.at(ot).isdst)) return ot + L - localOf(ot);
      }
    }
    return t + 3600 * ((want === 0 ? 1 : 0) - (z.at(t).isdst === 0 ? 1 : 0));
  }
  // In a gap (clocks jumped forward): glibc settles on the candidate whose
  // own DST flag differs from the requested one.
  const gap = [...cands].sort((a, b) => b - a);
  if (want < 0) return gap.find((t) => z.at(t).isdst !== 0) ?? gap[0]!;
  return gap.find((t) => differs(z.at(t).isdst)) ?? null;
}

/** Python's `time.mktime(t)`: local broken-down time to a timestamp. */
export function mktime(tm: TimeStruct): number {
  const t = mktimeOrNull(tm);
  if (t === null) throw pyError("OverflowError", "mktime argument out of range");
  return t;
}
