/**
 * basicConfig: Python's one-call setup of the root logger.
 */
import { valueError } from "../py/errors.js";
import { Formatter, type Style } from "../format/formatter.js";
import { FileHandler } from "../handlers/file.js";
import type { Handler } from "../handlers/handler.js";
import { StreamHandler, type WritableLike } from "../handlers/stream.js";
import { root } from "../core/logger.js";

/** Python's `BASIC_FORMAT` per style. */
const BASIC_FORMATS: Record<string, string> = {
  "%": "%(levelname)s:%(name)s:%(message)s",
  "{": "{levelname}:{name}:{message}",
  $: "${levelname}:${name}:${message}",
};

/** `BASIC_FORMAT`: `%(levelname)s:%(name)s:%(message)s`. */
export const BASIC_FORMAT = BASIC_FORMATS["%"];

/** The keyword arguments of `basicConfig`. */
export interface BasicConfigOptions {
  filename?: string;
  filemode?: string;
  format?: string;
  datefmt?: string;
  style?: Style;
  level?: number | string;
  stream?: WritableLike;
  handlers?: Handler[];
  force?: boolean;
  encoding?: string;
  errors?: string;
}

const has = (o: object, k: string): boolean => Object.hasOwn(o, k);

/**
 * Configures the root logger once, as Python's `basicConfig`: a no-op when
 * the root already has handlers (unless `force`), the same errors otherwise.
 */
export function basicConfig(options: BasicConfigOptions = {}): void {
  const kwargs: Record<string, unknown> = { ...options };
  const take = (k: string, dflt: unknown): unknown => {
    if (!has(kwargs, k)) return dflt;
    const v = kwargs[k];
    delete kwargs[k];
    return v;
  };
  const force = take("force", false);
  const encoding = take("encoding", null) as string | null;
  let errors = take("errors", "backslashreplace") as string | null;
  if (force) {
    for (const h of [...root.handlers]) {
      root.removeHandler(h);
      h.close();
    }
  }
  if (root.handlers.length !== 0) return;
  let handlers = take("handlers", null) as Handler[] | null;
  if (handlers === null || handlers === undefined) {
    if (has(kwargs, "stream") && has(kwargs, "filename")) {
      throw valueError("'stream' and 'filename' should not be specified together");
    }
  } else if (has(kwargs, "stream") || has(kwargs, "filename")) {
    throw valueError("'stream' or 'filename' should not be specified together with 'handlers'");
  }
  if (handlers === null || handlers === undefined) {
    const filename = take("filename", null) as string | null;
    const mode = (take("filemode", "a") as string | null) ?? "a";
    let h: Handler;
    if (filename) {
      if (mode.includes("b")) errors = null;
      h = new FileHandler(filename, mode, encoding ?? "utf-8", false, errors);
    } else {
      h = new StreamHandler((take("stream", null) as WritableLike | null) ?? null);
    }
    handlers = [h];
  }
  const dfs = take("datefmt", null) as string | null;
  const style = take("style", "%") as string;
  if (!has(BASIC_FORMATS, style)) throw valueError("Style must be one of: %,{,$");
  const fs = take("format", BASIC_FORMATS[style]) as string;
  const fmt = new Formatter(fs, dfs, style as Style);
  for (const h of handlers) {
    if (h.formatter === null) h.setFormatter(fmt);
    root.addHandler(h);
  }
  const level = take("level", null);
  if (level !== null && level !== undefined) root.setLevel(level as number | string);
  const left = Object.keys(kwargs);
  if (left.length > 0) throw valueError(`Unrecognised argument(s): ${left.join(", ")}`);
}
