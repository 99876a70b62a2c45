/**
 * CPython's BaseTest from Lib/test/test_logging.py, translated: a root
 * handler writing to a StringIO, two loggers, and a teardown that restores
 * the logging state (shared by the test/cpython-*.test.ts ports).
 */
import { afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../../src/index.js";

const L: any = logging;

export class StringIO {
  #buf = "";
  write(s: string): boolean {
    this.#buf += s;
    return true;
  }
  getvalue(): string {
    return this.#buf;
  }
}

export class BaseTest {
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
export async function guardedSetUp(t: BaseTest, fn: () => void): Promise<void> {
  try {
    fn();
  } catch (e) {
    await t.tearDown().catch(() => {});
    throw e;
  }
}

export function useBaseTest(): () => BaseTest {
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
