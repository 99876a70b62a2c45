/**
 * Module-level switches Python keeps as module globals. They live on one
 * object so the default export can expose them as assignable properties
 * (`logging.raiseExceptions = false`).
 */
export const settings = {
  /** When true, `handleError` prints the error to stderr; when false it stays silent. */
  raiseExceptions: true,
};
