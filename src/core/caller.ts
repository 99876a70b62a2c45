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
  pathname: "(unknown file)",
  lineno: 0,
  funcName: "(unknown function)",
  sinfo: null,
};

/** The folder this library's own files live in (the parent of `core/`, where this file is): its frames are skipped. */
let ownDirCache: string | null = null;
function ownDir(): string {
  if (ownDirCache === null) ownDirCache = findOwnDir();
  return ownDirCache;
}

function findOwnDir(): string {
  const frames = captureFrames();
  const file = frames.length > 0 ? frames[0].file : "";
  const sep = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  const cut = sep >= 0 ? Math.max(file.lastIndexOf("/", sep - 1), file.lastIndexOf("\\", sep - 1)) : -1;
  return cut >= 0 ? file.slice(0, cut + 1) : "\u0000";
}

function toPath(file: string): string {
  if (file.startsWith("file://")) {
    try {
      return fileURLToPath(file);
    } catch {
      return file;
    }
  }
  return file;
}

/** `    at fn (file:line:col)` or `    at file:line:col`, as V8 (and source-map support) print frames. */
const FRAME_LINE = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/** The function name Python would show (`co_name`) for a V8 frame label. */
function functionName(label: string | undefined): string {
  if (label === undefined) return "<module>";
  let name = label.replace(/ \[as [^\]]*\]$/, "").replace(/^(async|new) /, "");
  if (name === "Object.<anonymous>" || name === "Module._compile") return "<module>";
  const dot = name.lastIndexOf(".");
  if (dot >= 0 && !name.endsWith("<anonymous>")) name = name.slice(dot + 1);
  return name || "<anonymous>";
}

/**
 * The current stack, innermost first, read from the formatted `stack` text
 * so that source maps (tsx, --enable-source-maps) give the original lines.
 */
function captureFrames(): Frame[] {
  const holder: { stack?: unknown } = {};
  const savedLimit = Error.stackTraceLimit;
  let stack: unknown;
  try {
    Error.stackTraceLimit = 64;
    Error.captureStackTrace(holder, captureFrames);
    stack = holder.stack;
  } catch {
    stack = undefined;
  } finally {
    Error.stackTraceLimit = savedLimit;
  }
  if (typeof stack !== "string") return [];
  const frames: Frame[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME_LINE.exec(line);
    if (!m) continue;
    const file = toPath(m[2]);
    const lineNo = Number(m[3]);
    const func = functionName(m[1]);
    frames.push({ file, line: lineNo, func, text: `  File "${file}", line ${lineNo}, in ${func}` });
  }
  return frames;
}

function isInternal(frame: Frame): boolean {
  return frame.file.startsWith(ownDir()) || frame.file.startsWith("node:");
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
    const outerFirst = frames
      .slice(i)
      .reverse()
      .map((fr) => fr.text);
    sinfo = "Stack (most recent call last):\n" + outerFirst.join("\n");
  }
  return { pathname: f.file, lineno: f.line, funcName: f.func, sinfo };
}

/** The current call stack outside this library, outermost first, for `handleError`'s "Call stack:". */
export function callStackText(): string {
  const frames = captureFrames().filter((f) => !isInternal(f));
  return frames
    .reverse()
    .map((f) => f.text)
    .join("\n");
}
