/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   BasicFilterTest, CustomLevelsAndFiltersTest.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { BaseTest, guardedSetUp, useBaseTest } from "./support/baseTest.js";

const L: any = logging;

// ---------------------------------------------------------------------------
// BaseTest harness (CPython's BaseTest, translated)
// ---------------------------------------------------------------------------

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
