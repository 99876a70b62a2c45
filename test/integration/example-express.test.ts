/**
 * The Express example (examples/express) as a real service in a child
 * process on loopback: 50 concurrent requests, each with its own
 * `x-request-id` and `traceparent`, whose awaits interleave. In the text log
 * (stdout) and in the JSON log (a file), every request's lines carry exactly
 * its own request id, its own trace id and the span the service opened for
 * it; every expected line is there; lines logged outside a request carry no
 * request id and trace id "0".
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const REQUESTS = 50;

interface Sent {
  orderId: number;
  requestId: string;
  traceId: string;
  parentSpanId: string;
  /** The span the service opened for the request, from its response. */
  spanId?: string;
}

/** One log line, the same shape from either output. */
interface Line {
  name: string;
  message: string;
  requestId: string | undefined;
  traceId: string;
  spanId: string;
  /** The bound logger's field (JSON only: the text format does not print it). */
  orderId?: unknown;
}

let dir = "";
let child: ChildProcess | undefined;
let stdout = "";
let port = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "logxide-express-"));
  child = spawn(process.execPath, ["--import", "tsx", "examples/express/server.ts"], {
    cwd: repo,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_FILE: join(dir, "app.jsonl") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line in 30 s; stderr: ${stderr}`)), 30_000);
    child?.stdout?.on("data", (d) => {
      stdout += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child?.on("exit", (code) => reject(new Error(`the example exited (${code}) before listening: ${stderr}`)));
  });
});

after(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

async function send(s: Sent): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/orders/${s.orderId}`, {
    headers: { "x-request-id": s.requestId, traceparent: `00-${s.traceId}-${s.parentSpanId}-01` },
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-request-id"), s.requestId);
  const body = (await res.json()) as { requestId: string; traceId: string; spanId: string; order: { id: number } };
  assert.equal(body.order.id, s.orderId);
  assert.equal(body.requestId, s.requestId, "the route sees its own request's context");
  assert.equal(body.traceId, s.traceId, "the span continues the caller's trace");
  assert.match(body.spanId, /^[0-9a-f]{16}$/);
  assert.notEqual(body.spanId, s.parentSpanId, "the service opens a span of its own");
  s.spanId = body.spanId;
}

const TEXT_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO {2}(\S+) +\[req=(\S+) trace=([0-9a-f]+) span=([0-9a-f]+)\] (.*)$/;

function textLines(text: string): Line[] {
  assert.ok(text.endsWith("\n"), "the text log ends with a whole line");
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const m = TEXT_LINE.exec(line);
      assert.ok(m, `not a line of the text format: ${JSON.stringify(line)}`);
      return { name: m[1], requestId: m[2] === "-" ? undefined : m[2], traceId: m[3], spanId: m[4], message: m[5] };
    });
}

function jsonLines(text: string): Line[] {
  assert.ok(text.endsWith("\n"), "the JSON log ends with a whole line");
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const o = JSON.parse(line) as Record<string, unknown>;
      assert.equal(o.level, "INFO");
      assert.equal(o.otelServiceName, "orders");
      assert.equal(o.otelTraceSampled, o.otelTraceID !== "0", "sampled inside a span, not outside");
      return {
        name: String(o.name),
        message: String(o.message),
        requestId: o.requestId === undefined ? undefined : String(o.requestId),
        traceId: String(o.otelTraceID),
        spanId: String(o.otelSpanID),
        orderId: o.orderId,
      };
    });
}

/** What one request logs, in order: the middleware, the route (a bound logger), the db module around its await. */
function expected(id: number): [string, RegExp][] {
  return [
    ["app.http", new RegExp(`^GET /orders/${id}$`)],
    ["app.orders", new RegExp(`^loading order ${id}$`)],
    ["app.db", new RegExp(`^SELECT \\* FROM orders WHERE id = ${id}$`)],
    ["app.db", new RegExp(`^orders id=${id}: 1 row in \\d+\\.\\d ms$`)],
    ["app.orders", new RegExp(`^order ${id} loaded, total \\d+\\.\\d\\d$`)],
    ["app.http", new RegExp(`^GET /orders/${id} 200 in \\d+\\.\\d ms$`)],
  ];
}

function checkOutput(kind: string, lines: Line[], sent: Sent[]): void {
  const outside = lines.filter((l) => l.requestId === undefined);
  assert.deepEqual(
    outside.map((l) => l.message.replace(/ \(JSON log: .*\)$/, "")),
    [`listening on http://127.0.0.1:${port}`, "SIGTERM: stopping", "stopped"],
    `${kind}: the lines outside a request`,
  );
  for (const l of outside) {
    assert.equal(l.traceId, "0", `${kind}: no trace id outside a request`);
    assert.equal(l.spanId, "0", `${kind}: no span id outside a request`);
    assert.equal(l.orderId, undefined);
  }
  const byId = new Map(sent.map((s) => [s.requestId, s]));
  const positions = new Map<string, number[]>();
  lines.forEach((l, k) => {
    if (l.requestId === undefined) return;
    assert.ok(byId.has(l.requestId), `${kind}: a request id nobody sent: ${l.requestId}`);
    positions.get(l.requestId)?.push(k) ?? positions.set(l.requestId, [k]);
  });
  assert.equal(lines.length, REQUESTS * 6 + 3, `${kind}: every line is there, none more`);
  let interleaved = 0;
  for (const s of sent) {
    const at = positions.get(s.requestId) ?? [];
    const own = at.map((k) => lines[k]);
    const want = expected(s.orderId);
    assert.equal(own.length, want.length, `${kind}: ${s.requestId} has ${own.length} lines`);
    own.forEach((l, k) => {
      const where = `${kind}: ${s.requestId} line ${k + 1}`;
      // The message is built from the request's own data; the ids come from
      // the async context. The two must agree.
      assert.equal(l.name, want[k][0], where);
      assert.match(l.message, want[k][1], where);
      assert.equal(l.traceId, s.traceId, `${where}: its own trace id`);
      assert.equal(l.spanId, s.spanId, `${where}: its own span id`);
      if (kind === "json") assert.equal(l.orderId, l.name === "app.orders" ? s.orderId : undefined, where);
    });
    if (at[at.length - 1] - at[0] > want.length - 1) interleaved++;
  }
  // Without overlap the test would prove nothing about keeping requests apart.
  assert.ok(interleaved >= REQUESTS / 2, `${kind}: only ${interleaved} requests overlapped others`);
}

test("each request's lines carry its own request id and trace id, in text and JSON", { timeout: 60_000 }, async () => {
  const sent: Sent[] = Array.from({ length: REQUESTS }, (_, k) => ({
    orderId: k + 1,
    requestId: `req-${k + 1}-${hex(4)}`,
    traceId: hex(16),
    parentSpanId: hex(8),
  }));
  await Promise.all(sent.map(send));

  // "close": the process has exited and its stdout is read to the end.
  const exited = new Promise<number | null>((resolve) => child?.on("close", (code) => resolve(code)));
  child?.kill("SIGTERM");
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 15_000))]);
  assert.equal(code, 0, "the example stops cleanly on SIGTERM");

  checkOutput("text", textLines(stdout), sent);
  checkOutput("json", jsonLines(readFileSync(join(dir, "app.jsonl"), "utf8")), sent);
});
