// Trace correlation with a real tracer provider: the otel* record fields
// inside and outside spans, across await, as Python's
// opentelemetry-instrumentation-logging sets them.
import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import * as logging from "../src/index.js";
import {
  DEFAULT_LOGGING_FORMAT,
  instrument,
  isInstrumented,
  requirePeer,
  uninstrument,
} from "../src/core/otelCorrelation.js";
import { withContext } from "../src/core/context.js";

const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "checkout" }) });
const tracer = provider.getTracer("test");
const contextManager = new AsyncLocalStorageContextManager();

before(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(provider);
});

after(() => {
  trace.disable();
  context.disable();
});

afterEach(() => uninstrument());

function capture(name: string, fmt: string) {
  const lines: string[] = [];
  const h = new logging.StreamHandler({ write: (s: string) => void lines.push(s.replace(/\n$/, "")) });
  h.setFormatter(new logging.Formatter(fmt));
  const log = logging.getLogger(name);
  log.propagate = false;
  log.handlers = [h];
  log.setLevel(logging.DEBUG);
  return { log, lines };
}

const IDS = "%(otelTraceID)s %(otelSpanID)s %(otelTraceSampled)s %(otelServiceName)s %(message)s";

test("inside a span the format string prints the span's ids; outside, Python's defaults", async () => {
  instrument();
  const { log, lines } = capture("corr.basic", IDS);
  log.info("before");
  let traceId = "";
  let spanId = "";
  await tracer.startActiveSpan("work", async (span) => {
    ({ traceId, spanId } = span.spanContext());
    log.info("inside");
    await new Promise((r) => setTimeout(r, 1));
    log.info("after await");
    span.end();
  });
  log.info("after");
  assert.match(traceId, /^[0-9a-f]{32}$/);
  assert.match(spanId, /^[0-9a-f]{16}$/);
  // The name is read from the provider through the span: before any span
  // nothing exposes it, as with Python's proxy provider.
  assert.deepEqual(lines, [
    "0 0 false  before",
    `${traceId} ${spanId} true checkout inside`,
    `${traceId} ${spanId} true checkout after await`,
    "0 0 false checkout after",
  ]);
});

test("nested spans and concurrent tasks each see their own span", async () => {
  instrument({ serviceName: "svc" });
  const { log, lines } = capture("corr.nested", "%(otelSpanID)s %(message)s");
  const ids: Record<string, string> = {};
  await Promise.all(
    ["a", "b", "c"].map((n) =>
      tracer.startActiveSpan(n, async (outer) => {
        ids[n] = outer.spanContext().spanId;
        await new Promise((r) => setTimeout(r, 3));
        tracer.startActiveSpan(`${n}-inner`, (inner) => {
          ids[`${n}-inner`] = inner.spanContext().spanId;
          log.info(`${n}-inner`);
          inner.end();
        });
        log.info(n);
        outer.end();
      }),
    ),
  );
  assert.equal(lines.length, 6);
  for (const line of lines) {
    const [id, name] = line.split(" ");
    assert.equal(id, ids[name!], line);
  }
});

test("the explicit serviceName wins; an unsampled span reports false", () => {
  instrument({ serviceName: "billing" });
  const { log, lines } = capture("corr.unsampled", IDS);
  const ctx = trace.setSpanContext(context.active(), {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    traceFlags: 0,
  });
  context.with(ctx, () => log.info("remote parent"));
  assert.deepEqual(lines, ["0af7651916cd43dd8448eb211c80319c b7ad6b7169203331 false billing remote parent"]);
});

test("the fields reach JSON output and live beside async context fields", () => {
  instrument({ serviceName: "svc" });
  const lines: string[] = [];
  const h = new logging.StreamHandler({ write: (s: string) => void lines.push(s) });
  h.setFormatter(new logging.JSONFormatter());
  const log = logging.getLogger("corr.json");
  log.propagate = false;
  log.handlers = [h];
  tracer.startActiveSpan("json", (span) => {
    withContext({ requestId: "r-9" }, () => log.warning("hi"));
    const parsed = JSON.parse(lines[0]!);
    assert.equal(parsed.otelTraceID, span.spanContext().traceId);
    assert.equal(parsed.otelSpanID, span.spanContext().spanId);
    assert.equal(parsed.requestId, "r-9");
    span.end();
  });
});

test("logHook sees the span and the record inside spans only; what it throws is ignored", () => {
  const seen: string[] = [];
  instrument({
    logHook: (span, record) => {
      seen.push(span.spanContext().spanId);
      record.hooked = "yes";
      throw new Error("ignored");
    },
  });
  const { log, lines } = capture("corr.hook", "%(message)s");
  log.info("outside");
  tracer.startActiveSpan("h", (span) => {
    log.info("inside %s", "x");
    assert.deepEqual(seen, [span.spanContext().spanId]);
    span.end();
  });
  assert.deepEqual(lines, ["outside", "inside x"]);
});

test("it wraps the installed factory and uninstrument restores it", () => {
  const base = logging.getLogRecordFactory();
  const custom: logging.LogRecordFactory = (...args) => {
    const r = base(...args);
    r.custom = 1;
    return r;
  };
  logging.setLogRecordFactory(custom);
  try {
    instrument();
    assert.equal(isInstrumented(), true);
    const r = logging.getLogRecordFactory()("n", logging.INFO, "p", 1, "m", [], null);
    assert.equal(r.custom, 1);
    assert.equal(r.otelTraceID, "0");
    uninstrument();
    assert.equal(isInstrumented(), false);
    assert.equal(logging.getLogRecordFactory(), custom);
  } finally {
    logging.setLogRecordFactory(null);
  }
});

test("a factory installed on top of it keeps working after uninstrument, without the fields", () => {
  instrument();
  const ours = logging.getLogRecordFactory();
  const outer: logging.LogRecordFactory = (...args) => ours(...args);
  logging.setLogRecordFactory(outer);
  try {
    uninstrument();
    assert.equal(logging.getLogRecordFactory(), outer);
    const r = outer("n", logging.INFO, "p", 1, "m", [], null);
    assert.equal("otelTraceID" in r, false);
  } finally {
    logging.setLogRecordFactory(null);
  }
});

test("an extra key that clashes with a correlation field is Python's KeyError", () => {
  instrument();
  const log = logging.getLogger("corr.clash");
  assert.throws(() => log.makeRecord("corr.clash", logging.INFO, "f", 1, "m", [], null, null, { otelTraceID: "x" }), {
    message: /Attempt to overwrite 'otelTraceID' in LogRecord/,
  });
});

test("without instrument() records carry no otel fields (nothing runs)", () => {
  const { log, lines } = capture("corr.off", "%(message)s");
  const r = logging.getLogRecordFactory()("n", logging.INFO, "p", 1, "m", [], null);
  assert.equal("otelTraceID" in r, false);
  log.info("plain");
  assert.deepEqual(lines, ["plain"]);
});

test("setLoggingFormat installs Python's default format through basicConfig", () => {
  const root = logging.getLogger();
  const saved = [...root.handlers];
  const savedLevel = root.level;
  root.handlers = [];
  try {
    instrument({ setLoggingFormat: true, serviceName: "svc" });
    assert.equal(root.handlers.length, 1);
    assert.equal((root.handlers[0]!.formatter as logging.Formatter)._fmt, DEFAULT_LOGGING_FORMAT);
    assert.equal(root.level, logging.INFO);
  } finally {
    root.handlers = saved;
    root.setLevel(savedLevel);
  }
});

test("a missing optional peer is a ModuleNotFoundError that names the package and the fix", () => {
  assert.throws(
    () => requirePeer("@opentelemetry/not-a-package", "logxide.otel.instrument()"),
    (err: Error) => {
      assert.equal(err.name, "ModuleNotFoundError");
      assert.match(err.message, /No module named '@opentelemetry\/not-a-package'/);
      assert.match(err.message, /npm install @opentelemetry\/not-a-package/);
      return true;
    },
  );
});
