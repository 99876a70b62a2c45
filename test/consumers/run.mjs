// The package as a new user meets it: packs the tarball (`npm pack`, which
// builds through `prepack`), installs it offline into copies of the consumer
// projects next to this file, and runs them.
//
//   node test/consumers/run.mjs [--tarball path.tgz] [--only name,...]
//
// Consumers: esm, cjs (plain Node), smoke (also run on Bun and Deno when
// given: --bun path, --deno path), ts-esm and ts-cjs (strict TypeScript,
// compiled under each module resolution, then run), dual (an ESM
// application using a CommonJS library: flat, with a nested duplicate copy
// of logxide loaded after and before the application's, and with an
// incompatible nested copy). Each prints through logxide and is compared
// with its expected.txt; the scripts also assert on their own.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = arg("--only")?.split(",");
const work = mkdtempSync(join(tmpdir(), "logxide-consumers-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tsc = join(repo, "node_modules/typescript/bin/tsc");
let failures = 0;

function sh(cmd, args, cwd, env = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 300_000 });
  return {
    code: r.status,
    stdout: r.stdout ?? "",
    stderr: (r.stderr ?? "") + (r.error ? String(r.error) : ""),
    ms: Date.now() - t0,
  };
}

function check(label, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${label}${ok || !detail ? "" : `\n${detail.replace(/^/gm, "     ")}`}`);
  if (!ok) failures++;
}

/** Other runtimes to run the smoke and dual consumers with: `--bun path`, `--deno path`. */
const runtimes = [
  ["bun", arg("--bun"), []],
  ["deno", arg("--deno"), ["run", "--allow-all"]],
].filter(([, bin]) => bin);

/** Runs `node file` (or another runtime) in `cwd` and compares its stdout with `expected`. */
function runNode(label, cwd, file, expected, env = {}, stderrCheck = (s) => s === "", runtime = [process.execPath]) {
  const r = sh(runtime[0], [...runtime.slice(1), file], cwd, env);
  const ok = r.code === 0 && r.stdout === expected && stderrCheck(r.stderr);
  check(label, ok, `exit ${r.code}\n--- stdout\n${r.stdout}--- expected\n${expected}--- stderr\n${r.stderr}`);
  return r;
}

function tarball() {
  const given = arg("--tarball");
  if (given) return resolve(given);
  const dest = join(work, "pack");
  mkdirSync(dest);
  const out = execFileSync(npm, ["pack", "--pack-destination", dest, "--json"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [info] = JSON.parse(out.slice(out.indexOf("[")));
  const files = info.files.map((f) => f.path);
  check(
    "tarball holds dist, types, LICENSE, README",
    [
      "dist/cjs/main.js",
      "dist/esm/index.js",
      "dist/esm/index.d.ts",
      "dist/cjs/index.d.ts.map",
      "LICENSE",
      "README.md",
    ].every((f) => files.includes(f)),
    files.join("\n"),
  );
  check("tarball holds no tests or build scripts", !files.some((f) => /^(test|scripts|bench|\.ci)\//.test(f)));
  return join(dest, info.filename);
}

/** Copies consumer `name` into the work folder and installs the tarball there. */
function project(name, tgz, dir = name) {
  const cwd = join(work, dir);
  cpSync(join(here, name), cwd, { recursive: true });
  const r = sh(npm, ["install", "--offline", "--no-audit", "--no-fund", "--no-save", tgz], cwd);
  check(`${dir}: npm install --offline <tarball> (${r.ms} ms)`, r.code === 0, r.stdout + r.stderr);
  return cwd;
}

/** Extracts the tarball into `dir` (a node_modules/logxide copy), optionally as another version. */
function extractCopy(tgz, dir, version) {
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-xzf", tgz, "-C", dir, "--strip-components=1"]);
  if (version) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const main = join(dir, "dist/cjs/main.js");
    writeFileSync(main, readFileSync(main, "utf8").replace(JSON.stringify(pkg.version), JSON.stringify(version)));
    pkg.version = version;
    writeFileSync(join(dir, "package.json"), JSON.stringify(pkg));
  }
}

/** A TypeScript file naming every class of the installed package as a type, so none lacks its type alias. */
function classCoverage(cwd, importLine) {
  const logging = createRequire(join(cwd, "x.js"))("logxide");
  const isClass = (v) => typeof v === "function" && /^class\b/.test(Function.prototype.toString.call(v));
  const names = [];
  for (const [k, v] of Object.entries(logging)) if (isClass(v)) names.push(`logging.${k}`);
  for (const sub of ["handlers", "config"])
    for (const [k, v] of Object.entries(logging[sub])) if (isClass(v)) names.push(`logging.${sub}.${k}`);
  const body = names.map((n) => `  ${n},\n`).join("");
  writeFileSync(join(cwd, "src/coverage.ts"), `${importLine}\nexport type EveryClass = [\n${body}];\n`);
  return names.length;
}

function typescript(name, variants, importLine) {
  const cwd = project(name, tgz);
  // The repository's @types/node (offline); TypeScript itself is the repository's too.
  mkdirSync(join(cwd, "node_modules/@types"), { recursive: true });
  symlinkSync(join(repo, "node_modules/@types/node"), join(cwd, "node_modules/@types/node"), "dir");
  const n = classCoverage(cwd, importLine);
  const expected = readFileSync(join(cwd, "expected.txt"), "utf8");
  for (const [mod, res] of variants) {
    const out = `out-${res.toLowerCase()}-${mod.toLowerCase()}`;
    const r = sh(process.execPath, [tsc, "-p", ".", "--module", mod, "--moduleResolution", res, "--outDir", out], cwd);
    check(
      `${name}: tsc strict, module ${mod}, moduleResolution ${res} (${n} classes as types, ${r.ms} ms)`,
      r.code === 0,
      r.stdout,
    );
    if (r.code === 0) runNode(`${name}: run (${res})`, cwd, `${out}/main.js`, expected);
  }
}

const want = (name) => !only || only.includes(name);
const tgz = tarball();
console.log(`tarball ${tgz}`);

for (const name of ["esm", "cjs", "smoke"]) {
  if (!want(name)) continue;
  const cwd = project(name, tgz);
  const expected = readFileSync(join(cwd, "expected.txt"), "utf8");
  runNode(`${name}: run`, cwd, "main.js", expected);
  if (name === "smoke")
    for (const [rt, bin, args] of runtimes)
      runNode(`smoke: run on ${rt}`, cwd, "main.js", expected, {}, undefined, [bin, ...args]);
}

if (want("ts-esm"))
  typescript(
    "ts-esm",
    [
      ["Node16", "Node16"],
      ["NodeNext", "NodeNext"],
      ["ESNext", "Bundler"],
      ["Preserve", "Bundler"],
    ],
    'import type logging from "logxide";',
  );
if (want("ts-cjs"))
  typescript(
    "ts-cjs",
    [
      ["Node16", "Node16"],
      ["NodeNext", "NodeNext"],
      ["CommonJS", "Node10"],
    ],
    'import logging = require("logxide");',
  );

if (want("dual")) {
  const app = project("dual/app", tgz, "dual");
  const lib = join(app, "node_modules/mylib");
  cpSync(join(here, "dual/mylib"), lib, { recursive: true });
  const expected = readFileSync(join(here, "dual/expected.txt"), "utf8");
  runNode("dual: CommonJS library in an ESM application", app, "main.js", expected);
  runNode("dual: library loaded before the application's import", app, "main.js", expected, { LIB_FIRST: "1" });
  for (const [rt, bin, args] of runtimes)
    runNode(`dual: on ${rt}`, app, "main.js", expected, {}, undefined, [bin, ...args]);
  extractCopy(tgz, join(lib, "node_modules/logxide"));
  runNode("dual: nested duplicate copy (node_modules/mylib/node_modules/logxide)", app, "main.js", expected);
  runNode("dual: nested duplicate copy loaded first", app, "main.js", expected, { LIB_FIRST: "1" });
  rmSync(join(lib, "node_modules"), { recursive: true });
  extractCopy(tgz, join(lib, "node_modules/logxide"), "99.0.0");
  const warned = (s) => s.split("LOGXIDE_INCOMPATIBLE_COPY").length === 2;
  runNode(
    "dual: incompatible nested copy keeps its own hierarchy, one warning",
    app,
    "main.js",
    readFileSync(join(here, "dual/expected-incompatible.txt"), "utf8"),
    {},
    warned,
  );
}

rmSync(work, { recursive: true, force: true });
console.log(failures === 0 ? "consumers: all passed" : `consumers: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
