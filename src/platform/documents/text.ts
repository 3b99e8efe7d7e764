/**
 * Text for PDF documents: cleaning hostile input and breaking lines (pure functions).
 *
 * - `cleanText` removes what must never reach a PDF: C0/C1 control characters (except the
 *   line break), bidi overrides and isolates, zero-width characters, variation selectors,
 *   tag characters and lone surrogates; it turns other line and space separators into `\n`
 *   and ` `, replaces characters the font cannot draw with □, and caps the length.
 * - `wrapText` breaks lines the way Chinese typesetting does: between any two CJK
 *   characters, never inside a Latin word (unless the word alone is wider than the line),
 *   never before closing punctuation （，。）」 nor after opening punctuation （“《, and at
 *   every explicit `\n`.
 */

const REMOVED: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0008],
  [0x000b, 0x000c],
  [0x000e, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad], // soft hyphen
  [0x061c, 0x061c], // Arabic letter mark
  [0x180e, 0x180e],
  [0x200b, 0x200f], // zero-width space/joiners, LRM, RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates, deprecated format chars
  [0xd800, 0xdfff], // lone surrogates (paired ones arrive as one code point)
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // BOM
  [0xfff0, 0xfffb], // specials, interlinear annotation
  [0xfffe, 0xffff],
  [0xe0000, 0xe0fff], // tags, variation selectors supplement
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

const SPACES = new Set([0x09, 0xa0, 0x1680, 0x202f, 0x205f, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i)]);
const BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);
export const MISSING_GLYPH = '□';

export interface Cleaned {
  text: string;
  truncated: boolean;
}

/**
 * Cleans one piece of text for drawing. `max` caps the number of code points kept;
 * `has` tells whether the font draws a code point.
 */
export function cleanText(input: unknown, max: number, has: (cp: number) => boolean): Cleaned {
  let raw = typeof input === 'string' ? input : typeof input === 'number' || typeof input === 'bigint' || typeof input === 'boolean' ? String(input) : '';
  // Look at a bounded prefix only: enough for `max` kept characters plus what cleaning removes.
  const window = Math.max(0, max) * 4 + 16;
  const cut = raw.length > window;
  if (cut) raw = raw.slice(0, window);
  raw = raw.replace(/\r\n/g, '\n').normalize('NFC');
  const missing = has(MISSING_GLYPH.codePointAt(0)!) ? MISSING_GLYPH : '?';
  let out = '';
  let kept = 0;
  let truncated = false;
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    let piece: string;
    if (BREAKS.has(cp)) piece = '\n';
    else if (SPACES.has(cp)) piece = ' ';
    else if (inRanges(cp, REMOVED)) continue;
    else piece = has(cp) ? ch : missing;
    if (kept >= max) {
      truncated = true;
      break;
    }
    out += piece;
    kept++;
  }
  if (cut && kept >= max) truncated = true;
  return { text: out, truncated };
}

const CJK: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x11ff], // Hangul Jamo
  [0x2014, 0x2014], // — (Chinese dash, breakable)
  [0x2026, 0x2026], // …
  [0x25a0, 0x25ff], // geometric shapes (□ stands for missing characters)
  [0x2e80, 0x2fdf], // radicals
  [0x2ff0, 0x303f], // ideographic description, CJK symbols and punctuation
  [0x3040, 0x31ff], // kana, bopomofo, Hangul compatibility, CJK strokes
  [0x3200, 0x4dbf], // enclosed CJK, compatibility, Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff], // Hangul syllables
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe10, 0xfe1f], // vertical forms
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // half- and full-width forms
  [0x20000, 0x3ffff], // Extensions B and later
];

/** May not begin a line (行首禁则). */
const CLOSING = new Set('，。、；：？！）》」』】〕〉〗〙〛”’…—・．％～,.;:?!)]}%·ー々');
/** May not end a line (行尾禁则). */
const OPENING = new Set('（《「『【〔〈〖〘〚“‘([{');

export function isCjk(cp: number): boolean {
  return inRanges(cp, CJK);
}

interface Atom {
  text: string;
  width: number;
  space: boolean;
}

/** Splits one paragraph into unbreakable pieces, with spaces as separate pieces. */
function atoms(paragraph: string, size: number, advance: (cp: number) => number): Atom[] {
  const raw: Atom[] = [];
  let word: Atom | undefined;
  for (const ch of paragraph) {
    const cp = ch.codePointAt(0)!;
    const w = advance(cp) * size;
    if (ch === ' ') {
      word = undefined;
      const last = raw[raw.length - 1];
      if (last?.space) {
        last.text += ch;
        last.width += w;
      } else raw.push({ text: ch, width: w, space: true });
    } else if (isCjk(cp)) {
      word = undefined;
      raw.push({ text: ch, width: w, space: false });
    } else if (word) {
      word.text += ch;
      word.width += w;
    } else {
      word = { text: ch, width: w, space: false };
      raw.push(word);
    }
  }
  // Glue closing punctuation to what precedes it and opening punctuation to what follows.
  const glued: Atom[] = [];
  for (const atom of raw) {
    const prev = glued[glued.length - 1];
    if (prev && !prev.space && !atom.space && (CLOSING.has(atom.text[0]!) || OPENING.has(prev.text[prev.text.length - 1]!))) {
      prev.text += atom.text;
      prev.width += atom.width;
    } else glued.push({ ...atom });
  }
  return glued;
}

/**
 * Breaks text into lines no wider than `maxWidth` at font size `size`.
 * Every `\n` ends a line; an empty paragraph gives an empty line.
 */
export function wrapText(text: string, maxWidth: number, size: number, advance: (cp: number) => number): string[] {
  const limit = Math.max(maxWidth, size) + 0.01;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    let gap: Atom | undefined; // a space waiting to see whether the next piece fits
    let started = false; // spaces at the start of a paragraph are kept (indentation)
    const flush = () => {
      lines.push(line);
      line = '';
      width = 0;
      gap = undefined;
    };
    for (const atom of atoms(paragraph, size, advance)) {
      if (atom.space) {
        if (!started) {
          line += atom.text;
          width += atom.width;
        } else if (line !== '') gap = atom;
        continue;
      }
      started = true;
      const before = gap && line !== '' ? gap : undefined;
      const need = (before?.width ?? 0) + atom.width;
      if (width + need <= limit) {
        line += (before?.text ?? '') + atom.text;
        width += need;
        gap = undefined;
        continue;
      }
      if (line.trim() !== '') flush();
      else gap = undefined;
      if (width + atom.width <= limit) {
        line += atom.text;
        width += atom.width;
        continue;
      }
      // Wider than a whole line (a long URL, a hostile run of letters): break anywhere.
      for (const ch of atom.text) {
        const w = advance(ch.codePointAt(0)!) * size;
        if (width + w > limit && line !== '') flush();
        line += ch;
        width += w;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** The width of a line at `size`. */
export function textWidth(text: string, size: number, advance: (cp: number) => number): number {
  let w = 0;
  for (const ch of text) w += advance(ch.codePointAt(0)!) * size;
  return w;
}
