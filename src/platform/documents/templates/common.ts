/**
 * What the templates share: the `documents` strings, dates in Asia/Shanghai, checking the
 * mandatory data (a ValidationError naming each field), and the start and end of a document.
 */
import { readFileSync } from 'node:fs';
import { ValidationError, type FieldError } from '../../http/errors.js';
import { TIME_ZONE, initI18n, translator, type Lang } from '../../i18n/index.js';
import { cleanText } from '../text.js';
import { PdfComposer } from '../pdf.js';
import type { CaseFacts, DocumentCommon } from './types.js';

export const NS = 'documents';

let strings: Promise<void> | undefined;

function loadStrings(lang: Lang): object {
  return JSON.parse(readFileSync(new URL(`../locales/${lang}.json`, import.meta.url), 'utf8')) as object;
}

/** Registers the `documents` namespace (zh-CN, en) once. */
export function ensureStrings(): Promise<void> {
  strings ??= initI18n({ [NS]: { 'zh-CN': loadStrings('zh-CN'), en: loadStrings('en') } });
  return strings;
}

export type Tr = (key: string, vars?: Record<string, unknown>) => string;

/** t() for documents: no HTML escaping (this is PDF text, cleaned when drawn). */
export function tr(lang: Lang): Tr {
  const t = translator(lang);
  return (key, vars) => t(`${NS}:${key}`, { ...vars, interpolation: { escapeValue: false } });
}

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();

function parts(d: Date, lang: Lang): Record<string, string> {
  let fmt = dayFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: lang === 'en' ? 'long' : 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dayFormats.set(lang, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** 2026年11月24日 / 24 November 2026, in Asia/Shanghai. */
export function formatDay(d: Date, lang: Lang): string {
  const p = parts(d, lang);
  const day = Number(p.day);
  return lang === 'en' ? `${day} ${p.month} ${p.year}` : `${p.year}年${Number(p.month)}月${day}日`;
}

/** 2026年11月24日 10:30 / 24 November 2026, 10:30, in Asia/Shanghai. */
export function formatDayTime(d: Date, lang: Lang): string {
  const p = parts(d, lang);
  return `${formatDay(d, lang)}${lang === 'en' ? ',' : ''} ${p.hour}:${p.minute}`;
}

/** Collects the problems of a document's data; `done()` throws them as one ValidationError. */
export class Check {
  private readonly errors: FieldError[] = [];

  /** A text that must say something once cleaned (control characters alone do not count). */
  text(value: unknown, field: string): this {
    const ok = typeof value === 'string' && cleanText(value, value.length, () => true).text.trim() !== '';
    if (!ok) this.errors.push({ field, message: 'validation.required' });
    return this;
  }

  optionalText(value: unknown, field: string): this {
    if (value !== undefined && value !== null && typeof value !== 'string') this.errors.push({ field, message: 'validation.type', params: { type: 'string' } });
    return this;
  }

  date(value: unknown, field: string, optional = false): this {
    if (optional && value === undefined) return this;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) this.errors.push({ field, message: 'validation.format', params: { format: 'date-time' } });
    return this;
  }

  /** A whole number ≥ 0, when present. */
  count(value: unknown, field: string): this {
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
      this.errors.push({ field, message: 'validation.minimum', params: { limit: 0 } });
    }
    return this;
  }

  /** An array of texts, when present. */
  optionalTexts(value: unknown, field: string): this {
    if (value === undefined) return this;
    if (!Array.isArray(value)) this.errors.push({ field, message: 'validation.type', params: { type: 'array' } });
    else value.forEach((v, i) => this.optionalText(v, `${field}.${i}`));
    return this;
  }

  list(value: unknown, field: string): value is unknown[] {
    const ok = Array.isArray(value) && value.length > 0;
    if (!ok) this.errors.push({ field, message: 'validation.minItems', params: { limit: 1 } });
    return ok;
  }

  url(value: unknown, field: string): this {
    let ok = false;
    if (typeof value === 'string' && value.length <= 2000) {
      try {
        const u = new URL(value);
        ok = u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        ok = false;
      }
    }
    if (!ok) this.errors.push({ field, message: 'validation.format', params: { format: 'uri' } });
    return this;
  }

  common(data: DocumentCommon & Partial<CaseFacts>, withCase = true): this {
    this.text(data.documentNumber, 'documentNumber').url(data.verificationUrl, 'verificationUrl').text(data.department, 'department');
    this.optionalText(data.sealText, 'sealText').date(data.issuedAt, 'issuedAt');
    if (withCase) {
      this.text(data.referenceNumber, 'referenceNumber').text(data.itemName, 'itemName').text(data.applicant, 'applicant');
      this.date(data.submittedAt, 'submittedAt', true);
    }
    return this;
  }

  done(): void {
    if (this.errors.length) throw new ValidationError(this.errors);
  }
}

/** A composer with the header, footer and notes of `lang`, and the title and subtitle drawn. */
export async function begin(lang: Lang, common: DocumentCommon, title: string): Promise<PdfComposer> {
  await ensureStrings();
  const t = tr(lang);
  const c = await PdfComposer.create({
    title,
    language: lang,
    header: t('header', { number: common.documentNumber }),
    footer: (page, total) => t('footer', { page, total }),
    truncatedNote: t('truncated'),
    rowsOmitted: (rows) => t('rowsOmitted', { rows }),
  });
  return c.title(title).subtitle(common.documentNumber);
}

/** The sentence that opens a decision: dated when the submission date is known. */
export function opening(t: Tr, lang: Lang, prefix: string, facts: CaseFacts, vars: Record<string, unknown> = {}): string {
  const itemName = facts.itemName;
  return facts.submittedAt
    ? t(`${prefix}.body`, { ...vars, itemName, submittedAt: formatDay(facts.submittedAt, lang) })
    : t(`${prefix}.bodyUndated`, { ...vars, itemName });
}

/** The remedy paragraph (行政复议 60 days / 行政诉讼 6 months). */
export function remedy(c: PdfComposer, t: Tr, r: { reconsiderationBody: string; court: string }): void {
  c.heading(t('remedyHeading')).paragraph(t('remedy', { reconsideration: r.reconsiderationBody, court: r.court }), { indent: true });
}

/** The QR code and, unless `seal` is false, the department's signature and seal; then the bytes. */
export function end(c: PdfComposer, t: Tr, lang: Lang, common: DocumentCommon, seal = true): Promise<Uint8Array> {
  c.closing({
    qr: { url: common.verificationUrl, caption: t('verify.caption'), note: t('verify.note') },
    ...(seal ? { seal: { department: common.department, sealText: common.sealText, date: formatDay(common.issuedAt, lang) } } : {}),
  });
  return c.finish();
}
