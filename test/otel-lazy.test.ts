// OpenTelemetry stays unloaded until it is used: importing the bridge and
// correlation modules, and a bridge handler given its provider, load no
// @opentelemetry package; instrument() loads @opentelemetry/api.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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
