// An ESM application: every import style of the README, one module object.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import logging, { getLogger, lastResort, raiseExceptions, setRaiseExceptions } from "logxide";
import * as ns from "logxide";
import config, { dictConfig } from "logxide/config";
import handlers, { RotatingFileHandler } from "logxide/handlers";

const require = createRequire(import.meta.url);
assert.equal(ns.default, logging);
assert.equal(require("logxide"), logging, "require and import give the same object");
assert.equal(require("logxide").getLogger("z"), logging.getLogger("z"));
assert.equal(getLogger, logging.getLogger);
assert.equal(handlers, logging.handlers);
assert.equal(config, logging.config);
assert.equal(require("logxide/handlers"), handlers);
assert.equal(require("logxide/config"), config);
assert.equal(RotatingFileHandler, logging.handlers.RotatingFileHandler);
assert.equal(dictConfig, logging.config.dictConfig);

// The switches: assigned on the default export, seen by the named bindings.
assert.equal(raiseExceptions, true);
logging.raiseExceptions = false;
assert.equal(raiseExceptions, false);
assert.equal(ns.raiseExceptions, false);
setRaiseExceptions(true);
assert.equal(logging.raiseExceptions, true);
assert.equal(raiseExceptions, true);
assert.ok(lastResort instanceof logging.Handler);
logging.lastResort = null;
assert.equal(lastResort, null);

logging.basicConfig({ stream: process.stdout, format: "%(levelname)s:%(name)s:%(message)s" });
logging.getLogger("app").warning("esm %s", "ok");
