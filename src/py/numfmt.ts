/**
 * Exact numeric formatting shared by printf (`%f`) and the format-spec
 * mini-language (`{:f}`): CPython rounds the *exact* binary value of a double
 * half-to-even, while JS `toFixed`/`toExponential` round exact ties away from
 * zero. Everything here works on |x|; callers own the sign.
 */

/** Digits of a rounded or shortest decimal: value = 0.`digits` × 10^(`exp` + 1), i.e. `exp` is the scientific exponent. */
export interface SigDigits {
  digits: string;
  exp: number;
}

// Exact powers of two for the tie test (2 ** k is exact; a table avoids pow per call).
const TWO_POW = (() => {
  const t: number[] = [];
  for (let i = 0; i <= 1100; i++) t.push(2 ** i);
  return t;
})();

/** Exact decimal expansion of a finite x > 0 (digits without trailing zeros, point = digits before the decimal point). */
function exactDecimal(x: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (bexp !== 0) {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  while (e < 0 && (mant & 1n) === 0n) {
    mant >>= 1n;
    e++;
  }
  let digits: string;
  let point: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    point = digits.length;
  } else {
    // m / 2^k == m * 5^k / 10^k
    digits = (mant * 5n ** BigInt(-e)).toString();
    point = digits.length + e;
  }
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  return { digits: digits.slice(0, end), point };
}

/**
 * Keeps `keep` leading digits of an exact expansion, rounding half-even.
 * Returns the kept digits (possibly "" when everything rounds to zero) and the
 * possibly carried point.
 */
function roundExact(digits: string, point: number, keep: number): { digits: string; point: number } {
  if (keep >= digits.length) return { digits: digits + "0".repeat(keep - digits.length), point };
  if (keep < 0) return { digits: "", point };
  const next = digits.charCodeAt(keep);
  let up: boolean;
  if (next !== 53) up = next > 53;
  else if (keep + 1 < digits.length)
    up = true; // anything after a 5 is non-zero (no trailing zeros)
  else up = keep > 0 && (digits.charCodeAt(keep - 1) & 1) === 1;
  let kept = digits.slice(0, keep);
  if (!up) return { digits: kept, point };
  let i = keep - 1;
  while (i >= 0 && kept.charCodeAt(i) === 57) i--;
  if (i < 0) return { digits: "1" + "0".repeat(keep), point: point + 1 };
  kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1) + "0".repeat(keep - 1 - i);
  return { digits: kept, point };
}

/** True when x × 10^k lies exactly halfway between two integers (x finite, > 0). */
function isTie(x: number, k: number): boolean {
  if (k >= 0) {
    // x is dyadic, so x·10^k = x·2^k·5^k is a half-integer exactly when x·2^k is.
    if (k > 1100) return false;
    const t = x * TWO_POW[k]!;
    return t - Math.floor(t) === 0.5;
  }
  // x / 10^m with m >= 1 can only be a half-integer when x is an integer.
  if (!Number.isInteger(x)) return false;
  const twice = BigInt(x) * 2n;
  const d = 10n ** BigInt(-k);
  return twice % d === 0n && ((twice / d) & 1n) === 1n;
}

/** Turns a JS round-half-up result into half-even: a tie whose last digit came out odd was rounded up, so step it back. */
function unTie(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  return (last & 1) === 1 ? s.slice(0, -1) + String.fromCharCode(last - 1) : s;
}

/**
 * `|x|` in fixed notation with `prec` digits after the point, rounded
 * half-even on the exact value (no sign, no trailing "." — callers add it for `#`).
 */
export function fixedAbs(x: number, prec: number): string {
  if (x < 0) x = -x;
  if (x < 1e21 && prec <= 100) {
    const s = x.toFixed(prec);
    return x !== 0 && isTie(x, prec) ? unTie(s) : s;
  }
  if (x === 0) return prec > 0 ? "0." + "0".repeat(prec) : "0";
  const ex = exactDecimal(x);
  const r = roundExact(ex.digits, ex.point, ex.point + prec);
  let digits = r.digits;
  let point = r.point;
  if (digits === "") {
    digits = "0";
    point = 1;
  }
  // Left-pad so at least one digit precedes the point.
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  const need = point + prec;
  if (digits.length < need) digits += "0".repeat(need - digits.length);
  return prec > 0 ? digits.slice(0, point) + "." + digits.slice(point, need) : digits.slice(0, point);
}

/** `|x|` rounded half-even to `nd` (>= 1) significant digits. */
export function roundSig(x: number, nd: number): SigDigits {
  if (x < 0) x = -x;
  if (x === 0) return { digits: "0".repeat(nd), exp: 0 };
  if (nd <= 101) {
    const s = x.toExponential(nd - 1);
    const ei = s.indexOf("e");
    let digits = nd > 1 ? s[0] + s.slice(2, ei) : s.slice(0, ei);
    const exp = +s.slice(ei + 1);
    if (isTie(x, nd - 1 - exp)) digits = unTie(digits);
    return { digits, exp };
  }
  const ex = exactDecimal(x);
  const r = roundExact(ex.digits, ex.point, nd);
  return { digits: r.digits, exp: r.point - 1 };
}

/** Shortest digits that round-trip (the digits of Python's `repr(float)` and JS `String(x)`), for finite |x|. */
export function shortestDigits(x: number): SigDigits {
  if (x < 0) x = -x;
  if (x === 0) return { digits: "0", exp: 0 };
  const s = x.toExponential();
  const ei = s.indexOf("e");
  const digits = ei > 1 ? s[0] + s.slice(2, ei) : s.slice(0, ei);
  return { digits, exp: +s.slice(ei + 1) };
}

/** Two-digit-minimum exponent suffix: `e+05`, `E-100`. */
export function expSuffix(exp: number, upper: boolean): string {
  const a = exp < 0 ? -exp : exp;
  return (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

/** Scientific rendering of significant digits: `d.ddd` + exponent; `alt` keeps a bare point. */
export function sciFromDigits(digits: string, exp: number, upper: boolean, alt: boolean): string {
  const head = digits.length > 1 ? digits[0] + "." + digits.slice(1) : alt ? digits + "." : digits;
  return head + expSuffix(exp, upper);
}

/** Fixed rendering of significant digits with the point placed by `exp` (exp may be negative). */
export function fixedFromDigits(digits: string, exp: number): string {
  if (exp < 0) return "0." + "0".repeat(-exp - 1) + digits;
  if (exp + 1 >= digits.length) return digits + "0".repeat(exp + 1 - digits.length);
  return digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
}

/** Drops trailing zeros of the fractional part, and the point if nothing follows it. */
export function stripZeros(s: string): string {
  if (s.indexOf(".") < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/** `%e`: |x| with `prec` digits after the point. */
export function expAbs(x: number, prec: number, upper: boolean, alt: boolean): string {
  const r = roundSig(x, prec + 1);
  return sciFromDigits(r.digits, r.exp, upper, alt);
}

/**
 * `%g`: |x| with `prec` significant digits (0 means 1); fixed when
 * -4 <= exponent < prec, else scientific; `alt` keeps trailing zeros.
 */
export function generalAbs(x: number, prec: number, upper: boolean, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const r = roundSig(x, p);
  if (r.exp >= -4 && r.exp < p) {
    const s = fixedFromDigits(r.digits, r.exp);
    if (alt) return s.indexOf(".") < 0 ? s + "." : s;
    return stripZeros(s);
  }
  return sciFromDigits(alt ? r.digits : stripTrailingDigitZeros(r.digits), r.exp, upper, alt);
}

/** Trailing zeros of a significant-digit string, keeping at least one digit. */
export function stripTrailingDigitZeros(d: string): string {
  let end = d.length;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  return end === d.length ? d : d.slice(0, end);
}

/**
 * Python's repr-style float text for |x| (format type "" without precision):
 * shortest digits; fixed with at least one fractional digit when
 * -4 <= exponent < 16, else `1e+16` / `1.5e-07`.
 */
export function reprAbs(x: number, alt = false): string {
  const r = shortestDigits(x);
  if (r.exp >= -4 && r.exp < 16) {
    const s = fixedFromDigits(r.digits, r.exp);
    return s.indexOf(".") < 0 ? s + ".0" : s;
  }
  return sciFromDigits(r.digits, r.exp, false, alt);
}

/**
 * Format type "" with a precision: like `g` with `prec` significant digits but
 * scientific already when exponent >= prec - 1, and a fixed result keeps at
 * least one fractional digit.
 */
export function noTypePrecAbs(x: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const r = roundSig(x, p);
  if (r.exp >= -4 && r.exp < p - 1) {
    let s = fixedFromDigits(r.digits, r.exp);
    if (!alt) s = stripZeros(s);
    return s.indexOf(".") < 0 ? s + ".0" : s;
  }
  return sciFromDigits(alt ? r.digits : stripTrailingDigitZeros(r.digits), r.exp, false, alt);
}

/** Text of a non-finite float: `inf`/`nan`, upper-cased for `F E G`. */
export function nonFinite(x: number, upper: boolean): string {
  const s = x !== x ? "nan" : "inf";
  return upper ? s.toUpperCase() : s;
}

/**
 * Digits of |v| for an integral value in base 2, 8, 10 or 16 (lower-case).
 * Handles numbers beyond 2^53 exactly through BigInt.
 */
export function intDigitsAbs(v: number | bigint, base: 2 | 8 | 10 | 16): string {
  if (typeof v === "bigint") return (v < 0n ? -v : v).toString(base);
  const a = v < 0 ? -v : v;
  return a <= Number.MAX_SAFE_INTEGER ? a.toString(base) : BigInt(a).toString(base);
}

/**
 * Groups a run of integer digits from the right with `sep` every `size`
 * digits; when `minWidth` > 0 the digits are first zero-extended so the
 * grouped text is at least that wide (never starting with a separator).
 */
export function groupDigits(digits: string, sep: string, size: number, minWidth = 0): string {
  let n = digits.length;
  while (n + Math.floor((n - 1) / size) < minWidth) n++;
  if (n > digits.length) digits = "0".repeat(n - digits.length) + digits;
  if (n <= size) return digits;
  let first = n % size;
  if (first === 0) first = size;
  let out = digits.slice(0, first);
  for (let i = first; i < n; i += size) out += sep + digits.slice(i, i + size);
  return out;
}
