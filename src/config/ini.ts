/**
 * Python's `configparser` (3.11) as far as logging configuration files use
 * it: `RawConfigParser` and `ConfigParser` with BasicInterpolation, the same
 * reading rules (sections, `=`/`:` delimiters, full-line `#`/`;` comments,
 * multi-line values by indentation, lower-cased option names, a `[DEFAULT]`
 * section, strict duplicate checks) and the same error classes and texts.
 *
 * Not implemented (logging never uses them): inline comment prefixes,
 * `allow_no_value`, custom delimiters, ExtendedInterpolation, converters.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { quoteLikePython, valueError } from "../py/errors.js";

/** Characters Python's `str.isspace()` (and `\s` in a `str` pattern) accept. */
const WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEAD = new RegExp(`^[${WS}]+`);
const TRAIL = new RegExp(`[${WS}]+$`);
const NONSPACE = new RegExp(`[^${WS}]`);
/** `\[(?P<header>.+)\]`, matched at the start of the stripped line; `.` is any character but `\n`. */
const SECTCRE = /^\[([^\n]+)\]/;
/** `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$` (non-greedy: the first delimiter splits). */
const OPTCRE = new RegExp(`^([^\\n]*?)[${WS}]*(=|:)[${WS}]*([^\\n]*)$`);
/** BasicInterpolation's `%\(([^)]+)\)s`. */
const KEYCRE = /^%\(([^)]+)\)s/;
const KEYCRE_ALL = /%\(([^)]+)\)s/g;
const MAX_INTERPOLATION_DEPTH = 10;

/** Python's `str.strip()`: Python's whitespace, not JavaScript's (which includes U+FEFF). */
export function pyStrip(s: string): string {
  return s.replace(LEAD, "").replace(TRAIL, "");
}

function pyRstrip(s: string): string {
  return s.replace(TRAIL, "");
}

/** An error named after the `configparser` exception class, with its text. */
function cpError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** `configparser.ParsingError`: every bad line of one source, raised after reading all of it. */
export class ParsingError extends Error {
  /** The file name (or `<string>`, `<???>`) the lines came from. */
  readonly source: string;
  /** `[lineno, repr(line)]` for each bad line. */
  readonly errors: Array<[number, string]> = [];

  constructor(source: string) {
    super(`Source contains parsing errors: ${quoteLikePython(source)}`);
    this.name = "ParsingError";
    this.source = source;
  }

  /** Adds one bad line, as Python's `ParsingError.append` does. */
  append(lineno: number, line: string): void {
    this.errors.push([lineno, line]);
    this.message += `\n\t[line ${String(lineno).padStart(2)}]: ${line}`;
  }
}

/** `configparser.MissingSectionHeaderError` (a ParsingError): an option before any `[section]`. */
export class MissingSectionHeaderError extends ParsingError {
  constructor(source: string, lineno: number, line: string) {
    super(source);
    this.name = "MissingSectionHeaderError";
    this.message = `File contains no section headers.\nfile: ${quoteLikePython(source)}, line: ${lineno}\n${quoteLikePython(line)}`;
  }
}

function where(source: string | null, lineno: number | null): string {
  if (source === null) return "";
  return `While reading from ${quoteLikePython(source)}${lineno === null ? "" : ` [line ${String(lineno).padStart(2)}]`}: `;
}

function duplicateSection(section: string, source: string | null, lineno: number | null): Error {
  const text = `${quoteLikePython(section)} already exists`;
  return cpError(
    "DuplicateSectionError",
    source === null ? `Section ${text}` : `${where(source, lineno)}section ${text}`,
  );
}

function duplicateOption(section: string, option: string, source: string | null, lineno: number | null): Error {
  const text = `${quoteLikePython(option)} in section ${quoteLikePython(section)} already exists`;
  return cpError("DuplicateOptionError", source === null ? `Option ${text}` : `${where(source, lineno)}option ${text}`);
}

type Options = Map<string, string | null>;
type RawOptions = Map<string, string[] | string | null>;

/** What `get` accepts after the section and option names (Python's keyword-only arguments). */
export interface GetOptions {
  /** Return the value without interpolation. */
  raw?: boolean;
  /** Extra values, searched before the section and the defaults. */
  vars?: Record<string, unknown> | null;
  /** Returned when the section or the option is missing (else NoSectionError / NoOptionError). */
  fallback?: unknown;
}

/** Python's `str()` of a value given in a dictionary (`read_dict`, `defaults`). */
function strOf(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

/**
 * Python's `configparser.RawConfigParser`: no interpolation.
 *
 * @example
 * ```ts
 * const cp = new RawConfigParser();
 * cp.read_string("[app]\nname = demo\n");
 * cp.get("app", "name"); // "demo"
 * ```
 */
export class RawConfigParser {
  /** The name of the section whose options every section inherits. */
  default_section = "DEFAULT";
  /** Whether a section or an option repeated in one source is an error (Python's default: yes). */
  strict = true;
  protected _defaults: Options = new Map();
  protected _sections = new Map<string, Options>();

  /** `defaults` become the `[DEFAULT]` section (values converted with `str()`). */
  constructor(defaults?: Record<string, unknown> | null, options?: { strict?: boolean; default_section?: string }) {
    if (options?.strict !== undefined) this.strict = Boolean(options.strict);
    if (options?.default_section !== undefined) this.default_section = options.default_section;
    if (defaults) this._readDefaults(defaults);
  }

  protected _readDefaults(defaults: Record<string, unknown>): void {
    for (const k of Object.keys(defaults)) this._defaults.set(this.optionxform(k), defaults[k] as string | null);
  }

  /** Option names are lower-cased (Python's default `optionxform`). */
  optionxform(optionstr: string): string {
    return optionstr.toLowerCase();
  }

  /** The `[DEFAULT]` options. */
  defaults(): Record<string, string | null> {
    return Object.fromEntries(this._defaults);
  }

  /** Section names, in file order, without `[DEFAULT]`. */
  sections(): string[] {
    return [...this._sections.keys()];
  }

  /** Adds an empty section (`ValueError` for DEFAULT, `DuplicateSectionError` if present). */
  add_section(section: string): void {
    if (section === this.default_section) throw valueError(`Invalid section name: ${quoteLikePython(section)}`);
    if (this._sections.has(section)) throw duplicateSection(section, null, null);
    this._sections.set(section, new Map());
  }

  /** Whether the section exists (`[DEFAULT]` does not count). */
  has_section(section: string): boolean {
    return this._sections.has(section);
  }

  /** Option names of a section, its own first, then the defaults'. */
  options(section: string): string[] {
    const own = this._sections.get(section);
    if (!own) throw cpError("NoSectionError", `No section: ${quoteLikePython(section)}`);
    return [...new Set([...own.keys(), ...this._defaults.keys()])];
  }

  /** Whether the option is in the section or in the defaults. */
  has_option(section: string, option: string): boolean {
    const key = this.optionxform(option);
    if (!section || section === this.default_section) return this._defaults.has(key);
    const own = this._sections.get(section);
    if (!own) return false;
    return own.has(key) || this._defaults.has(key);
  }

  /**
   * Python's `get(section, option, *, raw=False, vars=None, fallback=_UNSET)`:
   * the value, interpolated unless `raw`; `NoSectionError` / `NoOptionError`
   * when missing and no `fallback` is given.
   */
  get(section: string, option: string, opts?: Omit<GetOptions, "fallback">): string;
  get<T>(section: string, option: string, opts: GetOptions & { fallback: T }): string | T;
  get(section: string, option: string, opts: GetOptions = {}): unknown {
    const hasFallback = Object.hasOwn(opts, "fallback");
    let d: Map<string, string | null>;
    try {
      d = this._unify(section, opts.vars ?? null);
    } catch (e) {
      if (hasFallback) return opts.fallback;
      throw e;
    }
    const key = this.optionxform(option);
    if (!d.has(key)) {
      if (hasFallback) return opts.fallback;
      throw cpError("NoOptionError", `No option ${quoteLikePython(key)} in section: ${quoteLikePython(section)}`);
    }
    const value = d.get(key)!;
    if (opts.raw || value === null) return value;
    return this._beforeGet(section, key, value, d);
  }

  /** `get` converted by Python's `int()` (`ValueError: invalid literal for int() …`). */
  getint(section: string, option: string, opts?: Omit<GetOptions, "fallback">): number;
  getint<T>(section: string, option: string, opts: GetOptions & { fallback: T }): number | T;
  getint(section: string, option: string, opts: GetOptions = {}): unknown {
    const hasFallback = Object.hasOwn(opts, "fallback");
    let text: unknown;
    try {
      text = this.get(section, option, { raw: opts.raw, vars: opts.vars });
    } catch (e) {
      if (hasFallback && (e as Error).name.startsWith("No")) return opts.fallback;
      throw e;
    }
    return pyInt(String(text));
  }

  /** Sets an option (`NoSectionError` if the section is missing). */
  set(section: string, option: string, value: string | null = null): void {
    if (value) value = this._beforeSet(section, option, value);
    let d: Options | undefined;
    if (!section || section === this.default_section) d = this._defaults;
    else d = this._sections.get(section);
    if (!d) throw cpError("NoSectionError", `No section: ${quoteLikePython(section)}`);
    d.set(this.optionxform(option), value);
  }

  /**
   * Reads files; those that cannot be opened are skipped, as in Python.
   * Returns the names read. Line ends are Python's universal newlines.
   */
  read(filenames: string | URL | ReadonlyArray<string | URL>, encoding?: string | null): string[] {
    const list = typeof filenames === "string" || filenames instanceof URL ? [filenames] : [...filenames];
    const ok: string[] = [];
    for (const f of list) {
      const name = f instanceof URL ? fileURLToPath(f) : f;
      let text: string;
      try {
        if (!existsSync(name)) continue;
        text = decode(readFileSync(name), encoding ?? "utf-8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== undefined) continue;
        throw e;
      }
      this._read(splitLines(text.replace(/\r\n?/g, "\n")), name);
      ok.push(name);
    }
    return ok;
  }

  /** Reads lines (an iterable of strings, each with or without its `\n`). */
  read_file(lines: Iterable<string>, source = "<???>"): void {
    this._read(lines, source);
  }

  /** Reads configuration text (split at `\n` only, like Python's `io.StringIO`). */
  read_string(text: string, source = "<string>"): void {
    this._read(splitLines(text), source);
  }

  /** Reads `{ section: { option: value } }`; values are converted with Python's `str()`. */
  read_dict(dictionary: Record<string, Record<string, unknown>>, source = "<dict>"): void {
    const added = new Set<string>();
    for (const section of Object.keys(dictionary)) {
      try {
        this.add_section(section);
      } catch (e) {
        const name = (e as Error).name;
        if ((name === "DuplicateSectionError" || name === "ValueError") && !(this.strict && added.has(section))) {
          // Python: an existing section is reused unless repeated in this source.
        } else throw name === "ValueError" ? e : duplicateSection(section, source, null);
      }
      added.add(section);
      const keys = dictionary[section] ?? {};
      for (const k of Object.keys(keys)) {
        const key = this.optionxform(k);
        const v = keys[k];
        const id = `${section}\u0000${key}`;
        if (this.strict && added.has(id)) throw duplicateOption(section, key, source, null);
        added.add(id);
        this.set(section, key, v === null || v === undefined ? null : strOf(v));
      }
    }
  }

  protected _unify(section: string, vars: Record<string, unknown> | null): Map<string, string | null> {
    const own = this._sections.get(section);
    if (!own && section !== this.default_section) {
      throw cpError("NoSectionError", `No section: ${quoteLikePython(section)}`);
    }
    const d = new Map<string, string | null>(this._defaults);
    for (const [k, v] of own ?? []) d.set(k, v);
    if (vars) {
      for (const k of Object.keys(vars)) {
        const v = vars[k];
        d.set(this.optionxform(k), v === null || v === undefined ? null : strOf(v));
      }
    }
    return d;
  }

  protected _beforeGet(_section: string, _option: string, value: string, _d: Map<string, string | null>): string {
    return value;
  }

  protected _beforeSet(_section: string, _option: string, value: string): string {
    return value;
  }

  /** Python's `RawConfigParser._read`, line for line. */
  protected _read(lines: Iterable<string>, source: string): void {
    const added = new Set<string>();
    let cursect: RawOptions | null = null;
    let sectname: string | null = null;
    let optname: string | null = null;
    let indent = 0;
    let error: ParsingError | null = null;
    let lineno = 0;
    const fail = (line: string) => {
      error ??= new ParsingError(source);
      error.append(lineno, quoteLikePython(line));
    };
    for (const line of lines) {
      lineno++;
      const stripped = pyStrip(line);
      const comment = stripped.startsWith("#") || stripped.startsWith(";");
      const value = comment ? "" : stripped;
      if (!value) {
        // An empty line inside a value belongs to it (empty_lines_in_values), a comment does not.
        if (!comment && cursect && optname) {
          const cur = cursect.get(optname);
          if (Array.isArray(cur)) cur.push("");
        }
        continue;
      }
      const first = NONSPACE.exec(line);
      const curIndent = first ? first.index : 0;
      if (cursect && optname && curIndent > indent) {
        const cur = cursect.get(optname);
        if (Array.isArray(cur)) cur.push(value);
        continue;
      }
      indent = curIndent;
      const sect = SECTCRE.exec(value);
      if (sect) {
        sectname = sect[1]!;
        if (this._sections.has(sectname)) {
          if (this.strict && added.has(sectname)) throw duplicateSection(sectname, source, lineno);
          cursect = this._sections.get(sectname) as RawOptions;
          added.add(sectname);
        } else if (sectname === this.default_section) {
          cursect = this._defaults as RawOptions;
        } else {
          cursect = new Map();
          this._sections.set(sectname, cursect as Options);
          added.add(sectname);
        }
        optname = null;
        continue;
      }
      if (!cursect) throw new MissingSectionHeaderError(source, lineno, line);
      const opt = OPTCRE.exec(value);
      if (!opt) {
        fail(line);
        continue;
      }
      if (!opt[1]) fail(line);
      optname = this.optionxform(pyRstrip(opt[1]!));
      const id = `${sectname}\u0000${optname}`;
      if (this.strict && added.has(id)) throw duplicateOption(sectname!, optname, source, lineno);
      added.add(id);
      cursect.set(optname, [pyStrip(opt[3]!)]);
    }
    for (const options of [this._defaults as RawOptions, ...(this._sections.values() as Iterable<RawOptions>)]) {
      for (const [k, v] of options) if (Array.isArray(v)) options.set(k, pyRstrip(v.join("\n")));
    }
    if (error) throw error;
  }
}

/**
 * Python's `configparser.ConfigParser`: RawConfigParser with
 * BasicInterpolation (`%(name)s` from the same section or the defaults,
 * `%%` for a percent sign), which `fileConfig` uses.
 */
export class ConfigParser extends RawConfigParser {
  protected override _readDefaults(defaults: Record<string, unknown>): void {
    // Python reads the constructor's defaults without checking interpolation syntax.
    const check = this._beforeSet;
    this._beforeSet = (_s, _o, v) => v;
    try {
      this.read_dict({ [this.default_section]: defaults });
    } finally {
      this._beforeSet = check;
    }
  }

  /** Python's `BasicInterpolation.before_set`: only `%%` and `%(name)s` may hold a `%`. */
  protected override _beforeSet(_section: string, _option: string, value: string): string {
    const tmp = value.replace(/%%/g, "").replace(KEYCRE_ALL, "");
    const at = tmp.indexOf("%");
    if (at >= 0) throw valueError(`invalid interpolation syntax in ${quoteLikePython(value)} at position ${at}`);
    return value;
  }

  protected override _beforeGet(section: string, option: string, value: string, d: Map<string, string | null>): string {
    const out: string[] = [];
    this._interpolate(option, out, value, section, d, 1);
    return out.join("");
  }

  private _interpolate(
    option: string,
    out: string[],
    text: string,
    section: string,
    d: Map<string, string | null>,
    depth: number,
  ): void {
    const rawval = this.get(section, option, { raw: true, fallback: text });
    if (depth > MAX_INTERPOLATION_DEPTH) {
      throw cpError(
        "InterpolationDepthError",
        `Recursion limit exceeded in value substitution: option ${quoteLikePython(option)} in section ${quoteLikePython(section)} contains an interpolation key which cannot be substituted in ${MAX_INTERPOLATION_DEPTH} steps. Raw value: ${quoteLikePython(rawval)}`,
      );
    }
    let rest = text;
    while (rest) {
      const p = rest.indexOf("%");
      if (p < 0) {
        out.push(rest);
        return;
      }
      if (p > 0) {
        out.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === "%") {
        out.push("%");
        rest = rest.slice(2);
      } else if (c === "(") {
        const m = KEYCRE.exec(rest);
        if (!m) {
          throw cpError("InterpolationSyntaxError", `bad interpolation variable reference ${quoteLikePython(rest)}`);
        }
        const name = this.optionxform(m[1]!);
        rest = rest.slice(m[0].length);
        if (!d.has(name)) {
          throw cpError(
            "InterpolationMissingOptionError",
            `Bad value substitution: option ${quoteLikePython(option)} in section ${quoteLikePython(section)} contains an interpolation key ${quoteLikePython(name)} which is not a valid option name. Raw value: ${quoteLikePython(rawval)}`,
          );
        }
        const v = String(d.get(name));
        if (v.includes("%")) this._interpolate(option, out, v, section, d, depth + 1);
        else out.push(v);
      } else {
        throw cpError(
          "InterpolationSyntaxError",
          `'%' must be followed by '%' or '(', found: ${quoteLikePython(rest)}`,
        );
      }
    }
  }
}

/** Lines with their `\n`, as iterating a Python text file yields them. */
function splitLines(text: string): string[] {
  const lines = text.split("\n");
  const out = lines.map((l, i) => (i < lines.length - 1 ? l + "\n" : l));
  if (out.length && out[out.length - 1] === "") out.pop();
  return out;
}

/** Decodes a file strictly (a bad byte is Python's `UnicodeDecodeError`, not a replacement character). */
function decode(bytes: Buffer, encoding: string): string {
  const label = encoding.toLowerCase().replace(/_/g, "-");
  if (label === "locale") return decode(bytes, "utf-8");
  // WHATWG's "latin1" and "ascii" labels mean windows-1252; Python's mean what they say.
  if (label === "latin-1" || label === "latin1" || label === "iso-8859-1") return bytes.toString("latin1");
  if (label === "ascii" || label === "us-ascii") {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad >= 0)
      throw cpError(
        "UnicodeDecodeError",
        `'ascii' codec can't decode byte 0x${bytes[bad]!.toString(16)} in position ${bad}: ordinal not in range(128)`,
      );
    return bytes.toString("latin1");
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    // utf-8-sig drops a leading BOM; every other encoding keeps it as U+FEFF, as Python does.
    const sig = label === "utf-8-sig";
    decoder = new TextDecoder(sig ? "utf-8" : label, { fatal: true, ignoreBOM: !sig });
  } catch {
    throw cpError("LookupError", `unknown encoding: ${encoding}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw cpError("UnicodeDecodeError", `'${encoding}' codec can't decode the file`);
  }
}

/** Python's `int(text)` for the decimal text an option holds. */
export function pyInt(text: string): number {
  const t = pyStrip(text);
  if (/^[+-]?\d+(?:_\d+)*$/.test(t)) return Number(t.replace(/_/g, ""));
  throw valueError(`invalid literal for int() with base 10: ${quoteLikePython(text)}`);
}
