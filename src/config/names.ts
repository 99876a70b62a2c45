/**
 * Python names in configuration (`logging.handlers.RotatingFileHandler`,
 * `ext://sys.stdout`) → logxide's objects. Only known names resolve: a
 * configuration file cannot reach arbitrary code.
 */
import { quoteLikePython, valueError } from "../py/errors.js";

const registry = new Map<string, unknown>();

/** Registers `value` under a dotted name (also `logging.x` ↔ `logxide.x`). */
export function registerName(name: string, value: unknown): void {
  registry.set(name, value);
}

/** The object for a dotted Python name, or Python's `ValueError: Cannot resolve …`. */
export function resolveName(name: string): unknown {
  if (name === "sys.stdout") return process.stdout;
  if (name === "sys.stderr") return process.stderr;
  const key = name.startsWith("logxide.") ? "logging." + name.slice(8) : name;
  if (registry.has(key)) return registry.get(key);
  const top = name.split(".")[0];
  throw valueError(`Cannot resolve ${quoteLikePython(name)}: No module named ${quoteLikePython(top)}`);
}
