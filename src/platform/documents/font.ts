/**
 * The one font of every generated document (ADR 0020): WenQuanYi Micro Hei, face 0 of
 * Debian's fonts-wqy-microhei .ttc, extracted once by `scripts/extract-ttc.mjs` into
 * assets/fonts/wqy-microhei.ttf and shipped with the code, so a fresh machine needs no
 * apt package. The bytes are read lazily, once per process; each document embeds a subset.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';

export const FONT_URL = new URL('../../../assets/fonts/wqy-microhei.ttf', import.meta.url);

/** What the layout needs to know about the font, independent of any one document. */
export interface FontData {
  bytes: Uint8Array;
  /** Advance width of one code point at size 1 (em units), cached. */
  advance(codePoint: number): number;
  /** Whether the font draws this code point (anything else is shown as □). */
  has(codePoint: number): boolean;
  /** Ascent and descent at size 1. */
  ascent: number;
  descent: number;
}

let loading: Promise<FontData> | undefined;

async function load(): Promise<FontData> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(FONT_URL));
  } catch (err) {
    throw new Error(
      `documents: the font ${fileURLToPath(FONT_URL)} cannot be read (${(err as Error).message}); ` +
        'it is part of the repository, or can be rebuilt with `node scripts/extract-ttc.mjs` from Debian\'s fonts-wqy-microhei',
    );
  }
  const font = fontkit.create(bytes);
  const scale = 1 / font.unitsPerEm;
  const widths = new Map<number, number>();
  const present = new Map<number, boolean>();
  const has = (cp: number): boolean => {
    let known = present.get(cp);
    if (known === undefined) {
      known = font.hasGlyphForCodePoint(cp);
      present.set(cp, known);
    }
    return known;
  };
  return {
    bytes,
    has,
    advance(cp) {
      let w = widths.get(cp);
      if (w === undefined) {
        w = has(cp) ? font.glyphForCodePoint(cp).advanceWidth * scale : 1;
        widths.set(cp, w);
      }
      return w;
    },
    ascent: font.ascent * scale,
    descent: font.descent * scale,
  };
}

/** The font, loaded on first use and kept for the life of the process. */
export function documentFont(): Promise<FontData> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined; // a later call may succeed once the file is there
    throw err;
  });
  return loading;
}
