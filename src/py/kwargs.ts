/**
 * Python's calling convention in JS: positional arguments in Python's order,
 * and/or a trailing options object holding keyword arguments by name.
 */
import { typeError } from "./errors.js";

/** True for `{...}` literals and `Object.create(null)` objects. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Binds `args` to `names`. A trailing plain object that is empty or names at
 * least one parameter is the keyword object; its unknown keys throw
 * Python's `TypeError`. Keys of the result are only the names given.
 */
export function bindArgs(
  funcName: string,
  names: readonly string[],
  args: ArrayLike<unknown>,
): Record<string, unknown> {
  let n = args.length;
  const out: Record<string, unknown> = Object.create(null);
  const last = n > 0 ? args[n - 1] : undefined;
  let kwargs: Record<string, unknown> | null = null;
  if (isPlainObject(last)) {
    const keys = Object.keys(last);
    if (keys.length === 0 || keys.some((k) => names.includes(k))) {
      kwargs = last;
      n--;
    }
  }
  if (n > names.length) {
    throw typeError(`${funcName}() takes at most ${names.length} positional arguments (${n} given)`);
  }
  for (let i = 0; i < n; i++) out[names[i]] = args[i];
  if (kwargs) {
    for (const key of Object.keys(kwargs)) {
      if (!names.includes(key)) throw typeError(`${funcName}() got an unexpected keyword argument '${key}'`);
      if (key in out && names.indexOf(key) < n) {
        throw typeError(`${funcName}() got multiple values for argument '${key}'`);
      }
      out[key] = kwargs[key];
    }
  }
  return out;
}
