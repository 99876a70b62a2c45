// A CommonJS library: the "quiet library" pattern. It never configures
// logging; the application that uses it does.
const logging = require("logxide");

const log = logging.getLogger("mylib");
log.addHandler(new logging.NullHandler());

exports.work = () => {
  log.warning("mylib warns %d", 42);
  log.debug("mylib debug");
};
exports.logging = logging;
