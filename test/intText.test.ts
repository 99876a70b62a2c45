import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { intText } from "../src/py/intText.js";
import * as logging from "../src/index.js";

test("intText is String(n) for every safe integer, at each group boundary and between", () => {
  const edges = [0, -0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1010, 1100, 99_999, 100_000, 999_999, 1_000_000];
  edges.push(1_000_001, 1_001_000, 999_999_999, 1_000_000_000, 1_000_000_001, -1, -1000, -999_999_999);
  edges.push(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  for (const n of edges) assert.equal(intText(n), String(n), String(n));
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), (n) => intText(n) === String(n)),
    { numRuns: 50_000 },
  );
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => intText(n) === String(n)));
  // Every group, padded and not, once remembered, is still right.
  for (let g = 0; g < 1000; g++) {
    assert.equal(intText(g), String(g));
    assert.equal(intText(7_000_000 + g * 1000 + g), String(7_000_000 + g * 1000 + g));
  }
});

test("%d and JSON numbers of integers read as Python writes them", () => {
  const f = new logging.JSONFormatter({ fields: { msg: "message", n: "n" } });
  for (const n of [0, 7, 1000, 1_000_007, 123_456_789, 1_000_000_000, -5, 2 ** 53 - 1]) {
    const r = logging.makeLogRecord({ msg: "%d|%5d|%i", args: [n, n, n], n });
    const out = JSON.parse(f.format(r)) as { msg: string; n: number };
    assert.equal(out.msg, `${n}|${String(n).padStart(5)}|${n}`);
    assert.equal(out.n, n);
  }
});
