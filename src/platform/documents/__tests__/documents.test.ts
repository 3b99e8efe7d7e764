import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../http/errors.js';
import { missingKeys, type Lang } from '../../i18n/index.js';
import { DOCUMENT_KINDS, pdfPageCount, renderDocument, type DocumentKind, type SubmissionCopyData } from '../index.js';
import { ensureStrings } from '../templates/common.js';
import { isCjk } from '../text.js';
import { inspectPdf, stringsOf } from './inspect.js';
import { sampleData, sampleRequest } from './samples.js';

const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const titles: Record<DocumentKind, Record<Lang, string>> = {
  acceptance_notice: { 'zh-CN': '受理通知书', en: 'Notice of Acceptance' },
  not_accepted_decision: { 'zh-CN': '不予受理决定书', en: 'Decision Not to Accept an Application' },
  correction_notice: { 'zh-CN': '补正材料告知书', en: 'Notice to Supplement or Correct Materials' },
  approval_decision: { 'zh-CN': '准予行政许可决定书', en: 'Decision to Grant: Administrative Licence' },
  denial_decision: { 'zh-CN': '不予行政许可决定书', en: 'Decision to Refuse: Administrative Licence' },
  submission_copy: { 'zh-CN': '申请材料', en: 'Application Materials' },
};

const pageLabel = (lang: Lang, page: number, total: number) => (lang === 'en' ? `Page ${page} of ${total}` : `第 ${page} 页 共 ${total} 页`);

function render(kind: DocumentKind, lang: Lang, patch: Record<string, unknown> = {}): Promise<Uint8Array> {
  const { data } = sampleRequest(kind, lang);
  return renderDocument(kind, { ...data, ...patch }, lang);
}

describe('documents: every kind in both languages', () => {
  for (const kind of DOCUMENT_KINDS) {
    for (const lang of LANGS) {
      test(`${kind} (${lang}) loads back with its title, reference, page number and document number`, async () => {
        const bytes = await render(kind, lang);
        const pdf = await inspectPdf(bytes);
        assert.ok(pdf.doc.getPageCount() >= 1);
        assert.equal(pdf.doc.getTitle(), titles[kind][lang]);
        const text = pdf.pages.join('\n');
        const data = sampleData(kind, lang);
        assert.ok(text.includes(titles[kind][lang]), 'the title is drawn');
        assert.ok(text.includes(data.referenceNumber), 'the reference number is drawn');
        assert.ok(text.includes(data.applicant), 'the applicant is drawn as searchable text');
        assert.ok(pdf.pages[0]!.includes(pageLabel(lang, 1, pdf.pages.length)), 'the footer numbers the page');
        for (const page of pdf.pages) assert.ok(page.includes(data.documentNumber), 'every page carries the document number');
        assert.ok(text.replace(/\n/g, '').includes(data.verificationUrl), 'the verification address is printed next to the QR code');
      });
    }
  }

  test('decisions state the remedy: reconsideration within 60 days, litigation within 6 months', async () => {
    for (const kind of ['not_accepted_decision', 'denial_decision'] as const) {
      const zh = (await inspectPdf(await render(kind, 'zh-CN'))).pages.join('');
      assert.match(zh, /六十日内向青山县人民政府申请行政复议/);
      assert.match(zh, /六个月内依法向青山县人民法院提起行政诉讼/);
      const en = (await inspectPdf(await render(kind, 'en'))).pages.join(' ');
      assert.match(en, /within 60 days/);
      assert.match(en, /within 6 months/);
    }
  });

  test('the correction notice lists every problem with its material and says the clock is paused', async () => {
    const data = sampleData('correction_notice', 'zh-CN');
    const text = (await inspectPdf(await renderDocument('correction_notice', data, 'zh-CN'))).pages.join('');
    for (const p of data.problems) {
      assert.ok(text.includes(p.material), p.material);
      assert.ok(text.includes(p.problem), p.problem);
    }
    assert.ok(text.includes('以上共 3 项'));
    assert.ok(text.includes('办理时限暂停计算'));
    assert.ok(text.includes('“一窗通办”平台“我的办件”'));
  });

  test('the acceptance notice gives the committed due date and what happens next', async () => {
    const text = (await inspectPdf(await render('acceptance_notice', 'zh-CN'))).pages.join('');
    assert.ok(text.includes('2026年12月8日'), 'the due date, in Shanghai time');
    assert.ok(text.includes('10 个工作日'));
    assert.ok(text.includes('后续办理'));
    assert.ok(text.includes('现场核查将由县市场监督管理局'), 'the item-specific step');
  });

  test('the submission copy lists the materials with file names and page counts', async () => {
    const text = (await inspectPdf(await render('submission_copy', 'en'))).pages.join('\n');
    assert.ok(text.includes('申请书.pdf'));
    assert.ok(text.includes('floor-plan.pdf'));
    assert.ok(text.includes('3 material(s), 4 page(s) in all.'));
  });

  test('the documents strings are complete in both languages', async () => {
    await ensureStrings();
    assert.deepEqual(
      missingKeys().filter((k) => k.includes(' documents:')),
      [],
    );
  });
});

describe('documents: the embedded font', () => {
  test('is one CID TrueType subset of WenQuanYi Micro Hei, tagged XXXXXX+, far smaller than the font', async () => {
    const pdf = await inspectPdf(await render('acceptance_notice', 'zh-CN'));
    assert.equal(pdf.fonts.length, 1);
    const [font] = pdf.fonts;
    assert.match(font!.baseFont, /^[A-Z]{6}\+WenQuanYiMicroHei$/);
    assert.equal(font!.subtype, 'CIDFontType2');
    assert.ok(font!.fontFileCompressed > 0 && font!.fontFileCompressed < 300_000, `font stream ${font!.fontFileCompressed} bytes`);
    assert.ok(font!.fontFileBytes.length < 300_000, `font file ${font!.fontFileBytes.length} bytes`);
    // A TrueType font program: sfnt version 0x00010000 or 'true' (what fontkit's subsetter writes).
    const version = Buffer.from(font!.fontFileBytes.subarray(0, 4)).toString('hex');
    assert.ok(version === '00010000' || version === '74727565', version);
  });

  test('two documents get different subset tags', async () => {
    const a = await inspectPdf(await render('denial_decision', 'zh-CN'));
    const b = await inspectPdf(await render('denial_decision', 'zh-CN'));
    // 26^6 tags: equal only by a one-in-300-million accident.
    assert.notEqual(a.fonts[0]!.baseFont, b.fonts[0]!.baseFont);
  });

  for (const kind of DOCUMENT_KINDS) {
    test(`the ToUnicode map covers every Chinese character of the ${kind} data`, async () => {
      const data = sampleData(kind, 'zh-CN');
      const pdf = await inspectPdf(await renderDocument(kind, data as never, 'zh-CN'));
      const mapped = new Set(pdf.fonts[0]!.toUnicode.values());
      // The submission copy has no seal, so its seal text is not drawn.
      const drawn = kind === 'submission_copy' ? { ...data, sealText: undefined } : data;
      const wanted = new Set([...stringsOf(drawn).join('')].filter((ch) => isCjk(ch.codePointAt(0)!)));
      assert.ok(wanted.size > 10);
      const missing = [...wanted].filter((ch) => !mapped.has(ch));
      assert.deepEqual(missing, []);
    });
  }
});

describe('documents: long documents', () => {
  function bigCopy(lang: Lang): SubmissionCopyData {
    const data = sampleData('submission_copy', lang);
    return {
      ...data,
      answers: Array.from({ length: 300 }, (_, i) => ({
        label: lang === 'en' ? `Question ${i + 1}` : `第${i + 1}项 申报内容`,
        value: i % 7 === 0 ? `答复 ${i + 1}：${'较长的说明文字，'.repeat(12)}` : `answer-${i + 1}`,
      })),
    };
  }

  for (const lang of LANGS) {
    test(`a 300-row submission copy (${lang}) spans several pages, each numbered "x of y", the table header repeated`, async () => {
      const bytes = await renderDocument('submission_copy', bigCopy(lang), lang);
      const pdf = await inspectPdf(bytes);
      const total = pdf.pages.length;
      assert.ok(total >= 5, `${total} pages`);
      pdf.pages.forEach((page, i) => {
        assert.ok(page.includes(pageLabel(lang, i + 1, total)), `page ${i + 1} says ${pageLabel(lang, i + 1, total)}`);
        if (i > 0 && i < total - 1) assert.ok(page.includes(lang === 'en' ? 'Question' : '填写内容'), `the header row on page ${i + 1}`);
      });
      const all = pdf.pages.join('\n');
      for (const n of [1, 150, 300]) assert.ok(all.includes(`answer-${n}`) || all.includes(`答复 ${n}`), `row ${n}`);
      assert.equal(await pdfPageCount(bytes), total);
    });
  }
});

describe('documents: hostile text', () => {
  const hostile = [
    'A\u0000B\u0007C\u001b[31mD\u007f\u0085E\u009b',
    '\u202eevil.exe\u202c \u2066isolate\u2069 \u200f\u200e\u061c',
    '<script>alert(1)</script>',
    'x'.repeat(100_000),
    '甲'.repeat(100_000),
    'zero\u200bwidth\ufeff and \ud800 lone surrogate and 👩‍👩‍👧 emoji and \u{E0041}tags',
  ];

  test('control characters, bidi overrides, 100 000 characters and markup render without throwing', async () => {
    const data = sampleData('not_accepted_decision', 'zh-CN');
    const bytes = await renderDocument(
      'not_accepted_decision',
      { ...data, applicant: hostile[0]!, itemName: hostile[1]!, reason: hostile.join('\n'), legalBasis: hostile[3]!, referTo: hostile[5]!, documentNumber: hostile[4]! },
      'zh-CN',
    );
    const pdf = await inspectPdf(bytes);
    assert.ok(pdf.pages.length > 1, 'huge text continues on more pages');
    const text = pdf.pages.join('\n');
    assert.ok(text.includes('<script>alert(1)</script>'), 'markup is only text');
    assert.ok(text.includes('ABC[31mD\nE'), 'the control characters are gone (NEL is a line break), the rest stays');
    assert.ok(text.includes('evil.exe'));
    assert.ok(text.includes('以下从略'), 'a cut text says so');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/u);
    // eslint-disable-next-line no-control-regex
    for (const ch of pdf.fonts[0]!.toUnicode.values()) assert.doesNotMatch(ch, /[\u0000-\u001f\u202e]/u);
  });

  test('hostile rows in a submission copy and in every table cell render', async () => {
    const data = sampleData('submission_copy', 'en');
    const answers = hostile.map((value, i) => ({ label: hostile[(i + 1) % hostile.length]!, value }));
    const materials = hostile.map((name) => ({ name, fileName: name, pages: 2 }));
    const bytes = await renderDocument('submission_copy', { ...data, answers, materials }, 'en');
    assert.ok(((await pdfPageCount(bytes)) ?? 0) > 1);
  });

  test('a huge list is capped: the rest is counted, not drawn', async () => {
    const data = sampleData('denial_decision', 'en');
    const reasons = Array.from({ length: 2_500 }, (_, i) => `reason ${i + 1}`);
    const pdf = await inspectPdf(await renderDocument('denial_decision', { ...data, reasons }, 'en'));
    const text = pdf.pages.join('\n');
    assert.ok(text.includes('reason 2000'));
    assert.ok(!text.includes('reason 2001'));
    assert.ok(text.includes('(500 more items not listed)'));
  });
});

describe('documents: mandatory data', () => {
  async function fields(promise: Promise<unknown>): Promise<string[]> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof ValidationError, String(err));
      return err.fields.map((f) => f.field);
    }
    assert.fail('expected a ValidationError');
  }

  test('a refusal without a reason or a remedy is refused, naming the fields', async () => {
    const data = sampleData('not_accepted_decision', 'zh-CN');
    assert.deepEqual(await fields(renderDocument('not_accepted_decision', { ...data, reason: ' \u0000\u202e ' }, 'zh-CN')), ['reason']);
    const denial = sampleData('denial_decision', 'zh-CN');
    assert.deepEqual(
      await fields(renderDocument('denial_decision', { ...denial, reasons: [], remedy: { reconsiderationBody: '青山县人民政府', court: '' } }, 'zh-CN')),
      ['reasons', 'remedy.court'],
    );
  });

  test('a correction notice needs problems, each with its material and problem, and where and how to resubmit', async () => {
    const data = sampleData('correction_notice', 'en');
    assert.deepEqual(await fields(renderDocument('correction_notice', { ...data, problems: [] }, 'en')), ['problems']);
    assert.deepEqual(
      await fields(renderDocument('correction_notice', { ...data, problems: [{ material: '', problem: 'x' }], resubmit: { where: '', how: 'online' } }, 'en')),
      ['problems.0.material', 'resubmit.where'],
    );
  });

  test('the verification address must be an http(s) URL and dates must be dates', async () => {
    const data = sampleData('acceptance_notice', 'en');
    assert.deepEqual(
      await fields(renderDocument('acceptance_notice', { ...data, verificationUrl: 'javascript:alert(1)', dueAt: new Date('nope') }, 'en')),
      ['verificationUrl', 'dueAt'],
    );
  });
});
