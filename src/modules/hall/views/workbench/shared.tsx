/**
 * Helpers shared by the staff workbench pages: strings, state and signal tags
 * (text first, colour only repeats it), time left on a case, names, and error
 * lists whose every line names its field.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { StatusTag, type FieldError, type Tone } from '../../../../platform/views/components.js';
import { messageText } from '../../../../platform/views/components/forms.js';
import type { Breadcrumb } from '../../../../platform/views/layout.js';
import { escapeText } from '../../../../platform/views/html.js';
import { formatDate, formatDateTime } from '../../../../platform/i18n/index.js';

/** `hall:workbench.<key>` */
export const wt = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`hall:workbench.${key}`, opts);

export const stateLabel = (ctx: ViewContext, state: string) => ctx.t(`hall:state.${state}`);
const STATE_TONES: Record<string, Tone> = {
  submitted: 'pending',
  correction: 'warning',
  preexamined: 'pending',
  reviewing: 'info',
  reviewed: 'info',
  approved: 'success',
  completed: 'success',
  denied: 'danger',
  not_accepted: 'danger',
  withdrawn: 'neutral',
};
export const stateTag = (ctx: ViewContext, state: string) => StatusTag({ label: stateLabel(ctx, state), tone: STATE_TONES[state] ?? 'neutral' });

const SIGNAL_TONES: Record<string, Tone> = { green: 'success', yellow: 'warning', red: 'danger', paused: 'pending', met: 'success', missed: 'danger' };
/** The clock's signal as a tag whose text says it (正常 / 预警 / 超期 / 暂停计时). */
export const signalTag = (ctx: ViewContext, signal: string | null) =>
  signal ? StatusTag({ label: ctx.t(`hall:signal.${signal}`), tone: SIGNAL_TONES[signal] ?? 'neutral' }) : escapeText(wt(ctx, 'time.none'));

export interface TimeLeft {
  dueAt: Date | null;
  signal: string | null;
  /** Units left (negative: overdue) in the clock's unit. */
  remaining?: { unit: string; value: number; overdue: boolean } | null;
}

/** "2026-07-01 到期 · 剩余 3 个工作日", "已超期 2 个工作日", "暂停计时". */
export function timeLeftText(ctx: ViewContext, t: TimeLeft): string {
  if (!t.dueAt) return wt(ctx, 'time.none');
  const due = wt(ctx, 'time.due', { date: formatDate(t.dueAt, ctx.lang) });
  if (t.signal === 'paused') return `${due} · ${wt(ctx, 'time.paused')}`;
  const r = t.remaining;
  if (!r) return due;
  const unit = wt(ctx, `time.unit.${r.unit}`);
  if (r.overdue) return `${due} · ${wt(ctx, 'time.overdue', { n: Math.max(1, Math.abs(r.value)), unit })}`;
  if (r.value === 0) return `${due} · ${wt(ctx, 'time.dueToday')}`;
  return `${due} · ${wt(ctx, 'time.left', { n: r.value, unit })}`;
}

export const when = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDateTime(d, ctx.lang) : '—');
export const day = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDate(d, ctx.lang) : '—');

export const itemName = (ctx: ViewContext, r: { itemName: string; itemNameEn: string | null }) => (ctx.lang === 'en' && r.itemNameEn ? r.itemNameEn : r.itemName);

export interface OrgName {
  code: string;
  nameZh: string;
  nameEn: string;
}
export function orgName(ctx: ViewContext, orgs: readonly OrgName[], code: string): string {
  const o = orgs.find((x) => x.code === code);
  return o ? (ctx.lang === 'en' ? o.nameEn : o.nameZh) : code;
}

/** Breadcrumbs from the workbench home through the case queues. */
export const crumbs = (ctx: ViewContext, ...items: Breadcrumb[]): Breadcrumb[] => [{ label: wt(ctx, 'home'), href: '/' }, { label: wt(ctx, 'title'), href: '/cases' }, ...items];

export { Link } from '../../../../platform/views/components.js';

/** The error of one input, for a component's `error` prop. */
export function errorFor(errors: readonly FieldError[], name: string): { message: string; params?: Record<string, unknown> } | undefined {
  const e = errors.find((x) => x.field === name);
  return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
}

const PROBLEM = /^problems\.(\d+)\.(target|note)$/;

/** What an input is called in an error summary. */
export function inputLabel(ctx: ViewContext, name: string): string {
  const m = PROBLEM.exec(name);
  if (m) return `${wt(ctx, 'correction.row', { n: Number(m[1]) + 1 })} · ${wt(ctx, `correction.${m[2]}`)}`;
  const key = `fields.${name}`;
  const label = wt(ctx, key);
  return label === key || label.endsWith(key) ? name : label;
}

/** Errors for the summary: each message begins with the name of its field, so the list reads on its own. */
export function namedErrors(ctx: ViewContext, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: e.field, message: wt(ctx, 'named', { field: inputLabel(ctx, e.field), message: messageText(ctx, e.message, e.params) }) }));
}
