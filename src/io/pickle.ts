/**
 * A small pickle encoder (protocol 2), enough for `SocketHandler` and
 * `DatagramHandler`: a Python receiver can `pickle.loads` what it writes and
 * pass the dict to `logging.makeLogRecord`.
 *
 * Encodes `null`/`undefined` (None), booleans, numbers (int when a safe
 * integer, else float), bigints (int), strings (str, lone surrogates kept as
 * Python's `surrogatepass` does), arrays (list), `Map`s and plain objects
 * (dict). Anything else, and a container met again inside itself, becomes
 * its Python `str()` (`pyStr`). No memo is written: every value is written
 * in full (records are small, flat dicts).
 */
import { pyStr } from "../py/repr.js";

// Opcodes (Lib/pickle.py).
const PROTO = 0x80;
const STOP = 0x2e; // .
const NONE = 0x4e; // N
const NEWTRUE = 0x88;
const NEWFALSE = 0x89;
const BININT = 0x4a; // J: 4-byte signed little-endian
const BININT1 = 0x4b; // K: 1-byte unsigned
const BININT2 = 0x4d; // M: 2-byte unsigned little-endian
const LONG1 = 0x8a; // 1-byte length, two's complement little-endian
const LONG4 = 0x8b; // 4-byte length, two's complement little-endian
const BINFLOAT = 0x47; // G: 8-byte big-endian double
const BINUNICODE = 0x58; // X: 4-byte length, UTF-8
const EMPTY_LIST = 0x5d; // ]
const APPENDS = 0x65; // e
const EMPTY_DICT = 0x7d; // }
const SETITEMS = 0x75; // u
const MARK = 0x28; // (

/** Values written as Python floats even when they hold an integral value (record attributes that are floats in Python). */
export type FloatKeys = ReadonlySet<string>;

class Writer {
  chunks: Buffer[] = [];
  #buf = Buffer.allocUnsafe(4096);
  #pos = 0;

  #room(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    this.chunks.push(this.#buf.subarray(0, this.#pos));
    this.#buf = Buffer.allocUnsafe(Math.max(4096, n));
    this.#pos = 0;
  }

  byte(b: number): void {
    this.#room(1);
    this.#buf[this.#pos++] = b;
  }

  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  u32le(n: number): void {
    this.#room(4);
    this.#buf.writeUInt32LE(n, this.#pos);
    this.#pos += 4;
  }

  i32le(n: number): void {
    this.#room(4);
    this.#buf.writeInt32LE(n, this.#pos);
    this.#pos += 4;
  }

  u16le(n: number): void {
    this.#room(2);
    this.#buf.writeUInt16LE(n, this.#pos);
    this.#pos += 2;
  }

  f64be(x: number): void {
    this.#room(8);
    this.#buf.writeDoubleBE(x, this.#pos);
    this.#pos += 8;
  }

  done(): Buffer {
    this.chunks.push(this.#buf.subarray(0, this.#pos));
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
  }
}

/** In `u` mode a surrogate class matches only unpaired surrogates. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** UTF-8 with lone surrogates encoded as three bytes (Python's `surrogatepass`, which pickle uses). */
export function utf8SurrogatePass(s: string): Buffer {
  if (!LONE_SURROGATE.test(s)) return Buffer.from(s, "utf8");
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Buffer.from(out);
}

/** Two's complement little-endian bytes of `n`, as Python's `encode_long` (empty for 0). */
function encodeLong(n: bigint): Buffer {
  if (n === 0n) return Buffer.alloc(0);
  const bytes: number[] = [];
  let v = n;
  // Emit bytes until the remaining value is just sign extension of the last byte.
  for (;;) {
    const b = Number(v & 0xffn);
    bytes.push(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return Buffer.from(bytes);
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function writeInt(w: Writer, n: number | bigint): void {
  if (typeof n === "number") {
    if (n >= 0 && n < 0x100) {
      w.byte(BININT1);
      w.byte(n);
      return;
    }
    if (n >= 0 && n < 0x10000) {
      w.byte(BININT2);
      w.u16le(n);
      return;
    }
    if (n >= -0x80000000 && n <= 0x7fffffff) {
      w.byte(BININT);
      w.i32le(n);
      return;
    }
    n = BigInt(n);
  } else if (n >= -0x80000000n && n <= 0x7fffffffn) {
    writeInt(w, Number(n));
    return;
  }
  const b = encodeLong(n);
  if (b.length < 256) {
    w.byte(LONG1);
    w.byte(b.length);
  } else {
    w.byte(LONG4);
    w.i32le(b.length);
  }
  w.bytes(b);
}

function writeStr(w: Writer, s: string): void {
  const b = utf8SurrogatePass(s);
  w.byte(BINUNICODE);
  w.u32le(b.length);
  w.bytes(b);
}

function writeFloat(w: Writer, x: number): void {
  w.byte(BINFLOAT);
  w.f64be(x);
}

function safeStr(v: unknown): string {
  try {
    return pyStr(v);
  } catch {
    return "<unprintable value>";
  }
}

function writeValue(w: Writer, v: unknown, active: Set<object>): void {
  switch (typeof v) {
    case "undefined":
      w.byte(NONE);
      return;
    case "boolean":
      w.byte(v ? NEWTRUE : NEWFALSE);
      return;
    case "number":
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) writeInt(w, v);
      else writeFloat(w, v);
      return;
    case "bigint":
      writeInt(w, v);
      return;
    case "string":
      writeStr(w, v);
      return;
    case "object":
      if (v === null) {
        w.byte(NONE);
        return;
      }
      if (active.has(v)) break; // a cycle: written as text
      if (Array.isArray(v)) {
        active.add(v);
        w.byte(EMPTY_LIST);
        if (v.length > 0) {
          w.byte(MARK);
          for (const item of v) writeValue(w, item, active);
          w.byte(APPENDS);
        }
        active.delete(v);
        return;
      }
      if (v instanceof Map) {
        active.add(v);
        w.byte(EMPTY_DICT);
        if (v.size > 0) {
          w.byte(MARK);
          for (const [k, item] of v) {
            writeValue(w, k, active);
            writeValue(w, item, active);
          }
          w.byte(SETITEMS);
        }
        active.delete(v);
        return;
      }
      if (isPlainObject(v)) {
        active.add(v);
        writeDictBody(w, v, null, active);
        active.delete(v);
        return;
      }
      break;
  }
  writeStr(w, safeStr(v));
}

function writeDictBody(
  w: Writer,
  obj: Record<string, unknown>,
  floatKeys: FloatKeys | null,
  active: Set<object>,
): void {
  w.byte(EMPTY_DICT);
  const keys = Object.keys(obj);
  if (keys.length === 0) return;
  w.byte(MARK);
  for (const k of keys) {
    writeStr(w, k);
    const item = obj[k];
    if (floatKeys !== null && typeof item === "number" && floatKeys.has(k)) writeFloat(w, item);
    else writeValue(w, item, active);
  }
  w.byte(SETITEMS);
}

/** `pickle.dumps(value, 2)`. */
export function pickleDumps(value: unknown): Buffer {
  const w = new Writer();
  w.byte(PROTO);
  w.byte(2);
  writeValue(w, value, new Set());
  w.byte(STOP);
  return w.done();
}

/**
 * `pickle.dumps(dict, 2)` of a string-keyed dict; the keys in `floatKeys`
 * holding numbers are written as Python floats (`created`, `msecs`, ...).
 */
export function pickleDict(obj: Record<string, unknown>, floatKeys: FloatKeys | null = null): Buffer {
  const w = new Writer();
  w.byte(PROTO);
  w.byte(2);
  const active = new Set<object>([obj]);
  writeDictBody(w, obj, floatKeys, active);
  w.byte(STOP);
  return w.done();
}
