/**
 * The working-day calendar (ADR 0017): WorkingCalendar for the arithmetic, setOverride /
 * removeOverride for administrators' corrections, and `calendarRegistration`, which the
 * composer (src/app.ts) adds after the modules like notify's: the override page, its
 * permission and navigation entry, and the home page's missing-year warning.
 */
import type { ModuleRegistration, PlatformServices } from '../module.js';
import type { Actor } from '../auth/actor.js';
import type { HomeNotice } from '../views/pages.js';
import { CALENDAR_MANAGE, registerCalendarRoutes } from './calendar.routes.js';
import { shanghaiDay, yearOf } from './days.js';
import { CALENDAR_PAGE, yearUrl } from './views/calendar-page.js';

export { WorkingCalendar, baseDaysOf, type DayInfo, type DayStatus, type BaseDay } from './calendar.js';
export { setOverride, removeOverride, checkOverride, CALENDAR_OVERRIDE_CHANGED, type CalendarOverrideChanged } from './calendar.service.js';
export { OVERRIDE_KINDS, type OverrideKind } from './calendar.schema.js';
export { WeekdaysOnlyNote, type WeekdaysOnlyNoteProps } from './views/weekdays-only.js';
export { calendarRegistry, type CalendarRegistryAccounts } from './calendar.inputs.js';
export { CALENDAR_MANAGE, CALENDAR_PAGE };

/**
 * From 1 November (Shanghai, by the clock engine's now, which tests move), administrators
 * are warned on the workbench's home page while next year has no holiday schedule.
 */
export function missingYearNotices(actor: Actor | undefined, s: Pick<PlatformServices, 'permissions' | 'calendar' | 'clocks'>): HomeNotice[] {
  if (!s.permissions.has(actor, CALENDAR_MANAGE)) return [];
  const now = s.clocks.now();
  if (!s.calendar.nextYearMissing(now)) return [];
  const year = yearOf(shanghaiDay(now)) + 1;
  return [{ kind: 'warning', titleKey: 'calendar.home.missingTitle', textKey: 'calendar.home.missingText', params: { year }, link: { href: yearUrl(year), labelKey: 'calendar.home.missingLink' } }];
}

/** The platform's own registration for the calendar: composed after the modules, like one of them. */
export function calendarRegistration(): ModuleRegistration {
  return {
    name: 'calendar',
    internalRoutes: registerCalendarRoutes,
    permissions: [{ key: CALENDAR_MANAGE, description: 'Override the working-day calendar: holidays, make-up working days, local closures', roles: ['administrator'] }],
    nav: { internal: [{ href: CALENDAR_PAGE, labelKey: 'calendar.nav.label', descriptionKey: 'calendar.nav.description', permission: CALENDAR_MANAGE }] },
    homeNotices: missingYearNotices,
  };
}
