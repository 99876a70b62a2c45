/**
 * Splitting a logging call's JS arguments into Python's `*args` and
 * `**kwargs`: a trailing keyword object (`exc_info`, `stack_info`,
 * `stacklevel`, `extra`), and a trailing Error no placeholder uses.
 */
import { countPercentArgs } from "../py/printf.js";
import { isPlainObject } from "../py/kwargs.js";

/** The keyword arguments of a logging call. */
export interface LogKwargs {
  exc_info?: unknown;
  stack_info?: boolean;
  stacklevel?: number;
  extra?: Record<string, unknown> | null;
}

const KEYWORDS = new Set(["exc_info", "stack_info", "stacklevel", "extra"]);

/** True for a non-empty plain object whose keys are all logging keywords. */
export function isLogKwargs(v: unknown): v is LogKwargs {
  if (v === null || typeof v !== "object") return false;
  try {
    if (!isPlainObject(v)) return false;
    let any = false;
    for (const key in v) {
      if (!KEYWORDS.has(key)) return false;
      any = true;
    }
    return any;
  } catch {
    return false; // a hostile object (e.g. a throwing Proxy) is an argument, not keywords
  }
}

/** `args` and `kwargs` of one call. */
export interface SplitCall {
  args: unknown[];
  kwargs: LogKwargs | null;
}

/**
 * Reads `source[start…]` as Python's `*args, **kwargs`. An `Error` left at
 * the end that the message's placeholders do not consume becomes `exc_info`
 * (unless `exc_info` was given).
 */
export function splitCall(msg: unknown, source: ArrayLike<unknown>, start: number): SplitCall {
  let end = source.length;
  let kwargs: LogKwargs | null = null;
  if (end > start && isLogKwargs(source[end - 1])) {
    kwargs = source[end - 1] as LogKwargs;
    end--;
  }
  const args = argsSlice(source, start, end);
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  if (last instanceof Error && (kwargs === null || kwargs.exc_info === undefined) && !placeholderUses(msg, args)) {
    args.pop();
    kwargs = { ...kwargs, exc_info: last };
  }
  return { args, kwargs };
}

/**
 * `source[start…end)` as a new array. Calls mostly pass a few arguments: an
 * array literal of exactly that size is packed and allocated once, where
 * `push` onto `[]` grows a spare backing store.
 */
export function argsSlice(source: ArrayLike<unknown>, start: number, end: number): unknown[] {
  switch (end - start) {
    case 0:
      return [];
    case 1:
      return [source[start]];
    case 2:
      return [source[start], source[start + 1]];
    case 3:
      return [source[start], source[start + 1], source[start + 2]];
    default: {
      const args: unknown[] = [];
      for (let i = start; i < end; i++) args.push(source[i]);
      return args;
    }
  }
}

/** True when the message's `%` placeholders consume every argument. */
function placeholderUses(msg: unknown, args: unknown[]): boolean {
  if (typeof msg !== "string") return false;
  const used = countPercentArgs(msg);
  if (used >= 0) return used >= args.length;
  // A `%(key)` format takes one mapping; a trailing error after it is extra.
  return args.length === 1;
}
