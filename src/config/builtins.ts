/**
 * The dotted names a configuration document may use for logxide's own
 * objects, as Python spells them (`logging.handlers.RotatingFileHandler`,
 * `ext://logging.DEBUG`). `logxide.X` names the same object as `logging.X`
 * (see ./names.ts). Applications add their own with `register`.
 */
import { Filter, Filterer } from "../core/filter.js";
import { CRITICAL, DEBUG, ERROR, FATAL, INFO, NOTSET, WARN, WARNING } from "../core/levels.js";
import { BufferingFormatter, Formatter } from "../format/formatter.js";
import { JSONFormatter } from "../format/json.js";
import { ConsoleFormatter } from "../format/console.js";
import { ConsoleHandler } from "../handlers/console.js";
import { RedactingFilter } from "../core/redact.js";
import { FileHandler } from "../handlers/file.js";
import { Handler } from "../handlers/handler.js";
import { HTTPHandler } from "../handlers/http.js";
import { OpenTelemetryHandler } from "../handlers/otel.js";
import { StderrHandler } from "../handlers/lastResort.js";
import { StreamHandler } from "../handlers/stream.js";
import { BufferingHandler, MemoryHandler } from "../handlers/memory.js";
import { NullHandler } from "../handlers/null.js";
import { QueueHandler, QueueListener, SimpleQueue } from "../handlers/queue.js";
import { BaseRotatingHandler, RotatingFileHandler } from "../handlers/rotating.js";
import {
  DatagramHandler,
  DEFAULT_HTTP_LOGGING_PORT,
  DEFAULT_SOAP_LOGGING_PORT,
  DEFAULT_TCP_LOGGING_PORT,
  DEFAULT_UDP_LOGGING_PORT,
  SocketHandler,
} from "../handlers/socket.js";
import { SOCK_DGRAM, SOCK_STREAM, SYSLOG_TCP_PORT, SYSLOG_UDP_PORT, SysLogHandler } from "../handlers/syslog.js";
import { TimedRotatingFileHandler } from "../handlers/timed.js";
import { WatchedFileHandler } from "../handlers/watched.js";

/** Python module → the members logxide provides (`logging.config` adds `dictConfig` itself). */
export const BUILTIN_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  logging: {
    Handler,
    StreamHandler,
    FileHandler,
    NullHandler,
    _StderrHandler: StderrHandler,
    Formatter,
    BufferingFormatter,
    // logxide's own (named `logxide.X` in documents; `logging.X` is the same name).
    JSONFormatter,
    ConsoleFormatter,
    ConsoleHandler,
    RedactingFilter,
    Filter,
    Filterer,
    NOTSET,
    DEBUG,
    INFO,
    WARN,
    WARNING,
    ERROR,
    CRITICAL,
    FATAL,
  },
  "logging.handlers": {
    BaseRotatingHandler,
    BufferingHandler,
    DatagramHandler,
    HTTPHandler,
    MemoryHandler,
    // logxide's own: the OpenTelemetry logs bridge.
    OpenTelemetryHandler,
    QueueHandler,
    QueueListener,
    RotatingFileHandler,
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
  },
  socket: { SOCK_STREAM, SOCK_DGRAM },
  // The names Python services' documents use for OpenTelemetry's LoggingHandler.
  "opentelemetry.sdk._logs": { LoggingHandler: OpenTelemetryHandler },
  queue: { SimpleQueue, Queue: SimpleQueue },
};

/** Python modules that are packages (a missing name under any other module says it is not a package). */
export const BUILTIN_PACKAGES: ReadonlySet<string> = new Set(["logging"]);
/** Modules with nothing registered that Python documents still name (`ext://sys.stdout`). */
export const OTHER_MODULES: readonly string[] = ["logging.config", "sys", "os"];
