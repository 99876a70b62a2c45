/**
 * Configuration limits: documents that CPython handles lazily (or not at
 * all) finish here in milliseconds or are refused with a clear error, at
 * configuration time.
 *
 * - `cfg://` references are converted when read, once, as CPython's
 *   converting containers do: a document whose references to itself would
 *   expand exponentially costs only what is read.
 * - A reference cycle, or an argument of a logxide class that expands past
 *   the bound, is a ValueError.
 * - An unknown handler key is CPython's TypeError when configuring.
 * - TimedRotatingFileHandler refuses an interval <= 0 (CPython hangs).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as logging from "../src/index.js";
import { LIMITS } from "../src/config/dict.js";

/** Time budget for documents whose eager expansion takes minutes; generous for a loaded machine. */
const FAST_MS = 2000;

const LEVELS = 28;
/** Under 1 KB: a0 = "x", a(i) = two references to a(i-1); fully expanded, 2^27 strings. */
function bomb(extra: Record<string, unknown>): Record<string, unknown> {
  const doc: Record<string, unknown> = { version: 1, disable_existing_loggers: false };
  for (let i = 0; i < LEVELS; i++) doc[`a${i}`] = i === 0 ? "x" : [`cfg://a${i - 1}`, `cfg://a${i - 1}`];
  return { ...doc, ...extra };
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function errText(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) parts.push(`${cur.name}: ${cur.message}`);
  return parts.join(" <- ");
}

function configureError(doc: Record<string, unknown>): string {
  try {
    logging.dictConfig(doc);
  } catch (e) {
    return errText(e);
  }
  return "ok";
}

class Capture {
  text = "";
  write(s: string): void {
    this.text += s;
  }
}

describe("cfg:// is converted lazily, with bounds", () => {
  test("a self-referencing document of under 1 KB configures at once", () => {
    const got: unknown[] = [];
    const doc = bomb({
      filters: {
        f: {
          "()": (kw: { big: unknown }) => {
            got.push(kw.big);
            return new logging.Filter();
          },
          big: `cfg://a${LEVELS - 1}`,
        },
      },
      handlers: { h: { class: "logging.NullHandler", level: "cfg://levels[0]", filters: ["f"] } },
      levels: ["INFO"],
      root: { handlers: ["h"] },
    });
    assert.ok(JSON.stringify(bomb({})).length < 1024);
    const ms = timed(() => logging.dictConfig(doc));
    assert.ok(ms < FAST_MS, `took ${ms} ms`);
    assert.equal(logging.getHandlerByName("h")!.level, logging.INFO);
    // The factory received the value unexpanded: one path through it is read on demand.
    const big = got[0] as any;
    assert.equal(big.length, 2);
    let v = big;
    for (let i = 1; i < LEVELS; i++) v = v[i % 2];
    assert.equal(v, "x");
    assert.equal(big[0], big[1], "a reference is converted once and shared");
  });

  test("an argument of a logxide class that would expand past the bound is refused", () => {
    let text = "";
    const ms = timed(() => {
      text = configureError(
        bomb({ handlers: { h: { class: "logging.handlers.SysLogHandler", address: `cfg://a${LEVELS - 1}` } } }),
      );
    });
    assert.equal(
      text,
      `ValueError: Unable to configure handler 'h' <- ValueError: argument expands to more than ${LIMITS.MAX_ARGUMENT_VALUES} values (cfg:// references to itself?)`,
    );
    assert.ok(ms < FAST_MS, `took ${ms} ms`);
  });

  test("a reference cycle is a ValueError, not a stack overflow", () => {
    const text = configureError({
      version: 1,
      a: "cfg://b",
      b: "cfg://a",
      handlers: { h: { class: "logging.NullHandler", level: "cfg://a" } },
    });
    assert.match(
      text,
      /^ValueError: Unable to configure handler 'h' <- ValueError: cfg:\/\/ references nested more than \d+ deep \(a reference cycle\?\): '[ab]'$/,
    );
  });

  test("a self-containing value is handed over as is, not walked", () => {
    let seen: any = null;
    logging.dictConfig({
      version: 1,
      disable_existing_loggers: false,
      loop: { me: "cfg://loop" },
      filters: {
        f: {
          "()": (kw: { v: unknown }) => {
            seen = kw.v;
            return new logging.Filter();
          },
          v: "cfg://loop",
        },
      },
    });
    assert.equal(seen.me.me.me, seen.me);
  });

  test("the caller's document is not modified", () => {
    const doc = bomb({ handlers: { h: { class: "logging.NullHandler", level: "cfg://lv" } }, lv: "ERROR" });
    const before = JSON.stringify(doc);
    logging.dictConfig(doc);
    assert.equal(JSON.stringify(doc), before);
  });
});

describe("unknown handler keys are refused when configuring", () => {
  test('"strem" is CPython\'s TypeError, and nothing is left half-configured', () => {
    const out = new Capture();
    const ok = {
      version: 1,
      formatters: { f: { format: "%(levelname)s %(message)s" } },
      handlers: { h: { class: "logging.StreamHandler", formatter: "f", stream: out } },
      loggers: { "limits.strem": { level: "INFO", handlers: ["h"], propagate: false } },
    };
    logging.dictConfig(ok);
    const bad = structuredClone({ ...ok, handlers: { h: { class: "logging.StreamHandler", formatter: "f" } } });
    (bad.handlers.h as Record<string, unknown>).strem = "ext://sys.stdout";
    assert.equal(
      configureError(bad),
      "ValueError: Unable to configure handler 'h' <- TypeError: StreamHandler.__init__() got an unexpected keyword argument 'strem'",
    );
    logging.dictConfig({ ...ok, handlers: { h: { ...ok.handlers.h, stream: out } } });
    logging.getLogger("limits.strem").info("after %s", "the error");
    assert.equal(out.text, "INFO after the error\n");
  });
});

describe("TimedRotatingFileHandler refuses interval <= 0", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "logxide-limits-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const interval of [0, -1, Number.NaN]) {
    test(`interval ${interval}`, () => {
      const filename = path.join(dir, `t${interval}.log`);
      assert.throws(
        () => new logging.TimedRotatingFileHandler(filename, "S", interval),
        (e: Error) => e.name === "ValueError" && e.message === `interval must be a positive number, not ${interval}`,
      );
      assert.throws(
        () => new logging.TimedRotatingFileHandler(filename, { when: "midnight", interval }),
        (e: Error) => e.name === "ValueError",
      );
      assert.equal(existsSync(filename), false, "no file is opened for a refused handler");
    });
  }

  test("through dictConfig", () => {
    const filename = path.join(dir, "d.log");
    assert.equal(
      configureError({
        version: 1,
        handlers: { h: { class: "logging.handlers.TimedRotatingFileHandler", filename, when: "h", interval: 0 } },
      }),
      "ValueError: Unable to configure handler 'h' <- ValueError: interval must be a positive number, not 0",
    );
    assert.equal(existsSync(filename), false);
  });

  test("a fractional positive interval is accepted, as in Python", () => {
    const h = new logging.TimedRotatingFileHandler(path.join(dir, "f.log"), "S", 0.5, { delay: true });
    assert.equal(h.interval, 0.5);
    h.close();
  });
});
