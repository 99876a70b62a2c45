/**
 * src/index.ts lists the API three times: the named exports, the default
 * object's members, and the `declare namespace logging` types that make
 * `logging.Logger` usable as a type. A name added to one list and not the
 * others fails here, before a consumer finds it.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as named from "../src/index.js";
import { typeErrors } from "./support/tsc.js";

const logging = named.default;
type Dict = Record<string, unknown>;

/** A class (not a plain function): the exports that must also be types. */
function isClass(v: unknown): boolean {
  return typeof v === "function" && /^class[\s{]/.test(Function.prototype.toString.call(v));
}

/** The names of `obj`'s class members. */
function classNames(obj: object): string[] {
  return Object.keys(obj).filter((k) => isClass((obj as Dict)[k]));
}

const NAMED = Object.keys(named).filter((k) => k !== "default");

describe("src/index.ts: named exports, the default object and its types agree", () => {
  it("every named value export is a member of the default object, and vice versa", () => {
    const members = Object.keys(logging);
    assert.deepEqual(
      NAMED.filter((k) => !members.includes(k)),
      [],
      "named exports missing from the default object",
    );
    assert.deepEqual(
      members.filter((k) => !NAMED.includes(k)),
      [],
      "default object members missing from the named exports",
    );
    for (const k of NAMED) assert.equal((logging as unknown as Dict)[k], (named as Dict)[k], k);
  });

  it("the handlers and config objects are the same through both", () => {
    assert.equal(logging.handlers, named.handlers);
    assert.equal(logging.config, named.config);
    assert.ok(classNames(named.handlers).length > 0 && classNames(named.config).length > 0);
  });

  it("every exported class is a type of the same name, through the default import and the named ones", () => {
    const top = classNames(named);
    const inHandlers = classNames(named.handlers);
    const inConfig = classNames(named.config);
    assert.ok(top.includes("Logger") && inHandlers.includes("RotatingFileHandler"), "the class lists are read");
    // Each type must be the instance type of the class of the same name.
    const check = (type: string, value: string, i: number) =>
      `export const t${i}: Equal<${type}, InstanceType<typeof ${value}>> = true;`;
    let i = 0;
    const lines = [
      ...top.flatMap((c) => [check(`logging.${c}`, `logging.${c}`, i++), check(`L.${c}`, `L.${c}`, i++)]),
      ...inHandlers.flatMap((c) => [
        check(`logging.handlers.${c}`, `logging.handlers.${c}`, i++),
        check(`L.handlers.${c}`, `L.handlers.${c}`, i++),
      ]),
      ...inConfig.flatMap((c) => [
        check(`logging.config.${c}`, `logging.config.${c}`, i++),
        check(`L.config.${c}`, `L.config.${c}`, i++),
      ]),
    ];
    const errors = typeErrors(
      [
        'import logging from "../src/index.js";',
        'import * as L from "../src/index.js";',
        "type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;",
        ...lines,
      ].join("\n"),
    );
    assert.deepEqual(errors, []);
  });
});
