/**
 * Bound loggers (`logger.bind(fields)`) and LoggerAdapter's `merge_extra`:
 * fields reach every record, through every kind of handler and formatter;
 * chains merge; clashes are refused at bind time; a disabled call does not
 * reach `log`, `process` or the arguments.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as logging from "../src/index.js";
import { type AdapterKwargs, BoundLogger } from "../src/core/adapter.js";
import { Collect, eachTestLogger } from "./support/capture.js";

const cap = eachTestLogger("bind", { formatter: () => new logging.Formatter("%(message)s a=%(a)s b=%(b)s") });

describe("Logger.bind", () => {
  test("fields are record attributes, in format strings", () => {
    const b = cap.log.bind({ a: 1, b: "two" });
    b.info("hello %s", "you");
    assert.equal(cap.h.out[0], "hello you a=1 b=two");
    assert.equal(cap.h.records[0]!.name, cap.log.name);
    assert.equal(cap.h.records[0]!.levelname, "INFO");
  });

  test("the call's extra is merged over the bound fields", () => {
    const b = cap.log.bind({ a: 1, b: 2 });
    b.warning("x", { extra: { b: "call" } });
    b.warning("y");
    assert.deepEqual(cap.h.out, ["x a=1 b=call", "y a=1 b=2"]);
  });

  test("chains merge, later values winning; the parent is unchanged", () => {
    const one = cap.log.bind({ a: 1, b: 1 });
    const two = one.bind({ b: 2 });
    two.info("two");
    one.info("one");
    assert.deepEqual(cap.h.out, ["two a=1 b=2", "one a=1 b=1"]);
    assert.ok(two instanceof logging.LoggerAdapter);
    assert.equal(two.logger, cap.log, "a chain is flattened to one adapter level");
  });

  test("fields are copied at bind time", () => {
    const fields: Record<string, unknown> = { a: 1, b: 1 };
    const b = cap.log.bind(fields);
    fields.a = 99;
    b.info("x");
    assert.equal(cap.h.out[0], "x a=1 b=1");
  });

  test("a field named like a record attribute is KeyError at bind time", () => {
    for (const key of ["name", "message", "asctime", "levelname", "msg", "args", "taskName"]) {
      assert.throws(
        () => cap.log.bind({ [key]: 1 }),
        (e: Error) => e.name === "KeyError" && e.message === `"Attempt to overwrite '${key}' in LogRecord"`,
      );
    }
  });

  test("anything but a plain object is TypeError", () => {
    for (const bad of [null, "x", 1, [1], new Map()]) {
      assert.throws(() => cap.log.bind(bad as unknown as Record<string, unknown>), { name: "TypeError" });
    }
  });

  test("prototype-named fields are own fields, nothing polluted", () => {
    const b = cap.log.bind(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "a": 0}'));
    const j = new Collect();
    j.setFormatter(new logging.JSONFormatter({ fields: { message: "message" } }));
    cap.log.addHandler(j);
    b.info("x");
    cap.log.removeHandler(j);
    assert.equal(j.out[0], '{"message":"x","__proto__":{"polluted":1},"constructor":"c","a":0}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(j.records[0]), logging.LogRecord.prototype);
  });

  test("keywords, a trailing Error and exception() work through a bound logger", () => {
    const b = cap.log.bind({ a: 1, b: 2 });
    const err = new Error("boom");
    b.error("failed", err);
    b.exception("caught", err);
    b.info("k", { exc_info: err, stack_info: true });
    for (const r of cap.h.records) assert.equal(r.exc_info, err);
    assert.match(String(cap.h.records[2]!.stack_info), /^Stack/);
    assert.match(cap.h.out[0]!, /^failed a=1 b=2\nError: boom/);
  });

  test("untrusted data through a placeholder does not become fields", () => {
    const b = cap.log.bind({ a: 1, b: 2 });
    b.info("body %s", JSON.parse('{"extra":{"a":"forged","b":"forged"}}'));
    assert.equal(cap.h.out[0], "body { extra: { a: 'forged', b: 'forged' } } a=1 b=2");
  });

  test("repr, name, level methods delegate; bind on an adapter wraps it", () => {
    const b = cap.log.bind({ a: 1 });
    assert.equal(String(b), `<BoundLogger ${cap.log.name} (DEBUG)>`);
    assert.equal(b.name, cap.log.name);
    b.setLevel(logging.ERROR);
    assert.equal(cap.log.level, logging.ERROR);
    assert.equal(b.isEnabledFor(logging.WARNING), false);
    class Tag extends logging.LoggerAdapter {
      override process(msg: unknown, kw: AdapterKwargs): [unknown, AdapterKwargs] {
        const [m, k] = super.process(msg, kw);
        return [`[tag] ${m}`, k];
      }
    }
    cap.log.setLevel(logging.DEBUG);
    cap.h.setFormatter(new logging.Formatter("%(message)s a=%(a)s"));
    const tagged = new Tag(cap.log, { a: "tag" }).bind({ b: "bound" });
    assert.ok(tagged.logger instanceof Tag);
    tagged.info("x");
    // The bound logger merges into the call's extra, then the inner adapter
    // replaces it with its own (Python 3.11 semantics): no b.
    assert.equal(cap.h.out[0], "[tag] x a=tag");
    assert.equal(Object.hasOwn(cap.h.records[0]!, "b"), false);
  });

  test("a disabled call reaches neither log nor process nor the arguments", () => {
    let calls = 0;
    class Counting extends BoundLogger {
      override log(level: number, msg: unknown, ...args: unknown[]): void {
        calls++;
        super.log(level, msg, ...args);
      }
      override process(msg: unknown, kw: AdapterKwargs): [unknown, AdapterKwargs] {
        calls++;
        return super.process(msg, kw);
      }
    }
    const b = new Counting(cap.log, { a: 1 });
    cap.log.setLevel(logging.INFO);
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error("read");
        },
        getPrototypeOf() {
          throw new Error("read");
        },
      },
    );
    for (let i = 0; i < 100; i++) b.debug("x %s", trap);
    assert.equal(calls, 0);
    b.info("y");
    assert.equal(calls, 2);
    assert.equal(cap.h.records.length, 1);
  });
});

describe("bound fields through every kind of handler", () => {
  test("JSONFormatter, FileHandler, MemoryHandler, QueueHandler/QueueListener, HTTP and socket mapping", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logxide-bind-"));
    const file = path.join(dir, "b.log");
    const fh = new logging.FileHandler(file);
    fh.setFormatter(new logging.Formatter("%(levelname)s %(requestId)s %(message)s"));
    const target = new Collect();
    target.setFormatter(new logging.Formatter("%(requestId)s|%(message)s"));
    const mem = new logging.MemoryHandler(10, logging.ERROR, target);
    const q = new logging.SimpleQueue();
    const qh = new logging.QueueHandler(q);
    const listened = new Collect();
    listened.setFormatter(new logging.Formatter("%(requestId)s %(message)s"));
    const listener = new logging.QueueListener(q, listened);
    const json = new Collect();
    json.setFormatter(new logging.JSONFormatter({ fields: { level: "levelname", message: "message" } }));
    for (const x of [fh, mem, qh, json]) cap.log.addHandler(x);
    try {
      const b = cap.log.bind({ requestId: "r-17" });
      b.info("one");
      b.bind({ user: "ann" }).error("two");
      listener.start();
      await new Promise((r) => setTimeout(r, 20));
      listener.stop();
      await logging.flush();
      assert.equal(fs.readFileSync(file, "utf8"), "INFO r-17 one\nERROR r-17 two\n");
      assert.deepEqual(target.out, ["r-17|one", "r-17|two"]);
      assert.deepEqual(listened.out, ["r-17 one", "r-17 two"]);
      assert.deepEqual(json.out, [
        '{"level":"INFO","message":"one","requestId":"r-17"}',
        '{"level":"ERROR","message":"two","requestId":"r-17","user":"ann"}',
      ]);
      const http = new logging.HTTPHandler("127.0.0.1:9", "/log");
      assert.equal(http.mapLogRecord(json.records[1]!).user, "ann");
      http.close();
    } finally {
      for (const x of [fh, mem, qh, json]) cap.log.removeHandler(x);
      fh.close();
      mem.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("what an adapter forwards is never read as data", () => {
  test("a message whose % conversions would consume the forwarded keywords", () => {
    cap.h.setFormatter(new logging.Formatter("%(message)s a=%(a)s"));
    const plain = new logging.LoggerAdapter(cap.log, { a: 1 });
    class Prefix extends logging.LoggerAdapter {
      override process(msg: unknown, kw: AdapterKwargs): [unknown, AdapterKwargs] {
        return super.process(`[p] ${msg}`, kw);
      }
    }
    plain.info("100% done");
    new Prefix(cap.log, { a: 2 }).info("100% done");
    cap.log.bind({ a: 3 }).info("100% done");
    assert.deepEqual(cap.h.out, ["100% done a=1", "[p] 100% done a=2", "100% done a=3"]);
  });

  test("an argument process() leaves unconsumed is not taken as keywords downstream", () => {
    cap.h.setFormatter(new logging.Formatter("%(message)s"));
    class Drop extends logging.LoggerAdapter {
      override process(_msg: unknown, kw: AdapterKwargs): [unknown, AdapterKwargs] {
        return super.process("dropped the placeholder", kw);
      }
    }
    const body = JSON.parse('{"extra":{"user":"admin"}}');
    new Drop(cap.log, null).info("%s", body);
    assert.equal(Object.hasOwn(cap.h.records[0]!, "user"), false);
  });
});

describe("LoggerAdapter merge_extra and constructor forms", () => {
  test("positional flag, { merge_extra } as third argument, Python's keyword form", () => {
    const forms = [
      new logging.LoggerAdapter(cap.log, { a: 1, b: 0 }, true),
      new logging.LoggerAdapter(cap.log, { a: 1, b: 0 }, { merge_extra: true }),
      new logging.LoggerAdapter(cap.log, { extra: { a: 1, b: 0 }, merge_extra: true } as Record<string, unknown>),
    ];
    for (const a of forms) {
      assert.equal(a.merge_extra, true);
      a.info("m", { extra: { b: 2 } });
    }
    assert.deepEqual(cap.h.out, ["m a=1 b=2", "m a=1 b=2", "m a=1 b=2"]);
  });

  test("without merge_extra the adapter's extra replaces the call's (3.11)", () => {
    const a = new logging.LoggerAdapter(cap.log, { a: 1, b: 0 });
    assert.equal(a.merge_extra, false);
    a.info("m", { extra: { b: 2, message: "no clash: replaced" } });
    assert.deepEqual(cap.h.out, ["m a=1 b=0"]);
  });

  test("an unknown constructor keyword is TypeError", () => {
    assert.throws(
      () => new logging.LoggerAdapter(cap.log, null, { merge: true } as { merge_extra?: boolean }),
      (e: Error) =>
        e.name === "TypeError" && e.message === "LoggerAdapter.__init__() got an unexpected keyword argument 'merge'",
    );
  });

  test("merge with a null adapter extra, or a null call extra", () => {
    const a = new logging.LoggerAdapter(cap.log, null, true);
    a.info("m", { extra: { a: 1, b: 2 } });
    const c = new logging.LoggerAdapter(cap.log, { a: 3, b: 4 }, true);
    c.info("n", { extra: null });
    assert.deepEqual(cap.h.out, ["m a=1 b=2", "n a=3 b=4"]);
  });
});
