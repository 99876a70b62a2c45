/**
 * Detects one file written by file handlers of several threads of this
 * process. Each thread has its own logxide, so two threads with a
 * RotatingFileHandler on one path each rotate on their own idea of the size:
 * records land in renamed files, backups are overwritten, files exceed
 * `maxBytes`. Threads cannot coordinate that; the remedy is one writer (the
 * main thread) fed by `QueueHandler(parentPort)` in the workers.
 *
 * When a file handler opens its file, its thread announces `{ path,
 * threadId }` on a `BroadcastChannel` shared by every thread of the process;
 * a thread that has the same path open answers, so both know of the pair,
 * and the one with the lower thread id emits one process warning
 * (`LOGXIDE_FILE_SHARED_ACROSS_THREADS`) for that path. Messages between
 * threads are asynchronous: the warning comes a few event-loop turns after
 * the second open, never from the open itself. The channel is `unref()`ed, so
 * it never keeps a thread alive. A worker creates it at its first open; the
 * main thread only once a Worker exists (Node's `process` `'worker'` event),
 * then announces what it already has open: a process without workers pays
 * nothing but that one event listener.
 */
import { BroadcastChannel, isMainThread, threadId } from "node:worker_threads";

/** The channel every thread's logxide joins (any build: ESM, CJS, another copy). */
const CHANNEL_NAME = "logxide:file-handlers:v1";

/** The warning's code, for `process.on("warning")` filters. */
export const FILE_SHARED_WARNING_CODE = "LOGXIDE_FILE_SHARED_ACROSS_THREADS";

/** What a file handler tells the module (duck-typed: no import of the handler classes). */
interface FileOwner {
  baseFilename: string;
  mode?: string;
}

interface Announcement {
  kind: "open" | "also-open";
  path: string;
  threadId: number;
  /** The handler rewrites or rotates the file (a plain append is as safe as across processes). */
  unsafe: boolean;
}

/** Paths open in this thread → handlers that have them open (unsafe = rotating or mode "w"). */
const open = new Map<string, { count: number; unsafe: number }>();
/** Handlers announced and not yet closed. */
const announced = new WeakMap<object, { path: string; unsafe: boolean }>();
/** Paths this thread has warned about. */
const reported = new Set<string>();
let channel: BroadcastChannel | null = null;
/** The main thread announces nothing until a Worker has been created (nobody would hear it). */
let workersExist = !isMainThread;

if (isMainThread) {
  process.once("worker", () => {
    workersExist = true;
    // The worker may already be opening files: tell it (and any other) what is open here.
    for (const [path, entry] of open) post({ kind: "open", path, threadId, unsafe: entry.unsafe > 0 });
  });
}

function getChannel(): BroadcastChannel {
  if (channel !== null) return channel;
  const ch = new BroadcastChannel(CHANNEL_NAME);
  // Never what keeps a thread alive.
  ch.unref();
  ch.onmessage = (ev: unknown) => onAnnouncement((ev as { data?: unknown }).data);
  channel = ch;
  return ch;
}

/** Rotating handlers (they define `shouldRollover`) and mode "w" cannot share a file with another writer. */
function isUnsafe(owner: FileOwner): boolean {
  return typeof (owner as { shouldRollover?: unknown }).shouldRollover === "function" || owner.mode === "w";
}

/** @internal A file handler opened `owner.baseFilename` (once per handler until it is closed). */
export function announceFileOpen(owner: FileOwner): void {
  if (announced.has(owner)) return;
  try {
    const path = owner.baseFilename;
    const unsafe = isUnsafe(owner);
    announced.set(owner, { path, unsafe });
    const entry = open.get(path) ?? { count: 0, unsafe: 0 };
    entry.count++;
    if (unsafe) entry.unsafe++;
    open.set(path, entry);
    post({ kind: "open", path, threadId, unsafe });
  } catch {
    /* detection is advisory: it never stands in the way of opening a file */
  }
}

/** @internal The handler closed its file. */
export function announceFileClose(owner: object): void {
  const a = announced.get(owner);
  if (a === undefined) return;
  announced.delete(owner);
  const entry = open.get(a.path);
  if (entry === undefined) return;
  entry.count--;
  if (a.unsafe) entry.unsafe--;
  if (entry.count <= 0) open.delete(a.path);
}

function post(message: Announcement): void {
  if (!workersExist) return;
  try {
    getChannel().postMessage(message);
  } catch {
    /* a closed channel at exit: nothing to report any more */
  }
}

function onAnnouncement(data: unknown): void {
  if (data === null || typeof data !== "object") return;
  const m = data as Partial<Announcement>;
  if (typeof m.path !== "string" || typeof m.threadId !== "number" || m.threadId === threadId) return;
  const mine = open.get(m.path);
  if (mine === undefined) return;
  // Tell the newcomer about us too, so each side of the pair knows of the other.
  if (m.kind === "open") post({ kind: "also-open", path: m.path, threadId, unsafe: mine.unsafe > 0 });
  if (!(m.unsafe || mine.unsafe > 0)) return;
  // Exactly one side of a pair reports it: the lower thread id.
  if (threadId > m.threadId || reported.has(m.path)) return;
  reported.add(m.path);
  process.emitWarning(
    `File handlers in threads ${threadId} and ${m.threadId} of this process both have ${m.path} open. ` +
      "Threads cannot coordinate rotation or truncation of one file: records can be lost and files can " +
      "exceed maxBytes. Log from the workers through new logging.handlers.QueueHandler(parentPort) and " +
      "handle their records in the main thread with a QueueListener on the Worker (docs/reliability.md, worker_threads).",
    { type: "Warning", code: FILE_SHARED_WARNING_CODE },
  );
}
