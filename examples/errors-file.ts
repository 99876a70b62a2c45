// Errors to a separate file: one handler for everything, another with level
// ERROR for the errors only.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import logging from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "logxide-errors-"));
const all = new logging.FileHandler(join(dir, "app.log"));
const errors = new logging.FileHandler(join(dir, "errors.log"));
errors.setLevel(logging.ERROR);
const fmt = new logging.Formatter("%(levelname)s:%(name)s:%(message)s");
all.setFormatter(fmt);
errors.setFormatter(fmt);

const root = logging.getLogger();
root.setLevel(logging.DEBUG);
root.addHandler(all);
root.addHandler(errors);

const log = logging.getLogger("billing");
log.info("invoice %s created", "INV-1");
log.error("payment for %s failed", "INV-1");
log.debug("retrying");

await logging.flush();
process.stdout.write(`app.log:\n${readFileSync(join(dir, "app.log"), "utf8")}`);
process.stdout.write(`errors.log:\n${readFileSync(join(dir, "errors.log"), "utf8")}`);
