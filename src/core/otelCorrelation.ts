/**
 * Trace correlation: with it turned on, every record carries the active
 * span's ids under the names Python's opentelemetry-instrumentation-logging
 * uses (`otelTraceID`, `otelSpanID`, `otelTraceSampled`, `otelServiceName`),
 * so `%(otelTraceID)s` format strings move over from a Python service
 * unchanged.
 *
 * It works as Python's `LoggingInstrumentor` does: through the public record
 * factory hook, wrapping whichever factory is installed. `@opentelemetry/api`
 * is an optional peer dependency, loaded only when `instrument()` is called;
 * until then nothing here runs on the logging path.
 */
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { basicConfig } from "../config/basic.js";
import { INFO } from "./levels.js";
import { getLogRecordFactory, type LogRecord, type LogRecordFactory, setLogRecordFactory } from "./record.js";

/** The span context fields logxide reads (`@opentelemetry/api`'s `SpanContext`). */
export interface OtelSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
}

/** The span methods logxide uses (`@opentelemetry/api`'s `Span`). */
export interface OtelSpan {
  spanContext(): OtelSpanContext;
  isRecording?(): boolean;
}

/** The parts of `@opentelemetry/api` logxide uses. */
export interface OtelApi {
  trace: {
    getActiveSpan(): OtelSpan | undefined;
    getTracerProvider(): unknown;
    setSpanContext(context: unknown, spanContext: OtelSpanContext): unknown;
  };
  context: { active(): unknown };
  isSpanContextValid(spanContext: OtelSpanContext): boolean;
}

/** Options of {@link instrument}, after Python's `LoggingInstrumentor().instrument(...)`. */
export interface InstrumentOptions {
  /**
   * The value of `otelServiceName`. Without it, the `service.name` of the
   * tracer provider's resource (read from the active span's resource, or
   * from a provider that exposes `resource`), else `""`, as in Python.
   */
  serviceName?: string;
  /** The tracer provider whose resource names the service (Python's `tracer_provider`); the global one by default. */
  tracerProvider?: unknown;
  /**
   * Called with the span and the record for each record logged inside a
   * valid span (Python's `log_hook`), e.g. to copy span attributes onto
   * the record. What it throws is ignored, as in Python.
   */
  logHook?: (span: OtelSpan, record: LogRecord) => void;
  /**
   * Also call `basicConfig` with a format showing the fields (Python's
   * `set_logging_format`): {@link DEFAULT_LOGGING_FORMAT} unless
   * `loggingFormat` is given, level `logLevel` (INFO by default).
   */
  setLoggingFormat?: boolean;
  /** The format `setLoggingFormat` installs. */
  loggingFormat?: string;
  /** The root level `setLoggingFormat` installs. */
  logLevel?: number | string;
}

/** The format Python's instrumentation installs with `set_logging_format=True`. */
export const DEFAULT_LOGGING_FORMAT =
  "%(asctime)s %(levelname)s [%(name)s] [%(filename)s:%(lineno)d] [trace_id=%(otelTraceID)s span_id=%(otelSpanID)s resource.service.name=%(otelServiceName)s trace_sampled=%(otelTraceSampled)s] - %(message)s";

/** The record attributes correlation adds; the bridge handler leaves them out of attributes. */
export const CORRELATION_FIELDS: readonly string[] = [
  "otelSpanID",
  "otelTraceID",
  "otelTraceSampled",
  "otelServiceName",
];

/**
 * This module's own file in the ESM build, read from a stack trace:
 * `import.meta.url` would not compile to CommonJS.
 */
function ownFileFromStack(): string | undefined {
  try {
    const m = /file:\/\/[^\s)]*?otelCorrelation\.[cm]?[jt]s/.exec(String(new Error().stack));
    return m ? fileURLToPath(m[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Where optional peers are looked for: this module, the program's entry point, the working directory. */
function peerBases(): string[] {
  const bases: string[] = [];
  // __filename is defined in the CommonJS build only.
  const own = typeof __filename === "string" ? __filename : ownFileFromStack();
  if (own !== undefined) bases.push(own);
  if (process.argv[1]) bases.push(resolve(process.argv[1]));
  bases.push(join(process.cwd(), "[logxide]"));
  return bases;
}

function isNotFound(err: unknown, id: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === "MODULE_NOT_FOUND" && typeof e.message === "string" && e.message.includes(id);
}

/**
 * @internal Loads an optional peer dependency synchronously, or throws
 * `ModuleNotFoundError` naming the package and what needs it.
 * `@opentelemetry/api` keeps its registrations on `globalThis`, so the copy
 * loaded here sees the providers and context manager the program set up.
 */
export function requirePeer<T>(id: string, neededBy: string): T {
  for (const base of peerBases()) {
    try {
      return createRequire(base)(id) as T;
    } catch (err) {
      if (!isNotFound(err, id)) throw err;
    }
  }
  const err = new Error(
    `No module named '${id}': ${neededBy} needs it (an optional peer dependency of logxide; npm install ${id})`,
  );
  err.name = "ModuleNotFoundError";
  throw err;
}

let api: OtelApi | null = null;

/** @internal `@opentelemetry/api`, loaded on first use (throws when it is not installed). */
export function otelApi(neededBy: string): OtelApi {
  api ??= requirePeer<OtelApi>("@opentelemetry/api", neededBy);
  return api;
}

/** @internal `@opentelemetry/api` if something already loaded it, else null. */
export function loadedOtelApi(): OtelApi | null {
  return api;
}

interface Instrumentation {
  previous: LogRecordFactory;
  factory: LogRecordFactory;
  /** False once uninstrumented: a factory someone wrapped around ours then passes records through. */
  on: boolean;
}

let current: Instrumentation | null = null;

/** The `service.name` attribute of a resource-bearing object, or undefined. */
function serviceNameOf(holder: unknown): string | undefined {
  try {
    const attrs = (holder as { resource?: { attributes?: Record<string, unknown> } } | null)?.resource?.attributes;
    const name = attrs?.["service.name"];
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns trace correlation on: from now on every record carries
 * `otelTraceID` (32 hex digits), `otelSpanID` (16 hex digits),
 * `otelTraceSampled` (a boolean) and `otelServiceName`; outside a span
 * Python's defaults `"0"`, `"0"`, `false`. Needs `@opentelemetry/api`
 * (throws `ModuleNotFoundError` without it). Calling it again replaces the
 * options. Costs nothing until called.
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * logging.otel.instrument({ serviceName: "checkout" });
 * logging.basicConfig({ format: "%(levelname)s [trace_id=%(otelTraceID)s span_id=%(otelSpanID)s] %(message)s" });
 * tracer.startActiveSpan("pay", (span) => {
 *   logging.warning("card declined"); // WARNING [trace_id=5b8e… span_id=051f…] card declined
 *   span.end();
 * });
 * ```
 */
export function instrument(options: InstrumentOptions = {}): void {
  const otel = otelApi("logxide.otel.instrument()");
  if (current !== null) uninstrument();
  const { serviceName, tracerProvider, logHook } = options;
  let knownServiceName: string | null = typeof serviceName === "string" ? serviceName : null;

  // Python reads the name once, at the first record. A program usually
  // registers its tracer provider after configuring logging, so the name
  // is looked for until one is found rather than fixed at "".
  const findServiceName = (span: OtelSpan | undefined): string => {
    let name = span === undefined ? undefined : serviceNameOf(span);
    if (name === undefined) {
      let provider: unknown = tracerProvider ?? otel.trace.getTracerProvider();
      const delegate = (provider as { getDelegate?: () => unknown } | null)?.getDelegate;
      if (typeof delegate === "function") provider = delegate.call(provider);
      name = serviceNameOf(provider);
    }
    if (name === undefined) return "";
    knownServiceName = name;
    return name;
  };

  const previous = getLogRecordFactory();
  const state: Instrumentation = { previous, factory: previous, on: true };
  const factory: LogRecordFactory = (name, level, pathname, lineno, msg, args, excInfo, func, sinfo) => {
    const record = previous(name, level, pathname, lineno, msg, args, excInfo, func, sinfo);
    if (!state.on) return record;
    let span: OtelSpan | undefined;
    let ctx: OtelSpanContext | undefined;
    try {
      span = otel.trace.getActiveSpan();
      ctx = span?.spanContext();
      if (ctx !== undefined && !otel.isSpanContextValid(ctx)) ctx = undefined;
    } catch {
      span = ctx = undefined; // a broken context manager must not break logging
    }
    if (ctx === undefined) {
      record.otelSpanID = "0";
      record.otelTraceID = "0";
      record.otelTraceSampled = false;
    } else {
      record.otelSpanID = ctx.spanId;
      record.otelTraceID = ctx.traceId;
      record.otelTraceSampled = (ctx.traceFlags & 1) === 1;
    }
    record.otelServiceName = knownServiceName ?? findServiceName(span);
    if (ctx !== undefined && span !== undefined && typeof logHook === "function") {
      try {
        logHook(span, record);
      } catch {
        /* Python ignores what the hook raises */
      }
    }
    return record;
  };
  state.factory = factory;
  current = state;
  setLogRecordFactory(factory);
  if (options.setLoggingFormat) {
    basicConfig({ format: options.loggingFormat ?? DEFAULT_LOGGING_FORMAT, level: options.logLevel ?? INFO });
  }
}

/**
 * Turns trace correlation off, restoring the record factory that was
 * installed before `instrument()` (Python's `uninstrument`). When another
 * factory was installed on top since, it is left in place and only the
 * correlation part stops.
 */
export function uninstrument(): void {
  if (current === null) return;
  current.on = false;
  if (getLogRecordFactory() === current.factory) setLogRecordFactory(current.previous);
  current = null;
}

/** True while trace correlation is on. */
export function isInstrumented(): boolean {
  return current !== null;
}
