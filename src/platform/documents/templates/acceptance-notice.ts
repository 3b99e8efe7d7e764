/** 受理通知书 — Notice of Acceptance. */
import type { Lang } from '../../i18n/index.js';
import { Check, begin, end, formatDay, formatDayTime, opening, tr } from './common.js';
import type { AcceptanceNoticeData } from './types.js';

export function checkAcceptanceNotice(data: AcceptanceNoticeData): void {
  new Check()
    .common(data)
    .date(data.acceptedAt, 'acceptedAt')
    .date(data.dueAt, 'dueAt')
    .count(data.limitWorkingDays, 'limitWorkingDays')
    .optionalTexts(data.nextSteps, 'nextSteps')
    .optionalText(data.contact, 'contact')
    .done();
}

export async function renderAcceptanceNotice(data: AcceptanceNoticeData, lang: Lang): Promise<Uint8Array> {
  checkAcceptanceNotice(data);
  const t = tr(lang);
  const c = await begin(lang, data, t('acceptance.title'));
  c.paragraph(t('salutation', { applicant: data.applicant }));
  c.paragraph(opening(t, lang, 'acceptance', data), { indent: true });
  const rows: Array<[string, unknown]> = [
    [t('fields.referenceNumber'), data.referenceNumber],
    [t('fields.itemName'), data.itemName],
    [t('fields.applicant'), data.applicant],
  ];
  if (data.submittedAt) rows.push([t('fields.submittedAt'), formatDayTime(data.submittedAt, lang)]);
  rows.push([t('fields.acceptedAt'), formatDayTime(data.acceptedAt, lang)]);
  if (data.limitWorkingDays !== undefined) rows.push([t('fields.limit'), t('limitDays', { days: data.limitWorkingDays })]);
  rows.push([t('fields.dueAt'), formatDay(data.dueAt, lang)], [t('fields.department'), data.department]);
  if (data.contact) rows.push([t('fields.contact'), data.contact]);
  c.keyValue(rows);
  c.heading(t('acceptance.nextHeading'));
  c.list([t('acceptance.step1'), t('acceptance.step2'), t('acceptance.step3'), ...(data.nextSteps ?? [])]);
  return end(c, t, lang, data);
}
