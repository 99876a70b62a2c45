/**
 * The call boundary: which trailing object of a logging call is keyword
 * arguments and which is data. Untrusted data logged through a placeholder
 * is formatted, never obeyed (no fields added, no exception forged, nothing
 * thrown); keyword objects written by the program keep working; misspelt
 * ones are reported once as a process warning.
 */
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as logging from "../src/index.js";
import { _resetArgumentWarnings } from "../src/core/callArgs.js";
import { Collect, eachTestLogger } from "./support/capture.js";

const cap = eachTestLogger("boundary", { stderr: true });
let warnings: Error[] = [];
const onWarning = (w: Error) => {
  if (w.name === "LogxideWarning") warnings.push(w);
};

beforeEach(() => {
  warnings = [];
  _resetArgumentWarnings();
  process.on("warning", onWarning);
});

afterEach(() => {
  process.removeListener("warning", onWarning);
});

/** Process warnings are emitted on the next tick. */
const tick = () => new Promise((r) => setImmediate(r));

const BODIES = [
  '{"extra":{"message":"x"}}',
  '{"extra":{"user":"admin"}}',
  '{"extra":{"name":"forged","levelname":"CRITICAL"}}',
  '{"exc_info":{"stack":"Traceback: forged"}}',
  '{"exc_info":true}',
  '{"exc_info":[null,{"message":"forged"},null]}',
  '{"stack_info":true,"stacklevel":1}',
  '{"extra":{"__proto__":{"polluted":"yes"}}}',
];

describe("untrusted data consumed by a placeholder is an argument", () => {
  for (const body of BODIES) {
    test(`%s of ${body}`, () => {
      const parsed = JSON.parse(body);
      assert.doesNotThrow(() => cap.log.info("request body: %s", parsed));
      assert.equal(cap.h.records.length, 1);
      const r = cap.h.records[0]!;
      // The single-mapping rule, as in Python: the one mapping argument is `args`.
      assert.equal(r.args, parsed, "the body is the argument");
      assert.ok(cap.h.out[0]!.startsWith("request body: {"), cap.h.out[0]);
      assert.equal(r.exc_info, null);
      assert.equal(r.stack_info, null);
      assert.equal(r.name, cap.log.name);
      assert.equal(r.levelname, "INFO");
      assert.equal(Object.hasOwn(r, "user"), false);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(cap.stderr, "");
    });
  }

  test("the same through %r, a %(key)s mapping, a * width and two placeholders", () => {
    const body = JSON.parse('{"extra":{"user":"admin"}}');
    cap.log.info("%r", body);
    cap.log.info("%(extra)s", body); // the mapping placeholder consumes it
    cap.log.info("%*s|", 3, body);
    cap.log.info("%s and %s", "a", body);
    assert.equal(cap.h.records.length, 4);
    for (const r of cap.h.records) assert.equal(Object.hasOwn(r, "user"), false);
    assert.equal(cap.h.out[1], "{ user: 'admin' }");
    assert.match(cap.h.out[3]!, /^a and \{ extra: /);
    assert.equal(cap.stderr, "");
  });

  test("a malformed format counts every conversion: the body stays an argument (formatting error reported)", () => {
    const body = JSON.parse('{"extra":{"message":"x"}}');
    assert.doesNotThrow(() => cap.log.info("progress 50%: %s", body));
    assert.equal(cap.h.out.length + (cap.stderr.match(/--- Logging error ---/g) ?? []).length, 1);
    assert.match(cap.stderr, /unsupported format character ':'/);
    assert.ok(!cap.h.records.some((r) => Object.hasOwn(r, "message") && r.message === "x"));
  });

  test("a trailing lone % formats nothing: the keyword object is recognised", () => {
    cap.log.warning("disk 100%", { extra: { disk: "/" } });
    assert.equal(cap.h.records[0]!.disk, "/");
    assert.equal(cap.h.out[0], "disk 100%");
  });

  test("an Error consumed by a placeholder is an argument, not exc_info", () => {
    const err = new Error("boom");
    cap.log.error("failed: %s", err);
    assert.equal(cap.h.records[0]!.exc_info, null);
    assert.match(cap.h.out[0]!, /^failed: .*boom/);
  });

  test("a non-string message consumes nothing: a trailing keyword object still applies", () => {
    cap.log.info(42, { extra: { a: 1 } });
    assert.equal(cap.h.records[0]!.a, 1);
  });
});

describe("keyword objects written by the program", () => {
  test("{ exc_info, extra } after the message", () => {
    const err = new Error("boom");
    cap.log.info("x", { exc_info: err, extra: { a: 1, b: "two" } });
    const r = cap.h.records[0]!;
    assert.equal(r.exc_info, err);
    assert.equal(r.a, 1);
    assert.equal(r.b, "two");
  });

  test("after the placeholders' arguments, with stack_info", () => {
    const err = new Error("boom");
    cap.log.error("upload failed for %s", "f.txt", { exc_info: err, stack_info: true });
    const r = cap.h.records[0]!;
    assert.equal(r.getMessage(), "upload failed for f.txt");
    assert.equal(r.exc_info, err);
    assert.match(String(r.stack_info), /^Stack \(most recent call last\):/);
  });

  test("after a %(key)s mapping", () => {
    cap.log.info("%(user)s logged in", { user: "ann" }, { extra: { ip: "10.0.0.1" } });
    assert.equal(cap.h.out[0], "ann logged in");
    assert.equal(cap.h.records[0]!.ip, "10.0.0.1");
  });

  test("a trailing Error no placeholder uses is exc_info; also before a keyword object", () => {
    const err = new Error("boom");
    cap.log.error("upload failed", err);
    cap.log.error("upload of %s failed", "f", err, { extra: { n: 1 } });
    assert.equal(cap.h.records[0]!.exc_info, err);
    assert.equal(cap.h.records[1]!.exc_info, err);
    assert.equal(cap.h.records[1]!.n, 1);
    assert.equal(cap.h.records[1]!.getMessage(), "upload of f failed");
  });

  test("an explicit exc_info wins over a trailing Error", () => {
    const a = new Error("a");
    const b = new Error("b");
    cap.log.error("x %s", "y", a, { exc_info: b });
    assert.equal(cap.h.records[0]!.exc_info, b);
  });

  test("undefined and null values are accepted (Python's None)", () => {
    cap.log.info("x", { exc_info: undefined, extra: null, stacklevel: undefined });
    assert.equal(cap.h.records[0]!.exc_info, null);
    assert.equal(cap.h.out[0], "x");
  });

  test("exc_info as true, a number or an [type, value, tb] tuple", () => {
    const err = new Error("t");
    cap.log.info("a", { exc_info: true });
    cap.log.info("b", { exc_info: 0 });
    cap.log.info("c", { exc_info: [Error, err, null] });
    cap.log.info("d", { exc_info: 1 });
    assert.deepEqual(cap.h.records[0]!.exc_info, [null, null, null]);
    assert.equal(cap.h.records[1]!.exc_info, null);
    assert.equal((cap.h.records[2]!.exc_info as unknown[])[1], err);
    assert.match(cap.h.out[2]!, /^c\nError: t\n/);
    // Python: a true value that is not an exception means sys.exc_info(), here none.
    assert.deepEqual(cap.h.records[3]!.exc_info, [null, null, null]);
    assert.equal(cap.h.out[3], "d\nNoneType: None");
  });

  test("an Error from another realm (node:vm) is exc_info", async () => {
    const vm = await import("node:vm");
    const foreign = vm.runInNewContext('new Error("elsewhere")') as Error;
    cap.log.error("x", foreign);
    cap.log.error("y", { exc_info: foreign });
    assert.equal(cap.h.records[0]!.exc_info, foreign);
    assert.equal(cap.h.records[1]!.exc_info, foreign);
  });

  test("the caller's object is not kept or changed", () => {
    const kw = { extra: { a: 1 } };
    cap.log.info("x", kw);
    cap.log.exception("y", kw);
    assert.deepEqual(kw, { extra: { a: 1 } });
  });
});

describe("misspelt or mistyped keyword objects: an argument and one warning", () => {
  const err = new Error("lost?");
  const cases: Array<[string, unknown, RegExp]> = [
    ["exc_inf", { exc_inf: err }, /unexpected keyword argument 'exc_inf' \(did you mean 'exc_info'\?\)/],
    ["excInfo", { excInfo: err }, /unexpected keyword argument 'excInfo' \(did you mean 'exc_info'\?\)/],
    ["extras", { extras: { a: 1 } }, /'extras' \(did you mean 'extra'\?\)/],
    ["stackLevel", { stackLevel: 2 }, /'stackLevel' \(did you mean 'stacklevel'\?\)/],
    ["a keyword next to an unknown key", { exc_info: err, user: "ann" }, /unexpected keyword argument 'user'/],
    ["extra of the wrong type", { extra: "x" }, /'extra' must be a plain object, not str/],
    ["stacklevel not an integer", { stacklevel: 1.5 }, /'stacklevel' must be an integer, not float/],
    [
      "exc_info a string",
      { exc_info: "forged" },
      /'exc_info' must be an Error, a boolean or an \[type, value, traceback\] tuple, not str/,
    ],
    ["stack_info an object", { stack_info: {} }, /'stack_info' must be a boolean, not dict/],
    ["an Error inside an object", { err }, /an Error under 'err' is not exception information/],
  ];
  for (const [name, obj, want] of cases) {
    test(name, async () => {
      assert.doesNotThrow(() => cap.log.error("failed", obj));
      assert.doesNotThrow(() => cap.log.error("failed", obj));
      await tick();
      assert.equal(warnings.length, 1, warnings.map((w) => w.message).join("\n"));
      assert.match(warnings[0]!.message, want);
      assert.equal((warnings[0] as Error & { code?: string }).code, "LOGXIDE_LOG_ARGUMENT");
      // It stayed an argument: no exception information taken from it.
      for (const r of cap.h.records) assert.equal(r.exc_info, null);
    });
  }

  test("an ordinary object that no placeholder consumes is Python's silent mapping: no warning", async () => {
    cap.log.info("hello", { user: "ann", count: 2 });
    await tick();
    assert.equal(warnings.length, 0);
    assert.equal(cap.h.out[0], "hello");
  });

  test("data consumed by a placeholder never warns, whatever its keys", async () => {
    cap.log.info("%s", { exc_inf: 1, extras: 2 });
    await tick();
    assert.equal(warnings.length, 0);
  });

  test("the number of distinct warnings is bounded", async () => {
    for (let i = 0; i < 200; i++) cap.log.info("x", { exc_info: 1, [`k${i}`]: i });
    await tick();
    assert.ok(warnings.length > 1 && warnings.length <= 32, String(warnings.length));
  });
});

describe("extra accepts any string key", () => {
  const keys = JSON.parse(
    '{"__proto__": {"polluted": "yes"}, "constructor": "c", "toString": "t", "hasOwnProperty": "h", "valueOf": "v", "isPrototypeOf": 1, "getMessage": "g"}',
  ) as Record<string, unknown>;

  test("names JS objects inherit are own fields of the record; prototypes untouched", () => {
    const fmt = new Collect();
    fmt.setFormatter(new logging.Formatter("%(constructor)s %(toString)s %(hasOwnProperty)s %(valueOf)s"));
    cap.log.removeHandler(cap.h);
    cap.log.addHandler(fmt);
    const { getMessage: _, ...rest } = keys;
    const extra = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    Object.defineProperty(extra, "__proto__", { value: { polluted: "yes" }, enumerable: true });
    assert.doesNotThrow(() => cap.log.warning("e", { extra }));
    const r = fmt.records[0]!;
    assert.equal(Object.getPrototypeOf(r), logging.LogRecord.prototype);
    for (const k of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      assert.ok(Object.hasOwn(r, k), k);
    }
    assert.deepEqual(Object.getOwnPropertyDescriptor(r, "__proto__")?.value, { polluted: "yes" });
    assert.equal(fmt.out[0], "c t h v");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(typeof {}.toString, "function");
    assert.equal(r.getMessage(), "e");
    cap.log.removeHandler(fmt);
  });

  test("JSONFormatter writes them as keys; QueueHandler.prepare keeps them", () => {
    const j = new Collect();
    j.setFormatter(new logging.JSONFormatter({ fields: { message: "message" } }));
    const q: logging.LogRecord[] = [];
    const qh = new logging.QueueHandler(q);
    cap.log.addHandler(j);
    cap.log.addHandler(qh);
    const extra = JSON.parse('{"__proto__": {"p": 1}, "constructor": "c"}');
    cap.log.warning("e", { extra });
    cap.log.removeHandler(j);
    cap.log.removeHandler(qh);
    assert.equal(j.out[0], '{"message":"e","__proto__":{"p":1},"constructor":"c"}');
    assert.equal(Object.getPrototypeOf(q[0]), logging.LogRecord.prototype);
    assert.equal(q[0]!.constructor, "c");
    assert.deepEqual(Object.getOwnPropertyDescriptor(q[0], "__proto__")?.value, { p: 1 });
  });

  test("getMessage as a key shadows the method, as in Python: a formatting error, reported", () => {
    assert.doesNotThrow(() => cap.log.warning("e", { extra: { getMessage: 1 } }));
    assert.equal(cap.h.out.length, 0);
    assert.match(cap.stderr, /--- Logging error ---/);
  });

  test("keys that clash with record attributes are Python's KeyError", () => {
    for (const key of ["message", "asctime", "name", "levelname", "args", "msg", "exc_info", "lineno"]) {
      assert.throws(
        () => cap.log.warning("e", { extra: { [key]: 1 } }),
        (e: Error) => e.name === "KeyError" && e.message === `"Attempt to overwrite '${key}' in LogRecord"`,
        key,
      );
    }
  });

  test("the same extra keys again: a throwing getter is still reported, the rest still logged", () => {
    cap.h.setFormatter(new logging.Formatter("%(message)s %(a)s"));
    for (let i = 0; i < 3; i++) cap.log.warning("plain", { extra: { a: i, b: i } });
    const throwing = { a: 7 } as Record<string, unknown>;
    Object.defineProperty(throwing, "b", {
      enumerable: true,
      get() {
        throw new Error("getter b");
      },
    });
    assert.doesNotThrow(() => cap.log.warning("hostile", { extra: throwing }));
    assert.deepEqual(cap.h.out, ["plain 0", "plain 1", "plain 2", "hostile 7"]);
    assert.match(cap.stderr, /getter b/);
  });

  test("extras of any shapes in any order: each record carries exactly its own call's keys and values", () => {
    // Shapes repeat (the copy made for a shape is reused) and change (more
    // shapes than are remembered): every record must still be its call's.
    const keyPool = ["user", "reqId", "route", "status", "cached", 'q"uote', "back\\slash", "0", "line\u2028sep"];
    const constructorKeys = Object.keys(logging.makeLogRecord({}));
    const runs = [...Array(300).keys()].map((i) => {
      const s = Math.floor(i / 3); // each shape three calls running, with new values
      const picked = keyPool.filter((_, k) => (s * 7 + k * 3) % 5 < 2 + (s % 3));
      const shape = s % 4 === 0 ? [...picked, `k${s}`] : picked; // a new shape now and then
      return Object.fromEntries(shape.map((k, n) => [k, n % 2 === 0 ? `${k}-${i}` : i * 10 + n]));
    });
    for (const extra of runs) cap.log.warning("e", { extra });
    assert.equal(cap.h.records.length, runs.length);
    runs.forEach((extra, i) => {
      const r = cap.h.records[i]! as unknown as Record<string, unknown>;
      const own = Object.keys(r).filter((k) => !constructorKeys.includes(k) && k !== "message");
      assert.deepEqual(own.sort(), Object.keys(extra).sort(), `record ${i}`);
      for (const [k, v] of Object.entries(extra)) assert.equal(r[k], v, `record ${i} ${k}`);
    });
    assert.equal(cap.stderr, "");
  });

  test("with code generation from strings disallowed, extra is copied all the same", () => {
    const script = `
      import logging from ${JSON.stringify(new URL("../dist/esm/index.js", import.meta.url).href)};
      const h = new logging.StreamHandler(process.stdout);
      h.setFormatter(new logging.JSONFormatter({ fields: { msg: "message" } }));
      const log = logging.getLogger("nocodegen");
      log.propagate = false;
      log.addHandler(h);
      for (let i = 0; i < 3; i++) log.warning("m %d", i, { extra: { user: "u", reqId: i } });
    `;
    const out = execFileSync(
      process.execPath,
      ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    assert.equal(
      out,
      '{"msg":"m 0","user":"u","reqId":0}\n{"msg":"m 1","user":"u","reqId":1}\n{"msg":"m 2","user":"u","reqId":2}\n',
    );
  });

  test("the same extra keys again under a factory that sets one of them: Python's KeyError", () => {
    for (let i = 0; i < 3; i++) cap.log.warning("e", { extra: { service: i } });
    const before = logging.getLogRecordFactory();
    logging.setLogRecordFactory((...a) => {
      const r = before(...a);
      (r as unknown as Record<string, unknown>).service = "api";
      return r;
    });
    try {
      assert.throws(
        () => cap.log.warning("e", { extra: { service: 1 } }),
        (e: Error) => e.name === "KeyError" && e.message === `"Attempt to overwrite 'service' in LogRecord"`,
      );
    } finally {
      logging.setLogRecordFactory(null);
    }
  });
});

// ---------------------------------------------------------------------------
// Hostile values through every entry point

type Call = (args: unknown[]) => void;

function entryPoints(): Array<[string, Call]> {
  const adapter = new logging.LoggerAdapter(cap.log, { ctx: "a" });
  const merging = new logging.LoggerAdapter(cap.log, { ctx: "m" }, true);
  const bound = cap.log.bind({ ctx: "b" });
  const points: Array<[string, Call]> = [];
  for (const m of ["debug", "info", "warning", "warn", "error", "exception", "critical", "fatal"] as const) {
    points.push([`Logger.${m}`, (a) => (cap.log[m] as (...x: unknown[]) => void)(...a)]);
    points.push([`LoggerAdapter.${m}`, (a) => (adapter[m] as (...x: unknown[]) => void)(...a)]);
    points.push([`BoundLogger.${m}`, (a) => (bound[m] as (...x: unknown[]) => void)(...a)]);
  }
  points.push(["Logger.log", (a) => cap.log.log(logging.INFO, ...(a as [unknown]))]);
  points.push(["LoggerAdapter.log", (a) => adapter.log(logging.INFO, ...(a as [unknown]))]);
  points.push(["merge_extra adapter", (a) => merging.info(...(a as [unknown]))]);
  points.push(["BoundLogger.log", (a) => bound.log(logging.INFO, ...(a as [unknown]))]);
  const moduleFns = {
    debug: logging.debug,
    info: logging.info,
    warning: logging.warning,
    error: logging.error,
    exception: logging.exception,
    critical: logging.critical,
    fatal: logging.fatal,
  };
  for (const [m, fn] of Object.entries(moduleFns)) {
    points.push([`logging.${m}`, (a) => (fn as (...x: unknown[]) => void)(...a)]);
  }
  points.push(["logging.log", (a) => logging.log(logging.INFO, ...(a as [unknown]))]);
  return points;
}

function hostileValues(): Array<[string, unknown]> {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const thrower = (what: string) => () => {
    throw new Error(`trap ${what}`);
  };
  const trapAll = new Proxy(
    {},
    {
      get: thrower("get"),
      ownKeys: thrower("ownKeys"),
      getPrototypeOf: thrower("getPrototypeOf"),
      has: thrower("has"),
      getOwnPropertyDescriptor: thrower("gopd"),
    },
  );
  const plainLooking = new Proxy({ extra: 1 }, { get: thrower("get") }); // plain prototype, keys readable, values not
  const getterExtra = Object.defineProperty({}, "user", { get: thrower("extra getter"), enumerable: true });
  const cyc: Record<string, unknown> = { a: 1 };
  cyc.self = cyc;
  const evil = {
    toString: thrower("toString"),
    [Symbol.toPrimitive]: thrower("toPrimitive"),
  };
  return [
    ["a revoked Proxy", revoked.proxy],
    ["a Proxy whose every trap throws", trapAll],
    ["a plain-looking Proxy whose values throw", plainLooking],
    [
      "a keyword object whose extra getter throws",
      Object.defineProperty({}, "extra", { get: thrower("kw getter"), enumerable: true }),
    ],
    ["extra: a revoked Proxy", { extra: revoked.proxy }],
    ["extra: a Proxy whose traps throw", { extra: trapAll }],
    ["extra: a plain-looking Proxy", { extra: new Proxy({ user: 1 }, { get: thrower("extra get") }) }],
    ["extra: a throwing getter", { extra: getterExtra }],
    ["exc_info: a revoked Proxy", { exc_info: revoked.proxy }],
    ["exc_info: a throwing Proxy", { exc_info: trapAll }],
    ["prototype-named keys", JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 1, "toString": 2}')],
    ["extra with prototype-named keys", { extra: JSON.parse('{"__proto__": {"polluted": 1}, "hasOwnProperty": 3}') }],
    ["a BigInt", 10n ** 40n],
    ["extra: a BigInt", { extra: { big: 1n } }],
    ["a cycle", cyc],
    ["extra: a cycle", { extra: { cyc } }],
    ["throwing toString/toPrimitive", evil],
    ["extra: throwing toString/toPrimitive", { extra: { evil } }],
    ["a huge array", new Array(1_000_000).fill(7)],
    ["a symbol", Symbol("s")],
    ["a function", () => 1],
    ["null", null],
  ];
}

describe("nothing a caller passes throws out of a logging call", () => {
  let rootLevel = logging.WARNING;
  beforeEach(() => {
    logging.root.addHandler(cap.h); // module-level functions log on the root
    rootLevel = logging.root.level;
    logging.root.setLevel(logging.DEBUG);
  });
  afterEach(() => {
    logging.root.removeHandler(cap.h);
    logging.root.setLevel(rootLevel);
  });

  for (const [what, value] of hostileValues()) {
    test(what, () => {
      for (const [where, call] of entryPoints()) {
        for (const args of [["m", value], ["m %s", value], ["%(k)s", value], [value], ["m %s", "x", value]]) {
          assert.doesNotThrow(() => call(args), `${where}(${what})`);
        }
      }
      // Still working, and prototypes are clean.
      const before = cap.h.records.length;
      cap.log.warning("after");
      assert.equal(cap.h.records.length, before + 1);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  test("a hostile extra is reported through the logging error report and the record is still logged", () => {
    const getter = Object.defineProperty({ ok: 1 }, "bad", {
      get() {
        throw new Error("extra getter failed");
      },
      enumerable: true,
    });
    cap.log.warning("kept", { extra: getter });
    assert.equal(cap.h.records.length, 1);
    assert.equal(cap.h.records[0]!.ok, 1);
    assert.equal(Object.hasOwn(cap.h.records[0]!, "bad"), false);
    assert.match(cap.stderr, /--- Logging error ---[\s\S]*extra getter failed[\s\S]*Message: 'kept'/);
  });

  test("the bound logger's merge with a hostile call extra does not throw", () => {
    const bound = cap.log.bind({ a: 1 });
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("keys");
        },
      },
    );
    assert.doesNotThrow(() => bound.warning("x", { extra: trap }));
    assert.equal(cap.h.records.length, 1);
  });
});
