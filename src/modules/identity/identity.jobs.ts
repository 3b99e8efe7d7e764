import type { JobDefinition } from '../../platform/jobs/queue.js';
import { purgeExpiredSessions } from '../../platform/auth/sessions.js';

/** Expired sessions are never valid (the lookup checks expiry); this hourly job keeps the table small. */
export const jobs: JobDefinition[] = [
  {
    name: 'identity.sessions.purge',
    everySeconds: 3600,
    handle: async (_payload, { db }) => {
      await purgeExpiredSessions(db);
    },
  },
];
