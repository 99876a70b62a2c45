import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import fc from "fast-check";
import { jsonNumber } from "../src/format/json.js";

function rec(extra: Record<string, unknown> = {}): logging.LogRecord {
  return logging.makeLogRecord({
    name: "api",
    levelno: 30,
    levelname: "WARNING",
    msg: "m %s",
    args: ["x"],
    created: 1700000000.005,
    ...extra,
  });
}

test("default fields: ISO time, level, name, message, then extra", () => {
  const text = new logging.JSONFormatter().format(rec({ ms: 812 }));
  assert.equal(text, '{"time":"2023-11-14T22:13:20.005Z","level":"WARNING","name":"api","message":"m x","ms":812}');
  assert.deepEqual(JSON.parse(text).ms, 812);
});

test("chosen fields and renames, extra off", () => {
  const f = new logging.JSONFormatter({ fields: { t: "created", lvl: "levelno", msg: "message" }, extra: false });
  assert.equal(f.format(rec({ ms: 1 })), '{"t":1700000000.005,"lvl":30,"msg":"m x"}');
});

test("escaping: quotes, newlines, control characters and lone surrogates stay valid JSON", () => {
  const msg = 'a"b\\c\nd\u0001e\ud800f';
  const text = new logging.JSONFormatter().format(rec({ msg, args: [] }));
  assert.equal(JSON.parse(text).message, msg);
  assert.ok(!text.includes("\n"));
});

test("hostile extra values never throw: circular, BigInt, symbol, function", () => {
  const c: Record<string, unknown> = {};
  c.self = c;
  const text = new logging.JSONFormatter().format(
    rec({
      c,
      big: 10n,
      s: Symbol("q"),
      fn() {
        return 1;
      },
    }),
  );
  const parsed = JSON.parse(text);
  assert.equal(parsed.big, "10");
  assert.match(parsed.c, /Circular/);
  assert.equal(typeof parsed.s, "string");
});

test("exceptions become a string field", () => {
  const text = new logging.JSONFormatter().format(rec({ exc_info: new Error("bad") }));
  assert.match(JSON.parse(text).exc_info, /^Error: bad\n/);
});

test("every string encodes exactly as JSON.stringify would (escape scan against the reference)", () => {
  const f = new logging.JSONFormatter({ fields: { m: "message", n: "name" }, extra: false });
  const samples = [
    "",
    "plain text",
    'q"uote',
    "back\\slash",
    "tab\there",
    "nl\n",
    "\u0000",
    "\u001f",
    " ",
    "\u007f",
    "\u2028\u2029",
    "é ü 中文",
    "\ud83d\ude00 paired",
    "lone \ud800",
    "lone \udfff end",
    "\udc00\ud800",
  ];
  for (const s of samples) {
    const text = f.format(rec({ msg: s, args: [], name: s }));
    assert.equal(text, `{"m":${JSON.stringify(s)},"n":${JSON.stringify(s)}}`, JSON.stringify(s));
  }
});

test("a field's last value is remembered, never served for a different one", () => {
  const f = new logging.JSONFormatter({
    fields: { t: "created", time: "isotime", n: "name", l: "levelno", x: "custom" },
    extra: false,
  });
  const seen = [
    { created: 1700000000.005, name: "a", levelno: 20, custom: "v" },
    { created: 1700000000.005, name: "a", levelno: 20, custom: "v" },
    { created: 1700000000.006, name: "b", levelno: 30, custom: 7 },
    { created: 1700000001.5, name: "b", levelno: 30, custom: "7" },
    { created: 1700000001.5, name: "a", levelno: 20, custom: true },
    { created: 1700000001.5, name: "a", levelno: 20, custom: { k: 1 } },
    { created: 1700000001.5, name: "a", levelno: 20, custom: null },
  ];
  for (const fields of seen) {
    const parsed = JSON.parse(f.format(rec(fields)));
    assert.deepEqual(parsed, {
      t: fields.created,
      time: new Date(Math.floor(fields.created * 1000)).toISOString(),
      n: fields.name,
      l: fields.levelno,
      x: fields.custom,
    });
  }
  // A record without the attribute: null, not the previous record's value.
  const plain = logging.makeLogRecord({ name: "a", created: 1700000001.5 });
  assert.equal(JSON.parse(f.format(plain)).x, null);
});

test("extra fields are found whatever order a record's attributes come in", () => {
  const f = new logging.JSONFormatter({ fields: { message: "message" } });
  logging.setLogRecordFactory((name, level, fn, lno, msg, args, exc, func, sinfo) => {
    const r = new logging.LogRecord(name, level, fn, lno, msg, args, exc, func, sinfo);
    // Rebuilt with an extra attribute first and the standard ones after it.
    const reordered = Object.create(Object.getPrototypeOf(r)) as Record<string, unknown>;
    reordered.early = 1;
    for (const key of Object.keys(r).reverse()) reordered[key] = (r as unknown as Record<string, unknown>)[key];
    return reordered as unknown as logging.LogRecord;
  });
  try {
    const log = logging.getLogger("json.order");
    log.propagate = false;
    const out: string[] = [];
    const h = new logging.Handler();
    h.setFormatter(f);
    h.emit = (record) => {
      out.push(h.format(record));
    };
    log.addHandler(h);
    log.warning("hi %s", "there", { extra: { late: "x" } });
    log.removeHandler(h);
    assert.deepEqual(JSON.parse(out[0]!), { message: "hi there", early: 1, late: "x" });
  } finally {
    logging.setLogRecordFactory(null);
  }
});

test("a number's text is String(v): whole milliseconds in seconds, and any other double", () => {
  const ms = fc.integer({ min: 0, max: 2 ** 42 });
  fc.assert(
    fc.property(ms, (m) => {
      const v = m / 1000;
      assert.equal(jsonNumber(v), String(v));
    }),
    { numRuns: 20_000 },
  );
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => jsonNumber(v) === String(v)));
  for (const v of [1, 1.5, 1.05, 1.005, 1700000000.1, 1700000000.01, 1700000000.001, 0.001, 2 ** 40 + 0.5, -1.5, 1e21])
    assert.equal(jsonNumber(v), String(v), String(v));
});

test("extra fields: whatever keys and values follow each other, each line is the record's own", () => {
  // One formatter over records whose extra keys change position, repeat,
  // clash with standard names and carry changing values: each line must be
  // what a fresh formatter writes.
  const key = fc.constantFrom("user", "reqId", "status", "msg", "message", "levelname", "constructor", 'a"b', "x");
  const value = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null));
  const extras = fc.array(fc.dictionary(key, value, { maxKeys: 5 }), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(extras, fc.boolean(), (list, extraOn) => {
      const shared = new logging.JSONFormatter({ extra: extraOn });
      for (const extra of list) {
        const make = () => {
          const r = logging.makeLogRecord({ name: "api", levelno: 20, levelname: "INFO", msg: "m", created: 1.5 });
          for (const [k, v] of Object.entries(extra))
            Object.defineProperty(r, k, { value: v, enumerable: true, writable: true, configurable: true });
          return r;
        };
        assert.equal(shared.format(make()), new logging.JSONFormatter({ extra: extraOn }).format(make()));
      }
    }),
    { numRuns: 300 },
  );
});

test("chosen fields: whatever values repeat or change, in any order, each line is the record's own", () => {
  // One formatter over records whose chosen fields repeat or change from one
  // record to the next (the start of a line is reused while they repeat):
  // each line must be what a fresh formatter writes.
  const attr = fc.constantFrom("name", "levelno", "levelname", "created", "message", "asctime", "custom", "isotime");
  const fieldsArb = fc.uniqueArray(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), attr), {
    selector: ([k]) => k,
    maxLength: 5,
  });
  const value = fc.oneof(fc.constantFrom("api", "db", 20, 30, true), fc.string({ maxLength: 3 }), fc.constant(null));
  const recordArb = fc.record({
    name: fc.constantFrom("api", "db"),
    levelno: fc.constantFrom(20, 30),
    created: fc.constantFrom(1.5, 1.5, 2.25, 1700000000.123),
    custom: fc.option(value),
    extra: fc.option(value),
  });
  fc.assert(
    fc.property(fieldsArb, fc.array(recordArb, { minLength: 1, maxLength: 10 }), (pairs, records) => {
      const fields = Object.fromEntries(pairs);
      const shared = new logging.JSONFormatter({ fields });
      shared.converter = logging.gmtime;
      for (const r of records) {
        const make = () => {
          const dict: Record<string, unknown> = {
            name: r.name,
            levelno: r.levelno,
            levelname: r.levelno === 20 ? "INFO" : "WARNING",
            msg: "m",
            created: r.created,
            msecs: (r.created * 1000) % 1000,
          };
          if (r.custom !== null) dict.custom = r.custom;
          if (r.extra !== null) dict.extra = r.extra;
          return logging.makeLogRecord(dict);
        };
        const fresh = new logging.JSONFormatter({ fields });
        fresh.converter = logging.gmtime;
        assert.equal(shared.format(make()), fresh.format(make()));
      }
    }),
    { numRuns: 500 },
  );
});

test("the message is escaped exactly as JSON.stringify does, whatever its format and arguments hold", () => {
  // printf tells the formatter when every piece of the message needs no
  // escaping; any quote, backslash, control character or surrogate in the
  // format or a %s argument must still be escaped.
  const text = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.string({ unit: "binary", maxLength: 6 }),
    fc.constantFrom('"', "\\", "\n", "\u0000", "\u001f", "\ud800", "\udfff", "\ud83d\ude00", "é", "\u2028"),
  );
  const arg = fc.oneof(text, fc.integer(), fc.double(), fc.constant(null), fc.constant({ a: '"' }));
  const conv = fc.constantFrom("%s", "%d", "%r", "%5s", "%%");
  const piece = fc.oneof(
    text.map((t) => t.replaceAll("%", "%%")),
    conv,
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), fc.array(arg, { maxLength: 6 }), (pieces, pool) => {
      const fmt = pieces.join("");
      const needed = (fmt.match(/%[sdr]|%5s/g) ?? []).length;
      const args = Array.from({ length: needed }, (_, i) => (pool.length > 0 ? pool[i % pool.length] : "x"));
      const f = new logging.JSONFormatter({ fields: { msg: "message" }, extra: false });
      const r = logging.makeLogRecord({ msg: fmt, args });
      let expected: string;
      try {
        expected = JSON.stringify({ msg: r.getMessage() });
      } catch {
        return; // a conversion error (e.g. %d of a string): not what this property is about
      }
      assert.equal(f.format(logging.makeLogRecord({ msg: fmt, args })), expected);
    }),
    { numRuns: 2000 },
  );
});

test("a record whose getMessage is its own is scanned, not trusted", () => {
  const f = new logging.JSONFormatter({ fields: { msg: "message" }, extra: false });
  const r = logging.makeLogRecord({ msg: "plain %s", args: ["text"] });
  const own = r.getMessage.bind(r);
  r.getMessage = () => `${own()} "quoted"`;
  assert.equal(f.format(r), JSON.stringify({ msg: 'plain text "quoted"' }));
  class Quoting extends logging.LogRecord {
    override getMessage(): string {
      return `${super.getMessage()}\n"end"`;
    }
  }
  const q = new Quoting("n", 20, "p", 1, "plain %s", ["text"], null);
  assert.equal(f.format(q), JSON.stringify({ msg: 'plain text\n"end"' }));
});

test("more extra fields than the formatter remembers are all written", () => {
  const extra = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
  const f = new logging.JSONFormatter({ fields: { msg: "message" } });
  for (let round = 0; round < 2; round++) {
    const parsed = JSON.parse(f.format(rec(extra)));
    for (let i = 0; i < 40; i++) assert.equal(parsed[`k${i}`], i);
  }
});

test("only a record's own attributes are extra fields, never a prototype's enumerable ones", () => {
  // Python's JSON-style formatters read the record's __dict__: an enumerable
  // property on a record's prototype (a factory's subclass, or a polluted
  // Object.prototype) is not the record's.
  const f = new logging.JSONFormatter({ fields: { msg: "message" } });
  const own = rec({ tag: "own" });
  assert.deepEqual(JSON.parse(f.format(own)), { msg: "m x", tag: "own" });
  // The same key at the same position, now inherited: not written.
  const proto = Object.create(logging.LogRecord.prototype) as Record<string, unknown>;
  proto.tag = "inherited";
  const inheriting = Object.create(proto) as Record<string, unknown>;
  for (const [k, v] of Object.entries(rec())) inheriting[k] = v;
  assert.deepEqual(JSON.parse(f.format(inheriting as unknown as logging.LogRecord)), { msg: "m x" });
  const polluted = Object.prototype as Record<string, unknown>;
  polluted.pollutedKey = "p";
  try {
    assert.deepEqual(JSON.parse(f.format(rec({ tag: "own" }))), { msg: "m x", tag: "own" });
  } finally {
    delete polluted.pollutedKey;
  }
});

test("a record with an attribute deleted or added after the extras is written as it is now", () => {
  const f = new logging.JSONFormatter({ fields: { msg: "message" } });
  for (let i = 0; i < 3; i++) assert.deepEqual(JSON.parse(f.format(rec({ a: i, b: i }))), { msg: "m x", a: i, b: i });
  const gone = rec({ a: 7, b: 8 }) as unknown as Record<string, unknown>;
  delete gone.a;
  gone.c = 9;
  assert.deepEqual(JSON.parse(f.format(gone as unknown as logging.LogRecord)), { msg: "m x", b: 8, c: 9 });
});
