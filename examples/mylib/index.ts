// A library that logs but stays quiet until the application configures
// logging: a NullHandler on its top logger keeps lastResort from printing.
import logging from "../../src/index.js";

const log = logging.getLogger("mylib");
log.addHandler(new logging.NullHandler());

/** Does some work and reports it through the "mylib.worker" logger. */
export function doWork(items: number): number {
  const worker = logging.getLogger("mylib.worker");
  worker.debug("starting with %d items", items);
  if (items > 100) worker.warning("large batch: %d items", items);
  return items * 2;
}
