import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
/** The dictionary takes a moment to load; load it once, on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
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
