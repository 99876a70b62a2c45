/**
 * One logxide per process. The package entry points (`require("logxide")`,
 * `import "logxide"`, the `logxide/handlers` and `logxide/config` subpaths)
 * all go through {@link claim}, which loads the implementation once and
 * registers it on `globalThis[Symbol.for("logxide")]`. Another copy of the
 * package in `node_modules` (a library's nested dependency) whose version is
 * compatible takes the registered API instead of loading its own, so every
 * `getLogger("x")` in the process is the same logger, configured by the same
 * `basicConfig`/`dictConfig`, with one set of exit hooks and writers, and the
 * classes are the same objects (`instanceof` works across copies).
 *
 * Compatible means the same major version, and for 0.x the same minor
 * version (npm's caret rule). Copies of incompatible versions each keep
 * their own hierarchy; loading a second line emits one process warning.
 */

/** The global registry key: the same symbol for every copy of the package. */
export const REGISTRY_KEY: unique symbol = Symbol.for("logxide");

/** One loaded copy, as the registry keeps it. */
export interface Registration {
  /** The package version of the copy that loaded the implementation. */
  readonly version: string;
  /** The folder of that copy's build. */
  readonly path: string;
  /** Its API object (the default export). */
  readonly api: object;
}

/** The compatibility line of a version: `"1"` for 1.x.y, `"0.3"` for 0.3.x. */
export function compatLine(version: string): string {
  const [major = "0", minor = "0"] = version.split(/[.+-]/);
  return major === "0" ? `0.${minor}` : major;
}

type Registry = Record<string, Registration>;

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let reg = g[REGISTRY_KEY];
  if (reg === undefined || reg === null || typeof reg !== "object") {
    reg = Object.create(null) as Registry;
    // Not writable, so a later copy cannot replace what the first one shares.
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: reg, enumerable: false });
  }
  return reg;
}

/**
 * The API for a copy of version `version` built in `path`: the registered
 * API of a compatible copy if one was loaded already, else `load()`'s,
 * registered for the copies that come after.
 */
export function claim<T extends object>(version: string, path: string, load: () => T): T {
  const reg = registry();
  const line = compatLine(version);
  const found = reg[line];
  if (found !== undefined) return found.api as T;
  const others = Object.values(reg);
  const api = load();
  reg[line] = Object.freeze({ version, path, api });
  if (others.length > 0) {
    const other = others[0];
    process.emitWarning(
      `logxide ${version} (${path}) is loaded next to logxide ${other.version} (${other.path}); ` +
        "their versions are not compatible, so each keeps its own loggers, handlers and configuration: " +
        "records of one copy's loggers never reach the other copy's handlers.",
      { code: "LOGXIDE_INCOMPATIBLE_COPY" },
    );
  }
  return api;
}
