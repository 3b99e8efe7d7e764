import { CALENDAR_OVERRIDE_CHANGED, type CalendarOverrideChanged } from '../calendar/calendar.service.js';
import type { Subscriber } from '../events/bus.js';
import type { ClockEngine } from './clock.js';

/**
 * The platform's own event subscribers for the clock engine (registered by the
 * composer next to the modules' subscribers). When an administrator changes a
 * calendar override, the engine reloads its calendar and recomputes every open
 * clock whose window includes that date, in the delivery's transaction.
 */
export function clockSubscribers(clocks: ClockEngine): Subscriber[] {
  return [
    {
      name: 'platform.clock.recomputeOnCalendarChange',
      events: [CALENDAR_OVERRIDE_CHANGED],
      handle: async (event, tx) => {
        const change = event.payload as CalendarOverrideChanged;
        await clocks.calendar.reload(tx);
        await clocks.recomputeForDate(tx, change.date, change.actor);
      },
    },
  ];
}
