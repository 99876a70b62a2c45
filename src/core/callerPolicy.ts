/**
 * When to capture the caller (`pathname`, `lineno`, `funcName`, …) at a
 * logging call. A stack capture costs microseconds, so by default it happens
 * only once something that may read those fields exists: a format string
 * naming them, a user-written filter or handler, or a custom record factory.
 */

let mode: boolean | "auto" = "auto";
let seenUse = false;

/** True when logging calls should fill the caller fields. */
export function callerInfoWanted(): boolean {
  return mode === "auto" ? seenUse : mode;
}

/** @internal Something that may read caller fields now exists. */
export function noteCallerFields(): void {
  seenUse = true;
}

/**
 * Chooses when logging calls capture caller information: `true` always,
 * `false` never (fields stay `"(unknown file)"`, `0`, `"(unknown function)"`),
 * `"auto"` (the default) once a formatter, filter or handler that may use
 * them is created.
 */
export function captureCallerInfo(enabled: boolean | "auto"): void {
  mode = enabled;
}
