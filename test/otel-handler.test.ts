// The logs bridge: what each record becomes in the real OpenTelemetry logs
// SDK (severity, body, attributes, scope, time, trace context), read back
// from the SDK's in-memory exporter.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { context } from "@opentelemetry/api";
import { logs } from "@opentelemetry/api-logs";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from "@opentelemetry/sdk-logs";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import * as logging from "../src/index.js";
import { instrument, uninstrument } from "../src/core/otelCorrelation.js";
import { withContext } from "../src/core/context.js";
import { OpenTelemetryHandler, severityTextOf, stdToOtel } from "../src/handlers/otel.js";

const tracer = new BasicTracerProvider().getTracer("test");

before(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
after(() => context.disable());

function setup(name: string, opts: Record<string, unknown> = {}) {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const handler = new OpenTelemetryHandler({ logger_provider: provider, ...opts });
  const log = logging.getLogger(name);
  log.propagate = false;
  log.handlers = [handler];
  log.setLevel(1);
  const records = (): ReadableLogRecord[] => exporter.getFinishedLogRecords();
  return { exporter, provider, handler, log, records };
}

test("severity numbers follow Python's std_to_otel table, custom levels included", () => {
  // The table of opentelemetry-python's LoggingHandler (std_to_otel).
  const expected: Array<[number, number]> = [
    [0, 0],
    [5, 0],
    [9, 0],
    [10, 5],
    [11, 6],
    [12, 7],
    [13, 8],
    [19, 8],
    [20, 9],
    [21, 10],
    [22, 11],
    [23, 12],
    [25, 12],
    [30, 13],
    [31, 14],
    [33, 16],
    [39, 16],
    [40, 17],
    [43, 20],
    [50, 21],
    [51, 22],
    [52, 23],
    [53, 24],
    [54, 24],
    [100, 24],
  ];
  for (const [level, sev] of expected) assert.equal(stdToOtel(level), sev, `level ${level}`);
  assert.equal(severityTextOf("WARNING"), "WARN");
  assert.equal(severityTextOf("CRITICAL"), "FATAL");
  assert.equal(severityTextOf("NOTICE"), "NOTICE");
});

test("each level arrives with its number and text, custom level names as they are", () => {
  logging.addLevelName(25, "NOTICE");
  const { log, records } = setup("otel.sev");
  log.debug("d");
  log.info("i");
  log.log(25, "n");
  log.warning("w");
  log.error("e");
  log.critical("c");
  assert.deepEqual(
    records().map((r) => [r.severityNumber, r.severityText, r.body]),
    [
      [5, "DEBUG", "d"],
      [9, "INFO", "i"],
      [12, "NOTICE", "n"],
      [13, "WARN", "w"],
      [17, "ERROR", "e"],
      [21, "FATAL", "c"],
    ],
  );
});

test("scope is the logger name; timestamp is record.created; body is getMessage()", () => {
  const { log, records } = setup("otel.scope.child");
  let created = 0;
  const spy = (r: logging.LogRecord) => {
    created = r.created;
    return true;
  };
  log.addFilter(spy);
  log.warning("%s + %d = %r", "one", 2, "x");
  const [r] = records();
  assert.equal(r!.instrumentationScope.name, "otel.scope.child");
  assert.equal(r!.body, "one + 2 = 'x'");
  assert.equal(r!.hrTime[0] + r!.hrTime[1] / 1e9, created);
  assert.equal(r!.hrTime[1] % 1_000_000, 0, "milliseconds, no float noise");
});

test("a formatter makes the body; a non-string message without args is the value itself", () => {
  const { log, handler, records } = setup("otel.body");
  log.info({ order: 17, items: ["a", "b"] });
  log.info(42);
  log.info(new Date(0));
  handler.setFormatter(new logging.Formatter("%(levelname)s:%(name)s:%(message)s"));
  log.info("formatted %s", "x");
  assert.deepEqual(
    records().map((r) => r.body),
    [{ order: 17, items: ["a", "b"] }, 42, "1970-01-01T00:00:00.000Z", "INFO:otel.body:formatted x"],
  );
});

test("attributes: extra, async context and bound fields; no standard record attribute", () => {
  const { log, records } = setup("otel.attrs");
  withContext({ requestId: "r-1", tenant: "acme" }, () => {
    log.info("x", {
      extra: {
        userId: 7,
        ok: true,
        ratio: 0.5,
        tags: ["a", 1],
        nested: { deep: { n: 1 } },
        when: new Date(0),
        big: 12n,
        nothing: null,
      },
    });
  });
  const attrs = records()[0]!.attributes;
  assert.deepEqual(attrs, {
    userId: 7,
    ok: true,
    ratio: 0.5,
    tags: ["a", 1],
    nested: { deep: { n: 1 } },
    when: "1970-01-01T00:00:00.000Z",
    big: 12,
    nothing: null,
    requestId: "r-1",
    tenant: "acme",
  });
});

test("a cyclic or hostile extra value becomes text, and the record still goes", () => {
  const { log, records } = setup("otel.hostile");
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const hostile = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error("no keys");
      },
    },
  );
  log.info("x", { extra: { cyclic, hostile } });
  const attrs = records()[0]!.attributes as Record<string, Record<string, unknown>>;
  assert.equal(attrs.cyclic!.a, 1);
  assert.equal(typeof attrs.cyclic!.self, "string");
  assert.equal(typeof attrs.hostile, "string");
});

test("exception attributes from exc_info: type, message, the stack with its cause chain", () => {
  const { log, records } = setup("otel.exc");
  class PaymentError extends Error {}
  const err = new PaymentError("card declined", { cause: new TypeError("bad input") });
  log.exception("failed", { exc_info: err });
  const named = new Error("late");
  named.name = "TimeoutError";
  log.error("t", { exc_info: named });
  // A thrown value that is not an Error (a logging call takes only Errors as exc_info).
  log.handle(
    logging.makeLogRecord({ name: log.name, levelno: 40, levelname: "ERROR", msg: "s", exc_info: "just a string" }),
  );
  log.error("none", { exc_info: true });
  const [a, b, c, d] = records().map((r) => r.attributes);
  assert.equal(a!["exception.type"], "PaymentError");
  assert.equal(a!["exception.message"], "card declined");
  const stack = a!["exception.stacktrace"] as string;
  assert.match(stack, /TypeError: bad input/);
  assert.match(stack, /The above exception was the direct cause of the following exception/);
  assert.match(stack, /card declined/);
  assert.equal(b!["exception.type"], "TimeoutError");
  assert.equal(c!["exception.message"], "just a string");
  assert.equal("exception.type" in d!, false, "exc_info=true with no exception adds nothing");
  assert.equal("exc_info" in a!, false);
});

test("log_code_attributes adds the caller's file, line and function", () => {
  const { log, records } = setup("otel.code", { logCodeAttributes: true });
  function whereItHappens() {
    log.info("here");
  }
  whereItHappens();
  const attrs = records()[0]!.attributes;
  assert.match(String(attrs["code.file.path"]), /otel-handler\.test\.ts$/);
  assert.equal(attrs["code.function.name"], "whereItHappens");
  assert.equal(typeof attrs["code.line.number"], "number");
  assert.ok((attrs["code.line.number"] as number) > 0);
});

test("inside a span the record carries the span's trace and span ids", () => {
  const { log, records } = setup("otel.span");
  tracer.startActiveSpan("op", (span) => {
    log.info("in span");
    const sc = records()[0]!.spanContext!;
    assert.equal(sc.traceId, span.spanContext().traceId);
    assert.equal(sc.spanId, span.spanContext().spanId);
    span.end();
  });
  log.info("outside");
  assert.equal(records()[1]!.spanContext, undefined);
});

test("with correlation on, a record emitted later (MemoryHandler) keeps its span's context", () => {
  instrument({ serviceName: "svc" });
  try {
    const { handler, records } = setup("otel.later");
    const memory = new logging.handlers.MemoryHandler(100, logging.CRITICAL, handler);
    const log = logging.getLogger("otel.later.src");
    log.propagate = false;
    log.handlers = [memory];
    let ids = { traceId: "", spanId: "" };
    tracer.startActiveSpan("op", (span) => {
      ids = span.spanContext();
      log.info("buffered");
      span.end();
    });
    memory.flush();
    const [r] = records();
    assert.equal(r!.spanContext?.traceId, ids.traceId);
    assert.equal(r!.spanContext?.spanId, ids.spanId);
    assert.equal("otelTraceID" in r!.attributes, false, "correlation fields are not repeated as attributes");
  } finally {
    uninstrument();
  }
});

test("without logger_provider the global provider is used, also one registered later", async () => {
  const handler = new OpenTelemetryHandler();
  const log = logging.getLogger("otel.global");
  log.propagate = false;
  log.handlers = [handler];
  log.warning("before any provider"); // the API's no-op provider takes it
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  logs.setGlobalLoggerProvider(provider);
  try {
    log.warning("after");
    await handler.flush();
    assert.deepEqual(
      exporter.getFinishedLogRecords().map((r) => r.body),
      ["after"],
    );
  } finally {
    logs.disable();
  }
});

test("flush() and close() resolve after the provider's forceFlush; errors go to handleError", async () => {
  const exported: string[] = [];
  const slow: LogRecordExporter = {
    export(batch, done) {
      for (const r of batch) exported.push(String(r.body));
      done({ code: 0 });
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const { BatchLogRecordProcessor } = await import("@opentelemetry/sdk-logs");
  const provider = new LoggerProvider({
    processors: [new BatchLogRecordProcessor({ exporter: slow, scheduledDelayMillis: 60_000 })],
  });
  const handler = new OpenTelemetryHandler(logging.NOTSET, provider);
  const log = logging.getLogger("otel.flush");
  log.propagate = false;
  log.handlers = [handler];
  log.warning("one");
  log.warning("two");
  assert.deepEqual(exported, []);
  await handler.flush();
  assert.deepEqual(exported, ["one", "two"]);
  log.warning("three");
  await handler.close();
  assert.deepEqual(exported, ["one", "two", "three"]);

  const failing = new OpenTelemetryHandler({
    logger_provider: {
      getLogger: () => ({ emit() {} }),
      forceFlush: () => new Promise<void>((_, reject) => setImmediate(() => reject(new Error("collector down")))),
    },
  });
  const errors: unknown[] = [];
  failing.handleError = (_r, e) => void errors.push(e);
  failing.emit(logging.makeLogRecord({ msg: "x", name: "n" }));
  await failing.flush();
  assert.match(String(errors[0]), /collector down/);
});

test("an emit that throws goes to handleError, never to the caller; recursion is refused", () => {
  const errors: unknown[] = [];
  let inner: OpenTelemetryHandler | null = null;
  const handler = new OpenTelemetryHandler({
    logger_provider: {
      getLogger: (name: string) => ({
        emit() {
          if (name === "otel.boom") throw new Error("exporter exploded");
          inner!.handle(logging.makeLogRecord({ msg: "again", name: "otel.recursive" }));
        },
      }),
    },
  });
  inner = handler;
  handler.handleError = (_r, e) => void errors.push(e);
  const log = logging.getLogger("otel.boom");
  log.propagate = false;
  log.handlers = [handler];
  assert.doesNotThrow(() => log.error("x"));
  assert.match(String(errors[0]), /exporter exploded/);
  handler.handle(logging.makeLogRecord({ msg: "first", name: "otel.recursive" }));
  assert.match(String(errors[1]), /called recursively/);
});

test("constructor: Python's positional and keyword forms; a bad provider is a TypeError", () => {
  const provider = new LoggerProvider();
  const h1 = new OpenTelemetryHandler(logging.WARNING, provider, true);
  assert.equal(h1.level, logging.WARNING);
  assert.equal(h1.logCodeAttributes, true);
  assert.equal(h1.loggerProvider, provider);
  const h2 = new OpenTelemetryHandler({ level: "ERROR", loggerProvider: provider });
  assert.equal(h2.level, logging.ERROR);
  assert.throws(() => new OpenTelemetryHandler({ logger_provider: {} as never }), { name: "TypeError" });
  assert.throws(() => new OpenTelemetryHandler({ bogus: 1 } as never), { name: "TypeError" });
  assert.equal(String(h1), "<OpenTelemetryHandler (WARNING)>");
});
