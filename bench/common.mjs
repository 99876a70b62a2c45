// Shared by every Node worker: the record each library logs, the text format,
// and the pre-computed string arguments (so building arguments costs the same
// for every library and is not what is measured).
export const FMT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s";
export const MSG = "request %d handled in %s ms";
/** 100 distinct "%s" arguments: "0.0" .. "9.9". */
export const MS = Array.from({ length: 100 }, (_, k) => (k / 10).toFixed(1));
/** Bytes per file before RotatingFileHandler-style rotation. */
export const ROTATE_BYTES = 256 * 1024;
/** Enough backups that no rotated record is deleted (the run checks every line). */
export const ROTATE_BACKUPS = 200;
/** Logger names of the "ten-loggers" scenario. */
export const TEN = Array.from({ length: 10 }, (_, k) => `svc${k}`);
/** The logger of the "deep" scenario (handler on the root). */
export const DEEP = "a.b.c.d";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `stream` (a Node writable) has emitted `event`, or at once if it already did. */
export function waitFor(stream, event) {
  if (event === "finish" && stream.writableFinished) return Promise.resolve();
  if (event === "close" && stream.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.once(event, resolve);
    stream.once("error", reject);
  });
}

/** Waits until process.stdout has handed everything queued to the OS. */
export function drainStdout() {
  return new Promise((resolve) => process.stdout.write("", resolve));
}

/** The five extra fields of the "json-extra" scenario, built per call (the same for every library). */
export const extraFields = (i) => ({ user: "u-1234", reqId: i, route: "/api/items", status: 200, cached: false });
/** The bound field of the "child" scenario. */
export const REQUEST_ID = "req-42";
/** The field a record factory (or its closest equivalent) adds in the "factory" scenario. */
export const SERVICE = "api";

const pad2 = (n) => (n < 10 ? "0" : "") + n;
let cachedSec = -1;
let cachedText = "";
/**
 * "YYYY-MM-DD HH:MM:SS,mmm" in local time, the date part cached per second:
 * the floor's timestamp, and LogTape's (it has no Python-style layout of its own).
 */
export function asctime(now) {
  const sec = Math.floor(now / 1000);
  if (sec !== cachedSec) {
    cachedSec = sec;
    const d = new Date(sec * 1000);
    cachedText = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())},`;
  }
  const ms = now - sec * 1000;
  return cachedText + (ms >= 100 ? "" : ms >= 10 ? "0" : "00") + ms;
}
