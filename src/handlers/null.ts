/**
 * NullHandler: the handler a library adds so it stays quiet until the application configures logging.
 */
import type { LogRecord } from "../core/record.js";
import { Handler } from "./handler.js";
import { markBuiltinHandler } from "./registry.js";

/** Does nothing: lets a library log without output until the application configures logging. */
export class NullHandler extends Handler {
  override handle(_record: LogRecord): false | LogRecord {
    return false;
  }
  override emit(_record: LogRecord): void {}
  override createLock(): void {}
}

markBuiltinHandler(NullHandler);
