/** Shared helpers for scenario files. */
export type { Scenario } from "../harness.js";

/**
 * Template tag for scenario code: like String.raw (backslashes reach the
 * script untouched, so `"a\n"` in a scenario is `"a\n"` in the script), but
 * `\${` and `` \` `` become `${` and `` ` `` so JavaScript template literals
 * and `$`-style format strings can be written inside.
 */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw(strings, ...values).replace(/\\(\$\{|`)/g, "$1");
}

const ERROR_LINE = /^[A-Za-z_][\w.]*(Error|Exception|Warning)(: |$)/;

/**
 * Why: a `--- Logging error ---` block holds a Python traceback (with file
 * paths, source lines and chained exceptions) on one side and a JS stack on
 * the other. Keep what both must agree on: the header, the error that was
 * raised ("ClassName: text"; in a Python traceback it is the last unindented
 * error line, in a JS stack the first line), the `Message:` line and the
 * `Arguments:` line (the arguments' tuple on both sides). Everything outside
 * the blocks is compared as is.
 */
export function normalizeLoggingErrors(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "--- Logging error ---") {
      out.push(lines[i]!);
      continue;
    }
    out.push(lines[i]!);
    let error = "<no error line>";
    let j = i + 1;
    let inCallStack = false;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.startsWith("Message: ")) {
        out.push(error, l);
        const next = lines[j + 1];
        if (next?.startsWith("Arguments: ")) {
          out.push(next);
          j++;
        }
        break;
      }
      if (l === "Call stack:") inCallStack = true;
      if (!inCallStack && ERROR_LINE.test(l)) {
        // Python: the last error line is the exception raised; JS: the stack's
        // first line. Keep the last one seen before "Call stack:", unless it
        // is a JS "Caused by"-style chain (indented, so not matched).
        error = l;
      }
    }
    i = j;
  }
  return out.join("\n");
}

/**
 * Why: an exception's or a stack's text is a Python traceback on one side and
 * a JS stack on the other. Drop the parts that are necessarily different
 * (indented frame lines, Python's "Traceback (most recent call last):"
 * header) and keep the placement: the message, the newline before the text,
 * the final "ClassName: text" line and any "Stack (most recent call last):"
 * header.
 */
export function normalizeTracebacks(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s/.test(l) && l !== "Traceback (most recent call last):")
    .join("\n");
}
