/**
 * Differential suite: every scenario in ./scenarios runs through CPython's
 * `logging` and through logxide (the built package), and the outputs must be
 * byte-identical. See harness.ts.
 *
 *   npm run build && node --import tsx --test test/diff/diff.test.ts
 *   DIFF_FILTER=rotation node --import tsx --test test/diff/diff.test.ts
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareResults, runScenario, type Scenario } from "./harness.js";
import { allScenarios } from "./scenarios/index.js";
import { PYTHON3_MISSING } from "../support/python.js";

const filter = process.env.DIFF_FILTER ? new RegExp(process.env.DIFF_FILTER) : null;
const selected: Scenario[] = allScenarios.filter((s) => !filter || filter.test(s.name));

const seen = new Set<string>();
for (const s of allScenarios) {
  if (seen.has(s.name)) throw new Error(`duplicate scenario name: ${s.name}`);
  seen.add(s.name);
}

describe("differential: CPython logging vs logxide", { concurrency: 2, skip: PYTHON3_MISSING ?? false }, () => {
  for (const s of selected) {
    it(s.name, async () => {
      const { py, js } = await runScenario(s);
      const report = compareResults(s, py, js);
      if (report) assert.fail(report);
    });
  }
});
