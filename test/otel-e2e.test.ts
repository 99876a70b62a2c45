// End to end: logxide -> OpenTelemetryHandler -> the real
// @opentelemetry/sdk-logs (LoggerProvider + BatchLogRecordProcessor) -> the
// real OTLP exporters, http/protobuf and http/json -> a loopback OTLP
// receiver that decodes protobuf with the official OTLP schema. Every record
// must arrive with its fields, delivered by logging.shutdown().
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import * as logging from "../src/index.js";
import { withContext } from "../src/core/context.js";
import { OpenTelemetryHandler } from "../src/handlers/otel.js";

// The OTLP protobuf schema, compiled by protobufjs from the official
// opentelemetry-proto files (@opentelemetry/otlp-transformer shipped it
// until it moved to its own encoder; installed under an alias).
const require = createRequire(import.meta.url);
const { opentelemetry: otlp } = require("otlp-proto-schema/build/src/generated/root.js");
const ExportLogsServiceRequest = otlp.proto.collector.logs.v1.ExportLogsServiceRequest;

/** One log record as the receiver saw it, the same shape for both encodings. */
interface Received {
  resource: Record<string, unknown>;
  scope: string;
  timeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: unknown;
  attributes: Record<string, unknown>;
  traceId: string;
  spanId: string;
}

type Any = Record<string, unknown>;

/** An OTLP AnyValue (protobuf's toObject or OTLP/JSON) as a plain JS value. */
function fromAnyValue(v: Any | undefined): unknown {
  if (v === undefined || v === null) return null;
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("intValue" in v) return Number(v.intValue);
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("arrayValue" in v) return (((v.arrayValue as Any).values as Any[]) ?? []).map(fromAnyValue);
  if ("kvlistValue" in v) return fromKeyValues((v.kvlistValue as Any).values as Any[]);
  if ("bytesValue" in v) return v.bytesValue;
  return null;
}

function fromKeyValues(kvs: Any[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of kvs ?? []) out[kv.key as string] = fromAnyValue(kv.value as Any);
  return out;
}

function hexId(v: unknown): string {
  if (v === undefined || v === null || v === "") return "";
  if (typeof v === "string") return v; // OTLP/JSON spells ids in hex
  return Buffer.from(v as Uint8Array).toString("hex");
}

/** The records of one ExportLogsServiceRequest (already a plain object). */
function flatten(request: Any): Received[] {
  const out: Received[] = [];
  for (const rl of (request.resourceLogs as Any[]) ?? []) {
    const resource = fromKeyValues((rl.resource as Any)?.attributes as Any[]);
    for (const sl of (rl.scopeLogs as Any[]) ?? []) {
      const scope = String((sl.scope as Any)?.name ?? "");
      for (const lr of (sl.logRecords as Any[]) ?? []) {
        out.push({
          resource,
          scope,
          timeUnixNano: String(lr.timeUnixNano),
          severityNumber: Number(lr.severityNumber ?? 0),
          severityText: String(lr.severityText ?? ""),
          body: fromAnyValue(lr.body as Any),
          attributes: fromKeyValues(lr.attributes as Any[]),
          traceId: hexId(lr.traceId),
          spanId: hexId(lr.spanId),
        });
      }
    }
  }
  return out;
}

/** A loopback OTLP/HTTP logs receiver: /v1/logs, protobuf or JSON. */
class Receiver {
  records: Received[] = [];
  requests = { protobuf: 0, json: 0 };
  server: Server = createServer((req, res) => this.#handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/logs`;
  }

  #handle(req: IncomingMessage, res: import("node:http").ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        assert.equal(req.method, "POST");
        assert.equal(req.url, "/v1/logs");
        let body = Buffer.concat(chunks);
        if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
        const type = String(req.headers["content-type"]);
        if (type.startsWith("application/x-protobuf")) {
          this.requests.protobuf++;
          const message = ExportLogsServiceRequest.decode(body);
          this.records.push(...flatten(ExportLogsServiceRequest.toObject(message, { longs: String })));
          res.writeHead(200, { "content-type": "application/x-protobuf" });
          res.end(); // an empty ExportLogsServiceResponse
        } else if (type.startsWith("application/json")) {
          this.requests.json++;
          this.records.push(...flatten(JSON.parse(body.toString("utf8"))));
          res.writeHead(200, { "content-type": "application/json" });
          res.end("{}");
        } else {
          res.writeHead(415).end();
        }
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const tracer = new BasicTracerProvider().getTracer("e2e");
before(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
after(() => context.disable());

const COUNT = 500;
const LOGGERS = ["app", "app.db", "app.http", "worker", "worker.jobs"];
const LEVELS: Array<[number, number, string]> = [
  [logging.DEBUG, 5, "DEBUG"],
  [logging.INFO, 9, "INFO"],
  [25, 12, "NOTICE"],
  [logging.WARNING, 13, "WARN"],
  [logging.ERROR, 17, "ERROR"],
  [logging.CRITICAL, 21, "FATAL"],
];

/** What record i must look like at the receiver. */
interface Expected {
  scope: string;
  severityNumber: number;
  severityText: string;
  body: string;
  attributes: Record<string, unknown>;
  traceId: string;
  spanId: string;
  createdNs: string;
  exception: boolean;
}

/** Logs COUNT records of every kind through `handler`; returns what each must arrive as. */
async function logAll(handler: OpenTelemetryHandler): Promise<Expected[]> {
  logging.addLevelName(25, "NOTICE");
  const created: number[] = [];
  const loggers = LOGGERS.map((name) => {
    const log = logging.getLogger(name);
    log.propagate = false;
    log.handlers = [handler];
    log.filters = [];
    log.addFilter((r: logging.LogRecord) => {
      created.push(r.created);
      return true;
    });
    log.setLevel(logging.DEBUG);
    return log;
  });
  const expected: Expected[] = [];
  for (let i = 0; i < COUNT; i++) {
    const log = loggers[i % loggers.length]!;
    const [level, severityNumber, severityText] = LEVELS[i % LEVELS.length]!;
    const attributes: Record<string, unknown> = { seq: i, even: i % 2 === 0, user: { id: i % 7, roles: ["a", "b"] } };
    let traceId = "";
    let spanId = "";
    const exception = i % 50 === 0;
    const emit = () => {
      const kw = exception
        ? {
            extra: { seq: i, even: i % 2 === 0, user: { id: i % 7, roles: ["a", "b"] } },
            exc_info: new RangeError(`bad ${i}`),
          }
        : { extra: { seq: i, even: i % 2 === 0, user: { id: i % 7, roles: ["a", "b"] } } };
      log.log(level, "record %d of %s", i, COUNT, kw);
    };
    if (i % 3 === 0) {
      tracer.startActiveSpan(`op-${i}`, (span) => {
        ({ traceId, spanId } = span.spanContext());
        emit();
        span.end();
      });
    } else if (i % 3 === 1) {
      attributes.requestId = `req-${i}`;
      withContext({ requestId: `req-${i}` }, emit);
    } else {
      emit();
    }
    if (i % 10 === 0) await new Promise((r) => setImmediate(r)); // let the processor's timers run
    expected.push({
      scope: log.name,
      severityNumber,
      severityText,
      body: `record ${i} of ${COUNT}`,
      attributes,
      traceId,
      spanId,
      createdNs: "",
      exception,
    });
  }
  for (let i = 0; i < COUNT; i++) {
    const micros = BigInt(Math.round(created[i]! * 1e6));
    expected[i]!.createdNs = String(micros * 1000n);
  }
  return expected;
}

function check(received: Received[], expected: Expected[], encoding: string): void {
  assert.equal(received.length, COUNT, `${encoding}: every record arrived, once`);
  const bySeq = new Map<number, Received>();
  for (const r of received) {
    const seq = r.attributes.seq as number;
    assert.equal(bySeq.has(seq), false, `${encoding}: record ${seq} arrived twice`);
    bySeq.set(seq, r);
  }
  for (let i = 0; i < COUNT; i++) {
    const e = expected[i]!;
    const r = bySeq.get(i);
    assert.ok(r, `${encoding}: record ${i} is missing`);
    assert.equal(r.resource["service.name"], "logxide-e2e");
    assert.equal(r.scope, e.scope);
    assert.equal(r.severityNumber, e.severityNumber, `record ${i} severity`);
    assert.equal(r.severityText, e.severityText);
    assert.equal(r.body, e.body);
    assert.equal(r.timeUnixNano, e.createdNs, `record ${i} time`);
    assert.equal(r.traceId, e.traceId, `record ${i} trace id`);
    assert.equal(r.spanId, e.spanId, `record ${i} span id`);
    const {
      "exception.type": type,
      "exception.message": message,
      "exception.stacktrace": stack,
      ...rest
    } = r.attributes;
    assert.deepEqual(rest, e.attributes, `record ${i} attributes`);
    if (e.exception) {
      assert.equal(type, "RangeError");
      assert.equal(message, `bad ${i}`);
      assert.match(String(stack), new RegExp(`^RangeError: bad ${i}\\n\\s+at `));
    } else {
      assert.equal(type, undefined);
    }
  }
}

for (const [encoding, Exporter] of [
  ["http/protobuf", ProtoExporter],
  ["http/json", JsonExporter],
] as const) {
  test(`${COUNT} records over OTLP ${encoding} all arrive with their fields, delivered by shutdown()`, async () => {
    const receiver = new Receiver();
    const url = await receiver.start();
    try {
      const provider = new LoggerProvider({
        resource: resourceFromAttributes({ "service.name": "logxide-e2e" }),
        processors: [
          // A long delay: nothing is exported on a timer, shutdown() must deliver what is left.
          new BatchLogRecordProcessor({
            exporter: new Exporter({ url }),
            scheduledDelayMillis: 60_000,
            maxExportBatchSize: 128,
            maxQueueSize: 1024,
          }),
        ],
      });
      const handler = new OpenTelemetryHandler({ logger_provider: provider });
      // What close() returns, so the test waits for it whether or not
      // shutdown() itself awaits handlers' promises.
      let closing: Promise<void> | undefined;
      const close = handler.close.bind(handler);
      handler.close = () => (closing = close());
      const expected = await logAll(handler);
      // Full batches go on their own; the remainder waits for shutdown().
      await new Promise((r) => setTimeout(r, 50));
      assert.ok(receiver.records.length < COUNT, `${receiver.records.length} exported before shutdown()`);
      await logging.shutdown();
      await closing;
      check(receiver.records, expected, encoding);
      const requests = encoding === "http/json" ? receiver.requests.json : receiver.requests.protobuf;
      assert.ok(requests >= Math.ceil(COUNT / 128), `${encoding}: batches of at most 128 (${requests} requests)`);
      await provider.shutdown();
    } finally {
      await receiver.close();
    }
  });
}
