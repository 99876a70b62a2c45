/**
 * Ports of CPython 3.11 Lib/test/test_logging.py:
 *   BuiltinLevelsTest, ChildLoggerTest, LoggerTest.test_caching,
 *   ModuleLevelMiscTest.test_disable.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { useBaseTest } from "./support/baseTest.js";

const L: any = logging;

// ---------------------------------------------------------------------------
// BaseTest harness (CPython's BaseTest, translated)
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
describe("BuiltinLevelsTest", () => {
  const T = useBaseTest();

  test("test_flat", async () => {
    const t = T();
    const m = () => t.nextMessage();
    const ERR = t.getLogger("ERR");
    ERR.setLevel(L.ERROR);
    const INF = new L.LoggerAdapter(t.getLogger("INF"), {});
    INF.setLevel(L.INFO);
    const DEB = t.getLogger("DEB");
    DEB.setLevel(L.DEBUG);

    // These should log.
    ERR.log(L.CRITICAL, m());
    ERR.error(m());

    INF.log(L.CRITICAL, m());
    INF.error(m());
    INF.warning(m());
    INF.info(m());

    DEB.log(L.CRITICAL, m());
    DEB.error(m());
    DEB.warning(m());
    DEB.info(m());
    DEB.debug(m());

    // These should not log.
    ERR.warning(m());
    ERR.info(m());
    ERR.debug(m());

    INF.debug(m());

    await t.assertLogLines([
      ["ERR", "CRITICAL", "1"],
      ["ERR", "ERROR", "2"],
      ["INF", "CRITICAL", "3"],
      ["INF", "ERROR", "4"],
      ["INF", "WARNING", "5"],
      ["INF", "INFO", "6"],
      ["DEB", "CRITICAL", "7"],
      ["DEB", "ERROR", "8"],
      ["DEB", "WARNING", "9"],
      ["DEB", "INFO", "10"],
      ["DEB", "DEBUG", "11"],
    ]);
  });

  test("test_nested_explicit", async () => {
    const t = T();
    const m = () => t.nextMessage();
    const INF = t.getLogger("INF");
    INF.setLevel(L.INFO);
    const INF_ERR = t.getLogger("INF.ERR");
    INF_ERR.setLevel(L.ERROR);

    // These should log.
    INF_ERR.log(L.CRITICAL, m());
    INF_ERR.error(m());

    // These should not log.
    INF_ERR.warning(m());
    INF_ERR.info(m());
    INF_ERR.debug(m());

    await t.assertLogLines([
      ["INF.ERR", "CRITICAL", "1"],
      ["INF.ERR", "ERROR", "2"],
    ]);
  });

  test("test_nested_inherited", async () => {
    const t = T();
    const m = () => t.nextMessage();
    const INF = t.getLogger("INF");
    INF.setLevel(L.INFO);
    const INF_ERR = t.getLogger("INF.ERR");
    INF_ERR.setLevel(L.ERROR);
    const INF_UNDEF = t.getLogger("INF.UNDEF");
    const INF_ERR_UNDEF = t.getLogger("INF.ERR.UNDEF");
    t.getLogger("UNDEF");

    // These should log.
    INF_UNDEF.log(L.CRITICAL, m());
    INF_UNDEF.error(m());
    INF_UNDEF.warning(m());
    INF_UNDEF.info(m());
    INF_ERR_UNDEF.log(L.CRITICAL, m());
    INF_ERR_UNDEF.error(m());

    // These should not log.
    INF_UNDEF.debug(m());
    INF_ERR_UNDEF.warning(m());
    INF_ERR_UNDEF.info(m());
    INF_ERR_UNDEF.debug(m());

    await t.assertLogLines([
      ["INF.UNDEF", "CRITICAL", "1"],
      ["INF.UNDEF", "ERROR", "2"],
      ["INF.UNDEF", "WARNING", "3"],
      ["INF.UNDEF", "INFO", "4"],
      ["INF.ERR.UNDEF", "CRITICAL", "5"],
      ["INF.ERR.UNDEF", "ERROR", "6"],
    ]);
  });

  test("test_nested_with_virtual_parent", async () => {
    const t = T();
    const m = () => t.nextMessage();
    const INF = t.getLogger("INF");
    const GRANDCHILD = t.getLogger("INF.BADPARENT.UNDEF");
    const CHILD = t.getLogger("INF.BADPARENT");
    INF.setLevel(L.INFO);

    // These should log.
    GRANDCHILD.log(L.FATAL, m());
    GRANDCHILD.info(m());
    CHILD.log(L.FATAL, m());
    CHILD.info(m());

    // These should not log.
    GRANDCHILD.debug(m());
    CHILD.debug(m());

    await t.assertLogLines([
      ["INF.BADPARENT.UNDEF", "CRITICAL", "1"],
      ["INF.BADPARENT.UNDEF", "INFO", "2"],
      ["INF.BADPARENT", "CRITICAL", "3"],
      ["INF.BADPARENT", "INFO", "4"],
    ]);
  });

  test("test_regression_22386", () => {
    assert.equal(L.getLevelName("INFO"), L.INFO);
    assert.equal(L.getLevelName(L.INFO), "INFO");
  });

  test("test_issue27935", () => {
    const fatal = L.getLevelName("FATAL");
    assert.equal(fatal, L.FATAL);
  });

  test("test_regression_29220", () => {
    const t = T();
    L.addLevelName(L.INFO, "");
    t.addCleanup(() => L.addLevelName(L.INFO, "INFO"));
    assert.equal(L.getLevelName(L.INFO), "");
    assert.equal(L.getLevelName(L.NOTSET), "NOTSET");
    assert.equal(L.getLevelName("NOTSET"), L.NOTSET);
  });
});

// ---------------------------------------------------------------------------
describe("ChildLoggerTest", () => {
  const T = useBaseTest();

  test("test_child_loggers", () => {
    const t = T();
    const r = L.getLogger();
    const l1 = t.getLogger("abc");
    t.getLogger("def.ghi");
    let c1 = r.getChild("xyz");
    let c2 = r.getChild("uvw.xyz");
    assert.equal(c1, L.getLogger("xyz"));
    assert.equal(c2, L.getLogger("uvw.xyz"));
    c1 = l1.getChild("def");
    c2 = c1.getChild("ghi");
    const c3 = l1.getChild("def.ghi");
    assert.equal(c1, L.getLogger("abc.def"));
    assert.equal(c2, L.getLogger("abc.def.ghi"));
    assert.equal(c2, c3);
  });
});

// ---------------------------------------------------------------------------
describe("LoggerTest", () => {
  const T = useBaseTest();

  test("test_caching", () => {
    const t = T();
    const root = t.rootLogger;
    const logger1 = t.getLogger("abc");
    const logger2 = t.getLogger("abc.def");

    // Set root logger level and ensure cache is empty
    root.setLevel(L.ERROR);
    assert.equal(logger2.getEffectiveLevel(), L.ERROR);
    assert.deepEqual(logger2._cache, {});

    // Ensure cache is populated and calls are consistent
    assert.equal(logger2.isEnabledFor(L.ERROR), true);
    assert.equal(logger2.isEnabledFor(L.DEBUG), false);
    assert.deepEqual(logger2._cache, { [L.ERROR]: true, [L.DEBUG]: false });
    assert.deepEqual(root._cache, {});
    assert.equal(logger2.isEnabledFor(L.ERROR), true);

    // Ensure root cache gets populated
    assert.deepEqual(root._cache, {});
    assert.equal(root.isEnabledFor(L.ERROR), true);
    assert.deepEqual(root._cache, { [L.ERROR]: true });

    // Set parent logger level and ensure caches are emptied
    logger1.setLevel(L.CRITICAL);
    assert.equal(logger2.getEffectiveLevel(), L.CRITICAL);
    assert.deepEqual(logger2._cache, {});

    // Ensure logger2 uses parent logger's effective level
    assert.equal(logger2.isEnabledFor(L.ERROR), false);

    // Set level to NOTSET and ensure caches are empty
    logger2.setLevel(L.NOTSET);
    assert.equal(logger2.getEffectiveLevel(), L.CRITICAL);
    assert.deepEqual(logger2._cache, {});
    assert.deepEqual(logger1._cache, {});
    assert.deepEqual(root._cache, {});

    // Verify logger2 follows parent and not root
    assert.equal(logger2.isEnabledFor(L.ERROR), false);
    assert.equal(logger2.isEnabledFor(L.CRITICAL), true);
    assert.equal(logger1.isEnabledFor(L.ERROR), false);
    assert.equal(logger1.isEnabledFor(L.CRITICAL), true);
    assert.equal(root.isEnabledFor(L.ERROR), true);

    // Disable logging in manager and ensure caches are clear
    L.disable();
    assert.equal(logger2.getEffectiveLevel(), L.CRITICAL);
    assert.deepEqual(logger2._cache, {});
    assert.deepEqual(logger1._cache, {});
    assert.deepEqual(root._cache, {});

    // Ensure no loggers are enabled
    assert.equal(logger1.isEnabledFor(L.CRITICAL), false);
    assert.equal(logger2.isEnabledFor(L.CRITICAL), false);
    assert.equal(root.isEnabledFor(L.CRITICAL), false);
  });

  // Extra: a cached answer must be dropped when a *parent* changes level
  // (the cache-invalidation half of test_caching, stated directly).
  test("test_caching_parent_change_invalidates_child", () => {
    const t = T();
    const root = t.rootLogger;
    const child = t.getLogger("cache.child");
    root.setLevel(L.ERROR);
    assert.equal(child.isEnabledFor(L.WARNING), false);
    root.setLevel(L.DEBUG);
    assert.equal(child.isEnabledFor(L.WARNING), true);
    L.disable(L.WARNING);
    assert.equal(child.isEnabledFor(L.WARNING), false);
    assert.equal(child.isEnabledFor(L.ERROR), true);
    L.disable(0);
    assert.equal(child.isEnabledFor(L.WARNING), true);
  });
});

// ---------------------------------------------------------------------------
describe("ModuleLevelMiscTest", () => {
  const T = useBaseTest();

  test("test_disable", () => {
    const t = T();
    const probe = t.getLogger("disable.probe");
    probe.setLevel(1);
    // confirm our assumptions are correct: nothing disabled to begin with
    assert.equal(probe.isEnabledFor(1), true);
    assert.equal(L.root.manager.disable, 0);
    t.addCleanup(() => L.disable(0));

    L.disable(83);
    assert.equal(probe.isEnabledFor(83), false);
    assert.equal(probe.isEnabledFor(84), true);
    assert.equal(L.root.manager.disable, 83);

    assert.throws(
      () => L.disable("doesnotexists"),
      (e: any) => e.name === "ValueError",
    );

    class _NotAnIntOrString {}
    assert.throws(
      () => L.disable(new _NotAnIntOrString()),
      (e: any) => e.name === "TypeError",
    );

    L.disable("WARN");
    assert.equal(probe.isEnabledFor(L.WARNING), false);
    assert.equal(probe.isEnabledFor(L.WARNING + 1), true);

    // test the default value introduced in 3.7 (Issue #28524)
    L.disable();
    assert.equal(probe.isEnabledFor(L.CRITICAL), false);
    assert.equal(probe.isEnabledFor(L.CRITICAL + 1), true);
    assert.equal(L.root.manager.disable, L.CRITICAL);
  });
});
