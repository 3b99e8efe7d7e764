/**
 * The "weekdays-only" note (ADR 0017): a deadline that reaches into a year
 * with no holiday schedule was counted on Monday to Friday alone, and may move
 * once the schedule is entered. Every page that shows such a deadline puts this
 * note next to it; clocks carry the fact as `calendarAssumed`.
 */
import type { ViewContext } from '../../views/context.js';
import { escapeText, str } from '../../views/html.js';

export interface WeekdaysOnlyNoteProps {
  ctx: ViewContext;
  /** The deadline assumed weekdays-only (ClockView.calendarAssumed); false renders nothing. */
  assumed: boolean;
  /** The years without a schedule, when the caller knows them (WorkingCalendar.uncoveredYearsBetween). */
  years?: readonly number[];
}

/** One line under the date, in the muted note style; the words carry the whole meaning. */
export function WeekdaysOnlyNote({ ctx, assumed, years }: WeekdaysOnlyNoteProps): string {
  if (!assumed) return '';
  const text = years?.length ? ctx.t('calendar.assumed.withYears', { years: years.join(ctx.t('calendar.assumed.yearSeparator')) }) : ctx.t('calendar.assumed.text');
  return str(
    <span class="guide-note" data-calendar-assumed="">
      {escapeText(text)}
    </span>,
  );
}
