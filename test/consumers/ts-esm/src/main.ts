// A strict TypeScript ESM application: each import style, classes as types
// through the default import, the switches, typed options and dictConfig.
import assert from "node:assert/strict";
import logging, { getLogger, type LogRecord, Logger, raiseExceptions, setRaiseExceptions } from "logxide";
import * as ns from "logxide";
import config, { type DictConfig, dictConfig } from "logxide/config";
import handlers, { RotatingFileHandler } from "logxide/handlers";

class ListHandler extends logging.Handler {
  records: logging.LogRecord[] = [];
  override emit(record: logging.LogRecord): void {
    this.records.push(record);
  }
}

const log: logging.Logger = logging.getLogger("ts.esm");
const named: Logger = getLogger("ts.esm");
assert.equal(log, named);
assert.ok(named instanceof Logger);
const list = new ListHandler();
log.addHandler(list);
log.propagate = false;
log.warning("hello %s", "types");
const first: LogRecord = list.records[0];
assert.equal(first.getMessage(), "hello types");

const rotating: logging.handlers.RotatingFileHandler | null = null;
const rotating2: handlers.RotatingFileHandler | null = rotating;
const rotating3: RotatingFileHandler | null = rotating2;
assert.equal(rotating3, null);
assert.equal(RotatingFileHandler, handlers.RotatingFileHandler);
assert.equal(handlers.RotatingFileHandler, logging.handlers.RotatingFileHandler);

logging.raiseExceptions = false;
assert.equal(raiseExceptions, false);
ns.default.raiseExceptions = true;
assert.equal(raiseExceptions, true);
setRaiseExceptions(true);

const f = new logging.Formatter("{levelname}|{message}", { style: "{" });
const f2 = new logging.Formatter("$levelname|$message", null, { style: "$" });
list.setFormatter(f);
assert.equal(f.format(first), "WARNING|hello types");
assert.equal(f2.format(first), "WARNING|hello types");

const doc: DictConfig = {
  version: 1,
  disable_existing_loggers: false,
  formatters: { plain: { format: "%(levelname)s:%(name)s:%(message)s" } },
  handlers: { out: { class: "logging.StreamHandler", stream: "ext://sys.stdout", formatter: "plain" } },
  root: { level: "INFO", handlers: ["out"] },
};
assert.equal(config.dictConfig, dictConfig);
logging.config.dictConfig(doc);
logging.getLogger("ts.app").info("typescript esm ok");
