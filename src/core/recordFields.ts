/**
 * The attributes every `LogRecord` has, in the order its constructor assigns
 * them, and a reader that loads one by a code with a fixed property name: V8
 * caches such a load (records share one shape), where a keyed read with a
 * varying name, or a call through a table of readers, it cannot.
 */
import type { LogRecord } from "./record.js";

/** Assigned by the constructor, in this order. */
export const CONSTRUCTOR_FIELDS = [
  "name",
  "msg",
  "args",
  "levelname",
  "levelno",
  "pathname",
  "filename",
  "module",
  "exc_info",
  "exc_text",
  "stack_info",
  "lineno",
  "funcName",
  "created",
  "msecs",
  "relativeCreated",
  "thread",
  "threadName",
  "processName",
  "process",
  "taskName",
] as const;

/** Every standard attribute: the constructor's, then those `Formatter.format` sets. */
export const STANDARD_FIELDS: readonly string[] = [...CONSTRUCTOR_FIELDS, "message", "asctime"];

/** The code `readStandardField` takes for `key`; 0 when `key` is not a standard attribute. */
export function standardFieldCode(key: string): number {
  return STANDARD_FIELDS.indexOf(key) + 1;
}

/** The standard attribute of code `code` (from `standardFieldCode`, not 0). */
export function readStandardField(r: LogRecord | Record<string, unknown>, code: number): unknown {
  const record = r as LogRecord;
  switch (code) {
    case 1:
      return record.name;
    case 2:
      return record.msg;
    case 3:
      return record.args;
    case 4:
      return record.levelname;
    case 5:
      return record.levelno;
    case 6:
      return record.pathname;
    case 7:
      return record.filename;
    case 8:
      return record.module;
    case 9:
      return record.exc_info;
    case 10:
      return record.exc_text;
    case 11:
      return record.stack_info;
    case 12:
      return record.lineno;
    case 13:
      return record.funcName;
    case 14:
      return record.created;
    case 15:
      return record.msecs;
    case 16:
      return record.relativeCreated;
    case 17:
      return record.thread;
    case 18:
      return record.threadName;
    case 19:
      return record.processName;
    case 20:
      return record.process;
    case 21:
      return record.taskName;
    case 22:
      return record.message;
    default:
      return record.asctime;
  }
}
