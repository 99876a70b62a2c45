/**
 * Debugging aid: runs the scenarios whose name matches a pattern and prints
 * each side's outputs.
 *   node --import tsx test/diff/show.ts [pattern] [py|js|both]
 */
import { compareResults, runSide, type SideResult } from "./harness.js";
import { allScenarios } from "./scenarios/index.js";

const pattern = new RegExp(process.argv[2] ?? ".");
const sides =
  (process.argv[3] ?? "py") === "both" ? (["py", "js"] as const) : ([process.argv[3] ?? "py"] as ("py" | "js")[]);

function show(label: string, r: SideResult): void {
  console.log(`  [${label}] exit: ${r.exit}`);
  console.log(`  [${label}] stdout:\n${r.stdout.replace(/^/gm, "    | ")}`);
  if (r.stderr) console.log(`  [${label}] stderr:\n${r.stderr.replace(/^/gm, "    | ")}`);
  for (const [name, content] of r.files)
    console.log(`  [${label}] file ${name}: ${JSON.stringify(content.toString("utf8"))}`);
}

for (const s of allScenarios.filter((x) => pattern.test(x.name))) {
  console.log(`== ${s.name}`);
  const results: Partial<Record<"py" | "js", SideResult>> = {};
  for (const side of sides) {
    results[side] = await runSide(s, side);
    show(side, results[side]!);
  }
  if (results.py && results.js) {
    const report = compareResults(s, results.py, results.js);
    console.log(report ? "  MISMATCH" : "  SAME");
  }
}
