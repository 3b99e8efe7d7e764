import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { insertRecord, lastRecord, lockChain, pageAfter, type AuditRow } from './audit.repository.js';

export type Listener = 'public' | 'internal' | 'cli' | 'system';

export interface AuditEntry {
  /** Who: an account id, `system`, or `cli:<user>`. */
  actor: string;
  /** What, as `module.verb`, e.g. `hall.accept`. */
  action: string;
  /** On what, as `kind:id`, e.g. `application:QS-2026-000123`. */
  subject: string;
  /** A summary of the change: changed fields, before and after. Never whole sensitive values. */
  summary: Record<string, unknown>;
  listener: Listener;
  ip?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON: keys sorted at every level, so jsonb's reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashRecord(r: Omit<AuditRow, 'hash'>): string {
  const body = canonicalJson({
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    summary: r.summary,
    listener: r.listener,
    ip: r.ip ?? null,
    prev: r.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one record to the chain. Call it inside the transaction that makes
 * the change: the record commits or rolls back with it.
 */
export async function recordAudit(tx: Db, entry: AuditEntry): Promise<AuditRow> {
  await lockChain(tx);
  const prev = await lastRecord(tx);
  const seq = (prev?.seq ?? 0) + 1;
  const row = {
    seq,
    at: new Date(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    // Round-trip through JSON so what is hashed is exactly what jsonb gives back.
    summary: JSON.parse(JSON.stringify(entry.summary)) as Record<string, unknown>,
    listener: entry.listener,
    ip: entry.ip ?? null,
    prevHash: prev?.hash ?? GENESIS_HASH,
  };
  return insertRecord(tx, { ...row, hash: hashRecord(row) });
}

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; brokenSeq: number; reason: string };

/** Walks the whole chain in order and names the first record whose link or hash is wrong. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  for (;;) {
    const page = await pageAfter(db, lastSeq, 2000);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.seq !== lastSeq + 1) return { ok: false, count, brokenSeq: lastSeq + 1, reason: 'missing record (gap in sequence)' };
      if (r.prevHash !== prevHash) return { ok: false, count, brokenSeq: r.seq, reason: 'previous-hash link does not match' };
      if (hashRecord(r) !== r.hash) return { ok: false, count, brokenSeq: r.seq, reason: 'content does not match its hash' };
      prevHash = r.hash;
      lastSeq = r.seq;
      count++;
    }
    onProgress?.(count);
  }
  return { ok: true, count, head: prevHash };
}
