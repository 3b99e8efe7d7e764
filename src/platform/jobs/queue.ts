import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { defaultBackoff, errorText } from '../events/bus.js';
import { claimJob, ensureSchedule, failJob, finishJob, insertJob, takeDueSchedules } from './jobs.repository.js';

export interface JobContext {
  db: Db;
  jobId: string;
  attempt: number;
}

/** A background or scheduled job that a module declares in its `register.jobs`. */
export interface JobDefinition<P = unknown> {
  name: string;
  handle(payload: P, ctx: JobContext): Promise<void>;
  /** Run on a schedule, every N seconds (the worker that wins the row enqueues it). */
  everySeconds?: number;
  maxAttempts?: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one queued job per (name, key). */
  singletonKey?: string;
}

export class JobQueue {
  private readonly defs = new Map<string, JobDefinition>();

  constructor(
    private readonly db: Db,
    definitions: JobDefinition[],
    private readonly onError?: (job: string, error: unknown) => void,
  ) {
    for (const d of definitions) {
      if (this.defs.has(d.name)) throw new Error(`Two jobs are named ${d.name}`);
      this.defs.set(d.name, d);
    }
  }

  /** Enqueue inside the producer's transaction: the job exists only if the change commits. */
  async enqueue(tx: Db, name: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string | undefined> {
    const def = this.defs.get(name);
    if (!def) throw new Error(`No job is named ${name}`);
    const id = randomUUID();
    const inserted = await insertJob(tx, { id, name, payload, runAt: opts.runAt, singletonKey: opts.singletonKey, maxAttempts: def.maxAttempts });
    return inserted ? id : undefined;
  }

  /** Registers the recurring jobs' schedule rows. */
  async installSchedules(): Promise<void> {
    for (const d of this.defs.values()) if (d.everySeconds) await ensureSchedule(this.db, d.name, d.everySeconds);
  }

  /** Enqueues due scheduled jobs, then runs due jobs until none is left or `limit` is reached. */
  async runDue(limit = 50): Promise<number> {
    await this.db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      for (const name of await takeDueSchedules(tx)) {
        if (this.defs.has(name)) await this.enqueue(tx, name, {}, { singletonKey: 'schedule' });
      }
    });
    let ran = 0;
    const names = [...this.defs.keys()];
    while (ran < limit) {
      const claimed = await claimJob(this.db, names, 300);
      if (!claimed) break;
      ran++;
      const def = this.defs.get(claimed.name)!;
      try {
        await def.handle(claimed.payload, { db: this.db, jobId: claimed.id, attempt: claimed.attempts });
        await finishJob(this.db, claimed.id);
      } catch (error) {
        this.onError?.(claimed.name, error);
        await failJob(this.db, claimed.id, errorText(error), defaultBackoff(claimed.attempts));
      }
    }
    return ran;
  }
}
