// LogTape 2 (@logtape/logtape). Files through @logtape/file's stream file
// sink (an fs.WriteStream): its getFileSink fsyncs on every flush and writes
// a short record at once when its buffer is empty, a durability the others
// do not pay for. Messages: its tagged templates (`log.info\`request ${i}
// ...\``); `{name}` placeholders with properties where a call carries fields.
// Text: getTextFormatter with the Python layout (LogTape has no such
// timestamp layout, so the floor's cached `asctime` renders it); JSON: its
// JSON Lines formatter, properties flattened into the line (it quotes a
// string value in the message). Finished by `dispose()`, which flushes and
// closes every sink.
import { Writable } from "node:stream";
import {
  configure,
  dispose,
  getJsonLinesFormatter,
  getLogger,
  getStreamSink,
  getTextFormatter,
  withFilter,
} from "@logtape/logtape";
import { getStreamFileSink } from "@logtape/file";
import { DEEP, MS, REQUEST_ID, TEN, asctime, drainStdout, extraFields } from "../common.mjs";

const text = getTextFormatter({
  timestamp: (ts) => asctime(ts),
  level: "FULL",
  category: ".",
  value: "bare",
  format: ({ timestamp, level, category, message }) => `${timestamp} - ${category} - ${level} - ${message}`,
});
const jsonLines = getJsonLinesFormatter({ properties: "flatten", categorySeparator: "." });
const fileSink = (path, formatter = text) => getStreamFileSink(path, { formatter });
const pass = (record) => record.level !== "debug" && record.category[0] !== "noise";

const loop = (log) => (n) => {
  for (let i = 0; i < n; i++) log.info`request ${i} handled in ${MS[i % 100]} ms`;
};
const one = async (sinks, use = Object.keys(sinks), extra = {}) => {
  await configure({
    sinks,
    loggers: [
      { category: ["bench"], lowestLevel: "info", sinks: use, ...extra },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: [] },
    ],
  });
  return getLogger(["bench"]);
};
const finish = () => dispose();

export async function setup(sc, ctx) {
  switch (sc) {
    case "text":
    case "mem":
      return { body: loop(await one({ file: fileSink(ctx.path("out.log")) })), finish };
    case "json": {
      // Its JSON Lines line: @timestamp, level, message, logger.
      const log = await one({ file: fileSink(ctx.path("out.log"), jsonLines) });
      return { body: loop(log), finish };
    }
    case "disabled": {
      const log = await one({ file: fileSink(ctx.path("out.log")) });
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.debug`request ${i} handled in ${MS[i % 100]} ms`;
        },
        finish,
      };
    }
    case "filter": {
      // A filter on the logger's configuration.
      await configure({
        sinks: { file: fileSink(ctx.path("out.log")) },
        filters: { pass },
        loggers: [
          { category: ["bench"], lowestLevel: "info", sinks: ["file"], filters: ["pass"] },
          { category: ["logtape", "meta"], lowestLevel: "warning", sinks: [] },
        ],
      });
      return { body: loop(getLogger(["bench"])), finish };
    }
    case "handler-filter":
      return { body: loop(await one({ file: withFilter(fileSink(ctx.path("out.log")), pass) })), finish };
    case "custom-handler": {
      // A sink of the user's (a function of the record) passing records to the file sink.
      const file = fileSink(ctx.path("out.log"));
      const custom = (record) => {
        file(record);
      };
      return { body: loop(await one({ file, custom }, ["custom"])), finish };
    }
    case "json-extra": {
      const log = await one({ file: fileSink(ctx.path("out.log"), jsonLines) });
      return {
        body(n) {
          // The placeholders' values are properties too: the line also carries i and ms.
          for (let i = 0; i < n; i++)
            log.info("request {i} handled in {ms} ms", { i, ms: MS[i % 100], ...extraFields(i) });
        },
        finish,
      };
    }
    case "child": {
      const log = await one({ file: fileSink(ctx.path("out.log"), jsonLines) });
      return { body: loop(log.with({ requestId: REQUEST_ID })), finish };
    }
    case "two": {
      const sinks = { a: fileSink(ctx.path("out1.log")), b: fileSink(ctx.path("out2.log")) };
      return { body: loop(await one(sinks)), finish };
    }
    case "deep": {
      await configure({
        sinks: { file: fileSink(ctx.path("out.log")) },
        loggers: [
          { category: [], lowestLevel: "info", sinks: ["file"] },
          { category: ["logtape", "meta"], lowestLevel: "warning", sinks: [], parentSinks: "override" },
        ],
      });
      return { body: loop(getLogger(DEEP.split("."))), finish };
    }
    case "ten": {
      const sinks = Object.fromEntries(TEN.map((name) => [name, fileSink(ctx.path(`${name}.log`))]));
      await configure({
        sinks,
        loggers: [
          ...TEN.map((name) => ({ category: [name], lowestLevel: "info", sinks: [name] })),
          { category: ["logtape", "meta"], lowestLevel: "warning", sinks: [] },
        ],
      });
      const logs = TEN.map((name) => getLogger([name]));
      return {
        body(n) {
          for (let i = 0; i < n; i++) logs[i % 10].info`request ${i} handled in ${MS[i % 100]} ms`;
        },
        finish,
      };
    }
    case "stdout": {
      // Its stream sink on a web stream over process.stdout, as LogTape documents for Node.
      const sink = getStreamSink(Writable.toWeb(process.stdout), { formatter: text });
      return {
        body: loop(await one({ out: sink })),
        async finish() {
          await dispose();
          await drainStdout();
        },
      };
    }
    default:
      return null;
  }
}
