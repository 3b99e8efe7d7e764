import type { Side } from './sessions.js';

/**
 * Who is asking, as every service sees it. Identity builds it from the session;
 * `null` fields mean "not applicable" (a resident has no org unit).
 */
export interface Actor {
  accountId: string;
  kind: 'resident' | 'enterprise' | 'staff';
  displayName: string;
  roles: readonly string[];
  /** The staff member's own org unit, and the code of the department it belongs to (codes are hierarchical). */
  orgUnitId: string | null;
  departmentCode: string | null;
  /** The code of the staff member's region (township and village agents); region codes are hierarchical too. */
  regionCode: string | null;
  side: Side;
  ip: string;
}

/** The audit actor string for an actor, or `anonymous`. */
export const actorRef = (actor: Actor | undefined | null) => (actor ? `${actor.kind}:${actor.accountId}` : 'anonymous');
