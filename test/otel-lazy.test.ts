// OpenTelemetry stays unloaded until it is used: importing the bridge and
// correlation modules, and a bridge handler given its provider, load no
// @opentelemetry package; instrument() loads @opentelemetry/api.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureBuilt } from "./integration/reliability-helpers.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const url = (p: string) => JSON.stringify(pathToFileURL(path.join(REPO, p)).href);

test("no @opentelemetry module loads before instrument() or a handler without a provider", () => {
  const source = `
    import { createRequire } from "node:module";
    import * as logging from ${url("src/index.ts")};
    import { OpenTelemetryHandler } from ${url("src/handlers/otel.ts")};
    import { instrument, uninstrument } from ${url("src/core/otelCorrelation.ts")};
    const cache = createRequire(import.meta.url).cache;
    const loaded = () => Object.keys(cache).filter((k) => k.includes("@opentelemetry")).length > 0;
    const out = {};
    out.atImport = loaded();
    const emitted = [];
    const h = new OpenTelemetryHandler({ logger_provider: { getLogger: () => ({ emit: (r) => emitted.push(r.body) }) } });
    const log = logging.getLogger("lazy");
    log.addHandler(h);
    log.warning("via a given provider");
    out.afterHandler = loaded();
    out.emitted = emitted;
    instrument();
    out.afterInstrument = loaded();
    uninstrument();
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
    cwd: REPO,
    timeout: 30_000,
    encoding: "utf8",
  });
  assert.deepEqual(JSON.parse(stdout), {
    atImport: false,
    afterHandler: false,
    emitted: ["via a given provider"],
    afterInstrument: true,
  });
});

test("both builds find the peer next to logxide, whatever the program's directory", () => {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-otel-"));
  try {
    const cases: Array<[string, string]> = [];
    const cjsPath = JSON.stringify(path.join(REPO, "dist/cjs/core/otelCorrelation.js"));
    fs.writeFileSync(path.join(dir, "main.cjs"), `require(${cjsPath}).instrument();\nprocess.stdout.write("ok");\n`);
    cases.push(["main.cjs", "ok"]);
    // A build that compiles the implementation to ESM too (rather than
    // wrapping the CommonJS one) must find it from its own file as well.
    if (fs.existsSync(path.join(REPO, "dist/esm/core/otelCorrelation.js"))) {
      const esmUrl = url("dist/esm/core/otelCorrelation.js");
      fs.writeFileSync(
        path.join(dir, "main.mjs"),
        `import { instrument } from ${esmUrl};\ninstrument();\nprocess.stdout.write("ok");\n`,
      );
      cases.push(["main.mjs", "ok"]);
    }
    for (const [file, expected] of cases) {
      const out = execFileSync(process.execPath, [file], { cwd: dir, timeout: 30_000, encoding: "utf8" });
      assert.equal(out, expected, file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
