import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import * as logging from "../src/index.js";

test("captureWarnings routes process warnings to py.warnings and back", async () => {
  const seen: string[] = [];
  const handler = new (class extends logging.Handler {
    override emit(record: logging.LogRecord): void {
      seen.push(`${record.name}:${record.levelname}:${record.getMessage()}`);
    }
  })();
  const pyWarnings = logging.getLogger("py.warnings");
  pyWarnings.addHandler(handler);
  const nodeListeners = process.listeners("warning").length;
  logging.captureWarnings(true);
  try {
    process.emitWarning("disk almost full", "ResourceWarning");
    await once(process, "warning");
    assert.deepEqual(seen, ["py.warnings:WARNING:ResourceWarning: disk almost full"]);
  } finally {
    logging.captureWarnings(false);
    pyWarnings.removeHandler(handler);
    for (const h of [...pyWarnings.handlers]) pyWarnings.removeHandler(h);
  }
  assert.equal(process.listeners("warning").length, nodeListeners, "Node's own listeners are restored");
});
