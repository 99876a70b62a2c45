/**
 * Whether a string goes into JSON as it is, between quotes: the one rule
 * printf (noting it for a message as the message is built) and
 * JSONFormatter (for any other string) share.
 */

/** True when `s` has no character JSON escapes: no control character, quote, backslash or surrogate (surrogates are left to `JSON.stringify`). */
export function jsonPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}
