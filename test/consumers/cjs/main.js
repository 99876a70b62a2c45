// A CommonJS application: require() gives the module object itself.
const assert = require("node:assert/strict");
const logging = require("logxide");

assert.equal(logging.default, logging);
assert.equal(require("logxide/handlers"), logging.handlers);
assert.equal(require("logxide/config"), logging.config);
logging.raiseExceptions = false;
assert.equal(require("logxide").raiseExceptions, false);
logging.raiseExceptions = true;

logging.config.dictConfig({
  version: 1,
  formatters: { plain: { format: "%(levelname)s:%(name)s:%(message)s" } },
  handlers: { out: { class: "logging.StreamHandler", stream: "ext://sys.stdout", formatter: "plain" } },
  root: { level: "INFO", handlers: ["out"] },
});
logging.getLogger("app").info("cjs %d", 1);
import("logxide").then((esm) => {
  assert.equal(esm.default, logging, "import() from CommonJS gives the same object");
  assert.equal(esm.getLogger("app"), logging.getLogger("app"));
  logging.getLogger("app").info("cjs import() ok");
});
