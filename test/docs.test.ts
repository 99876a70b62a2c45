/**
 * The documentation's TypeScript examples compile and run: every ```ts block
 * of README.md, SECURITY.md, CONTRIBUTING.md and docs/*.md is written to a
 * temporary project where `logxide` is this repository's build, type-checked
 * strictly (module NodeNext, and again with moduleResolution Bundler), and
 * run in a fresh folder of its own.
 *
 * Conventions (CONTRIBUTING.md, "Code blocks in the docs"):
 * - a block may leave out `import logging from "logxide";` (added when the
 *   block does not import the default export itself);
 * - a block whose info string is `ts fragment` is type-checked with the names
 *   an excerpt may assume (`handler`, `logger`, `record`, `err`) declared,
 *   and not run.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Block {
  file: string;
  /** The line of the opening fence. */
  line: number;
  fragment: boolean;
  code: string;
}

/** The ```ts blocks of one Markdown file (fences may be indented, as in lists). */
export function extractBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const fence = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !/^ *```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(indent));
    blocks.push({ file, line: fence, fragment: /\bfragment\b/.test(open[3]), code: body.join("\n") });
  }
  return blocks;
}

const FRAGMENT_PRELUDE = [
  "declare const handler: logging.Handler;",
  "declare const logger: logging.Logger;",
  "declare const record: logging.LogRecord;",
  "declare const err: Error;",
].join(" ");

const docs = [
  "README.md",
  "SECURITY.md",
  "CONTRIBUTING.md",
  ...fs.readdirSync(path.join(REPO, "docs")).map((f) => `docs/${f}`),
]
  .filter((f) => f.endsWith(".md") && fs.existsSync(path.join(REPO, f)))
  .sort();
const blocks = docs.flatMap((f) => extractBlocks(f, fs.readFileSync(path.join(REPO, f), "utf8")));

let dir = "";
let diagnostics = "";

before(() => {
  if (!fs.existsSync(path.join(REPO, "dist/esm/index.js")))
    execFileSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, stdio: "inherit" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-docs-"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(REPO, path.join(dir, "node_modules/logxide"), "dir");
  fs.symlinkSync(path.join(REPO, "node_modules/@types"), path.join(dir, "node_modules/@types"), "dir");
  // The OpenTelemetry page's examples use the optional peers (dev dependencies here).
  fs.symlinkSync(path.join(REPO, "node_modules/@opentelemetry"), path.join(dir, "node_modules/@opentelemetry"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noImplicitOverride: true,
        skipLibCheck: true,
        types: ["node"],
        outDir: "out",
        rootDir: "src",
      },
      include: ["src"],
    }),
  );
  fs.mkdirSync(path.join(dir, "src"));
  blocks.forEach((b, i) => {
    const imports = /^import (logging\b|\* as logging\b)/m.test(b.code) ? "" : 'import logging from "logxide"; ';
    const prelude = `${imports}${b.fragment ? FRAGMENT_PRELUDE : ""}export {};`;
    // The prelude stays on the first line, so the block's lines keep their numbers (+1).
    fs.writeFileSync(path.join(dir, "src", `block${i}.ts`), `${prelude}\n${b.code}\n`);
  });
  const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", dir], { cwd: dir, encoding: "utf8" });
  // A bundler project (Vite, esbuild, webpack) resolves the package differently: check that too.
  const bundler = ["--noEmit", "--module", "Preserve", "--moduleResolution", "Bundler"];
  const b = spawnSync(process.execPath, [tsc, "-p", dir, ...bundler], { cwd: dir, encoding: "utf8" });
  diagnostics = r.stdout + r.stderr + b.stdout.replace(/: error/g, ": error (moduleResolution Bundler)") + b.stderr;
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the docs have TypeScript examples", () => {
  assert.ok(blocks.length >= 10, `only ${blocks.length} blocks found`);
});

blocks.forEach((b, i) => {
  const where = `${b.file}:${b.line}`;
  test(`${where} type-checks${b.fragment ? " (fragment)" : " and runs"}`, () => {
    // Diagnostics name the file; map their lines back to the Markdown.
    const mine = diagnostics
      .split("\n")
      .filter((l) => l.startsWith(`src/block${i}.ts(`))
      .map((l) =>
        l.replace(/^src\/block\d+\.ts\((\d+),(\d+)\)/, (_, ln, col) => `${b.file}:${b.line + Number(ln) - 1}:${col}`),
      );
    assert.deepEqual(mine, [], mine.join("\n"));
    if (b.fragment) return;
    const cwd = fs.mkdtempSync(path.join(dir, "run-"));
    const r = spawnSync(process.execPath, [path.join(dir, "out", `block${i}.js`)], {
      cwd,
      encoding: "utf8",
      timeout: 20_000,
    });
    assert.equal(r.status, 0, `${where} exited ${r.status} ${r.signal ?? ""}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /--- Logging error ---/, `${where} reported a logging error:\n${r.stderr}`);
  });
});
