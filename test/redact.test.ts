import { test } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../src/index.js";
import { RedactingFilter, Redactor } from "../src/core/redact.js";
import { withContext } from "../src/core/context.js";

function capture(name: string, fmt: logging.Formatter) {
  const lines: string[] = [];
  const h = new logging.StreamHandler({ write: (s: string) => void lines.push(s.replace(/\n$/, "")) });
  h.setFormatter(fmt);
  const log = logging.getLogger(name);
  log.propagate = false;
  log.handlers = [h];
  log.filters = [];
  return { log, lines, handler: h };
}

test("keys are redacted at any depth, case-insensitively, in arguments; the caller's object is untouched", () => {
  const { log, lines } = capture("redact.args", new logging.Formatter("%(message)s"));
  log.addFilter(new RedactingFilter({ keys: ["password", "Authorization"] }));
  const body = { user: "ann", password: "hunter2", nested: [{ AUTHORIZATION: "Bearer x", ok: 1 }] };
  const before = structuredClone(body);
  log.warning("login %s", body);
  assert.deepEqual(body, before);
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0]!, /hunter2|Bearer/);
  assert.match(lines[0]!, /password: '\[REDACTED\]'/);
  assert.match(lines[0]!, /AUTHORIZATION: '\[REDACTED\]'/);
  assert.match(lines[0]!, /user: 'ann'/);
});

test("paths with * reach extra fields and mapping arguments", () => {
  const { log, lines } = capture("redact.paths", new logging.Formatter("%(message)s | %(session)s"));
  log.addFilter(new RedactingFilter({ paths: ["*.token", "session.secret"] }));
  const session = { id: 7, secret: "s3", inner: { token: "t1" } };
  log.warning("%(who)s has %(auth)s", { who: "bob", auth: { token: "t2", scheme: "basic" } }, { extra: { session } });
  assert.equal(session.secret, "s3");
  assert.doesNotMatch(lines[0]!, /s3|t2/);
  assert.match(lines[0]!, /token: '\[REDACTED\]'/);
  assert.match(lines[0]!, /secret: '\[REDACTED\]'/);
  // "*.token" is one level below a field: session.inner.token is two levels down and stays.
  assert.match(lines[0]!, /token: 't1'/);
});

test("an extra or context field named by a key is replaced whole", () => {
  const { log, lines } = capture("redact.fields", new logging.Formatter("%(message)s %(password)s %(requestId)s"));
  log.addFilter(new RedactingFilter({ keys: ["password"], paths: ["requestId"] }));
  withContext({ requestId: "r-1" }, () => log.warning("x", { extra: { password: "pw" } }));
  assert.deepEqual(lines, ["x [REDACTED] [REDACTED]"]);
});

test("cycles, throwing getters and revoked proxies never throw and never leak", () => {
  const { log, lines } = capture("redact.hostile", new logging.Formatter("%(message)s"));
  log.addFilter(new RedactingFilter({ keys: ["password"] }));
  const cyclic: Record<string, unknown> = { password: "p1" };
  cyclic.self = cyclic;
  const getter = {
    get password(): string {
      throw new Error("boom");
    },
  };
  const { proxy, revoke } = Proxy.revocable({ password: "p3" }, {});
  revoke();
  // A plain last argument: what the call boundary does with hostile last arguments is tested on its own.
  assert.doesNotThrow(() => log.warning("%s %s %s %s", cyclic, getter, proxy, "end"));
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0]!, /p1|p3/);
});

test("JSONFormatter's redact option redacts the output, not the record", () => {
  const json = new logging.JSONFormatter({ fields: { message: "message" }, redact: { keys: ["token"] } });
  const { log, lines } = capture("redact.json", json);
  const plain: string[] = [];
  const second = new logging.StreamHandler({ write: (s: string) => void plain.push(s.trim()) });
  second.setFormatter(new logging.Formatter("%(message)s %(creds)s"));
  log.addHandler(second);
  log.warning("call %s", { token: "abc", id: 1 }, { extra: { creds: { token: "def" } } });
  assert.deepEqual(JSON.parse(lines[0]!), {
    message: "call { token: '[REDACTED]', id: 1 }",
    creds: { token: "[REDACTED]" },
  });
  assert.deepEqual(plain, ["call { token: 'abc', id: 1 } { token: 'def' }"]);
});

test("nothing matched: the same objects are kept (no copy)", () => {
  const r = new Redactor({ keys: ["password"] });
  const v = { a: [1, { b: 2 }], c: new Date(0) };
  assert.equal(r.redactValue(v), v);
  assert.notEqual(r.redactValue({ x: { password: 1 } }), undefined);
});
