import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;
/** The dictionary takes a moment and ~10 MB to load: read it once, on first use (a process that never searches never holds it). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict((require('@node-rs/jieba/dict.js') as { dict: Buffer }).dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

/** Index tokens: jieba cutForSearch (HMM on), lower-cased, punctuation and spaces dropped, joined by spaces. */
export function indexTokens(text: string): string {
  if (!text) return '';
  return segmenter()
    .cutForSearch(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => WORD.test(t))
    .join(' ');
}

/** Query words: jieba cut (HMM on), lower-cased, punctuation dropped, de-duplicated. */
export function queryWords(text: string): string[] {
  const words = segmenter()
    .cut(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => WORD.test(t));
  return [...new Set(words)];
}
