import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import * as logging from "../src/index.js";
import { bindContext, getContext, withContext } from "../src/core/context.js";

/** A logger of its own writing formatted lines into an array. */
function capture(name: string, fmt: logging.Formatter = new logging.Formatter("%(requestId)s %(message)s")) {
  const lines: string[] = [];
  const h = new logging.StreamHandler({ write: (s: string) => void lines.push(s.replace(/\n$/, "")) });
  h.setFormatter(fmt);
  const log = logging.getLogger(name);
  log.propagate = false;
  log.handlers = [h];
  log.setLevel(logging.DEBUG);
  return { log, lines, handler: h };
}

test("fields bound by withContext reach records across await, timers, promises and emitters", async () => {
  const { log, lines } = capture("ctx.async");
  const emitter = new EventEmitter();
  await withContext({ requestId: "r1" }, async () => {
    log.info("sync");
    await new Promise((r) => setTimeout(r, 1));
    log.info("after timer");
    await Promise.resolve().then(() => log.info("in then"));
    emitter.on("ev", () => log.info("in listener"));
    emitter.emit("ev");
    await new Promise<void>((r) => setImmediate(() => (log.info("in setImmediate"), r())));
  });
  assert.deepEqual(lines, ["r1 sync", "r1 after timer", "r1 in then", "r1 in listener", "r1 in setImmediate"]);
});

test("outside any context a record has no context fields", () => {
  const { log, lines } = capture("ctx.none", new logging.Formatter("%(message)s"));
  let record: logging.LogRecord | null = null;
  log.addFilter((r: logging.LogRecord) => ((record = r), true));
  log.info("plain");
  assert.deepEqual(lines, ["plain"]);
  assert.equal(Object.hasOwn(record!, "requestId"), false);
  assert.deepEqual({ ...getContext() }, {});
});

test("nesting adds fields; the inner value wins; the outer is back after", () => {
  const { log, lines } = capture("ctx.nest", new logging.Formatter("%(requestId)s %(user)s %(message)s"));
  withContext({ requestId: "outer", user: "ann" }, () => {
    withContext({ requestId: "inner" }, () => log.info("in"));
    log.info("out");
  });
  assert.deepEqual(lines, ["inner ann in", "outer ann out"]);
});

test("concurrent units of work keep their own fields", async () => {
  const { log, lines } = capture("ctx.concurrent");
  const job = (id: string, delays: number[]) =>
    withContext({ requestId: id }, async () => {
      for (const d of delays) {
        await new Promise((r) => setTimeout(r, d));
        log.info(id);
      }
    });
  await Promise.all([job("a", [5, 1, 5]), job("b", [1, 5, 1]), job("c", [3, 3, 3])]);
  assert.equal(lines.length, 9);
  for (const line of lines) {
    const [ctx, msg] = line.split(" ");
    assert.equal(ctx, msg, line);
  }
});

test("a call's extra and the record's own attributes win over context fields", () => {
  const { log } = capture("ctx.clash");
  const seen: logging.LogRecord[] = [];
  log.addFilter((r: logging.LogRecord) => (seen.push(r), true));
  withContext({ requestId: "ctx", levelname: "FORGED", name: "forged", message: "m", constructor: 1 }, () => {
    log.warning("one", { extra: { requestId: "extra" } });
    log.warning("two");
  });
  assert.equal(seen[0]!.requestId, "extra");
  assert.equal(seen[1]!.requestId, "ctx");
  assert.equal(seen[1]!.levelname, "WARNING");
  assert.equal(seen[1]!.name, "ctx.clash");
  // An inherited name is not an attribute of the record: the field is stored, as extra stores it.
  assert.ok(Object.hasOwn(seen[1]!, "constructor"));
  assert.equal(seen[1]!.constructor, 1);
});

test("a context field named like an inherited member is kept, exactly as extra keeps it", () => {
  const { log } = capture("ctx.inherited");
  const seen: logging.LogRecord[] = [];
  log.addFilter((r: logging.LogRecord) => {
    seen.push(r);
    return true;
  });
  // Object.fromEntries stores "__proto__" as an own field, as a parsed JSON document would.
  const entries = [
    ["constructor", "c"],
    ["toString", "t"],
    ["hasOwnProperty", "h"],
    ["__proto__", "p"],
    ["valueOf", "v"],
  ];
  const named: Record<string, unknown> = Object.fromEntries(entries);
  withContext(named, () => log.warning("context"));
  log.warning("extra", { extra: named });
  const own = (r: logging.LogRecord) => entries.map(([k]) => Object.getOwnPropertyDescriptor(r, k!)?.value);
  assert.deepEqual(own(seen[1]!), ["c", "t", "h", "p", "v"]);
  assert.deepEqual(own(seen[0]!), own(seen[1]!));
});

test("%(constructor)s and %(toString)s format from context", () => {
  const { log, lines } = capture("ctx.fmt", new logging.Formatter("%(constructor)s %(toString)s %(message)s"));
  withContext({ constructor: "ctor-1", toString: "ts-1" }, () => log.info("x"));
  assert.deepEqual(lines, ["ctor-1 ts-1 x"]);
});

test("taskName takes the context's taskName", () => {
  const { log } = capture("ctx.task", new logging.Formatter("%(taskName)s %(message)s"));
  const seen: string[] = [];
  log.addFilter((r: logging.LogRecord) => (seen.push(String(r.taskName)), true));
  withContext({ taskName: "job-7" }, () => log.info("x"));
  log.info("y");
  assert.deepEqual(seen, ["job-7", "null"]);
});

test("JSONFormatter output and filters see context fields", () => {
  const { log, lines } = capture("ctx.json", new logging.JSONFormatter({ fields: { message: "message" } }));
  const onlyTenant = (r: logging.LogRecord) => r.tenant === "t1";
  log.addFilter(onlyTenant);
  withContext({ tenant: "t1", requestId: "q" }, () => log.info("kept"));
  withContext({ tenant: "t2" }, () => log.info("dropped"));
  assert.deepEqual(
    lines.map((l) => JSON.parse(l)),
    [{ message: "kept", tenant: "t1", requestId: "q" }],
  );
});

test("bindContext binds for the rest of the current async scope", async () => {
  const { log, lines } = capture("ctx.bind");
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      bindContext({ requestId: "bound" });
      log.info("here");
      setTimeout(() => {
        log.info("later");
        resolve();
      }, 1);
    }),
  );
  assert.deepEqual(lines, ["bound here", "bound later"]);
});

test("inside node:http, concurrent requests each log their own request id", async () => {
  const { log, lines } = capture("ctx.http");
  let next = 0;
  const server = createServer((req, res) => {
    withContext({ requestId: `req-${++next}` }, async () => {
      log.info("start %s", req.url);
      await new Promise((r) => setTimeout(r, Number(req.url!.slice(1))));
      log.info("end %s", req.url);
      res.end(String(getContext().requestId));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const get = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
  try {
    const bodies = await Promise.all(["/30", "/5", "/15", "/1"].map(get));
    assert.equal(new Set(bodies).size, 4);
  } finally {
    server.close();
  }
  assert.equal(lines.length, 8);
  const byId = new Map<string, string[]>();
  for (const l of lines) {
    const [id, ...rest] = l.split(" ");
    byId.set(id!, [...(byId.get(id!) ?? []), rest.join(" ")]);
  }
  assert.equal(byId.size, 4);
  for (const msgs of byId.values()) {
    assert.equal(msgs.length, 2);
    assert.equal(msgs[0]!.replace("start", "end"), msgs[1]);
  }
});
