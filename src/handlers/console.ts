/**
 * ConsoleHandler: a StreamHandler (stderr by default) with a ConsoleFormatter
 * whose colours follow that stream (TTY, `NO_COLOR`, `FORCE_COLOR`).
 */
import { ConsoleFormatter, type ConsoleFormatterOptions } from "../format/console.js";
import { bindArgs, signature } from "../py/kwargs.js";
import { markBuiltinHandler } from "./registry.js";
import { StreamHandler, type WritableLike } from "./stream.js";

/**
 * Readable, coloured output for development.
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * logging.basicConfig({ handlers: [new logging.ConsoleHandler()], level: logging.DEBUG });
 * logging.getLogger("app").info("listening on %d", 8080);
 * ```
 */
export class ConsoleHandler extends StreamHandler {
  /** Its parameters by name, for `dictConfig` (`"class": "logxide.ConsoleHandler"`). */
  static override readonly signature = signature("ConsoleHandler", ["stream", "colors", "timestamp", "fields"]);

  constructor(stream?: (WritableLike & { isTTY?: boolean }) | null, options?: Omit<ConsoleFormatterOptions, "stream">);
  constructor(options: Omit<ConsoleFormatterOptions, "stream"> & { stream?: WritableLike | null });
  constructor(...args: unknown[]) {
    const { stream, ...options } = bindArgs(ConsoleHandler.signature, args) as ConsoleFormatterOptions & {
      stream?: WritableLike | null;
    };
    super(stream ?? process.stderr);
    this.setFormatter(new ConsoleFormatter({ ...options, stream: (this.stream as { isTTY?: boolean }) ?? null }));
  }
}

markBuiltinHandler(ConsoleHandler);
