// pino with its default async destination: pino.destination({ dest, sync: false })
// (sonic-boom). Its own printf-style interpolation; its JSON line
// {"level":30,"time":<epoch ms>,"name":"bench","msg":"..."} in every scenario.
// Finished when each destination has emitted 'finish' after end().
import pino from "pino";
import { DEEP, MS, MSG, REQUEST_ID, SERVICE, TEN, extraFields, waitFor } from "../common.mjs";

async function dest(d) {
  const s = pino.destination({ dest: d, sync: false });
  if (typeof d === "string") await waitFor(s, "ready");
  return s;
}
const make = (name, stream) => pino({ base: { name }, level: "info" }, stream);
const endAll = (streams) => async () => {
  await Promise.all(
    streams.map(
      (s) =>
        new Promise((resolve, reject) => {
          if (s.fd === 1) {
            s.flush((err) => (err ? reject(err) : resolve()));
            return;
          }
          s.once("finish", resolve);
          s.once("error", reject);
          s.end();
        }),
    ),
  );
};
const loop = (log) => (n) => {
  for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100]);
};

export async function setup(sc, ctx) {
  switch (sc) {
    case "text":
    case "json":
    case "mem": {
      const s = await dest(ctx.path("out.log"));
      return { body: loop(make("bench", s)), finish: endAll([s]) };
    }
    case "filter": {
      // pino's closest to a logger filter: a logMethod hook that looks at the call and passes it on.
      const s = await dest(ctx.path("out.log"));
      const log = pino(
        {
          base: { name: "bench" },
          level: "info",
          hooks: {
            logMethod(args, method, level) {
              if (level >= 30 && args[0] !== "noise") method.apply(this, args);
            },
          },
        },
        s,
      );
      return { body: loop(log), finish: endAll([s]) };
    }
    case "handler-filter": {
      // Per destination pino filters by level only: multistream with the stream's level.
      const s = await dest(ctx.path("out.log"));
      const log = pino({ base: { name: "bench" }, level: "info" }, pino.multistream([{ level: "info", stream: s }]));
      return { body: loop(log), finish: endAll([s]) };
    }
    case "custom-handler": {
      // A destination of the user's: an object with write(line), passing the line to sonic-boom.
      const s = await dest(ctx.path("out.log"));
      const custom = {
        write(line) {
          s.write(line);
        },
      };
      return { body: loop(make("bench", custom)), finish: endAll([s]) };
    }
    case "factory": {
      // No record factory: mixin() adds the field to every record (pino writes it).
      const s = await dest(ctx.path("out.log"));
      const log = pino({ base: { name: "bench" }, level: "info", mixin: () => ({ service: SERVICE }) }, s);
      return { body: loop(log), finish: endAll([s]) };
    }
    case "json-extra": {
      const s = await dest(ctx.path("out.log"));
      const log = make("bench", s);
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.info(extraFields(i), MSG, i, MS[i % 100]);
        },
        finish: endAll([s]),
      };
    }
    case "context": {
      // pino's way to request context: a mixin reading an AsyncLocalStorage store.
      const { AsyncLocalStorage } = await import("node:async_hooks");
      const als = new AsyncLocalStorage();
      const s = await dest(ctx.path("out.log"));
      const log = pino({ base: { name: "bench" }, level: "info", mixin: () => als.getStore() ?? {} }, s);
      return { body: (n) => als.run({ requestId: REQUEST_ID }, () => loop(log)(n)), finish: endAll([s]) };
    }
    case "redact": {
      const s = await dest(ctx.path("out.log"));
      const log = pino({ base: { name: "bench" }, level: "info", redact: ["user.password"] }, s);
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.info({ user: { name: "ann", password: "pw" + i } }, MSG, i, MS[i % 100]);
        },
        finish: endAll([s]),
      };
    }
    case "child": {
      const s = await dest(ctx.path("out.log"));
      return { body: loop(make("bench", s).child({ requestId: REQUEST_ID })), finish: endAll([s]) };
    }
    case "otel": {
      // What pino-opentelemetry-transport does, in process: a destination
      // that parses each JSON line and emits it to the Logs API (pino's level
      // to a severity, msg as the body, the other keys as attributes). The
      // transport itself runs in a worker thread and builds its own provider
      // with OTLP exporters, so it cannot write to this scenario's sink.
      const { otelSink } = await import("../otel-sink.mjs");
      const sink = otelSink(ctx.path("out.log"));
      const otel = sink.provider.getLogger("bench");
      const SEVERITY = { 10: 1, 20: 5, 30: 9, 40: 13, 50: 17, 60: 21 };
      const LABEL = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };
      const destination = {
        write(line) {
          const { time, level, hostname, pid, msg, ...attributes } = JSON.parse(line);
          otel.emit({
            timestamp: time,
            body: msg,
            severityNumber: SEVERITY[level] ?? 0,
            severityText: LABEL[level],
            attributes,
          });
        },
      };
      return { body: loop(make("bench", destination)), finish: sink.finish };
    }
    case "disabled": {
      const s = await dest(ctx.path("out.log"));
      const log = make("bench", s);
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.debug(MSG, i, MS[i % 100]);
        },
        finish: endAll([s]),
      };
    }
    case "two": {
      const a = await dest(ctx.path("out1.log"));
      const b = await dest(ctx.path("out2.log"));
      const log = pino({ base: { name: "bench" }, level: "info" }, pino.multistream([{ stream: a }, { stream: b }]));
      return { body: loop(log), finish: endAll([a, b]) };
    }
    case "deep": {
      // pino has no dotted hierarchy: the closest is a chain of four child loggers.
      const s = await dest(ctx.path("out.log"));
      let log = make(DEEP, s);
      for (let k = 0; k < 4; k++) log = log.child({});
      return { body: loop(log), finish: endAll([s]) };
    }
    case "ten": {
      const ss = await Promise.all(TEN.map((name) => dest(ctx.path(`${name}.log`))));
      const logs = TEN.map((name, k) => make(name, ss[k]));
      return {
        body(n) {
          for (let i = 0; i < n; i++) logs[i % 10].info(MSG, i, MS[i % 100]);
        },
        finish: endAll(ss),
      };
    }
    case "stdout": {
      const s = await dest(1);
      return { body: loop(make("bench", s)), finish: endAll([s]) };
    }
    default:
      return null; // rotation is a separate transport (pino-roll), not pino itself
  }
}
