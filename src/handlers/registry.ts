/**
 * The process's handlers: by name (`getHandlerByName`), and every open
 * handler in creation order (for `shutdown` and the exit flush), as
 * CPython's `_handlers` and `_handlerList`. Entries are weak, so a handler
 * nobody holds can be collected; a closed handler leaves the list at once
 * (CPython prunes it when collected, through `_removeHandlerRef`).
 */
import { type CallerNeeds, markBuiltin, READS_FORMATTED } from "../core/callerPolicy.js";
import type { Handler } from "./handler.js";

const handlersByName = new Map<string, WeakRef<Handler>>();
let handlerList: Array<WeakRef<Handler>> = [];
/** Length after the last sweep of collected entries: sweeping again at twice that keeps adds O(1) amortised. */
let sweptLength = 16;

/** @internal Adds a new handler to the list of open handlers. */
export function registerHandler(h: Handler): void {
  handlerList.push(new WeakRef(h));
  if (handlerList.length >= 2 * sweptLength) {
    handlerList = handlerList.filter((ref) => ref.deref() !== undefined);
    sweptLength = Math.max(16, handlerList.length);
  }
}

/** @internal A closed handler: leaves the list of open handlers, and its name if it still holds it. */
export function unregisterHandler(h: Handler, name: string | null): void {
  const i = handlerList.findIndex((ref) => ref.deref() === h);
  if (i >= 0) handlerList.splice(i, 1);
  // As CPython: the name is freed even when another handler took it since.
  if (name) handlersByName.delete(name);
}

/** @internal A handler's name changed from `old` to `name`. */
export function renameHandler(h: Handler, old: string | null, name: string | null): void {
  if (old !== null) handlersByName.delete(old);
  if (name) handlersByName.set(name, new WeakRef(h));
}

/**
 * The handler registered under `name` (Python 3.12's `getHandlerByName`).
 *
 * @example
 * ```ts
 * const h = new logging.StreamHandler(); h.name = "console";
 * logging.getHandlerByName("console") === h; // true
 * ```
 */
export function getHandlerByName(name: string): Handler | undefined {
  return handlersByName.get(name)?.deref();
}

/** The names of all registered handlers (Python 3.12's `getHandlerNames`). */
export function getHandlerNames(): Set<string> {
  const names = new Set<string>();
  for (const [k, ref] of handlersByName) if (ref.deref()) names.add(k);
  return names;
}

/** @internal Open handlers, oldest first (for `shutdown` and the exit flush). */
export function liveHandlers(): Handler[] {
  const out: Handler[] = [];
  for (const ref of handlerList) {
    const h = ref.deref();
    if (h) out.push(h);
  }
  return out;
}

/** @internal dictConfig starts from scratch: forget every handler made so far. */
export function clearHandlerRegistry(): void {
  handlersByName.clear();
  handlerList = [];
}

/**
 * @internal Marks a handler class as logxide's own: its methods are not read
 * as user code; `needs` says whether its instances read caller fields (by
 * default what the handler's formatter reads).
 */
export function markBuiltinHandler(cls: { prototype: object }, needs: CallerNeeds = READS_FORMATTED): void {
  markBuiltin(cls, needs);
}
