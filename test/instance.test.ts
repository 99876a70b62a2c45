/**
 * One logxide per process (src/instance.ts): a copy of a compatible version
 * takes the registered API, an incompatible one loads its own and warns once;
 * the built entry points (ESM and CommonJS, root and subpaths) are one object.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { claim, compatLine, REGISTRY_KEY } from "../src/instance.js";
import * as named from "../src/index.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

test("compatibility lines follow npm's caret rule", () => {
  assert.equal(compatLine("1.2.3"), "1");
  assert.equal(compatLine("1.9.0-beta.1"), "1");
  assert.equal(compatLine("0.3.7"), "0.3");
  assert.equal(compatLine("0.4.0"), "0.4");
  assert.equal(compatLine("2.0.0+build"), "2");
});

test("a compatible copy gets the first copy's API without loading its own", () => {
  const first = { copy: "first" };
  let loads = 0;
  const load = () => {
    loads++;
    return { copy: `load ${loads}` };
  };
  assert.equal(
    claim("41.2.0", "/a", () => first),
    first,
  );
  assert.equal(claim("41.0.1", "/b", load), first);
  assert.equal(claim("41.9.9", "/c", load), first);
  assert.equal(loads, 0);
  const reg = (globalThis as unknown as Record<symbol, Record<string, { version: string; path: string }>>)[
    REGISTRY_KEY
  ];
  assert.deepEqual({ version: reg["41"].version, path: reg["41"].path }, { version: "41.2.0", path: "/a" });
});

test("an incompatible copy loads its own API and emits one warning", async () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on("warning", onWarning);
  try {
    const a = claim("0.77.1", "/x", () => ({ line: "0.77" }));
    const b = claim("0.78.0", "/y", () => ({ line: "0.78" }));
    assert.notEqual(a, b);
    assert.deepEqual(b, { line: "0.78" });
    assert.equal(
      claim("0.78.5", "/z", () => ({ line: "other" })),
      b,
      "0.78.x copies share the 0.78 API",
    );
    await new Promise((r) => setImmediate(r));
    const mine = warnings.filter((w) => (w as { code?: string }).code === "LOGXIDE_INCOMPATIBLE_COPY");
    assert.equal(mine.length, 1 + 1, "one warning per incompatible line loaded (0.78 after 0.77, after 41)");
    assert.match(mine[1].message, /logxide 0\.78\.0 \(\/y\) is loaded next to logxide/);
  } finally {
    process.off("warning", onWarning);
  }
});

test("the named raiseExceptions and lastResort exports follow the default export", () => {
  const logging = named.default;
  const saved = logging.lastResort;
  try {
    logging.raiseExceptions = false;
    assert.equal(named.raiseExceptions, false);
    named.setRaiseExceptions(true);
    assert.equal(named.raiseExceptions, true);
    assert.equal(logging.raiseExceptions, true);
    logging.lastResort = null;
    assert.equal(named.lastResort, null);
    named.setLastResort(saved);
    assert.equal(named.lastResort, saved);
  } finally {
    logging.raiseExceptions = true;
    logging.lastResort = saved;
  }
});

before(() => {
  if (!fs.existsSync(path.join(REPO, "dist/esm/index.js")))
    execFileSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, stdio: "inherit" });
});

test("the built entry points are one object, in either loading order", () => {
  const dist = (p: string) => JSON.stringify(path.join(REPO, "dist", p));
  const body = (first: "esm" | "cjs") => `
import assert from "node:assert/strict";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const early = ${first === "cjs"} ? require(${dist("cjs/main.js")}) : null;
const esm = await import(${dist("esm/index.js")});
const cjs = early ?? require(${dist("cjs/main.js")});
assert.equal(esm.default, cjs);
assert.equal(esm.getLogger("z"), cjs.getLogger("z"));
assert.equal((await import(${dist("esm/handlers.js")})).default, cjs.handlers);
assert.equal((await import(${dist("esm/config.js")})).dictConfig, cjs.config.dictConfig);
assert.equal(require(${dist("cjs/main-handlers.js")}), cjs.handlers);
assert.equal(require(${dist("cjs/main-config.js")}), cjs.config);
cjs.raiseExceptions = false;
assert.equal(esm.raiseExceptions, false);
cjs.lastResort = null;
assert.equal(esm.lastResort, null);
console.log("ok");
`;
  for (const first of ["esm", "cjs"] as const) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", body(first)], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "ok\n");
    assert.equal(r.stderr, "");
  }
});

test("importing the package does not load the network modules", () => {
  const code = `
const before = new Set(process.moduleLoadList);
await import(${JSON.stringify(path.join(REPO, "dist/esm/index.js"))});
const loaded = process.moduleLoadList.filter((m) => !before.has(m));
console.log(loaded.filter((m) => /^NativeModule (net|dgram|dns|http|https|tls|_http_\\w+)$/.test(m)).join(","));
`;
  // Output to a file: stdio on a pipe is itself a net.Socket.
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "logxide-import-")), "out.txt");
  const fd = fs.openSync(out, "w");
  try {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", fd, fd] });
    assert.equal(r.status, 0, fs.readFileSync(out, "utf8"));
  } finally {
    fs.closeSync(fd);
  }
  assert.equal(fs.readFileSync(out, "utf8").trim(), "");
  fs.rmSync(path.dirname(out), { recursive: true });
});
