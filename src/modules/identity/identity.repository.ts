import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { execPrepared, type Db } from '../../platform/db/database.js';
import { account, enterpriseAgent, enterpriseProfile, orgUnit, region, residentProfile, staffProfile, staffRole } from './identity.schema.js';

export type AccountRow = typeof account.$inferSelect;
export type OrgUnitRow = typeof orgUnit.$inferSelect;
export type RegionRow = typeof region.$inferSelect;
export type ResidentRow = typeof residentProfile.$inferSelect;
export type EnterpriseRow = typeof enterpriseProfile.$inferSelect;

// ---- accounts ----------------------------------------------------------

export async function insertAccount(db: Db, row: typeof account.$inferInsert): Promise<void> {
  await db.insert(account).values(row);
}

export async function accountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return (await db.select().from(account).where(eq(account.id, id)).limit(1))[0];
}

/** Display names of several accounts in one query (unknown ids are left out). */
export async function accountNamesByIds(db: Db, ids: string[]): Promise<{ id: string; kind: string; displayName: string }[]> {
  if (!ids.length) return [];
  return db.select({ id: account.id, kind: account.kind, displayName: account.displayName }).from(account).where(inArray(account.id, ids));
}

export async function accountByLogin(db: Db, kind: 'staff' | 'enterprise', login: string): Promise<AccountRow | undefined> {
  return (await db.select().from(account).where(and(eq(account.kind, kind), eq(account.login, login))).limit(1))[0];
}

/** A resident by the keyed hash of their ID number or of their mobile number. */
export async function residentAccountByHash(db: Db, hash: string): Promise<AccountRow | undefined> {
  const rows = await db
    .select({ account })
    .from(account)
    .innerJoin(residentProfile, eq(residentProfile.accountId, account.id))
    .where(or(eq(residentProfile.idNumberHash, hash), eq(residentProfile.phoneHash, hash)))
    .limit(1);
  return rows[0]?.account;
}

/** Counts a failed sign-in atomically; locks the account when the count reaches `max`. */
export async function recordFailedSignIn(db: Db, id: string, max: number, lockMinutes: number): Promise<{ failed: number; lockedUntil: Date | null }> {
  const [row] = await db
    .update(account)
    .set({
      failedAttempts: sql`${account.failedAttempts} + 1`,
      lockedUntil: sql`case when ${account.failedAttempts} + 1 >= ${max} then now() + make_interval(mins => ${lockMinutes}) else ${account.lockedUntil} end`,
    })
    .where(eq(account.id, id))
    .returning({ failed: account.failedAttempts, lockedUntil: account.lockedUntil });
  return row!;
}

export async function clearFailedSignIns(db: Db, id: string): Promise<void> {
  await db.update(account).set({ failedAttempts: 0, lockedUntil: null }).where(eq(account.id, id));
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.update(account).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(account.id, id));
}

export async function setAccountActive(db: Db, id: string, active: boolean): Promise<void> {
  await db.update(account).set({ active }).where(eq(account.id, id));
}

// ---- residents and enterprises ----------------------------------------

export async function insertResident(db: Db, row: typeof residentProfile.$inferInsert): Promise<void> {
  await db.insert(residentProfile).values(row);
}

export async function residentById(db: Db, accountId: string): Promise<ResidentRow | undefined> {
  return (await db.select().from(residentProfile).where(eq(residentProfile.accountId, accountId)).limit(1))[0];
}

export async function residentHashTaken(db: Db, idNumberHash: string, phoneHash: string): Promise<{ idNumber: boolean; phone: boolean }> {
  const rows = await db
    .select({ id: residentProfile.idNumberHash, phone: residentProfile.phoneHash })
    .from(residentProfile)
    .where(or(eq(residentProfile.idNumberHash, idNumberHash), eq(residentProfile.phoneHash, phoneHash)));
  return { idNumber: rows.some((r) => r.id === idNumberHash), phone: rows.some((r) => r.phone === phoneHash) };
}

export async function listResidents(db: Db, limit: number, offset: number): Promise<(ResidentRow & { createdAt: Date })[]> {
  const rows = await db
    .select({ r: residentProfile, createdAt: account.createdAt })
    .from(residentProfile)
    .innerJoin(account, eq(account.id, residentProfile.accountId))
    .orderBy(asc(account.createdAt), asc(account.id))
    .limit(limit)
    .offset(offset);
  return rows.map((x) => ({ ...x.r, createdAt: x.createdAt }));
}

export async function countResidents(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(residentProfile);
  return row!.n;
}

export async function insertEnterprise(db: Db, row: typeof enterpriseProfile.$inferInsert): Promise<void> {
  await db.insert(enterpriseProfile).values(row);
}

export async function enterpriseById(db: Db, accountId: string): Promise<EnterpriseRow | undefined> {
  return (await db.select().from(enterpriseProfile).where(eq(enterpriseProfile.accountId, accountId)).limit(1))[0];
}

export async function creditCodeTaken(db: Db, creditCode: string): Promise<boolean> {
  return (await db.select({ id: enterpriseProfile.accountId }).from(enterpriseProfile).where(eq(enterpriseProfile.creditCode, creditCode)).limit(1)).length > 0;
}

export async function insertAgentLink(db: Db, enterpriseId: string, residentId: string): Promise<boolean> {
  const rows = await db.insert(enterpriseAgent).values({ enterpriseId, residentId }).onConflictDoNothing().returning({ e: enterpriseAgent.enterpriseId });
  return rows.length > 0;
}

export async function deleteAgentLink(db: Db, enterpriseId: string, residentId: string): Promise<boolean> {
  const rows = await db
    .delete(enterpriseAgent)
    .where(and(eq(enterpriseAgent.enterpriseId, enterpriseId), eq(enterpriseAgent.residentId, residentId)))
    .returning({ e: enterpriseAgent.enterpriseId });
  return rows.length > 0;
}

export async function agentsOfEnterprise(db: Db, enterpriseId: string): Promise<(ResidentRow & { linkedAt: Date })[]> {
  const rows = await db
    .select({ r: residentProfile, linkedAt: enterpriseAgent.createdAt })
    .from(enterpriseAgent)
    .innerJoin(residentProfile, eq(residentProfile.accountId, enterpriseAgent.residentId))
    .where(eq(enterpriseAgent.enterpriseId, enterpriseId))
    .orderBy(asc(enterpriseAgent.createdAt));
  return rows.map((x) => ({ ...x.r, linkedAt: x.linkedAt }));
}

export async function enterprisesOfResident(db: Db, residentId: string): Promise<EnterpriseRow[]> {
  const rows = await db
    .select({ e: enterpriseProfile })
    .from(enterpriseAgent)
    .innerJoin(enterpriseProfile, eq(enterpriseProfile.accountId, enterpriseAgent.enterpriseId))
    .where(eq(enterpriseAgent.residentId, residentId))
    .orderBy(asc(enterpriseProfile.name));
  return rows.map((x) => x.e);
}

// ---- staff ------------------------------------------------------------

export interface StaffContextRow {
  orgUnitId: string;
  orgCode: string;
  regionCode: string | null;
  roles: string[];
}

export async function staffContext(db: Db, accountId: string): Promise<StaffContextRow | undefined> {
  const rows = await db
    .select({ orgUnitId: staffProfile.orgUnitId, orgCode: orgUnit.code, regionCode: region.code })
    .from(staffProfile)
    .innerJoin(orgUnit, eq(orgUnit.id, staffProfile.orgUnitId))
    .leftJoin(region, eq(region.id, staffProfile.regionId))
    .where(eq(staffProfile.accountId, accountId))
    .limit(1);
  if (!rows[0]) return undefined;
  const roles = await db.select({ role: staffRole.role }).from(staffRole).where(eq(staffRole.accountId, accountId));
  return { ...rows[0], roles: roles.map((r) => r.role).sort() };
}

export interface ActorRow {
  id: string;
  kind: AccountRow['kind'];
  displayName: string;
  active: boolean;
  passwordChangedAt: Date;
  /** Staff only (null for the public, or staff without a profile). */
  orgUnitId: string | null;
  orgCode: string | null;
  regionCode: string | null;
  roles: string[];
}

/**
 * Everything a request's actor needs, in one round trip: the account, and for
 * staff the org unit, region and roles. Every signed-in page asks for it, so it
 * is one query rather than three, prepared once per connection on PostgreSQL.
 */
export async function actorRow(db: Db, accountId: string): Promise<ActorRow | undefined> {
  const rows = await execPrepared<Record<string, unknown>>(
    db,
    sql`select a.id, a.kind, a.display_name, a.active, a.password_changed_at, p.org_unit_id, o.code as org_code, r.code as region_code,
        coalesce((select array_agg(sr.role order by sr.role) from staff_role sr where sr.account_id = a.id), '{}') as roles
      from account a
      left join staff_profile p on p.account_id = a.id
      left join org_unit o on o.id = p.org_unit_id
      left join region r on r.id = p.region_id
      where a.id = ${accountId}::uuid limit 1`,
  );
  const row = rows[0];
  if (!row) return undefined;
  const changed = row.password_changed_at;
  return {
    id: String(row.id),
    kind: row.kind as AccountRow['kind'],
    displayName: String(row.display_name),
    active: Boolean(row.active),
    passwordChangedAt: changed instanceof Date ? changed : new Date(String(changed)),
    orgUnitId: (row.org_unit_id as string | null) ?? null,
    orgCode: (row.org_code as string | null) ?? null,
    regionCode: (row.region_code as string | null) ?? null,
    roles: (row.roles as string[]) ?? [],
  };
}

export async function upsertStaffProfile(db: Db, row: typeof staffProfile.$inferInsert): Promise<void> {
  await db
    .insert(staffProfile)
    .values(row)
    .onConflictDoUpdate({ target: staffProfile.accountId, set: { orgUnitId: row.orgUnitId, regionId: row.regionId ?? null } });
}

export async function replaceRoles(db: Db, accountId: string, roles: string[]): Promise<void> {
  await db.delete(staffRole).where(eq(staffRole.accountId, accountId));
  if (roles.length) await db.insert(staffRole).values(roles.map((role) => ({ accountId, role })));
}

export interface StaffListRow {
  id: string;
  login: string | null;
  displayName: string;
  active: boolean;
  orgUnitId: string;
  orgCode: string;
  orgNameZh: string;
  orgNameEn: string;
  regionNameZh: string | null;
  regionNameEn: string | null;
  roles: string[];
}

/** Staff, optionally only those whose org unit code starts with `orgCodePrefix` (a department and its sections). */
export async function listStaff(db: Db, orgCodePrefix?: string): Promise<StaffListRow[]> {
  const rows = await db
    .select({
      id: account.id,
      login: account.login,
      displayName: account.displayName,
      active: account.active,
      orgUnitId: orgUnit.id,
      orgCode: orgUnit.code,
      orgNameZh: orgUnit.nameZh,
      orgNameEn: orgUnit.nameEn,
      regionNameZh: region.nameZh,
      regionNameEn: region.nameEn,
    })
    .from(account)
    .innerJoin(staffProfile, eq(staffProfile.accountId, account.id))
    .innerJoin(orgUnit, eq(orgUnit.id, staffProfile.orgUnitId))
    .leftJoin(region, eq(region.id, staffProfile.regionId))
    .where(orgCodePrefix ? like(orgUnit.code, `${orgCodePrefix}%`) : undefined)
    .orderBy(asc(orgUnit.code), asc(account.login));
  if (rows.length === 0) return [];
  const roles = await db.select().from(staffRole).where(inArray(staffRole.accountId, rows.map((r) => r.id)));
  return rows.map((r) => ({ ...r, roles: roles.filter((x) => x.accountId === r.id).map((x) => x.role).sort() }));
}

// ---- organisation and regions ------------------------------------------

export async function listOrgUnits(db: Db): Promise<OrgUnitRow[]> {
  return db.select().from(orgUnit).orderBy(asc(orgUnit.code));
}

export async function orgUnitById(db: Db, id: string): Promise<OrgUnitRow | undefined> {
  return (await db.select().from(orgUnit).where(eq(orgUnit.id, id)).limit(1))[0];
}

export async function orgUnitByCode(db: Db, code: string): Promise<OrgUnitRow | undefined> {
  return (await db.select().from(orgUnit).where(eq(orgUnit.code, code)).limit(1))[0];
}

export async function insertOrgUnit(db: Db, row: typeof orgUnit.$inferInsert): Promise<void> {
  await db.insert(orgUnit).values(row);
}

export async function updateOrgUnitNames(db: Db, id: string, nameZh: string, nameEn: string): Promise<void> {
  await db.update(orgUnit).set({ nameZh, nameEn }).where(eq(orgUnit.id, id));
}

export async function listRegions(db: Db): Promise<RegionRow[]> {
  return db.select().from(region).orderBy(asc(region.code));
}

export async function regionById(db: Db, id: string): Promise<RegionRow | undefined> {
  return (await db.select().from(region).where(eq(region.id, id)).limit(1))[0];
}

export async function regionByCode(db: Db, code: string): Promise<RegionRow | undefined> {
  return (await db.select().from(region).where(eq(region.code, code)).limit(1))[0];
}

export async function insertRegion(db: Db, row: typeof region.$inferInsert): Promise<void> {
  await db.insert(region).values(row);
}

export async function updateRegionNames(db: Db, id: string, nameZh: string, nameEn: string): Promise<void> {
  await db.update(region).set({ nameZh, nameEn }).where(eq(region.id, id));
}

// ---- administration (admin pages) ----

/** Locks an org unit's row until the transaction ends, so two children created at once never get the same code. */
export async function lockOrgUnit(db: Db, id: string): Promise<OrgUnitRow | undefined> {
  return (await db.select().from(orgUnit).where(eq(orgUnit.id, id)).limit(1).for('update'))[0];
}

export async function orgChildCodes(db: Db, parentId: string): Promise<string[]> {
  return (await db.select({ code: orgUnit.code }).from(orgUnit).where(eq(orgUnit.parentId, parentId))).map((r) => r.code);
}

export async function lockRegion(db: Db, id: string): Promise<RegionRow | undefined> {
  return (await db.select().from(region).where(eq(region.id, id)).limit(1).for('update'))[0];
}

export async function regionChildCodes(db: Db, parentId: string): Promise<string[]> {
  return (await db.select({ code: region.code }).from(region).where(eq(region.parentId, parentId))).map((r) => r.code);
}

export interface StaffDetailRow {
  id: string;
  login: string | null;
  displayName: string;
  active: boolean;
  orgUnitId: string;
  orgCode: string;
  regionId: string | null;
  regionCode: string | null;
  roles: string[];
}

/** One staff account with where it sits and its roles; undefined for other kinds of account. */
export async function staffDetail(db: Db, id: string): Promise<StaffDetailRow | undefined> {
  const rows = await db
    .select({
      id: account.id,
      login: account.login,
      displayName: account.displayName,
      active: account.active,
      orgUnitId: staffProfile.orgUnitId,
      orgCode: orgUnit.code,
      regionId: staffProfile.regionId,
      regionCode: region.code,
    })
    .from(account)
    .innerJoin(staffProfile, eq(staffProfile.accountId, account.id))
    .innerJoin(orgUnit, eq(orgUnit.id, staffProfile.orgUnitId))
    .leftJoin(region, eq(region.id, staffProfile.regionId))
    .where(and(eq(account.id, id), eq(account.kind, 'staff')))
    .limit(1);
  if (!rows[0]) return undefined;
  const roles = await db.select({ role: staffRole.role }).from(staffRole).where(eq(staffRole.accountId, id));
  return { ...rows[0], roles: roles.map((r) => r.role).sort() };
}

export async function updateStaffAccount(db: Db, id: string, values: { login: string; displayName: string; active: boolean }): Promise<void> {
  await db.update(account).set(values).where(and(eq(account.id, id), eq(account.kind, 'staff')));
}
