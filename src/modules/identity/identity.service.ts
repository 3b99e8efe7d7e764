import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isUniqueViolation, transaction as tx, type Db } from '../../platform/db/database.js';
import { text } from './identity.input.js';
import type { PlatformServices } from '../../platform/module.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Side } from '../../platform/auth/sessions.js';
import { recordAudit, type Listener } from '../../platform/audit/audit.service.js';
import { FieldErrors } from '../../platform/http/forms.js';
import { validateIdNumber } from '../../platform/validation/id-number.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { validateMobilePhone } from '../../platform/validation/phone.js';
import { isDemoPasswordAllowed } from '../../platform/security/demo.js';
import * as repo from './identity.repository.js';
import { AccountLockedError, InvalidCredentialsError } from './identity.errors.js';
import { burnVerification, hashPassword, passwordProblem, verifyPassword } from './identity.passwords.js';

export interface Origin {
  listener: Listener;
  ip: string | null;
}


function requireName(errors: FieldErrors, field: string, value: string, max = 50) {
  if (!value) errors.add(field, 'identity:errors.required');
  else if (value.length > max) errors.add(field, 'identity:errors.tooLong', { max });
}

function checkPassword(errors: FieldErrors, password: string, confirm: string, field = 'password') {
  const problem = passwordProblem(password);
  if (problem) errors.add(field, problem);
  else if (password !== confirm) errors.add(`${field}Confirm`, 'identity:errors.passwordMismatch');
}

/** A mainland mobile number field: required, then valid. */
function checkPhone(errors: FieldErrors, field: string, value: unknown) {
  const raw = text(value, 30);
  const phone = validateMobilePhone(raw);
  if (!raw) errors.add(field, 'identity:errors.required');
  else if (!phone.ok) errors.add(field, 'identity:errors.phone');
  return phone;
}

/** The chosen password and its confirmation on a registration form. */
function checkNewPassword(errors: FieldErrors, input: { password?: unknown; passwordConfirm?: unknown }): string {
  const password = typeof input.password === 'string' ? input.password : '';
  checkPassword(errors, password, typeof input.passwordConfirm === 'string' ? input.passwordConfirm : '');
  return password;
}

export interface ResidentInput {
  realName?: unknown;
  idNumber?: unknown;
  phone?: unknown;
  password?: unknown;
  passwordConfirm?: unknown;
}

/**
 * Registers a resident. The ID number and phone are checked (GB 11643 check
 * digit, mainland mobile), stored encrypted, and made unique through keyed
 * hashes. A taken ID number or phone gets one generic message that says only
 * what the flow must: these details can't be registered online.
 */
export async function registerResident(s: PlatformServices, input: ResidentInput, origin: Origin): Promise<string> {
  const errors = new FieldErrors();
  const realName = text(input.realName);
  requireName(errors, 'realName', realName);
  const id = validateIdNumber(text(input.idNumber, 30));
  if (!text(input.idNumber, 30)) errors.add('idNumber', 'identity:errors.required');
  else if (!id.ok) errors.add('idNumber', `identity:errors.idNumber.${id.reason}`);
  const phone = checkPhone(errors, 'phone', input.phone);
  const password = checkNewPassword(errors, input);
  errors.throwIfAny();
  if (!id.ok || !phone.ok) throw new Error('unreachable');

  const idHash = s.cipher.lookupHash('id_number', id.normalised);
  const phoneHash = s.cipher.lookupHash('phone', phone.normalised);
  const passwordHash = await hashPassword(password);
  const accountId = randomUUID();
  await tx(s.db, async (t) => {
    const taken = await repo.residentHashTaken(t, idHash, phoneHash);
    const conflict = new FieldErrors();
    if (taken.idNumber) conflict.add('idNumber', 'identity:errors.cannotRegister');
    if (taken.phone) conflict.add('phone', 'identity:errors.phoneInUse');
    conflict.throwIfAny();
    await repo.insertAccount(t, { id: accountId, kind: 'resident', login: null, displayName: realName, passwordHash });
    await repo.insertResident(t, {
      accountId,
      realName,
      idNumberEnc: s.cipher.encrypt(id.normalised),
      idNumberHash: idHash,
      phoneEnc: s.cipher.encrypt(phone.normalised),
      phoneHash,
    });
    await recordAudit(t, { actor: `resident:${accountId}`, action: 'identity.register', subject: `account:${accountId}`, summary: { kind: 'resident' }, ...origin });
  }).catch(uniqueViolationAsConflict('idNumber'));
  return accountId;
}

export interface EnterpriseInput {
  name?: unknown;
  creditCode?: unknown;
  legalRepName?: unknown;
  contactName?: unknown;
  contactPhone?: unknown;
  password?: unknown;
  passwordConfirm?: unknown;
}

/** Registers an enterprise or organisation account; it signs in with its credit code. */
export async function registerEnterprise(s: PlatformServices, input: EnterpriseInput, origin: Origin): Promise<string> {
  const errors = new FieldErrors();
  const name = text(input.name, 200);
  requireName(errors, 'name', name, 100);
  const code = validateCreditCode(text(input.creditCode, 30));
  if (!text(input.creditCode, 30)) errors.add('creditCode', 'identity:errors.required');
  else if (!code.ok) errors.add('creditCode', `identity:errors.creditCode.${code.reason}`);
  const legalRepName = text(input.legalRepName);
  requireName(errors, 'legalRepName', legalRepName);
  const contactName = text(input.contactName);
  requireName(errors, 'contactName', contactName);
  const phone = checkPhone(errors, 'contactPhone', input.contactPhone);
  const password = checkNewPassword(errors, input);
  errors.throwIfAny();
  if (!code.ok || !phone.ok) throw new Error('unreachable');

  const passwordHash = await hashPassword(password);
  const accountId = randomUUID();
  await tx(s.db, async (t) => {
    if (await repo.creditCodeTaken(t, code.normalised)) new FieldErrors().add('creditCode', 'identity:errors.creditCodeTaken').throwIfAny();
    await repo.insertAccount(t, { id: accountId, kind: 'enterprise', login: code.normalised, displayName: name, passwordHash });
    await repo.insertEnterprise(t, {
      accountId,
      name,
      creditCode: code.normalised,
      legalRepName,
      contactName,
      contactPhoneEnc: s.cipher.encrypt(phone.normalised),
      contactPhoneHash: s.cipher.lookupHash('phone', phone.normalised),
    });
    await recordAudit(t, { actor: `enterprise:${accountId}`, action: 'identity.register', subject: `account:${accountId}`, summary: { kind: 'enterprise', creditCode: code.normalised }, ...origin });
  }).catch(uniqueViolationAsConflict('creditCode'));
  return accountId;
}

/** Two registrations racing past the check meet the unique index: answer as the check would have. */
function uniqueViolationAsConflict(field: string) {
  return (e: unknown) => {
    if (isUniqueViolation(e)) new FieldErrors().add(field, field === 'creditCode' ? 'identity:errors.creditCodeTaken' : 'identity:errors.cannotRegister').throwIfAny();
    throw e;
  };
}

/** Finds the account a login names on a side: staff user names on the internal side; ID number, mobile or credit code on the public side. */
async function findForSignIn(s: PlatformServices, side: Side, login: string): Promise<repo.AccountRow | undefined> {
  if (side === 'internal') return repo.accountByLogin(s.db, 'staff', login.toLowerCase());
  const code = validateCreditCode(login);
  if (code.ok) return repo.accountByLogin(s.db, 'enterprise', code.normalised);
  const id = validateIdNumber(login);
  if (id.ok) return repo.residentAccountByHash(s.db, s.cipher.lookupHash('id_number', id.normalised));
  const phone = validateMobilePhone(login);
  if (phone.ok) return repo.residentAccountByHash(s.db, s.cipher.lookupHash('phone', phone.normalised));
  return undefined;
}

/**
 * Checks a sign-in. Staff accounts exist only on the internal side and
 * residents/enterprises only on the public side, so credentials never cross.
 * Wrong passwords are counted; at the limit the account locks for a while and
 * the error says until when. Outside demo mode the demo password is refused.
 */
export async function signIn(s: PlatformServices, side: Side, login: string, password: string, origin: Origin): Promise<repo.AccountRow> {
  const found = login.trim() ? await findForSignIn(s, side, login.trim()) : undefined;
  if (!found || !found.active) {
    await burnVerification(password);
    await audit(s.db, 'anonymous', 'identity.signin_failed', `login:${side}`, { reason: found ? 'inactive' : 'unknown' }, origin);
    throw new InvalidCredentialsError();
  }
  if (found.lockedUntil && found.lockedUntil > new Date()) {
    await audit(s.db, `${found.kind}:${found.id}`, 'identity.signin_locked', `account:${found.id}`, {}, origin);
    throw new AccountLockedError(found.lockedUntil);
  }
  const demoRefused = !isDemoPasswordAllowed(s.config.demo, password);
  if (demoRefused || !(await verifyPassword(found.passwordHash, password))) {
    const after = await repo.recordFailedSignIn(s.db, found.id, s.config.signInMaxFailures, s.config.signInLockMinutes);
    await audit(s.db, `${found.kind}:${found.id}`, 'identity.signin_failed', `account:${found.id}`, { failures: after.failed, demoRefused }, origin);
    if (after.lockedUntil && after.lockedUntil > new Date()) throw new AccountLockedError(after.lockedUntil);
    throw new InvalidCredentialsError();
  }
  await repo.clearFailedSignIns(s.db, found.id);
  await audit(s.db, `${found.kind}:${found.id}`, 'identity.signin', `account:${found.id}`, {}, origin);
  return found;
}

async function audit(db: Db, actor: string, action: string, subject: string, summary: Record<string, unknown>, origin: Origin) {
  await tx(db, (t) => recordAudit(t, { actor, action, subject, summary, ...origin }));
}

/** Changes a password after checking the current one; the caller then ends the account's other sessions. */
export async function changePassword(s: PlatformServices, actor: Actor, current: string, next: string, confirm: string, origin: Origin): Promise<void> {
  const acc = await repo.accountById(s.db, actor.accountId);
  const errors = new FieldErrors();
  if (!acc || !(await verifyPassword(acc.passwordHash, current))) errors.add('currentPassword', 'identity:errors.currentPasswordWrong');
  checkPassword(errors, next, confirm, 'newPassword');
  errors.throwIfAny();
  const passwordHash = await hashPassword(next);
  await tx(s.db, async (t) => {
    await repo.setPasswordHash(t, actor.accountId, passwordHash);
    await recordAudit(t, { actor: `${actor.kind}:${actor.accountId}`, action: 'identity.password_change', subject: `account:${actor.accountId}`, summary: {}, ...origin });
  });
}

/** Builds the Actor for a session on a side; a session for the other side's kind of account means nothing here. */
export async function resolveActor(request: FastifyRequest, s: PlatformServices): Promise<Actor | undefined> {
  const session = request.session;
  if (!session?.subjectId) return undefined;
  const acc = await repo.actorRow(s.db, session.subjectId);
  const side = request.auditOrigin().listener;
  if (!acc || !acc.active) return undefined;
  if ((side === 'internal') !== (acc.kind === 'staff')) return undefined;
  // Sessions started before the last password change are no longer valid.
  if (typeof session.data.startedAt === 'string' && new Date(session.data.startedAt) < acc.passwordChangedAt) return undefined;
  const base = { accountId: acc.id, kind: acc.kind, displayName: acc.displayName, side, ip: request.ip };
  if (acc.kind !== 'staff') return { ...base, roles: [], orgUnitId: null, departmentCode: null, regionCode: null };
  if (!acc.orgUnitId || !acc.orgCode) return undefined;
  return { ...base, roles: acc.roles, orgUnitId: acc.orgUnitId, departmentCode: departmentCodeOf(acc.orgCode), regionCode: acc.regionCode };
}

/** Org codes are hierarchical, 3 digits a level: government `001`, department `001004`, section `001004002`. */
export const departmentCodeOf = (orgCode: string) => (orgCode.length >= 6 ? orgCode.slice(0, 6) : orgCode);
