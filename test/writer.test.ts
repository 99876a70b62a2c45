/**
 * The batched writer: when a batch reaches the OS. Within one event-loop turn
 * nothing is written until all writers together hold BATCH_CHARS; then every
 * writer's batch is written, so memory stays bounded however many files there
 * are. The rest is written at the end of the turn.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BATCH_CHARS, FdWriter } from "../src/io/writer.js";

function withFiles(n: number, body: (writers: FdWriter[], read: (k: number) => string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "logxide-writer-"));
  const fds = Array.from({ length: n }, (_, k) => openSync(join(dir, `f${k}.log`), "a"));
  const writers = fds.map((fd) => new FdWriter(fd));
  try {
    body(writers, (k) => readFileSync(join(dir, `f${k}.log`), "utf8"));
  } finally {
    for (const w of writers) w.detach();
    for (const fd of fds) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

test("ten writers: nothing is written until together they hold a batch, then all of it is", () => {
  withFiles(10, (writers, read) => {
    const line = "x".repeat(99) + "\n";
    const perWriter = Math.floor(BATCH_CHARS / 100 / 10); // just under a batch in all
    for (let i = 0; i < perWriter; i++) for (const w of writers) w.write(line);
    for (let k = 0; k < 10; k++) assert.equal(read(k), "", `file ${k} before the total reached a batch`);
    let extra = 0;
    while (writers.reduce((a, w) => a + w.pendingLength, 0) > 0) {
      writers[extra % 10]!.write(line); // crosses BATCH_CHARS within a few lines
      extra++;
      assert.ok(extra <= 100, "the total never triggered a write");
    }
    let lines = 0;
    for (let k = 0; k < 10; k++) lines += read(k).split("\n").length - 1;
    assert.equal(lines, perWriter * 10 + extra);
  });
});

test("one writer alone writes at a full batch, in order, nothing lost", () => {
  withFiles(1, ([w], read) => {
    const lines: string[] = [];
    for (let i = 0; read(0) === "" && i < 10_000; i++) {
      const l = `line ${i}\n`;
      lines.push(l);
      w!.write(l);
    }
    const written = read(0);
    assert.ok(written.length >= BATCH_CHARS, `a write of ${written.length} chars before a full batch`);
    w!.flushSync();
    assert.equal(read(0), lines.join(""));
  });
});

test("the bytes written are the text's encoding, whatever its characters and size", () => {
  // Multi-byte characters, lone surrogates (written as U+FFFD, as Node
  // encodes them), and chunks from one short line to several batches at
  // once (a single record larger than a batch).
  const pieces = ["ascii line\n", "é ü ß\n", "日本語\n", "emoji 😀\n", "lone \ud800 \udfff\n", "\u2028sep\n"];
  for (const encoding of ["utf8", "latin1"] as const) {
    const dir = mkdtempSync(join(tmpdir(), "logxide-writer-"));
    const file = join(dir, "out.log");
    const fd = openSync(file, "a");
    const w = new FdWriter(fd, null, encoding);
    const sent: string[] = [];
    const send = (s: string) => {
      sent.push(s);
      w.write(s);
    };
    try {
      for (let i = 0; i < 3000; i++) send(pieces[i % pieces.length]!);
      w.flushSync();
      send("x".repeat(BATCH_CHARS * 5) + "\n");
      send("日".repeat(BATCH_CHARS) + "\n");
      w.flushSync();
      for (let i = 0; i < 50; i++) send(pieces[i % pieces.length]!);
      w.flushSync();
      assert.deepEqual(readFileSync(file), Buffer.from(sent.join(""), encoding), encoding);
    } finally {
      w.detach();
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
