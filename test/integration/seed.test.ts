/**
 * Seed test: two loggers, two FileHandlers on two files; each file holds
 * exactly its own message once the output is flushed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../../src/index.js";

test("two loggers, two files: each file holds exactly its own message", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-seed-"));
  const fileA = path.join(dir, "alpha.log");
  const fileB = path.join(dir, "beta.log");
  const alpha = logging.getLogger("seed.alpha");
  const beta = logging.getLogger("seed.beta");
  const ha = new logging.FileHandler(fileA);
  const hb = new logging.FileHandler(fileB);
  try {
    alpha.addHandler(ha);
    beta.addHandler(hb);
    alpha.setLevel(logging.INFO);
    beta.setLevel(logging.INFO);

    alpha.info("message from alpha");
    beta.info("message from beta");

    await logging.flush();
    assert.equal(fs.readFileSync(fileA, "utf8"), "message from alpha\n");
    assert.equal(fs.readFileSync(fileB, "utf8"), "message from beta\n");
  } finally {
    alpha.removeHandler(ha);
    beta.removeHandler(hb);
    ha.close();
    hb.close();
    await logging.flush();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
