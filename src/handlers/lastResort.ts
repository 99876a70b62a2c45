/**
 * The handler of last resort (`logging.lastResort`): records that find no handler anywhere.
 */
import { WARNING } from "../core/levels.js";
import type { LogRecord } from "../core/record.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { markBuiltinHandler } from "./registry.js";
import { StreamHandler } from "./stream.js";

/**
 * `lastResort`: used when a record finds no handler at all. WARNING and
 * above, the bare message, to whatever `process.stderr` is at that moment.
 */
export class StderrHandler extends StreamHandler {
  /** Python's `_StderrHandler(level=NOTSET)`; logxide's default level is WARNING, `lastResort`'s. */
  static override readonly signature = signature("_StderrHandler", ["level"]);

  constructor(level?: number | string | { level?: number | string });
  constructor(...args: unknown[]) {
    const a = bindArgs(StderrHandler.signature, args);
    super(null);
    this.setLevel((a.level as number | string | undefined) ?? WARNING);
  }

  /** Writes to whatever `process.stderr` is now. */
  override emit(record: LogRecord): void {
    this.stream = process.stderr;
    super.emit(record);
  }
}

markBuiltinHandler(StderrHandler);
