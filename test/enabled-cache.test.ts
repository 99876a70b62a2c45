/**
 * `isEnabledFor` answers a repeated level from its last answer: every change
 * that can alter the answer must be seen on the very next call.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";

const L: any = logging;

test("disabled set directly (as dictConfig does) is seen at once, both ways", () => {
  const log = L.getLogger("enabled-cache.disabled");
  log.setLevel(L.INFO);
  assert.equal(log.isEnabledFor(L.INFO), true);
  log.disabled = true;
  assert.equal(log.isEnabledFor(L.INFO), false);
  assert.equal(log.isEnabledFor(L.INFO), false);
  log.disabled = false;
  assert.equal(log.isEnabledFor(L.INFO), true);
  log.setLevel(L.NOTSET);
});

test("a parent's level, logging.disable and a replaced _cache are seen by a child's repeated level", () => {
  const parent = L.getLogger("enabled-cache.p");
  const child = L.getLogger("enabled-cache.p.c");
  parent.setLevel(L.DEBUG);
  assert.equal(child.isEnabledFor(L.DEBUG), true);
  parent.setLevel(L.WARNING);
  assert.equal(child.isEnabledFor(L.DEBUG), false);
  parent.setLevel(L.DEBUG);
  assert.equal(child.isEnabledFor(L.DEBUG), true);
  L.disable(L.DEBUG);
  try {
    assert.equal(child.isEnabledFor(L.DEBUG), false);
  } finally {
    L.disable(L.NOTSET);
  }
  assert.equal(child.isEnabledFor(L.DEBUG), true);
  // As in CPython (checked against python3 3.11): a direct level assignment keeps the
  // cached answer; replacing _cache by hand forgets it.
  child.level = L.ERROR;
  assert.equal(child.isEnabledFor(L.DEBUG), true);
  child._cache = {};
  assert.equal(child.isEnabledFor(L.DEBUG), false);
  assert.deepEqual(child._cache, { [L.DEBUG]: false });
  parent.setLevel(L.NOTSET);
  child.setLevel(L.NOTSET);
});

test("a disabled debug call in a loop logs nothing and an enabled one logs every record", () => {
  const log = L.getLogger("enabled-cache.loop");
  log.propagate = false;
  const seen: string[] = [];
  const h = new L.Handler();
  h.emit = (r: any) => {
    seen.push(r.getMessage());
  };
  log.addHandler(h);
  log.setLevel(L.INFO);
  for (let i = 0; i < 1000; i++) log.debug("d %d", i);
  assert.equal(seen.length, 0);
  log.setLevel(L.DEBUG);
  for (let i = 0; i < 1000; i++) log.debug("d %d", i);
  assert.equal(seen.length, 1000);
  assert.equal(seen[999], "d 999");
  log.removeHandler(h);
});
