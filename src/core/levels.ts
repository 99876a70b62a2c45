/**
 * Level numbers and the two-way name table (`addLevelName`, `getLevelName`).
 */
import { typeError, valueError } from "../py/errors.js";
import { quoteLikePython } from "../py/errors.js";

export const CRITICAL = 50;
export const FATAL = CRITICAL;
export const ERROR = 40;
export const WARNING = 30;
export const WARN = WARNING;
export const INFO = 20;
export const DEBUG = 10;
export const NOTSET = 0;

const levelToName = new Map<number, string>([
  [CRITICAL, "CRITICAL"],
  [ERROR, "ERROR"],
  [WARNING, "WARNING"],
  [INFO, "INFO"],
  [DEBUG, "DEBUG"],
  [NOTSET, "NOTSET"],
]);
const nameToLevel = new Map<string, number>([
  ["CRITICAL", CRITICAL],
  ["FATAL", FATAL],
  ["ERROR", ERROR],
  ["WARN", WARNING],
  ["WARNING", WARNING],
  ["INFO", INFO],
  ["DEBUG", DEBUG],
  ["NOTSET", NOTSET],
]);

/** Listeners told when a name changes, so caches of level names can refresh. */
const nameListeners: Array<() => void> = [];
/** @internal */
export function onLevelNamesChanged(fn: () => void): void {
  nameListeners.push(fn);
}

/** Associates `levelName` with `level`, both ways, as Python's `addLevelName`. */
export function addLevelName(level: number, levelName: string): void {
  levelToName.set(level, levelName);
  nameToLevel.set(levelName, level);
  for (const fn of nameListeners) fn();
}

/**
 * Python's `getLevelName`: a number gives its name (`"Level 15"` when
 * unnamed); a registered name gives its number; anything else `"Level X"`.
 */
export function getLevelName(level: number | string): string | number;
export function getLevelName(level: unknown): string | number {
  if (typeof level === "number") {
    const name = levelToName.get(level);
    if (name !== undefined) return name;
  } else if (typeof level === "string") {
    const n = nameToLevel.get(level);
    if (n !== undefined) return n;
  }
  return `Level ${level}`;
}

/** The text of `levelname` for a record at `level` (hot path: no boxing). */
export function levelNameOf(level: number): string {
  const name = levelToName.get(level);
  if (name !== undefined) return name;
  return level === null || level === undefined ? "Level None" : `Level ${level}`;
}

/** A copy of the name → number table, as Python's `getLevelNamesMapping`. */
export function getLevelNamesMapping(): Record<string, number> {
  return Object.fromEntries(nameToLevel);
}

/**
 * Python's `_checkLevel`: an integer is taken as is; a registered name gives
 * its number; anything else throws Python's error.
 */
export function checkLevel(level: unknown): number {
  if (typeof level === "number" && Number.isInteger(level)) return level;
  if (typeof level === "string") {
    const n = nameToLevel.get(level);
    if (n === undefined) throw valueError(`Unknown level: ${quoteLikePython(level)}`);
    return n;
  }
  throw typeError(`Level not an integer or a valid string: ${describeLevel(level)}`);
}

function describeLevel(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pyFloatText(v);
  if (typeof v === "function") return `<function ${v.name || "<lambda>"}>`;
  if (Array.isArray(v)) return `[${v.map(describeLevel).join(", ")}]`;
  try {
    return String(v);
  } catch {
    return "<object>";
  }
}

function pyFloatText(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return String(v);
}
