// Builds dist/esm and dist/cjs from one source with two tsc runs, and marks
// each folder's module kind so Node loads it correctly. CommonJS callers get
// the default export object itself, so `require("logxide").raiseExceptions = false`
// works as Python's module attribute does.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync("dist", { recursive: true, force: true });
const builds = [
  { dir: "dist/esm", module: "ES2022", resolution: "Bundler", type: "module" },
  { dir: "dist/cjs", module: "CommonJS", resolution: "Node10", type: "commonjs" },
];
for (const b of builds) {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", b.dir,
    "--module", b.module, "--moduleResolution", b.resolution], { stdio: "inherit" });
  mkdirSync(b.dir, { recursive: true });
  writeFileSync(`${b.dir}/package.json`, JSON.stringify({ type: b.type }) + "\n");
}
writeFileSync("dist/cjs/main.js", '"use strict";\nmodule.exports = require("./index.js").default;\n');
writeFileSync("dist/cjs/main.d.ts", 'import logging = require("./index.js");\nexport = logging;\n');
