/**
 * 补正材料告知书 — Notice to Supplement or Correct Materials: every problem at once
 * (一次性告知), with the material and field each concerns, where and how to resubmit, and
 * that the time limit is paused until the corrected materials arrive.
 */
import type { Lang } from '../../i18n/index.js';
import { Check, begin, end, formatDay, opening, tr } from './common.js';
import type { CorrectionNoticeData } from './types.js';

export function checkCorrectionNotice(data: CorrectionNoticeData): void {
  const check = new Check().common(data).optionalText(data.contact, 'contact');
  if (check.list(data.problems, 'problems')) {
    data.problems.forEach((p, i) => {
      check.text(p?.material, `problems.${i}.material`).text(p?.problem, `problems.${i}.problem`);
      check.optionalText(p?.field, `problems.${i}.field`).optionalText(p?.requirement, `problems.${i}.requirement`);
    });
  }
  check.text(data.resubmit?.where, 'resubmit.where').text(data.resubmit?.how, 'resubmit.how');
  check.date(data.resubmit?.deadline, 'resubmit.deadline', true).done();
}

export async function renderCorrectionNotice(data: CorrectionNoticeData, lang: Lang): Promise<Uint8Array> {
  checkCorrectionNotice(data);
  const t = tr(lang);
  const c = await begin(lang, data, t('correction.title'));
  c.paragraph(t('salutation', { applicant: data.applicant }));
  c.paragraph(opening(t, lang, 'correction', data), { indent: true });
  c.keyValue([
    [t('fields.referenceNumber'), data.referenceNumber],
    [t('fields.itemName'), data.itemName],
  ]);
  c.table(
    [
      { label: t('correction.colNo'), width: 0.7 },
      { label: t('correction.colMaterial'), width: 2.2 },
      { label: t('correction.colField'), width: 1.8 },
      { label: t('correction.colProblem'), width: 2.8 },
      { label: t('correction.colRequirement'), width: 2.8 },
    ],
    data.problems.map((p, i) => [String(i + 1), p.material, p.field ?? '', p.problem, p.requirement ?? '']),
  );
  c.paragraph(t('correction.complete', { items: data.problems.length }), { indent: true });
  c.heading(t('correction.howHeading'));
  c.paragraph(t('correction.where', { where: data.resubmit.where }));
  c.paragraph(t('correction.how', { how: data.resubmit.how }));
  if (data.resubmit.deadline) c.paragraph(t('correction.deadline', { deadline: formatDay(data.resubmit.deadline, lang) }));
  if (data.contact) c.paragraph(`${t('fields.contact')}: ${data.contact}`);
  c.paragraph(t('correction.clock'), { indent: true });
  return end(c, t, lang, data);
}
