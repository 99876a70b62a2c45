/**
 * Python names in configuration (`logging.handlers.RotatingFileHandler`,
 * `ext://sys.stdout`, an application's `myapp.log.Filter`) → objects. Only
 * registered names resolve: a configuration document cannot reach
 * arbitrary code. Unknown names fail with CPython's texts, which follow
 * from how Python imports a dotted path (a missing module, or a name under
 * a module that is not a package).
 */
import { parentPort } from "node:worker_threads";
import { quoteLikePython, valueError } from "../py/errors.js";
import { BUILTIN_MODULES, BUILTIN_PACKAGES, OTHER_MODULES } from "./builtins.js";

const registry = new Map<string, unknown>();
for (const [module, members] of Object.entries(BUILTIN_MODULES)) {
  for (const [name, value] of Object.entries(members)) registry.set(`${module}.${name}`, value);
}
// `ext://sys.stdout` and `ext://sys.stderr` are whatever the process has when
// the document is read; `ext://worker_threads.parentPort` is the port of the
// worker thread reading it (a QueueHandler's queue: records go to the main
// thread's QueueListener), null on the main thread.
const DYNAMIC = new Map<string, () => unknown>([
  ["sys.stdout", () => process.stdout],
  ["sys.stderr", () => process.stderr],
  ["worker_threads.parentPort", () => parentPort],
]);
const isRegistered = (key: string): boolean => registry.has(key) || DYNAMIC.has(key);
const registered = (key: string): unknown => (DYNAMIC.has(key) ? DYNAMIC.get(key)!() : registry.get(key));
/** Prefixes of names an application registered: they behave as Python packages. */
const namespaces = new Set<string>(BUILTIN_PACKAGES);
/** Python modules that are not packages: a missing name under them says so. */
const MODULES = new Set([...Object.keys(BUILTIN_MODULES), ...OTHER_MODULES].filter((m) => !BUILTIN_PACKAGES.has(m)));
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Attributes never followed on a registered object (they lead to code, not values). */
const HIDDEN = new Set(["prototype", "constructor", "__proto__", "caller", "arguments"]);

/** `logxide.x` is `logging.x`: both spellings name the same object. */
function canonical(name: string): string {
  return name === "logxide" ? "logging" : name.startsWith("logxide.") ? "logging." + name.slice(8) : name;
}

/** Registers `value` under a dotted name (logxide's own names; see `register` for applications). */
export function registerName(name: string, value: unknown): void {
  registry.set(canonical(name), value);
}

/**
 * Makes `value` (a class, a factory function, or any object such as a
 * stream) reachable from configuration documents under a dotted name, for
 * `"class"`, `"()"` and `ext://` values. Accepts one name and value, or an
 * object mapping names to values. Names are dotted identifiers; the
 * prefixes of a registered name act as Python packages in error messages.
 *
 * @example
 * ```ts
 * logging.config.register("myapp.log.RequestFilter", RequestFilter);
 * logging.config.register({ "myapp.handlers.Audit": AuditHandler, "myapp.out": auditStream });
 * logging.config.dictConfig(JSON.parse(readFileSync("logging.json", "utf8")));
 * ```
 */
export function register(name: string | Record<string, unknown>, value?: unknown): void {
  const entries = typeof name === "string" ? [[name, value] as const] : Object.entries(name);
  for (const [n] of entries) {
    if (typeof n !== "string" || !DOTTED.test(n)) {
      throw valueError(`Not a valid dotted name: ${quoteLikePython(String(n))}`);
    }
  }
  for (const [n, v] of entries) {
    const key = canonical(n);
    registry.set(key, v);
    for (let i = key.indexOf("."); i > 0; i = key.indexOf(".", i + 1)) namespaces.add(key.slice(0, i));
  }
}

/** Removes a name `register` added (for tests and hot reloads); true if it was registered. */
export function unregister(name: string): boolean {
  return registry.delete(canonical(name));
}

const isModule = (key: string): boolean => namespaces.has(key) || MODULES.has(key);

/** The `No module named …` text Python's import machinery gives for `missing` under module `parent`. */
function noModule(missing: string, parent: string | null): string {
  const text = `No module named ${quoteLikePython(missing)}`;
  return parent !== null && !namespaces.has(canonical(parent))
    ? `${text}; ${quoteLikePython(parent)} is not a package`
    : text;
}

/** A module as an object: its registered members by their last name. */
function moduleObject(key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = key + ".";
  for (const [k, v] of registry) {
    if (k.startsWith(prefix) && !k.slice(prefix.length).includes(".")) out[k.slice(prefix.length)] = v;
  }
  return Object.freeze(out);
}

/**
 * Walks `name` as Python's `BaseConfigurator.resolve` does; returns the
 * object or the import failure's text.
 */
function lookup(name: string): { value: unknown } | { error: string } {
  if (name === "") return { error: "Empty module name" };
  const exact = canonical(name);
  if (isRegistered(exact)) return { value: registered(exact) };
  const parts = name.split(".");
  let used = parts[0]!;
  if (!isModule(canonical(used))) return { error: noModule(used, null) };
  let lastModule = used;
  let lastModuleDepth = 0;
  let found: unknown = null;
  let inModule = true;
  for (let i = 1; i < parts.length; i++) {
    const frag = parts[i]!;
    const parent = used;
    used += "." + frag;
    const key = canonical(used);
    if (isRegistered(key)) {
      found = registered(key);
      inModule = false;
    } else if (inModule && isModule(key)) {
      lastModule = used;
      lastModuleDepth = i;
    } else if (
      !inModule &&
      (typeof found === "function" || (found !== null && typeof found === "object")) &&
      !HIDDEN.has(frag) &&
      Object.hasOwn(found as object, frag)
    ) {
      found = (found as Record<string, unknown>)[frag];
    } else if (inModule) {
      return { error: noModule(used, parent) };
    } else {
      // Python then imports the object's path as a module, which fails at the object.
      return { error: noModule(parts.slice(0, lastModuleDepth + 2).join("."), lastModule) };
    }
  }
  return { value: inModule ? moduleObject(canonical(used)) : found };
}

/** The object for a dotted Python name, or Python's `ValueError: Cannot resolve 'x': No module named …`. */
export function resolveName(name: string): unknown {
  const r = lookup(name);
  if ("value" in r) return r.value;
  if (r.error === "Empty module name") throw valueError(r.error);
  const cause = new Error(r.error);
  cause.name = "ModuleNotFoundError";
  throw valueError(`Cannot resolve ${quoteLikePython(name)}: ${r.error}`, cause);
}

/**
 * The object for a dotted name as Python's module-level `_resolve` gives it
 * (formatter `"class"` values): the import error itself,
 * `ModuleNotFoundError: No module named …`.
 */
export function importName(name: string): unknown {
  const r = lookup(name);
  if ("value" in r) return r.value;
  const err = new Error(r.error);
  err.name = r.error === "Empty module name" ? "ValueError" : "ModuleNotFoundError";
  throw err;
}
