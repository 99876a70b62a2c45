/**
 * A formatter for reading logs in a terminal while developing: level colours,
 * an optional time, the logger name, the message, `extra` and context fields
 * as `key=value`, and exceptions with their `cause` chains, newest first.
 *
 * Log text is untrusted: control characters in it (escape sequences that
 * move the cursor, recolour or clear the screen, carriage returns that
 * overwrite a line) are shown escaped (`\x1b`, `\r`), and a newline inside a
 * message continues under a `│` gutter, so a message can't forge a line that
 * looks like a record of its own.
 */
import { inspect } from "node:util";
import type { LogRecord } from "../core/record.js";
import { STANDARD_FIELDS } from "../core/recordFields.js";
import { exceptionValue } from "./exception.js";
import { Formatter } from "./formatter.js";
import { bindArgs, signature } from "../py/kwargs.js";

/** Options of `new ConsoleFormatter({...})`. */
export interface ConsoleFormatterOptions {
  /**
   * Colours: `true`, `false`, or `"auto"` (the default: on when the stream
   * given to `shouldColor` is a TTY; `NO_COLOR` turns them off, `FORCE_COLOR`
   * on or off, as Node's own tools read them).
   */
  colors?: boolean | "auto";
  /** The stream `"auto"` looks at (default `process.stderr`). */
  stream?: { isTTY?: boolean } | null;
  /** `"time"` (HH:MM:SS.mmm, local; the default), `"iso"` (UTC ISO 8601) or `false`. */
  timestamp?: "time" | "iso" | false;
  /** Show `extra` and context fields as `key=value` after the message (default true). */
  fields?: boolean;
}

const STANDARD = new Set(STANDARD_FIELDS);

const RESET = "\x1b[0m";
const DIM = "\x1b[2m";
const BOLD = "\x1b[1m";
const style = (on: boolean, code: string, text: string): string => (on ? code + text + RESET : text);

/** The colour of a level, by where its number falls (custom levels included). */
function levelColor(levelno: number): string {
  if (levelno >= 50) return "\x1b[1;37;41m"; // CRITICAL: bold white on red
  if (levelno >= 40) return "\x1b[1;31m"; // ERROR: bold red
  if (levelno >= 30) return "\x1b[33m"; // WARNING: yellow
  if (levelno >= 20) return "\x1b[32m"; // INFO: green
  return "\x1b[36m"; // DEBUG and below: cyan
}

/**
 * Whether colours should be used on `stream`: `FORCE_COLOR` first (`0` or
 * `false` off, anything else on), then `NO_COLOR` (set and not empty: off),
 * then whether the stream is a TTY and `TERM` is not `dumb`.
 */
export function shouldColor(stream: { isTTY?: boolean } | null | undefined, env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return Boolean(stream?.isTTY) && env.TERM !== "dumb";
}

/** Control characters (C0 except tab, DEL, C1) as visible escapes. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x0d) return "\\r";
    if (code === 0x1b) return "\\x1b";
    return "\\x" + code.toString(16).padStart(2, "0");
  });
}

/**
 * Development console formatting. Use it through `ConsoleHandler`, or set it
 * on any handler; configurable from dictConfig
 * (`{ "()": "logxide.ConsoleFormatter", "colors": "auto" }`).
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * const h = new logging.StreamHandler(process.stderr);
 * h.setFormatter(new logging.ConsoleFormatter({ timestamp: "time" }));
 * logging.getLogger().addHandler(h);
 * ```
 */
export class ConsoleFormatter extends Formatter {
  /** True when this formatter writes colour escapes. */
  readonly colors: boolean;
  readonly timestamp: "time" | "iso" | false;
  readonly showFields: boolean;

  /** Its parameters by name, for `dictConfig` (`"()": "logxide.ConsoleFormatter"`). */
  static override readonly signature = signature("ConsoleFormatter", ["colors", "stream", "timestamp", "fields"]);

  constructor(options?: ConsoleFormatterOptions);
  constructor(...args: unknown[]) {
    const options = bindArgs(ConsoleFormatter.signature, args) as ConsoleFormatterOptions;
    super("%(message)s");
    const colors = options.colors ?? "auto";
    this.colors =
      colors === "auto" ? shouldColor(options.stream === undefined ? process.stderr : options.stream) : colors;
    this.timestamp = options.timestamp ?? "time";
    this.showFields = options.fields ?? true;
  }

  override format(record: LogRecord): string {
    const c = this.colors;
    const message = record.getMessage();
    record.message = message;
    let out = "";
    if (this.timestamp !== false) out += style(c, DIM, this.#time(record)) + " ";
    const level = String(record.levelname);
    out += style(c, levelColor(record.levelno), escapeControl(level).padEnd(8)) + " ";
    out += style(c, BOLD, escapeControl(String(record.name))) + " ";
    const gutter = "\n" + " ".repeat(this.timestamp === false ? 2 : 14) + style(c, DIM, "│") + " ";
    out += message.split(/\r?\n/).map(escapeControl).join(gutter);
    if (this.showFields) out += this.#fields(record);
    const err = exceptionValue(record.exc_info);
    if (record.exc_info && err !== null && err !== undefined && record.exc_info !== true) {
      out += "\n" + this.#exception(err);
    } else if (record.exc_text) {
      out += "\n" + indent(escapeControl(String(record.exc_text)));
    }
    if (record.stack_info) out += "\n" + style(c, DIM, indent(escapeControl(String(record.stack_info))));
    return out;
  }

  #time(record: LogRecord): string {
    const ms = Number(record.created) * 1000;
    if (this.timestamp === "iso") return new Date(ms).toISOString();
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, "0");
    return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
  }

  #fields(record: LogRecord): string {
    let out = "";
    for (const key of Object.keys(record)) {
      if (STANDARD.has(key)) continue;
      let text: string;
      try {
        const v = record[key];
        text = typeof v === "string" ? v : inspect(v, { depth: 3, breakLength: Infinity, colors: false });
      } catch {
        text = "<unprintable>";
      }
      out += " " + style(this.colors, DIM, escapeControl(key) + "=") + escapeControl(text).replace(/\n/g, "\\n");
    }
    return out;
  }

  /** The error, then each `cause`, newest first; AggregateError's errors indented under it. */
  #exception(err: unknown, depth = 0, seen = new Set<unknown>()): string {
    const c = this.colors;
    const lines: string[] = [];
    let current: unknown = err;
    let first = true;
    while (current !== null && current !== undefined && !seen.has(current) && lines.length < 200) {
      seen.add(current);
      const head = first ? "" : "Caused by: ";
      first = false;
      if (!(current instanceof Error)) {
        lines.push(style(c, "\x1b[31m", head + escapeControl(safe(() => String(current)))));
        break;
      }
      const e = current;
      const title = safe(() => `${e.name}: ${e.message}`);
      lines.push(style(c, "\x1b[1;31m", head + escapeControl(title)));
      const stack = safe(() => String(e.stack ?? ""));
      for (const frame of stack.split("\n").slice(1)) {
        if (!/^\s+at /.test(frame)) continue;
        const internal = /\((node:|.*node_modules)|at node:/.test(frame);
        lines.push(style(c, internal ? "\x1b[2;90m" : DIM, "    " + escapeControl(frame.trim())));
      }
      if (e instanceof AggregateError && depth < 3) {
        const errors = safe(() => e.errors) as unknown;
        if (Array.isArray(errors))
          for (const inner of errors) lines.push(indent(this.#exception(inner, depth + 1, seen)));
      }
      current = safe(() => e.cause) as unknown;
    }
    return lines.join("\n");
  }
}

function safe<T>(f: () => T): T | string {
  try {
    return f();
  } catch {
    return "<unprintable>";
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
