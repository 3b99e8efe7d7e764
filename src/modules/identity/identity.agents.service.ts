import { transaction as tx } from '../../platform/db/database.js';
import type { PlatformServices } from '../../platform/module.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { FieldErrors } from '../../platform/http/forms.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { validateIdNumber } from '../../platform/validation/id-number.js';
import * as repo from './identity.repository.js';
import type { Origin } from './identity.service.js';


function requireEnterprise(actor: Actor) {
  if (actor.kind !== 'enterprise') throw new ForbiddenError('identity.agents');
}

/**
 * An enterprise account records a resident who may act for it. The resident is
 * named by real name and ID number; a mismatch gets the same answer as an
 * unknown number, so the form can't be used to probe who is registered.
 */
export async function addAgent(s: PlatformServices, actor: Actor, input: { agentName?: unknown; agentIdNumber?: unknown }, origin: Origin): Promise<void> {
  requireEnterprise(actor);
  const errors = new FieldErrors();
  const name = typeof input.agentName === 'string' ? input.agentName.trim() : '';
  const rawId = typeof input.agentIdNumber === 'string' ? input.agentIdNumber.trim() : '';
  if (!name) errors.add('agentName', 'identity:errors.required');
  const id = validateIdNumber(rawId);
  if (!rawId) errors.add('agentIdNumber', 'identity:errors.required');
  else if (!id.ok) errors.add('agentIdNumber', `identity:errors.idNumber.${id.reason}`);
  errors.throwIfAny();
  if (!id.ok) return;
  const resident = await repo.residentAccountByHash(s.db, s.cipher.lookupHash('id_number', id.normalised));
  const profile = resident ? await repo.residentById(s.db, resident.id) : undefined;
  if (!resident || !profile || profile.realName !== name) new FieldErrors().add('agentIdNumber', 'identity:errors.agentNotFound').throwIfAny();
  await tx(s.db, async (t) => {
    const added = await repo.insertAgentLink(t, actor.accountId, resident!.id);
    if (added) await recordAudit(t, { actor: `enterprise:${actor.accountId}`, action: 'identity.agent.add', subject: `account:${actor.accountId}`, summary: { resident: resident!.id }, ...origin });
  });
}

export async function removeAgent(s: PlatformServices, actor: Actor, residentId: string, origin: Origin): Promise<void> {
  requireEnterprise(actor);
  await tx(s.db, async (t) => {
    if (!(await repo.deleteAgentLink(t, actor.accountId, residentId))) throw new NotFoundError('agent');
    await recordAudit(t, { actor: `enterprise:${actor.accountId}`, action: 'identity.agent.remove', subject: `account:${actor.accountId}`, summary: { resident: residentId }, ...origin });
  });
}
