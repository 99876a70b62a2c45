// winston 3: its own interpolation (format.splat()), timestamp in the Python
// layout, printf to "asctime - name - LEVEL - message"; File transports.
// Finished when the logger's buffer is empty, logger.end() has made every
// file transport emit 'finish', and its underlying file stream has finished.
import winston from "winston";
import Transport from "winston-transport";
import { createWriteStream } from "node:fs";
import {
  DEEP,
  MS,
  MSG,
  REQUEST_ID,
  ROTATE_BYTES,
  SERVICE,
  TEN,
  drainStdout,
  extraFields,
  waitFor,
} from "../common.mjs";

const { combine, splat, timestamp, printf, json } = winston.format;
const textFormat = (name) =>
  combine(
    splat(),
    timestamp({ format: "YYYY-MM-DD HH:mm:ss,SSS" }),
    printf((i) => `${i.timestamp} - ${name} - ${i.level.toUpperCase()} - ${i.message}`),
  );
/** A filter, winston style: a format that returns the info object or false. */
const passFilter = winston.format((info) => (info.level !== "debug" && info.name !== "noise" ? info : false));
const jsonFormat = combine(splat(), timestamp(), json());
const file = (filename, extra = {}) => new winston.transports.File({ filename, ...extra });
const make = (format, ...transports) => winston.createLogger({ level: "info", format, transports });

async function endLogger(log) {
  // logger.end() while records still wait in the logger's own buffer (file
  // transport under backpressure) makes winston throw "write after end": wait
  // (timed) until that buffer is empty first.
  while (log._readableState.length > 0) await new Promise((r) => setImmediate(r));
  const transports = [...log.transports];
  const done = transports.map((t) => waitFor(t, "finish"));
  log.end();
  await Promise.all(done);
  // The file transport pipes into an fs.WriteStream: wait until it has written.
  for (const t of transports) {
    if (t._dest && !t._dest.writableFinished) {
      t._dest.end();
      await waitFor(t._dest, "finish");
    }
  }
}
const loop = (log) => (n) => {
  for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100]);
};

export async function setup(sc, ctx) {
  switch (sc) {
    case "text":
    case "mem": {
      const log = make(textFormat("bench"), file(ctx.path("out.log")));
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "json": {
      const log = winston.createLogger({
        level: "info",
        defaultMeta: { name: "bench" },
        format: combine(splat(), timestamp(), json()),
        transports: [file(ctx.path("out.log"))],
      });
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "filter": {
      const log = make(combine(passFilter(), textFormat("bench")), file(ctx.path("out.log")));
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "handler-filter": {
      // A transport's own format runs after the logger's: the filter on the transport.
      const log = make(textFormat("bench"), file(ctx.path("out.log"), { format: passFilter() }));
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "custom-handler": {
      // A Transport subclass of the user's, writing the formatted line to an fs.WriteStream.
      const out = createWriteStream(ctx.path("out.log"), { flags: "a" });
      const MESSAGE = Symbol.for("message");
      class TagTransport extends Transport {
        log(info, callback) {
          info.service = SERVICE;
          out.write(info[MESSAGE] + "\n");
          callback();
        }
      }
      const log = make(textFormat("bench"), new TagTransport());
      return {
        body: loop(log),
        async finish() {
          await endLogger(log);
          const d = waitFor(out, "finish");
          out.end();
          await d;
        },
      };
    }
    case "factory": {
      // No record factory: defaultMeta adds the field to every record (the text layout leaves it out).
      const log = winston.createLogger({
        level: "info",
        defaultMeta: { service: SERVICE },
        format: textFormat("bench"),
        transports: [file(ctx.path("out.log"))],
      });
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "json-extra": {
      const log = winston.createLogger({
        level: "info",
        defaultMeta: { name: "bench" },
        format: jsonFormat,
        transports: [file(ctx.path("out.log"))],
      });
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100], extraFields(i));
        },
        finish: () => endLogger(log),
      };
    }
    case "child": {
      const log = winston.createLogger({
        level: "info",
        defaultMeta: { name: "bench" },
        format: jsonFormat,
        transports: [file(ctx.path("out.log"))],
      });
      return { body: loop(log.child({ requestId: REQUEST_ID })), finish: () => endLogger(log) };
    }
    case "disabled": {
      const log = make(textFormat("bench"), file(ctx.path("out.log")));
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.debug(MSG, i, MS[i % 100]);
        },
        finish: () => endLogger(log),
      };
    }
    case "two": {
      const log = make(textFormat("bench"), file(ctx.path("out1.log")), file(ctx.path("out2.log")));
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "deep": {
      // No hierarchy in winston. Four nested child() loggers fail at end()
      // ("write after end": records still passing through the children), so
      // this is the plain logger under the dotted name.
      const log = make(textFormat(DEEP), file(ctx.path("out.log")));
      return { body: loop(log), finish: () => endLogger(log) };
    }
    case "ten": {
      const logs = TEN.map((name) => make(textFormat(name), file(ctx.path(`${name}.log`))));
      return {
        body(n) {
          for (let i = 0; i < n; i++) logs[i % 10].info(MSG, i, MS[i % 100]);
        },
        finish: () => Promise.all(logs.map(endLogger)),
      };
    }
    case "stdout": {
      const log = make(textFormat("bench"), new winston.transports.Console());
      return {
        body: loop(log),
        async finish() {
          const t = log.transports[0];
          const d = waitFor(t, "finish");
          log.end();
          await d;
          await drainStdout();
        },
      };
    }
    case "rotating": {
      const log = make(textFormat("bench"), file(ctx.path("out.log"), { maxsize: ROTATE_BYTES, maxFiles: 200 }));
      return { body: loop(log), finish: () => endLogger(log) };
    }
    default:
      return null;
  }
}
