// A smoke test any JavaScript runtime with Node's APIs can run (Node, Bun,
// Deno): the package's entry points, the hierarchy, the three format styles,
// printf, a file handler read back after flush, a rotating file, an
// exception, and the output written when the process ends.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import logging from "logxide";
import handlers from "logxide/handlers";

const require = createRequire(import.meta.url);
assert.equal(require("logxide"), logging);
assert.equal(handlers, logging.handlers);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-smoke-"));
try {
  logging.basicConfig({ stream: process.stdout, format: "%(levelname)s:%(name)s:%(message)s" });
  const log = logging.getLogger("smoke.child");
  log.warning("printf %05.1f|%-4s|%r", 3.14159, "ab", "q");

  const file = path.join(dir, "a.log");
  const fh = new logging.FileHandler(file);
  fh.setFormatter(new logging.Formatter("{levelname}|{name}|{message}", { style: "{" }));
  log.addHandler(fh);
  log.error("to file %d", 1);
  await logging.flush();
  assert.equal(fs.readFileSync(file, "utf8"), "ERROR|smoke.child|to file 1\n");

  const rot = new handlers.RotatingFileHandler(path.join(dir, "r.log"), { maxBytes: 20, backupCount: 2 });
  rot.setFormatter(new logging.Formatter("$message", null, { style: "$" }));
  const rlog = logging.getLogger("smoke.rot");
  rlog.propagate = false;
  rlog.addHandler(rot);
  for (let i = 0; i < 5; i++) rlog.warning("record number %d", i);
  rot.close();
  await logging.flush();
  assert.ok(fs.existsSync(path.join(dir, "r.log.1")), "rolled over");

  try {
    JSON.parse("{");
  } catch (err) {
    const ex = logging.getLogger("smoke.exc");
    ex.propagate = false;
    class ListHandler extends logging.Handler {
      records = [];
      emit(record) {
        this.records.push(record);
      }
    }
    const list = new ListHandler();
    ex.addHandler(list);
    ex.exception("failed", err);
    assert.equal(list.records.length, 1);
    assert.ok(list.records[0].exc_info, "exc_info taken from the trailing error");
    assert.match(new logging.Formatter().format(list.records[0]), /^failed\nSyntaxError/);
  }
  logging.getLogger("smoke").info("not shown (root is WARNING)");
  logging.getLogger("smoke").critical("last line, written at exit");
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
