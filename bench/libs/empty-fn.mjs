// The baseline of the "disabled" scenario: a call to a function that does nothing,
// with the same arguments a disabled log.debug call gets.
import { MS, MSG } from "../common.mjs";

export async function setup(sc) {
  if (sc !== "disabled") return null;
  const sink = { debug(_msg, _a, _b) {} };
  return {
    body(n) {
      for (let i = 0; i < n; i++) sink.debug(MSG, i, MS[i % 100]);
    },
    async finish() {},
  };
}
