/**
 * OpenTelemetryHandler: the logs bridge. Each record becomes an
 * OpenTelemetry log record, emitted through the Logs API to the program's
 * own SDK setup (a LoggerProvider with its processors and exporters), as
 * Python's `opentelemetry` `LoggingHandler` does.
 *
 * `@opentelemetry/api-logs` is an optional peer dependency, loaded only when
 * a handler without an explicit `logger_provider` is created. Nothing from
 * OpenTelemetry is imported at module load.
 */
import { UNKNOWN_CALLER } from "../core/caller.js";
import { CORRELATION_FIELDS, loadedOtelApi, type OtelSpanContext, requirePeer } from "../core/otelCorrelation.js";
import { checkLevel, NOTSET } from "../core/levels.js";
import type { LogRecord } from "../core/record.js";
import { CONSTRUCTOR_FIELDS, STANDARD_FIELDS } from "../core/recordFields.js";
import { exceptionValue, formatExceptionText } from "../format/exception.js";
import { typeError } from "../py/errors.js";
import { bindArgs, isPlainObject, signature } from "../py/kwargs.js";
import { pyStr } from "../py/repr.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";

/** An OpenTelemetry log record as the Logs API takes it (`@opentelemetry/api-logs`' `LogRecord`). */
export interface OtelLogRecord {
  /** `[seconds, nanoseconds]` as logxide sends it (the API takes any `TimeInput`). */
  timestamp?: unknown;
  severityNumber?: number;
  severityText?: string;
  body?: unknown;
  attributes?: Record<string, unknown>;
  context?: unknown;
}

/** The Logs API logger logxide emits to. */
export interface OtelLogger {
  emit(record: OtelLogRecord): void;
}

/** A Logs API `LoggerProvider` (the SDK's has `forceFlush` too). */
export interface OtelLoggerProvider {
  getLogger(name: string, version?: string, options?: object): OtelLogger;
  forceFlush?(): Promise<void>;
}

interface LogsApi {
  logs: { getLoggerProvider(): OtelLoggerProvider };
}

/**
 * Python's `std_to_otel`: the OpenTelemetry severity number of a level.
 * DEBUG 5, INFO 9, WARNING 13, ERROR 17, CRITICAL 21; the three numbers above
 * each take the next severities (a custom level 25 is INFO4, 31 is WARN2),
 * anything further up to the next level stays at the fourth; below DEBUG is
 * 0 (unspecified) and above 53 is 24 (FATAL4).
 */
export function stdToOtel(levelno: number): number {
  if (!(levelno >= 10)) return 0;
  if (levelno > 53) return 24;
  const n = Math.trunc(levelno);
  const decade = Math.trunc(n / 10);
  return (decade - 1) * 4 + 5 + Math.min(n % 10, 3);
}

/** The severity text: Python's level name, with the two the OpenTelemetry data model spells differently. */
export function severityTextOf(levelname: unknown): string {
  if (levelname === "WARNING") return "WARN";
  if (levelname === "CRITICAL") return "FATAL";
  return typeof levelname === "string" ? levelname : pyStr(levelname);
}

function safeStr(v: unknown): string {
  try {
    return pyStr(v);
  } catch {
    return "<unprintable value>";
  }
}

/**
 * A value as an OpenTelemetry AnyValue: strings, numbers, booleans and
 * bytes as they are, arrays and plain objects (and Maps) element by
 * element, a Date as ISO 8601 text, anything else as its Python `str()`
 * (Python's SDK stringifies what it cannot export, too). Cycles and depth
 * beyond 10 become text.
 */
function toAnyValue(v: unknown, depth: number, seen: Set<object>): unknown {
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return v;
    case "bigint":
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
    case "undefined":
      return null;
    case "object":
      break;
    default:
      return safeStr(v);
  }
  if (v === null) return null;
  if (v instanceof Uint8Array) return v;
  // A time is most useful to a log pipeline as ISO 8601 text, not Date's toString.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (depth > 10 || seen.has(v)) return safeStr(v);
  try {
    if (Array.isArray(v)) {
      seen.add(v);
      const out = v.map((item) => toAnyValue(item, depth + 1, seen));
      seen.delete(v);
      return out;
    }
    if (v instanceof Map) {
      seen.add(v);
      const out: Record<string, unknown> = {};
      for (const [k, item] of v) out[typeof k === "string" ? k : safeStr(k)] = toAnyValue(item, depth + 1, seen);
      seen.delete(v);
      return out;
    }
    if (isPlainObject(v)) {
      seen.add(v);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = toAnyValue(v[k], depth + 1, seen);
      seen.delete(v);
      return out;
    }
  } catch {
    return "<unprintable value>"; // a throwing getter or Proxy trap
  }
  return safeStr(v);
}

function anyValue(v: unknown): unknown {
  return toAnyValue(v, 0, new Set());
}

/** `record.created` (seconds) as an OpenTelemetry `HrTime`, to the microsecond (records hold milliseconds). */
function hrTimeOf(created: unknown): [number, number] | undefined {
  if (typeof created !== "number" || !Number.isFinite(created)) return undefined;
  const micros = Math.round(created * 1e6);
  const seconds = Math.floor(micros / 1e6);
  return [seconds, (micros - seconds * 1e6) * 1000];
}

/** Standard record attributes, which never become log attributes (Python's `_RESERVED_ATTRS`). */
const RESERVED = new Set<string>([...STANDARD_FIELDS, ...CORRELATION_FIELDS]);

/** The name of an exception's class, as Python's `exctype.__name__`. */
function exceptionType(value: unknown, excInfo: unknown): string | undefined {
  try {
    if (Array.isArray(excInfo) && typeof excInfo[0] === "function" && excInfo[0].name) return excInfo[0].name;
    if (value !== null && typeof value === "object") {
      const ctor = (value as { constructor?: { name?: unknown } }).constructor;
      const ctorName = typeof ctor?.name === "string" ? ctor.name : "";
      const name = (value as { name?: unknown }).name;
      // An error whose name was set (`err.name = "TimeoutError"`) is known by it.
      if (typeof name === "string" && name !== "" && (ctorName === "" || ctorName === "Error")) return name;
      if (ctorName !== "") return ctorName;
      return typeof name === "string" && name !== "" ? name : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function exceptionMessage(value: unknown): string | undefined {
  try {
    if (value instanceof Error || (value !== null && typeof value === "object" && "message" in value)) {
      const m = (value as { message?: unknown }).message;
      if (m === undefined || m === null || m === "") return undefined;
      return typeof m === "string" ? m : safeStr(m);
    }
    return value === null || value === undefined ? undefined : safeStr(value);
  } catch {
    return undefined;
  }
}

/** Handlers whose records may still wait in an SDK processor: flushed when the event loop empties. */
const unflushed = new Set<OpenTelemetryHandler>();
let beforeExitHooked = false;

/**
 * Emits every record to the OpenTelemetry Logs API, so the program's
 * OpenTelemetry SDK setup ships it (any processor, any exporter, any
 * protocol). Python's `opentelemetry` `LoggingHandler`:
 * `new OpenTelemetryHandler(level?, logger_provider?, log_code_attributes?)`,
 * or one options object `{ level, logger_provider, log_code_attributes }`
 * (camelCase `loggerProvider`, `logCodeAttributes` too).
 *
 * Without `logger_provider` the global one is used
 * (`logs.getLoggerProvider()` of `@opentelemetry/api-logs`, which must then
 * be installed), read at each record so a provider registered later is
 * found. Each record becomes:
 *
 * - instrumentation scope: the logger's name;
 * - timestamp: `record.created`; severity number and text from the level
 *   ({@link stdToOtel}; `WARNING` is sent as `WARN`, `CRITICAL` as `FATAL`);
 * - body: the formatted record when the handler has a formatter, else
 *   `getMessage()` (a non-string message without arguments goes as the value);
 * - attributes: every non-standard record attribute (`extra`, async context
 *   fields, bound fields), exception attributes (`exception.type`,
 *   `exception.message`, `exception.stacktrace`) when the record has
 *   `exc_info`, and with `log_code_attributes` `code.file.path`,
 *   `code.line.number`, `code.function.name`;
 * - trace context: the active span's, as the SDK reads it when the record is
 *   emitted.
 *
 * `flush()` and `close()` return a Promise that resolves once the provider's
 * `forceFlush` has exported what was emitted; `await logging.shutdown()`
 * therefore delivers everything. When the event loop empties, the handler
 * flushes what it emitted since its last flush, so a program that simply
 * ends loses nothing either. (`process.exit()` cannot wait for an export.)
 *
 * @example
 * ```ts
 * import { LoggerProvider, BatchLogRecordProcessor } from "@opentelemetry/sdk-logs";
 * import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
 * const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() })] });
 * logging.getLogger().addHandler(new logging.handlers.OpenTelemetryHandler({ logger_provider: provider }));
 * ```
 */
export class OpenTelemetryHandler extends Handler {
  /** Add `code.*` attributes from the caller fields (Python's `log_code_attributes`). */
  logCodeAttributes: boolean;
  readonly #provider: OtelLoggerProvider | null;
  readonly #logsApi: LogsApi | null;
  #loggers = new Map<string, OtelLogger>();
  #loggersOf: OtelLoggerProvider | null = null;
  #emitting = false;
  #unflushed = 0;
  #flushing: Promise<void> = Promise.resolve();

  /** Python's parameters: `LoggingHandler(level=NOTSET, logger_provider=None)`, plus `log_code_attributes`. */
  static override readonly signature = signature("OpenTelemetryHandler", [
    "level",
    "logger_provider",
    "log_code_attributes",
  ]);

  constructor(level?: number | string, logger_provider?: OtelLoggerProvider | null, log_code_attributes?: boolean);
  constructor(options: {
    level?: number | string;
    logger_provider?: OtelLoggerProvider | null;
    log_code_attributes?: boolean;
    loggerProvider?: OtelLoggerProvider | null;
    logCodeAttributes?: boolean;
  });
  constructor(...args: unknown[]) {
    super();
    const last = args.length > 0 ? args[args.length - 1] : undefined;
    if (isPlainObject(last)) {
      const kw: Record<string, unknown> = { ...last };
      for (const [camel, snake] of [
        ["loggerProvider", "logger_provider"],
        ["logCodeAttributes", "log_code_attributes"],
      ] as const) {
        if (camel in kw) {
          kw[snake] = kw[camel];
          delete kw[camel];
        }
      }
      args = [...args.slice(0, -1), kw];
    }
    const a = bindArgs(OpenTelemetryHandler.signature, args);
    this.level = checkLevel((a.level as number | string | undefined) ?? NOTSET);
    const provider = (a.logger_provider as OtelLoggerProvider | null | undefined) ?? null;
    if (provider !== null && typeof (provider as { getLogger?: unknown }).getLogger !== "function") {
      throw typeError("logger_provider must be an OpenTelemetry LoggerProvider (an object with getLogger)");
    }
    this.#provider = provider;
    this.#logsApi =
      provider === null
        ? requirePeer<LogsApi>("@opentelemetry/api-logs", "OpenTelemetryHandler without a logger_provider")
        : null;
    this.logCodeAttributes = Boolean(a.log_code_attributes);
  }

  /** The provider records go to: the one given, else the current global one. */
  get loggerProvider(): OtelLoggerProvider {
    return this.#provider ?? this.#logsApi!.logs.getLoggerProvider();
  }

  /** The Logs API logger for a logger name (the instrumentation scope), cached per provider. */
  #loggerFor(name: string): OtelLogger {
    const provider = this.loggerProvider;
    if (provider !== this.#loggersOf) {
      this.#loggers = new Map();
      this.#loggersOf = provider;
    }
    let logger = this.#loggers.get(name);
    if (logger === undefined) {
      logger = provider.getLogger(name);
      this.#loggers.set(name, logger);
    }
    return logger;
  }

  /** The attributes of `record` (Python's `_get_attributes`). */
  attributesOf(record: LogRecord): Record<string, unknown> {
    const attributes: Record<string, unknown> = {};
    const keys = Object.keys(record);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      // A record lists the constructor's attributes first, in order: one
      // compare each, before the set lookup.
      if (key === CONSTRUCTOR_FIELDS[k] || RESERVED.has(key)) continue;
      let value: unknown;
      try {
        value = record[key];
      } catch {
        value = "<unprintable value>";
      }
      attributes[key] = anyValue(value);
    }
    if (this.logCodeAttributes && record.lineno !== 0 && record.pathname !== UNKNOWN_CALLER.pathname) {
      attributes["code.file.path"] = record.pathname;
      attributes["code.function.name"] = record.funcName;
      attributes["code.line.number"] = record.lineno;
    }
    const excInfo = record.exc_info;
    if (excInfo) {
      const value = exceptionValue(excInfo);
      if (value !== null && value !== undefined) {
        const type = exceptionType(value, excInfo);
        if (type !== undefined) attributes["exception.type"] = type;
        const message = exceptionMessage(value);
        if (message !== undefined) attributes["exception.message"] = message;
        attributes["exception.stacktrace"] = formatExceptionText(excInfo);
      }
    }
    return attributes;
  }

  /** The OpenTelemetry log record for `record` (Python's `_translate`). */
  translate(record: LogRecord): OtelLogRecord {
    let body: unknown;
    if (this.formatter) body = this.format(record);
    else {
      const args = record.args;
      const noArgs =
        args === null ||
        args === undefined ||
        (Array.isArray(args)
          ? args.length === 0
          : args instanceof Map
            ? args.size === 0
            : Object.keys(args).length === 0);
      body = noArgs && typeof record.msg !== "string" ? anyValue(record.msg) : record.getMessage();
    }
    const out: OtelLogRecord = {
      severityNumber: stdToOtel(record.levelno),
      severityText: severityTextOf(record.levelname),
      body,
      attributes: this.attributesOf(record),
    };
    const timestamp = hrTimeOf(record.created);
    if (timestamp !== undefined) out.timestamp = timestamp;
    const context = this.#recordedContext(record);
    if (context !== undefined) out.context = context;
    return out;
  }

  /**
   * When the record was made inside a span but is emitted outside it (a
   * QueueListener's thread of work, a MemoryHandler's later flush), the
   * ids trace correlation put on the record stand for the span's context.
   */
  #recordedContext(record: LogRecord): unknown {
    const api = loadedOtelApi();
    if (api === null) return undefined;
    const traceId = record.otelTraceID;
    const spanId = record.otelSpanID;
    if (typeof traceId !== "string" || typeof spanId !== "string" || traceId === "0") return undefined;
    try {
      const active = api.trace.getActiveSpan()?.spanContext();
      if (active !== undefined && active.traceId === traceId && active.spanId === spanId) return undefined;
      const sc: OtelSpanContext = { traceId, spanId, traceFlags: record.otelTraceSampled ? 1 : 0, isRemote: false };
      return api.isSpanContextValid(sc) ? api.trace.setSpanContext(api.context.active(), sc) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Emits the record to the Logs API logger named after the record's logger. */
  override emit(record: LogRecord): void {
    // OpenTelemetry's own diagnostics, routed into logging, could come back
    // here from inside an emit and never end.
    if (this.#emitting) {
      this.handleError(record, new Error("OpenTelemetryHandler.emit called recursively; the record was dropped"));
      return;
    }
    this.#emitting = true;
    try {
      this.#loggerFor(typeof record.name === "string" ? record.name : pyStr(record.name)).emit(this.translate(record));
      if (this.#unflushed++ === 0) this.#watchForExit();
    } finally {
      this.#emitting = false;
    }
  }

  #watchForExit(): void {
    unflushed.add(this);
    if (beforeExitHooked) return;
    beforeExitHooked = true;
    // 'beforeExit' comes when the event loop has nothing left to do: a
    // flush started then keeps the process alive until the export ends.
    process.on("beforeExit", () => {
      for (const h of [...unflushed]) void h.flush();
    });
  }

  /**
   * Resolves once the provider's `forceFlush` (when it has one) exported
   * what was emitted so far. A failing flush goes to `handleError`.
   */
  override flush(): Promise<void> {
    const pending = this.#unflushed;
    if (pending === 0 && this.#loggersOf === null) return this.#flushing;
    let provider: OtelLoggerProvider;
    try {
      provider = this.loggerProvider;
    } catch (err) {
      this.handleError(null, err);
      return this.#flushing;
    }
    unflushed.delete(this);
    this.#unflushed = 0;
    if (typeof provider.forceFlush !== "function") return this.#flushing;
    // One flush after the other: a processor's forceFlush may resolve while
    // an export an earlier flush started is still on its way, so a later
    // flush's promise covers every earlier one.
    this.#flushing = this.#flushing
      .then(() => provider.forceFlush!())
      .then(
        () => undefined,
        (err: unknown) => {
          this.handleError(null, err);
        },
      );
    return this.#flushing;
  }

  /** Flushes (see `flush`) and closes; the provider itself stays the program's to shut down. */
  override close(): Promise<void> {
    const flushed = this.flush();
    super.close();
    unflushed.delete(this);
    return flushed;
  }
}

// Caller fields are read only for the `code.*` attributes.
markBuiltinHandler(OpenTelemetryHandler, (h: OpenTelemetryHandler) => h.logCodeAttributes);
