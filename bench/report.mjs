// Medians, ratios, the targets, the printed table, docs/benchmarks.md
// and the SVG chart (hand-written, no dependencies).
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One row per (scenario, library): medians over the verified runs only. */
export function summarize(plan, runs) {
  const rows = [];
  for (const sc of plan) {
    for (const lib of sc.libs) {
      const mine = runs.filter((r) => r.scenario === sc.name && r.lib === lib);
      if (mine.length === 0) continue;
      const ok = mine.filter((r) => !r.error);
      const rates = ok.map((r) => r.rate);
      rows.push({
        scenario: sc.name,
        title: sc.title,
        unit: sc.unit,
        lib,
        n: mine[0].n,
        ok: ok.length,
        failed: mine.length - ok.length,
        errors: mine.filter((r) => r.error).map((r) => r.error),
        median: median(rates),
        min: Math.min(...rates),
        max: Math.max(...rates),
        rss: median(ok.map((r) => r.maxRSSMb)),
        rssMax: Math.max(...ok.map((r) => r.maxRSSMb)),
      });
    }
    const lx = rows.find((r) => r.scenario === sc.name && r.lib === "logxide");
    for (const r of rows.filter((x) => x.scenario === sc.name)) r.ratio = lx && r.ok ? lx.median / r.median : NaN;
  }
  return rows;
}

const get = (rows, sc, lib) => rows.find((r) => r.scenario === sc && r.lib === lib && r.ok > 0);

/** The targets, computed from this run's medians (ratios only: no absolute figures). */
export function targets(rows) {
  const t = [];
  const ratio = (sc, peer, want, label) => {
    const a = get(rows, sc, "logxide");
    const b = get(rows, sc, peer);
    const v = a && b ? a.median / b.median : NaN;
    t.push({
      label,
      want: `>= ${want}x`,
      got: Number.isNaN(v) ? "not measured" : `${v.toFixed(2)}x`,
      met: Number.isNaN(v) ? null : v >= want,
    });
  };
  ratio("text", "pino", 3, "text to file: logxide vs pino");
  ratio("text", "cpython", 25, "text to file: logxide vs CPython logging");
  ratio("text", "floor", 0.5, "text to file: logxide vs the floor");
  ratio("json", "pino", 1.5, "JSON to file: logxide vs pino (same fields)");
  ratio("json-extra", "pino", 3, "JSON with 5 extra fields: logxide vs pino (same fields)");
  // What services add must not cost much more than the plain case.
  for (const sc of ["filter", "handler-filter", "custom-handler", "factory"]) {
    const a = get(rows, sc, "logxide");
    const b = get(rows, "text", "logxide");
    const v = a && b ? b.median / a.median : NaN; // cost ratio = inverse rate ratio
    t.push({
      label: `${sc}: cost per record vs the plain text case`,
      want: "<= 1.5x",
      got: Number.isNaN(v) ? "not measured" : `${v.toFixed(2)}x`,
      met: Number.isNaN(v) ? null : v <= 1.5,
    });
  }
  {
    const a = get(rows, "disabled", "logxide");
    const b = get(rows, "disabled", "empty-fn");
    const v = a && b ? b.median / a.median : NaN; // cost ratio = inverse rate ratio
    t.push({
      label: "disabled call vs an empty function call",
      want: "<= 2x the cost",
      got: Number.isNaN(v)
        ? "not measured"
        : `${v.toFixed(2)}x (${(1e9 / a.median).toFixed(2)} ns vs ${(1e9 / b.median).toFixed(2)} ns per call)`,
      met: Number.isNaN(v) ? null : v <= 2,
    });
  }
  {
    const a = get(rows, "two", "logxide");
    const b = get(rows, "text", "logxide");
    const v = a && b ? a.median / b.median : NaN;
    t.push({
      label: "two handlers on one logger vs one handler (text)",
      want: ">= 0.7x",
      got: Number.isNaN(v) ? "not measured" : `${v.toFixed(2)}x`,
      met: Number.isNaN(v) ? null : v >= 0.7,
    });
  }
  {
    const a = rows.find((r) => r.scenario === "mem" && r.lib === "logxide");
    const okAll = a && a.failed === 0 && a.ok > 0;
    t.push({
      label: `${a ? a.n.toLocaleString("en-US") : "1M"} records to a file: peak RSS, all lines present`,
      want: "<= 100 MB, every line",
      got: a
        ? `${a.rssMax.toFixed(1)} MB max RSS (median ${a.rss.toFixed(1)}), ${a.ok}/${a.ok + a.failed} runs verified`
        : "not measured",
      met: a ? okAll && a.rssMax <= 100 : null,
    });
  }
  {
    const a = get(rows, "writer", "logxide");
    const b = get(rows, "writer", "sonic-boom");
    const peers = ["sonic-boom", "sonic-boom-4k", "sonic-boom-sync", "sonic-boom-sync-4k"]
      .map((l) => get(rows, "writer", l))
      .filter(Boolean);
    if (a && b) {
      const best = peers.reduce((x, y) => (y.median > x.median ? y : x));
      const v = a.median / best.median;
      t.push({
        label: `writer: FdWriter vs sonic-boom (its fastest mode here: ${best.lib})`,
        want: "keep the faster",
        got: `${v.toFixed(2)}x → ${v >= 1 ? "FdWriter is faster" : "sonic-boom is faster"}`,
        met: v >= 1,
      });
    }
  }
  return t;
}

const fmt = (r) =>
  !Number.isFinite(r)
    ? "—"
    : r >= 1e6
      ? `${(r / 1e6).toFixed(2)}M`
      : r >= 1e3
        ? `${(r / 1e3).toFixed(1)}k`
        : r.toFixed(0);
const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : "—");
const cells = (r) => [
  r.scenario,
  r.lib,
  r.n.toLocaleString("en-US"),
  r.ok ? fmt(r.median) + (r.unit === "calls/s" ? ` (${(1e9 / r.median).toFixed(1)} ns)` : "") : "FAILED",
  r.ok ? `${fmt(r.min)} – ${fmt(r.max)}` : "—",
  `${r.ok}/${r.ok + r.failed}`,
  r.ok ? r.rss.toFixed(0) : "—",
  r.lib === "logxide" ? "1.00x" : fmtRatio(r.ratio),
];
const HEAD = ["scenario", "library", "records", "median /s", "min – max", "ok runs", "RSS MB", "logxide/peer"];

export function printTable(rows) {
  const data = [HEAD, ...rows.map(cells)];
  const w = HEAD.map((_, i) => Math.max(...data.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join("  ");
  console.log(line(HEAD));
  console.log(w.map((x) => "-".repeat(x)).join("  "));
  let prev = "";
  for (const r of rows) {
    if (prev && r.scenario !== prev) console.log("");
    prev = r.scenario;
    console.log(line(cells(r)));
  }
  for (const r of rows) for (const e of new Set(r.errors)) console.log(`FAILED ${r.scenario}/${r.lib}: ${e}`);
  console.log("\nTargets:");
  for (const t of targets(rows))
    console.log(`  ${t.met === null ? "n/a" : t.met ? "MET    " : "NOT MET"}  ${t.label}: ${t.got} (target ${t.want})`);
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Horizontal bars per scenario, each scaled to the scenario's fastest median. */
export function svgChart(plan, rows) {
  const W = 900,
    left = 150,
    right = 150,
    barH = 16,
    gap = 4,
    headH = 26;
  const colors = { logxide: "#d9480f", floor: "#868e96", "empty-fn": "#868e96" };
  let y = 40;
  const parts = [];
  for (const sc of plan) {
    const rs = rows.filter((r) => r.scenario === sc.name);
    if (rs.length === 0) continue;
    const max = Math.max(...rs.filter((r) => r.ok).map((r) => r.median));
    parts.push(`<text x="10" y="${y + 16}" font-weight="bold">${esc(sc.title)} (${esc(sc.unit)}, median)</text>`);
    y += headH;
    for (const r of rs) {
      const w = r.ok ? Math.max(1, ((W - left - right) * r.median) / max) : 0;
      const label = r.ok ? fmt(r.median) + (r.lib === "logxide" ? "" : `  (logxide ${fmtRatio(r.ratio)})`) : "FAILED";
      parts.push(`<text x="${left - 8}" y="${y + 12}" text-anchor="end">${esc(r.lib)}</text>`);
      parts.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colors[r.lib] ?? "#4c6ef5"}"/>`,
      );
      parts.push(`<text x="${left + w + 6}" y="${y + 12}">${esc(label)}</text>`);
      y += barH + gap;
    }
    y += 10;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 10}" viewBox="0 0 ${W} ${y + 10}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="15" font-weight="bold">logxide vs peers — sink-verified throughput (longer is faster; bars scaled per scenario)</text>
${parts.join("\n")}
</svg>
`;
}

export function writeDocs(repo, plan, rows, meta) {
  writeFileSync(join(repo, "docs/bench-chart.svg"), svgChart(plan, rows));
  const table = [
    `| ${HEAD.join(" | ")} |`,
    `| ${HEAD.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${cells(r).join(" | ")} |`),
  ].join("\n");
  const failures = rows.flatMap((r) => [...new Set(r.errors)].map((e) => `- ${r.scenario}/${r.lib}: ${e}`));
  const tg = targets(rows)
    .map((t) => `| ${t.label} | ${t.want} | ${t.got} | ${t.met === null ? "n/a" : t.met ? "**met**" : "**not met**"} |`)
    .join("\n");
  const v = meta.versions;
  const md = `# Benchmarks

Generated by \`npm run bench\`${meta.quick ? " --quick" : ""} on ${meta.date} (logxide ${meta.gitRev}), ${meta.rounds} rounds, ${meta.minutes} minutes.

Machine: ${meta.nproc} CPUs (${esc(meta.cpu)}), Node ${meta.node}, ${meta.python}.
Peers: pino ${v.pino}, winston ${v.winston}, log4js ${v.log4js}, bunyan ${v.bunyan}, LogTape ${v["@logtape/logtape"]}, sonic-boom ${v["sonic-boom"]}.

![chart](bench-chart.svg)

## Targets (ratios of medians in this run)

| target | wanted | this run | |
| --- | --- | --- | --- |
${tg}

## Results

"median /s" is records (or calls, or lines) per second, median of the verified
runs; "min – max" over those runs; "RSS MB" the median peak RSS of the whole
process; "logxide/peer" is logxide's median divided by that library's, so
above 1 means logxide is faster. A run whose files fail the check is counted
in "ok runs" as failed and not timed.

${table}
${failures.length ? `\nFailed runs:\n\n${failures.join("\n")}\n` : ""}
## Method

- **Sink-verified.** Each measurement is one fresh process (\`bench/worker.mjs\`,
  or \`bench/py_worker.py\` for CPython) that sets its library up untimed,
  then starts the clock before the first logging call and stops it only when
  the library's own flush mechanism says every record has been handed to the
  OS: logxide \`await logging.flush()\`; pino \`end()\` on its
  \`pino.destination({ dest, sync: false })\` and its \`'finish'\`; winston
  (once its own buffer is empty: ending earlier throws "write after end")
  \`logger.end()\`, each file transport's \`'finish'\` and its file stream's
  \`'finish'\`; log4js \`shutdown(cb)\`; bunyan the file stream's \`'finish'\`
  after \`end()\`; CPython \`handler.flush()\` and \`close()\`; the floor its
  last \`writeSync\`. The runner then counts the lines of every file, checks
  the first and last line's shape and that the last line holds the last
  record. A wrong count is a FAILED run, never a time.
- **Stdout piped.** The worker's stdout is a pipe into \`cat > file\`; the
  time runs from the first call until \`cat\` has exited (so it includes the
  worker's exit).
- **Interleaved.** Each round runs every scenario and every library, the
  library order rotating each round; medians over the rounds.
- **Equal work.** Every library logs \`"request %d handled in %s ms"\` with the
  record index and one of 100 pre-built strings, using its own interpolation
  (logxide and CPython \`%\`, pino its printf-style formatter, winston
  \`format.splat()\`, log4js and bunyan \`util.format\`). Text format
  \`%(asctime)s - %(name)s - %(levelname)s - %(message)s\` for logxide,
  CPython and the floor; winston (\`timestamp\` + \`printf\`) and log4js
  (pattern \`%d{yyyy-MM-dd hh:mm:ss,SSS} - %c - %p - %m\`) write the same
  bytes; bunyan has no text layout, so a raw stream writes
  \`ISO-time - name - LEVEL - msg\` to an \`fs.WriteStream\`; pino writes its
  JSON line in the text scenarios (its fastest configuration). JSON scenario:
  the keys \`level, time, name, msg\` — pino's default line with
  \`base: { name }\` (\`{"level":30,"time":<epoch ms>,"name":...,"msg":...}\`),
  logxide \`JSONFormatter({ fields: { level: "levelno", time: "created", name: "name", msg: "message" }, extra: false })\`,
  CPython a \`json.dumps\` Formatter of the same keys, winston \`timestamp() +
  json()\`, bunyan its native line (which also carries hostname, pid, v).
- **Record counts.** ${plan.map((s) => `${s.name} ${s.n.toLocaleString("en-US")}`).join(", ")};
  CPython, winston and log4js (tens of microseconds per record, no JIT
  warm-up to gain) log a fifth of that (5% for the disabled calls) so the
  default run stays near five minutes: rates are per record.
- **Scenarios.** \`disabled\`: \`log.debug\` on an INFO logger against a
  call of an empty method with the same arguments (\`empty-fn\`). \`two\`:
  one logger, two file handlers (records/s counts records, each written
  twice). \`deep\`: logger \`a.b.c.d\`, handler on the root (pino and bunyan: four nested child loggers; winston: its plain logger, as
  nested child loggers fail at \`end()\`; log4js: category inheritance).
  \`ten\`: record i goes to logger i mod 10, each with its own file.
  \`rotating\`: 256 KiB files, enough backups that nothing is deleted; the
  lines of all files are summed (at least two files required) (pino and bunyan have no size rotation of
  their own). \`mem\`: 1,000,000 records to one file; RSS is
  \`process.resourceUsage().maxRSS\` (Python \`ru_maxrss\`). \`writer\`: the
  same pre-formatted lines through logxide's \`FdWriter\` (\`write\`,
  \`flushSync\`) and \`sonic-boom\` (async with pino's defaults, async with \`minLength: 4096\`, sync, and sync with \`minLength: 4096\`), until
  \`flushSync\` returns / \`'close'\` after \`end()\`.
- **What services add** (same text format, same file, same records as
  \`text\` unless said): \`filter\`: a logger filter function looking at the
  level and name (pino: a \`hooks.logMethod\` hook; winston: a filtering
  format; LogTape: a configured filter; CPython: the same lambda);
  \`handler-filter\`: the same function on the handler (pino: a
  \`multistream\` entry's level, all it filters by; winston: the transport's
  own format; LogTape: \`withFilter\` on the sink); \`custom-handler\`: a
  \`FileHandler\` subclass whose \`emit\` tags the record and calls
  \`super.emit\` (pino: a destination object of the user's passing lines to
  sonic-boom; winston: a \`Transport\` subclass writing to an
  \`fs.WriteStream\`; LogTape: a sink function passing records to the file
  sink); \`factory\`: a record factory adding a field (pino: \`mixin\`, which
  writes it; winston: \`defaultMeta\`); \`json-extra\`: the JSON line plus five
  fields given per call (\`extra\`; pino and bunyan a leading object; winston
  a trailing one; LogTape \`{name}\` properties, which also puts the two
  placeholder values in the line); \`child\`: JSON from a logger with one
  bound field (logxide \`LoggerAdapter\` with \`extra\`, or \`logger.bind\`
  where it exists; pino and bunyan \`child\`, winston \`child\`, LogTape
  \`with\`). LogTape writes files through \`@logtape/file\`'s stream file
  sink (its \`getFileSink\` fsyncs every flush), its text through
  \`getTextFormatter\` with the Python layout, JSON through its JSON Lines
  formatter.
- **\`otel\`, the OpenTelemetry logs bridge.** Each record goes through
  the real \`@opentelemetry/sdk-logs\` \`LoggerProvider\`, whose one processor
  (\`bench/otel-sink.mjs\`, the same for every library) writes each SDK
  record (severity, timestamp, scope, body) to the file as a JSON line as it
  arrives. logxide: \`OpenTelemetryHandler\` with \`logger_provider\`; pino:
  a destination that parses each line and emits it to the Logs API with
  pino-opentelemetry-transport's mapping (level to severity, \`msg\` to
  body, the other keys to attributes), in process, because the transport
  runs in a worker thread with its own OTLP exporters and cannot write to
  this sink; floor: the SDK's \`logger.emit\` called directly, the SDK's own
  cost. logxide without the bridge is the \`text\` scenario. The processor
  writes synchronously: a \`BatchLogRecordProcessor\` drops records past its
  2048-record queue in a synchronous loop, and its export is not what is
  compared.
- **The logxide under test** is compiled from \`src/\` with the same \`tsc\`
  options as \`npm run build\`'s ESM output into a private directory
  (\`--use-dist\` snapshots \`dist/esm\` instead).

Run it: \`npm run bench\` (about five minutes), \`npm run bench -- --quick\`
(about one minute), \`npm run bench -- --scenario text,json\` (prints only;
docs are written by full runs), \`--rounds N\`, \`--no-docs\`.

## A pausing stdout reader (\`npm run bench:stall\`)

\`bench/stall.mjs\` measures, side by side in one run, what a stdout reader
that pauses costs the logging process: stdout is a real pipe
(\`sh -c 'child | reader'\`) into a reader that reads normally, stops reading
for 2 s, then reads on. The child logs for 3 s at a steady 20 000 records/s
(a \`setImmediate\` loop with a little synthetic work) while an application
timer does a unit of work every 1 ms; it reports the event-loop delay
(\`monitorEventLoopDelay\`, max and p99), the records logged, the timer ticks
and the peak RSS. The reader checks that every line logged arrived, in
order. Libraries: logxide (\`StreamHandler(process.stdout)\`, defaults), pino
(\`pino()\`, sonic-boom sync), pino with \`pino.destination({ sync: false })\`,
and the floor (\`fs.writeSync(1, line)\` retrying on \`EAGAIN\`).

Run it: \`npm run bench:stall\`, with \`-- --duration 3000 --pause 2000
--pause-at 500 --rate 20000 --rounds 1 --libs logxide,pino,pino-async,floor\`
to change the defaults. Figures depend on the machine: run it on a quiet one.
`;
  writeFileSync(join(repo, "docs/benchmarks.md"), md);
}
