/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   BasicFilterTest, CustomLevelsAndFiltersTest.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

const L: any = logging;

// ---------------------------------------------------------------------------
// BaseTest harness (CPython's BaseTest, translated)
// ---------------------------------------------------------------------------
class StringIO {
  #buf = "";
  write(s: string): boolean {
    this.#buf += s;
    return true;
  }
  getvalue(): string {
    return this.#buf;
  }
}

class BaseTest {
  static logFormat = "%(name)s -> %(levelname)s: %(message)s";
  expectedLogPat: RegExp = /^([\w.]+) -> (\w+): (\d+)$/;
  messageNum = 0;
  stream!: StringIO;
  rootLogger: any;
  rootHdlr: any;
  originalLoggingLevel = 0;
  logger1: any;
  logger2: any;
  savedLevelNames: Record<string, number> = {};
  /** Every logger name any test in this file touched (Python drops them in tearDown; here they are reset). */
  static used = new Set<string>();
  used = BaseTest.used;
  cleanups: Array<() => unknown> = [];

  setUp(): void {
    this.savedLevelNames = { ...L.getLevelNamesMapping() };
    this.logger1 = this.getLogger("\xab\xd7\xbb");
    this.logger2 = this.getLogger("\u013f\u00d6\u0047");
    this.rootLogger = L.getLogger("");
    this.originalLoggingLevel = this.rootLogger.getEffectiveLevel();
    this.stream = new StringIO();
    this.rootLogger.setLevel(L.DEBUG);
    this.rootHdlr = new L.StreamHandler(this.stream);
    this.rootHdlr.setFormatter(new L.Formatter(BaseTest.logFormat));
    if (this.logger1.hasHandlers()) throw new Error("Unexpected handlers on logger1");
    if (this.logger2.hasHandlers()) throw new Error("Unexpected handlers on logger2");
    this.rootLogger.addHandler(this.rootHdlr);
    assert.ok(this.logger1.hasHandlers());
    assert.ok(this.logger2.hasHandlers());
  }

  getLogger(name: string): any {
    this.used.add(name);
    return L.getLogger(name);
  }

  addCleanup(fn: () => unknown): void {
    this.cleanups.push(fn);
  }

  async tearDown(): Promise<void> {
    this.rootLogger.removeHandler(this.rootHdlr);
    while (this.rootLogger.handlers.length) {
      const h = this.rootLogger.handlers[0];
      this.rootLogger.removeHandler(h);
      h.close();
    }
    this.rootLogger.setLevel(this.originalLoggingLevel);
    for (const [name, level] of Object.entries(this.savedLevelNames)) {
      if (L.getLevelName(level) !== name && name !== "WARN" && name !== "FATAL") L.addLevelName(level, name);
    }
    L.disable(0);
    // Python drops the loggers the test created (and restores `disabled` on
    // the others); here they live on, so every logger is reset, including
    // those a configuration created without the test asking for them.
    const dict = L.root.manager.loggerDict;
    const all = new Set<any>([...this.used].map((n) => L.getLogger(n)));
    for (const v of dict instanceof Map ? dict.values() : Object.values(dict)) if (v instanceof L.Logger) all.add(v);
    for (const lg of all) {
      for (const h of [...lg.handlers]) lg.removeHandler(h);
      for (const f of [...lg.filters]) lg.removeFilter(f);
      lg.setLevel(L.NOTSET);
      lg.propagate = true;
      lg.disabled = false;
    }
    while (this.cleanups.length) await this.cleanups.pop()!();
  }

  nextMessage(): string {
    this.messageNum += 1;
    return String(this.messageNum);
  }

  async assertLogLines(expected: string[][], stream?: StringIO, pat?: RegExp): Promise<void> {
    await L.flush();
    const s = stream ?? this.stream;
    const re = pat ?? this.expectedLogPat;
    const text = s.getvalue();
    const lines = text.split(/\r?\n/);
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    assert.equal(lines.length, expected.length, `log lines: ${JSON.stringify(lines)}`);
    lines.forEach((line, i) => {
      const m = re.exec(line);
      assert.ok(m, `Log line does not match expected pattern:\n${line}`);
      assert.deepEqual(m!.slice(1), expected[i]);
    });
  }
}

/** Runs setup code; if it fails, undoes what BaseTest.setUp did so later tests start clean. */
async function guardedSetUp(t: BaseTest, fn: () => void): Promise<void> {
  try {
    fn();
  } catch (e) {
    await t.tearDown().catch(() => {});
    throw e;
  }
}

function useBaseTest(): () => BaseTest {
  let t: BaseTest;
  beforeEach(async () => {
    t = new BaseTest();
    await guardedSetUp(t, () => t.setUp());
  });
  afterEach(async () => {
    await t.tearDown();
  });
  return () => t;
}

// ---------------------------------------------------------------------------
describe("BasicFilterTest", () => {
  const T = useBaseTest();

  test("test_filter", async () => {
    const t = T();
    // Only messages satisfying the specified criteria pass through the filter.
    const filter_ = new L.Filter("spam.eggs");
    const handler = t.rootLogger.handlers[0];
    try {
      handler.addFilter(filter_);
      const spam = t.getLogger("spam");
      const spam_eggs = t.getLogger("spam.eggs");
      const spam_eggs_fish = t.getLogger("spam.eggs.fish");
      const spam_bakedbeans = t.getLogger("spam.bakedbeans");

      spam.info(t.nextMessage());
      spam_eggs.info(t.nextMessage()); // Good.
      spam_eggs_fish.info(t.nextMessage()); // Good.
      spam_bakedbeans.info(t.nextMessage());

      await t.assertLogLines([
        ["spam.eggs", "INFO", "2"],
        ["spam.eggs.fish", "INFO", "3"],
      ]);
    } finally {
      handler.removeFilter(filter_);
    }
  });

  test("test_callable_filter", async () => {
    const t = T();
    const filterfunc = (record: any) => {
      const parts = record.name.split(".");
      const prefix = parts.slice(0, 2).join(".");
      return prefix === "spam.eggs";
    };
    const handler = t.rootLogger.handlers[0];
    try {
      handler.addFilter(filterfunc);
      const spam = t.getLogger("spam");
      const spam_eggs = t.getLogger("spam.eggs");
      const spam_eggs_fish = t.getLogger("spam.eggs.fish");
      const spam_bakedbeans = t.getLogger("spam.bakedbeans");

      spam.info(t.nextMessage());
      spam_eggs.info(t.nextMessage()); // Good.
      spam_eggs_fish.info(t.nextMessage()); // Good.
      spam_bakedbeans.info(t.nextMessage());

      await t.assertLogLines([
        ["spam.eggs", "INFO", "2"],
        ["spam.eggs.fish", "INFO", "3"],
      ]);
    } finally {
      handler.removeFilter(filterfunc);
    }
  });

  test("test_empty_filter", () => {
    const f = new L.Filter();
    const r = L.makeLogRecord({ name: "spam.eggs" });
    assert.ok(f.filter(r));
  });

  // Python's prefix rule from the Filter docstring ("a.b" passes a.b and
  // a.b.c, not a.bb) — the case test_filter's spam.bakedbeans does not cover.
  test("test_filter_prefix_is_dotted", () => {
    const f = new L.Filter("a.b");
    assert.ok(f.filter(L.makeLogRecord({ name: "a.b" })));
    assert.ok(f.filter(L.makeLogRecord({ name: "a.b.c" })));
    assert.ok(!f.filter(L.makeLogRecord({ name: "a.bb" })));
    assert.ok(!f.filter(L.makeLogRecord({ name: "a" })));
  });
});

// ---------------------------------------------------------------------------
// First, we define our levels. There can be as many as you want - the only
// limitations are that they should be integers, the lowest should be > 0 and
// larger values mean less information being logged.
const SILENT = 120;
const TACITURN = 119;
const TERSE = 118;
const EFFUSIVE = 117;
const SOCIABLE = 116;
const VERBOSE = 115;
const TALKATIVE = 114;
const GARRULOUS = 113;
const CHATTERBOX = 112;
const BORING = 111;

const LEVEL_RANGE: number[] = [];
for (let lvl = BORING; lvl <= SILENT; lvl++) LEVEL_RANGE.push(lvl);

const my_logging_levels: Array<[number, string]> = [
  [SILENT, "Silent"],
  [TACITURN, "Taciturn"],
  [TERSE, "Terse"],
  [EFFUSIVE, "Effusive"],
  [SOCIABLE, "Sociable"],
  [VERBOSE, "Verbose"],
  [TALKATIVE, "Talkative"],
  [GARRULOUS, "Garrulous"],
  [CHATTERBOX, "Chatterbox"],
  [BORING, "Boring"],
];

/** A filter which blocks garrulous messages. */
class GarrulousFilter extends (L.Filter as new (...args: any[]) => any) {
  filter(record: any): boolean {
    return record.levelno !== GARRULOUS;
  }
}

/** A filter which blocks sociable and taciturn messages. */
class VerySpecificFilter extends (L.Filter as new (...args: any[]) => any) {
  filter(record: any): boolean {
    return ![SOCIABLE, TACITURN].includes(record.levelno);
  }
}

describe("CustomLevelsAndFiltersTest", () => {
  let t: BaseTest;
  beforeEach(async () => {
    t = new BaseTest();
    // Skip the logger name group.
    t.expectedLogPat = /^[\w.]+ -> (\w+): (\d+)$/;
    await guardedSetUp(t, () => {
      t.setUp();
      for (const [k, v] of my_logging_levels) L.addLevelName(k, v);
    });
  });
  afterEach(async () => {
    await t.tearDown();
  });

  function logAtAllLevels(logger: any): void {
    for (const lvl of LEVEL_RANGE) logger.log(lvl, t.nextMessage());
  }

  test("test_logger_filter", async () => {
    // Filter at logger level.
    t.rootLogger.setLevel(VERBOSE);
    // Levels >= 'Verbose' are good.
    logAtAllLevels(t.rootLogger);
    await t.assertLogLines([
      ["Verbose", "5"],
      ["Sociable", "6"],
      ["Effusive", "7"],
      ["Terse", "8"],
      ["Taciturn", "9"],
      ["Silent", "10"],
    ]);
  });

  test("test_handler_filter", async () => {
    // Filter at handler level.
    t.rootLogger.handlers[0].setLevel(SOCIABLE);
    try {
      // Levels >= 'Sociable' are good.
      logAtAllLevels(t.rootLogger);
      await t.assertLogLines([
        ["Sociable", "6"],
        ["Effusive", "7"],
        ["Terse", "8"],
        ["Taciturn", "9"],
        ["Silent", "10"],
      ]);
    } finally {
      t.rootLogger.handlers[0].setLevel(L.NOTSET);
    }
  });

  test("test_specific_filters", async () => {
    // Set a specific filter object on the handler, and then add another
    // filter object on the logger itself.
    const handler = t.rootLogger.handlers[0];
    let specific_filter: any = null;
    const garr = new GarrulousFilter();
    handler.addFilter(garr);
    try {
      logAtAllLevels(t.rootLogger);
      const first_lines = [
        // Notice how 'Garrulous' is missing
        ["Boring", "1"],
        ["Chatterbox", "2"],
        ["Talkative", "4"],
        ["Verbose", "5"],
        ["Sociable", "6"],
        ["Effusive", "7"],
        ["Terse", "8"],
        ["Taciturn", "9"],
        ["Silent", "10"],
      ];
      await t.assertLogLines(first_lines);

      specific_filter = new VerySpecificFilter();
      t.rootLogger.addFilter(specific_filter);
      logAtAllLevels(t.rootLogger);
      await t.assertLogLines([
        ...first_lines,
        // Not only 'Garrulous' is still missing, but also 'Sociable'
        // and 'Taciturn'
        ["Boring", "11"],
        ["Chatterbox", "12"],
        ["Talkative", "14"],
        ["Verbose", "15"],
        ["Effusive", "17"],
        ["Terse", "18"],
        ["Silent", "20"],
      ]);
    } finally {
      if (specific_filter) t.rootLogger.removeFilter(specific_filter);
      handler.removeFilter(garr);
    }
  });
});
