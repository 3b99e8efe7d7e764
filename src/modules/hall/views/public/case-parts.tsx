/**
 * Small pieces the applicant's pages share: their strings (`hall:public.*`),
 * a case's item name in the page's language, its state and clock signal as
 * tags (the words carry the meaning, the colour repeats it), its due date.
 */
import type { ClockView, Signal } from '../../../../platform/clock/clock.js';
import { formatDate } from '../../../../platform/i18n/index.js';
import { WeekdaysOnlyNote } from '../../../../platform/calendar/views/weekdays-only.js';
import { StatusTag, type Tone } from '../../../../platform/views/components.js';
import type { ViewContext } from '../../../../platform/views/context.js';
import type { CaseRow } from '../../hall.repository.js';
import type { ApplicationState } from '../../hall.states.js';

/** `hall:public.<key>` */
export const pt = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`hall:public.${key}`, opts);

export const itemNameOf = (ctx: ViewContext, row: Pick<CaseRow, 'itemName' | 'itemNameEn'>) => (ctx.lang === 'en' && row.itemNameEn ? row.itemNameEn : row.itemName);

const STATE_TONE: Record<ApplicationState, Tone> = {
  draft: 'neutral',
  submitted: 'info',
  correction: 'warning',
  preexamined: 'info',
  reviewing: 'pending',
  reviewed: 'pending',
  approved: 'success',
  denied: 'danger',
  not_accepted: 'danger',
  withdrawn: 'neutral',
  completed: 'success',
  in_progress: 'pending',
  closed: 'neutral',
};

export const StateTag = ({ ctx, state }: { ctx: ViewContext; state: ApplicationState }) => StatusTag({ label: ctx.t(`hall:state.${state}`), tone: STATE_TONE[state] });

const SIGNAL_TONE: Record<Signal, Tone> = { green: 'success', yellow: 'warning', red: 'danger', paused: 'neutral', met: 'success', missed: 'danger' };
export const SignalTag = ({ ctx, signal }: { ctx: ViewContext; signal: Signal }) => StatusTag({ label: ctx.t(`hall:signal.${signal}`), tone: SIGNAL_TONE[signal] });

/** The time limit the applicant is waiting on: the committed decision date once accepted, before that the acceptance decision. */
export interface Due {
  kind: 'acceptance' | 'committed';
  at: Date;
  paused: boolean;
  signal: Signal;
  open: boolean;
  /** The date was counted on weekdays only: a year in its window has no holiday schedule yet (ADR 0017). */
  assumed: boolean;
}

/** The clock to show for a case: an open committed clock, else an open acceptance clock, else the last one that ran. */
export function dueOf(clocks: readonly ClockView[]): Due | undefined {
  const pick = (kind: 'acceptance' | 'committed', open: boolean) => clocks.filter((c) => c.kind === kind && (open ? !c.stoppedAt : true)).at(-1);
  const c = pick('committed', true) ?? pick('acceptance', true) ?? pick('committed', false) ?? pick('acceptance', false);
  if (!c) return undefined;
  return { kind: c.kind as Due['kind'], at: c.dueAt, paused: c.state === 'paused', signal: c.signal, open: !c.stoppedAt, assumed: c.calendarAssumed };
}

/** The weekdays-only note under an open deadline that assumed it; '' otherwise. Markup. */
export const safeAssumedNote = (ctx: ViewContext, due: Pick<Due, 'open' | 'assumed'> | undefined) => WeekdaysOnlyNote({ ctx, assumed: !!due?.open && due.assumed });

/** "Decision due by 2026-05-20" / "Acceptance decided by …", with "(paused)". Plain text. */
export function dueText(ctx: ViewContext, due: Due | undefined): string {
  if (!due) return '—';
  const date = formatDate(due.at, ctx.lang);
  const text = pt(ctx, `due.${due.kind}`, { date });
  return due.paused ? `${text}${pt(ctx, 'due.pausedSuffix')}` : text;
}
