/**
 * Multi-logger integration: several loggers, handlers at several levels of
 * the hierarchy, real files, and what reaches the console and stderr.
 */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../../src/index.js";
import { capturedStderr } from "../support/capture.js";

const L: any = logging;

class Capture {
  out = "";
  write(s: string): boolean {
    this.out += s;
    return true;
  }
}

const read = (f: string) => fs.readFileSync(f, "utf8");

describe("multi-logger integration", () => {
  let dir: string;
  let used: Set<string>;
  let root: any;
  let rootLevel: number;

  /** getLogger that remembers the name so the logger is reset afterwards. */
  function getLogger(name: string): any {
    used.add(name);
    return L.getLogger(name);
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-multi-"));
    used = new Set();
    root = L.getLogger();
    rootLevel = root.level;
    assert.equal(root.handlers.length, 0, "root starts without handlers");
  });

  afterEach(async () => {
    for (const lg of [root, ...[...used].map((n) => L.getLogger(n))]) {
      for (const h of [...lg.handlers]) {
        lg.removeHandler(h);
        h.close();
      }
      if (lg !== root) {
        lg.setLevel(L.NOTSET);
        lg.propagate = true;
        lg.disabled = false;
      }
    }
    root.setLevel(rootLevel);
    await logging.flush();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("per-module files, with propagation to a root console handler", async () => {
    const console = new Capture();
    const ch = new L.StreamHandler(console);
    ch.setFormatter(new L.Formatter("%(name)s:%(levelname)s:%(message)s"));
    root.addHandler(ch);
    root.setLevel(L.DEBUG);

    const dbFile = path.join(dir, "db.log");
    const httpFile = path.join(dir, "http.log");
    const db = getLogger("app.db");
    const http = getLogger("app.http");
    const fmt = new L.Formatter("%(levelname)s %(name)s %(message)s");
    const dbh = new L.FileHandler(dbFile);
    dbh.setFormatter(fmt);
    const httph = new L.FileHandler(httpFile);
    httph.setFormatter(fmt);
    db.addHandler(dbh);
    http.addHandler(httph);

    db.info("connected to %s", "pg");
    http.warning("slow request %dms", 812);
    db.debug("query %r", "select 1");
    getLogger("app").error("app-level");

    await logging.flush();
    assert.equal(read(dbFile), "INFO app.db connected to pg\nDEBUG app.db query 'select 1'\n");
    assert.equal(read(httpFile), "WARNING app.http slow request 812ms\n");
    assert.equal(
      console.out,
      "app.db:INFO:connected to pg\n" +
        "app.http:WARNING:slow request 812ms\n" +
        "app.db:DEBUG:query 'select 1'\n" +
        "app:ERROR:app-level\n",
    );
  });

  test("a library logger with NullHandler stays quiet until the app configures root", async () => {
    const lib = getLogger("somelib");
    lib.addHandler(new L.NullHandler());
    const other = getLogger("nohandlers");

    // Control: a logger with no handler anywhere reaches lastResort.
    let stderr = await capturedStderr(() => other.warning("reaches last resort"));
    assert.equal(stderr, "reaches last resort\n");

    // The library's NullHandler counts as a handler: lastResort does not fire.
    stderr = await capturedStderr(() => {
      lib.warning("library warning");
      lib.error("library error");
    });
    assert.equal(stderr, "");

    // The app configures root: the library's records now show up there.
    const console = new Capture();
    L.basicConfig({ stream: console, format: "%(name)s|%(levelname)s|%(message)s" });
    stderr = await capturedStderr(() => {
      lib.warning("now visible");
      lib.info("below WARNING");
    });
    assert.equal(stderr, "");
    assert.equal(console.out, "somelib|WARNING|now visible\n");
  });

  test("an errors-only handler writes to its own file", async () => {
    const allFile = path.join(dir, "all.log");
    const errFile = path.join(dir, "errors.log");
    const app = getLogger("svc");
    app.setLevel(L.DEBUG);
    const all = new L.FileHandler(allFile);
    const errs = new L.FileHandler(errFile);
    errs.setLevel(L.ERROR);
    const fmt = new L.Formatter("%(levelname)s:%(message)s");
    all.setFormatter(fmt);
    errs.setFormatter(fmt);
    app.addHandler(all);
    app.addHandler(errs);

    app.debug("d");
    app.info("i");
    app.warning("w");
    app.error("e");
    app.critical("c");
    app.log(45, "between");

    await logging.flush();
    assert.equal(read(allFile), "DEBUG:d\nINFO:i\nWARNING:w\nERROR:e\nCRITICAL:c\nLevel 45:between\n");
    assert.equal(read(errFile), "ERROR:e\nCRITICAL:c\nLevel 45:between\n");
  });

  test("an ERROR-level handler on the walk silences lastResort for warnings", async () => {
    const lg = getLogger("quiet.child");
    const errOnly = new L.StreamHandler(new Capture());
    errOnly.setLevel(L.ERROR);
    getLogger("quiet").addHandler(errOnly);
    const stderr = await capturedStderr(() => lg.warning("not shown anywhere"));
    assert.equal(stderr, "");
    assert.equal(errOnly.stream.out, "");
  });

  test("propagate = false cuts the walk", async () => {
    const seen: Record<string, Capture> = { root: new Capture(), a: new Capture(), ab: new Capture() };
    const mk = (c: Capture) => {
      const h = new L.StreamHandler(c);
      h.setFormatter(new L.Formatter("%(name)s:%(message)s"));
      return h;
    };
    root.addHandler(mk(seen.root));
    root.setLevel(L.DEBUG);
    const a = getLogger("a");
    const ab = getLogger("a.b");
    const abc = getLogger("a.b.c");
    a.addHandler(mk(seen.a));
    ab.addHandler(mk(seen.ab));
    ab.propagate = false;

    abc.info("from abc");
    ab.info("from ab");
    a.info("from a");

    await logging.flush();
    assert.equal(seen.ab.out, "a.b.c:from abc\na.b:from ab\n");
    assert.equal(seen.a.out, "a:from a\n");
    assert.equal(seen.root.out, "a:from a\n");

    // Turning propagation back on restores the full walk.
    ab.propagate = true;
    abc.info("again");
    await logging.flush();
    assert.equal(seen.ab.out, "a.b.c:from abc\na.b:from ab\na.b.c:again\n");
    assert.equal(seen.a.out, "a:from a\na.b.c:again\n");
    assert.equal(seen.root.out, "a:from a\na.b.c:again\n");
  });

  test("a logger four levels deep reaches the handler on root", async () => {
    const console = new Capture();
    const h = new L.StreamHandler(console);
    h.setFormatter(new L.Formatter("%(name)s %(levelname)s %(message)s"));
    root.addHandler(h);
    const deep = getLogger("w.x.y.z");
    assert.equal(deep.parent, L.getLogger(), "placeholders only: the parent is root");

    deep.info("not at root's WARNING");
    deep.warning("deep %s", "warning");
    await logging.flush();
    assert.equal(console.out, "w.x.y.z WARNING deep warning\n");

    // An intermediate logger created later becomes the parent and its level applies.
    const wx = getLogger("w.x");
    assert.equal(deep.parent, wx);
    assert.equal(wx.parent, L.getLogger());
    wx.setLevel(L.DEBUG);
    deep.debug("now enabled by w.x");
    wx.setLevel(L.ERROR);
    deep.warning("now suppressed by w.x");
    await logging.flush();
    assert.equal(console.out, "w.x.y.z WARNING deep warning\nw.x.y.z DEBUG now enabled by w.x\n");
  });

  test("ten loggers, each with its own file", async () => {
    const n = 10;
    const loggers: any[] = [];
    const files: string[] = [];
    for (let i = 0; i < n; i++) {
      const f = path.join(dir, `mod${i}.log`);
      files.push(f);
      const lg = getLogger(`ten.mod${i}`);
      lg.setLevel(L.INFO);
      const h = new L.FileHandler(f);
      h.setFormatter(new L.Formatter("%(name)s %(message)s"));
      lg.addHandler(h);
      loggers.push(lg);
    }
    const perLogger = 50;
    for (let k = 0; k < perLogger; k++) {
      for (let i = 0; i < n; i++) loggers[i].info("line %d", k);
    }
    await logging.flush();
    for (let i = 0; i < n; i++) {
      const expected = Array.from({ length: perLogger }, (_, k) => `ten.mod${i} line ${k}\n`).join("");
      assert.equal(read(files[i]), expected, `file ${files[i]}`);
    }
  });
});
