/** 不予…决定书 — Decision to Refuse (by default 不予行政许可决定书). Reasons and remedy are mandatory. */
import type { Lang } from '../../i18n/index.js';
import { Check, begin, end, formatDay, opening, remedy, tr } from './common.js';
import type { DenialDecisionData } from './types.js';

export function checkDenialDecision(data: DenialDecisionData): void {
  const check = new Check().common(data).optionalText(data.matter, 'matter').date(data.decidedAt, 'decidedAt');
  if (check.list(data.reasons, 'reasons')) data.reasons.forEach((r, i) => check.text(r, `reasons.${i}`));
  check.optionalText(data.legalBasis, 'legalBasis');
  check.text(data.remedy?.reconsiderationBody, 'remedy.reconsiderationBody').text(data.remedy?.court, 'remedy.court');
  check.done();
}

export async function renderDenialDecision(data: DenialDecisionData, lang: Lang): Promise<Uint8Array> {
  checkDenialDecision(data);
  const t = tr(lang);
  const matter = data.matter?.trim() || t('approval.matter');
  const c = await begin(lang, data, t('denial.title', { matter }));
  c.paragraph(t('salutation', { applicant: data.applicant }));
  c.paragraph(opening(t, lang, 'denial', data, { matter }), { indent: true });
  c.keyValue([
    [t('fields.referenceNumber'), data.referenceNumber],
    [t('fields.itemName'), data.itemName],
    [t('fields.applicant'), data.applicant],
    [t('fields.decidedAt'), formatDay(data.decidedAt, lang)],
  ]);
  c.heading(t('denial.reasonsHeading')).list(data.reasons);
  if (data.legalBasis) c.paragraph(t('legalBasisLine', { basis: data.legalBasis }), { indent: true });
  remedy(c, t, data.remedy);
  return end(c, t, lang, data);
}
