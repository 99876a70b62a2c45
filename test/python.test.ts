/**
 * The differential suites need `python3` (CPython 3.11's `logging` is the
 * oracle). Without it they are skipped, and this one test fails with the
 * reason, so a missing interpreter reads as one clear failure.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { PYTHON3_MISSING } from "./support/python.js";

test("python3 is available for the differential tests", () => {
  assert.equal(PYTHON3_MISSING, null, PYTHON3_MISSING ?? "");
});
