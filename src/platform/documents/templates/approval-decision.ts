/** 准予…决定书 — Decision to Grant (by default 准予行政许可决定书). */
import type { Lang } from '../../i18n/index.js';
import { Check, begin, end, formatDay, opening, remedy, tr } from './common.js';
import type { ApprovalDecisionData } from './types.js';

export function checkApprovalDecision(data: ApprovalDecisionData): void {
  const check = new Check().common(data).optionalText(data.matter, 'matter').date(data.decidedAt, 'decidedAt').text(data.content, 'content');
  check.optionalText(data.legalBasis, 'legalBasis').date(data.validFrom, 'validFrom', true).date(data.validUntil, 'validUntil', true);
  if (data.certificate) check.text(data.certificate.name, 'certificate.name').text(data.certificate.number, 'certificate.number');
  check.optionalTexts(data.conditions, 'conditions');
  if (data.remedy) check.text(data.remedy.reconsiderationBody, 'remedy.reconsiderationBody').text(data.remedy.court, 'remedy.court');
  check.done();
}

export async function renderApprovalDecision(data: ApprovalDecisionData, lang: Lang): Promise<Uint8Array> {
  checkApprovalDecision(data);
  const t = tr(lang);
  const matter = data.matter?.trim() || t('approval.matter');
  const c = await begin(lang, data, t('approval.title', { matter }));
  c.paragraph(t('salutation', { applicant: data.applicant }));
  c.paragraph(opening(t, lang, 'approval', data, { matter }), { indent: true });
  const rows: Array<[string, unknown]> = [
    [t('fields.referenceNumber'), data.referenceNumber],
    [t('fields.itemName'), data.itemName],
    [t('fields.applicant'), data.applicant],
    [t('fields.decidedAt'), formatDay(data.decidedAt, lang)],
  ];
  if (data.certificate) rows.push([t('fields.certificate'), `${data.certificate.name}\n${data.certificate.number}`]);
  if (data.validUntil) {
    const to = formatDay(data.validUntil, lang);
    rows.push([t('fields.validity'), data.validFrom ? t('validity', { from: formatDay(data.validFrom, lang), to }) : t('validUntil', { to })]);
  }
  if (data.legalBasis) rows.push([t('fields.legalBasis'), data.legalBasis]);
  c.keyValue(rows);
  c.heading(t('approval.contentHeading')).paragraph(data.content, { indent: true });
  if (data.conditions?.length) c.heading(t('approval.conditionsHeading')).list(data.conditions);
  if (data.remedy) remedy(c, t, data.remedy);
  return end(c, t, lang, data);
}
