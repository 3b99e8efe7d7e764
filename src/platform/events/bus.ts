import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { claimDue, insertEvent, markDelivered, markFailed } from './events.repository.js';

export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  payload: T;
  createdAt: Date;
}

/**
 * A module's reaction to events. `handle` runs inside a transaction that also
 * marks the delivery done: its writes and the mark commit together, so a
 * subscriber sees each event exactly once even across crashes and retries.
 */
export interface Subscriber {
  /** Stable, unique name, e.g. `certificates.issueOnCompletion`. Renaming it re-delivers nothing. */
  name: string;
  events: string[];
  handle(event: DomainEvent, tx: Db): Promise<void>;
  maxAttempts?: number;
}

export interface EventBusOptions {
  /** Retry delay in seconds for the n-th failed attempt (1-based). */
  backoff?: (attempt: number) => number;
  onError?: (subscriber: string, event: DomainEvent, error: unknown) => void;
}

export class EventBus {
  private readonly bySubscriber = new Map<string, Subscriber>();
  private readonly byType = new Map<string, string[]>();

  constructor(
    private readonly db: Db,
    subscribers: Subscriber[],
    private readonly opts: EventBusOptions = {},
  ) {
    for (const s of subscribers) {
      if (this.bySubscriber.has(s.name)) throw new Error(`Two event subscribers are named ${s.name}`);
      this.bySubscriber.set(s.name, s);
      for (const type of s.events) this.byType.set(type, [...(this.byType.get(type) ?? []), s.name]);
    }
  }

  /** Writes the event to the outbox inside the producer's transaction. Delivery happens after commit. */
  async publish<T>(tx: Db, type: string, payload: T): Promise<string> {
    const id = randomUUID();
    await insertEvent(tx, { id, type, payload }, this.byType.get(type) ?? []);
    return id;
  }

  /** Delivers due events until none is left or `limit` is reached; returns how many were handled. */
  async dispatchDue(limit = 100): Promise<number> {
    let handled = 0;
    const names = [...this.bySubscriber.keys()];
    const failedThisRound: string[] = []; // a failure waits for the next round, even with zero backoff
    while (handled < limit) {
      let claimed = false;
      try {
        await this.db.transaction(async (raw) => {
          const tx = raw as unknown as Db;
          const row = await claimDue(tx, names, failedThisRound);
          if (!row) return;
          claimed = true;
          const subscriber = this.bySubscriber.get(row.subscriber)!;
          const event: DomainEvent = { id: row.event_id, type: row.type, payload: row.payload, createdAt: row.created_at };
          try {
            // A savepoint: a failing handler's writes roll back, the claim stays ours.
            await tx.transaction(async (inner) => subscriber.handle(event, inner as unknown as Db));
            await markDelivered(tx, row.event_id, row.subscriber);
          } catch (error) {
            failedThisRound.push(`${row.event_id}/${row.subscriber}`);
            this.opts.onError?.(subscriber.name, event, error);
            const delay = (this.opts.backoff ?? defaultBackoff)(row.attempts + 1);
            await markFailed(tx, row.event_id, row.subscriber, errorText(error), delay, subscriber.maxAttempts ?? 10);
          }
        });
      } catch (error) {
        this.opts.onError?.('(dispatcher)', { id: '', type: '', payload: null, createdAt: new Date() }, error);
        break;
      }
      if (!claimed) break;
      handled++;
    }
    return handled;
  }
}

export function defaultBackoff(attempt: number): number {
  return Math.min(3600, 2 ** attempt * 5);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
