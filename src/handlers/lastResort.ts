/**
 * The handler of last resort (`logging.lastResort`): records that find no handler anywhere.
 */
import { WARNING } from "../core/levels.js";
import type { LogRecord } from "../core/record.js";
import { markBuiltinHandler } from "./registry.js";
import { StreamHandler } from "./stream.js";

/**
 * `lastResort`: used when a record finds no handler at all. WARNING and
 * above, the bare message, to whatever `process.stderr` is at that moment.
 */
export class StderrHandler extends StreamHandler {
  constructor(level: number | string = WARNING) {
    super(null);
    this.setLevel(level);
  }

  /** Writes to whatever `process.stderr` is now. */
  override emit(record: LogRecord): void {
    this.stream = process.stderr;
    super.emit(record);
  }
}

markBuiltinHandler(StderrHandler);
