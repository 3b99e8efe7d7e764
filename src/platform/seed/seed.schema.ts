import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Which module seeds have run, so a second start reuses the data. */
export const seedRun = pgTable('seed_run', {
  name: text('name').primaryKey(),
  ranAt: timestamp('ran_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
