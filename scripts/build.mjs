// Builds dist/esm and dist/cjs from one source with two tsc runs, and marks
// each folder's module kind so Node loads it correctly. CommonJS callers get
// the default export object itself, so `require("logxide").raiseExceptions = false`
// works as Python's module attribute does. The build goes to a fresh folder
// that replaces dist/ at the end, so a test reading dist/ never sees it half built.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const out = `dist.build-${process.pid}`;
rmSync(out, { recursive: true, force: true });
const builds = [
  { dir: `${out}/esm`, module: "ES2022", resolution: "Bundler", type: "module" },
  { dir: `${out}/cjs`, module: "CommonJS", resolution: "Node10", type: "commonjs" },
];
try {
  for (const b of builds) {
    execFileSync(
      process.execPath,
      [tsc, "-p", "tsconfig.build.json", "--outDir", b.dir, "--module", b.module, "--moduleResolution", b.resolution],
      { stdio: "inherit" },
    );
    mkdirSync(b.dir, { recursive: true });
    writeFileSync(`${b.dir}/package.json`, JSON.stringify({ type: b.type }) + "\n");
  }
  writeFileSync(`${out}/cjs/main.js`, '"use strict";\nmodule.exports = require("./index.js").default;\n');
  writeFileSync(`${out}/cjs/main.d.ts`, 'import logging = require("./index.js");\nexport = logging;\n');
  const old = `dist.old-${process.pid}`;
  try {
    renameSync("dist", old);
  } catch {
    /* no previous build */
  }
  renameSync(out, "dist");
  rmSync(old, { recursive: true, force: true });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  throw err;
}
