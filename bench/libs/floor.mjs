// The floor: what the work costs with nothing but a cached timestamp text,
// string concatenation and 64 KiB writeSync chunks. No library does less and
// still writes the same bytes.
import { closeSync, openSync, renameSync, writeSync } from "node:fs";
import { MS, REQUEST_ID, ROTATE_BYTES, TEN, asctime, extraFields } from "../common.mjs";

const CHUNK = 64 * 1024;

class FloorFile {
  constructor(pathOrFd) {
    this.fd = typeof pathOrFd === "number" ? pathOrFd : openSync(pathOrFd, "a");
    this.buf = "";
  }
  write(s) {
    this.buf += s;
    if (this.buf.length >= CHUNK) this.flush();
  }
  flush() {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf);
    this.buf = "";
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
  }
}

/** Rotation at the floor: count bytes, close, rename to path.N, reopen. */
class FloorRotating extends FloorFile {
  constructor(path) {
    super(path);
    this.path = path;
    this.bytes = 0;
    this.n = 0;
  }
  write(s) {
    if (this.bytes + s.length > ROTATE_BYTES && this.bytes > 0) {
      this.flush();
      closeSync(this.fd);
      renameSync(this.path, `${this.path}.${++this.n}`);
      this.fd = openSync(this.path, "a");
      this.bytes = 0;
    }
    this.bytes += s.length; // ASCII records: chars == bytes
    super.write(s);
  }
}

const text = (name, i) =>
  asctime(Date.now()) + " - " + name + " - INFO - request " + i + " handled in " + MS[i % 100] + " ms\n";

export async function setup(sc, ctx) {
  const file = (p) => new FloorFile(p);
  switch (sc) {
    case "text":
    case "deep":
    case "mem":
    case "stdout":
    // The same bytes as "text": filters, a custom handler and a record factory add no output.
    case "filter":
    case "handler-filter":
    case "custom-handler":
    case "factory": {
      const f = file(sc === "stdout" ? 1 : ctx.path("out.log"));
      const name = sc === "deep" ? "a.b.c.d" : "bench";
      return {
        body(n) {
          for (let i = 0; i < n; i++) f.write(text(name, i));
        },
        async finish() {
          f.flush();
        },
      };
    }
    case "json": {
      const f = file(ctx.path("out.log"));
      return {
        body(n) {
          for (let i = 0; i < n; i++) {
            f.write(
              '{"level":20,"time":' +
                Date.now() / 1000 +
                ',"name":"bench","msg":' +
                JSON.stringify("request " + i + " handled in " + MS[i % 100] + " ms") +
                "}\n",
            );
          }
        },
        async finish() {
          f.flush();
        },
      };
    }
    case "redact": {
      // The JSON line with the nested object, its secret replaced by hand.
      const f = file(ctx.path("out.log"));
      return {
        body(n) {
          for (let i = 0; i < n; i++) {
            const user = { name: "ann", password: "pw" + i };
            const shown = { ...user, password: "[REDACTED]" };
            f.write(
              '{"level":20,"time":' +
                Date.now() / 1000 +
                ',"name":"bench","msg":' +
                JSON.stringify("request " + i + " handled in " + MS[i % 100] + " ms") +
                ',"user":' +
                JSON.stringify(shown) +
                "}\n",
            );
          }
        },
        async finish() {
          f.flush();
        },
      };
    }
    case "context":
    case "json-extra":
    case "child": {
      // The JSON scenario's line plus the extra fields, in the order the call gives them.
      const f = file(ctx.path("out.log"));
      const extra = sc === "json-extra";
      return {
        body(n) {
          for (let i = 0; i < n; i++) {
            const x = extra ? extraFields(i) : null;
            f.write(
              '{"level":20,"time":' +
                Date.now() / 1000 +
                ',"name":"bench","msg":' +
                JSON.stringify("request " + i + " handled in " + MS[i % 100] + " ms") +
                (extra
                  ? ',"user":' +
                    JSON.stringify(x.user) +
                    ',"reqId":' +
                    x.reqId +
                    ',"route":' +
                    JSON.stringify(x.route) +
                    ',"status":' +
                    x.status +
                    ',"cached":' +
                    x.cached
                  : ',"requestId":' + JSON.stringify(REQUEST_ID)) +
                "}\n",
            );
          }
        },
        async finish() {
          f.flush();
        },
      };
    }
    case "otel": {
      // The SDK alone: the record handed straight to the LoggerProvider's logger.
      const { otelSink } = await import("../otel-sink.mjs");
      const sink = otelSink(ctx.path("out.log"));
      const otel = sink.provider.getLogger("bench");
      return {
        body(n) {
          for (let i = 0; i < n; i++)
            otel.emit({
              timestamp: Date.now(),
              severityNumber: 9,
              severityText: "INFO",
              body: "request " + i + " handled in " + MS[i % 100] + " ms",
            });
        },
        finish: sink.finish,
      };
    }
    case "two": {
      const a = file(ctx.path("out1.log"));
      const b = file(ctx.path("out2.log"));
      return {
        body(n) {
          for (let i = 0; i < n; i++) {
            const t = text("bench", i);
            a.write(t);
            b.write(t);
          }
        },
        async finish() {
          a.flush();
          b.flush();
        },
      };
    }
    case "ten": {
      const fs = TEN.map((name) => file(ctx.path(`${name}.log`)));
      return {
        body(n) {
          for (let i = 0; i < n; i++) fs[i % 10].write(text(TEN[i % 10], i));
        },
        async finish() {
          for (const f of fs) f.flush();
        },
      };
    }
    case "rotating": {
      const f = new FloorRotating(ctx.path("out.log"));
      return {
        body(n) {
          for (let i = 0; i < n; i++) f.write(text("bench", i));
        },
        async finish() {
          f.flush();
        },
      };
    }
    case "writer": {
      const f = file(ctx.path("out.log"));
      const lines = ctx.lines;
      return {
        body(n) {
          for (let i = 0; i < n; i++) f.write(lines[i % lines.length]);
        },
        async finish() {
          f.flush();
        },
      };
    }
    default:
      return null;
  }
}
