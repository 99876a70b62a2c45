/**
 * Filters: Python's `Filter` (the dotted-name prefix rule) and `Filterer`,
 * the base of loggers and handlers.
 */
import { configChanged, markBuiltin, READS_NONE } from "./callerPolicy.js";
import { bindArgs, signature } from "../py/kwargs.js";
import type { LogRecord } from "./record.js";

/** A filter: an object with `filter(record)` or a function of the record. */
export type FilterLike = { filter(record: LogRecord): unknown } | ((record: LogRecord) => unknown);

/**
 * Passes records from the logger named `name` and its descendants
 * (`"a.b"` passes `a.b` and `a.b.c`, not `a.bb`); `""` passes everything.
 */
export class Filter {
  name: string;
  nlen: number;

  /** Python's parameters: `Filter(name="")`. */
  static readonly signature = signature("Filter", ["name"]);

  constructor(name?: string | { name?: string });
  constructor(...args: unknown[]) {
    const a = bindArgs(Filter.signature, args);
    const name = (a.name as string | undefined | null) ?? "";
    this.name = name;
    this.nlen = name.length;
  }

  /** True when the record should be logged. */
  filter(record: LogRecord): boolean | LogRecord {
    if (this.nlen === 0) return true;
    const rname = record.name;
    if (this.name === rname) return true;
    if (!rname.startsWith(this.name)) return false;
    return rname.charCodeAt(this.nlen) === 46; // "."
  }
}

/** The base of loggers and handlers: a list of filters, all of which must pass. */
export class Filterer {
  filters: FilterLike[] = [];

  /** Python's parameters: `Filterer()` (none). */
  static readonly signature = signature("Filterer", []);

  /** Adds `filter` unless it is already there. */
  addFilter(filter: FilterLike): void {
    if (!this.filters.includes(filter)) {
      this.filters.push(filter);
      configChanged(); // a user filter may read the caller fields
    }
  }

  /** Removes `filter` if present. */
  removeFilter(filter: FilterLike): void {
    const i = this.filters.indexOf(filter);
    if (i >= 0) {
      this.filters.splice(i, 1);
      configChanged();
    }
  }

  /**
   * Runs the filters in order. Returns false when one rejects the record,
   * else the record to go on with (a filter may return a replacement record).
   */
  filter(record: LogRecord): false | LogRecord {
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i];
      const result = typeof f === "function" ? f(record) : f.filter(record);
      if (!result) return false;
      if (isRecordLike(result)) record = result as LogRecord;
    }
    return record;
  }
}

function isRecordLike(v: unknown): boolean {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { getMessage?: unknown }).getMessage === "function" &&
    typeof (v as { levelno?: unknown }).levelno === "number"
  );
}

markBuiltin(Filter, READS_NONE);
