// An Express service whose every log line carries its request's id and
// trace id, in a text log (stdout) and a JSON log (a file).
//
//   npm run example:express        then: curl -H 'x-request-id: r-1' localhost:3000/orders/17
//
// Environment: PORT (3000; 0 picks a free one), HOST (127.0.0.1),
// LOG_FILE (where the JSON lines go; a file in the temp directory by default).
import { randomUUID } from "node:crypto";
import { AsyncResource } from "node:async_hooks";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import express from "express";
import logging from "../../src/index.js"; // "logxide" in your project
import { tracer } from "./tracing.js";
import { findOrder } from "./db.js";

// --- logging: the same dictConfig a Python service would use ---------------
// Trace correlation puts otelTraceID/otelSpanID/otelTraceSampled on every
// record (Python's opentelemetry-instrumentation-logging names); "0" outside a span.
logging.otel.instrument({ serviceName: "orders" });
const jsonFile = process.env.LOG_FILE ?? join(tmpdir(), "logxide-express-example.jsonl");
logging.config.dictConfig({
  version: 1,
  // As in Python, dictConfig disables loggers that exist already unless told
  // not to, and db.ts made "app.db" when it was imported, above.
  disable_existing_loggers: false,
  formatters: {
    text: {
      format:
        "%(asctime)s %(levelname)-5s %(name)-10s [req=%(requestId)s trace=%(otelTraceID)s span=%(otelSpanID)s] %(message)s",
      // Outside a request there is no requestId: Python 3.12's `defaults` fills it in.
      defaults: { requestId: "-" },
    },
    // Context fields, bound fields and the otel* fields become keys of each line.
    json: { "()": "logxide.JSONFormatter" },
  },
  handlers: {
    console: { class: "logging.StreamHandler", formatter: "text", stream: "ext://sys.stdout" },
    jsonFile: { class: "logging.FileHandler", formatter: "json", filename: jsonFile },
  },
  root: { level: "INFO", handlers: ["console", "jsonFile"] },
});

const httpLog = logging.getLogger("app.http");
const log = logging.getLogger("app.orders");

// --- the app ----------------------------------------------------------------
const app = express();

// Each request runs inside its span and its logging context. Everything the
// route does from here on, across every `await`, logs with both.
app.use((req, res, next) => {
  const requestId = req.get("x-request-id") ?? randomUUID();
  res.setHeader("x-request-id", requestId);
  // The span's parent comes from the caller's `traceparent` header, if any.
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER }, parent);
  context.with(trace.setSpan(parent, span), () =>
    logging.withContext({ requestId }, () => {
      const started = performance.now();
      httpLog.info("%s %s", req.method, req.originalUrl);
      // An event listener runs in the context of whatever emits the event,
      // not always the request's: AsyncResource.bind pins it to this one.
      res.on(
        "finish",
        AsyncResource.bind(() => {
          httpLog.info("%s %s %d in %.1f ms", req.method, req.originalUrl, res.statusCode, performance.now() - started);
          span.end();
        }),
      );
      next();
    }),
  );
});

app.get("/orders/:id", async (req, res) => {
  const id = Number(req.params.id);
  // A bound logger adds its fields to every record it logs (JSON: "orderId": 17).
  const orderLog = log.bind({ orderId: id });
  orderLog.info("loading order %d", id);
  const order = await findOrder(id);
  orderLog.info("order %d loaded, total %.2f", id, order.total);
  const { traceId, spanId } = trace.getActiveSpan()?.spanContext() ?? {};
  res.json({ order, requestId: logging.getContext().requestId, traceId, spanId });
});

// --- start and stop ---------------------------------------------------------
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address() as AddressInfo;
  log.info("listening on http://%s:%d (JSON log: %s)", address, port, jsonFile);
});

process.once("SIGTERM", () => {
  log.info("SIGTERM: stopping");
  server.close(async () => {
    log.info("stopped");
    // Writes out and closes every handler; the process then ends by itself.
    await logging.shutdown();
  });
  server.closeIdleConnections();
});
