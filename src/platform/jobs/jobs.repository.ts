import { sql } from 'drizzle-orm';
import { execRows, type Db } from '../db/database.js';
import { job } from './jobs.schema.js';

export interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export async function insertJob(
  tx: Db,
  row: { id: string; name: string; payload: unknown; runAt?: Date; singletonKey?: string; maxAttempts?: number },
): Promise<boolean> {
  const res = await tx
    .insert(job)
    .values({ id: row.id, name: row.name, payload: row.payload, runAt: row.runAt ?? new Date(), singletonKey: row.singletonKey, maxAttempts: row.maxAttempts ?? 5 })
    .onConflictDoNothing()
    .returning({ id: job.id });
  return res.length > 0;
}

/** Claims one due job: hides it for `lockSeconds` and counts the attempt, then commits at once. */
export async function claimJob(db: Db, names: string[], lockSeconds: number): Promise<ClaimedJob | undefined> {
  if (names.length === 0) return undefined;
  const rows = await execRows<ClaimedJob>(db, sql`
    update job set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = attempts + 1
     where id = (
       select id from job
        where status = 'queued' and run_at <= now() and (locked_until is null or locked_until < now())
          and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
        order by run_at
        limit 1
          for update skip locked)
    returning id, name, payload, attempts, max_attempts`);
  return rows[0];
}

export async function finishJob(db: Db, id: string): Promise<void> {
  await db.execute(sql`update job set status = 'done', finished_at = now(), locked_until = null, last_error = null where id = ${id}`);
}

export async function failJob(db: Db, id: string, error: string, retryInSeconds: number): Promise<void> {
  await db.execute(sql`
    update job
       set last_error = ${error.slice(0, 2000)}, locked_until = null,
           status = case when attempts >= max_attempts then 'failed' else 'queued' end,
           finished_at = case when attempts >= max_attempts then now() else null end,
           run_at = now() + make_interval(secs => ${retryInSeconds})
     where id = ${id}`);
}

export async function ensureSchedule(db: Db, name: string, everySeconds: number): Promise<void> {
  await db.execute(sql`
    insert into job_schedule (name, every_seconds, next_run_at) values (${name}, ${everySeconds}, now())
    on conflict (name) do update set every_seconds = excluded.every_seconds`);
}

/** Claims every due schedule row, moves it on and returns the names to enqueue, in the caller's transaction. */
export async function takeDueSchedules(tx: Db): Promise<string[]> {
  const rows = await execRows<{ name: string }>(tx, sql`
    update job_schedule s
       set next_run_at = now() + make_interval(secs => s.every_seconds)
     where s.name in (select name from job_schedule where next_run_at <= now() for update skip locked)
    returning s.name`);
  return rows.map((r) => r.name);
}

export async function jobCounts(db: Db): Promise<Record<string, number>> {
  const rows = await execRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from job group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
