/**
 * Caller capture (`pathname`, `lineno`, `funcName`, `stack_info`): a stack
 * trace costs microseconds, so loggers only ask for it when something in the
 * configuration reads those fields (see `callerInfo` in record.ts).
 */
import { fileURLToPath } from "node:url";

/** One stack frame, in the order JS reports them (innermost first). */
interface Frame {
  file: string;
  line: number;
  func: string;
  text: string;
}

/** What `findCaller` returns: Python's `(pathname, lineno, funcName, sinfo)`. */
export interface CallerInfo {
  pathname: string;
  lineno: number;
  funcName: string;
  sinfo: string | null;
}

export const UNKNOWN_CALLER: CallerInfo = {
  pathname: "(unknown file)", lineno: 0, funcName: "(unknown function)", sinfo: null,
};

/** The folder this library's own files live in: its frames are skipped. */
const ownDir = (() => {
  const frames = captureFrames();
  const file = frames.length > 0 ? frames[0].file : "";
  const cut = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return cut >= 0 ? file.slice(0, cut + 1) : "\u0000";
})();

function toPath(file: string): string {
  if (file.startsWith("file://")) {
    try { return fileURLToPath(file); } catch { return file; }
  }
  return file;
}

function captureFrames(): Frame[] {
  const holder: { stack?: unknown } = {};
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let frames: Frame[] = [];
  try {
    Error.stackTraceLimit = 64;
    Error.prepareStackTrace = (_err, sites) =>
      sites.map((s) => {
        const file = toPath(s.getFileName() ?? "<anonymous>");
        const fn = s.getFunctionName();
        const method = s.getMethodName();
        const type = s.isToplevel() ? null : s.getTypeName();
        let func = fn ?? method ?? null;
        if (func === null) func = s.isToplevel() ? "<module>" : "<anonymous>";
        const shown = type && fn && !fn.includes(".") && type !== "Object" ? `${type}.${fn}` : func;
        return {
          file, line: s.getLineNumber() ?? 0, func,
          text: `  File "${file}", line ${s.getLineNumber() ?? 0}, in ${shown}`,
        };
      });
    Error.captureStackTrace(holder, captureFrames);
    frames = (holder.stack as Frame[] | undefined) ?? [];
  } catch {
    frames = [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  return Array.isArray(frames) ? frames : [];
}

function isInternal(frame: Frame): boolean {
  return frame.file.startsWith(ownDir) || frame.file.startsWith("node:");
}

/**
 * Python's `findCaller(stack_info, stacklevel)`: the first frame outside this
 * library, then `stacklevel - 1` further non-library frames out.
 */
export function findCaller(stackInfo: boolean, stacklevel = 1): CallerInfo {
  const frames = captureFrames();
  let i = frames.findIndex((f) => !isInternal(f));
  if (i < 0) return stackInfo ? { ...UNKNOWN_CALLER } : UNKNOWN_CALLER;
  for (let level = stacklevel; level > 1; level--) {
    let j = i + 1;
    while (j < frames.length && isInternal(frames[j])) j++;
    if (j >= frames.length) break;
    i = j;
  }
  const f = frames[i];
  let sinfo: string | null = null;
  if (stackInfo) {
    const outerFirst = frames.slice(i).reverse().map((fr) => fr.text);
    sinfo = "Stack (most recent call last):\n" + outerFirst.join("\n");
  }
  return { pathname: f.file, lineno: f.line, funcName: f.func, sinfo };
}

/** The current call stack outside this library, outermost first, for `handleError`'s "Call stack:". */
export function callStackText(): string {
  const frames = captureFrames().filter((f) => !isInternal(f));
  return frames.reverse().map((f) => f.text).join("\n");
}
