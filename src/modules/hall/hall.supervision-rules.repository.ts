import { sql, type SQL } from 'drizzle-orm';
import { signalSql } from '../../platform/clock/clock.js';
import { FINAL_STATES } from './hall.states.js';

/**
 * Supervision's abnormal-act rules over the hall's cases (ADR 0024), as SQL
 * the supervision module composes into its own statements: each function
 * returns one `select` of candidate firings with the same columns
 *
 *   rule, dedupe_key, subject_id, subject_ref, org_code, item_code, region_code, version_id, facts (jsonb)
 *
 * so that supervision can drop the firings it has already recorded with an
 * anti-join on its unique (rule, dedupe_key) index and fetch only new ones.
 * Nothing here reads or writes supervision's tables; these are the only
 * queries over hall tables that supervision runs.
 */
export interface RuleScope {
  /** Only these cases (event evaluation); every case when absent (schedule, demo seed). */
  caseIds?: readonly string[] | undefined;
  /** Only clocks still open (running or paused): the schedule's view; stopped clocks are judged on the event that stopped them. */
  openClocksOnly?: boolean | undefined;
  now: Date;
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function caseFilter(scope: RuleScope, column: SQL): SQL {
  if (!scope.caseIds) return sql`true`;
  if (!scope.caseIds.length) return sql`false`;
  return sql`${column} in (${sql.join(
    scope.caseIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

const CASE_COLUMNS = sql`a.id::text as subject_id, a.ref as subject_ref, a.org_code, a.task_code as item_code, a.region_code, a.version_id`;

/** A clock overdue: missed when stopped, or still open past its due time (a clock paused after its due time was already late). */
function overdueClock(scope: RuleScope): SQL {
  const open = sql`(c.state = 'running' and c.due_at < ${at(scope.now)}) or (c.state = 'paused' and c.paused_at > c.due_at)`;
  return scope.openClocksOnly ? sql`c.state in ('running', 'paused') and (${open})` : sql`(c.state = 'missed' or ${open})`;
}

/** Clocks of the application subject, by case id when scoped (clock_subject_idx), else by due time (clock_open_due_idx). */
function clockSubjects(scope: RuleScope): SQL {
  if (!scope.caseIds) return sql`c.subject_kind = 'application'`;
  if (!scope.caseIds.length) return sql`false`;
  return sql`c.subject_kind = 'application' and c.subject_id in (${sql.join(
    scope.caseIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

const CLOCK_FACTS = sql`'clockState', c.state, 'startedAt', c.started_at, 'dueAt', c.due_at, 'stoppedAt', c.stopped_at, 'pausedAt', c.paused_at,
  'limitValue', c.limit_value, 'limitUnit', c.limit_unit, 'caseState', a.state, 'submittedAt', a.submitted_at`;

/** Acceptance not decided within its limit (the hall's `acceptance` clock: 5 working days from submission, corrections paused). */
export function acceptanceLateSql(scope: RuleScope): SQL {
  return sql`select 'acceptance_late' as rule, a.id::text as dedupe_key, ${CASE_COLUMNS}, jsonb_build_object(${CLOCK_FACTS}) as facts
    from clock c join application a on a.id = c.subject_id::uuid
    where ${clockSubjects(scope)} and c.kind = 'acceptance' and ${overdueClock(scope)}`;
}

/**
 * A review step overdue (clock `step:N`), whatever the case's own clocks say:
 * the facts carry the step's name, the departments that had not signed by its
 * due time, and the committed clock's signal at that moment.
 */
export function stepOverdueSql(scope: RuleScope): SQL {
  const stepNo = sql`substr(c.kind, 6)::int`;
  return sql`select 'step_overdue' as rule, a.id::text || ':' || c.kind as dedupe_key, ${CASE_COLUMNS},
      jsonb_build_object(${CLOCK_FACTS}, 'step', ${stepNo},
        'stepName', (select min(s.name) from application_step s where s.application_id = a.id and s.step_no = ${stepNo}),
        'stepNameEn', (select min(s.name_en) from application_step s where s.application_id = a.id and s.step_no = ${stepNo}),
        'lateOrgs', (select coalesce(jsonb_agg(s.org_code order by s.org_code), '[]'::jsonb) from application_step s
          where s.application_id = a.id and s.step_no = ${stepNo} and (s.status = 'pending' or s.signed_at > c.due_at)),
        'caseClock', (select jsonb_build_object('kind', k.kind, 'dueAt', k.due_at, 'signal', ${signalSql(scope.now, 'k')})
          from clock k where k.subject_kind = 'application' and k.subject_id = c.subject_id and k.kind = 'committed' order by k.started_at desc limit 1)
      ) as facts
    from clock c join application a on a.id = c.subject_id::uuid
    where ${clockSubjects(scope)} and c.kind ~ '^step:[0-9]+$' and ${overdueClock(scope)}`;
}

/** Removes white space and punctuation (ASCII and full-width) so that "材料不全。" and " 材料 不全 " compare as the same phrase. */
const meaningful = (text: SQL) => sql`regexp_replace(coalesce(${text}, ''), '[[:space:][:punct:]，。、；：！？“”‘’（）《》【】〔〕…—·「」『』\\u3000]+', '', 'g')`;

/**
 * A refusal to accept or a denial whose reason is empty, one of the
 * boilerplate phrases alone, or shorter than the minimum meaningful length
 * (characters after white space and punctuation are removed).
 */
export function boilerplateReasonSql(scope: RuleScope, t: { phrases: readonly string[]; minLength: number }): SQL {
  const norm = meaningful(sql`a.decision_reason`);
  const phrases = sql`(select ${meaningful(sql`p.value`)} from jsonb_array_elements_text(${JSON.stringify(t.phrases)}::jsonb) p)`;
  return sql`select 'boilerplate_reason' as rule, a.id::text as dedupe_key, ${CASE_COLUMNS},
      jsonb_build_object('caseState', a.state, 'decision', a.decision, 'reason', a.decision_reason, 'length', char_length(${norm}),
        'matched', (select p.value from jsonb_array_elements_text(${JSON.stringify(t.phrases)}::jsonb) p where ${meaningful(sql`p.value`)} = ${norm} and ${norm} <> '' limit 1),
        'decidedAt', coalesce(a.decided_at, a.closed_at)) as facts
    from application a
    where ${caseFilter(scope, sql`a.id`)} and a.kind = 'case' and (a.state = 'not_accepted' or a.decision = 'deny')
      and (${norm} = '' or char_length(${norm}) < ${t.minLength} or ${norm} in ${phrases})`;
}

/**
 * A decision on an item with review steps (not an immediate item, 即办件) that
 * has no review step recorded in the case's timeline (a `signStep` entry at or
 * before the decision): the case was handled outside the system. Step rows
 * marked signed without a timeline entry do not count as recorded.
 */
export function decisionWithoutStepsSql(scope: RuleScope): SQL {
  return sql`select 'decision_without_steps' as rule, a.id::text as dedupe_key, ${CASE_COLUMNS},
      jsonb_build_object('caseState', a.state, 'decision', a.decision, 'decidedAt', a.decided_at, 'acceptedAt', a.accepted_at,
        'plannedSteps', (select count(*) from application_step s where s.application_id = a.id),
        'signedSteps', (select count(*) from application_step s where s.application_id = a.id and s.status = 'signed'),
        'timelineSignings', 0) as facts
    from application a
    where ${caseFilter(scope, sql`a.id`)} and a.kind = 'case' and a.decided_at is not null and not a.immediate
      and not exists (select 1 from application_event e where e.application_id = a.id and e.action = 'signStep' and e.at <= a.decided_at)`;
}

/** Cases with a fee recorded (fee_fen > 0); whether the item charges fees is the catalog's to say (its version's `is_fee` and `fees`). */
export function feeRecordedSql(scope: RuleScope): SQL {
  return sql`select 'fee_on_free_item' as rule, a.id::text as dedupe_key, ${CASE_COLUMNS},
      jsonb_build_object('caseState', a.state, 'feeFen', a.fee_fen, 'itemName', a.item_name, 'itemNameEn', a.item_name_en) as facts
    from application a
    where ${caseFilter(scope, sql`a.id`)} and a.kind = 'case' and a.fee_fen > 0`;
}

/** States in which the case waits on the applicant or is over: not idle on the department's side. */
const NOT_IDLE = ['draft', 'correction', ...FINAL_STATES];

/**
 * An open case whose newest timeline entry is older than `cutoff` (the caller
 * turns "more than N working days" into an instant with the calendar). Cases
 * waiting on the applicant (correction) or in an open special procedure (the
 * law stops the clock) are not idle. One firing per idle spell: the dedupe key
 * carries the time of the last activity.
 */
export function idleCaseSql(scope: RuleScope, cutoff: Date): SQL {
  return sql`select 'idle_case' as rule, a.id::text || ':' || floor(extract(epoch from l.at) * 1000)::bigint::text as dedupe_key, ${CASE_COLUMNS},
      jsonb_build_object('caseState', a.state, 'lastActivityAt', l.at, 'lastAction', l.action, 'cutoff', ${at(cutoff)}) as facts
    from application a
    cross join lateral (select e.at, e.action from application_event e where e.application_id = a.id order by e.at desc limit 1) l
    where ${caseFilter(scope, sql`a.id`)} and a.kind = 'case' and a.ref is not null
      and a.state not in (${sql.join(
        NOT_IDLE.map((s) => sql`${s}`),
        sql`, `,
      )}) and not a.special_open and l.at < ${at(cutoff)}`;
}
