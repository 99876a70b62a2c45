// What runs: each scenario's libraries, record counts, and how its output is checked.
//
// `n` is the record count for the fast libraries; `slow` libraries (per-record
// cost in the tens of microseconds, no JIT warm-up to speak of: CPython,
// winston, log4js) log `n * slowScale` records, so a default run stays near
// five minutes. Rates are per record, so the ratios stay comparable.
// Fast libraries log 300k records (0.2–2 s each): shorter runs mostly measure
// JIT warm-up, which is not what a long-running service sees.
import { REQUEST_ID, TEN, extraFields } from "./common.mjs";

const JSON_SCENARIOS = new Set(["json", "json-extra", "child", "context", "redact", "otel"]);

/** Library id → how to start it. */
export const LIBS = {
  logxide: { module: "logxide" },
  /** Another checkout's logxide (`npm run bench -- --baseline <dir>`), for before/after in one run. */
  "logxide-base": { module: "logxide", baseline: true },
  floor: { module: "floor" },
  "empty-fn": { module: "empty-fn" },
  pino: { module: "pino" },
  winston: { module: "winston", slow: true },
  log4js: { module: "log4js", slow: true },
  bunyan: { module: "bunyan" },
  logtape: { module: "logtape" },
  cpython: { python: true, slow: true },
  "sonic-boom": { module: "sonic-boom" },
  "sonic-boom-4k": { module: "sonic-boom", variant: "4k" },
  "sonic-boom-sync": { module: "sonic-boom", variant: "sync" },
  "sonic-boom-sync-4k": { module: "sonic-boom", variant: "sync-4k" },
};

const ALL = ["logxide", "floor", "pino", "winston", "log4js", "bunyan", "logtape", "cpython"];
/** What services add to the plain case: each against the same peers (and their closest equivalents). */
const SERVICE_LIBS = ["logxide", "floor", "pino", "winston", "logtape", "cpython"];
const plain = (name, title, libs = SERVICE_LIBS) => ({
  name,
  title,
  unit: "records/s",
  libs,
  n: 300_000,
  quickN: 60_000,
  slowScale: 0.05,
  expect: (n) => [{ file: "out.log", lines: n, last: n - 1 }],
});

/**
 * name, title, libs, n / quickN, slowScale, and `expect(n)`: the files the
 * run must leave, as [{ file, lines, last }] (`last`: the record index on the
 * file's last line), or "all" to sum every file in the directory (rotation).
 */
export const SCENARIOS = [
  {
    name: "text",
    title: "text format to a file",
    unit: "records/s",
    libs: ALL,
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    expect: (n) => [{ file: "out.log", lines: n, last: n - 1 }],
  },
  {
    name: "json",
    title: "JSON to a file (level, time, name, msg)",
    unit: "records/s",
    libs: ["logxide", "floor", "pino", "winston", "bunyan", "logtape", "cpython"],
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    expect: (n) => [{ file: "out.log", lines: n, last: n - 1 }],
  },
  {
    name: "disabled",
    title: "disabled call (debug on an INFO logger)",
    unit: "calls/s",
    libs: ["logxide", "empty-fn", "pino", "winston", "log4js", "bunyan", "logtape", "cpython"],
    n: 10_000_000,
    quickN: 4_000_000,
    slowScale: 0.05,
    expect: () => [{ file: "out.log", lines: 0, optional: true }],
  },
  {
    name: "two",
    title: "one logger, two file handlers",
    unit: "records/s",
    libs: ALL,
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    expect: (n) => [
      { file: "out1.log", lines: n, last: n - 1 },
      { file: "out2.log", lines: n, last: n - 1 },
    ],
  },
  {
    name: "deep",
    title: "logger four levels deep, handler on root",
    unit: "records/s",
    libs: ALL,
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    logger: "a.b.c.d",
    expect: (n) => [{ file: "out.log", lines: n, last: n - 1 }],
  },
  {
    name: "ten",
    title: "ten loggers, each its own file",
    unit: "records/s",
    libs: ALL,
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    logger: "svc\\d",
    expect: (n) =>
      TEN.map((name, k) => ({
        file: `${name}.log`,
        lines: Math.floor((n - k + 9) / 10),
        last: k + 10 * Math.floor((n - 1 - k) / 10),
      })),
  },
  {
    name: "stdout",
    title: "stdout piped to `cat > file`",
    unit: "records/s",
    stdout: true,
    libs: ALL,
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    expect: (n) => [{ file: "stdout.log", lines: n, last: n - 1 }],
  },
  plain("filter", "a logger filter (a function of the record)"),
  plain("handler-filter", "a handler filter (a function of the record)"),
  plain("custom-handler", "a custom Handler subclass (tags the record, then FileHandler's emit)"),
  plain("factory", "a record factory adding a field", ["logxide", "floor", "pino", "winston", "cpython"]),
  plain("json-extra", "JSON with 5 extra fields per call", [
    "logxide",
    "floor",
    "pino",
    "winston",
    "bunyan",
    "logtape",
  ]),
  plain("context", "JSON with a request id from async context (AsyncLocalStorage)", ["logxide", "floor", "pino"]),
  plain("redact", "JSON with a nested secret redacted by path", ["logxide", "floor", "pino"]),
  // The sink is the SDK's side (bench/otel-sink.mjs): the "text" scenario is logxide's plain cost.
  plain("otel", "OpenTelemetry logs bridge into the SDK's LoggerProvider (floor: the SDK alone)", [
    "logxide",
    "floor",
    "pino",
  ]),
  plain("child", "JSON from a bound/child logger (one bound field)", [
    "logxide",
    "floor",
    "pino",
    "winston",
    "bunyan",
    "logtape",
  ]),
  {
    name: "rotating",
    title: "RotatingFileHandler (256 KiB files)",
    unit: "records/s",
    libs: ["logxide", "floor", "winston", "log4js", "cpython"],
    n: 300_000,
    quickN: 60_000,
    slowScale: 0.05,
    expect: (_n) => "all",
  },
  {
    name: "mem",
    title: "1M records to a file: peak RSS",
    unit: "records/s",
    libs: ["logxide", "floor"],
    n: 1_000_000,
    quickN: 1_000_000,
    slowScale: 1,
    quickLibs: ["logxide"],
    expect: (n) => [{ file: "out.log", lines: n, last: n - 1 }],
  },
  {
    name: "writer",
    title: "writer: same pre-formatted lines to a file",
    unit: "lines/s",
    libs: ["logxide", "sonic-boom", "sonic-boom-4k", "sonic-boom-sync", "sonic-boom-sync-4k", "floor"],
    n: 300_000,
    quickN: 150_000,
    slowScale: 1,
    expect: (n) => [{ file: "out.log", lines: n }],
  },
];

const TEXT = (name) =>
  new RegExp(
    `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - ${name} - INFO - request \\d+ handled in \\d+\\.\\d ms$`,
  );
const BUNYAN_TEXT = (name) =>
  new RegExp(
    `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z - ${name} - INFO - request \\d+ handled in \\d+\\.\\d ms$`,
  );
// LogTape's JSON Lines message quotes a string value ("0.5").
const MSG_RE = /^request \d+ handled in "?\d+\.\d"? ms$/;

/** Whether `line` has the shape `lib` should write in `scenario`; null when fine, else why not. */
export function checkLine(scenario, lib, line) {
  const sc = SCENARIOS.find((s) => s.name === scenario);
  const name = (sc.logger ?? "bench").replaceAll(".", "\\.");
  if (scenario === "writer") {
    return TEXT("bench").test(line) ? null : "not the written line";
  }
  if (JSON_SCENARIOS.has(scenario) || lib === "pino") {
    let obj;
    try {
      obj = JSON.parse(line);
    } catch {
      return "not JSON";
    }
    const msg = obj.msg ?? obj.message;
    if (typeof msg !== "string" || !MSG_RE.test(msg)) return "no msg field";
    // LogTape's JSON Lines: "logger" and "@timestamp".
    if (!new RegExp(`^${name}$`).test(obj.name ?? obj.logger)) return "no name field";
    if (obj.level === undefined) return "no level field";
    if (obj.time === undefined && obj.timestamp === undefined && obj["@timestamp"] === undefined)
      return "no time field";
    if (scenario === "json-extra") {
      const x = extraFields(indexOf(msg));
      for (const key of Object.keys(x)) if (obj[key] !== x[key]) return `extra field ${key} missing or wrong`;
    }
    if ((scenario === "child" || scenario === "context") && obj.requestId !== REQUEST_ID)
      return "no bound requestId field";
    if (scenario === "otel" && (obj.severityNumber !== 9 || !/^info$/i.test(obj.level)))
      return "severity is not INFO (9)";
    if (scenario === "redact") {
      const pw = obj.user?.password;
      if (pw !== "[REDACTED]" && pw !== "[Redacted]") return "password not redacted";
      if (obj.user?.name !== "ann") return "user name missing";
    }
    return null;
  }
  const re = lib === "bunyan" ? BUNYAN_TEXT(name) : TEXT(name);
  return re.test(line) ? null : "not the text format";
}

/** The record index a line carries ("request <i> handled"). */
export function indexOf(line) {
  const m = /request (\d+) handled/.exec(line);
  return m ? Number(m[1]) : -1;
}
