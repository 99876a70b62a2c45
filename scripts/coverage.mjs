#!/usr/bin/env node
// npm run coverage [-- test files...]
//
// Line coverage of src/ from the in-process tests, with Node's own coverage
// (no dependency): the suite runs once with the lcov reporter, then this
// prints one row per module under src/ and the total. Tests that run logxide
// in child processes (the differential suite, exit paths) are not counted,
// so the figures are a lower bound. Modules under 80% are marked.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { relative } from "node:path";

const args = process.argv.slice(2);
// The test files themselves (no shell expands a glob here).
const inDir = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `${dir}/${f}`);
const tests = args.length > 0 ? args : [...inDir("test"), ...inDir("test/integration")];
rmSync("coverage", { recursive: true, force: true });
mkdirSync("coverage", { recursive: true });
const run = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--enable-source-maps",
    "--experimental-test-coverage",
    "--test",
    "--test-reporter=lcov",
    "--test-reporter-destination=coverage/lcov.info",
    "--test-reporter=dot",
    "--test-reporter-destination=stderr",
    ...tests,
  ],
  { stdio: ["ignore", "inherit", "inherit"], shell: false },
);

const files = new Map();
let current = null;
for (const line of readFileSync("coverage/lcov.info", "utf8").split("\n")) {
  if (line.startsWith("SF:")) {
    current = relative(process.cwd(), line.slice(3));
  } else if (line.startsWith("LF:") && current) {
    files.set(current, { ...(files.get(current) ?? {}), found: Number(line.slice(3)) });
  } else if (line.startsWith("LH:") && current) {
    files.set(current, { ...(files.get(current) ?? {}), hit: Number(line.slice(3)) });
  }
}
let found = 0;
let hit = 0;
const rows = [...files].filter(([f]) => f.startsWith("src/")).sort(([a], [b]) => a.localeCompare(b));
for (const [file, c] of rows) {
  found += c.found;
  hit += c.hit;
  const pct = c.found ? (100 * c.hit) / c.found : 100;
  console.log(`${pct < 80 ? "!" : " "} ${pct.toFixed(1).padStart(5)}%  ${file}`);
}
console.log(`  ${((100 * hit) / Math.max(1, found)).toFixed(1).padStart(5)}%  src/ (lines, in-process tests)`);
process.exit(run.status ?? 1);
