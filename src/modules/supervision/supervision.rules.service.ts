import { randomUUID } from 'node:crypto';
import { shanghaiDay, startOfDay } from '../../platform/calendar/days.js';
import type { WorkingCalendar } from '../../platform/calendar/calendar.js';
import type { ClockUnit } from '../../platform/clock/clock.js';
import { transaction, type Db } from '../../platform/db/database.js';
import type { PlatformServices } from '../../platform/module.js';
import { getVersion } from '../catalog/index.js';
import { CASE_SUBJECT, supervisionRules as hall } from '../hall/index.js';
import { insertRecords, newCandidates, RULES, type Candidate, type NewRecord, type RuleKey } from './supervision.records.repository.js';
import { ruleSettings, type RuleSettings } from './supervision.rules.settings.js';

/**
 * The abnormal-act rules (ADR 0024). Each rule is one set-based query over the
 * hall's cases (hall.supervision-rules.repository.ts) minus what is already
 * recorded; each new firing becomes one supervision_record with the evidence
 * (the thresholds in force and the facts), inserted idempotently on
 * (rule, dedupe_key), and a `supervision.record.opened` event.
 *
 * Rules run on the hall's case events (that case only) and on a schedule
 * (`supervision.rules.sweep`, every case, time-based rules only).
 */

/** Rules a case event can make true: a clock stopped late, a reason given, a decision, a fee. */
export const EVENT_RULES: readonly RuleKey[] = ['acceptance_late', 'step_overdue', 'boilerplate_reason', 'decision_without_steps', 'fee_on_free_item'];
/** Rules that become true by time passing alone. */
export const TIME_RULES: readonly RuleKey[] = ['acceptance_late', 'step_overdue', 'idle_case'];

/** The hall events that run the event rules on their case. */
export const CASE_EVENTS = [
  'application.accepted',
  'application.not_accepted',
  'application.step_completed',
  'application.reviewed',
  'application.decided',
  'application.result_recorded',
  'application.completed',
  'application.withdrawn',
];

/** Firings written per rule and evaluation; a sweep that finds more writes the rest next time. */
const BATCH = 5000;

export interface EvaluateOptions {
  rules?: readonly RuleKey[];
  caseIds?: readonly string[];
  /** The schedule's view: only clocks still open (stopped clocks were judged by their event). */
  openClocksOnly?: boolean;
}

type Services = Pick<PlatformServices, 'clocks' | 'calendar' | 'events'>;

/**
 * The instant before which a last activity makes a case idle: idle means more
 * than `n` working days between the last activity and now, counted like
 * `workingDaysBetween` (the day of the activity not counted). That holds
 * exactly when the activity's day is before the (n+1)-th working day counting
 * back from today (today included when it is a working day).
 */
export function idleCutoff(calendar: WorkingCalendar, now: Date, n: number): Date {
  let day = shanghaiDay(now);
  let seen = 0;
  for (let guard = 0; guard < 10_000; guard++, day--) {
    if (calendar.isWorkingDay(startOfDay(day)) && ++seen === n + 1) return startOfDay(day);
  }
  return startOfDay(day);
}

type RuleSql = ReturnType<typeof hall.acceptanceLateSql>;

function ruleQuery(rule: RuleKey, scope: hall.RuleScope, settings: RuleSettings, calendar: WorkingCalendar): RuleSql {
  switch (rule) {
    case 'acceptance_late':
      return hall.acceptanceLateSql(scope);
    case 'step_overdue':
      return hall.stepOverdueSql(scope);
    case 'boilerplate_reason':
      return hall.boilerplateReasonSql(scope, { phrases: settings.boilerplatePhrases, minLength: settings.reasonMinLength });
    case 'decision_without_steps':
      return hall.decisionWithoutStepsSql(scope);
    case 'fee_on_free_item':
      return hall.feeRecordedSql(scope);
    case 'idle_case':
      return hall.idleCaseSql(scope, idleCutoff(calendar, scope.now, settings.idleDays));
  }
}

const dateOf = (v: unknown): Date | null => (typeof v === 'string' || v instanceof Date ? new Date(v) : null);

/** How late a clock was: at its stop (or its pause) for a stopped clock, at `now` for one still running. */
function lateness(s: Services, f: Record<string, unknown>, now: Date): { lateBy: number; unit: ClockUnit } | null {
  const due = dateOf(f.dueAt);
  const unit = f.limitUnit as ClockUnit;
  if (!due || !unit) return null;
  const at = dateOf(f.stoppedAt) ?? (f.clockState === 'paused' ? dateOf(f.pausedAt) : null) ?? now;
  const r = s.clocks.remaining({ limitUnit: unit, dueAt: due, stoppedAt: at, pausedAt: null });
  return { lateBy: Math.max(1, Math.abs(r.value)), unit };
}

/** The evidence of one firing: the thresholds in force and the facts, with what the calendar adds (how late, how long idle). */
async function evidenceOf(s: Services, db: Db, c: Candidate, settings: RuleSettings, now: Date): Promise<Record<string, unknown> | null> {
  const facts = { ...c.facts };
  switch (c.rule) {
    case 'acceptance_late':
    case 'step_overdue':
      Object.assign(facts, lateness(s, facts, now));
      return { thresholds: { limitValue: facts.limitValue, limitUnit: facts.limitUnit }, facts };
    case 'boilerplate_reason':
      return { thresholds: { reasonMinLength: settings.reasonMinLength, boilerplatePhrases: settings.boilerplatePhrases }, facts };
    case 'decision_without_steps':
      return { thresholds: {}, facts };
    case 'fee_on_free_item': {
      if (!c.versionId) return null;
      const { content } = await getVersion(db, c.versionId);
      // The item charges fees when the catalog says so and lists at least one fee standard.
      if (content.is_fee && content.fees.length > 0) return null;
      return { thresholds: { itemIsFee: content.is_fee, itemFees: content.fees.length }, facts };
    }
    case 'idle_case': {
      const last = dateOf(facts.lastActivityAt);
      if (last) facts.idleWorkingDays = s.calendar.workingDaysBetween(last, now);
      return { thresholds: { idleDays: settings.idleDays }, facts };
    }
  }
}

/**
 * Runs the rules (those asked for and enabled) in the caller's transaction and
 * records every new firing; returns the records inserted. Running it twice
 * records nothing more.
 */
export async function evaluateRules(s: Services, tx: Db, opts: EvaluateOptions = {}): Promise<NewRecord[]> {
  const settings = await ruleSettings(tx);
  const now = s.clocks.now();
  const scope: hall.RuleScope = { caseIds: opts.caseIds, openClocksOnly: opts.openClocksOnly, now };
  const rules = (opts.rules ?? RULES).filter((r) => settings.enabled.includes(r));
  const out: NewRecord[] = [];
  for (const rule of rules) {
    const found = await newCandidates(tx, ruleQuery(rule, scope, settings, s.calendar), BATCH);
    const records: NewRecord[] = [];
    for (const c of found) {
      const evidence = await evidenceOf(s, tx, c, settings, now);
      if (!evidence) continue;
      records.push({ id: randomUUID(), rule, dedupeKey: c.dedupeKey, subjectKind: CASE_SUBJECT, subjectId: c.subjectId, subjectRef: c.subjectRef, orgCode: c.orgCode, itemCode: c.itemCode, regionCode: c.regionCode, evidence: { ...evidence, checkedAt: now.toISOString() }, firedAt: now });
    }
    for (const r of await insertRecords(tx, records)) {
      await s.events.publish(tx, 'supervision.record.opened', { recordId: r.id, rule: r.rule, orgCode: r.orgCode, subjectKind: r.subjectKind, subjectId: r.subjectId, ref: r.subjectRef, at: now.toISOString() });
      out.push(r);
    }
  }
  return out;
}

/** The scheduled sweep: the time-based rules over every case, in one transaction. */
export function sweepRules(s: Services & Pick<PlatformServices, 'db'>): Promise<NewRecord[]> {
  return transaction(s.db, (tx) => evaluateRules(s, tx, { rules: TIME_RULES, openClocksOnly: true }));
}
