// log4js 6: its own interpolation (util.format), a pattern layout in the
// Python layout; file appenders. Finished by log4js.shutdown(cb).
import log4js from "log4js";
import { DEEP, MS, MSG, ROTATE_BYTES, TEN } from "../common.mjs";

const layout = { type: "pattern", pattern: "%d{yyyy-MM-dd hh:mm:ss,SSS} - %c - %p - %m" };
const file = (filename, extra = {}) => ({ type: "file", filename, layout, ...extra });
const finish = () => new Promise((resolve, reject) => log4js.shutdown((err) => (err ? reject(err) : resolve())));
const loop = (log) => (n) => {
  for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100]);
};
const one = (appender, category = "bench", level = "info") => {
  log4js.configure({ appenders: { a: appender }, categories: { default: { appenders: ["a"], level } } });
  return log4js.getLogger(category);
};

export async function setup(sc, ctx) {
  switch (sc) {
    case "text":
    case "mem":
      return { body: loop(one(file(ctx.path("out.log")))), finish };
    case "disabled": {
      const log = one(file(ctx.path("out.log")));
      return {
        body(n) {
          for (let i = 0; i < n; i++) log.debug(MSG, i, MS[i % 100]);
        },
        finish,
      };
    }
    case "two": {
      log4js.configure({
        appenders: { a: file(ctx.path("out1.log")), b: file(ctx.path("out2.log")) },
        categories: { default: { appenders: ["a", "b"], level: "info" } },
      });
      return { body: loop(log4js.getLogger("bench")), finish };
    }
    case "deep":
      // log4js categories are hierarchical: "a.b.c.d" inherits the default category's appender.
      return { body: loop(one(file(ctx.path("out.log")), DEEP)), finish };
    case "ten": {
      const appenders = {};
      const categories = { default: { appenders: [TEN[0]], level: "info" } };
      for (const name of TEN) {
        appenders[name] = file(ctx.path(`${name}.log`));
        categories[name] = { appenders: [name], level: "info" };
      }
      log4js.configure({ appenders, categories });
      const logs = TEN.map((name) => log4js.getLogger(name));
      return {
        body(n) {
          for (let i = 0; i < n; i++) logs[i % 10].info(MSG, i, MS[i % 100]);
        },
        finish,
      };
    }
    case "stdout":
      return { body: loop(one({ type: "stdout", layout })), finish };
    case "rotating":
      return { body: loop(one(file(ctx.path("out.log"), { maxLogSize: ROTATE_BYTES, backups: 200 }))), finish };
    default:
      return null;
  }
}
