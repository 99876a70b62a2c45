/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   FileHandlerTest (delay, emit_after_closing_in_write_mode),
 *   RotatingFileHandlerTest.test_rollover_filenames,
 *   TimedRotatingFileHandlerTest.test_compute_rollover_{S,M,H,D,MIDNIGHT,W0},
 *   test_compute_rollover_daily_attime, test_compute_rollover_weekly_attime.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../src/index.js";

const L: any = logging;

/** Python's datetime.time(12, 0, 0) as logxide takes it. */
const NOON = { hour: 12, minute: 0, second: 0 };

/** BaseFileTest: a fresh temp file per test, its rotated siblings removed afterwards. */
class BaseFileTest {
  dir = "";
  fn = "";
  messageNum = 0;
  setUp(): void {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-rot-"));
    this.fn = path.join(this.dir, "test_logging-2-x.log");
    fs.writeFileSync(this.fn, "");
  }
  async tearDown(): Promise<void> {
    await L.flush();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
  assertLogFile(filename: string): void {
    assert.ok(fs.existsSync(filename), `Log file ${filename} does not exist`);
  }
  nextMessage(): string {
    this.messageNum += 1;
    return String(this.messageNum);
  }
  nextRec(): any {
    return new L.LogRecord("n", L.DEBUG, "p", 1, this.nextMessage(), null, null, null);
  }
}

describe("FileHandlerTest", () => {
  let t: BaseFileTest;
  beforeEach(() => {
    t = new BaseFileTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  test("test_delay", async () => {
    fs.unlinkSync(t.fn);
    const fh = new L.FileHandler(t.fn, { encoding: "utf-8", delay: true });
    assert.equal(fh.stream ?? null, null);
    assert.equal(fs.existsSync(t.fn), false);
    fh.handle(L.makeLogRecord({}));
    await L.flush();
    assert.notEqual(fh.stream ?? null, null);
    assert.equal(fs.existsSync(t.fn), true);
    fh.close();
  });

  test("test_emit_after_closing_in_write_mode", async () => {
    // Issue #42378
    fs.unlinkSync(t.fn);
    const fh = new L.FileHandler(t.fn, { encoding: "utf-8", mode: "w" });
    fh.setFormatter(new L.Formatter("%(message)s"));
    fh.emit(t.nextRec()); // '1'
    fh.close();
    fh.emit(t.nextRec()); // '2'
    await L.flush();
    assert.equal(fs.readFileSync(t.fn, "utf8").trim(), "1");
  });
});

describe("RotatingFileHandlerTest", () => {
  let t: BaseFileTest;
  beforeEach(() => {
    t = new BaseFileTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  test("test_rollover_filenames", async () => {
    const namer = (name: string) => name + ".test";
    const rh = new L.handlers.RotatingFileHandler(t.fn, { encoding: "utf-8", backupCount: 2, maxBytes: 1 });
    rh.namer = namer;
    rh.emit(t.nextRec());
    await L.flush();
    t.assertLogFile(t.fn);
    rh.emit(t.nextRec());
    await L.flush();
    t.assertLogFile(namer(t.fn + ".1"));
    rh.emit(t.nextRec());
    await L.flush();
    t.assertLogFile(namer(t.fn + ".2"));
    assert.equal(fs.existsSync(namer(t.fn + ".3")), false);
    rh.close();
    await L.flush();
    // What CPython 3.11 leaves on disk after these three emits (checked with python3):
    assert.equal(fs.readFileSync(t.fn, "utf8"), "3\n");
    assert.equal(fs.readFileSync(namer(t.fn + ".1"), "utf8"), "2\n");
    assert.equal(fs.readFileSync(namer(t.fn + ".2"), "utf8"), "1\n");
    assert.deepEqual(fs.readdirSync(t.dir).sort(), [
      path.basename(t.fn),
      path.basename(t.fn) + ".1.test",
      path.basename(t.fn) + ".2.test",
    ]);
  });
});

describe("TimedRotatingFileHandlerTest", () => {
  let t: BaseFileTest;
  beforeEach(() => {
    t = new BaseFileTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  const secs = (o: { days?: number; hours?: number }) => (o.days ?? 0) * 86400 + (o.hours ?? 0) * 3600;

  const cases: Array<[string, number]> = [
    ["S", 1],
    ["M", 60],
    ["H", 60 * 60],
    ["D", 60 * 60 * 24],
    ["MIDNIGHT", 60 * 60 * 24],
    // current time (epoch start) is a Thursday, W0 means Monday
    ["W0", secs({ days: 4, hours: 24 })],
  ];
  for (const [when, exp] of cases) {
    test(`test_compute_rollover_${when}`, () => {
      const rh = new L.handlers.TimedRotatingFileHandler(t.fn, {
        encoding: "utf-8", when, interval: 1, backupCount: 0, utc: true,
      });
      try {
        const currentTime = 0.0;
        const actual = rh.computeRollover(currentTime);
        assert.equal(actual, exp);
      } finally {
        rh.close();
      }
    });
  }

  test("test_compute_rollover_daily_attime", () => {
    const currentTime = 0;
    const rh = new L.handlers.TimedRotatingFileHandler(t.fn, {
      encoding: "utf-8", when: "MIDNIGHT", interval: 1, backupCount: 0, utc: true, atTime: NOON,
    });
    try {
      let actual = rh.computeRollover(currentTime);
      assert.equal(actual, currentTime + 12 * 60 * 60);

      actual = rh.computeRollover(currentTime + 13 * 60 * 60);
      assert.equal(actual, currentTime + 36 * 60 * 60);
    } finally {
      rh.close();
    }
  });

  test("test_compute_rollover_weekly_attime", () => {
    const currentTime = Math.floor(Date.now() / 1000);
    const today = currentTime - (currentTime % 86400);
    // time.gmtime(today).tm_wday: Monday is 0
    const wday = (new Date(today * 1000).getUTCDay() + 6) % 7;
    for (let day = 0; day < 7; day++) {
      const rh = new L.handlers.TimedRotatingFileHandler(t.fn, {
        encoding: "utf-8", when: `W${day}`, interval: 1, backupCount: 0, utc: true, atTime: NOON,
      });
      try {
        let expected: number;
        if (wday > day) {
          // The rollover day has already passed this week, so we go over into next week
          expected = 7 - wday + day;
        } else {
          expected = day - wday;
        }
        // At this point expected is in days from now, convert to seconds
        expected *= 24 * 60 * 60;
        // Add in the rollover time
        expected += 12 * 60 * 60;
        // Add in adjustment for today
        expected += today;
        let actual = rh.computeRollover(today);
        assert.equal(actual, expected, `W${day} from today (wday ${wday})`);
        if (day === wday) {
          // goes into following week
          expected += 7 * 24 * 60 * 60;
        }
        actual = rh.computeRollover(today + 13 * 60 * 60);
        assert.equal(actual, expected, `W${day} from today 13:00 (wday ${wday})`);
      } finally {
        rh.close();
      }
    }
  });

  test("test_invalid", () => {
    // TimedRotatingFileHandlerTest.test_invalid, with the texts from PYTHON_SEMANTICS.md §6.
    const make = (when: string) => () =>
      new L.handlers.TimedRotatingFileHandler(t.fn, when, { encoding: "utf-8", delay: true });
    const check = (msg: string) => (e: any) => {
      assert.equal(e?.name, "ValueError");
      assert.equal(e.message, msg);
      return true;
    };
    assert.throws(make("X"), check("Invalid rollover interval specified: X"));
    assert.throws(make("W"), check("You must specify a day for weekly rollover from 0 to 6 (0 is Monday): W"));
    assert.throws(make("W7"), check("Invalid day specified for weekly rollover: W7"));
  });
});
