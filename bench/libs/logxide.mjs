// logxide, imported from the compiled ESM build (LOGXIDE_DIST: a directory
// holding index.js), so the shipped JavaScript is what is measured.
import { DEEP, FMT, MS, MSG, REQUEST_ID, ROTATE_BACKUPS, ROTATE_BYTES, SERVICE, TEN, extraFields } from "../common.mjs";

const dist = process.env.LOGXIDE_DIST;
if (!dist) throw new Error("LOGXIDE_DIST is not set");
const url = (p) => new URL(p, `file://${dist.endsWith("/") ? dist : dist + "/"}`).href;

export async function setup(sc, ctx) {
  const logging = (await import(url("index.js"))).default;
  const fileHandler = (p, fmt = FMT) => {
    const h = new logging.FileHandler(p);
    h.setFormatter(typeof fmt === "string" ? new logging.Formatter(fmt) : fmt);
    return h;
  };
  const logger = (name, ...handlers) => {
    const log = logging.getLogger(name);
    log.setLevel(logging.INFO);
    log.propagate = false;
    for (const h of handlers) log.addHandler(h);
    return log;
  };
  const loop = (log) => (n) => {
    for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100]);
  };
  const finish = () => logging.flush();
  switch (sc) {
    case "text":
    case "mem":
      return { body: loop(logger("bench", fileHandler(ctx.path("out.log")))), finish };
    case "json": {
      // Same keys and order as pino's default line: level, time, name, msg.
      const jf = new logging.JSONFormatter({
        fields: { level: "levelno", time: "created", name: "name", msg: "message" },
        extra: false,
      });
      return { body: loop(logger("bench", fileHandler(ctx.path("out.log"), jf))), finish };
    }
    case "filter": {
      // A logger filter, as services write them: looks at the record, passes it.
      const log = logger("bench", fileHandler(ctx.path("out.log")));
      log.addFilter((record) => record.levelno >= logging.INFO && record.name !== "noise");
      return { body: loop(log), finish };
    }
    case "handler-filter": {
      const h = fileHandler(ctx.path("out.log"));
      h.addFilter((record) => record.levelno >= logging.INFO && record.name !== "noise");
      return { body: loop(logger("bench", h)), finish };
    }
    case "custom-handler": {
      // A Handler subclass of the user's: tags the record, then writes it as FileHandler does.
      class TagHandler extends logging.FileHandler {
        emit(record) {
          record.service = SERVICE;
          super.emit(record);
        }
      }
      const h = new TagHandler(ctx.path("out.log"));
      h.setFormatter(new logging.Formatter(FMT));
      return { body: loop(logger("bench", h)), finish };
    }
    case "factory": {
      const old = logging.getLogRecordFactory();
      logging.setLogRecordFactory((...args) => {
        const record = old(...args);
        record.service = SERVICE;
        return record;
      });
      return { body: loop(logger("bench", fileHandler(ctx.path("out.log")))), finish };
    }
    case "json-extra": {
      // pino's line with the call's fields after msg: the extras, in the order given.
      const jf = new logging.JSONFormatter({
        fields: { level: "levelno", time: "created", name: "name", msg: "message" },
        extra: true,
      });
      const log = logger("bench", fileHandler(ctx.path("out.log"), jf));
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100], { extra: extraFields(i) });
        },
        finish,
      };
    }
    case "context": {
      // A request's id bound once with withContext; every record inside carries it.
      const jf = new logging.JSONFormatter({
        fields: { level: "levelno", time: "created", name: "name", msg: "message" },
        extra: true,
      });
      const log = logger("bench", fileHandler(ctx.path("out.log"), jf));
      return { body: (n) => logging.withContext({ requestId: REQUEST_ID }, () => loop(log)(n)), finish };
    }
    case "redact": {
      const jf = new logging.JSONFormatter({
        fields: { level: "levelno", time: "created", name: "name", msg: "message" },
        extra: true,
      });
      const log = logger("bench", fileHandler(ctx.path("out.log"), jf));
      log.addFilter(new logging.RedactingFilter({ paths: ["user.password"] }));
      return {
        body(n) {
          for (let i = 0; i < n; i++)
            log.info(MSG, i, MS[i % 100], { extra: { user: { name: "ann", password: "pw" + i } } });
        },
        finish,
      };
    }
    case "child": {
      const jf = new logging.JSONFormatter({
        fields: { level: "levelno", time: "created", name: "name", msg: "message" },
        extra: true,
      });
      const base = logger("bench", fileHandler(ctx.path("out.log"), jf));
      const bound =
        typeof base.bind === "function"
          ? base.bind({ requestId: REQUEST_ID })
          : new logging.LoggerAdapter(base, { requestId: REQUEST_ID });
      return { body: loop(bound), finish };
    }
    case "otel": {
      // The logs bridge: OpenTelemetryHandler over the SDK's LoggerProvider (bench/otel-sink.mjs).
      const { otelSink } = await import("../otel-sink.mjs");
      const sink = otelSink(ctx.path("out.log"));
      const h = new logging.handlers.OpenTelemetryHandler({ logger_provider: sink.provider });
      return {
        body: loop(logger("bench", h)),
        async finish() {
          await logging.flush();
          await sink.finish();
        },
      };
    }
    case "disabled": {
      const log = logger("bench", fileHandler(ctx.path("out.log")));
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.debug(MSG, i, MS[i % 100]);
        },
        finish,
      };
    }
    case "two":
      return {
        body: loop(logger("bench", fileHandler(ctx.path("out1.log")), fileHandler(ctx.path("out2.log")))),
        finish,
      };
    case "deep": {
      logging.root.setLevel(logging.INFO);
      logging.root.addHandler(fileHandler(ctx.path("out.log")));
      return { body: loop(logging.getLogger(DEEP)), finish };
    }
    case "ten": {
      const logs = TEN.map((name) => logger(name, fileHandler(ctx.path(`${name}.log`))));
      return {
        body(n) {
          for (let i = 0; i < n; i++) logs[i % 10].info(MSG, i, MS[i % 100]);
        },
        finish,
      };
    }
    case "stdout": {
      const h = new logging.StreamHandler(process.stdout);
      h.setFormatter(new logging.Formatter(FMT));
      return { body: loop(logger("bench", h)), finish };
    }
    case "rotating": {
      const h = new logging.handlers.RotatingFileHandler(ctx.path("out.log"), {
        maxBytes: ROTATE_BYTES,
        backupCount: ROTATE_BACKUPS,
      });
      h.setFormatter(new logging.Formatter(FMT));
      return { body: loop(logger("bench", h)), finish };
    }
    case "writer": {
      const { FdWriter } = await import(url("io/writer.js"));
      const { openSync } = await import("node:fs");
      const w = new FdWriter(openSync(ctx.path("out.log"), "a"));
      const lines = ctx.lines;
      return {
        body(n) {
          for (let i = 0; i < n; i++) w.write(lines[i % lines.length]);
        },
        async finish() {
          w.flushSync();
        },
      };
    }
    default:
      return null;
  }
}
