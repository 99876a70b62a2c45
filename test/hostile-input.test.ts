/**
 * Hostile input. Messages of every JS type, circular and
 * throwing objects, huge messages, lone surrogates, printf mismatches: a
 * clear result (the text, or `--- Logging error ---` through handleError),
 * never an exception into the application, and the neighbouring records are
 * still written. Format strings and `extra` from configuration are
 * untrusted: no field name reads outside the record or runs code, and
 * `extra` cannot pollute prototypes (the call boundary itself, which object
 * is an argument and which is keywords, is in call-boundary.test.ts).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../src/index.js";
import { Collect, eachTestLogger } from "./support/capture.js";

const cap = eachTestLogger("hostile", { stderr: true, flush: true });

const errors = () => (cap.stderr.match(/--- Logging error ---/g) ?? []).length;

/** Logs `before`, then `fn`, then `after`; asserts nothing threw and the neighbours were written. */
function between(fn: () => void): string[] {
  cap.log.warning("before");
  assert.doesNotThrow(fn);
  cap.log.warning("after");
  assert.equal(cap.h.out[0], "before");
  assert.equal(cap.h.out[cap.h.out.length - 1], "after");
  return cap.h.out.slice(1, -1);
}

describe("messages of every JS type", () => {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const cases: Array<[string, unknown, string | RegExp]> = [
    ["symbol", Symbol("s"), "Symbol(s)"],
    ["bigint", 10n ** 30n, "1000000000000000000000000000000"],
    ["arrow function", () => 1, /Function/],
    [
      "named function",
      function named() {
        return 1;
      },
      /named/,
    ],
    ["class", class K {}, /K/],
    ["null", null, "None"],
    ["undefined", undefined, "None"],
    ["NaN", NaN, "NaN"],
    ["circular object", circular, /Circular/],
    ["null-prototype object", Object.create(null), /null prototype/],
    ["nested array", [1, [2, [3]]], /1/],
    ["Map", new Map([[1, 2]]), /Map/],
    ["Error", new Error("boom"), /boom/],
    ["Date", new Date(0), /1970/],
    ["boolean", false, "false"],
  ];
  for (const [name, value, want] of cases) {
    test(name, () => {
      const got = between(() => cap.log.warning(value as string));
      assert.equal(got.length, 1);
      if (typeof want === "string") assert.equal(got[0], want);
      else assert.match(got[0], want);
      assert.equal(errors(), 0, cap.stderr);
    });
  }

  test("an object whose toString and Symbol.toPrimitive throw (as the message): printed or reported, never thrown", () => {
    const evil = {
      toString() {
        throw new Error("toString failed");
      },
      [Symbol.toPrimitive]() {
        throw new Error("prim failed");
      },
    };
    const got = between(() => cap.log.warning(evil as unknown as string));
    assert.ok(got.length === 1 || errors() === 1, cap.stderr);
  });

  test("a Proxy that throws on every property read", () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error("proxy read");
        },
        ownKeys() {
          throw new Error("proxy keys");
        },
      },
    );
    between(() => cap.log.warning(trap as unknown as string));
    between(() => cap.log.warning("%s", trap));
    between(() => cap.log.warning("%r", trap));
  });

  test("a throwing getter read through %(name)s: handleError with the getter's error", () => {
    const args = Object.defineProperty({}, "x", {
      get() {
        throw new Error("getter failed");
      },
      enumerable: true,
    });
    const got = between(() => cap.log.warning("%(x)s", args));
    assert.equal(got.length, 0);
    assert.equal(errors(), 1);
    assert.match(cap.stderr, /getter failed/);
    assert.match(cap.stderr, /Message: '%\(x\)s'/);
  });

  test("%s/%r/%a of circular and throwing objects", () => {
    const c: Record<string, unknown> = {};
    c.c = c;
    const evil = {
      toString() {
        throw new Error("toString failed");
      },
    };
    between(() => {
      cap.log.warning("%s", c);
      cap.log.warning("%r", c);
      cap.log.warning("%a", c);
      cap.log.warning("%r", evil);
    });
  });
});

describe("printf mismatches: Python's TypeError text through handleError", () => {
  const cases: Array<[string, unknown[], string]> = [
    ["%d", ["x"], "TypeError: %d format: a real number is required, not str"],
    ["%s %s", [1], "TypeError: not enough arguments for format string"],
    ["%s", [1, 2], "TypeError: not all arguments converted during string formatting"],
    ["%(a)s", [{ b: 1 }], "KeyError: 'a'"],
    ["%z", [1], "ValueError: unsupported format character 'z' (0x7a) at index 1"],
    ["%", [1], "ValueError: incomplete format"],
    ["%c", [-1], "OverflowError: %c arg not in range(0x110000)"],
    // CPython shows characters 31..126 as themselves, others as '?'.
    ["%. x", [1], "ValueError: unsupported format character ' ' (0x20) at index 2"],
  ];
  for (const [fmt, args, want] of cases) {
    test(`${JSON.stringify(fmt)} % ${JSON.stringify(args)}`, () => {
      const got = between(() => cap.log.warning(fmt, ...(args as [])));
      assert.equal(got.length, 0);
      assert.equal(errors(), 1, cap.stderr);
      assert.ok(cap.stderr.includes(want), `wanted ${want} in:\n${cap.stderr}`);
    });
  }
});

describe("size and encoding", () => {
  test("a 16 MiB message reaches a file whole; the neighbours too", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-hostile-"));
    const file = path.join(dir, "big.log");
    const fh = new logging.FileHandler(file);
    fh.setFormatter(new logging.Formatter("%(message)s"));
    cap.log.addHandler(fh);
    try {
      const big = "a".repeat(16 * 1024 * 1024);
      between(() => {
        cap.log.warning(big);
        cap.log.warning("%s|%s", big.slice(0, 1024), "b".repeat(1 << 20));
      });
      await logging.flush();
      const text = fs.readFileSync(file, "utf8");
      const l = text.split("\n");
      assert.equal(l[0], "before");
      assert.equal(l[1].length, 16 * 1024 * 1024);
      assert.equal(l[2].length, 1024 + 1 + (1 << 20));
      assert.equal(l[3], "after");
    } finally {
      cap.log.removeHandler(fh);
      fh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("lone surrogates: written as U+FFFD in UTF-8, neighbours intact", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-hostile-"));
    const file = path.join(dir, "sur.log");
    const fh = new logging.FileHandler(file);
    fh.setFormatter(new logging.Formatter("%(message)s"));
    cap.log.addHandler(fh);
    try {
      between(() => {
        cap.log.warning("\ud800");
        cap.log.warning("x\udfffy");
        cap.log.warning("%s", "\udbff");
        cap.log.warning("ok \u{1F600}");
      });
      await logging.flush();
      assert.equal(fs.readFileSync(file, "utf8"), "before\n\ufffd\nx\ufffdy\n\ufffd\nok \u{1F600}\nafter\n");
    } finally {
      cap.log.removeHandler(fh);
      fh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("lone surrogates with encoding ascii/latin-1 and errors: clear error or replacement, never a crash", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-hostile-"));
    try {
      for (const [enc, errs] of [
        ["ascii", null],
        ["latin-1", "replace"],
        ["ascii", "backslashreplace"],
      ] as const) {
        const fh = new logging.FileHandler(path.join(dir, `${enc}-${errs}.log`), { encoding: enc, errors: errs });
        cap.log.addHandler(fh);
        between(() => cap.log.warning("x\ud800y é"));
        cap.log.removeHandler(fh);
        fh.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("untrusted format strings (e.g. from a JSON config)", () => {
  const fields = [
    "constructor",
    "__proto__",
    "prototype",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "__defineGetter__",
    "__lookupGetter__",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "__class__",
    "__dict__",
  ];
  const formats: Array<[string, "%" | "{" | "$"]> = [];
  for (const f of fields) formats.push([`%(${f})s`, "%"], [`{${f}}`, "{"], [`\${${f}}`, "$"]);
  formats.push(
    ["{msg.constructor}", "{"],
    ["{msg.constructor.constructor}", "{"],
    ["{args[0].constructor}", "{"],
    ["{msg.__proto__}", "{"],
    ["{args.__proto__}", "{"],
    ["{args[__proto__]}", "{"],
    ["{msg[constructor]}", "{"],
    ["{msg.length}", "{"],
    ["{name.__class__}", "{"],
    ["{msg!r:>{constructor}}", "{"],
    ["{levelname.toString}", "{"],
    ["{args[0].constructor.constructor}", "{"],
    ["%(msg.constructor)s", "%"],
    ["%(args[0])s", "%"],
    ["{process.mainModule}", "{"],
    ["{args[0].polluted}", "{"],
  );
  for (const [fmt, style] of formats) {
    test(`${style} ${fmt}: no value from outside the record`, () => {
      let fm: logging.Formatter;
      try {
        fm = new logging.Formatter(fmt, undefined, style);
      } catch (e) {
        // Rejected at construction (Python's validate): a clear error is fine.
        assert.match((e as Error).name, /Error/);
        return;
      }
      const hostile = new Collect();
      hostile.setFormatter(fm);
      cap.log.addHandler(hostile);
      try {
        between(() => cap.log.warning("hi %s", { a: 1 }));
      } finally {
        cap.log.removeHandler(hostile);
      }
      // before, hi, after: each either formatted or one logging error.
      for (const text of hostile.out) {
        assert.doesNotMatch(text, /native code|\[Function|\[class|Object\]|prototype/, `${fmt} → ${text}`);
      }
      assert.equal(hostile.out.length + errors(), 3, `one result per record: text or a logging error (${cap.stderr})`);
      if (errors() > 0) assert.match(cap.stderr, /(ValueError|KeyError|AttributeError|TypeError|IndexError): /);
    });
  }

  test("a format string cannot call code", () => {
    const g = globalThis as Record<string, unknown>;
    for (const fmt of [
      "{constructor.constructor('globalThis.pwned=1')()}",
      '{msg.constructor.constructor("globalThis.pwned=1")}',
      "%(constructor.constructor('globalThis.pwned=1')())s",
      "${constructor.constructor}",
    ]) {
      for (const style of ["%", "{", "$"] as const) {
        const hostile = new Collect();
        try {
          hostile.setFormatter(new logging.Formatter(fmt, undefined, style));
        } catch {
          continue;
        }
        cap.log.addHandler(hostile);
        try {
          between(() => cap.log.warning("x"));
        } finally {
          cap.log.removeHandler(hostile);
        }
      }
    }
    assert.equal(g.pwned, undefined);
  });

  test("dictConfig with a hostile format: errors are clear, nothing runs", async () => {
    const conf = JSON.parse(
      JSON.stringify({
        version: 1,
        formatters: {
          f: { format: "%(constructor)s %(__proto__)s" },
          g: { format: "{constructor.constructor}", style: "{" },
        },
        handlers: {
          a: { class: "logging.NullHandler", formatter: "f" },
          b: { class: "logging.NullHandler", formatter: "g" },
        },
        loggers: { "hostile.dict": { handlers: ["a", "b"], propagate: false } },
        disable_existing_loggers: false,
      }),
    );
    try {
      logging.dictConfig(conf);
    } catch (e) {
      assert.match((e as Error).name, /Error/);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe("extra and makeLogRecord cannot pollute prototypes", () => {
  test("extra with an own __proto__ key (from JSON.parse): an own field of the record, no pollution", () => {
    const extra = JSON.parse('{"__proto__": {"polluted": "yes"}, "x": 1}');
    assert.doesNotThrow(() => cap.log.warning("e", { extra }));
    assert.equal(cap.h.out.at(-1), "e");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.hasOwn(Object.prototype, "polluted"), false);
  });

  // Python accepts any name its LogRecord instance does not hold; names a JS
  // object inherits (`constructor`, `toString`) are accepted the same way and
  // become own fields of that one record.
  test("extra with constructor/prototype/toString keys: own fields of this record only", () => {
    const x = new Collect();
    x.setFormatter(new logging.Formatter("%(message)s %(constructor)s %(toString)s %(prototype)s"));
    cap.log.removeHandler(cap.h);
    cap.log.addHandler(x);
    const extra = JSON.parse('{"constructor": {"prototype": {"polluted": 1}}, "toString": "ts", "prototype": 2}');
    try {
      assert.doesNotThrow(() => cap.log.warning("e", { extra }));
    } finally {
      cap.log.removeHandler(x);
      cap.log.addHandler(cap.h);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(typeof {}.toString, "function");
    assert.equal(x.out[0], "e { prototype: { polluted: 1 } } ts 2");
    const rec = new logging.LogRecord("n", logging.INFO, "p", 1, "m", null, null);
    assert.equal(typeof rec.getMessage, "function");
    assert.equal(rec.constructor, logging.LogRecord);
  });

  test("makeLogRecord with __proto__/constructor keys: the record keeps LogRecord's prototype", () => {
    const rec = logging.makeLogRecord(
      JSON.parse('{"__proto__": {"polluted": "yes", "getMessage": 1}, "constructor": 5, "msg": "m"}'),
    );
    assert.equal(Object.getPrototypeOf(rec), logging.LogRecord.prototype);
    assert.equal(rec.getMessage(), "m");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // Python's __dict__.update: both keys are the record's own attributes.
    assert.deepEqual(Object.getOwnPropertyDescriptor(rec, "__proto__")?.value, { polluted: "yes", getMessage: 1 });
    assert.equal(rec.constructor, 5);
  });

  test("JSONFormatter with hostile extra values (BigInt, circular, symbol, throwing getter): one line, never a crash", () => {
    const j = new Collect();
    j.setFormatter(new logging.JSONFormatter());
    cap.log.addHandler(j);
    const c: Record<string, unknown> = {};
    c.c = c;
    const getter = Object.defineProperty({}, "x", {
      get() {
        throw new Error("g");
      },
      enumerable: true,
    });
    const got = between(() => {
      cap.log.warning("a", { extra: { big: 10n } });
      cap.log.warning("b", { extra: { circ: c } });
      cap.log.warning("c", { extra: { sym: Symbol("s"), fn: () => 1 } });
      cap.log.warning("d", { extra: { g: getter } });
      cap.log.warning("e\nf", { extra: { __proto__x: 1 } });
    });
    cap.log.removeHandler(j);
    assert.equal(got.length, 5);
    assert.equal(j.out.length + errors(), 7, cap.stderr);
    for (const line of j.out) {
      assert.ok(!line.includes("\n"), "one line per record");
      JSON.parse(line);
    }
  });
});
