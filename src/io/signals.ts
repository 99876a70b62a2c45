/**
 * Opt-in SIGTERM/SIGINT handling: `handleSignals()` installs a listener that
 * writes out every pending record and then ends the process as the signal
 * would have (the listener removes itself and re-raises the signal, so the
 * exit status still says "killed by SIGTERM" — 143 in a shell, `signal:
 * 'SIGTERM'` for a parent process).
 *
 * Off by default: installing a listener for a signal changes what the signal
 * does in Node (a listener replaces the default "terminate"), and a library
 * must not do that behind an application's back.
 *
 * When the application has its own listener for the signal as well, the
 * records are written out and ending the process is left to that listener
 * (it decides about graceful shutdown); logxide does not re-raise.
 */
import { constants } from "node:os";
import { drainForExit } from "./lifecycle.js";

/** Options of `handleSignals`. */
export interface HandleSignalsOptions {
  /** The signals to handle; default `["SIGTERM", "SIGINT"]`. */
  signals?: NodeJS.Signals[];
  /**
   * Called with the signal's name before pending records are written, e.g.
   * to log a last record ("stopping on SIGTERM"). Errors it throws are ignored.
   */
  onSignal?: (signal: NodeJS.Signals) => void;
}

const installed = new Map<NodeJS.Signals, (signal: NodeJS.Signals) => void>();

/**
 * Writes out pending records on SIGTERM/SIGINT (or `options.signals`), then
 * re-raises the signal. Returns a function that removes the listeners again.
 * Calling it again replaces the earlier installation.
 *
 * Not covered: SIGKILL and SIGSTOP cannot be caught; a signal arriving while
 * a synchronous loop runs is handled only once that loop returns to the event
 * loop (records logged until then are written too).
 */
export function handleSignals(options: HandleSignalsOptions | NodeJS.Signals[] = {}): () => void {
  const opts: HandleSignalsOptions = Array.isArray(options) ? { signals: options } : (options ?? {});
  const signals = opts.signals ?? ["SIGTERM", "SIGINT"];
  unhandleSignals();
  for (const sig of signals) {
    if (sig === "SIGKILL" || sig === "SIGSTOP") {
      throw new TypeError(`handleSignals: ${sig} cannot be caught`);
    }
    const listener = (signal: NodeJS.Signals): void => onSignal(signal ?? sig, listener, opts.onSignal);
    installed.set(sig, listener);
    process.on(sig, listener);
  }
  return unhandleSignals;
}

/** Removes the listeners `handleSignals` installed. */
export function unhandleSignals(): void {
  for (const [sig, listener] of installed) process.removeListener(sig, listener);
  installed.clear();
}

function onSignal(
  signal: NodeJS.Signals,
  listener: (signal: NodeJS.Signals) => void,
  hook: ((signal: NodeJS.Signals) => void) | undefined,
): void {
  if (hook) {
    try {
      hook(signal);
    } catch {
      /* the records must still be written */
    }
  }
  drainForExit();
  // Someone else listens too: they own the decision to end the process.
  if (process.listenerCount(signal) > 1) return;
  process.removeListener(signal, listener);
  installed.delete(signal);
  try {
    process.kill(process.pid, signal);
  } catch {
    /* fall through to the exit below */
  }
  // Normally unreachable on POSIX (the default action ends the process at
  // once). Where re-raising does not end it, exit with the shell's code.
  const num = (constants.signals as Record<string, number>)[signal] ?? 15;
  setTimeout(() => process.exit(128 + num), 1000);
}
