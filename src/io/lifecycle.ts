/**
 * Every live writer, so `flush()` and the exit hook can write out what is
 * pending. The exit hook is installed once, when the first writer appears.
 */

interface Flushable {
  flushSync(): void;
}

const live = new Set<Flushable>();
const exitHooks: Array<() => void> = [];
let hooked = false;
/** True once the process is exiting: writers then write through at once. */
export let exiting = false;

function installExitHook(): void {
  if (hooked) return;
  hooked = true;
  // 'exit' runs for a natural end, process.exit(), and after an uncaught
  // exception or unhandled rejection has been reported.
  process.on("exit", () => {
    exiting = true;
    drainForExit();
  });
}

/**
 * Runs the exit hooks (handlers' own buffers) and then writes out every
 * writer, synchronously; never throws. The 'exit' hook and the opt-in
 * signal handler (`signals.ts`) both end with this.
 */
export function drainForExit(): void {
  for (const hook of exitHooks) {
    try {
      hook();
    } catch {
      /* keep going: the writers must still be flushed */
    }
  }
  flushAllQuietly();
}

/** Runs `fn` when the process exits, before pending output is written out. */
export function onExit(fn: () => void): void {
  exitHooks.push(fn);
  installExitHook();
}

function flushAllQuietly(): void {
  for (const w of live) {
    try {
      w.flushSync();
    } catch {
      /* nothing more can be done at exit */
    }
  }
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

/** Writes out everything every writer holds, synchronously. */
export function flushAllSync(): void {
  flushAllQuietly();
}
