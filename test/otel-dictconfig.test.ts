// OpenTelemetryHandler configured by dictConfig, as docs/opentelemetry.md
// shows it: the dotted name, Python's keyword names, the global provider.
import { test } from "node:test";
import assert from "node:assert/strict";
import { logs } from "@opentelemetry/api-logs";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import * as logging from "../src/index.js";
import { registerName } from "../src/config/names.js";
import { OpenTelemetryHandler } from "../src/handlers/otel.js";

// Until the export table lists the handler, register its name here (the
// same registration the table makes for every entry of `handlers`).
registerName("logging.handlers.OpenTelemetryHandler", OpenTelemetryHandler);

test("dictConfig builds the handler from its dotted name with Python's keywords", async () => {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  logs.setGlobalLoggerProvider(provider);
  try {
    logging.config.dictConfig({
      version: 1,
      handlers: {
        otel: { class: "logxide.handlers.OpenTelemetryHandler", level: "INFO", log_code_attributes: true },
        given: { class: "logging.handlers.OpenTelemetryHandler", logger_provider: provider, level: "ERROR" },
      },
      loggers: { "svc.orders": { level: "DEBUG", handlers: ["otel", "given"], propagate: false } },
    });
    const h = logging.getHandlerByName("otel") as OpenTelemetryHandler;
    assert.ok(h instanceof OpenTelemetryHandler);
    assert.equal(h.level, logging.INFO);
    assert.equal(h.logCodeAttributes, true);
    const log = logging.getLogger("svc.orders");
    log.debug("below the handler's level");
    log.info("order %s placed", "A-1", { extra: { orderId: "A-1" } });
    log.error("payment failed");
    await logging.flush();
    const got = exporter.getFinishedLogRecords().map((r) => [r.instrumentationScope.name, r.severityText, r.body]);
    assert.deepEqual(got, [
      ["svc.orders", "INFO", "order A-1 placed"],
      ["svc.orders", "ERROR", "payment failed"],
      ["svc.orders", "ERROR", "payment failed"],
    ]);
    assert.equal(exporter.getFinishedLogRecords()[0]!.attributes.orderId, "A-1");
    assert.match(String(exporter.getFinishedLogRecords()[0]!.attributes["code.file.path"]), /otel-dictconfig/);
  } finally {
    await logging.shutdown();
    logs.disable();
  }
});

test("an unknown keyword is Python's TypeError at configuration time", () => {
  assert.throws(
    () =>
      logging.config.dictConfig({
        version: 1,
        handlers: { otel: { class: "logxide.handlers.OpenTelemetryHandler", endpoint: "x" } },
      }),
    /Unable to configure handler 'otel'/,
  );
});
