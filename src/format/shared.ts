/**
 * Format once per record, only where it is provably the same text.
 *
 * Inside one `callHandlers` walk, consecutive handlers that are logxide's
 * own classes, have no filters and no instance-level overrides cannot change
 * the record between two formattings, so a formatter (or a twin with the same
 * configuration) may hand the second one the text it made for the first.
 * Anything else ends the sharing: a user handler or a handler filter may
 * rewrite `record.levelname` or `record.msg` (colourising, redacting), and
 * Python formats again after it. Outside a walk (a user calling
 * `formatter.format(record)`, a QueueListener, a MemoryHandler's later
 * flush) nothing is shared. No state lives on the record itself, so a copied
 * record (`QueueHandler.prepare`) never carries a stale text.
 */

/** The one formatting that may be reused, and the walk depth it is valid in. */
export const formatShare = {
  /** >0 while a `callHandlers` walk runs (nested walks count up). */
  depth: 0,
  /** The record last formatted in the current walk, or null when nothing may be reused. */
  record: null as object | null,
  /** The formatter that made `text` (compared by the formatter: itself or a twin). */
  formatter: null as object | null,
  text: "",
  /** `text` with `terminator` appended, made by the first stream handler to write it; null until then. */
  line: null as string | null,
  terminator: "" as unknown,
};

/** Inside a walk: `formatter` made `text` for `record`; the next twin may reuse it. */
export function offerFormatting(record: object, formatter: object, text: string): void {
  const share = formatShare;
  if (share.depth === 0) return;
  share.record = record;
  share.formatter = formatter;
  share.text = text;
  share.line = null;
}

/** Forgets the shared text: the next formatter formats afresh. */
export function endShare(): void {
  formatShare.record = null;
}
