// A strict TypeScript CommonJS application: `import x = require()`, the
// default import (esModuleInterop) and named imports, one object.
import assert = require("node:assert/strict");
import logging = require("logxide");
import logging2 from "logxide";
import { getLogger, type Logger } from "logxide";
import handlers = require("logxide/handlers");
import { RotatingFileHandler } from "logxide/handlers";
import config = require("logxide/config");

class ListHandler extends logging.Handler {
  records: logging.LogRecord[] = [];
  override emit(record: logging.LogRecord): void {
    this.records.push(record);
  }
}

assert.equal(logging2, logging);
assert.equal(handlers, logging.handlers);
assert.equal(config, logging.config);
const log: logging.Logger = logging.getLogger("ts.cjs");
const named: Logger = getLogger("ts.cjs");
assert.equal(log, named);
const list = new ListHandler();
log.addHandler(list);
log.propagate = false;
log.error("n=%d", 3);
assert.equal(list.records[0].getMessage(), "n=3");
const r: logging.handlers.RotatingFileHandler | handlers.RotatingFileHandler | RotatingFileHandler | null = null;
assert.equal(r, null);
assert.equal(RotatingFileHandler, handlers.RotatingFileHandler);

logging.raiseExceptions = false;
assert.equal(logging2.raiseExceptions, false);
logging.raiseExceptions = true;

logging.config.dictConfig({
  version: 1,
  formatters: { plain: { format: "%(levelname)s:%(name)s:%(message)s" } },
  handlers: { out: { class: "logging.StreamHandler", stream: "ext://sys.stdout", formatter: "plain" } },
  root: { level: "INFO", handlers: ["out"] },
});
logging.getLogger("ts.app").info("typescript cjs ok");
