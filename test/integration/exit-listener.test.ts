/**
 * The exit flush survives other 'exit' listeners: one registered before
 * logxide that throws or calls process.exit(), and one prepended later.
 * Each child logs 5000 records to a file and to stdout, then exits; every
 * record must be in both. A rival that keeps its own listener first, as
 * logxide does, must not make the two move in turn for ever.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkSequence, fixtureDir, lines, removeDir, run, script } from "./reliability-helpers.js";

// argv: mode file
const CHILD = `
const [mode, file] = process.argv.slice(2);
// Registered before logxide is loaded (a dynamic import below).
if (mode === "throws") process.on("exit", () => { throw new Error("an exit listener threw"); });
if (mode === "exits") process.on("exit", () => process.exit(4));
const { default: logging } = await import("logxide");
const log = logging.getLogger("exitlisteners"); log.propagate = false; log.setLevel(logging.INFO);
for (const h of [new logging.FileHandler(file), new logging.StreamHandler(process.stdout)]) {
  h.setFormatter(new logging.Formatter("%(message)s"));
  log.addHandler(h);
}
if (mode === "prepended") {
  process.prependListener("exit", () => process.exit(5));
  await new Promise((r) => setImmediate(r)); // the hook moves back to the front at the end of the turn
}
if (mode === "rival") {
  // Another library keeping its own 'exit' listener first the way logxide
  // does (a second, incompatible copy of logxide is one): neither may starve the loop.
  const rival = () => {};
  let pending = false;
  process.on("newListener", (event, listener) => {
    if (event !== "exit" || listener === rival || pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (process.listeners("exit")[0] === rival) return;
      process.removeListener("exit", rival);
      process.prependListener("exit", rival);
    });
  });
  process.prependListener("exit", rival);
  await new Promise((r) => setTimeout(r, 50));
}
if (mode === "logs-in-exit") process.on("exit", () => log.info("rec %d", 5000));
for (let i = 0; i < 5000; i++) log.info("rec %d", i);
process.exit(0);
`;

let dir = "";
before(() => {
  dir = fixtureDir("logxide-exitl-");
  script(dir, "child.mjs", CHILD);
});
after(() => removeDir(dir));

async function expectAll(mode: string, n: number): Promise<void> {
  const file = path.join(dir, `${mode}.log`);
  const r = await run(["child.mjs", mode, file], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(r.signal, null);
  assert.equal(checkSequence(lines(fs.readFileSync(file, "utf8")), n), null, `file (stderr: ${r.stderr.slice(-300)})`);
  assert.equal(checkSequence(lines(r.stdout), n), null, "stdout");
}

describe("other 'exit' listeners do not stop the exit flush", () => {
  test("a listener registered earlier that throws: all 5000 records written", () => expectAll("throws", 5000));
  test("a listener registered earlier that calls process.exit(): all 5000 written", () => expectAll("exits", 5000));
  test("a listener prepended after logxide, calling process.exit(): all 5000 written", () =>
    expectAll("prepended", 5000));
  test("a rival that keeps its own listener first: no livelock, all 5000 written", () => expectAll("rival", 5000));
  test("a record logged by a later 'exit' listener is written too", () => expectAll("logs-in-exit", 5001));
});
