/**
 * TimedRotatingFileHandler and WatchedFileHandler, checked against CPython
 * 3.11 (`python3` run in a child process for the same inputs; python3 3.11
 * is required, as for every differential suite).
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clock, TimedRotatingFileHandler } from "../src/handlers/timed.js";
import { WatchedFileHandler } from "../src/handlers/watched.js";
import { makeLogRecord } from "../src/core/record.js";

const PY = process.env.PYTHON ?? "python3";

function python(code: string, env: Record<string, string> = {}): string {
  const r = spawnSync(PY, ["-c", code], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/** Runs `fn` with `process.env.TZ` set to `tz`. */
function withTZ<T>(tz: string, fn: () => T): T {
  const old = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (old === undefined) delete process.env.TZ;
    else process.env.TZ = old;
  }
}

let dir = "";
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-tw-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const rec = (msg: string) => makeLogRecord({ msg });

describe("TimedRotatingFileHandler: construction", () => {
  test("suffix, extMatch, interval per when (case-insensitive)", () => {
    const fn = path.join(dir, "a.log");
    const cases: Array<[string, number, string]> = [
      ["s", 3, "%Y-%m-%d_%H-%M-%S"],
      ["M", 180, "%Y-%m-%d_%H-%M"],
      ["h", 3 * 3600, "%Y-%m-%d_%H"],
      ["D", 3 * 86400, "%Y-%m-%d"],
      ["midnight", 3 * 86400, "%Y-%m-%d"],
      ["w4", 3 * 7 * 86400, "%Y-%m-%d"],
    ];
    for (const [when, interval, suffix] of cases) {
      const h = new TimedRotatingFileHandler(fn, when, 3, { delay: true });
      assert.equal(h.when, when.toUpperCase());
      assert.equal(h.interval, interval);
      assert.equal(h.suffix, suffix);
      h.close();
    }
    const h = new TimedRotatingFileHandler(fn, "W4", { delay: true });
    assert.equal(h.dayOfWeek, 4);
    assert.ok(h.extMatch.test("2024-01-02"));
    assert.ok(h.extMatch.test("2024-01-02.gz"));
    assert.ok(!h.extMatch.test("2024-01-02_10"));
    h.close();
    const d = new TimedRotatingFileHandler(fn, { delay: true });
    assert.equal(d.when, "H");
    assert.equal(d.interval, 3600);
    assert.equal(d.backupCount, 0);
    assert.equal(d.utc, false);
    assert.equal(d.atTime, null);
    d.close();
  });

  test("errors are Python's ValueErrors", () => {
    const fn = path.join(dir, "a.log");
    const check = (when: string, msg: string) =>
      assert.throws(
        () => new TimedRotatingFileHandler(fn, when, { delay: true }),
        (e: any) => {
          assert.equal(e.name, "ValueError");
          assert.equal(e.message, msg);
          return true;
        },
      );
    check("X", "Invalid rollover interval specified: X");
    check("w", "You must specify a day for weekly rollover from 0 to 6 (0 is Monday): W");
    check("W10", "You must specify a day for weekly rollover from 0 to 6 (0 is Monday): W10");
    check("W7", "Invalid day specified for weekly rollover: W7");
    check("w/", "Invalid day specified for weekly rollover: W/");
    assert.throws(() => new TimedRotatingFileHandler(fn, { delay: true, bogus: 1 } as any), { name: "TypeError" });
  });

  test("first rolloverAt comes from the file's mtime, else the clock", () => {
    const fn = path.join(dir, "a.log");
    fs.writeFileSync(fn, "");
    fs.utimesSync(fn, 1000000.7, 1000000.7);
    let h = new TimedRotatingFileHandler(fn, "M", { delay: true, utc: true });
    assert.equal(h.rolloverAt, 1000060);
    h.close();
    fs.unlinkSync(fn);
    const saved = clock.time;
    clock.time = () => 2000000.9;
    try {
      h = new TimedRotatingFileHandler(fn, "S", 5, { delay: true, utc: true });
      assert.equal(h.rolloverAt, 2000005);
      h.close();
    } finally {
      clock.time = saved;
    }
  });

  test("atTime as a Date uses UTC fields with utc, local fields without", () => {
    const fn = path.join(dir, "a.log");
    const at = new Date(Date.UTC(2020, 0, 1, 12, 0, 0));
    let h = new TimedRotatingFileHandler(fn, { when: "MIDNIGHT", utc: true, atTime: at, delay: true });
    assert.equal(h.computeRollover(0), 12 * 3600);
    h.close();
    withTZ("Asia/Tokyo", () => {
      h = new TimedRotatingFileHandler(fn, { when: "MIDNIGHT", atTime: new Date(2020, 0, 1, 12, 0, 0), delay: true });
      // 12:00 in Tokyo on the first day is 03:00 UTC.
      assert.equal(h.computeRollover(0), 3 * 3600);
      h.close();
    });
  });
});

describe("TimedRotatingFileHandler.computeRollover vs CPython", () => {
  const times = [
    0, 1710054000, 1710050400, 1710036000, 1699164000, 1699158000, 1699171200, 1711846800, 1729987200, 1704067199,
    1720000000.5, 1679792400, 1698541200,
  ];
  const whens = ["S", "m", "H", "D", "midnight", "W0", "W3", "W6", "w2"];
  const ats: Array<[number, number, number] | null> = [null, [12, 0, 0], [2, 30, 15], [23, 59, 59], [0, 0, 0]];
  const script = `
import json, os, datetime, logging.handlers, tempfile
fn = os.path.join(tempfile.mkdtemp(), "x.log")
times = ${JSON.stringify(times)}
out = []
for utc in (True, False):
  for when in ${JSON.stringify(whens)}:
    for interval in (1, 3):
      for at in ${JSON.stringify(ats).replace(/null/g, "None")}:
        if at and not (when.upper() == "MIDNIGHT" or when.upper().startswith("W")): continue
        h = logging.handlers.TimedRotatingFileHandler(fn, when=when, interval=interval, utc=utc, delay=True,
              atTime=datetime.time(*at) if at else None)
        out.append([utc, when, interval, at, [h.computeRollover(t) for t in times]])
        h.close()
print(json.dumps(out))
`;
  for (const tz of ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]) {
    test(`TZ=${tz}`, () => {
      const expected = JSON.parse(python(script, { TZ: tz })) as Array<
        [boolean, string, number, [number, number, number] | null, number[]]
      >;
      assert.ok(expected.length > 50);
      withTZ(tz, () => {
        const fn = path.join(dir, "x.log");
        for (const [utc, when, interval, at, results] of expected) {
          const atTime = at ? { hour: at[0], minute: at[1], second: at[2] } : null;
          const h = new TimedRotatingFileHandler(fn, { when, interval, utc, delay: true, atTime });
          const actual = times.map((t) => h.computeRollover(t));
          assert.deepEqual(actual, results, `utc=${utc} when=${when} interval=${interval} at=${JSON.stringify(at)}`);
          h.close();
        }
      });
    });
  }
});

/** Runs a rollover scenario with a fixed clock: `steps` are [time, message] pairs. */
function nodeScenario(fn: string, opts: Record<string, unknown>, steps: Array<[number, string]>, tz: string): void {
  const saved = clock.time;
  try {
    withTZ(tz, () => {
      clock.time = () => steps[0]![0];
      const h = new TimedRotatingFileHandler(fn, { ...opts, delay: true } as any);
      for (const [t, msg] of steps) {
        clock.time = () => t;
        h.handle(rec(msg));
      }
      h.close();
    });
  } finally {
    clock.time = saved;
  }
}

function pyScenario(fn: string, opts: Record<string, unknown>, steps: Array<[number, string]>, tz: string): void {
  const kw = Object.entries(opts)
    .map(([k, v]) => `${k}=${typeof v === "boolean" ? (v ? "True" : "False") : JSON.stringify(v)}`)
    .join(", ");
  python(
    `
import logging, logging.handlers, time
steps = ${JSON.stringify(steps)}
now = [steps[0][0]]
time.time = lambda: now[0]
h = logging.handlers.TimedRotatingFileHandler(${JSON.stringify(fn)}, ${kw}, delay=True)
for t, msg in steps:
    now[0] = t
    h.handle(logging.makeLogRecord({"msg": msg}))
h.close()
`,
    { TZ: tz },
  );
}

function snapshot(d: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(d).sort()) out[f] = fs.readFileSync(path.join(d, f), "utf8");
  return out;
}

describe("TimedRotatingFileHandler rollovers vs CPython", () => {
  const T = 1700000000; // 2023-11-14 22:13:20 UTC
  const scenarios: Array<[string, Record<string, unknown>, Array<[number, string]>, string]> = [
    [
      "M utc backupCount=2",
      { when: "M", utc: true, backupCount: 2 },
      [
        [T, "a"],
        [T + 30, "b"],
        [T + 60, "c"],
        [T + 125, "d"],
        [T + 130, "e"],
        [T + 400, "f"],
        [T + 401, "g"],
      ],
      "UTC",
    ],
    [
      "S interval=2 backupCount=3",
      { when: "S", interval: 2, backupCount: 3 },
      [
        [T, "1"],
        [T + 1, "2"],
        [T + 2, "3"],
        [T + 5, "4"],
        [T + 9, "5"],
        [T + 10, "6"],
        [T + 20, "7"],
      ],
      "Europe/Berlin",
    ],
    [
      "MIDNIGHT local across DST end",
      { when: "MIDNIGHT", backupCount: 5 },
      [
        [1698451200, "x"],
        [1698537600, "y"],
        [1698624000, "z"],
        [1698710400, "w"],
      ],
      "Europe/Berlin",
    ],
    [
      "W6 local across DST start",
      { when: "W6", backupCount: 1 },
      [
        [1710000000, "p"],
        [1710200000, "q"],
        [1710900000, "r"],
        [1711500000, "s"],
      ],
      "America/New_York",
    ],
    [
      "H utc backupCount=0 keeps all",
      { when: "H", utc: true },
      [
        [T, "a"],
        [T + 3600, "b"],
        [T + 7200, "c"],
      ],
      "UTC",
    ],
  ];
  for (const [name, opts, steps, tz] of scenarios) {
    test(name, () => {
      const dn = path.join(dir, "node");
      const dp = path.join(dir, "py");
      fs.mkdirSync(dn);
      fs.mkdirSync(dp);
      nodeScenario(path.join(dn, "app.log"), opts, steps, tz);
      pyScenario(path.join(dp, "app.log"), opts, steps, tz);
      const expected = snapshot(dp);
      assert.ok(Object.keys(expected).length > 1);
      assert.deepEqual(snapshot(dn), expected);
    });
  }
});

describe("TimedRotatingFileHandler rollover details", () => {
  test("names through namer, deletes the oldest beyond backupCount", () => {
    const fn = path.join(dir, "app.log");
    const saved = clock.time;
    try {
      clock.time = () => 86400 * 10; // 1970-01-11 00:00:00 UTC
      const h = new TimedRotatingFileHandler(fn, "D", 1, 2, { utc: true, delay: true });
      h.namer = (n) => n + ".gz";
      assert.equal(h.rolloverAt, 86400 * 11);
      for (let day = 10; day < 15; day++) {
        clock.time = () => 86400 * day + 5;
        h.handle(rec(`day ${day}`));
      }
      h.close();
      assert.deepEqual(fs.readdirSync(dir).sort(), ["app.log", "app.log.1970-01-13.gz", "app.log.1970-01-14.gz"]);
      assert.equal(fs.readFileSync(fn, "utf8"), "day 14\n");
      assert.equal(fs.readFileSync(fn + ".1970-01-14.gz", "utf8"), "day 13\n");
    } finally {
      clock.time = saved;
    }
  });

  test("getFilesToDelete ignores files that do not match", () => {
    const fn = path.join(dir, "app.log");
    for (const f of [
      "app.log.2024-01-01",
      "app.log.2024-01-02",
      "app.log.2024-01-03",
      "app.log.junk",
      "other.log.2024-01-01",
      "app.log.2024-01-04_10",
    ]) {
      fs.writeFileSync(path.join(dir, f), "");
    }
    const h = new TimedRotatingFileHandler(fn, "D", 1, 1, { delay: true });
    assert.deepEqual(h.getFilesToDelete(), [
      path.join(dir, "app.log.2024-01-01"),
      path.join(dir, "app.log.2024-01-02"),
    ]);
    h.backupCount = 5;
    assert.deepEqual(h.getFilesToDelete(), []);
    h.close();
  });

  test("never rolls over a non-regular file, but moves rolloverAt on", () => {
    const sub = path.join(dir, "adir");
    fs.mkdirSync(sub);
    const saved = clock.time;
    try {
      clock.time = () => 1000;
      const h = new TimedRotatingFileHandler(sub, "S", { delay: true, utc: true });
      h.rolloverAt = 500;
      assert.equal(h.shouldRollover(rec("x")), false);
      assert.equal(h.rolloverAt, 1001);
      h.close();
    } finally {
      clock.time = saved;
    }
  });
});

describe("WatchedFileHandler", () => {
  test("reopens after rename and after delete", () => {
    const fn = path.join(dir, "w.log");
    const h = new WatchedFileHandler(fn);
    const st = fs.statSync(fn);
    assert.equal(h.dev, st.dev);
    assert.equal(h.ino, st.ino);
    h.handle(rec("one"));
    fs.renameSync(fn, fn + ".1");
    h.handle(rec("two"));
    assert.notEqual(h.ino, st.ino);
    assert.equal(h.ino, fs.statSync(fn).ino);
    fs.unlinkSync(fn);
    h.handle(rec("three"));
    h.close();
    assert.equal(fs.readFileSync(fn + ".1", "utf8"), "one\n");
    assert.equal(fs.readFileSync(fn, "utf8"), "three\n");
  });

  test("options object, mode, delay: no stat info until a stream is open", () => {
    const fn = path.join(dir, "w.log");
    fs.writeFileSync(fn, "old\n");
    const h = new WatchedFileHandler(fn, { mode: "w", delay: true });
    assert.equal(h.stream, null);
    assert.equal(h.dev, -1);
    assert.equal(h.ino, -1);
    h.reopenIfNeeded(); // no stream: nothing to reopen
    assert.equal(h.stream, null);
    h.handle(rec("a"));
    h.handle(rec("b")); // Python reopens here (dev/ino were never recorded)
    h.close();
    assert.equal(fs.readFileSync(fn, "utf8"), "b\n");
  });

  test("same file: no reopen", () => {
    const fn = path.join(dir, "w.log");
    const h = new WatchedFileHandler(fn, "a");
    const s = h.stream;
    h.handle(rec("a"));
    h.handle(rec("b"));
    assert.equal(h.stream, s);
    h.close();
    assert.equal(fs.readFileSync(fn, "utf8"), "a\nb\n");
  });
});

describe("WatchedFileHandler vs CPython", () => {
  test("mode w with delay writes what Python writes", () => {
    const run = (d: string, js: boolean) => {
      const fn = path.join(d, "w.log");
      fs.writeFileSync(fn, "old\n");
      if (js) {
        const h = new WatchedFileHandler(fn, "w", null, true);
        h.handle(rec("a"));
        h.handle(rec("b"));
        fs.renameSync(fn, fn + ".1");
        h.handle(rec("c"));
        h.close();
      } else {
        python(`
import logging, logging.handlers, os
fn = ${JSON.stringify(fn)}
h = logging.handlers.WatchedFileHandler(fn, "w", None, True)
h.handle(logging.makeLogRecord({"msg": "a"}))
h.handle(logging.makeLogRecord({"msg": "b"}))
os.rename(fn, fn + ".1")
h.handle(logging.makeLogRecord({"msg": "c"}))
h.close()
`);
      }
    };
    const dn = path.join(dir, "n");
    const dp = path.join(dir, "p");
    fs.mkdirSync(dn);
    fs.mkdirSync(dp);
    run(dn, true);
    run(dp, false);
    assert.deepEqual(snapshot(dn), snapshot(dp));
  });
});
