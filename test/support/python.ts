/**
 * The CPython oracle for differential tests: one `python3` process per batch
 * (JSON on stdin, JSON on stdout), and a JS outcome in the same shape.
 */
import { spawnSync } from "node:child_process";

/** What one case gave: its text, or `ErrorClass: message`. */
export interface Outcome {
  ok?: string;
  err?: string;
}

/**
 * Why the CPython oracle cannot run, or null when `python3` is on the PATH.
 * Suites that need it skip with this reason, and test/python.test.ts fails
 * once with it, instead of every scenario failing with `spawn python3 ENOENT`.
 */
export const PYTHON3_MISSING: string | null = (() => {
  const r = spawnSync("python3", ["-c", "import sys; print(sys.version_info[0])"], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (r.error || r.status !== 0)
    return (
      "python3 is not on the PATH (" +
      (r.error ? r.error.message : `exit ${r.status}: ${r.stderr.trim()}`) +
      "): the differential tests compare logxide with CPython's logging (3.11) and cannot run. " +
      "Install it (Debian/Ubuntu: apt-get install python3) and run the tests again."
    );
  return null;
})();

/** Runs `script` once with `input` as JSON on stdin; returns its stdout parsed as JSON. */
export function runPython<T>(script: string, input: unknown, args: string[] = []): T {
  if (PYTHON3_MISSING) throw new Error(PYTHON3_MISSING);
  const r = spawnSync("python3", ["-c", script, ...args], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Runs `fn` and reports its result as CPython's side does. */
export function outcome(fn: () => string): Outcome {
  try {
    return { ok: fn() };
  } catch (e) {
    const err = e as Error;
    return { err: `${err.name}: ${err.message}` };
  }
}

/**
 * The start of a python3 script that receives SocketHandler's frames: it
 * listens on a loopback port, prints the port, accepts one connection
 * (waiting at most `timeoutSeconds` for it and for each read) and defines
 * `recv(n)` (exactly n bytes) and `frame()` (one unpickled record dict).
 * The script goes on from there.
 */
export function pickleReceiverPrelude(timeoutSeconds = 6): string {
  return `import logging, pickle, socket, struct, sys, json
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
print(srv.getsockname()[1], flush=True)
srv.settimeout(${timeoutSeconds})
conn, _ = srv.accept()
conn.settimeout(${timeoutSeconds})
def recv(n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf
def frame():
    return pickle.loads(recv(struct.unpack(">L", recv(4))[0]))
`;
}

/** {@link pickleReceiverPrelude} with its default timeout. */
export const PICKLE_RECEIVER_PRELUDE = pickleReceiverPrelude();
