/** 不予受理决定书 — Decision Not to Accept an Application. The reason and the remedy are mandatory. */
import type { Lang } from '../../i18n/index.js';
import { Check, begin, end, opening, remedy, tr } from './common.js';
import type { NotAcceptedDecisionData } from './types.js';

export function checkNotAcceptedDecision(data: NotAcceptedDecisionData): void {
  new Check()
    .common(data)
    .text(data.reason, 'reason')
    .optionalText(data.legalBasis, 'legalBasis')
    .optionalText(data.referTo, 'referTo')
    .text(data.remedy?.reconsiderationBody, 'remedy.reconsiderationBody')
    .text(data.remedy?.court, 'remedy.court')
    .done();
}

export async function renderNotAcceptedDecision(data: NotAcceptedDecisionData, lang: Lang): Promise<Uint8Array> {
  checkNotAcceptedDecision(data);
  const t = tr(lang);
  const c = await begin(lang, data, t('notAccepted.title'));
  c.paragraph(t('salutation', { applicant: data.applicant }));
  c.paragraph(opening(t, lang, 'notAccepted', data), { indent: true });
  c.keyValue([
    [t('fields.referenceNumber'), data.referenceNumber],
    [t('fields.itemName'), data.itemName],
    [t('fields.applicant'), data.applicant],
  ]);
  c.heading(t('notAccepted.reasonHeading')).paragraph(data.reason, { indent: true });
  if (data.legalBasis) c.paragraph(t('legalBasisLine', { basis: data.legalBasis }), { indent: true });
  if (data.referTo) c.paragraph(t('notAccepted.referTo', { body: data.referTo }), { indent: true });
  remedy(c, t, data.remedy);
  return end(c, t, lang, data);
}
