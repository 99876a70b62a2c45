// sonic-boom (pino's writer) on the writer comparison: the same pre-formatted
// lines: async with pino's default options, async with minLength 4096 (the
// buffering pino's docs suggest for throughput), sync, and sync with
// minLength 4096 (its fastest mode here: one writeSync per 4 KiB instead of
// one per line). Finished on 'close' after end().
import SonicBoom from "sonic-boom";
import { openSync } from "node:fs";
import { waitFor } from "../common.mjs";

export async function setup(sc, ctx) {
  if (sc !== "writer") return null;
  const sync = ctx.variant === "sync" || ctx.variant === "sync-4k";
  const minLength = ctx.variant === "4k" || ctx.variant === "sync-4k" ? 4096 : 0;
  const s = new SonicBoom({ fd: openSync(ctx.path("out.log"), "a"), sync, minLength });
  const lines = ctx.lines;
  return {
    body(n) {
      for (let i = 0; i < n; i++) s.write(lines[i % lines.length]);
    },
    async finish() {
      const done = waitFor(s, "close");
      s.end();
      await done;
    },
  };
}
