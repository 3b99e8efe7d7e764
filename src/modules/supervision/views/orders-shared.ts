/**
 * Helpers shared by the oversight order and rating pages: strings under
 * `supervision:orders.*`, state and grade tags (the text carries the meaning,
 * the colour repeats it), the time left on a reply clock, department names,
 * and error lists whose every line names its field.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { StatusTag, type FieldError, type Tone } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import type { Breadcrumb } from '../../../platform/views/layout.js';
import { escapeText } from '../../../platform/views/html.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.js';

/** `supervision:orders.<key>` */
export const ot = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`supervision:orders.${key}`, opts);

const STATE_TONES: Record<string, Tone> = { issued: 'pending', replied: 'info', closed: 'success', escalated: 'danger' };
export const orderStateTag = (ctx: ViewContext, state: string) => StatusTag({ label: ot(ctx, `state.${state}`), tone: STATE_TONES[state] ?? 'neutral' });

const GRADE_TONES: Record<string, Tone> = { excellent: 'success', good: 'info', pass: 'neutral', fail: 'danger' };
export const gradeTag = (ctx: ViewContext, grade: string) => StatusTag({ label: ot(ctx, `grade.${grade}`), tone: GRADE_TONES[grade] ?? 'neutral' });

const SIGNAL_TONES: Record<string, Tone> = { green: 'success', yellow: 'warning', red: 'danger', paused: 'pending', met: 'success', missed: 'danger' };
export const signalTag = (ctx: ViewContext, signal: string | null) => (signal ? StatusTag({ label: ot(ctx, `signal.${signal}`), tone: SIGNAL_TONES[signal] ?? 'neutral' }) : escapeText('—'));

export const when = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDateTime(d, ctx.lang) : '—');
export const day = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDate(d, ctx.lang) : '—');

/** "2026-07-03 到期 · 剩余 2 个工作日" / "已超期 1 个工作日" / the stopped clock's outcome. */
export function dueText(ctx: ViewContext, c: { dueAt: Date | null; state: string | null; remaining?: { value: number; overdue: boolean } | null }): string {
  if (!c.dueAt) return '—';
  const due = ot(ctx, 'time.due', { date: formatDate(c.dueAt, ctx.lang) });
  if (c.state === 'met' || c.state === 'missed') return `${due} · ${ot(ctx, `time.${c.state}`)}`;
  const r = c.remaining;
  if (!r) return due;
  if (r.overdue) return `${due} · ${ot(ctx, 'time.overdue', { n: Math.max(1, Math.abs(r.value)) })}`;
  if (r.value === 0) return `${due} · ${ot(ctx, 'time.today')}`;
  return `${due} · ${ot(ctx, 'time.left', { n: r.value })}`;
}

export interface OrgName {
  code: string;
  nameZh: string;
  nameEn: string;
}
export function orgName(ctx: ViewContext, orgs: readonly OrgName[], code: string): string {
  const o = orgs.find((x) => x.code === code);
  return o ? (ctx.lang === 'en' ? o.nameEn : o.nameZh) : code;
}

export const orderCrumbs = (ctx: ViewContext, ...items: Breadcrumb[]): Breadcrumb[] => [{ label: ot(ctx, 'home'), href: '/' }, { label: ot(ctx, 'list.title'), href: '/supervision/orders' }, ...items];
export const ratingCrumbs = (ctx: ViewContext, ...items: Breadcrumb[]): Breadcrumb[] => [{ label: ot(ctx, 'home'), href: '/' }, { label: ot(ctx, 'ratings.title'), href: '/supervision/ratings' }, ...items];

/** The error of one input, for a component's `error` prop. */
export function errorFor(errors: readonly FieldError[], name: string): { message: string; params?: Record<string, unknown> } | undefined {
  const e = errors.find((x) => x.field === name);
  return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
}

/** Errors for the summary: each message begins with the name of its field, so the list reads on its own. */
export function namedErrors(ctx: ViewContext, errors: readonly FieldError[], ids: Record<string, string> = {}): FieldError[] {
  return errors.map((e) => ({ field: ids[e.field] ?? e.field, message: ot(ctx, 'named', { field: ot(ctx, `fields.${e.field}`), message: messageText(ctx, e.message, e.params) }) }));
}
