/**
 * Redaction of secrets in records: by key name anywhere in nested objects
 * and arrays (`password`, `authorization`), and by path (`user.token`,
 * `*.token`, `headers.*`), in `extra` fields, async-context fields and the
 * call's arguments — without touching the caller's objects: what contains a
 * secret is copied, the copy redacted, and only the record sees it. In a
 * copy, a reference back to an enclosing object becomes `"[Circular]"`; a
 * value that cannot be read (a throwing getter, a revoked Proxy) becomes the
 * replacement, so an unreadable secret is never printed.
 */
import { markBuiltin, READS_NONE } from "./callerPolicy.js";
import { STANDARD_FIELDS } from "./recordFields.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "./record.js";

/** Options of `new RedactingFilter({...})` and of JSONFormatter's `redact`. */
export interface RedactOptions {
  /** Key names redacted at any depth, compared case-insensitively. */
  keys?: readonly string[];
  /**
   * Dotted paths from a field (an `extra` key, a context field) or from an
   * argument object; `*` stands for any one key or array index:
   * `"user.password"`, `"*.token"`, `"headers.*"`.
   */
  paths?: readonly string[];
  /** What a redacted value becomes (default `"[REDACTED]"`). */
  replacement?: unknown;
  /** Nesting depth searched (default 16); deeper values are left as they are. */
  maxDepth?: number;
}

/** What a reference back to an enclosing object becomes in a redacted copy. */
const CIRCULAR = "[Circular]";
/** A record's own standard attributes are not user data: redaction leaves them alone. */
const STANDARD = new Set(STANDARD_FIELDS);

/**
 * The redaction rules compiled once: `redactValue(v)` returns `v` itself
 * when nothing in it matches, else a redacted copy.
 */
export class Redactor {
  readonly replacement: unknown;
  readonly #keys: Set<string>;
  readonly #paths: string[][];
  readonly #maxDepth: number;

  constructor(options: RedactOptions = {}) {
    this.#keys = new Set((options.keys ?? []).map((k) => String(k).toLowerCase()));
    this.#paths = (options.paths ?? []).map((p) =>
      String(p)
        .split(".")
        .filter((s) => s !== ""),
    );
    this.replacement = options.replacement === undefined ? "[REDACTED]" : options.replacement;
    this.#maxDepth = options.maxDepth ?? 16;
  }

  /**
   * `value` with every match replaced; the same object when nothing
   * matched. `path` is where `value` sits (`["user"]` for `extra.user`).
   * Never throws: a value that cannot be read (a throwing getter, a revoked
   * Proxy) is replaced as a whole, so an unreadable secret is never printed.
   */
  redactValue(value: unknown, path: readonly string[] = []): unknown {
    return this.#walk(value, path, 0, new Set());
  }

  /** True when the field called `key` (at the top) is redacted as a whole. */
  matchesField(key: string): boolean {
    return this.#matches([key]);
  }

  #matches(path: readonly string[]): boolean {
    const last = path[path.length - 1];
    if (last !== undefined && this.#keys.has(last.toLowerCase())) return true;
    for (const p of this.#paths) {
      if (p.length !== path.length) continue;
      let ok = true;
      for (let i = 0; i < p.length && ok; i++) ok = p[i] === "*" || p[i] === path[i];
      if (ok) return true;
    }
    return false;
  }

  /** True when some path rule reaches below `path`, so its children must be looked at. */
  #mayMatchBelow(path: readonly string[]): boolean {
    if (this.#keys.size > 0) return true;
    for (const p of this.#paths) {
      if (p.length <= path.length) continue;
      let ok = true;
      for (let i = 0; i < path.length && ok; i++) ok = p[i] === "*" || p[i] === path[i];
      if (ok) return true;
    }
    return false;
  }

  #walk(value: unknown, path: readonly string[], depth: number, seen: Set<object>): unknown {
    if (path.length > 0 && this.#matches(path)) return this.replacement;
    if (value === null || typeof value !== "object" || depth >= this.#maxDepth) return value;
    if (!this.#mayMatchBelow(path)) return value;
    // A reference back to an enclosing object: the copy must not point at the
    // original (whose secrets are still in it), so the reference is cut.
    if (seen.has(value)) return CIRCULAR;
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        let copy: unknown[] | null = null;
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          const r = this.#walk(v, [...path, String(i)], depth + 1, seen);
          if (r !== v) {
            copy ??= value.slice();
            copy[i] = r;
          }
        }
        return copy ?? value;
      }
      if (value instanceof Map) {
        let copy: Map<unknown, unknown> | null = null;
        for (const [k, v] of value) {
          const r = this.#walk(v, [...path, String(k)], depth + 1, seen);
          if (r !== v) {
            copy ??= new Map(value);
            copy.set(k, r);
          }
        }
        return copy ?? value;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return value; // class instances, Errors, Dates: left as they are
      let copy: Record<string, unknown> | null = null;
      for (const k of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[k];
        const r = this.#walk(v, [...path, k], depth + 1, seen);
        if (r !== v) {
          copy ??= copyOwn(value as Record<string, unknown>);
          copy[k] = r;
        }
      }
      return copy ?? value;
    } catch {
      return this.replacement;
    } finally {
      seen.delete(value);
    }
  }

  /**
   * Redacts a record in place: its non-standard attributes (`extra`, context
   * fields) and its arguments (each argument object, or the mapping). The
   * objects the caller passed are never changed. Returns the record.
   */
  redactRecord(record: LogRecord): LogRecord {
    for (const key of Object.keys(record)) {
      if (STANDARD.has(key)) continue;
      const v = record[key];
      const r = this.#safeWalk(v, [key]);
      if (r !== v) record[key] = r;
    }
    const args = this.redactArgs(record.args);
    if (args !== record.args) record.args = args;
    return record;
  }

  /** A record's `args` (the arguments' array, or the mapping) redacted; the same object when nothing matched. */
  redactArgs(args: LogRecord["args"]): LogRecord["args"] {
    if (Array.isArray(args)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < args.length; i++) {
        const r = this.#safeWalk(args[i], []);
        if (r !== args[i]) {
          copy ??= args.slice();
          copy[i] = r;
        }
      }
      return copy ?? args;
    }
    if (args !== null && typeof args === "object") return this.#safeWalk(args, []) as LogRecord["args"];
    return args;
  }

  #safeWalk(value: unknown, path: readonly string[]): unknown {
    try {
      return this.#walk(value, path, 0, new Set());
    } catch {
      return this.replacement;
    }
  }
}

function copyOwn(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.getPrototypeOf(obj) === null ? Object.create(null) : {};
  for (const k of Object.keys(obj)) {
    Object.defineProperty(out, k, { value: obj[k], writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/**
 * A filter that redacts secrets in every record it sees (it never drops
 * one). Put it on a logger to redact before any handler, or on one handler
 * to redact only what that handler writes (later handlers then see the
 * redacted record too, as with any filter that changes a record).
 *
 * @example
 * ```ts
 * import logging from "logxide";
 * const log = logging.getLogger("api");
 * log.addFilter(new logging.RedactingFilter({ keys: ["password", "authorization"], paths: ["*.token"] }));
 * log.warning("login %s", { user: "ann", password: "hunter2" }); // login { user: 'ann', password: '[REDACTED]' }
 * ```
 */
export class RedactingFilter {
  readonly redactor: Redactor;

  /** Its parameters by name, for `dictConfig` (`"()": "logxide.RedactingFilter"`). */
  static readonly signature = signature("RedactingFilter", ["keys", "paths", "replacement", "maxDepth"]);

  constructor(options: RedactOptions | Redactor = {}) {
    this.redactor =
      options instanceof Redactor
        ? options
        : new Redactor(bindArgs(RedactingFilter.signature, [options]) as RedactOptions);
  }

  /** Redacts `record` and lets it through. */
  filter(record: LogRecord): LogRecord {
    return this.redactor.redactRecord(record);
  }
}

// It reads only `args` and the non-standard attributes: never the caller fields.
markBuiltin(RedactingFilter, READS_NONE);
