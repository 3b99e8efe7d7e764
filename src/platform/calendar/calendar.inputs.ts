/**
 * The override page's entries in the hostile-input registry (src/platform/testing/registry.ts):
 * its two forms and the page itself in the access matrix. The platform knows no accounts, so
 * the module that owns them (identity) names the demo logins and lists these with its own,
 * as it does for notify. The examples use a far-future date no clock reaches.
 */
import type { AccessOther, AccessSubject, InputEndpoint } from '../testing/registry.js';
import { setOverride } from './calendar.service.js';
import { CALENDAR_PAGE, CALENDAR_REMOVE } from './views/calendar-page.js';

export interface CalendarRegistryAccounts {
  /** A demo login holding `calendar.manage`. */
  admin: string;
  /** Who else tries the page: staff without the permission, a public session, anonymous. */
  others: AccessOther[];
}

const PROBE_YEAR = 2099;

export function calendarRegistry(a: CalendarRegistryAccounts): { inputs: InputEndpoint[]; accessSubjects: AccessSubject[] } {
  const showBack = [`${CALENDAR_PAGE}?year=${PROBE_YEAR}`];
  const inputs: InputEndpoint[] = [
    {
      name: 'calendar.override.set',
      side: 'internal',
      method: 'POST',
      url: CALENDAR_PAGE,
      kind: 'form',
      signInAs: a.admin,
      example: { date: `${PROBE_YEAR}-12-31`, kind: 'closure', note: '探针 probe' },
      fields: ['date', 'kind', 'note', '?year'],
      showBack,
    },
    {
      name: 'calendar.override.remove',
      side: 'internal',
      method: 'POST',
      url: CALENDAR_REMOVE,
      formUrl: CALENDAR_PAGE,
      kind: 'form',
      signInAs: a.admin,
      // There must be an override to remove when the valid example is sent.
      example: async ({ services }) => {
        await setOverride(services.db, 'system', { date: `${PROBE_YEAR}-12-30`, kind: 'closure', note: '探针 probe' });
        return { date: `${PROBE_YEAR}-12-30` };
      },
      fields: ['date'],
      showBack,
    },
  ];
  const accessSubjects: AccessSubject[] = [
    {
      name: 'calendar.override-page',
      side: 'internal',
      url: CALENDAR_PAGE,
      owner: { signInAs: a.admin },
      // The form's heading: only a holder of calendar.manage gets the page.
      secret: '添加或替换调整',
      others: a.others,
    },
  ];
  return { inputs, accessSubjects };
}
