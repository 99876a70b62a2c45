// How long `import` of logxide takes next to pino's, in fresh processes:
//   node scripts/import-time.mjs [rounds]    (run `npm run build` first)
// Each round starts one process per candidate, in an interleaved order, and
// each process reports the time its own `await import(...)` took; the table
// gives medians over the rounds (plus the whole process's wall time). The
// figures depend on the machine and its load: compare them within one run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const rounds = Number(process.argv[2] ?? 15);
const esm = join(repo, "dist/esm/index.js");
if (!existsSync(esm)) {
  console.error("dist/ missing: run npm run build");
  process.exit(2);
}
const req = createRequire(join(repo, "package.json"));
const candidates = [
  { name: "node (empty script)", code: "" },
  { name: "logxide (import, ESM)", code: `await import(${JSON.stringify(pathToFileURL(esm).href)})` },
  { name: "logxide (require, CJS)", code: `require(${JSON.stringify(join(repo, "dist/cjs/main.js"))})` },
  { name: "pino (import)", code: `await import(${JSON.stringify(pathToFileURL(req.resolve("pino")).href)})` },
];
const script = (code) =>
  `const { createRequire } = await import("node:module"); const require = createRequire(${JSON.stringify(
    join(repo, "x.js"),
  )}); const t0 = performance.now(); ${code}; console.log(JSON.stringify({ ms: performance.now() - t0 }));`;

const samples = candidates.map(() => ({ inner: [], wall: [] }));
for (let r = 0; r < rounds; r++) {
  // A different starting candidate each round, so no one always runs first.
  for (let k = 0; k < candidates.length; k++) {
    const i = (k + r) % candidates.length;
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script(candidates[i].code)], {
      encoding: "utf8",
    });
    samples[i].wall.push(performance.now() - t0);
    samples[i].inner.push(JSON.parse(out.trim().split("\n").pop()).ms);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`node ${process.version}, ${rounds} rounds, medians`);
console.log("candidate                  import ms   process wall ms");
candidates.forEach((c, i) => {
  const inner = median(samples[i].inner).toFixed(1).padStart(9);
  const wall = median(samples[i].wall).toFixed(1).padStart(15);
  console.log(`${c.name.padEnd(26)}${inner}   ${wall}`);
});
