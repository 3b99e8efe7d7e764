/**
 * The daily digest (ADR 0025): each department head gets one inbox message a
 * day with the department's yellow and red cases (counts and the ten most
 * urgent references), the oversight orders waiting for its reply, and the rule
 * firings of the last 24 hours. The audit record written with the message
 * (`supervision.digest.send`, subject `supervision_digest:<day>:<account>`) is
 * the proof of sending: checked under an advisory lock in the same
 * transaction, so a rerun or a second worker sends nothing twice.
 */
import { recordAudit } from '../../platform/audit/audit.service.js';
import { DAY_MS, dayKey, SHANGHAI_OFFSET_MS, shanghaiDay } from '../../platform/calendar/days.js';
import { transaction } from '../../platform/db/database.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { PlatformServices } from '../../platform/module.js';
import { urgentCasesByOrg } from '../hall/index.js';
import { staffOfDepartment } from '../identity/index.js';
import { digestSent, firingsSince, lockDigest, openOrdersByOrg } from './supervision.digest.repository.js';

export const DIGEST_JOB = 'supervision.orders.digest';
/** Digests go out from 08:00 Shanghai on working days. */
export const DIGEST_HOUR = 8;

type DigestServices = Pick<PlatformServices, 'db' | 'notify' | 'clocks' | 'calendar'>;

export const digestSubject = (day: string, accountId: string) => `supervision_digest:${day}:${accountId}`;

/** Sends today's digest to every head who has not had it yet; returns how many were sent. */
export async function sendDigests(s: DigestServices): Promise<number> {
  const now = s.clocks.now();
  const day = dayKey(shanghaiDay(now));
  const heads = (await staffOfDepartment(s.db, '')).filter((p) => p.roles.includes('department_head'));
  if (heads.length === 0) return 0;
  const urgent = new Map((await urgentCasesByOrg(s.db, now)).map((u) => [u.orgCode, u]));
  const orders = await openOrdersByOrg(s.db);
  const firings = await firingsSince(s.db, new Date(now.getTime() - DAY_MS));
  let sent = 0;
  for (const head of heads) {
    const org = head.orgCode.slice(0, 6);
    const u = urgent.get(org);
    const o = orders.get(org);
    const figures = { orgCode: org, yellow: u?.yellow ?? 0, red: u?.red ?? 0, refs: u?.refs ?? [], open: o?.open ?? 0, escalated: o?.escalated ?? 0, firings: firings.get(org) ?? 0 };
    const subject = digestSubject(day, head.accountId);
    const done = await transaction(s.db, async (tx) => {
      await lockDigest(tx, subject);
      if (await digestSent(tx, subject)) return false;
      await s.notify.send(tx, {
        recipientId: head.accountId,
        template: 'supervision:orders.notify.digest',
        params: { day, yellow: figures.yellow, red: figures.red, refs: figures.refs.length ? figures.refs.join('、') : '—', open: figures.open, escalated: figures.escalated, firings: figures.firings },
        link: '/supervision/orders',
      });
      await recordAudit(tx, { actor: 'system', action: 'supervision.digest.send', subject, summary: { day, ...figures }, listener: 'system' });
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

/** Whether the digest is due at `now`: a working day, from 08:00 Shanghai. */
export function digestDue(s: Pick<PlatformServices, 'calendar'>, now: Date): boolean {
  const msIntoDay = (((now.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return s.calendar.isWorkingDay(now) && msIntoDay >= DIGEST_HOUR * 3_600_000;
}

/** Every half hour; on a working day from 08:00 the first run sends, later runs find every digest sent. */
export const digestJob = (s: PlatformServices): JobDefinition => ({
  name: DIGEST_JOB,
  everySeconds: 1800,
  handle: async () => {
    if (digestDue(s, s.clocks.now())) await sendDigests(s);
  },
});
