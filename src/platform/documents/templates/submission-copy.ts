/**
 * 申请材料 — the applicant's submission: the answers on the form as a table and the list of
 * uploaded materials with their file names and page counts. It carries the QR code but no
 * seal: it records what was sent, it decides nothing.
 */
import type { Lang } from '../../i18n/index.js';
import { Check, begin, end, formatDayTime, tr } from './common.js';
import type { SubmissionCopyData } from './types.js';

export function checkSubmissionCopy(data: SubmissionCopyData): void {
  const check = new Check().common(data);
  if (!Array.isArray(data.answers)) check.list(data.answers, 'answers');
  else data.answers.forEach((a, i) => check.text(a?.label, `answers.${i}.label`).optionalText(a?.value, `answers.${i}.value`));
  if (!Array.isArray(data.materials)) check.list(data.materials, 'materials');
  else
    data.materials.forEach((m, i) => {
      check.text(m?.name, `materials.${i}.name`).optionalText(m?.fileName, `materials.${i}.fileName`);
      check.count(m?.pages, `materials.${i}.pages`);
    });
  check.done();
}

export async function renderSubmissionCopy(data: SubmissionCopyData, lang: Lang): Promise<Uint8Array> {
  checkSubmissionCopy(data);
  const t = tr(lang);
  const c = await begin(lang, data, t('submission.title'));
  c.paragraph(t('submission.intro'), { indent: true });
  const rows: Array<[string, unknown]> = [
    [t('fields.referenceNumber'), data.referenceNumber],
    [t('fields.itemName'), data.itemName],
    [t('fields.applicant'), data.applicant],
  ];
  if (data.submittedAt) rows.push([t('fields.submittedAt'), formatDayTime(data.submittedAt, lang)]);
  rows.push([t('fields.department'), data.department]);
  c.keyValue(rows);

  c.heading(t('submission.answersHeading'));
  if (data.answers.length === 0) c.paragraph(t('submission.noAnswers'));
  else
    c.table(
      [
        { label: t('submission.colNo'), width: 0.8 },
        { label: t('submission.colQuestion'), width: 3.2 },
        { label: t('submission.colAnswer'), width: 6 },
      ],
      data.answers.map((a, i) => [String(i + 1), a.label, a.value ?? '']),
    );

  c.heading(t('submission.materialsHeading'));
  if (data.materials.length === 0) c.paragraph(t('submission.noMaterials'));
  else {
    c.table(
      [
        { label: t('submission.colNo'), width: 0.8 },
        { label: t('submission.colMaterial'), width: 4 },
        { label: t('submission.colFile'), width: 4 },
        { label: t('submission.colPages'), width: 1.2 },
      ],
      data.materials.map((m, i) => [String(i + 1), m.name, m.fileName ?? '', m.pages === undefined ? '—' : String(m.pages)]),
    );
    const pages = data.materials.reduce((sum, m) => sum + (m.pages ?? 0), 0);
    c.paragraph(t('submission.totals', { files: data.materials.length, pages }));
  }
  return end(c, t, lang, data, false);
}
