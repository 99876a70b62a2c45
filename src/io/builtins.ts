/**
 * Node's network modules, loaded on first use: `net`, `dgram`, `dns`, `http`
 * and `https` (with `tls`) take tens of milliseconds to load, and most
 * programs never construct a network handler, so importing logxide does not
 * load them.
 */
import { createRequire } from "node:module";
import type * as ChildProcess from "node:child_process";
import type * as Dgram from "node:dgram";
import type * as Dns from "node:dns";
import type * as Http from "node:http";
import type * as Https from "node:https";
import type * as Net from "node:net";

type Loader = (id: string) => unknown;
let loader: Loader | null = null;

function load<T>(id: string): T {
  if (loader === null) {
    // process.getBuiltinModule exists from Node 20.16; before that a require
    // function does the same (any absolute path resolves built-in modules,
    // so this works from the ESM and the CommonJS build alike).
    const p = process as { getBuiltinModule?: Loader };
    loader = typeof p.getBuiltinModule === "function" ? p.getBuiltinModule.bind(process) : createRequire("/");
  }
  return loader(id) as T;
}

/** `node:child_process`, loaded on first call (the exit path's synchronous sender). */
export const nodeChildProcess = (): typeof ChildProcess => load("node:child_process");
/** `node:net`, loaded on first call. */
export const nodeNet = (): typeof Net => load("node:net");
/** `node:dgram`, loaded on first call. */
export const nodeDgram = (): typeof Dgram => load("node:dgram");
/** `node:dns`, loaded on first call. */
export const nodeDns = (): typeof Dns => load("node:dns");
/** `node:http`, loaded on first call. */
export const nodeHttp = (): typeof Http => load("node:http");
/** `node:https`, loaded on first call. */
export const nodeHttps = (): typeof Https => load("node:https");
