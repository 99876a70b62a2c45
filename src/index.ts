/**
 * logxide: Python's `logging` for Node.js.
 *
 * Named exports, and a default export holding the same members plus the
 * module-level switches Python users assign (`logging.raiseExceptions`,
 * `logging.lastResort`).
 */
import { LoggerAdapter } from "./core/adapter.js";
import { captureCallerInfo } from "./core/callerPolicy.js";
import { BASIC_FORMAT, basicConfig } from "./config/basic.js";
import { BaseConfigurator, DictConfigurator, dictConfig } from "./config/dict.js";
import { pyError } from "./py/errors.js";
import { registerName } from "./config/names.js";
import { handleSignals, unhandleSignals } from "./io/signals.js";
import { Filter, Filterer } from "./core/filter.js";
import { BufferingFormatter, Formatter } from "./format/formatter.js";
import { JSONFormatter } from "./format/json.js";
import { FileHandler } from "./handlers/file.js";
import { Handler } from "./handlers/handler.js";
import { StderrHandler } from "./handlers/lastResort.js";
import { NullHandler } from "./handlers/null.js";
import { getHandlerByName, getHandlerNames } from "./handlers/registry.js";
import { StreamHandler } from "./handlers/stream.js";
import { BufferingHandler, MemoryHandler } from "./handlers/memory.js";
import { QueueHandler, QueueListener, SimpleQueue } from "./handlers/queue.js";
import { BaseRotatingHandler, RotatingFileHandler } from "./handlers/rotating.js";
import { HTTPHandler } from "./handlers/http.js";
import {
  DatagramHandler,
  DEFAULT_HTTP_LOGGING_PORT,
  DEFAULT_SOAP_LOGGING_PORT,
  DEFAULT_TCP_LOGGING_PORT,
  DEFAULT_UDP_LOGGING_PORT,
  SocketHandler,
} from "./handlers/socket.js";
import { SOCK_DGRAM, SOCK_STREAM, SYSLOG_TCP_PORT, SYSLOG_UDP_PORT, SysLogHandler } from "./handlers/syslog.js";
import { TimedRotatingFileHandler } from "./handlers/timed.js";
import { WatchedFileHandler } from "./handlers/watched.js";
import {
  addLevelName,
  CRITICAL,
  DEBUG,
  ERROR,
  FATAL,
  getLevelName,
  getLevelNamesMapping,
  INFO,
  NOTSET,
  WARN,
  WARNING,
} from "./core/levels.js";
import {
  getLogger,
  getLoggerClass,
  Logger,
  loggingState,
  Manager,
  PlaceHolder,
  root,
  RootLogger,
  setLoggerClass,
} from "./core/logger.js";
import {
  captureWarnings,
  critical,
  debug,
  disable,
  error,
  exception,
  fatal,
  flush,
  info,
  log,
  shutdown,
  warn,
  warning,
} from "./module.js";
import { getLogRecordFactory, LogRecord, makeLogRecord, setLogRecordFactory } from "./core/record.js";
import { settings } from "./core/settings.js";
import { gmtime, localtime } from "./py/time.js";

/** `logging.handlers`: the handlers Python keeps in `logging.handlers`. */
export const handlers = {
  BaseRotatingHandler,
  BufferingHandler,
  DatagramHandler,
  HTTPHandler,
  MemoryHandler,
  QueueHandler,
  QueueListener,
  RotatingFileHandler,
  SimpleQueue,
  SocketHandler,
  SysLogHandler,
  TimedRotatingFileHandler,
  WatchedFileHandler,
  DEFAULT_TCP_LOGGING_PORT,
  DEFAULT_UDP_LOGGING_PORT,
  DEFAULT_HTTP_LOGGING_PORT,
  DEFAULT_SOAP_LOGGING_PORT,
  SYSLOG_UDP_PORT,
  SYSLOG_TCP_PORT,
  SOCK_STREAM,
  SOCK_DGRAM,
};

/** `logging.config`: `dictConfig`. */
export const config = { dictConfig, BaseConfigurator, DictConfigurator };

for (const [name, value] of Object.entries({
  Formatter,
  BufferingFormatter,
  JSONFormatter,
  Filter,
  Handler,
  StreamHandler,
  FileHandler,
  NullHandler,
  Logger,
  LoggerAdapter,
}))
  registerName(`logging.${name}`, value);
for (const [name, value] of Object.entries(handlers)) registerName(`logging.handlers.${name}`, value);
for (const [name, value] of Object.entries({ SysLogHandler })) {
  // logging.handlers.SysLogHandler.LOG_LOCAL0 etc. resolve too.
  for (const [k, v] of Object.entries(value)) registerName(`logging.handlers.${name}.${k}`, v);
}
registerName("logging.config.dictConfig", dictConfig);

/** The handler used when a record finds no handler (assign through the default export). */
export const lastResort = loggingState.lastResort;
/** Whether `handleError` prints (assign through the default export: `logging.raiseExceptions = false`). */
export const raiseExceptions = settings.raiseExceptions;

export {
  addLevelName,
  BASIC_FORMAT,
  basicConfig,
  BaseRotatingHandler,
  BufferingFormatter,
  captureCallerInfo,
  captureWarnings,
  critical,
  CRITICAL,
  debug,
  DEBUG,
  dictConfig,
  disable,
  error,
  ERROR,
  exception,
  fatal,
  FATAL,
  FileHandler,
  Filter,
  Filterer,
  flush,
  Formatter,
  getHandlerByName,
  getHandlerNames,
  getLevelName,
  getLevelNamesMapping,
  getLogger,
  getLoggerClass,
  getLogRecordFactory,
  gmtime,
  Handler,
  handleSignals,
  info,
  JSONFormatter,
  INFO,
  localtime,
  log,
  Logger,
  LoggerAdapter,
  LogRecord,
  makeLogRecord,
  Manager,
  NOTSET,
  NullHandler,
  PlaceHolder,
  pyError,
  root,
  RootLogger,
  BufferingHandler,
  MemoryHandler,
  QueueHandler,
  QueueListener,
  SimpleQueue,
  TimedRotatingFileHandler,
  WatchedFileHandler,
  SocketHandler,
  DatagramHandler,
  SysLogHandler,
  HTTPHandler,
  RotatingFileHandler,
  setLoggerClass,
  setLogRecordFactory,
  shutdown,
  StderrHandler,
  StreamHandler,
  warn,
  WARN,
  unhandleSignals,
  warning,
  WARNING,
};
export type { LogKwargs } from "./core/callArgs.js";
export type { BasicConfigOptions } from "./config/basic.js";
export type { FilterLike } from "./core/filter.js";
export type { Converter, FormatterOptions, Style } from "./format/formatter.js";
export type { JSONFieldMap, JSONFormatterOptions } from "./format/json.js";
export type { WritableLike } from "./handlers/stream.js";
export type { LogRecordFactory } from "./core/record.js";
export type { HandleSignalsOptions } from "./io/signals.js";
export type { TimeStruct } from "./py/time.js";

const members = {
  addLevelName,
  BASIC_FORMAT,
  basicConfig,
  BaseRotatingHandler,
  BufferingFormatter,
  captureCallerInfo,
  captureWarnings,
  config,
  critical,
  CRITICAL,
  debug,
  DEBUG,
  dictConfig,
  disable,
  error,
  ERROR,
  exception,
  fatal,
  FATAL,
  FileHandler,
  Filter,
  Filterer,
  flush,
  Formatter,
  getHandlerByName,
  getHandlerNames,
  getLevelName,
  getLevelNamesMapping,
  getLogger,
  getLoggerClass,
  getLogRecordFactory,
  gmtime,
  Handler,
  handleSignals,
  handlers,
  info,
  JSONFormatter,
  INFO,
  localtime,
  log,
  Logger,
  LoggerAdapter,
  LogRecord,
  makeLogRecord,
  Manager,
  NOTSET,
  NullHandler,
  PlaceHolder,
  pyError,
  root,
  RootLogger,
  BufferingHandler,
  MemoryHandler,
  QueueHandler,
  QueueListener,
  SimpleQueue,
  TimedRotatingFileHandler,
  WatchedFileHandler,
  SocketHandler,
  DatagramHandler,
  SysLogHandler,
  HTTPHandler,
  RotatingFileHandler,
  setLoggerClass,
  setLogRecordFactory,
  shutdown,
  StderrHandler,
  StreamHandler,
  warn,
  WARN,
  unhandleSignals,
  warning,
  WARNING,
};

/** The whole API as one object, with assignable module-level switches. */
export interface LogxideModule extends Readonly<typeof members> {
  /** Whether `handleError` prints errors (Python's `logging.raiseExceptions`). */
  raiseExceptions: boolean;
  /** The handler of last resort, or null (Python's `logging.lastResort`). */
  lastResort: Handler | null;
  /** This object again, for `require("logxide").default`. */
  readonly default: LogxideModule;
}

const logging = Object.defineProperties({ ...members } as unknown as LogxideModule, {
  raiseExceptions: {
    enumerable: true,
    get: () => settings.raiseExceptions,
    set: (v: boolean) => {
      settings.raiseExceptions = Boolean(v);
    },
  },
  lastResort: {
    enumerable: true,
    get: () => loggingState.lastResort,
    set: (v: Handler | null) => {
      loggingState.lastResort = v;
    },
  },
});
Object.defineProperty(logging, "default", { value: logging, enumerable: false });

export default logging;
