// A program that logs through OpenTelemetryHandler and simply ends (no
// shutdown, no flush) still delivers every record: the handler flushes the
// SDK's batch when the event loop empties. A real child process, a real
// OTLP exporter, a loopback receiver.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HANDLER = pathToFileURL(path.join(REPO, "src/handlers/otel.ts")).href;
const INDEX = pathToFileURL(path.join(REPO, "src/index.ts")).href;

function child(url: string, ending: string): Promise<{ code: number | null; stderr: string }> {
  const source = `
    import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
    import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
    import * as logging from ${JSON.stringify(INDEX)};
    import { OpenTelemetryHandler } from ${JSON.stringify(HANDLER)};
    const provider = new LoggerProvider({
      processors: [new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: ${JSON.stringify(url)} }),
        scheduledDelayMillis: 60000,
      })],
    });
    const log = logging.getLogger("exit");
    log.addHandler(new OpenTelemetryHandler({ logger_provider: provider }));
    for (let i = 0; i < 50; i++) log.warning("record %d", i);
    setTimeout(() => {
      for (let i = 50; i < 80; i++) log.warning("record %d", i);
      ${ending}
    }, 5);
  `;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
      cwd: REPO,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function receiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`;
  const seqs = (): number[] => {
    const out: number[] = [];
    for (const b of bodies) {
      for (const rl of JSON.parse(b).resourceLogs ?? []) {
        for (const sl of rl.scopeLogs ?? []) {
          for (const lr of sl.logRecords ?? []) out.push(Number(/record (\d+)/.exec(lr.body.stringValue)![1]));
        }
      }
    }
    return out.sort((a, b) => a - b);
  };
  return { url, seqs, close: () => new Promise((r) => server.close(r)) };
}

test("a program that just ends delivers every record it logged", async () => {
  const r = await receiver();
  try {
    const result = await child(r.url, "/* nothing: the program ends here */");
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      r.seqs(),
      Array.from({ length: 80 }, (_, i) => i),
    );
  } finally {
    await r.close();
  }
});

test("an exit code set with process.exitCode does not stop the delivery", async () => {
  const r = await receiver();
  try {
    const result = await child(r.url, "process.exitCode = 3;");
    assert.equal(result.code, 3, result.stderr);
    assert.equal(r.seqs().length, 80);
  } finally {
    await r.close();
  }
});
