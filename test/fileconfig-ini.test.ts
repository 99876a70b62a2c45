/**
 * The INI reader (src/config/ini.ts) against CPython's configparser:
 * generated files (sections, DEFAULT, `=`/`:` options, comments, blank and
 * continuation lines, bad lines, duplicates, `%(name)s`/`%%`/lone `%`) are
 * read by both; sections, raw values, interpolated values and errors
 * (class and text) must be identical. Plus the file-reading paths
 * (universal newlines, encodings, missing files) and read_dict.
 *
 * Deterministic by default (fixed seed); LOGXIDE_FUZZ_SEED and
 * LOGXIDE_FUZZ_RUNS change the seed and the sample size.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { ConfigParser, RawConfigParser } from "../src/config/ini.js";
import { runPython } from "./support/python.js";

const SEED = Number(process.env.LOGXIDE_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.LOGXIDE_FUZZ_RUNS ?? 300);

const name = fc.constantFrom("a", "b", "Key", "KEY", "x y", "format", "args", "level", "");
const value = fc.constantFrom(
  "",
  "1",
  "DEBUG",
  "%(a)s",
  "%(KEY)s/x",
  "100%%",
  "50% off",
  "%(missing)s",
  "%(b",
  "a = b",
  "x: y",
  "  padded  ",
  "('app.log', 'a')",
  "# not a comment",
  "v ; not a comment",
  "é€",
);
const indent = fc.constantFrom("", "", " ", "    ", "\t");
const line = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(name, fc.constantFrom("=", ":", " = ", " : ", "=="), value).map(([k, d, v]) => k + d + v),
  },
  { weight: 2, arbitrary: fc.constantFrom("[s1]", "[s2]", "[DEFAULT]", "[ s3 ]", "[a]b]", "[]", "[s1] trailing") },
  { weight: 1, arbitrary: fc.tuple(indent, fc.constantFrom("# c", "; c", "#", "rem")).map(([i, c]) => i + c) },
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom("  ", "\t", "        "), value).map(([i, v]) => i + v) },
  { weight: 1, arbitrary: fc.constantFrom("garbage", "   =x", "\u00a0k=v", "k\u00a0=v", "k=v\u00a0", "\ufeffk=v") },
);
const file = fc
  .tuple(fc.constantFrom("[s1]\n", "[DEFAULT]\n", "", "[s2]\n"), fc.array(line, { maxLength: 14 }), fc.boolean())
  .map(([head, lines, nl]) => head + lines.join("\n") + (nl ? "\n" : ""));

const DUMP = `
import configparser, json, sys
out = []
for text in json.load(sys.stdin):
    cp = configparser.ConfigParser()
    try:
        cp.read_string(text)
    except Exception as e:
        out.append({"err": f"{type(e).__name__}: {e}"})
        continue
    secs = []
    for s in ["DEFAULT"] + cp.sections():
        opts = []
        for k in (list(cp.defaults()) if s == "DEFAULT" else cp.options(s)):
            raw = cp.get(s, k, raw=True)
            try:
                v = cp.get(s, k)
            except Exception as e:
                v = f"{type(e).__name__}: {e}"
            opts.append([k, raw, v])
        secs.append([s, opts])
    out.append({"ok": secs})
print(json.dumps(out))
`;

type Dump = { ok?: Array<[string, Array<[string, string, string]>]>; err?: string };

function dump(text: string): Dump {
  const cp = new ConfigParser();
  try {
    cp.read_string(text);
  } catch (e) {
    return { err: `${(e as Error).name}: ${(e as Error).message}` };
  }
  const secs: Array<[string, Array<[string, string, string]>]> = [];
  for (const s of ["DEFAULT", ...cp.sections()]) {
    const keys = s === "DEFAULT" ? Object.keys(cp.defaults()) : cp.options(s);
    const opts: Array<[string, string, string]> = [];
    for (const k of keys) {
      const raw = cp.get(s, k, { raw: true });
      let v: string;
      try {
        v = cp.get(s, k);
      } catch (e) {
        v = `${(e as Error).name}: ${(e as Error).message}`;
      }
      opts.push([k, raw, v]);
    }
    secs.push([s, opts]);
  }
  return { ok: secs };
}

describe("INI reader: differential against CPython's configparser", () => {
  test("generated files read the same: sections, raw and interpolated values, errors", () => {
    const cases = fc.sample(file, { numRuns: RUNS, seed: SEED });
    const expected = runPython<Dump[]>(DUMP, cases);
    let parsed = 0;
    cases.forEach((text, i) => {
      assert.deepEqual(dump(text), expected[i], `file ${JSON.stringify(text)}`);
      if (expected[i]!.ok) parsed++;
    });
    // The generator must produce both readable files and broken ones.
    assert.ok(parsed > RUNS / 10 && parsed < RUNS, `parsed ${parsed} of ${RUNS}`);
  });

  test("constructor defaults are [DEFAULT] values, not checked for interpolation syntax", () => {
    const cp = new ConfigParser({ Dir: "/var/log", pct: "50%", n: 3, flag: true });
    cp.read_string("[h]\nargs=('%(dir)s/app.log',)\n");
    assert.equal(cp.get("h", "args"), "('/var/log/app.log',)");
    assert.equal(cp.get("h", "n"), "3");
    assert.equal(cp.get("h", "flag"), "True");
    assert.throws(() => cp.get("h", "pct"), { name: "InterpolationSyntaxError" });
    assert.equal(cp.get("h", "pct", { raw: true }), "50%");
  });

  test("set() checks interpolation syntax as ConfigParser does; RawConfigParser does not", () => {
    const cp = new ConfigParser();
    cp.add_section("s");
    assert.throws(() => cp.set("s", "k", "5% off"), {
      name: "ValueError",
      message: "invalid interpolation syntax in '5% off' at position 1",
    });
    const raw = new RawConfigParser();
    raw.add_section("s");
    raw.set("s", "k", "5% off %(x)s");
    assert.equal(raw.get("s", "k"), "5% off %(x)s");
  });

  test("get's fallback and the missing-section/option errors", () => {
    const cp = new ConfigParser();
    cp.read_string("[s]\nk=v\n");
    assert.equal(cp.get("s", "nope", { fallback: null }), null);
    assert.equal(cp.get("nope", "k", { fallback: "fb" }), "fb");
    assert.throws(() => cp.get("nope", "k"), { name: "NoSectionError", message: "No section: 'nope'" });
    assert.throws(() => cp.get("s", "NOPE"), { name: "NoOptionError", message: "No option 'nope' in section: 's'" });
    assert.equal(cp.getint("s", "x", { fallback: 1 }), 1);
  });
});

describe("INI reader: files", () => {
  test("read() applies universal newlines, skips missing files and returns what it read", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logxide-ini-"));
    try {
      const a = path.join(dir, "a.ini");
      writeFileSync(a, "[s]\r\nk = one\r\n  two\rnext = 3\r\n");
      const cp = new ConfigParser();
      assert.deepEqual(cp.read([a, path.join(dir, "missing.ini"), dir]), [a]);
      assert.equal(cp.get("s", "k"), "one\ntwo");
      assert.equal(cp.get("s", "next"), "3");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("encodings: latin-1 decodes every byte, a bad UTF-8 byte is an error, a BOM stays unless utf-8-sig", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logxide-ini-"));
    try {
      const f = path.join(dir, "l.ini");
      writeFileSync(f, Buffer.from([...Buffer.from("[s]\nk="), 0xe9, 0x0a]));
      const cp = new ConfigParser();
      cp.read(f, "latin-1");
      assert.equal(cp.get("s", "k"), "é");
      assert.throws(() => new ConfigParser().read(f), { name: "UnicodeDecodeError" });
      const bom = path.join(dir, "bom.ini");
      writeFileSync(bom, "\ufeff[s]\nk=v\n");
      assert.throws(() => new ConfigParser().read(bom), { name: "MissingSectionHeaderError" });
      const sig = new ConfigParser();
      sig.read(bom, "utf-8-sig");
      assert.equal(sig.get("s", "k"), "v");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("read_dict converts values with str() and refuses a key repeated after lower-casing", () => {
    const cp = new ConfigParser();
    cp.read_dict({ s: { A: 1, b: false, c: null } });
    assert.deepEqual(cp.options("s"), ["a", "b", "c"]);
    assert.equal(cp.get("s", "a"), "1");
    assert.equal(cp.get("s", "b"), "False");
    assert.equal(cp.get("s", "c"), null);
    assert.throws(() => new ConfigParser().read_dict({ s: { K: 1, k: 2 } }), {
      name: "DuplicateOptionError",
      message: "While reading from '<dict>': option 'k' in section 's' already exists",
    });
  });
});
