#!/usr/bin/env node
// npm run bench:instructions [-- text,json,json-extra,context] [-- --dist <dir>]
//
// Machine instructions per record, counted by valgrind's callgrind: the same
// binary and inputs give the same count whatever else the machine is doing,
// so a change of a few percent shows on a shared, noisy machine where timings
// cannot (timings stay what `npm run bench` compares with peers). Each
// scenario runs twice in a fresh `node` under callgrind, warmed up alike, and
// logs N1 then N2 records; the difference of the two totals divided by
// N2 - N1 is the cost of one warm record, start-up and JIT excluded. Counts
// are user-space instructions only: a system call counts as the few
// instructions that enter it. Runs node with --predictable (counts then
// repeat within about 1%). Needs valgrind (Debian's package).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareBuild } from "./harness.mjs";

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SCENARIOS = ["text", "json", "json-extra", "context", "two"];
const wanted = (argv.find((a) => !a.startsWith("--") && a !== option("--dist")) ?? SCENARIOS.join(",")).split(",");
const N1 = 20_000;
const N2 = 100_000;

try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  console.error("valgrind not found: apt-get install valgrind");
  process.exit(2);
}

// The scenario script: the bench's message and fields, a FileHandler on /dev/null.
const SCRIPT = `
const logging = (await import(process.env.LOGXIDE_INDEX)).default;
const [mode, n] = [process.argv[2], Number(process.argv[3])];
const MSG = "request %d handled in %s ms";
const MS = Array.from({ length: 100 }, (_, k) => (k / 10).toFixed(1));
const extraFields = (i) => ({ user: "u-1234", reqId: i, route: "/api/items", status: 200, cached: false });
const log = logging.getLogger("bench");
log.propagate = false;
log.setLevel(logging.INFO);
const text = new logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s");
const json = new logging.JSONFormatter({ fields: { level: "levelno", time: "created", name: "name", msg: "message" } });
for (let k = 0; k < (mode === "two" ? 2 : 1); k++) {
  const h = new logging.FileHandler("/dev/null");
  h.setFormatter(mode === "text" || mode === "two" ? text : json);
  log.addHandler(h);
}
const plain = (m) => { for (let i = 0; i < m; i++) log.info(MSG, i, MS[i % 100]); };
const body =
  mode === "json-extra" ? (m) => { for (let i = 0; i < m; i++) log.info(MSG, i, MS[i % 100], { extra: extraFields(i) }); }
  : mode === "context" ? (m) => logging.withContext({ requestId: "req-42" }, () => plain(m))
  : plain;
body(30_000);
body(n);
`;

function instructions(build, script, mode, n) {
  const r = spawnSync(
    "valgrind",
    [
      "--tool=callgrind",
      "--callgrind-out-file=/dev/null",
      process.execPath,
      "--single-threaded",
      // V8's heuristics (when to collect, when to optimise) otherwise read the clock:
      // without it counts of the same build vary by a few percent.
      "--predictable",
      script,
      mode,
      String(n),
    ],
    { encoding: "utf8", env: { ...process.env, LOGXIDE_INDEX: join(build.dist, "index.js") } },
  );
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${mode}: valgrind run failed\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}

const dist = option("--dist");
const build = dist ? { dist, cleanup() {} } : prepareBuild({ log: (s) => process.stderr.write(s + "\n") });
const scratch = mkdtempSync(join(tmpdir(), "logxide-instructions-"));
const script = join(scratch, "scenario.mjs");
writeFileSync(script, SCRIPT);
try {
  console.log("scenario      instructions/record");
  for (const mode of wanted) {
    if (!SCENARIOS.includes(mode)) throw new Error(`unknown scenario ${mode}: one of ${SCENARIOS.join(", ")}`);
    const per = (instructions(build, script, mode, N2) - instructions(build, script, mode, N1)) / (N2 - N1);
    console.log(`${mode.padEnd(14)}${Math.round(per)}`);
  }
} finally {
  build.cleanup();
  rmSync(scratch, { recursive: true, force: true });
}
