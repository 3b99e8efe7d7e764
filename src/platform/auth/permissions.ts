import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.service.js';
import { ForbiddenError } from '../http/errors.js';
import { actorRef, type Actor } from './actor.js';

/** A permission a module declares as data: its key and the roles it is granted to. */
export interface PermissionDeclaration {
  /** `module.action`, e.g. `hall.accept`. */
  key: string;
  description: string;
  roles: readonly string[];
}

/**
 * All permissions of all modules, composed at start. Services ask it (and their
 * module's policy functions for scope); templates only reflect its answers.
 */
export class PermissionRegistry {
  private readonly byKey = new Map<string, PermissionDeclaration>();

  constructor(declarations: PermissionDeclaration[]) {
    for (const d of declarations) {
      if (this.byKey.has(d.key)) throw new Error(`Permission ${d.key} is declared twice`);
      this.byKey.set(d.key, d);
    }
  }

  has(actor: Actor | undefined | null, key: string): boolean {
    const d = this.byKey.get(key);
    if (!d) throw new Error(`Unknown permission ${key}`);
    return !!actor && actor.kind === 'staff' && actor.roles.some((r) => d.roles.includes(r));
  }

  list(): PermissionDeclaration[] {
    return [...this.byKey.values()];
  }

  /**
   * Checks a permission, and a scope rule when given. A denial is written to
   * the audit trail in its own transaction (the request's work is rolled back)
   * and surfaces as 403.
   */
  async authorize(db: Db, actor: Actor | undefined | null, key: string, inScope = true, subject = key): Promise<void> {
    if (this.has(actor, key) && inScope) return;
    await db.transaction(async (tx) =>
      recordAudit(tx, {
        actor: actorRef(actor),
        action: 'access.denied',
        subject,
        summary: { permission: key, reason: this.has(actor, key) ? 'out_of_scope' : 'missing_permission' },
        listener: actor?.side ?? 'public',
        ip: actor?.ip ?? null,
      }),
    );
    throw new ForbiddenError(key);
  }
}
