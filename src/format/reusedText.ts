/**
 * Texts reused for many records, each made one piece at its first reuse.
 *
 * V8 builds `a + b` of longer strings as a tree of the pieces rather than a
 * copy; every use that needs the characters in order (the writer's join of a
 * batch, an encoding) walks the tree again. A text reused for many records
 * (a timestamp within one millisecond, the literal and steady parts of a
 * format) is cheaper as one piece: `slice` hands back a view of a flat
 * copy, made once. The characters are exactly those of `text`.
 */
function flatText(text: string): string {
  return (text + " ").slice(0, -1);
}

/**
 * Slots of texts kept to be appended again and again (a timestamp, the
 * steady part of a format, a field's `"key":value`, the start of a JSON
 * line): each is made one flat piece at its first reuse, so a line is built
 * from, and later joined from, fewer strings. A text set and never read
 * again costs nothing more.
 */
export class ReusedTexts {
  readonly #texts: string[];
  readonly #flat: boolean[];

  constructor(size: number) {
    this.#texts = Array.from({ length: size }, () => "");
    this.#flat = Array.from({ length: size }, () => true);
  }

  /** Keeps `text` in slot `i` (as it is: made flat only if it is read again). */
  set(i: number, text: string): void {
    this.#texts[i] = text;
    this.#flat[i] = false;
  }

  /** The text of slot `i`, one flat piece from its first read on. */
  get(i: number): string {
    if (this.#flat[i]) return this.#texts[i]!;
    this.#flat[i] = true;
    return (this.#texts[i] = flatText(this.#texts[i]!));
  }
}
