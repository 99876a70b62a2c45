/**
 * Every live writer, so `flush()` and the exit hook can write out what is
 * pending, and the process 'exit' hook itself.
 *
 * The hook is registered with `prependListener`, so it runs before 'exit'
 * listeners the application registered earlier: a listener that throws, or
 * that calls `process.exit()` (which ends the process at once when called
 * during 'exit'), would otherwise stop the listeners after it. When a later
 * 'exit' listener is prepended, the hook moves back to the front at the end
 * of that synchronous turn (a microtask). Not covered: a listener prepended
 * and then `process.exit()` in the same synchronous run, before that
 * microtask; and `process.reallyExit`/`process.abort()`, which run no
 * listener at all.
 *
 * Another party may keep its own listener first the same way (a second,
 * incompatible copy of logxide does). Each would move on the other's move,
 * forever, with the event loop starved: so the hook moves back in front of
 * one given listener at most {@link MOVES_PER_RIVAL} times and then lets it
 * lead.
 */

/** A writer that holds text not yet handed to the OS. */
export interface Flushable {
  /** Writes what is pending as far as it can now without waiting for a slow reader. */
  flushSync(): void;
  /** Writes everything pending, waiting (blocking) for a slow reader if it must. */
  drainSync(): void;
  /** While the writer waits for a slow reader: settles once its backlog is written. */
  whenWritten?(): Promise<void> | undefined;
}

const live = new Set<Flushable>();
const exitHooks: Array<() => void> = [];
let hooked = false;
let movePending = false;
/** How often the hook moves back in front of the same listener before it yields. */
const MOVES_PER_RIVAL = 2;
const movesAhead = new WeakMap<(...args: unknown[]) => void, number>();
/** True once the process is exiting: writers then write through at once. */
export let exiting = false;

function onProcessExit(): void {
  exiting = true;
  drainForExit();
}

function keepHookFirst(): void {
  movePending = false;
  const first = process.listeners("exit")[0] as ((...args: unknown[]) => void) | undefined;
  if (first === undefined || first === onProcessExit) return;
  const moves = movesAhead.get(first) ?? 0;
  if (moves >= MOVES_PER_RIVAL) return;
  movesAhead.set(first, moves + 1);
  process.removeListener("exit", onProcessExit);
  process.prependListener("exit", onProcessExit);
}

function installExitHook(): void {
  if (hooked) return;
  hooked = true;
  // 'exit' runs for a natural end, process.exit(), and after an uncaught
  // exception or unhandled rejection has been reported.
  process.prependListener("exit", onProcessExit);
  // 'newListener' fires before the new listener is added: move back to the
  // front once it has been (a listener added with `on` goes behind us anyway).
  process.on("newListener", (event: string | symbol, listener: unknown) => {
    if (event !== "exit" || listener === onProcessExit || movePending || exiting) return;
    movePending = true;
    queueMicrotask(keepHookFirst);
  });
}

/**
 * Runs the exit hooks (handlers' own buffers) and then writes out every
 * writer, synchronously, waiting for slow readers; never throws. The 'exit'
 * hook and the opt-in signal handler (`signals.ts`) both end with this.
 */
export function drainForExit(): void {
  for (const hook of exitHooks) {
    try {
      hook();
    } catch {
      /* keep going: the writers must still be flushed */
    }
  }
  for (const w of [...live]) {
    try {
      w.drainSync();
    } catch {
      /* nothing more can be done at exit */
    }
  }
}

/** Runs `fn` when the process exits, before pending output is written out. */
export function onExit(fn: () => void): void {
  exitHooks.push(fn);
  installExitHook();
}

/** @internal */
export function registerWriter(w: Flushable): void {
  live.add(w);
  installExitHook();
}

/** @internal */
export function unregisterWriter(w: Flushable): void {
  live.delete(w);
}

/**
 * Hands everything every writer holds to the OS, synchronously, except what a
 * non-blocking stdio writer is waiting to write to a slow reader (see
 * {@link pendingWrites}).
 */
export function flushAllSync(): void {
  for (const w of [...live]) {
    try {
      w.flushSync();
    } catch {
      /* a writer reports its own errors */
    }
  }
}

/** Promises for the writers that are waiting for a slow reader; empty when none is. */
export function pendingWrites(): Promise<void>[] {
  const out: Promise<void>[] = [];
  for (const w of live) {
    const p = w.whenWritten?.();
    if (p) out.push(p);
  }
  return out;
}
