// bunyan 2: its own interpolation (util.format). Text scenarios use a raw
// stream that writes "ISO time - name - LEVEL - msg" to an fs.WriteStream
// (bunyan has no text layout of its own); the JSON scenario uses its native
// JSON line (which also carries hostname, pid and v). Finished when each
// file stream has emitted 'finish' after end().
import bunyan from "bunyan";
import { createWriteStream } from "node:fs";
import { DEEP, MS, MSG, REQUEST_ID, TEN, drainStdout, extraFields, waitFor } from "../common.mjs";

const NAMES = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const textStream = (out) => ({
  type: "raw",
  level: "info",
  stream: {
    write(rec) {
      out.write(`${rec.time.toISOString()} - ${rec.name} - ${NAMES[rec.level]} - ${rec.msg}\n`);
    },
  },
});
const endAll = (outs) => () =>
  Promise.all(
    outs.map((o) => {
      const d = waitFor(o, "finish");
      o.end();
      return d;
    }),
  );
const loop = (log) => (n) => {
  for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100]);
};
const out = (p) => createWriteStream(p, { flags: "a" });

export async function setup(sc, ctx) {
  switch (sc) {
    case "text":
    case "mem": {
      const o = out(ctx.path("out.log"));
      return { body: loop(bunyan.createLogger({ name: "bench", streams: [textStream(o)] })), finish: endAll([o]) };
    }
    case "json": {
      const o = out(ctx.path("out.log"));
      return {
        body: loop(bunyan.createLogger({ name: "bench", streams: [{ level: "info", stream: o }] })),
        finish: endAll([o]),
      };
    }
    case "json-extra": {
      const o = out(ctx.path("out.log"));
      const log = bunyan.createLogger({ name: "bench", streams: [{ level: "info", stream: o }] });
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.info(extraFields(i), MSG, i, MS[i % 100]);
        },
        finish: endAll([o]),
      };
    }
    case "child": {
      const o = out(ctx.path("out.log"));
      const log = bunyan.createLogger({ name: "bench", streams: [{ level: "info", stream: o }] });
      return { body: loop(log.child({ requestId: REQUEST_ID }, true)), finish: endAll([o]) };
    }
    case "disabled": {
      const o = out(ctx.path("out.log"));
      const log = bunyan.createLogger({ name: "bench", streams: [textStream(o)] });
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.debug(MSG, i, MS[i % 100]);
        },
        finish: endAll([o]),
      };
    }
    case "two": {
      const a = out(ctx.path("out1.log"));
      const b = out(ctx.path("out2.log"));
      return {
        body: loop(bunyan.createLogger({ name: "bench", streams: [textStream(a), textStream(b)] })),
        finish: endAll([a, b]),
      };
    }
    case "deep": {
      const o = out(ctx.path("out.log"));
      let log = bunyan.createLogger({ name: DEEP, streams: [textStream(o)] });
      for (let k = 0; k < 4; k++) log = log.child({}, true);
      return { body: loop(log), finish: endAll([o]) };
    }
    case "ten": {
      const outs = TEN.map((name) => out(ctx.path(`${name}.log`)));
      const logs = TEN.map((name, k) => bunyan.createLogger({ name, streams: [textStream(outs[k])] }));
      return {
        body(n) {
          for (let i = 0; i < n; i++) logs[i % 10].info(MSG, i, MS[i % 100]);
        },
        finish: endAll(outs),
      };
    }
    case "stdout":
      return {
        body: loop(bunyan.createLogger({ name: "bench", streams: [textStream(process.stdout)] })),
        finish: drainStdout,
      };
    default:
      return null; // bunyan's rotating-file stream rotates by time only
  }
}
