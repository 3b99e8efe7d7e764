import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { pdfPageCount } from '../page-count.js';
import { cleanText, wrapText } from '../text.js';
import { encryptedPdf } from './inspect.js';

/** Every CJK character 1 em wide, every other character half an em: easy arithmetic. */
const advance = (cp: number) => (cp > 0x2e80 ? 1 : 0.5);
const wrap = (text: string, ems: number) => wrapText(text, ems * 10, 10, advance);
const all = () => true;

describe('wrapText: line breaking for Chinese and Latin text', () => {
  test('breaks between any two CJK characters', () => {
    assert.deepEqual(wrap('一二三四五六七八九十', 4), ['一二三四', '五六七八', '九十']);
  });

  test('keeps Latin words whole and drops the space at the break', () => {
    // Latin letters are half an em here: "alpha" is 2.5 em, "alpha beta" 5 em.
    assert.deepEqual(wrap('alpha beta gamma delta', 3), ['alpha', 'beta', 'gamma', 'delta']);
    assert.deepEqual(wrap('alpha beta gamma delta', 5), ['alpha beta', 'gamma', 'delta']);
    assert.deepEqual(wrap('ab cd ef gh', 2.5), ['ab cd', 'ef gh']);
  });

  test('mixes CJK and Latin, breaking between them but not inside the word', () => {
    assert.deepEqual(wrap('申请人OneWindow平台', 5), ['申请人', 'OneWindow', '平台']);
    assert.deepEqual(wrap('申请人OneWindow平台', 6), ['申请人', 'OneWindow平', '台']);
  });

  test('respects explicit newlines and keeps empty lines', () => {
    assert.deepEqual(wrap('第一行\n\n第三行', 10), ['第一行', '', '第三行']);
  });

  test('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // Without the rule the break would fall before "，" and after "《".
    assert.deepEqual(wrap('一二三四，五六', 4), ['一二三', '四，五六']);
    assert.deepEqual(wrap('一二三《四五》', 4), ['一二三', '《四五》']);
  });

  test('breaks a word longer than the line anywhere', () => {
    assert.deepEqual(wrap('x'.repeat(20), 4), ['xxxxxxxx', 'xxxxxxxx', 'xxxx']);
  });

  test('keeps the indentation at the start of a paragraph', () => {
    assert.deepEqual(wrap('\u3000\u3000正文', 10), ['\u3000\u3000正文']);
    assert.deepEqual(wrap('  text', 10), ['  text']);
  });
});

describe('cleanText: what never reaches a PDF', () => {
  test('removes control, bidi, zero-width and tag characters and lone surrogates; keeps line breaks', () => {
    const { text } = cleanText('A\u0000B\u001bC\u007fD\u0085E\u202eF\u2066G\u200bH\ufeffI\ud800J\u{E0041}K\r\nL\u2028M\tN', 1000, all);
    assert.equal(text, 'ABCD\nEFGHIJK\nL\nM N');
  });

  test('replaces characters the font cannot draw with □', () => {
    const { text } = cleanText('a€b', 100, (cp) => cp !== 0x20ac);
    assert.equal(text, 'a□b');
  });

  test('caps the length and says it did, looking only at a bounded prefix', () => {
    const { text, truncated } = cleanText('字'.repeat(5_000_000), 100, all);
    assert.equal([...text].length, 100);
    assert.equal(truncated, true);
    assert.deepEqual(cleanText('短', 100, all), { text: '短', truncated: false });
  });

  test('turns non-strings into text without throwing', () => {
    assert.equal(cleanText(undefined, 10, all).text, '');
    assert.equal(cleanText(null, 10, all).text, '');
    assert.equal(cleanText(42, 10, all).text, '42');
  });
});

describe('pdfPageCount', () => {
  test('counts the pages of a 3-page PDF', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage();
    assert.equal(await pdfPageCount(await doc.save()), 3);
  });

  test('is undefined for bytes that are not a readable PDF', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(64).fill(0)]);
    assert.equal(await pdfPageCount(png), undefined);
    assert.equal(await pdfPageCount(new Uint8Array()), undefined);
    assert.equal(await pdfPageCount(new TextEncoder().encode('hello, this is plain text and not a PDF at all')), undefined);
    assert.equal(await pdfPageCount(new TextEncoder().encode('%PDF-1.7\n' + 'garbage '.repeat(200))), undefined);
    const doc = await PDFDocument.create();
    doc.addPage();
    const truncated = (await doc.save()).subarray(0, 40);
    assert.equal(await pdfPageCount(truncated), undefined);
  });

  test('reads the page count of an encrypted PDF without its password', async () => {
    const bytes = encryptedPdf();
    await assert.rejects(PDFDocument.load(bytes), /encrypted/i, 'pdf-lib refuses it by default');
    assert.equal(await pdfPageCount(bytes), 2);
  });
});
