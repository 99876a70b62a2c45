// OpenTelemetry tracing, set up the way a Node service does it (what the
// Node SDK does for you, spelled out with the three packages it is made of).
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";

// The active span follows the request across `await` through
// AsyncLocalStorage, like logxide's own context does.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// `traceparent` headers (W3C Trace Context) in and out.
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
// No exporter: the spans only give the ids the log records carry. A real
// service adds a span processor with an OTLP exporter here.
trace.setGlobalTracerProvider(new BasicTracerProvider());

export const tracer = trace.getTracer("orders-service");
