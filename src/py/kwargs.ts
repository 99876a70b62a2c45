/**
 * Python's calling convention in JS: positional arguments in Python's order,
 * and/or a trailing options object holding keyword arguments by name.
 *
 * Each public class declares its Python parameter list once, as a
 * `static readonly signature`; its constructor binds its arguments with it
 * (`bindArgs`), and `dictConfig` uses the same table to construct the class
 * from a configuration document's keyword names. Errors are Python's
 * `TypeError` texts (`FileHandler.__init__() got an unexpected keyword
 * argument 'strem'`).
 */
import { typeError } from "./errors.js";

/** True for `{...}` literals and `Object.create(null)` objects. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A Python function's parameters, in order, as its `TypeError` messages name them. */
export interface Signature {
  /** The qualified name in messages: `"FileHandler.__init__"`. */
  readonly name: string;
  /** Positional-or-keyword parameters, in Python's order. */
  readonly params: readonly string[];
  /** How many leading `params` have no default. */
  readonly required: number;
  /** Keyword-only parameters (after Python's `*`). */
  readonly kwOnly: readonly string[];
}

/**
 * Declares the signature of class `cls`'s constructor: `params` in Python's
 * order, the first `required` of them without default, then keyword-only
 * names.
 *
 * @example
 * ```ts
 * class MyHandler extends Handler {
 *   static readonly signature = signature("MyHandler", ["path", "mode"], 1);
 *   constructor(...args: unknown[]) {
 *     const a = bindArgs(MyHandler.signature, args);
 *     super();
 *     // a.path, a.mode
 *   }
 * }
 * ```
 */
export function signature(
  cls: string,
  params: readonly string[],
  required = 0,
  kwOnly: readonly string[] = [],
): Signature {
  return Object.freeze({
    name: `${cls}.__init__`,
    params: Object.freeze([...params]),
    required,
    kwOnly: Object.freeze([...kwOnly]),
  });
}

/**
 * The signature of a plain function (a factory named by `"()"` in a
 * configuration): messages name it `name()`, as Python names a function.
 *
 * @example
 * ```ts
 * export function makeFormatter(kw: { fmt?: string }) { ... }
 * makeFormatter.signature = functionSignature("makeFormatter", ["fmt", "datefmt"]);
 * ```
 */
export function functionSignature(
  name: string,
  params: readonly string[],
  required = 0,
  kwOnly: readonly string[] = [],
): Signature {
  return Object.freeze({ ...signature(name, params, required, kwOnly), name });
}

/** Brand of a keyword object built by `keywords()`: never read as a positional argument. */
const KEYWORDS: unique symbol = Symbol("logxide.keywords");

/**
 * Marks `kwargs` as keyword arguments (Python's `f(**kwargs)`): `bindArgs`
 * then binds every key by name, and an unknown one is Python's `TypeError`,
 * even when no key names a parameter. `dictConfig` calls classes this way.
 */
export function keywords<T extends Record<string, unknown>>(kwargs: T): T {
  Object.defineProperty(kwargs, KEYWORDS, { value: true, enumerable: false });
  return kwargs;
}

/** True for an object made by `keywords()`. */
export function isKeywords(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && Object.hasOwn(v, KEYWORDS);
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: Python's list of missing names. */
function nameList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length <= 2) return q.join(" and ");
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/**
 * Binds `args` to `sig`. A trailing object made by `keywords()`, or a
 * plain object that is empty or names at least one parameter, is the
 * keyword object; its unknown keys throw Python's `TypeError`, as do too
 * many positional arguments, one given twice, or a required one missing.
 * Keys of the result are only the names given.
 */
export function bindArgs(sig: Signature, args: ArrayLike<unknown>): Record<string, unknown> {
  const { params, kwOnly } = sig;
  let n = args.length;
  const out: Record<string, unknown> = Object.create(null);
  const last = n > 0 ? args[n - 1] : undefined;
  let kwargs: Record<string, unknown> | null = null;
  if (isKeywords(last)) {
    kwargs = last;
    n--;
  } else if (isPlainObject(last)) {
    const keys = Object.keys(last);
    if (keys.length === 0 || keys.some((k) => params.includes(k) || kwOnly.includes(k))) {
      kwargs = last;
      n--;
    }
  }
  if (n > params.length) {
    const most = params.length + 1;
    const takes = sig.required === params.length ? `${most}` : `from ${sig.required + 1} to ${most}`;
    throw typeError(
      `${sig.name}() takes ${takes} positional argument${most === 1 ? "" : "s"} but ${n + 1} ${n + 1 === 1 ? "was" : "were"} given`,
    );
  }
  for (let i = 0; i < n; i++) out[params[i]] = args[i];
  if (kwargs) {
    for (const key of Object.keys(kwargs)) {
      const at = params.indexOf(key);
      if (at < 0 && !kwOnly.includes(key)) {
        throw typeError(`${sig.name}() got an unexpected keyword argument '${key}'`);
      }
      if (at >= 0 && at < n) throw typeError(`${sig.name}() got multiple values for argument '${key}'`);
      out[key] = kwargs[key];
    }
  }
  if (sig.required > n) {
    const missing = params.slice(0, sig.required).filter((p) => !(p in out));
    if (missing.length > 0) {
      throw typeError(
        `${sig.name}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${nameList(missing)}`,
      );
    }
  }
  return out;
}

/**
 * The signature a class declares itself (`static readonly signature`), not
 * one inherited from a base class: a subclass with its own constructor
 * takes its own arguments.
 */
export function ownSignature(cls: Function): Signature | null {
  if (!Object.hasOwn(cls, "signature")) return null;
  const sig = (cls as unknown as { signature: unknown }).signature;
  return sig !== null && typeof sig === "object" && Array.isArray((sig as Signature).params)
    ? (sig as Signature)
    : null;
}
