/**
 * The `$` style: Python's `string.Template.substitute` as
 * `logging.StringTemplateStyle` uses it, compiled once, plus its
 * `validate()`. Placeholders are `$$`, `$name` and `${name}` with names
 * `[_a-zA-Z][_a-zA-Z0-9]*`; anything else after `$` is invalid.
 */
import { valueError } from "../../py/errors.js";
import { cpLength, pyStr } from "../../py/repr.js";

type Token = { kind: "text"; text: string } | { kind: "field"; name: string } | { kind: "invalid"; at: number };

const NAMED = /[_a-zA-Z][_a-zA-Z0-9]*/y;
const BRACED = /\{([_a-zA-Z][_a-zA-Z0-9]*)\}/y;

/** Scans a template the way `Template.pattern` matches it, left to right. */
function scan(fmt: string): Token[] {
  const tokens: Token[] = [];
  let text = "";
  let i = 0;
  for (;;) {
    const dollar = fmt.indexOf("$", i);
    if (dollar < 0) break;
    text += fmt.slice(i, dollar);
    const after = dollar + 1;
    if (fmt[after] === "$") {
      text += "$";
      i = after + 1;
      continue;
    }
    let name: string | null = null;
    NAMED.lastIndex = after;
    BRACED.lastIndex = after;
    let m: RegExpExecArray | null;
    if ((m = NAMED.exec(fmt))) {
      name = m[0];
      i = after + name.length;
    } else if ((m = BRACED.exec(fmt))) {
      name = m[1]!;
      i = after + m[0].length;
    }
    if (text) tokens.push({ kind: "text", text });
    text = "";
    if (name !== null) tokens.push({ kind: "field", name });
    else {
      tokens.push({ kind: "invalid", at: after });
      i = after;
    }
  }
  text += fmt.slice(i);
  if (text) tokens.push({ kind: "text", text });
  return tokens;
}

// str.splitlines() boundaries.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** `Template._invalid`'s message: 1-based line, column counted in code points. */
function invalidMessage(fmt: string, at: number): string {
  const before = fmt.slice(0, at);
  let line = 1;
  let lineStart = 0;
  for (const m of before.matchAll(LINE_BREAK)) {
    line++;
    lineStart = m.index! + m[0].length;
  }
  return `Invalid placeholder in string: line ${line}, col ${cpLength(before.slice(lineStart))}`;
}

/**
 * `logging.StringTemplateStyle.validate()`: `ValueError: invalid format:
 * bare '$' not allowed` at the first `$` that starts no placeholder, else
 * `invalid format: no fields` when there is no `$name` / `${name}`.
 */
export function validateDollar(fmt: string): void {
  let fields = 0;
  for (const t of scan(fmt)) {
    if (t.kind === "invalid") throw valueError("invalid format: bare '$' not allowed");
    if (t.kind === "field") fields++;
  }
  if (!fields) throw valueError("invalid format: no fields");
}

/**
 * Compiles a `$`-style format once. Each field is `lookup(name)` rendered
 * with `pyStr` (its `KeyError` propagates); an invalid placeholder throws
 * `ValueError: Invalid placeholder in string: line L, col C` when rendering
 * reaches it, as `Template.substitute` does.
 */
export function compileDollar(fmt: string): (lookup: (name: string) => unknown) => string {
  const parts = scan(fmt).map((t): string | ((lookup: (name: string) => unknown) => string) => {
    if (t.kind === "text") return t.text;
    if (t.kind === "field") {
      const name = t.name;
      return (lookup) => {
        const v = lookup(name);
        return typeof v === "string" ? v : pyStr(v);
      };
    }
    const message = invalidMessage(fmt, t.at);
    return () => {
      throw valueError(message);
    };
  });
  if (parts.length === 1 && typeof parts[0] === "string") {
    const text = parts[0];
    return () => text;
  }
  return (lookup) => {
    let out = "";
    for (const p of parts) out += typeof p === "string" ? p : p(lookup);
    return out;
  };
}
