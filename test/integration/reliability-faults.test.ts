/**
 * Issue 4, part 2: faults. Disk full, permission and directory errors at
 * open, a reader that goes away (EPIPE), EAGAIN and partial writes (injected
 * into `fs.writeSync` in a child process), the log file deleted or moved
 * while open, and user handlers/filters that throw.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../../src/index.js";
import { checkSequence, fixtureDir, has, lines, removeDir, run, script, sh } from "./reliability-helpers.js";

let dir = "";
before(() => {
  dir = fixtureDir("logxide-faults-");
});
after(() => removeDir(dir));

/** Captures what handlers write to stderr (a replaced `write` is honoured, in order). */
async function captureStderr<T>(fn: () => T | Promise<T>): Promise<{ value: T; text: string }> {
  await logging.flush();
  const orig = process.stderr.write;
  let text = "";
  (process.stderr as { write: unknown }).write = (chunk: unknown) => {
    text += String(chunk);
    return true;
  };
  try {
    const value = await fn();
    await logging.flush();
    return { value, text };
  } finally {
    process.stderr.write = orig;
  }
}

function isolatedLogger(name: string): logging.Logger {
  const log = logging.getLogger(name);
  log.propagate = false;
  log.setLevel(logging.DEBUG);
  return log;
}

function fileHandler(file: string, opts: Record<string, unknown> = {}): logging.FileHandler {
  const h = new logging.FileHandler(file, opts as { delay?: boolean });
  h.setFormatter(new logging.Formatter("%(message)s"));
  return h;
}

describe("ENOSPC: /dev/full as a FileHandler target", { skip: !fs.existsSync("/dev/full") }, () => {
  test("the error goes to handleError in Python's words; other handlers and the app go on", async () => {
    const log = isolatedLogger("faults.enospc");
    const full = fileHandler("/dev/full");
    const goodFile = path.join(dir, "enospc-good.log");
    const good = fileHandler(goodFile);
    log.addHandler(full);
    log.addHandler(good);
    try {
      const { text } = await captureStderr(async () => {
        for (let i = 0; i < 1000; i++) log.info("rec %d", i);
        await logging.flush();
        for (let i = 1000; i < 2000; i++) log.info("rec %d", i);
      });
      assert.match(text, /--- Logging error ---/);
      assert.match(text, /OSError: \[Errno 28\] No space left on device/);
      assert.equal(checkSequence(lines(fs.readFileSync(goodFile, "utf8")), 2000), null);
    } finally {
      log.removeHandler(full);
      log.removeHandler(good);
      full.close();
      good.close();
    }
  });
});

describe("errors at open", () => {
  test("EISDIR at construction: IsADirectoryError: [Errno 21] Is a directory: '<path>'", () => {
    assert.throws(
      () => new logging.FileHandler(dir),
      (e: Error) => {
        assert.equal(e.name, "IsADirectoryError");
        assert.equal(e.message, `[Errno 21] Is a directory: '${dir}'`);
        return true;
      },
    );
  });

  test("ENOENT (missing directory) at construction: FileNotFoundError", () => {
    const p = path.join(dir, "no-such-dir", "app.log");
    assert.throws(
      () => new logging.FileHandler(p),
      (e: Error) => e.name === "FileNotFoundError" && e.message === `[Errno 2] No such file or directory: '${p}'`,
    );
  });

  test("EISDIR with delay: true goes through handleError at the first emit; the app goes on", async () => {
    const log = isolatedLogger("faults.eisdir.delay");
    const h = fileHandler(dir, { delay: true }); // no error yet
    const goodFile = path.join(dir, "eisdir-good.log");
    const good = fileHandler(goodFile);
    log.addHandler(h);
    log.addHandler(good);
    try {
      const { text } = await captureStderr(() => {
        log.info("one");
        log.info("two");
      });
      assert.match(text, /--- Logging error ---/);
      assert.ok(text.includes(`IsADirectoryError: [Errno 21] Is a directory: '${dir}'`), text);
      assert.match(text, /Message: 'one'/);
      assert.equal(fs.readFileSync(goodFile, "utf8"), "one\ntwo\n");
    } finally {
      log.removeHandler(h);
      log.removeHandler(good);
      h.close();
      good.close();
    }
  });

  // Root ignores permission bits, so the check runs as `nobody` through setpriv.
  const asRoot = process.getuid?.() === 0;
  /** A world-enterable temp folder where `import "logxide"` resolves to a copy of this build. */
  const nobodyFixture = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-nobody-"));
    fs.chmodSync(d, 0o755);
    const pkg = path.join(d, "node_modules", "logxide");
    fs.mkdirSync(pkg, { recursive: true });
    const repo = path.resolve(import.meta.dirname, "../..");
    fs.copyFileSync(path.join(repo, "package.json"), path.join(pkg, "package.json"));
    fs.cpSync(path.join(repo, "dist"), path.join(pkg, "dist"), { recursive: true });
    for (const p of [path.join(d, "node_modules"), pkg]) fs.chmodSync(p, 0o755);
    return d;
  };
  /** The node binary `nobody` can run: this one, or a copy of it in `d` when its folder is closed to others. */
  const nobodyNode = (d: string): string => {
    try {
      for (let p = path.dirname(process.execPath); p !== path.dirname(p); p = path.dirname(p))
        if ((fs.statSync(p).mode & 0o001) === 0) throw new Error(p);
      if ((fs.statSync(process.execPath).mode & 0o001) === 0) throw new Error(process.execPath);
      return process.execPath;
    } catch {
      const copy = path.join(d, "node");
      fs.copyFileSync(process.execPath, copy);
      fs.chmodSync(copy, 0o755);
      return copy;
    }
  };
  const canDrop = asRoot && has("setpriv");
  test("EACCES at construction: PermissionError: [Errno 13] Permission denied: '<path>' (and with delay, via handleError)", {
    skip: asRoot && !canDrop ? "running as root without setpriv: EACCES cannot be provoked" : false,
  }, async () => {
    // `nobody` may not be able to enter the checkout (a clone in root's home):
    // the child gets a folder of its own with a copy of the built package.
    const where = canDrop ? nobodyFixture() : dir;
    const locked = path.join(where, "locked");
    fs.mkdirSync(locked, { mode: 0o500 });
    fs.chmodSync(locked, 0o500);
    const target = path.join(locked, "app.log");
    script(
      where,
      "eacces.mjs",
      `
import logging from "logxide";
const target = process.argv[2];
try { new logging.FileHandler(target); console.log("no error"); }
catch (e) { console.log(e.name + ": " + e.message); }
const h = new logging.FileHandler(target, { delay: true });
const log = logging.getLogger("x"); log.propagate = false; log.addHandler(h);
log.warning("first");
console.log("still running");
`,
    );
    const args = ["eacces.mjs", target];
    const r = canDrop
      ? await run(["--reuid=65534", "--regid=65534", "--clear-groups", nobodyNode(where), ...args], {
          cwd: where,
          command: "setpriv",
          timeoutMs: 30_000,
        }).finally(() => removeDir(where))
      : await run(args, { cwd: dir, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [`PermissionError: [Errno 13] Permission denied: '${target}'`, "still running"]);
    assert.match(r.stderr, /--- Logging error ---/);
    assert.ok(r.stderr.includes(`PermissionError: [Errno 13] Permission denied: '${target}'`), r.stderr);
    assert.match(r.stderr, /Message: 'first'/);
  });
});

test("a created log file has mode 0o666 & ~umask, as Python's open()", async () => {
  const file = path.join(dir, "mode.log");
  const old = process.umask(0o027);
  try {
    const h = new logging.FileHandler(file);
    h.close();
  } finally {
    process.umask(old);
  }
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
});

describe("EPIPE: the reader goes away", () => {
  const CHILD = `
import logging from "logxide";
const file = process.argv[2];
const log = logging.getLogger("epipe"); log.propagate = false; log.setLevel(logging.INFO);
const out = new logging.StreamHandler(process.stdout);
const f = new logging.FileHandler(file);
for (const h of [out, f]) { h.setFormatter(new logging.Formatter("%(message)s")); log.addHandler(h); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let n = 0;
for (let round = 0; round < 5; round++) {
  for (let i = 0; i < 20000; i++) log.info("rec %d", n++);
  await sleep(100);
}
process.stderr.write("finished " + n + "\\n");
`;
  test("stdout | head -n 1: reported once, no crash, the file handler gets everything", async () => {
    script(dir, "epipe.mjs", CHILD);
    const file = path.join(dir, "epipe.log");
    const rc = path.join(dir, "epipe.rc");
    const r = await sh(`{ node epipe.mjs '${file}'; echo $? > '${rc}'; } | head -n 1`, { cwd: dir, timeoutMs: 30_000 });
    assert.equal(r.stdout, "rec 0\n");
    assert.equal(fs.readFileSync(rc, "utf8").trim(), "0", r.stderr);
    assert.match(r.stderr, /finished 100000/);
    const reports = r.stderr.match(/Broken pipe/g) ?? [];
    assert.equal(reports.length, 1, r.stderr);
    assert.match(r.stderr, /BrokenPipeError: \[Errno 32\] Broken pipe/);
    assert.equal(checkSequence(lines(fs.readFileSync(file, "utf8")), 100_000), null);
  });

  test("FileHandler on a FIFO whose reader exits: one handleError report, no crash", {
    skip: !has("mkfifo"),
  }, async () => {
    const fifo = path.join(dir, "fifo");
    await sh(`mkfifo '${fifo}'`);
    const file = path.join(dir, "fifo-good.log");
    script(
      dir,
      "fifo.mjs",
      `
import logging from "logxide";
const [fifo, file] = process.argv.slice(2);
const log = logging.getLogger("fifo"); log.propagate = false; log.setLevel(logging.INFO);
const a = new logging.FileHandler(fifo); // blocks until the reader has opened it
const b = new logging.FileHandler(file);
for (const h of [a, b]) { h.setFormatter(new logging.Formatter("%(message)s")); log.addHandler(h); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let n = 0;
for (let round = 0; round < 5; round++) { for (let i = 0; i < 20000; i++) log.info("rec %d", n++); await sleep(100); }
process.stderr.write("finished " + n + "\\n");
`,
    );
    const r = await sh(
      `head -c 10 < '${fifo}' > /dev/null & node fifo.mjs '${fifo}' '${file}'; echo "rc=$?" >&2; wait`,
      { cwd: dir, timeoutMs: 30_000 },
    );
    assert.match(r.stderr, /finished 100000/);
    assert.match(r.stderr, /rc=0/);
    assert.equal((r.stderr.match(/--- Logging error ---/g) ?? []).length, 1, r.stderr);
    assert.match(r.stderr, /BrokenPipeError: \[Errno 32\] Broken pipe/);
    assert.equal(checkSequence(lines(fs.readFileSync(file, "utf8")), 100_000), null);
  });
});

describe("injected write faults (fs.writeSync wrapped in a child)", () => {
  // The writer imports writeSync from node:fs; syncBuiltinESMExports makes
  // the wrapped function visible to it. Only writes to the log file's fd are
  // affected.
  const CHILD = `
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import logging from "logxide";
const [file, fault, N0] = process.argv.slice(2);
const N = Number(N0);
const real = fs.writeSync;
let target = -1, calls = 0, injected = 0, partial = 0;
const fail = (code) => Object.assign(new Error(code + ": injected"), { code });
fs.writeSync = function (fd, buf, off, len, ...rest) {
  if (fd !== target) return real.call(fs, fd, buf, off, len, ...rest);
  // The string form writeSync(fd, text, position, encoding): fault it as bytes.
  if (typeof buf === "string") { buf = Buffer.from(buf, typeof len === "string" ? len : "utf8"); off = 0; len = buf.length; rest = []; }
  calls++;
  if (fault === "eagain" && calls % 2 === 1) { injected++; throw fail("EAGAIN"); }
  if (fault === "enospc-once" && calls === 2) { injected++; throw fail("ENOSPC"); }
  if (fault === "partial" || fault === "eagain") {
    const n = Math.min(len, 1 + (calls * 7919) % 4093);
    if (n < len) partial++;
    return real.call(fs, fd, buf, off, n);
  }
  return real.call(fs, fd, buf, off, len, ...rest);
};
syncBuiltinESMExports();
const log = logging.getLogger("inject"); log.propagate = false; log.setLevel(logging.INFO);
const h = new logging.FileHandler(file);
h.setFormatter(new logging.Formatter("%(message)s"));
log.addHandler(h);
target = h.stream.fd;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < N; i++) { log.info("rec %d", i); if (i % 5000 === 4999) await sleep(1); }
await logging.flush();
console.log(JSON.stringify({ calls, injected, partial }));
`;
  before(() => script(dir, "inject.mjs", CHILD));

  async function inject(fault: string, n: number) {
    const file = path.join(dir, `inject-${fault}.log`);
    const r = await run(["inject.mjs", file, fault, String(n)], { cwd: dir, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    return {
      r,
      stats: JSON.parse(r.stdout) as { calls: number; injected: number; partial: number },
      l: lines(fs.readFileSync(file, "utf8")),
    };
  }

  test("partial writes: every byte ends up written, in order", async () => {
    const { stats, l, r } = await inject("partial", 50_000);
    assert.ok(stats.partial > 50, JSON.stringify(stats));
    assert.equal(checkSequence(l, 50_000), null);
    assert.equal(r.stderr, "");
  });

  test("EAGAIN on every other write (with partial writes): retried, nothing lost, nothing reported", async () => {
    const { stats, l, r } = await inject("eagain", 50_000);
    assert.ok(stats.injected > 50, JSON.stringify(stats));
    assert.equal(checkSequence(l, 50_000), null);
    assert.equal(r.stderr, "");
  });

  test("one ENOSPC: that batch is reported through handleError, later batches are written", async () => {
    const { stats, l, r } = await inject("enospc-once", 50_000);
    assert.equal(stats.injected, 1);
    assert.equal((r.stderr.match(/--- Logging error ---/g) ?? []).length, 1, r.stderr);
    assert.match(r.stderr, /OSError: \[Errno 28\] No space left on device/);
    // The lost batch is one contiguous run; everything after it is there, in order.
    const nums = l.map((x) => Number(x.slice(4)));
    assert.ok(nums.length > 0 && nums.length < 50_000);
    assert.equal(nums[nums.length - 1], 49_999);
    let gaps = 0;
    for (let i = 1; i < nums.length; i++) if (nums[i] !== nums[i - 1] + 1) gaps++;
    assert.ok(gaps <= 1, `one lost run at most, got ${gaps} gaps`);
  });
});

describe("the log file deleted or moved while open", () => {
  test("FileHandler: deleted → writes go to the unlinked file, no error, the app goes on", async () => {
    const file = path.join(dir, "deleted.log");
    const log = isolatedLogger("faults.deleted");
    const h = fileHandler(file);
    log.addHandler(h);
    try {
      const { text } = await captureStderr(async () => {
        log.info("before");
        await logging.flush();
        fs.unlinkSync(file);
        for (let i = 0; i < 1000; i++) log.info("after %d", i);
      });
      assert.equal(text, "");
      assert.equal(fs.existsSync(file), false, "FileHandler does not recreate the path (as Python)");
    } finally {
      log.removeHandler(h);
      h.close();
    }
  });

  test("FileHandler: moved → the records follow the moved file, in order, none lost", async () => {
    const file = path.join(dir, "moved.log");
    const moved = path.join(dir, "moved.log.1");
    const log = isolatedLogger("faults.moved");
    const h = fileHandler(file);
    log.addHandler(h);
    try {
      for (let i = 0; i < 500; i++) log.info("rec %d", i);
      fs.renameSync(file, moved); // records 0..499 may still be pending: they go to the moved file too
      for (let i = 500; i < 1000; i++) log.info("rec %d", i);
      await logging.flush();
      assert.equal(checkSequence(lines(fs.readFileSync(moved, "utf8")), 1000), null);
    } finally {
      log.removeHandler(h);
      h.close();
    }
  });

  for (const action of ["deleted", "moved"] as const) {
    test(`WatchedFileHandler: ${action} → reopens the path; every record is in the old or the new file`, async () => {
      const file = path.join(dir, `watched-${action}.log`);
      const old = file + ".old";
      const log = isolatedLogger(`faults.watched.${action}`);
      const h = new logging.WatchedFileHandler(file);
      h.setFormatter(new logging.Formatter("%(message)s"));
      log.addHandler(h);
      try {
        for (let i = 0; i < 500; i++) log.info("rec %d", i);
        if (action === "moved") fs.renameSync(file, old);
        else {
          await logging.flush();
          fs.unlinkSync(file);
        }
        for (let i = 500; i < 1000; i++) log.info("rec %d", i);
        await logging.flush();
        const fresh = lines(fs.readFileSync(file, "utf8"));
        assert.equal(fresh[0], "rec 500");
        const all = action === "moved" ? [...lines(fs.readFileSync(old, "utf8")), ...fresh] : fresh;
        if (action === "moved") assert.equal(checkSequence(all, 1000), null);
        else
          assert.equal(
            checkSequence(
              fresh.map((x) => "rec " + (Number(x.slice(4)) - 500)),
              500,
            ),
            null,
          );
      } finally {
        log.removeHandler(h);
        h.close();
      }
    });
  }
});

describe("throwing user code never breaks other handlers or the application", () => {
  class Collect extends logging.Handler {
    out: string[] = [];
    override emit(record: logging.LogRecord): void {
      this.out.push(this.format(record));
    }
  }

  test("a handler whose emit throws; one whose handle throws; one whose handleError throws too", async () => {
    const log = isolatedLogger("faults.throwing");
    const a = new Collect();
    const badEmit = new (class extends logging.Handler {
      override emit(): void {
        throw new Error("emit failed");
      }
    })();
    const badHandle = new (class extends logging.Handler {
      override handle(): false {
        throw new Error("handle failed");
      }
    })();
    const worst = new (class extends logging.Handler {
      override emit(): void {
        throw new Error("emit failed");
      }
      override handleError(): void {
        throw new Error("handleError failed");
      }
    })();
    const b = new Collect();
    for (const h of [a, badEmit, badHandle, worst, b]) log.addHandler(h);
    try {
      const { text } = await captureStderr(() => {
        for (let i = 0; i < 10; i++) log.info("rec %d", i);
      });
      const want = Array.from({ length: 10 }, (_, i) => `rec ${i}`);
      assert.deepEqual(a.out, want);
      assert.deepEqual(b.out, want);
      assert.match(text, /Error: emit failed/);
      assert.match(text, /Error: handle failed/);
    } finally {
      for (const h of [a, badEmit, badHandle, worst, b]) log.removeHandler(h);
    }
  });

  test("a throwing filter on a handler: reported, the other handlers still get the record", async () => {
    const log = isolatedLogger("faults.filter.handler");
    const a = new Collect();
    const filtered = new Collect();
    filtered.addFilter(() => {
      throw new Error("filter failed");
    });
    const b = new Collect();
    for (const h of [a, filtered, b]) log.addHandler(h);
    try {
      const { text } = await captureStderr(() => log.info("x"));
      assert.deepEqual(a.out, ["x"]);
      assert.deepEqual(b.out, ["x"]);
      assert.deepEqual(filtered.out, []);
      assert.match(text, /filter failed/);
    } finally {
      for (const h of [a, filtered, b]) log.removeHandler(h);
    }
  });

  test("a throwing filter on a logger does not throw into the application", async () => {
    const log = isolatedLogger("faults.filter.logger");
    const a = new Collect();
    log.addHandler(a);
    const f = {
      filter: () => {
        throw new Error("logger filter failed");
      },
    };
    log.addFilter(f);
    try {
      await captureStderr(() => {
        assert.doesNotThrow(() => log.info("x"));
      });
    } finally {
      log.removeFilter(f);
      log.removeHandler(a);
    }
  });

  test("a record whose formatting throws (bad args, throwing toString) reaches handleError, neighbours written", async () => {
    const log = isolatedLogger("faults.format");
    const a = new Collect();
    log.addHandler(a);
    try {
      const evil = {
        toString() {
          throw new Error("toString failed");
        },
      };
      const { text } = await captureStderr(() => {
        log.info("before");
        log.info("%d", "not a number");
        log.info("%s", evil);
        log.info("after");
      });
      assert.equal(a.out[0], "before");
      assert.equal(a.out[a.out.length - 1], "after");
      assert.match(text, /--- Logging error ---/);
    } finally {
      log.removeHandler(a);
    }
  });

  test("child process: async emit that rejects, flush that throws at exit — the app ends normally, the file is complete", async () => {
    script(
      dir,
      "asyncemit.mjs",
      `
import logging from "logxide";
const file = process.argv[2];
const log = logging.getLogger("a"); log.propagate = false; log.setLevel(logging.INFO);
class AsyncBad extends logging.Handler { async emit() { throw new Error("async emit failed"); } }
class BadFlush extends logging.Handler { emit() {} flush() { throw new Error("flush failed"); } }
const f = new logging.FileHandler(file); f.setFormatter(new logging.Formatter("%(message)s"));
for (const h of [new AsyncBad(), new BadFlush(), f]) log.addHandler(h);
for (let i = 0; i < 1000; i++) log.info("rec %d", i);
setTimeout(() => { console.log("alive"); process.exit(0); }, 50);
`,
    );
    const file = path.join(dir, "asyncemit.log");
    const r = await run(["asyncemit.mjs", file], { cwd: dir, timeoutMs: 30_000 });
    assert.equal(checkSequence(lines(fs.readFileSync(file, "utf8")), 1000), null);
    assert.equal(r.stdout, "alive\n", `the process crashed: code ${r.code}\n${r.stderr.slice(0, 1500)}`);
    assert.equal(r.code, 0);
  });
});

void os;
