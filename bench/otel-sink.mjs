// The OpenTelemetry side of the "otel" scenario, the same for every library:
// the real @opentelemetry/sdk-logs LoggerProvider, with one processor that
// writes each record to the sink file as a JSON line as it arrives
// (severity, timestamp, instrumentation scope, body), so the harness can
// count and check what went through the SDK.
//
// The processor writes synchronously, 64 KiB at a time. The SDK's
// BatchLogRecordProcessor would drop everything past its 2048-record queue
// in a synchronous loop, and its export runs later: what the scenario
// compares is the path from the logging call to the SDK's record, not an
// exporter.
import { closeSync, openSync, writeSync } from "node:fs";
import { LoggerProvider } from "@opentelemetry/sdk-logs";

const CHUNK = 64 * 1024;

class LineFileProcessor {
  constructor(path) {
    this.fd = openSync(path, "a");
    this.buf = "";
  }
  onEmit(record) {
    const [sec, ns] = record.hrTime;
    this.buf +=
      '{"level":' +
      JSON.stringify(record.severityText) +
      ',"severityNumber":' +
      record.severityNumber +
      ',"time":' +
      (sec * 1000 + ns / 1e6) +
      ',"name":' +
      JSON.stringify(record.instrumentationScope.name) +
      ',"msg":' +
      JSON.stringify(record.body) +
      "}\n";
    if (this.buf.length >= CHUNK) this.#write();
  }
  #write() {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf);
    this.buf = "";
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
  }
  async forceFlush() {
    this.#write();
  }
  async shutdown() {
    this.#write();
    closeSync(this.fd);
  }
}

/** A LoggerProvider writing to `path`; `finish()` shuts it down (every record is then in the file). */
export function otelSink(path) {
  const provider = new LoggerProvider({ processors: [new LineFileProcessor(path)] });
  return { provider, finish: () => provider.shutdown() };
}
