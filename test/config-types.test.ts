/**
 * dictConfig has one document type: the public schema (src/config/schema.ts).
 * The configurator's own entry point is typed with it, so the type a user
 * writes against and the one the implementation accepts cannot drift apart.
 * Checked with the TypeScript compiler on a small program over the sources.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { typeErrors } from "./support/tsc.js";

describe("dictConfig's document type", () => {
  it("is the public schema, and the configurator has no second one", () => {
    const errors = typeErrors(`
import type { DictConfig } from "../src/config/schema.js";
import type * as dict from "../src/config/dict.js";
import { dictConfig } from "../src/config/dict.js";
import logging from "../src/index.js";
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const same: Equal<Parameters<typeof dictConfig>[0], DictConfig | Record<string, unknown>> = true;
export const samePublic: Equal<Parameters<typeof logging.config.dictConfig>[0], Parameters<typeof dictConfig>[0]> = true;
export type NoSecondType = dict.DictConfig;
`);
    // The two equalities hold; the only error is the missing second type.
    assert.equal(errors.length, 1, errors.join("\n"));
    assert.match(errors[0]!, /has no exported member named 'DictConfig'/);
  });

  it("still refuses a misspelt section key in a typed document", () => {
    const errors = typeErrors(`
import type { DictConfig } from "../src/config/schema.js";
export const doc: DictConfig = { version: 1, handler: {} };
`);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /'handler' does not exist in type 'DictConfig'/);
  });
});
