import { randomUUID } from 'node:crypto';
import type { WorkingCalendar } from '../../platform/calendar/calendar.js';
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDay, startOfDay } from '../../platform/calendar/days.js';
import { DEFAULT_WARN_SHARE } from '../../platform/clock/clock.compute.js';
import type { ClockUnit } from '../../platform/clock/clock.js';
import { CASE_SUBJECT } from './hall.case.js';
import { SimClock } from './hall.generate.clock.js';
import type { BulkRow, GeneratedRows } from './hall.generate.repository.js';
import type { ApplicationState, Channel, DeliveryMethod } from './hall.states.js';

/**
 * The life of one generated case, simulated from its submission up to "now"
 *: every action the workbench would take happens at a plausible
 * office-hours time, and the case is written as it stands at `now`, with the
 * timeline, review steps, corrections, special procedures and clocks that
 * `act()` and the clock engine would have left. Clock due and warning times
 * come from the engine's own arithmetic (clock.compute.ts), so signals, queues
 * and supervision read generated cases exactly as real ones.
 */

export interface SimItem {
  itemId: string;
  versionId: string;
  taskCode: string;
  name: string;
  nameEn: string | null;
  orgCode: string;
  immediate: boolean;
  statutory: { value: number; unit: ClockUnit };
  committed: { value: number; unit: ClockUnit };
  plan: { stepNo: number; orgCode: string; name: string; nameEn: string | null; days: number }[];
  resultName: string;
}

export interface SimActor {
  id: string;
  ref: string;
  name: string;
}

/** Who works a department's cases: the window (pre-examination, acceptance, delivery), its reviewers, its head (decisions). */
export interface SimStaff {
  window(orgCode: string): SimActor;
  reviewer(orgCode: string): SimActor;
  head(orgCode: string): SimActor;
}

export interface SimCase {
  id?: string;
  ref: string;
  item: SimItem;
  applicant: { id: string | null; kind: 'resident' | 'enterprise'; name: string; actingPersonId: string | null; idEnc?: string | null; idHash?: string | null };
  /** Who submitted it: the applicant (or the person acting for an enterprise), or the staff member at the counter or agent. */
  submitter: SimActor;
  channel: Channel;
  regionCode: string | null;
  answers: unknown;
  materials?: { materialId: string; fileId: string }[];
  submittedAt: Date;
  parent?: { id: string; ref: string; bundleCode: string };
  /** Overrides of the random course of the case (the demo seed pins some cases: an overdue one, a parallel step half signed …). */
  fate?: Partial<Fate>;
}

/** Where a case may stop before its end, even when its next action would already have happened (a case left waiting). */
export type Halt = 'submit' | 'preexamine' | 'requestCorrection' | 'accept' | 'parallel' | 'special' | 'reviewed' | 'decide' | 'recordResult';

/** The course of one case, drawn at random up front (or pinned). */
export interface Fate {
  withdraw: 'early' | 'late' | null;
  preexamine: boolean;
  notAccept: boolean;
  correction: 'answered' | 'open' | null;
  special: 'ended' | 'open' | null;
  deny: boolean;
  delivery: DeliveryMethod;
  /** The applicant came to a window once during review (originals checked). */
  extraVisit: boolean;
  /** Claimed by its worker when left open. */
  claim: boolean;
  /** Multiplies every delay: 1 normally; a slow case runs over its limits. */
  slow: number;
  halt: Halt | null;
}

/** A course that ends in completion (nothing refused, withdrawn or paused). */
export const SMOOTH: Omit<Fate, 'delivery'> = { withdraw: null, preexamine: true, notAccept: false, correction: null, special: null, deny: false, extraVisit: false, claim: false, slow: 1, halt: null };

export type Rand = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const emptyRows = (): GeneratedRows => ({ cases: [], events: [], steps: [], corrections: [], specials: [], materials: [], clocks: [], clockPauses: [] });

const HOUR = 3_600_000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Simulates cases and collects their rows. */
export class Simulator {
  readonly rows = emptyRows();

  constructor(
    private readonly cal: WorkingCalendar,
    private readonly staff: SimStaff,
    private readonly now: Date,
    private readonly rand: Rand,
  ) {}

  private between(lo: number, hi: number) {
    return lo + this.rand() * (hi - lo);
  }

  private chance(p: number) {
    return this.rand() < p;
  }

  /** Realistic shares: 2 % withdrawn early and 2 % during review, 3 % not accepted, 10 % corrected, 5 % special procedures, 8 % denied. */
  randomFate(): Fate {
    const r = this.rand();
    const c = this.rand();
    const d = this.rand();
    return {
      withdraw: r < 0.02 ? 'early' : r < 0.04 ? 'late' : null,
      preexamine: this.chance(0.6),
      notAccept: this.chance(0.03),
      correction: c < 0.085 ? 'answered' : c < 0.1 ? 'open' : null,
      special: this.chance(0.05) ? (this.chance(0.5) ? 'ended' : 'open') : null,
      deny: this.chance(0.08),
      delivery: d < 0.45 ? 'electronic' : d < 0.75 ? 'post' : 'pickup',
      extraVisit: this.chance(0.08),
      claim: this.chance(0.2),
      slow: this.chance(0.05) ? this.between(3, 6) : 1,
      halt: null,
    };
  }

  /** `days` later, moved into office hours (09:00–17:30 Shanghai) of a working day: staff act at work. */
  office(from: Date, days: number): Date {
    const t = new Date(from.getTime() + days * DAY_MS);
    const local = (t.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS;
    const working = this.cal.isWorkingDay(t);
    if (working && local >= 9 * HOUR && local <= 17.5 * HOUR) return t;
    let day = shanghaiDay(t);
    if (!(working && local < 9 * HOUR)) {
      day += 1;
      for (let i = 0; i < 60 && !this.cal.isWorkingDay(startOfDay(day)); i++) day += 1;
    }
    return new Date(startOfDay(day).getTime() + 9 * HOUR + Math.floor(this.rand() * 2 * HOUR));
  }

  /** Simulates one case up to now; returns its state at now. */
  run(c: SimCase): ApplicationState {
    const id = c.id ?? randomUUID();
    const { item } = c;
    const rows = this.rows;
    const clocks: SimClock[] = [];
    const facets = { org_code: item.orgCode, item_code: item.taskCode, region_code: c.regionCode };
    let state: ApplicationState = 'draft';
    let version = 1;
    let last = c.submittedAt;
    const set: BulkRow = { visits: c.channel === 'counter' ? 1 : 0, step_no: 0, special_open: false, assignee_id: null };
    const fate: Fate = { ...this.randomFate(), ...c.fate };

    const startClock = (kind: string, at: Date, value: number, unit: ClockUnit, warnBefore: number | null = null) => {
      const clock = new SimClock(this.cal, kind, { limitValue: Math.max(1, value), limitUnit: unit, startedAt: at, warnBefore, warnShare: warnBefore === null ? DEFAULT_WARN_SHARE : null });
      clocks.push(clock);
      return clock;
    };
    const open = () => clocks.filter((k) => k.open);
    const act = (at: Date, actor: SimActor, action: string, to: ApplicationState, opts: { note?: string | null; details?: Record<string, unknown>; public?: boolean } = {}) => {
      rows.events.push({ id: randomUUID(), application_id: id, at: iso(at), actor: actor.ref, actor_name: actor.name, action, from_state: state, to_state: to, note: opts.note ?? null, details: opts.details ?? null, public: opts.public ?? true });
      state = to;
      version += 1;
      last = at;
    };
    /** True when `t` has happened by now (the simulation stops at the first future action). */
    const by = (t: Date) => t <= this.now;

    const finish = (): ApplicationState => {
      // Open cases waiting in a queue: some are claimed by the staff member working them.
      if (fate.claim && ['submitted', 'preexamined', 'reviewing', 'reviewed', 'approved'].includes(state)) {
        const who = state === 'reviewing' ? this.staff.reviewer(item.orgCode) : state === 'reviewed' ? this.staff.head(item.orgCode) : this.staff.window(item.orgCode);
        const at = new Date(Math.min(this.now.getTime(), last.getTime() + HOUR));
        if (!who.id.startsWith('00000000-')) {
          act(at, who, 'claim', state, { public: false });
          set.assignee_id = who.id;
        }
      }
      rows.cases.push({
        id, ref: c.ref, state, version, item_id: item.itemId, version_id: item.versionId, task_code: item.taskCode, item_name: item.name, item_name_en: item.nameEn,
        org_code: item.orgCode, immediate: item.immediate, applicant_id: c.applicant.id, applicant_kind: c.applicant.kind, applicant_name: c.applicant.name,
        applicant_id_enc: c.applicant.idEnc ?? null, applicant_id_hash: c.applicant.idHash ?? null, acting_person_id: c.applicant.actingPersonId, channel: c.channel,
        staff_id: c.channel === 'online' ? null : c.submitter.id, consent: c.channel === 'agent' ? { method: 'signed_form', note: '', at: iso(c.submittedAt), by: c.submitter.ref } : null,
        region_code: c.regionCode, kind: 'case', parent_id: c.parent?.id ?? null, bundle_code: c.parent?.bundleCode ?? null, answers: c.answers,
        submitted_at: iso(c.submittedAt), created_at: iso(new Date(c.submittedAt.getTime() - 20 * 60_000)), updated_at: iso(last),
        decision: null, decision_reason: null, result_name: null, result_no: null, delivery_method: null, tracking_no: null,
        committed_due_at: null, statutory_due_at: null, accepted_at: null, decided_at: null, closed_at: null,
        ...set,
      });
      for (const m of c.materials ?? []) rows.materials.push({ application_id: id, material_id: m.materialId, file_id: m.fileId, pages: null, added_at: iso(c.submittedAt) });
      for (const k of clocks) {
        rows.clocks.push({
          id: k.id, subject_kind: CASE_SUBJECT, subject_id: id, kind: k.kind, ...facets, limit_value: k.limit.limitValue, limit_unit: k.limit.limitUnit,
          started_at: iso(k.limit.startedAt), warn_before: k.limit.warnBefore, warn_share: k.limit.warnShare, due_at: iso(k.dueAt), warn_at: iso(k.warnAt),
          state: k.state, paused_at: iso(k.pausedAt), stopped_at: iso(k.stoppedAt), calendar_assumed: k.assumed, created_at: iso(k.limit.startedAt), updated_at: iso(last),
        });
        for (const p of k.pauses) rows.clockPauses.push({ id: p.id, clock_id: k.id, started_at: iso(p.startedAt), ended_at: iso(p.endedAt), reason: p.reason, expected_end: iso(p.expectedEnd) });
      }
      return state;
    };

    // Submission: the acceptance clock (5 working days, warning the day before) starts.
    act(c.submittedAt, c.submitter, 'submit', 'submitted', { details: { ref: c.ref, channel: c.channel, materials: c.materials?.length ?? 0, ...(c.parent ? { bundle: c.parent.bundleCode, parentRef: c.parent.ref } : {}) } });
    const acceptance = startClock('acceptance', c.submittedAt, 5, 'working_days', 1);
    const window = this.staff.window(item.orgCode);
    const delay = (lo: number, hi: number) => this.between(lo, hi) * fate.slow;
    const halt = (h: Halt) => fate.halt === h;
    const withdraw = (at: Date) => {
      for (const k of open()) k.stop(at);
      act(at, c.submitter, 'withdraw', 'withdrawn', { note: '个人原因，暂不办理' });
      Object.assign(set, { closed_at: iso(at), assignee_id: null });
      return finish();
    };
    if (fate.withdraw === 'early') {
      const w = new Date(c.submittedAt.getTime() + this.between(0.1, 3) * DAY_MS);
      return by(w) ? withdraw(w) : finish();
    }
    if (halt('submit')) return finish();

    let t: Date;
    if (item.immediate && !fate.correction && !fate.notAccept) {
      // 即办件: accepted and decided at once at the window.
      t = this.office(c.submittedAt, delay(0.02, 0.8));
      if (!by(t)) return finish();
      for (const k of open()) k.stop(t);
      act(t, window, 'decideAtOnce', fate.deny ? 'denied' : 'approved', { note: fate.deny ? DENY_REASON : null, details: { decision: fate.deny ? 'deny' : 'approve' } });
      Object.assign(set, { accepted_at: iso(t), decided_at: iso(t), decision: fate.deny ? 'deny' : 'approve', decision_reason: fate.deny ? DENY_REASON : null, ...(fate.deny ? { closed_at: iso(t) } : {}) });
      if (fate.deny || halt('decide')) return finish();
    } else {
      t = this.office(c.submittedAt, delay(0.05, 1.2));
      if (fate.preexamine) {
        if (!by(t)) return finish();
        act(t, window, 'preexamine', 'preexamined');
        if (halt('preexamine')) return finish();
      }
      if (fate.notAccept) {
        t = this.office(t, this.between(0, 0.5));
        if (!by(t)) return finish();
        for (const k of open()) k.stop(t);
        act(t, window, 'notAccept', 'not_accepted', { note: NOT_ACCEPTED_REASON, details: { remedy: true } });
        Object.assign(set, { decision_reason: NOT_ACCEPTED_REASON, closed_at: iso(t) });
        return finish();
      }
      if (fate.correction) {
        t = this.office(t, this.between(0, 0.4));
        if (!by(t)) return finish();
        const problems = [{ target: '', note: CORRECTION_NOTE }];
        for (const k of open()) k.pause(t, 'correction');
        act(t, window, 'requestCorrection', 'correction', { note: CORRECTION_NOTE, details: { problems: 1 } });
        const resubmitted = new Date(t.getTime() + this.between(0.5, 8) * DAY_MS);
        const answered = fate.correction === 'answered' && !halt('requestCorrection') && by(resubmitted);
        rows.corrections.push({ id: randomUUID(), application_id: id, problems, requested_by: window.id, requested_at: iso(t), answered_at: answered ? iso(resubmitted) : null, answer_note: answered ? '已按要求补正' : null });
        if (!answered) return finish();
        for (const k of open()) k.resume(resubmitted);
        act(resubmitted, c.submitter, 'resubmit', 'submitted', { note: '已按要求补正' });
        t = resubmitted;
      }
      t = this.office(t, delay(0.05, 1.5));
      if (!by(t)) return finish();
      // Acceptance: the statutory and committed clocks and the first review step's clock start.
      acceptance.stop(t);
      const statutory = startClock('statutory', t, item.statutory.value, item.statutory.unit);
      const committed = startClock('committed', t, item.committed.value, item.committed.unit);
      const first = item.plan.find((p) => p.stepNo === 1);
      if (first && first.days > 0) startClock('step:1', t, first.days, 'working_days');
      act(t, window, 'accept', 'reviewing', { details: { committedDueAt: iso(committed.dueAt), steps: item.plan.length } });
      Object.assign(set, { accepted_at: iso(t), step_no: 1, committed_due_at: iso(committed.dueAt), statutory_due_at: iso(statutory.dueAt) });
      if (fate.extraVisit) {
        set.visits = (set.visits as number) + 1;
        act(t, window, 'recordVisit', 'reviewing', { note: '申请人到窗口核验材料原件', public: false, details: { visits: set.visits } });
      }
      const steps = item.plan.map((p) => ({ ...p, status: 'pending', opinion: null as string | null, signed_by: null as string | null, signed_at: null as string | null }));
      const stepNos = [...new Set(item.plan.map((p) => p.stepNo))].sort((a, b) => a - b);
      const done = () => {
        for (const x of steps) rows.steps.push({ application_id: id, step_no: x.stepNo, org_code: x.orgCode, name: x.name, name_en: x.nameEn, days: x.days, status: x.status, opinion: x.opinion, signed_by: x.signed_by, signed_at: x.signed_at });
        return finish();
      };
      if (halt('accept')) return done();
      if (fate.withdraw === 'late') {
        const w = new Date(t.getTime() + this.between(0.5, 5) * DAY_MS);
        if (!by(w)) return done();
        rows.steps.push(...steps.map((x) => ({ application_id: id, step_no: x.stepNo, org_code: x.orgCode, name: x.name, name_en: x.nameEn, days: x.days, status: x.status, opinion: null, signed_by: null, signed_at: null })));
        return withdraw(w);
      }
      for (const no of stepNos) {
        if (no === stepNos[0] && fate.special) {
          // A special procedure pauses every clock until it ends.
          const st = this.office(t, this.between(0.2, 1.5));
          if (!by(st)) return done();
          const end = new Date(st.getTime() + this.between(3, 15) * DAY_MS);
          const kind = SPECIALS[Math.floor(this.rand() * SPECIALS.length)]!;
          const reviewer = this.staff.reviewer(item.orgCode);
          for (const k of open()) k.pause(st, `special:${kind}`, end);
          act(st, reviewer, 'special', 'reviewing', { note: SPECIAL_REASON, details: { kind, expectedEnd: iso(end) } });
          const ended = fate.special === 'ended' && !halt('special') && by(end);
          rows.specials.push({ id: randomUUID(), application_id: id, kind, reason: SPECIAL_REASON, expected_end: iso(end), started_at: iso(st), started_by: reviewer.id, ended_at: ended ? iso(end) : null, outcome: ended ? SPECIAL_OUTCOME : null });
          if (!ended) {
            set.special_open = true;
            return done();
          }
          for (const k of open()) k.resume(end);
          act(end, reviewer, 'special', 'reviewing', { note: SPECIAL_OUTCOME });
          t = end;
        }
        const mine = steps.filter((x) => x.stepNo === no);
        const signings = mine.map((x) => ({ x, at: this.office(t, delay(0.05, 0.6) * Math.max(0.3, x.days)) })).sort((a, b) => a.at.getTime() - b.at.getTime());
        for (const [i, { x, at }] of signings.entries()) {
          if (!by(at)) return done();
          const who = this.staff.reviewer(x.orgCode);
          Object.assign(x, { status: 'signed', opinion: '同意', signed_by: who.id, signed_at: iso(at) });
          const lastOfStep = i === signings.length - 1;
          const next = stepNos.find((n) => n > no);
          if (lastOfStep) {
            clocks.find((k) => k.kind === `step:${no}` && k.open)?.stop(at);
            const nextStep = next === undefined ? undefined : item.plan.find((p) => p.stepNo === next);
            if (nextStep && nextStep.days > 0) startClock(`step:${next}`, at, nextStep.days, 'working_days');
            set.step_no = no + 1;
          }
          act(at, who, 'signStep', lastOfStep && next === undefined ? 'reviewed' : 'reviewing', { note: '同意', public: lastOfStep, details: { step: no, org: x.orgCode, name: x.name } });
          t = at;
          if (halt('parallel') && signings.length > 1 && !lastOfStep) return done();
        }
      }
      if (halt('reviewed')) return done();
      // Decision by the department's head: every clock stops.
      t = this.office(t, delay(0.05, 1));
      if (!by(t)) return done();
      for (const k of open()) k.stop(t);
      act(t, this.staff.head(item.orgCode), 'decide', fate.deny ? 'denied' : 'approved', { note: fate.deny ? DENY_REASON : null, details: { decision: fate.deny ? 'deny' : 'approve' } });
      Object.assign(set, { decided_at: iso(t), decision: fate.deny ? 'deny' : 'approve', decision_reason: fate.deny ? DENY_REASON : null, ...(fate.deny ? { closed_at: iso(t) } : {}) });
      if (fate.deny || halt('decide')) return done();
      for (const x of steps) rows.steps.push({ application_id: id, step_no: x.stepNo, org_code: x.orgCode, name: x.name, name_en: x.nameEn, days: x.days, status: x.status, opinion: x.opinion, signed_by: x.signed_by, signed_at: x.signed_at });
    }
    // Result and delivery.
    t = this.office(t, this.between(0.02, 0.8));
    if (!by(t)) return finish();
    const method = fate.delivery;
    const resultNo = `${item.taskCode.slice(-6)}-${c.ref.replace('-', '')}`;
    const trackingNo = method === 'post' ? `SF${c.ref.replace('-', '').slice(2)}` : null;
    act(t, window, 'recordResult', 'approved', { details: { resultNo, deliveryMethod: method } });
    Object.assign(set, { result_no: resultNo, result_name: item.resultName, delivery_method: method, tracking_no: trackingNo });
    if (halt('recordResult')) return finish();
    t = this.office(t, this.between(0.1, 2.5));
    if (!by(t)) return finish();
    act(t, window, 'deliver', 'completed', { details: { deliveryMethod: method } });
    Object.assign(set, { closed_at: iso(t), assignee_id: null, visits: (set.visits as number) + (method === 'pickup' ? 1 : 0) });
    return finish();
  }
}

const SPECIALS = ['hearing', 'expert_review', 'inspection'] as const;
const DENY_REASON = '经审查，申请材料所载事项不符合法定条件（详见决定书所列理由），依法不予许可。';
const NOT_ACCEPTED_REASON = '申请事项不属于本机关职权范围，请向有管辖权的机关提出申请。';
const CORRECTION_NOTE = '身份证明材料不清晰，请重新上传清晰完整的扫描件。';
const SPECIAL_REASON = '需组织现场核查，核查期间不计入办理时限。';
const SPECIAL_OUTCOME = '程序结束，继续审查';

/** Case time of a Shanghai day and an hour (demo stories pin their times). */
export const atDay = (now: Date, daysAgo: number, hour: number) => new Date(startOfDay(shanghaiDay(now) - daysAgo).getTime() + hour * HOUR);

/** `hour` o'clock (Shanghai) on the n-th working day before now's day: pinned demo cases start far enough back, whatever the holidays. */
export function workingDaysAgo(cal: WorkingCalendar, now: Date, n: number, hour = 10): Date {
  let day = 0;
  for (let left = n; left > 0 && day < 120; ) if (cal.isWorkingDay(atDay(now, ++day, 12))) left -= 1;
  return atDay(now, day, hour);
}
