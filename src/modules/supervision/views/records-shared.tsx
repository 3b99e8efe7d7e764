/**
 * Strings and small pieces shared by the abnormal-act pages: the rule's name,
 * the record's state as a tag whose text says it, department names, and the
 * evidence of a firing told in words.
 */
import { formatDate, formatDateTime } from '../../../platform/i18n/index.js';
import { StatusTag, type Tone } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/context.js';
import type { RecordRow } from '../supervision.records.repository.js';

/** `supervision:rules.<key>` */
export const rt = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`supervision:rules.${key}`, opts);

export const ruleName = (ctx: ViewContext, rule: string) => rt(ctx, `name.${rule}`);

const STATE_TONES: Record<string, Tone> = { open: 'warning', confirmed: 'danger', dismissed: 'neutral' };
export const recordStateTag = (ctx: ViewContext, state: string) => StatusTag({ label: rt(ctx, `state.${state}`), tone: STATE_TONES[state] ?? 'neutral' });

export interface OrgLabel {
  code: string;
  nameZh: string;
  nameEn: string;
}
export function orgLabel(ctx: ViewContext, orgs: readonly OrgLabel[], code: string): string {
  const o = orgs.find((x) => x.code === code);
  return o ? (ctx.lang === 'en' ? o.nameEn : o.nameZh) : code;
}

export const when = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDateTime(d, ctx.lang) : '—');

const dateOf = (v: unknown): Date | null => (typeof v === 'string' && v ? new Date(v) : null);
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
const text = (v: unknown) => (typeof v === 'string' ? v : '');

function limitText(ctx: ViewContext, f: Record<string, unknown>): string {
  return `${num(f.limitValue)} ${rt(ctx, `unit.${text(f.limitUnit) || 'working_days'}`)}`;
}

function lateText(ctx: ViewContext, f: Record<string, unknown>): string {
  return rt(ctx, 'evidence.late', { n: num(f.lateBy) || 1, unit: rt(ctx, `unit.${text(f.unit) || text(f.limitUnit) || 'working_days'}`) });
}

/** The evidence in sentences (plain text, each escaped by the page): what the rule compared and what it found. */
export function evidenceLines(ctx: ViewContext, r: RecordRow, orgs: readonly OrgLabel[]): string[] {
  const f = (r.evidence.facts ?? {}) as Record<string, unknown>;
  const at = (v: unknown) => when(ctx, dateOf(v));
  const lines: string[] = [];
  switch (r.rule) {
    case 'acceptance_late': {
      lines.push(rt(ctx, 'evidence.acceptance_late.text', { submitted: at(f.startedAt ?? f.submittedAt), limit: limitText(ctx, f), due: at(f.dueAt) }));
      const stopped = f.stoppedAt ?? (f.clockState === 'paused' ? f.pausedAt : null);
      lines.push(rt(ctx, stopped ? 'evidence.acceptance_late.decided' : 'evidence.acceptance_late.pending', { at: at(stopped ?? r.evidence.checkedAt), late: lateText(ctx, f) }));
      break;
    }
    case 'step_overdue': {
      const name = ctx.lang === 'en' && f.stepNameEn ? text(f.stepNameEn) : text(f.stepName);
      lines.push(rt(ctx, 'evidence.step_overdue.text', { step: num(f.step), name, limit: limitText(ctx, f), due: at(f.dueAt) }));
      const stopped = f.stoppedAt ?? (f.clockState === 'paused' ? f.pausedAt : null);
      lines.push(rt(ctx, stopped ? 'evidence.step_overdue.done' : 'evidence.step_overdue.pending', { at: at(stopped ?? r.evidence.checkedAt), late: lateText(ctx, f) }));
      const late = Array.isArray(f.lateOrgs) ? (f.lateOrgs as string[]) : [];
      if (late.length) lines.push(rt(ctx, 'evidence.step_overdue.orgs', { orgs: late.map((c) => orgLabel(ctx, orgs, c)).join(ctx.lang === 'en' ? ', ' : '、') }));
      const cc = f.caseClock as { dueAt?: string; signal?: string } | null | undefined;
      if (cc?.dueAt) lines.push(rt(ctx, 'evidence.step_overdue.caseClock', { due: at(cc.dueAt), signal: rt(ctx, `evidence.signal.${cc.signal ?? 'green'}`) }));
      break;
    }
    case 'boilerplate_reason': {
      const reason = text(f.reason);
      if (!reason.trim()) lines.push(rt(ctx, 'evidence.boilerplate_reason.empty'));
      else lines.push(rt(ctx, f.caseState === 'not_accepted' ? 'evidence.boilerplate_reason.refusal' : 'evidence.boilerplate_reason.denial', { reason }));
      const min = num((r.evidence.thresholds as Record<string, unknown> | undefined)?.reasonMinLength);
      if (f.matched) lines.push(rt(ctx, 'evidence.boilerplate_reason.matched', { phrase: text(f.matched) }));
      else if (reason.trim()) lines.push(rt(ctx, 'evidence.boilerplate_reason.short', { n: num(f.length), min }));
      break;
    }
    case 'decision_without_steps':
      lines.push(rt(ctx, 'evidence.decision_without_steps.text', { at: at(f.decidedAt), decision: rt(ctx, `evidence.decision.${text(f.decision) || 'approve'}`) }));
      lines.push(rt(ctx, 'evidence.decision_without_steps.plan', { planned: num(f.plannedSteps), signed: num(f.signedSteps) }));
      break;
    case 'fee_on_free_item':
      lines.push(rt(ctx, 'evidence.fee_on_free_item.text', { fee: (num(f.feeFen) / 100).toFixed(2) }));
      break;
    case 'idle_case':
      lines.push(rt(ctx, 'evidence.idle_case.text', { state: ctx.t(`hall:state.${text(f.caseState)}`), at: at(f.lastActivityAt), n: num(f.idleWorkingDays) }));
      break;
  }
  if (r.evidence.checkedAt) lines.push(rt(ctx, 'evidence.checkedAt', { at: at(r.evidence.checkedAt) }));
  return lines;
}

/** The thresholds in force when the rule fired, in words. */
export function thresholdLines(ctx: ViewContext, r: RecordRow): string[] {
  const t = (r.evidence.thresholds ?? {}) as Record<string, unknown>;
  switch (r.rule) {
    case 'acceptance_late':
    case 'step_overdue':
      return [rt(ctx, 'evidence.threshold.limit', { n: num(t.limitValue), unit: rt(ctx, `unit.${text(t.limitUnit) || 'working_days'}`) })];
    case 'boilerplate_reason': {
      const phrases = Array.isArray(t.boilerplatePhrases) ? (t.boilerplatePhrases as string[]) : [];
      return [rt(ctx, 'evidence.threshold.reasonMinLength', { n: num(t.reasonMinLength) }), rt(ctx, 'evidence.threshold.boilerplatePhrases', { list: phrases.join(ctx.lang === 'en' ? ', ' : '、') })];
    }
    case 'decision_without_steps':
      return [rt(ctx, 'evidence.threshold.none')];
    case 'fee_on_free_item':
      return [rt(ctx, 'evidence.threshold.itemFee')];
    case 'idle_case':
      return [rt(ctx, 'evidence.threshold.idleDays', { n: num(t.idleDays) })];
  }
}

export const day = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDate(d, ctx.lang) : '—');
