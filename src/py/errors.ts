/**
 * Errors that carry Python's exception class as `name` and Python's text as
 * `message`, so `${e.name}: ${e.message}` reads exactly like CPython's
 * traceback line.
 */

/** Python exception class names logxide raises. */
export type PyErrorName =
  | "ValueError"
  | "TypeError"
  | "KeyError"
  | "AttributeError"
  | "IndexError"
  | "OverflowError"
  | "NotImplementedError"
  | "FileNotFoundError"
  | "PermissionError"
  | "IsADirectoryError"
  | "OSError"
  | "RuntimeError"
  | "LookupError"
  | "UnicodeEncodeError";

/** Creates an `Error` whose `name` is a Python exception class name. */
export function pyError(name: PyErrorName, message: string, cause?: unknown): Error {
  const err = cause === undefined ? new Error(message) : new Error(message, { cause });
  err.name = name;
  return err;
}

/** `ValueError(message)`. */
export const valueError = (message: string, cause?: unknown): Error => pyError("ValueError", message, cause);
/** `TypeError(message)` with Python's class name. */
export const typeError = (message: string): Error => pyError("TypeError", message);

/**
 * `KeyError(key)`: Python prints a KeyError's argument with `repr`, so the
 * message is the key quoted as Python would quote it.
 */
export function keyError(key: string): Error {
  return pyError("KeyError", quoteLikePython(key));
}

/** Characters Python's `str.isprintable()` rejects (categories C* and Z* except the space). */
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python's `repr()` of a string: single quotes unless the text holds a single quote and no double quote. */
export function quoteLikePython(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f || cp === 0x20) out += ch;
    else if (NON_PRINTABLE.test(ch))
      out += cp < 0x100 ? "\\x" + hex(cp, 2) : cp < 0x10000 ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8);
    else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}
