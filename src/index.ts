/**
 * logxide: Python's `logging` for Node.js.
 *
 * Named exports, and a default export holding the same members plus the
 * module-level switches Python users assign (`logging.raiseExceptions`,
 * `logging.lastResort`). A new export goes into the `export { }` list, the
 * `members` object and, for a class or type, `declare namespace logging`;
 * test/index-exports.test.ts fails when one of them lacks it.
 */
import { BoundLogger, LoggerAdapter } from "./core/adapter.js";
import { bindContext, getContext, withContext } from "./core/context.js";
import { DEFAULT_LOGGING_FORMAT, instrument, isInstrumented, uninstrument } from "./core/otelCorrelation.js";
import { RedactingFilter, Redactor } from "./core/redact.js";
import { ConfigParser, fileConfig, RawConfigParser } from "./config/file.js";
import { ConsoleFormatter } from "./format/console.js";
import { ConsoleHandler } from "./handlers/console.js";
import { DeliveryCounters, RecordsDroppedError } from "./handlers/counters.js";
import { OpenTelemetryHandler, stdToOtel } from "./handlers/otel.js";
import { isSink, SINK } from "./io/sink.js";
import { setOutputLimits, toSink } from "./io/streamSink.js";
import { bindArgs, functionSignature, keywords, signature } from "./py/kwargs.js";
import { captureCallerInfo } from "./core/callerPolicy.js";
import { BASIC_FORMAT, basicConfig } from "./config/basic.js";
import { BaseConfigurator, DictConfigurator, dictConfig as dictConfigImpl } from "./config/dict.js";
import type { DictConfig } from "./config/schema.js";
import { pyError } from "./py/errors.js";
import { register, registerName, unregister } from "./config/names.js";
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
import { isQueueMessage, QUEUE_MESSAGE_KEY, QueueHandler, QueueListener, SimpleQueue } from "./handlers/queue.js";
import { FILE_SHARED_WARNING_CODE } from "./handlers/threadShare.js";
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
  DEFAULT_FLUSH_TIMEOUT,
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
  OpenTelemetryHandler,
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
  QUEUE_MESSAGE_KEY,
  isQueueMessage,
  FILE_SHARED_WARNING_CODE,
};
/** `logging.handlers` as types (`handlers.RotatingFileHandler`). */
export declare namespace handlers {
  export type BaseRotatingHandler = _BaseRotatingHandler;
  export type BufferingHandler = _BufferingHandler;
  export type DatagramHandler = _DatagramHandler;
  export type HTTPHandler = _HTTPHandler;
  export type MemoryHandler = _MemoryHandler;
  export type OpenTelemetryHandler = _OpenTelemetryHandler;
  export type QueueHandler = _QueueHandler;
  export type QueueListener = _QueueListener;
  export type RotatingFileHandler = _RotatingFileHandler;
  export type SimpleQueue<T = unknown> = _SimpleQueue<T>;
  export type SocketHandler = _SocketHandler;
  export type SysLogHandler = _SysLogHandler;
  export type TimedRotatingFileHandler = _TimedRotatingFileHandler;
  export type WatchedFileHandler = _WatchedFileHandler;
  export type MessageSource = _MessageSource;
  export type PostMessageTarget = _PostMessageTarget;
}

/**
 * Configures logging from a dictionary (Python's `logging.config.dictConfig`),
 * typed with the dictionary schema.
 */
const dictConfig: (config: DictConfig | Record<string, unknown>) => void = dictConfigImpl;

/**
 * `logging.config`: `dictConfig`, `fileConfig`, and `register`/`unregister`
 * for an application's own classes and objects named in documents.
 */
export const config = {
  dictConfig,
  fileConfig,
  register,
  unregister,
  BaseConfigurator,
  DictConfigurator,
  ConfigParser,
  RawConfigParser,
};
/** `logging.config` as types (`config.DictConfig`). */
export declare namespace config {
  export type BaseConfigurator = _BaseConfigurator;
  export type DictConfigurator = _DictConfigurator;
  export type DictConfig = _DictConfig;
  export type FileConfigOptions = _FileConfigOptions;
  export type FileConfigSource = _FileConfigSource;
  export type ConfigParser = _ConfigParser;
  export type RawConfigParser = _RawConfigParser;
}

/** OpenTelemetry: trace correlation fields on records and the logs bridge handler (docs/opentelemetry.md). */
export const otel = {
  instrument,
  uninstrument,
  isInstrumented,
  DEFAULT_LOGGING_FORMAT,
  OpenTelemetryHandler,
  stdToOtel,
};

// Every other built-in dotted name is in config/builtins.ts.
registerName("logging.config.dictConfig", dictConfig);
registerName("logging.config.fileConfig", fileConfig);

/**
 * The handler used when a record finds no handler (Python's `logging.lastResort`).
 * A live binding: it follows assignments made through the default export
 * (`logging.lastResort = null`) or {@link setLastResort}.
 */
export let lastResort: Handler | null = loggingState.lastResort;
/**
 * Whether `handleError` prints errors (Python's `logging.raiseExceptions`).
 * A live binding: it follows assignments made through the default export
 * (`logging.raiseExceptions = false`) or {@link setRaiseExceptions}.
 */
export let raiseExceptions: boolean = settings.raiseExceptions;

/** Listeners of the two switches (the ESM entry keeps its own live bindings with them). */
const switchListeners: Array<(s: { raiseExceptions: boolean; lastResort: Handler | null }) => void> = [];
function switched(): void {
  raiseExceptions = settings.raiseExceptions;
  lastResort = loggingState.lastResort;
  const s = { raiseExceptions, lastResort };
  for (const f of switchListeners) f(s);
}

/**
 * Sets `raiseExceptions` (the same as `logging.raiseExceptions = value` on
 * the default export); for code that holds only named imports.
 *
 * @example
 * ```ts fragment
 * import { setRaiseExceptions } from "logxide";
 * setRaiseExceptions(false); // handleError stays silent in production
 * ```
 */
export function setRaiseExceptions(value: boolean): void {
  settings.raiseExceptions = Boolean(value);
  switched();
}

/** Sets `lastResort` (the same as `logging.lastResort = handler` on the default export). */
export function setLastResort(handler: Handler | null): void {
  loggingState.lastResort = handler;
  switched();
}

export {
  addLevelName,
  bindArgs,
  bindContext,
  BoundLogger,
  ConsoleFormatter,
  ConsoleHandler,
  DEFAULT_FLUSH_TIMEOUT,
  DeliveryCounters,
  fileConfig,
  functionSignature,
  getContext,
  isSink,
  keywords,
  OpenTelemetryHandler,
  RecordsDroppedError,
  RedactingFilter,
  Redactor,
  setOutputLimits,
  signature,
  SINK,
  toSink,
  withContext,
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
export type { AdapterKwargs } from "./core/adapter.js";
export type { ContextFields } from "./core/context.js";
export type { InstrumentOptions, OtelSpan } from "./core/otelCorrelation.js";
export type { RedactOptions } from "./core/redact.js";
export type { FileConfigOptions, FileConfigSource } from "./config/file.js";
export type { ConsoleFormatterOptions } from "./format/console.js";
export type { HTTPBatchOptions } from "./handlers/http.js";
export type { OtelLogger, OtelLoggerProvider, OtelLogRecord } from "./handlers/otel.js";
export type { Sink, SinkErrorListener } from "./io/sink.js";
export type { OutputLimits, StreamLike } from "./io/streamSink.js";
export type { FlushOptions, FlushReport } from "./module.js";
export type { Signature } from "./py/kwargs.js";
export type { BasicConfigOptions } from "./config/basic.js";
export type { FilterLike } from "./core/filter.js";
export type { Converter, FormatterOptions, Style } from "./format/formatter.js";
export type { JSONFieldMap, JSONFormatterOptions } from "./format/json.js";
export type { WritableLike } from "./handlers/stream.js";
export type { LogRecordFactory } from "./core/record.js";
export type { HandleSignalsOptions } from "./io/signals.js";
export type { TimeStruct } from "./py/time.js";
export type {
  DictConfig,
  DictConfigFactory,
  DictConfigFilter,
  DictConfigFormatter,
  DictConfigHandler,
  DictConfigLevel,
  DictConfigLogger,
} from "./config/schema.js";

// Aliases for the type namespace of the default export below.
import type { BoundLogger as _BoundLogger } from "./core/adapter.js";
import type { ContextFields as _ContextFields } from "./core/context.js";
import type {
  RedactingFilter as _RedactingFilter,
  Redactor as _Redactor,
  RedactOptions as _RedactOptions,
} from "./core/redact.js";
import type { FileConfigOptions as _FileConfigOptions, FileConfigSource as _FileConfigSource } from "./config/file.js";
import type {
  ConsoleFormatter as _ConsoleFormatter,
  ConsoleFormatterOptions as _ConsoleFormatterOptions,
} from "./format/console.js";
import type { ConsoleHandler as _ConsoleHandler } from "./handlers/console.js";
import type {
  DeliveryCounters as _DeliveryCounters,
  RecordsDroppedError as _RecordsDroppedError,
} from "./handlers/counters.js";
import type { ConfigParser as _ConfigParser, RawConfigParser as _RawConfigParser } from "./config/file.js";
import type { OpenTelemetryHandler as _OpenTelemetryHandler } from "./handlers/otel.js";
import type { Sink as _Sink } from "./io/sink.js";
import type { FlushOptions as _FlushOptions, FlushReport as _FlushReport } from "./module.js";
import type { LogKwargs as _LogKwargs } from "./core/callArgs.js";
import type { BasicConfigOptions as _BasicConfigOptions } from "./config/basic.js";
import type { DictConfig as _DictConfig } from "./config/schema.js";
import type { FilterLike as _FilterLike, Filter as _Filter, Filterer as _Filterer } from "./core/filter.js";
import type {
  BufferingFormatter as _BufferingFormatter,
  Converter as _Converter,
  Formatter as _Formatter,
  FormatterOptions as _FormatterOptions,
  Style as _Style,
} from "./format/formatter.js";
import type {
  JSONFieldMap as _JSONFieldMap,
  JSONFormatter as _JSONFormatter,
  JSONFormatterOptions as _JSONFormatterOptions,
} from "./format/json.js";
import type { StreamHandler as _StreamHandler, WritableLike as _WritableLike } from "./handlers/stream.js";
import type { LogRecord as _LogRecord, LogRecordFactory as _LogRecordFactory } from "./core/record.js";
import type { HandleSignalsOptions as _HandleSignalsOptions } from "./io/signals.js";
import type { TimeStruct as _TimeStruct } from "./py/time.js";
import type { BaseConfigurator as _BaseConfigurator, DictConfigurator as _DictConfigurator } from "./config/dict.js";
import type { FileHandler as _FileHandler } from "./handlers/file.js";
import type { Handler as _Handler } from "./handlers/handler.js";
import type { StderrHandler as _StderrHandler } from "./handlers/lastResort.js";
import type { NullHandler as _NullHandler } from "./handlers/null.js";
import type { BufferingHandler as _BufferingHandler, MemoryHandler as _MemoryHandler } from "./handlers/memory.js";
import type {
  QueueHandler as _QueueHandler,
  QueueListener as _QueueListener,
  SimpleQueue as _SimpleQueue,
  MessageSource as _MessageSource,
  PostMessageTarget as _PostMessageTarget,
} from "./handlers/queue.js";
import type {
  BaseRotatingHandler as _BaseRotatingHandler,
  RotatingFileHandler as _RotatingFileHandler,
} from "./handlers/rotating.js";
import type { HTTPHandler as _HTTPHandler } from "./handlers/http.js";
import type { DatagramHandler as _DatagramHandler, SocketHandler as _SocketHandler } from "./handlers/socket.js";
import type { SysLogHandler as _SysLogHandler } from "./handlers/syslog.js";
import type { TimedRotatingFileHandler as _TimedRotatingFileHandler } from "./handlers/timed.js";
import type { WatchedFileHandler as _WatchedFileHandler } from "./handlers/watched.js";
import type { LoggerAdapter as _LoggerAdapter } from "./core/adapter.js";
import type {
  Logger as _Logger,
  Manager as _Manager,
  PlaceHolder as _PlaceHolder,
  RootLogger as _RootLogger,
} from "./core/logger.js";

const members = {
  addLevelName,
  bindArgs,
  bindContext,
  BoundLogger,
  ConsoleFormatter,
  ConsoleHandler,
  DEFAULT_FLUSH_TIMEOUT,
  DeliveryCounters,
  fileConfig,
  functionSignature,
  getContext,
  isSink,
  keywords,
  OpenTelemetryHandler,
  otel,
  RecordsDroppedError,
  RedactingFilter,
  Redactor,
  setOutputLimits,
  signature,
  SINK,
  toSink,
  withContext,
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
  setLastResort,
  setLoggerClass,
  setLogRecordFactory,
  setRaiseExceptions,
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

/**
 * Python's `logging` module as one object: every export, plus the
 * assignable switches `raiseExceptions` and `lastResort`. Through it the
 * classes are types too (`logging.Logger`, `logging.handlers.RotatingFileHandler`).
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * logging.raiseExceptions = false;
 * class ListHandler extends logging.Handler {
 *   records: logging.LogRecord[] = [];
 *   override emit(record: logging.LogRecord): void {
 *     this.records.push(record);
 *   }
 * }
 * const log: logging.Logger = logging.getLogger("app");
 * log.addHandler(new ListHandler());
 * ```
 */
const logging = Object.defineProperties({ ...members } as unknown as LogxideModule, {
  raiseExceptions: {
    enumerable: true,
    get: () => settings.raiseExceptions,
    set: setRaiseExceptions,
  },
  lastResort: {
    enumerable: true,
    get: () => loggingState.lastResort,
    set: setLastResort,
  },
});
Object.defineProperty(logging, "default", { value: logging, enumerable: false });
// The ESM entry's live `raiseExceptions`/`lastResort` bindings subscribe here;
// under a registry symbol so every copy of the package finds it.
Object.defineProperty(logging, Symbol.for("logxide.onSwitch"), {
  value: (listener: (s: { raiseExceptions: boolean; lastResort: Handler | null }) => void) => {
    switchListeners.push(listener);
  },
  enumerable: false,
});

// The classes and option types as types of the default export, so that
// `import logging from "logxide"` gives `logging.Logger` in type positions too
// (a type-only namespace merges with the object; test/index-exports.test.ts
// and test/consumers check that every class member has its type here).
declare namespace logging {
  export type BoundLogger = _BoundLogger;
  export type ConsoleFormatter = _ConsoleFormatter;
  export type ConsoleFormatterOptions = _ConsoleFormatterOptions;
  export type ConsoleHandler = _ConsoleHandler;
  export type ContextFields = _ContextFields;
  export type DeliveryCounters = _DeliveryCounters;
  export type RecordsDroppedError = _RecordsDroppedError;
  export type FlushOptions = _FlushOptions;
  export type FlushReport = _FlushReport;
  export type OpenTelemetryHandler = _OpenTelemetryHandler;
  export type RedactingFilter = _RedactingFilter;
  export type Redactor = _Redactor;
  export type RedactOptions = _RedactOptions;
  export type Sink = _Sink;
  export type BaseRotatingHandler = _BaseRotatingHandler;
  export type BufferingFormatter = _BufferingFormatter;
  export type BufferingHandler = _BufferingHandler;
  export type DatagramHandler = _DatagramHandler;
  export type FileHandler = _FileHandler;
  export type Filter = _Filter;
  export type Filterer = _Filterer;
  export type Formatter = _Formatter;
  export type Handler = _Handler;
  export type HTTPHandler = _HTTPHandler;
  export type JSONFormatter = _JSONFormatter;
  export type Logger = _Logger;
  export type LoggerAdapter = _LoggerAdapter;
  export type LogRecord = _LogRecord;
  export type Manager = _Manager;
  export type MemoryHandler = _MemoryHandler;
  export type NullHandler = _NullHandler;
  export type PlaceHolder = _PlaceHolder;
  export type QueueHandler = _QueueHandler;
  export type QueueListener = _QueueListener;
  export type RootLogger = _RootLogger;
  export type RotatingFileHandler = _RotatingFileHandler;
  export type SimpleQueue<T = unknown> = _SimpleQueue<T>;
  export type SocketHandler = _SocketHandler;
  export type StderrHandler = _StderrHandler;
  export type StreamHandler = _StreamHandler;
  export type SysLogHandler = _SysLogHandler;
  export type TimedRotatingFileHandler = _TimedRotatingFileHandler;
  export type WatchedFileHandler = _WatchedFileHandler;
  export type BasicConfigOptions = _BasicConfigOptions;
  export type Converter = _Converter;
  export type FilterLike = _FilterLike;
  export type FormatterOptions = _FormatterOptions;
  export type HandleSignalsOptions = _HandleSignalsOptions;
  export type JSONFieldMap = _JSONFieldMap;
  export type JSONFormatterOptions = _JSONFormatterOptions;
  export type LogKwargs = _LogKwargs;
  export type LogRecordFactory = _LogRecordFactory;
  export type Style = _Style;
  export type TimeStruct = _TimeStruct;
  export type WritableLike = _WritableLike;
  /** `logging.handlers` as types. */
  export namespace handlers {
    export type BaseRotatingHandler = _BaseRotatingHandler;
    export type BufferingHandler = _BufferingHandler;
    export type DatagramHandler = _DatagramHandler;
    export type HTTPHandler = _HTTPHandler;
    export type MemoryHandler = _MemoryHandler;
    export type OpenTelemetryHandler = _OpenTelemetryHandler;
    export type QueueHandler = _QueueHandler;
    export type QueueListener = _QueueListener;
    export type RotatingFileHandler = _RotatingFileHandler;
    export type SimpleQueue<T = unknown> = _SimpleQueue<T>;
    export type SocketHandler = _SocketHandler;
    export type SysLogHandler = _SysLogHandler;
    export type TimedRotatingFileHandler = _TimedRotatingFileHandler;
    export type WatchedFileHandler = _WatchedFileHandler;
    export type MessageSource = _MessageSource;
    export type PostMessageTarget = _PostMessageTarget;
  }
  /** `logging.config` as types. */
  export namespace config {
    export type BaseConfigurator = _BaseConfigurator;
    export type DictConfigurator = _DictConfigurator;
    export type DictConfig = _DictConfig;
    export type FileConfigOptions = _FileConfigOptions;
    export type FileConfigSource = _FileConfigSource;
    export type ConfigParser = _ConfigParser;
    export type RawConfigParser = _RawConfigParser;
  }
}

export default logging;
