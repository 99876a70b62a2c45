/**
 * Text for exceptions: what `Formatter.formatException` prints for a JS error,
 * with Python's chaining words for `cause`.
 */
import { pyStr } from "../py/repr.js";

const CAUSE_SEPARATOR = "\nThe above exception was the direct cause of the following exception:\n\n";

/** The thrown value inside Python-style `exc_info` (an error, or a `[type, value, tb]` tuple). */
export function exceptionValue(ei: unknown): unknown {
  if (Array.isArray(ei)) return ei.length >= 2 ? ei[1] : null;
  return ei;
}

/** The stack of one error, guarded against hostile getters. */
function errorText(err: Error): string {
  let stack: unknown;
  try {
    stack = err.stack;
  } catch {
    stack = undefined;
  }
  if (typeof stack === "string" && stack.length > 0) return stack;
  try {
    return `${err.name}: ${err.message}`;
  } catch {
    return "Error";
  }
}

/**
 * The text of an exception and its `cause` chain, oldest first, as Python
 * prints chained tracebacks. No trailing newline.
 */
export function formatExceptionText(ei: unknown): string {
  const value = exceptionValue(ei);
  if (value === null || value === undefined || ei === true) return "NoneType: None";
  const chain: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = value;
  while (current !== null && current !== undefined && !seen.has(current)) {
    seen.add(current);
    if (current instanceof Error) {
      chain.push(errorText(current));
      let cause: unknown;
      try {
        cause = current.cause;
      } catch {
        cause = undefined;
      }
      current = cause;
    } else {
      chain.push(safeStr(current));
      break;
    }
  }
  let text = chain.reverse().join("\n" + CAUSE_SEPARATOR);
  if (text.endsWith("\n")) text = text.slice(0, -1);
  return text;
}

function safeStr(v: unknown): string {
  try {
    return pyStr(v);
  } catch {
    return "<unprintable value>";
  }
}
