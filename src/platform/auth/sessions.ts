import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { deleteExpiredSessions, deleteSession, deleteSessionsOf, findLiveSession, insertSession, touchSession } from './sessions.repository.js';

export type Side = 'public' | 'internal';

/** Each listener has its own cookie, so a session from one side is never sent to, or valid on, the other. */
export const sessionCookieName = (side: Side) => `ow_${side}_sid`;

export interface Session {
  idHash: string;
  subjectId: string | null;
  data: Record<string, unknown>;
}

const IDLE_HOURS: Record<Side, number> = { public: 12, internal: 8 };
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');
const expiry = (side: Side) => new Date(Date.now() + IDLE_HOURS[side] * 3600_000);

/** Server-side sessions: the cookie holds a random id, the table holds only its hash, so sessions can be revoked. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly side: Side,
    private readonly secure: boolean,
  ) {}

  async load(request: FastifyRequest): Promise<Session | undefined> {
    const raw = request.cookies[sessionCookieName(this.side)];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return undefined;
    const row = await findLiveSession(this.db, hashId(unsigned.value), this.side);
    if (!row) return undefined;
    // Slide the idle timeout at most once a minute.
    if (Date.now() - row.lastSeenAt.getTime() > 60_000) await touchSession(this.db, row.idHash, expiry(this.side));
    return { idHash: row.idHash, subjectId: row.subjectId, data: row.data as Record<string, unknown> };
  }

  /** Starts a new session (always a fresh id: no fixation) and sets the cookie. */
  async start(reply: FastifyReply, subjectId: string | null, data: Record<string, unknown> = {}): Promise<Session> {
    const id = randomBytes(32).toString('base64url');
    const idHash = hashId(id);
    await insertSession(this.db, { idHash, side: this.side, subjectId, data, expiresAt: expiry(this.side) });
    reply.setCookie(sessionCookieName(this.side), id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      signed: true,
    });
    return { idHash, subjectId, data };
  }

  async end(reply: FastifyReply, session: Session | undefined): Promise<void> {
    if (session) await deleteSession(this.db, session.idHash);
    reply.clearCookie(sessionCookieName(this.side), { path: '/' });
  }

  /** Ends every session of a subject (e.g. after a password change), optionally keeping one. */
  revokeAll(subjectId: string, keep?: Session): Promise<number> {
    return deleteSessionsOf(this.db, subjectId, keep?.idHash);
  }
}

/** Removes sessions past their expiry (both sides); a module schedules it as a job. */
export const purgeExpiredSessions = (db: Db) => deleteExpiredSessions(db);
