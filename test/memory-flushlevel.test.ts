/**
 * MemoryHandler with a flushLevel that is not a number ("ERROR", None), made
 * directly and through dictConfig, against CPython 3.11. CPython keeps the
 * value as given (dictConfig does not convert it either), so every record
 * that does not fill the buffer compares an int with it and raises
 * TypeError; a full buffer still flushes (the capacity test comes first).
 *
 * logxide sends that error to handleError, where CPython lets it escape the
 * logging call: nothing a caller passes throws out of a logging call. The
 * Python side routes the same error to handleError (inside the except
 * block, so CPython prints its own report), and the rest — the report's
 * error and message lines, what reaches the target and when, the buffer —
 * compares byte for byte.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareResults, runScenario, type Scenario } from "./diff/harness.js";
import { code, normalizeLoggingErrors } from "./diff/scenarios/common.js";
import { PYTHON3_MISSING } from "./support/python.js";

// CPython would raise out of log.info(); logxide reports it through handleError.
const PY_ROUTE_TO_HANDLE_ERROR = code`
def route(m):
    emit = m.emit
    def guarded(record):
        try:
            emit(record)
        except Exception:
            m.handleError(record)
    m.emit = guarded
`;

const BODY_PY = code`
log = logging.getLogger("mem"); log.addHandler(m); log.setLevel(logging.DEBUG); log.propagate = False
log.info("one"); log.error("two %s", "x")
print("buffered", len(m.buffer), repr(s.getvalue()))
log.info("three")
print("after full", len(m.buffer), repr(s.getvalue()))
log.critical("four")
print("after critical", len(m.buffer), repr(s.getvalue()))
m.close()
print("after close", len(m.buffer), repr(s.getvalue()))
`;

const BODY_JS = code`
const log = logging.getLogger("mem"); log.addHandler(m); log.setLevel(logging.DEBUG); log.propagate = false;
log.info("one"); log.error("two %s", "x");
print("buffered", m.buffer.length, __repr(s.getvalue()));
log.info("three");
print("after full", m.buffer.length, __repr(s.getvalue()));
log.critical("four");
print("after critical", m.buffer.length, __repr(s.getvalue()));
await m.close();
print("after close", m.buffer.length, __repr(s.getvalue()));
`;

const scenarios: Scenario[] = [
  {
    name: 'MemoryHandler(3, "ERROR", target) made directly',
    py:
      PY_ROUTE_TO_HANDLE_ERROR +
      code`
s = StringIO(); t = logging.StreamHandler(s); t.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
m = logging.handlers.MemoryHandler(3, "ERROR", t)
route(m)
` +
      BODY_PY,
    js:
      code`
const s = new StringIO(); const t = new logging.StreamHandler(s); t.setFormatter(new logging.Formatter("%(levelname)s %(message)s"));
const m = new logging.handlers.MemoryHandler(3, "ERROR", t);
` + BODY_JS,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "MemoryHandler(3, [40]) reports the type it was given",
    py:
      PY_ROUTE_TO_HANDLE_ERROR +
      code`
s = StringIO(); t = logging.StreamHandler(s)
m = logging.handlers.MemoryHandler(3, [40], t)
route(m)
` +
      BODY_PY,
    js:
      code`
const s = new StringIO(); const t = new logging.StreamHandler(s);
const m = new logging.handlers.MemoryHandler(3, [40], t);
` + BODY_JS,
    normalize: normalizeLoggingErrors,
  },
  {
    name: 'dictConfig MemoryHandler with flushLevel: "ERROR"',
    py:
      PY_ROUTE_TO_HANDLE_ERROR +
      code`
import logging.config
s = StringIO()
logging.config.dictConfig({"version": 1, "formatters": {"f": {"format": "%(levelname)s %(message)s"}},
  "handlers": {"out": {"class": "logging.StreamHandler", "stream": "ext://__main__.s", "formatter": "f"},
               "mem": {"class": "logging.handlers.MemoryHandler", "capacity": 3, "flushLevel": "ERROR", "target": "out"}}})
m = logging.getHandlerByName("mem") if hasattr(logging, "getHandlerByName") else logging._handlers["mem"]
print(type(m.flushLevel).__name__, m.flushLevel)
route(m)
` +
      BODY_PY,
    js:
      code`
const s = new StringIO();
logging.config.dictConfig({ version: 1, formatters: { f: { format: "%(levelname)s %(message)s" } },
  handlers: { out: { class: "logging.StreamHandler", stream: s, formatter: "f" },
              mem: { class: "logging.handlers.MemoryHandler", capacity: 3, flushLevel: "ERROR", target: "out" } } });
const m = logging.getHandlerByName("mem");
print(typeof m.flushLevel === "string" ? "str" : "int", m.flushLevel);
` + BODY_JS,
    normalize: normalizeLoggingErrors,
  },
];

describe("MemoryHandler with a flushLevel that is not a number, against CPython", {
  skip: PYTHON3_MISSING ?? false,
}, () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      const { py, js } = await runScenario(s);
      const report = compareResults(s, py, js);
      if (report) assert.fail(report);
      // The comparison holds something: each non-filling record was reported.
      assert.match(py.stderr, /TypeError: '>=' not supported between instances of 'int' and '(str|list)'/);
    });
  }
});
