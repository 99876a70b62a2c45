/**
 * Async context: fields bound for a unit of work (a request, a job) that
 * appear on every record logged inside it, across `await`, timers, promises
 * and event emitters, through Node's AsyncLocalStorage.
 *
 * The storage is created on first use, so a program that never binds
 * context pays one boolean test per record.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** Fields bound to the current async context. */
export type ContextFields = Readonly<Record<string, unknown>>;

let storage: AsyncLocalStorage<ContextFields> | null = null;

/** @internal True once any context was bound: records then look for fields. */
export let contextInUse = false;

function store(): AsyncLocalStorage<ContextFields> {
  if (storage === null) {
    storage = new AsyncLocalStorage<ContextFields>();
    contextInUse = true;
  }
  return storage;
}

/** A frozen copy of `fields` over the current context's fields (inner wins). */
function merged(fields: Record<string, unknown>): ContextFields {
  const outer = storage?.getStore();
  const out: Record<string, unknown> = Object.create(null);
  if (outer) for (const k of Object.keys(outer)) out[k] = outer[k];
  if (fields !== null && typeof fields === "object") {
    for (const k of Object.keys(fields)) out[k] = fields[k];
  }
  return Object.freeze(out);
}

/**
 * Runs `fn` with `fields` bound: every record logged inside it, also later
 * from callbacks and promises it starts, carries them (`%(requestId)s` in a
 * format string, a key in JSONFormatter output, an attribute filters read).
 * Nested calls add to the outer fields; an inner value wins over an outer
 * one. Returns what `fn` returns (a Promise stays a Promise).
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * const log = logging.getLogger("web");
 * logging.withContext({ requestId: "r-17" }, async () => {
 *   await Promise.resolve();
 *   log.warning("slow request"); // record.requestId === "r-17"
 * });
 * ```
 */
export function withContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  return store().run(merged(fields), fn);
}

/**
 * Binds `fields` for the rest of the current synchronous execution and the
 * async work it starts (AsyncLocalStorage's `enterWith`), e.g. in a request
 * middleware that cannot wrap the handler in a callback. Prefer
 * `withContext` where a callback fits: it ends cleanly.
 */
export function bindContext(fields: Record<string, unknown>): void {
  store().enterWith(merged(fields));
}

/** The fields bound to the current async context (an empty object when none). */
export function getContext(): ContextFields {
  return storage?.getStore() ?? EMPTY;
}

const EMPTY: ContextFields = Object.freeze(Object.create(null));

/**
 * @internal Copies the current context's fields onto `record`. A field never
 * replaces an attribute the record already has: the record's own attributes
 * and a call's `extra` win over context (the call site is the more specific
 * of the two). A name the record only inherits (`constructor`, `toString`)
 * is no attribute of it: such a field is stored, as `extra` stores it. `taskName`, which Python fills with the asyncio task's name,
 * takes the context's `taskName` when one is bound.
 */
export function applyContext(record: Record<string, unknown>): void {
  const fields = storage?.getStore();
  if (fields === undefined) return;
  for (const key of Object.keys(fields)) {
    if (key === "taskName") {
      if (record.taskName === null || record.taskName === undefined) record.taskName = fields[key];
    } else if (key !== "message" && key !== "asctime" && !Object.hasOwn(record, key)) {
      // The record's attributes (and extra's fields) are own properties. An
      // inherited name (`constructor`, `toString`, `__proto__`) is shadowed
      // by a data property, as extra stores it, never assigned through.
      Object.defineProperty(record, key, { value: fields[key], writable: true, enumerable: true, configurable: true });
    }
  }
}
