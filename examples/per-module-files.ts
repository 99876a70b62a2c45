// Per-module files with propagation: each module logger writes its own file,
// and everything also reaches the root logger's console handler.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import logging from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "logxide-modules-"));
logging.basicConfig({ level: logging.INFO, format: "console: %(name)s: %(message)s" });

for (const name of ["app.db", "app.http", "app.cache"]) {
  const handler = new logging.FileHandler(join(dir, `${name}.log`));
  handler.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
  logging.getLogger(name).addHandler(handler);
}

logging.getLogger("app.db").info("connected");
logging.getLogger("app.http").info("listening");
logging.getLogger("app.cache").warning("cold cache");
logging.getLogger("app.db.pool").info("pool of %d", 4); // propagates to app.db's file too

await logging.flush();
for (const name of ["app.db", "app.http", "app.cache"]) {
  process.stdout.write(`${name}.log:\n${readFileSync(join(dir, `${name}.log`), "utf8")}`);
}
