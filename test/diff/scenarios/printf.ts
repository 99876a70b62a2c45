import { normalizeLoggingErrors, type Scenario } from "./common.js";

/** A logger "p" whose records go, formatted as %(message)s, to stdout. */
const PY = `log = logging.getLogger("p"); log.addHandler(logging.StreamHandler(sys.stdout)); log.propagate = False\n`;
const JS = `const log = logging.getLogger("p"); log.addHandler(new logging.StreamHandler(process.stdout)); log.propagate = false;\n`;

/** Scenario whose calls are the same text in both languages (`log.warning(...)` lines). */
function same(name: string, calls: string, extra: Partial<Scenario> = {}): Scenario {
  const body = calls.replace(/^\n/, "");
  const jsBody = body
    .split("\n")
    .map((l) => (l.trim() ? l.replace(/\)\s*$/, ");") : l))
    .join("\n");
  return { name, py: PY + body, js: JS + jsBody, ...extra };
}

export const printf: Scenario[] = [
  same(
    "printf: %s %d %i %u with strings and integers",
    `
log.warning("%s|%d|%i|%u", "text", 42, -7, 3)
log.warning("%s and %s", "one", 2)
log.warning("%d%%", 50)
log.warning("%%s is literal, %s is not", "this")
log.warning("%d of float truncates: %d %d %i", 3.7, -3.7, 2.5, 1e3)
`,
  ),
  same(
    "printf: width, precision and flags on %s and %d",
    `
log.warning("[%5s][%-5s][%.2s][%7.3s][%-7.3s]", "ab", "ab", "abcdef", "abcdef", "abcdef")
log.warning("[%5d][%-5d][%05d][%+d][% d][%+05d][%-+5d]", 42, 42, 42, 42, 42, 42, 42)
log.warning("[%05d][% 05d][%+d][%.3d][%5.3d][%-8.5d]", -42, 42, -42, 7, 7, -7)
log.warning("[%0-5d][%- d][%+ d]", 3, 3, 3)
`,
  ),
  same(
    "printf: %f %F %e %E %g %G",
    `
log.warning("%f|%F|%.2f|%10.3f|%-10.1f|%010.2f|%+.1f", 3.14159, 2.5, 2.675, 3.14159, 2.25, -3.14159, 0.05)
log.warning("%e|%E|%.2e|%12.3e|%.0e|%e", 12345.678, 0.000123, 1234.5, -0.5, 15000, 0)
log.warning("%g|%g|%g|%g|%g|%g|%G", 100000, 1000000, 0.0001, 0.00001, 123456789, 3.14159, 0.0000012)
log.warning("%.3g|%.10g|%#g|%#.3g|%g|%.0g|%#x", 3.14159, 2.5, 1, 100, -0.0, 123, 255)
log.warning("%.0f|%.0f|%.0f|%.1f|%.2f", 0.5, 1.5, 2.5, 0.25, 1.005)
`,
  ),
  same(
    "printf: %x %X %o %c and the # flag",
    `
log.warning("%x|%X|%#x|%#X|%o|%#o|%x|%08x|%-6x|", 255, 255, 255, 255, 8, 8, -255, 48879, 10)
log.warning("%c%c%c|%c|%3c|%-3c|", 72, 105, 33, "z", "a", "b")
log.warning("%c", 9731)
`,
  ),
  same(
    "printf: %r and %a of strings and numbers",
    `
log.warning("%r|%r|%r|%r", "plain", "it's", 42, 2.5)
log.warning("%5r|%-8r|%.3r|", "a", "b", "abcdef")
log.warning("%r", 'say "hi"')
log.warning("%a", "caf\\u00e9")
`,
  ),
  same(
    "printf: * for width and precision",
    `
log.warning("[%*d][%-*d][%.*f][%*.*f]", 5, 42, 5, 42, 2, 3.14159, 8, 3, 2.71828)
log.warning("[%*s]", -6, "ab")
`,
  ),
  same(
    "printf: mapping keys with one plain object argument",
    `
log.warning("%(user)s has %(n)d items (%(n)05.1f)", {"user": "ann", "n": 3})
log.warning("%(a)s %(a)r %(b)-4s|", {"a": "x", "b": "y", "unused": 1})
log.warning("%(x)s and 100%%", {"x": "all"})
`,
  ),
  same(
    "printf: no args leaves % sequences alone",
    `
log.warning("v=%d")
log.warning("100%")
log.warning("%(missing)s")
log.warning("%s %s")
`,
  ),
  same(
    "printf: an empty plain object is a positional argument",
    `
log.warning("v=%s", {})
log.warning("%s|%s", "a", "b")
`,
  ),
  {
    name: "printf: not enough arguments goes to handleError",
    py: PY + `log.warning("%s and %s", "one")\nlog.warning("after")\n`,
    js: JS + `log.warning("%s and %s", "one");\nlog.warning("after");\n`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "printf: too many arguments goes to handleError",
    py: PY + `log.warning("only %s", "one", "two")\nlog.warning("after")\n`,
    js: JS + `log.warning("only %s", "one", "two");\nlog.warning("after");\n`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "printf: %d of a string goes to handleError",
    py: PY + `log.warning("bad %d", "x")\nlog.warning("%x", 2.5)\nlog.warning("%c", "ab")\n`,
    js: JS + `log.warning("bad %d", "x");\nlog.warning("%x", 2.5);\nlog.warning("%c", "ab");\n`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "printf: unsupported conversion and incomplete format go to handleError",
    py: PY + `log.warning("%y", 1)\nlog.warning("50%", 1)\nlog.warning("ok %s", "still")\n`,
    js: JS + `log.warning("%y", 1);\nlog.warning("50%", 1);\nlog.warning("ok %s", "still");\n`,
    normalize: normalizeLoggingErrors,
  },
  {
    name: "printf: a missing mapping key goes to handleError as KeyError",
    py: PY + `log.warning("%(a)s %(b)s", {"a": 1})\nlog.warning("%(a)s %s", {"a": 1})\n`,
    js: JS + `log.warning("%(a)s %(b)s", { a: 1 });\nlog.warning("%(a)s %s", { a: 1 });\n`,
    // The Arguments: line of a mapping differs in shape (dict vs object), so
    // only the error lines and the Message: lines are compared.
    normalize: (t) => normalizeLoggingErrors(t).replace(/^Arguments: .*$/gm, "Arguments: <mapping>"),
  },
  {
    name: "printf: two handlers print the same merged message; disabled levels print nothing",
    py:
      PY +
      `log.addHandler(logging.StreamHandler(sys.stdout))\nlog.warning("%s-%d", "x", 1)\nlog.info("%s", "not enabled")\n`,
    js:
      JS +
      `log.addHandler(new logging.StreamHandler(process.stdout));\nlog.warning("%s-%d", "x", 1);\nlog.info("%s", "not enabled");\n`,
  },
  {
    name: "printf: a non-string msg is converted with str()",
    py: PY + `log.warning(42)\nlog.warning(2.5)\nlog.warning(7, )\n`,
    js: JS + `log.warning(42);\nlog.warning(2.5);\nlog.warning(7);\n`,
  },
];
