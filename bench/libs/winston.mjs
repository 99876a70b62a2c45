// winston 3: its own interpolation (format.splat()), timestamp in the Python
// layout, printf to "asctime - name - LEVEL - message"; File transports.
// Finished when the logger's buffer is empty, logger.end() has made every
// file transport emit 'finish', and its underlying file stream has finished.
import winston from "winston";
import { DEEP, MS, MSG, ROTATE_BYTES, TEN, drainStdout, waitFor } from "../common.mjs";

const { combine, splat, timestamp, printf, json } = winston.format;
const textFormat = (name) =>
  combine(
    splat(),
    timestamp({ format: "YYYY-MM-DD HH:mm:ss,SSS" }),
    printf((i) => `${i.timestamp} - ${name} - ${i.level.toUpperCase()} - ${i.message}`),
  );
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
