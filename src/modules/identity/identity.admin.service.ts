/**
 * The administration of identity: the organisation and region trees, staff accounts and
 * the resident look-up with its audited "reveal". Every function checks its permission
 * (and scope) here, through the permission registry: a denial is audited and becomes 403.
 * Templates only reflect these answers.
 */
import { randomUUID } from 'node:crypto';
import type { PlatformServices } from '../../platform/module.js';
import { isUniqueViolation, transaction as tx, type Db } from '../../platform/db/database.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { text as trimmed } from './identity.input.js';

export { isUuid };
const text = (value: unknown, max = 200) => trimmed(value, max);
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { FieldErrors } from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { validateIdNumber } from '../../platform/validation/id-number.js';
import { validateMobilePhone } from '../../platform/validation/phone.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import * as repo from './identity.repository.js';
import { P, inDepartmentScope, mayGrantRole, seesAllDepartments } from './identity.policy.js';
import { ROLES, isRole, type Role } from './identity.roles.js';
import { hashPassword, passwordProblem } from './identity.passwords.js';
import type { Origin } from './identity.service.js';

/** Error keys name their field: `identity:admin.errors.<field>.<problem>`. */
const E = (field: string, problem: string) => `identity:admin.errors.${field}.${problem}`;
export const NAME_MAX = 50;


// ---- trees (organisation and regions) -----------------------------------

export interface NamesInput {
  nameZh?: unknown;
  nameEn?: unknown;
}

function checkNames(input: NamesInput): { nameZh: string; nameEn: string } {
  const errors = new FieldErrors();
  const nameZh = text(input.nameZh);
  const nameEn = text(input.nameEn);
  for (const [field, value] of [['nameZh', nameZh], ['nameEn', nameEn]] as const) {
    if (!value) errors.add(field, E(field, 'required'));
    else if (value.length > NAME_MAX) errors.add(field, E(field, 'tooLong'), { max: NAME_MAX });
  }
  errors.throwIfAny();
  return { nameZh, nameEn };
}

/** The next free code under a parent: the parent's code + the next unused 3-digit suffix. */
function nextChildCode(parentCode: string, taken: string[]): string | undefined {
  let max = 0;
  for (const code of taken) {
    const suffix = code.slice(parentCode.length);
    if (code.startsWith(parentCode) && /^\d{3}$/.test(suffix)) max = Math.max(max, Number(suffix));
  }
  return max >= 999 ? undefined : `${parentCode}${String(max + 1).padStart(3, '0')}`;
}

export type TreeKind = 'org' | 'region';
export interface TreeNode {
  id: string;
  parentId: string | null;
  code: string;
  /** org: government / department / section; region: county / township / village. */
  level: string;
  nameZh: string;
  nameEn: string;
}

const CHILD_LEVEL: Record<TreeKind, Record<string, string | undefined>> = {
  org: { government: 'department', department: 'section' },
  region: { county: 'township', township: 'village' },
};
export const childLevelOf = (kind: TreeKind, level: string) => CHILD_LEVEL[kind][level];

const treePermission = (kind: TreeKind) => (kind === 'org' ? P.orgManage : P.regionManage);
const toNode = (kind: TreeKind, r: repo.OrgUnitRow | repo.RegionRow): TreeNode => ({
  id: r.id,
  parentId: r.parentId,
  code: r.code,
  level: kind === 'org' ? (r as repo.OrgUnitRow).kind : (r as repo.RegionRow).level,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
});

export async function listTree(s: PlatformServices, actor: Actor, kind: TreeKind): Promise<TreeNode[]> {
  await s.permissions.authorize(s.db, actor, treePermission(kind));
  const rows = kind === 'org' ? await repo.listOrgUnits(s.db) : await repo.listRegions(s.db);
  return rows.map((r) => toNode(kind, r));
}

async function findNode(db: Db, kind: TreeKind, id: unknown): Promise<TreeNode> {
  const row = isUuid(id) ? (kind === 'org' ? await repo.orgUnitById(db, id) : await repo.regionById(db, id)) : undefined;
  if (!row) throw new NotFoundError(kind === 'org' ? 'org_unit' : 'region');
  return toNode(kind, row);
}

/** A node to edit, or the parent of a node to create (404 when it may not have children). */
export async function treeNode(s: PlatformServices, actor: Actor, kind: TreeKind, id: unknown, asParent = false): Promise<TreeNode> {
  await s.permissions.authorize(s.db, actor, treePermission(kind));
  const node = await findNode(s.db, kind, id);
  if (asParent && !childLevelOf(kind, node.level)) throw new NotFoundError('parent');
  return node;
}

export async function createTreeNode(s: PlatformServices, actor: Actor, kind: TreeKind, parentId: unknown, input: NamesInput, origin: Origin): Promise<TreeNode> {
  await s.permissions.authorize(s.db, actor, treePermission(kind));
  await findNode(s.db, kind, parentId);
  const names = checkNames(input);
  return tx(s.db, async (t) => {
    const parent = kind === 'org' ? await repo.lockOrgUnit(t, parentId as string) : await repo.lockRegion(t, parentId as string);
    if (!parent) throw new NotFoundError('parent');
    const parentNode = toNode(kind, parent);
    const level = childLevelOf(kind, parentNode.level);
    if (!level) throw new NotFoundError('parent');
    const taken = kind === 'org' ? await repo.orgChildCodes(t, parent.id) : await repo.regionChildCodes(t, parent.id);
    const code = nextChildCode(parent.code, taken);
    if (!code) new FieldErrors().add('nameZh', E('nameZh', 'treeFull')).throwIfAny();
    const node: TreeNode = { id: randomUUID(), parentId: parent.id, code: code!, level, ...names };
    if (kind === 'org') {
      await repo.insertOrgUnit(t, { id: node.id, parentId: parent.id, code: node.code, kind: level as 'department' | 'section', ...names, sort: taken.length });
    } else {
      await repo.insertRegion(t, { id: node.id, parentId: parent.id, code: node.code, level: level as 'township' | 'village', ...names });
    }
    const subject = kind === 'org' ? `org_unit:${node.id}` : `region:${node.id}`;
    await recordAudit(t, {
      actor: actorRef(actor),
      action: `identity.${kind}.create`,
      subject,
      summary: { code: node.code, level, parent: parent.code, before: null, after: names },
      ...origin,
    });
    return node;
  });
}

export async function renameTreeNode(s: PlatformServices, actor: Actor, kind: TreeKind, id: unknown, input: NamesInput, origin: Origin): Promise<TreeNode> {
  await s.permissions.authorize(s.db, actor, treePermission(kind));
  const node = await findNode(s.db, kind, id);
  const names = checkNames(input);
  await tx(s.db, async (t) => {
    const current = kind === 'org' ? await repo.lockOrgUnit(t, node.id) : await repo.lockRegion(t, node.id);
    if (!current) throw new NotFoundError(kind);
    if (kind === 'org') await repo.updateOrgUnitNames(t, node.id, names.nameZh, names.nameEn);
    else await repo.updateRegionNames(t, node.id, names.nameZh, names.nameEn);
    await recordAudit(t, {
      actor: actorRef(actor),
      action: `identity.${kind}.rename`,
      subject: kind === 'org' ? `org_unit:${node.id}` : `region:${node.id}`,
      summary: { code: current.code, before: { nameZh: current.nameZh, nameEn: current.nameEn }, after: names },
      ...origin,
    });
  });
  return { ...node, ...names };
}

// ---- staff ----------------------------------------------------------------

/** The staff of one org unit (a department with its sections, or one section), within the actor's department scope. */
export async function unitStaff(s: PlatformServices, actor: Actor, unitId: unknown): Promise<{ unit: TreeNode; staff: repo.StaffListRow[] }> {
  await s.permissions.authorize(s.db, actor, P.staffView);
  const unit = await findNode(s.db, 'org', unitId);
  await s.permissions.authorize(s.db, actor, P.staffView, inDepartmentScope(actor, unit.code), `org_unit:${unit.id}`);
  return { unit, staff: await repo.listStaff(s.db, unit.code) };
}

/** Every staff account the actor may see: all for supervisors and administrators, their own department for the others. */
export async function staffList(s: PlatformServices, actor: Actor): Promise<repo.StaffListRow[]> {
  await s.permissions.authorize(s.db, actor, P.staffView, seesAllDepartments(actor) || !!actor.departmentCode);
  return repo.listStaff(s.db, seesAllDepartments(actor) ? undefined : actor.departmentCode!);
}

export interface StaffFormOptions {
  orgUnits: TreeNode[];
  regions: TreeNode[];
  roles: Role[];
}

/** What the staff form offers this actor: org units in scope, every region, the roles they may grant. */
export async function staffFormOptions(s: PlatformServices, actor: Actor): Promise<StaffFormOptions> {
  await s.permissions.authorize(s.db, actor, P.staffManage);
  const orgUnits = (await repo.listOrgUnits(s.db)).filter((u) => inDepartmentScope(actor, u.code)).map((u) => toNode('org', u));
  const regions = (await repo.listRegions(s.db)).map((r) => toNode('region', r));
  return { orgUnits, regions, roles: ROLES.filter((r) => mayGrantRole(actor, r)) };
}

/** A staff account to edit; the actor must manage staff and have the account's department in scope. */
export async function staffAccount(s: PlatformServices, actor: Actor, id: unknown): Promise<repo.StaffDetailRow> {
  await s.permissions.authorize(s.db, actor, P.staffManage);
  const found = isUuid(id) ? await repo.staffDetail(s.db, id) : undefined;
  if (!found) throw new NotFoundError('staff');
  await s.permissions.authorize(s.db, actor, P.staffManage, inDepartmentScope(actor, found.orgCode), `account:${found.id}`);
  return found;
}

export interface StaffInput {
  login?: unknown;
  displayName?: unknown;
  orgUnit?: unknown;
  region?: unknown;
  roles?: unknown;
  active?: unknown;
  password?: unknown;
}

const LOGIN = /^[a-z0-9._-]{3,32}$/;

interface CheckedStaff {
  login: string;
  displayName: string;
  orgUnit: repo.OrgUnitRow;
  region: repo.RegionRow | null;
  roles: Role[];
}

/** Validates the fields (every problem at once), then the actor's scope over the new org unit and each role. */
async function checkStaffInput(s: PlatformServices, actor: Actor, input: StaffInput, subject: string, opts: { password?: string; exceptId?: string } = {}): Promise<CheckedStaff> {
  const errors = new FieldErrors();
  const login = text(input.login, 40).toLowerCase();
  if (!login) errors.add('login', E('login', 'required'));
  else if (!LOGIN.test(login)) errors.add('login', E('login', 'format'));
  else if (await loginTaken(s.db, login, opts.exceptId)) errors.add('login', E('login', 'taken'));
  const displayName = text(input.displayName);
  if (!displayName) errors.add('displayName', E('displayName', 'required'));
  else if (displayName.length > NAME_MAX) errors.add('displayName', E('displayName', 'tooLong'), { max: NAME_MAX });
  const orgUnit = isUuid(input.orgUnit) ? await repo.orgUnitById(s.db, input.orgUnit) : undefined;
  if (!orgUnit) errors.add('orgUnit', E('orgUnit', text(input.orgUnit) ? 'unknown' : 'required'));
  const regionText = text(input.region);
  const region = isUuid(regionText) ? await repo.regionById(s.db, regionText) : undefined;
  if (regionText && !region) errors.add('region', E('region', 'unknown'));
  const raw = (Array.isArray(input.roles) ? input.roles : input.roles === undefined ? [] : [input.roles]).map((r) => text(r, 40));
  const roles = [...new Set(raw.filter((r) => r !== ''))];
  if (roles.length === 0) errors.add('roles', E('roles', 'required'));
  else if (!roles.every(isRole)) errors.add('roles', E('roles', 'unknown'));
  if (roles.includes('township_agent') && !regionText) errors.add('region', E('region', 'requiredForAgent'));
  const problem = opts.password === undefined ? null : passwordProblem(opts.password);
  // passwordProblem's keys are identity:errors.password{Short,Long,Weak,Demo}; ours name the field.
  if (problem) errors.add('password', E('password', problem.replace(/^identity:errors\.password/, '').toLowerCase()));
  errors.throwIfAny();
  await s.permissions.authorize(s.db, actor, P.staffManage, inDepartmentScope(actor, orgUnit!.code), subject);
  for (const role of roles) await s.permissions.authorize(s.db, actor, P.staffManage, mayGrantRole(actor, role), subject);
  return { login, displayName, orgUnit: orgUnit!, region: region ?? null, roles: (roles as Role[]).sort() };
}

async function loginTaken(db: Db, login: string, exceptId?: string): Promise<boolean> {
  const other = await repo.accountByLogin(db, 'staff', login);
  return !!other && other.id !== exceptId;
}
const loginTakenError = () => new FieldErrors().add('login', E('login', 'taken')).throwIfAny();

export async function createStaff(s: PlatformServices, actor: Actor, input: StaffInput, origin: Origin): Promise<string> {
  await s.permissions.authorize(s.db, actor, P.staffManage);
  const password = typeof input.password === 'string' ? input.password : '';
  const checked = await checkStaffInput(s, actor, input, 'account:new', { password });
  const passwordHash = await hashPassword(password);
  const id = randomUUID();
  await tx(s.db, async (t) => {
    if (await loginTaken(t, checked.login)) loginTakenError();
    await repo.insertAccount(t, { id, kind: 'staff', login: checked.login, displayName: checked.displayName, passwordHash });
    await repo.upsertStaffProfile(t, { accountId: id, orgUnitId: checked.orgUnit.id, regionId: checked.region?.id ?? null });
    await repo.replaceRoles(t, id, checked.roles);
    await recordAudit(t, {
      actor: actorRef(actor),
      action: 'identity.staff.create',
      subject: `account:${id}`,
      summary: { login: checked.login, displayName: checked.displayName, orgUnit: checked.orgUnit.code, region: checked.region?.code ?? null, roles: checked.roles },
      ...origin,
    });
  }).catch((e: unknown) => {
    if (isUniqueViolation(e)) loginTakenError();
    throw e;
  });
  return id;
}

/**
 * Changes a staff account. The actor needs the account's current and new department in scope,
 * and may touch an account only when they could grant every role it has and will have (so a
 * department head can neither make nor unmake an administrator). Returns whether the account
 * was deactivated, so the caller ends its sessions.
 */
export async function updateStaff(s: PlatformServices, actor: Actor, id: unknown, input: StaffInput, origin: Origin): Promise<{ deactivated: boolean }> {
  const current = await staffAccount(s, actor, id);
  const subject = `account:${current.id}`;
  for (const role of current.roles) await s.permissions.authorize(s.db, actor, P.staffManage, mayGrantRole(actor, role), subject);
  const checked = await checkStaffInput(s, actor, input, subject, { exceptId: current.id });
  const active = input.active === 'on' || input.active === 'true' || input.active === true;
  if (!active && current.id === actor.accountId) new FieldErrors().add('active', E('active', 'self')).throwIfAny();

  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const note = (field: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[field] = { before, after };
  };
  note('login', current.login, checked.login);
  note('displayName', current.displayName, checked.displayName);
  note('orgUnit', current.orgCode, checked.orgUnit.code);
  note('region', current.regionCode, checked.region?.code ?? null);
  note('roles', current.roles, checked.roles);
  note('active', current.active, active);
  if (Object.keys(changes).length === 0) return { deactivated: false };

  await tx(s.db, async (t) => {
    if (await loginTaken(t, checked.login, current.id)) loginTakenError();
    await repo.updateStaffAccount(t, current.id, { login: checked.login, displayName: checked.displayName, active });
    await repo.upsertStaffProfile(t, { accountId: current.id, orgUnitId: checked.orgUnit.id, regionId: checked.region?.id ?? null });
    await repo.replaceRoles(t, current.id, checked.roles);
    await recordAudit(t, { actor: actorRef(actor), action: 'identity.staff.update', subject, summary: { login: checked.login, changes }, ...origin });
  }).catch((e: unknown) => {
    if (isUniqueViolation(e)) loginTakenError();
    throw e;
  });
  return { deactivated: current.active && !active };
}

// ---- residents --------------------------------------------------------------

export interface MaskedResident {
  id: string;
  realName: string;
  idNumber: string;
  phone: string;
  createdAt?: Date;
}

function masked(s: PlatformServices, r: repo.ResidentRow & { createdAt?: Date }): MaskedResident {
  return { id: r.accountId, realName: r.realName, idNumber: maskIdNumber(s.cipher.decrypt(r.idNumberEnc)), phone: maskPhone(s.cipher.decrypt(r.phoneEnc)), createdAt: r.createdAt };
}

export const RESIDENTS_PER_PAGE = 20;

export interface ResidentSearch {
  /** Undefined without a query; null when nobody matched. */
  match?: MaskedResident | null;
  list: MaskedResident[];
  page: number;
  totalPages: number;
}

/** Looks a resident up by exact ID number or mobile number (through the keyed hash), plus a page of all residents, masked. */
export async function searchResidents(s: PlatformServices, actor: Actor, q: unknown, pageParam: unknown): Promise<ResidentSearch> {
  await s.permissions.authorize(s.db, actor, P.residentView);
  const query = text(q, 40).replace(/\s+/g, '');
  const total = await repo.countResidents(s.db);
  const totalPages = Math.max(1, Math.ceil(total / RESIDENTS_PER_PAGE));
  const asked = Number.parseInt(text(pageParam, 6), 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(1, asked), totalPages) : 1;
  const list = (await repo.listResidents(s.db, RESIDENTS_PER_PAGE, (page - 1) * RESIDENTS_PER_PAGE)).map((r) => masked(s, r));
  if (!query) return { list, page, totalPages };
  const id = validateIdNumber(query);
  const phone = id.ok ? undefined : validateMobilePhone(query);
  if (!id.ok && !phone?.ok) new FieldErrors().add('q', E('q', 'invalid')).throwIfAny();
  const hash = id.ok ? s.cipher.lookupHash('id_number', id.normalised) : s.cipher.lookupHash('phone', (phone as { normalised: string }).normalised);
  const acc = await repo.residentAccountByHash(s.db, hash);
  const profile = acc ? await repo.residentById(s.db, acc.id) : undefined;
  return { match: profile ? masked(s, profile) : null, list, page, totalPages };
}

export async function residentMasked(s: PlatformServices, actor: Actor, id: unknown): Promise<MaskedResident> {
  await s.permissions.authorize(s.db, actor, P.residentView);
  const r = isUuid(id) ? await repo.residentById(s.db, id) : undefined;
  if (!r) throw new NotFoundError('resident');
  return masked(s, r);
}

/** The whole ID number and phone, for a role that needs them; the reading is audited (which fields, never the values). */
export async function revealResident(s: PlatformServices, actor: Actor, id: unknown, origin: Origin): Promise<MaskedResident> {
  await s.permissions.authorize(s.db, actor, P.residentReveal, true, isUuid(id) ? `account:${id}` : P.residentReveal);
  const r = isUuid(id) ? await repo.residentById(s.db, id) : undefined;
  if (!r) throw new NotFoundError('resident');
  const whole = { id: r.accountId, realName: r.realName, idNumber: s.cipher.decrypt(r.idNumberEnc), phone: s.cipher.decrypt(r.phoneEnc) };
  await tx(s.db, (t) =>
    recordAudit(t, { actor: actorRef(actor), action: 'identity.resident.reveal', subject: `account:${r.accountId}`, summary: { fields: ['idNumber', 'phone'] }, ...origin }),
  );
  return whole;
}
