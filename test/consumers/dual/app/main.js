// An ESM application using a CommonJS library that requires logxide (the
// library may have its own nested copy of logxide: the runner tries both,
// and with LIB_FIRST set the library loads logxide before the application).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const early = process.env.LIB_FIRST ? require("mylib") : null;
const { default: logging } = await import("logxide");
const mylib = early ?? require("mylib");

logging.basicConfig({
  stream: process.stdout,
  level: logging.DEBUG,
  format: "app handler: %(name)s %(levelname)s %(message)s",
});
mylib.work();
const log = logging.getLogger("app");
log.info("shared=%s", mylib.logging === logging);
log.info("same logger=%s", mylib.logging.getLogger("z") === logging.getLogger("z"));
log.info("instanceof across copies=%s", mylib.logging.getLogger("z") instanceof logging.Logger);
