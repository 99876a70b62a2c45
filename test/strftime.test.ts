/**
 * Differential tests: `localtime`/`gmtime`/`strftime` against python3's
 * `time` module on this machine (glibc), for many instants, zones and formats.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { compileStrftime, strftime } from "../src/py/strftime.js";
import { gmtime, localtime, mktime, type TimeStruct } from "../src/py/time.js";

/** Python side: for each zone, struct fields and strftime output for each case. */
const ORACLE = String.raw`
import json, os, sys, time
req = json.load(sys.stdin)
FIELDS = ('tm_year','tm_mon','tm_mday','tm_hour','tm_min','tm_sec','tm_wday','tm_yday','tm_isdst','tm_zone','tm_gmtoff')
def err(e): return 'ERR:%s: %s' % (type(e).__name__, e)
def setzone(z):
    if z is None: os.environ.pop('TZ', None)
    else: os.environ['TZ'] = z
    time.tzset()
def conv(fn, ts):
    try:
        t = fn(ts)
        return t, [getattr(t, f) for f in FIELDS]
    except Exception as e:
        return None, err(e)
def fmt(f, t):
    try: return time.strftime(f, t)
    except Exception as e: return err(e)
out = []
for job in req:
    setzone(job['tz'])
    res = []
    for c in job['cases']:
        if 'struct' in c:
            s = c['struct']
            t = time.struct_time([s[f] for f in FIELDS])
            res.append([fmt(f, t) for f in c['fmts']])
            continue
        fn = time.gmtime if c.get('gm') else time.localtime
        t, fields = conv(fn, c['ts'])
        res.append([fields] + ([fmt(f, t) for f in c['fmts']] if t is not None else []))
    out.append(res)
json.dump(out, sys.stdout)
`;

interface Case {
  ts?: number;
  gm?: boolean;
  struct?: TimeStruct;
  fmts: string[];
}
interface Job {
  tz: string | null;
  cases: Case[];
}

function python(jobs: Job[]): unknown[][][] {
  const r = spawnSync("python3", ["-c", ORACLE], { input: JSON.stringify(jobs), maxBuffer: 1 << 28, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const FIELDS = [
  "tm_year",
  "tm_mon",
  "tm_mday",
  "tm_hour",
  "tm_min",
  "tm_sec",
  "tm_wday",
  "tm_yday",
  "tm_isdst",
  "tm_zone",
  "tm_gmtoff",
] as const;
const err = (e: unknown): string => `ERR:${(e as Error).name}: ${(e as Error).message}`;

function setZone(tz: string | null): void {
  if (tz === null) delete process.env.TZ;
  else process.env.TZ = tz;
}

/** The same computation as ORACLE, in this process. */
function ours(jobs: Job[]): unknown[][][] {
  const saved = process.env.TZ;
  try {
    return jobs.map((job) => {
      setZone(job.tz);
      return job.cases.map((c) => {
        const fmt = (f: string, t: TimeStruct): string => {
          try {
            return strftime(f, t);
          } catch (e) {
            return err(e);
          }
        };
        if (c.struct) return c.fmts.map((f) => fmt(f, c.struct!));
        let t: TimeStruct;
        try {
          t = c.gm ? gmtime(c.ts) : localtime(c.ts);
        } catch (e) {
          return [err(e)];
        }
        return [FIELDS.map((f) => t[f]), ...c.fmts.map((f) => fmt(f, t))];
      });
    });
  } finally {
    setZone(saved ?? null);
  }
}

/** Runs both sides and reports the first differences readably. */
function compare(jobs: Job[]): void {
  const want = python(jobs);
  const got = ours(jobs);
  const diffs: string[] = [];
  jobs.forEach((job, j) => {
    job.cases.forEach((c, k) => {
      const w = want[j]![k]!;
      const g = got[j]![k]!;
      const off = c.struct ? 0 : 1;
      if (!c.struct && JSON.stringify(w[0]) !== JSON.stringify(g[0])) {
        diffs.push(
          `TZ=${job.tz} ${c.gm ? "gmtime" : "localtime"}(${c.ts}): python ${JSON.stringify(w[0])} ours ${JSON.stringify(g[0])}`,
        );
        return;
      }
      c.fmts.forEach((f, i) => {
        if (w[i + off] !== g[i + off] && (w.length > off || g.length > off)) {
          const what = c.struct ? JSON.stringify(c.struct) : `${c.gm ? "gmtime" : "localtime"}(${c.ts})`;
          diffs.push(
            `TZ=${job.tz} ${JSON.stringify(f)} ${what}: python ${JSON.stringify(w[i + off])} ours ${JSON.stringify(g[i + off])}`,
          );
        }
      });
    });
  });
  assert.deepEqual(diffs.slice(0, 25), [], `${diffs.length} differences`);
}

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, m - 1, d, h, mi, s) / 1000;

/** Instants that stress the calendar and zone logic. */
function instants(): number[] {
  const ts = new Set<number>([
    0,
    -1,
    1,
    59,
    86399,
    86400,
    -86400,
    1.5,
    -0.5,
    -1.5,
    1e9 + 0.999,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    1.7e9,
  ]);
  // DST changes (America/New_York, Europe/Berlin, Australia/Lord_Howe, Asia/Kolkata 1942/1945).
  const changes = [
    utc(2024, 3, 10, 7),
    utc(2024, 11, 3, 6),
    utc(2024, 3, 31, 1),
    utc(2024, 10, 27, 1),
    utc(2024, 4, 6, 15),
    utc(2024, 10, 5, 15, 30),
    utc(1942, 8, 31, 18, 30),
    utc(1945, 10, 14, 17, 30),
    utc(1996, 3, 31, 1),
    utc(2037, 3, 8, 7),
    utc(2037, 11, 1, 6),
    utc(2100, 3, 28, 1),
  ];
  for (const c of changes) for (const d of [-3601, -1, 0, 1, 1799, 1800, 3599, 3600]) ts.add(c + d);
  // Year boundaries, seen from zones on both sides of UTC.
  for (let y = 1968; y <= 2032; y += 1)
    for (const h of [-14, -1, 0, 13]) ts.add(utc(y, 1, 1) + h * 3600 - (h === 0 ? 1 : 0));
  // Week-number edges: the first and last days of years.
  for (const y of [2000, 2004, 2005, 2008, 2009, 2010, 2015, 2016, 2020, 2021, 2026, 2027]) {
    for (let d = 0; d < 7; d++) ts.add(utc(y, 1, 1 + d, 12));
    for (let d = 25; d <= 31; d++) ts.add(utc(y, 12, d, 12));
  }
  // Leap days and day 366.
  for (const y of [1900, 1904, 2000, 2004, 2100, 2400])
    for (const [m, d] of [
      [2, 28],
      [2, 29],
      [3, 1],
      [12, 31],
    ] as const)
      ts.add(utc(y, m, d, 6));
  // Far past (LMT offsets, year 1 and before) and far future (footer rules, 5+ digit years).
  for (const t of [
    -1e9, -2e9, -2.5e9, -3e9, -5e9, -1e10, -62135596800, -62135596801, -6e10, -1e11, 4e9, 1e10, 1e11, 253402300799,
    253402300800, 1e12, 1e13,
  ])
    ts.add(t);
  const r = rng(42);
  for (let i = 0; i < 150; i++) ts.add(Math.floor(-3e9 + r() * 8e9));
  return [...ts];
}

const CODES = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%";
const FORMATS = [
  ...[...CODES].map((c) => "%" + c),
  "%Y-%m-%d %H:%M:%S",
  "%G-W%V-%u %U %W %j",
  "%-d %_m %0e %^a %#b %#Z %#p %^P %10A %-10B %_5Y %05s",
  "%f %Q %q %v %L %E %O %Ey %Oy %EY %OY %Ec %Oc %5E %E5Y %i",
  "%",
  "a%",
  "%10",
  "%_",
  "100%% %n%t",
  "",
  "plain text",
];

const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"];

test("localtime, gmtime and strftime match python3 in five zones", () => {
  const ts = instants();
  compare(
    ZONES.map((tz) => ({
      tz,
      cases: ts.flatMap((t) => [
        { ts: t, fmts: FORMATS },
        { ts: t, gm: true, fmts: FORMATS },
      ]),
    })),
  );
});

test("other TZ spellings: POSIX rules, unset, empty, leap seconds, negative DST", () => {
  const ts = instants().filter((_, i) => i % 3 === 0);
  const zones = [
    null,
    "",
    ":America/New_York",
    "EST5EDT,M3.2.0,M11.1.0",
    "<+0330>-3:30",
    "AAA3BBB,J60/25,300/-1",
    "XYZ",
    "UTC0",
    "JST-9",
    "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
    "Europe/Dublin",
    "America/Sao_Paulo",
    "Pacific/Chatham",
    "right/Europe/Berlin",
    "Nowhere/Land",
  ];
  compare(zones.map((tz) => ({ tz, cases: ts.map((t) => ({ ts: t, fmts: ["%Y-%m-%d %H:%M:%S %Z %z %s"] })) })));
});

test("%s (mktime) honours tm_isdst in gaps, overlaps and on the wrong side of a change", () => {
  const s = (
    y: number,
    mo: number,
    d: number,
    h: number,
    mi: number,
    isdst: number,
    wday = 0,
    yday = 1,
  ): TimeStruct => ({
    tm_year: y,
    tm_mon: mo,
    tm_mday: d,
    tm_hour: h,
    tm_min: mi,
    tm_sec: 0,
    tm_wday: wday,
    tm_yday: yday,
    tm_isdst: isdst,
    tm_zone: "X",
    tm_gmtoff: 0,
  });
  const local = [
    [2024, 3, 10, 2, 30],
    [2024, 11, 3, 1, 30],
    [2024, 7, 1, 12, 0],
    [2024, 1, 1, 12, 0],
    [2024, 3, 31, 2, 30],
    [2024, 10, 27, 2, 30],
    [1942, 9, 1, 0, 30],
    [1945, 10, 14, 23, 30],
    [2024, 4, 7, 1, 45],
    [2024, 10, 6, 2, 15],
    [1900, 1, 1, 0, 0],
    [2200, 7, 1, 0, 0],
  ];
  const cases = local.flatMap(([y, mo, d, h, mi]) =>
    [-1, 0, 1].map((dst) => ({ struct: s(y!, mo!, d!, h!, mi!, dst), fmts: ["%s"] })),
  );
  compare(ZONES.map((tz) => ({ tz, cases })));
  process.env.TZ = "America/New_York";
  assert.equal(mktime(s(2024, 7, 1, 12, 0, 1)), 1719849600);
});

test("CPython's struct checks and buffer limit", () => {
  const base = gmtime(0);
  const bad: Partial<TimeStruct>[] = [
    { tm_mon: 13 },
    { tm_mon: 0 },
    { tm_mon: -1 },
    { tm_mday: 32 },
    { tm_mday: 0 },
    { tm_hour: 24 },
    { tm_min: 60 },
    { tm_sec: 61 },
    { tm_sec: 62 },
    { tm_wday: -2 },
    { tm_wday: 9 },
    { tm_yday: 367 },
    { tm_yday: 0 },
    { tm_isdst: 5 },
    { tm_isdst: -3, tm_zone: "" },
    { tm_zone: "", tm_isdst: 1 },
    { tm_year: -5 },
    { tm_year: 0 },
    { tm_year: 99999 },
  ];
  const fmts = ["%Y-%m-%d %H:%M:%S %a %j %Z %z", "%1000Y", "%1023Y", "%3000Y|", "x%2000Y", "%2045Y%%%%%%%%", "%s"];
  compare([{ tz: "Europe/Berlin", cases: bad.map((b) => ({ struct: { ...base, ...b }, fmts })) }]);
  assert.throws(() => strftime("a\0b", base), { name: "ValueError", message: "embedded null character" });
  // Hand-made structs: glibc takes weekday and year-day as given, even inconsistent.
  const made = fc.sample(
    fc.record({
      tm_year: fc.integer({ min: -3000, max: 12000 }),
      tm_mon: fc.integer({ min: 1, max: 12 }),
      tm_mday: fc.integer({ min: 1, max: 31 }),
      tm_hour: fc.integer({ min: 0, max: 23 }),
      tm_min: fc.integer({ min: 0, max: 59 }),
      tm_sec: fc.integer({ min: 0, max: 61 }),
      tm_wday: fc.integer({ min: 0, max: 6 }),
      tm_yday: fc.integer({ min: 1, max: 366 }),
      tm_isdst: fc.integer({ min: -1, max: 1 }),
      tm_zone: fc.constantFrom("UTC", "CEST", "+0530", "é"),
      tm_gmtoff: fc.integer({ min: -50400, max: 50400 }),
    }),
    { numRuns: 300, seed: 5 },
  );
  compare([
    {
      tz: "Europe/Berlin",
      cases: made.map((struct) => ({
        struct,
        fmts: ["%U %W %V %G %g %j %a %u %w %C %y %Y %e %I %l %p", "%c|%D|%F|%r|%x|%z|%Z|%s"],
      })),
    },
  ]);

  const f = compileStrftime("%Y-%m-%d");
  assert.equal(f(base), "1970-01-01");
  assert.equal(typeof strftime("%Y"), "string"); // defaults to localtime()
});

test("property: random formats and instants agree with python3", () => {
  const directive = fc
    .tuple(
      fc.constantFrom("", "", "_", "-", "0", "^", "#", "^#", "-^", "0_"),
      fc.constantFrom("", "", "", "1", "3", "5", "12"),
      fc.constantFrom("", "", "", "E", "O"),
      fc.constantFrom(...CODES, "f", "Q", "q", "v", "L", "E", "O", "+", "1", "é", "😀"),
    )
    .map(([fl, w, m, c]) => "%" + fl + w + m + c);
  const literal = fc.constantFrom("-", ":", " ", "x", "é", "€", "😀", "%", "T", "\n");
  const format = fc.array(fc.oneof(directive, directive, literal), { maxLength: 6 }).map((a) => a.join(""));
  const instant = fc.oneof(
    fc.integer({ min: -4_000_000_000, max: 5_000_000_000 }),
    fc.integer({ min: -70_000_000_000, max: 300_000_000_000 }),
    fc.double({ min: -3e9, max: 3e9, noNaN: true }),
  );
  const sample = fc.sample(
    fc.tuple(fc.constantFrom(...ZONES), instant, fc.boolean(), fc.array(format, { minLength: 1, maxLength: 3 })),
    { numRuns: 400, seed: 7 },
  );
  compare(sample.map(([tz, ts, gm, fmts]) => ({ tz, cases: [{ ts, gm, fmts }] })));
});
