/**
 * Python's text encodings for log files beyond UTF-8: `latin-1` and `ascii`
 * with the `errors` handlers (`strict`, `replace`, `ignore`,
 * `backslashreplace`, `xmlcharrefreplace`).
 */
import { pyError } from "../py/errors.js";

/** Node's name for an encoding Python names, or null when unsupported. */
export function nodeEncoding(encoding: string | null | undefined): "utf8" | "latin1" | "ascii" | null {
  const e = (encoding ?? "utf-8").toLowerCase().replace(/_/g, "-");
  if (e === "utf-8" || e === "utf8" || e === "locale") return "utf8";
  if (e === "latin-1" || e === "latin1" || e === "iso-8859-1" || e === "iso8859-1" || e === "l1") return "latin1";
  if (e === "ascii" || e === "us-ascii") return "ascii";
  return null;
}

/** Throws Python's `LookupError` for an encoding logxide cannot write. */
export function checkEncoding(encoding: string | null | undefined): void {
  if (nodeEncoding(encoding) === null) throw pyError("LookupError", `unknown encoding: ${encoding}`);
}

/**
 * Makes `text` writable in a one-byte encoding: characters above the limit
 * are handled as Python's `errors` says (strict throws `UnicodeEncodeError`).
 */
export function narrowText(text: string, enc: "latin1" | "ascii", errors: string | null): string {
  const limit = enc === "latin1" ? 0xff : 0x7f;
  let out = "";
  let pos = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= limit) out += ch;
    else {
      switch (errors ?? "strict") {
        case "replace":
          out += "?";
          break;
        case "ignore":
          break;
        case "backslashreplace":
          out += escapeChar(cp);
          break;
        case "xmlcharrefreplace":
          out += `&#${cp};`;
          break;
        default: {
          const name = enc === "latin1" ? "latin-1" : "ascii";
          // Python reports a run of unencodable characters as one range.
          const rest = [...text].slice(pos);
          let run = 0;
          while (run < rest.length && rest[run].codePointAt(0)! > limit) run++;
          const what =
            run > 1
              ? `characters in position ${pos}-${pos + run - 1}`
              : `character '${escapeChar(cp)}' in position ${pos}`;
          throw pyError(
            "UnicodeEncodeError",
            `'${name}' codec can't encode ${what}: ordinal not in range(${limit + 1})`,
          );
        }
      }
    }
    pos++;
  }
  return out;
}

/** Python's escape of one character in an encode error: `\xd8`, `\u20ac`, `\U0001f600`. */
function escapeChar(cp: number): string {
  return cp <= 0xff ? "\\x" + hex(cp, 2) : cp <= 0xffff ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}
