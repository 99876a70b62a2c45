#!/usr/bin/env node
// node bench/stages.mjs [distDir]   (default: dist/esm; run `npm run build` first)
//
// Where a record's time goes on the hot path, stage by stage: each line adds
// one stage to the one above, so the differences are the stages' costs.
// Warm (after 200k records), in one process, writing to /dev/null so the disk
// is not measured. Nanoseconds per record, median and best of 7 passes.
// A tool for finding what to optimise; `npm run bench` is the comparison.
import { openSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { FMT, MS, MSG } from "./common.mjs";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = resolve(process.argv[2] ?? join(repo, "dist/esm"));
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const logging = (await load("index.js")).default;
const { LogRecord } = await load("record.js");
const { FdWriter } = await load("io/writer.js");

const formatter = new logging.Formatter(FMT);
const writer = new FdWriter(openSync("/dev/null", "a"));
const handler = new logging.FileHandler("/dev/null");
handler.setFormatter(formatter);
const log = logging.getLogger("bench");
log.setLevel(logging.INFO);
log.propagate = false;
log.addHandler(handler);

const record = (i) =>
  new LogRecord("bench", logging.INFO, "(unknown file)", 0, MSG, [i, MS[i % 100]], null, null, null);
let sink = 0;
const stages = {
  "Date.now()": (n) => {
    for (let i = 0; i < n; i++) sink += Date.now();
  },
  "+ LogRecord": (n) => {
    for (let i = 0; i < n; i++) sink += record(i).levelno;
  },
  "+ getMessage": (n) => {
    for (let i = 0; i < n; i++) sink += record(i).getMessage().length;
  },
  "+ Formatter.format": (n) => {
    for (let i = 0; i < n; i++) sink += formatter.format(record(i)).length;
  },
  "+ writer": (n) => {
    for (let i = 0; i < n; i++) writer.write(formatter.format(record(i)) + "\n");
    writer.flushSync();
  },
  "+ Handler.handle": (n) => {
    for (let i = 0; i < n; i++) handler.handle(record(i));
    handler.flush();
  },
  "logger.info (all)": (n) => {
    for (let i = 0; i < n; i++) log.info(MSG, i, MS[i % 100]);
    handler.flush();
  },
  "disabled log.debug": (n) => {
    for (let i = 0; i < n; i++) log.debug(MSG, i, MS[i % 100]);
  },
};

const N = 500_000;
for (const run of Object.values(stages)) run(200_000);
const times = {};
for (let pass = 0; pass < 7; pass++) {
  for (const [name, run] of Object.entries(stages)) {
    const t = performance.now();
    run(N);
    (times[name] ??= []).push(((performance.now() - t) * 1e6) / N);
  }
}
console.log(`stage                 median ns  best ns   (${dist})`);
for (const [name, v] of Object.entries(times)) {
  v.sort((a, b) => a - b);
  console.log(`${name.padEnd(22)}${v[3].toFixed(1).padStart(9)}${v[0].toFixed(1).padStart(9)}`);
}
if (sink === -1) console.log(sink); // keeps the loops' results alive
