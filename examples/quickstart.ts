// The 30-second tour: basicConfig, a per-module logger, a logger-level file
// handler, propagation to the root console handler. Run: npm run example
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import logging from "../src/index.js";

logging.basicConfig({
  level: logging.INFO,
  format: "%(asctime)s - %(name)s - %(levelname)s - %(message)s",
});

const log = logging.getLogger("app");
log.info("service starting on port %d", 8080);

// A module logger with a file of its own; its records also propagate to the
// root logger's console handler.
const dir = mkdtempSync(join(tmpdir(), "logxide-example-"));
const dbLog = logging.getLogger("app.db");
const dbFile = new logging.FileHandler(join(dir, "db.log"));
dbFile.setFormatter(new logging.Formatter("{levelname:<8} {name}: {message}", null, "{"));
dbLog.addHandler(dbFile);
dbLog.warning("slow query took %.1f ms", 812.345, { extra: { query: "SELECT 1" } });

try {
  JSON.parse("{not json");
} catch (err) {
  log.exception("config file is broken", err);
}

await logging.flush();
process.stdout.write(`\n--- ${join(dir, "db.log")} ---\n${readFileSync(join(dir, "db.log"), "utf8")}`);
