import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-crypto.js';
import type { Actor } from '../../platform/auth/actor.js';
import { accountByLogin, accountNamesByIds, enterpriseById, enterprisesOfResident, listOrgUnits, listRegions, residentById, residentAccountByHash, staffContext, listStaff } from './identity.repository.js';

/** The enterprises a resident may act for (agent links recorded by the enterprise accounts). */
export async function enterprisesOf(db: Db, residentId: string): Promise<{ accountId: string; name: string; creditCode: string }[]> {
  return (await enterprisesOfResident(db, residentId)).map((e) => ({ accountId: e.accountId, name: e.name, creditCode: e.creditCode }));
}

export interface OrgSummary {
  code: string;
  kind: 'government' | 'department' | 'section';
  nameZh: string;
  nameEn: string;
}

/** Every organisation unit, by code order (other modules label departments with it). */
export async function orgUnits(db: Db): Promise<OrgSummary[]> {
  return (await listOrgUnits(db)).map((o) => ({ code: o.code, kind: o.kind, nameZh: o.nameZh, nameEn: o.nameEn })).sort((a, b) => a.code.localeCompare(b.code));
}

export interface RegionSummary {
  code: string;
  level: 'county' | 'township' | 'village';
  nameZh: string;
  nameEn: string;
}

/** Every region (county, townships, villages), by code order: pickers and filters. */
export async function regions(db: Db): Promise<RegionSummary[]> {
  return (await listRegions(db)).map((r) => ({ code: r.code, level: r.level, nameZh: r.nameZh, nameEn: r.nameEn })).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * What an application form may prefill from the signed-in applicant's own
 * profile: decrypted for the applicant themself, never shown to anybody else.
 */
export async function applicantProfile(
  db: Db,
  cipher: FieldCipher,
  account: { id: string; kind: string },
): Promise<{ realName?: string; idNumber?: string; phone?: string; enterpriseName?: string; creditCode?: string; legalRepName?: string }> {
  if (account.kind === 'resident') {
    const r = await residentById(db, account.id);
    if (!r) return {};
    return { realName: r.realName, idNumber: cipher.decrypt(r.idNumberEnc), phone: cipher.decrypt(r.phoneEnc) };
  }
  if (account.kind === 'enterprise') {
    const e = await enterpriseById(db, account.id);
    if (!e) return {};
    return { enterpriseName: e.name, creditCode: e.creditCode, legalRepName: e.legalRepName, phone: cipher.decrypt(e.contactPhoneEnc) };
  }
  return {};
}

/** A staff account as an Actor, for work the system does in that account's name (demo seeds); undefined when unknown or inactive. */
export async function staffActor(db: Db, login: string): Promise<Actor | undefined> {
  const acc = await accountByLogin(db, 'staff', login);
  if (!acc || !acc.active) return undefined;
  const ctx = await staffContext(db, acc.id);
  if (!ctx) return undefined;
  const departmentCode = ctx.orgCode.length >= 6 ? ctx.orgCode.slice(0, 6) : ctx.orgCode;
  return { accountId: acc.id, kind: 'staff', displayName: acc.displayName, roles: ctx.roles, orgUnitId: ctx.orgUnitId, departmentCode, regionCode: ctx.regionCode, side: 'internal', ip: '127.0.0.1' };
}

/** Display names for audit-style actor references (`staff:<id>`, as `actorRef` writes them): "last saved by" lines. Unknown references are left out. */
export async function accountNames(db: Db, refs: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const byId = new Map<string, string[]>();
  for (const ref of new Set(refs)) {
    const id = ref ? /^(?:staff|resident|enterprise):([0-9a-f-]{36})$/.exec(ref)?.[1] : undefined;
    if (id && ref) byId.set(id, [...(byId.get(id) ?? []), ref]);
  }
  const names = new Map<string, string>();
  for (const a of await accountNamesByIds(db, [...byId.keys()])) for (const ref of byId.get(a.id) ?? []) names.set(ref, a.displayName);
  return names;
}

/** A registered resident by ID number (agents and counter clerks find the applicant); undefined when nobody has that number. */
export async function residentByIdNumber(db: Db, cipher: FieldCipher, idNumber: string): Promise<{ accountId: string; realName: string } | undefined> {
  const acc = await residentAccountByHash(db, cipher.lookupHash('id_number', idNumber));
  const profile = acc ? await residentById(db, acc.id) : undefined;
  return acc && profile ? { accountId: acc.id, realName: profile.realName } : undefined;
}

/** Active staff of a department (its sections included), with their org unit and roles: whom a head may assign work to, whom supervision notifies. */
export async function staffOfDepartment(db: Db, departmentCode: string): Promise<{ accountId: string; displayName: string; orgCode: string; roles: string[] }[]> {
  return (await listStaff(db, departmentCode)).filter((r) => r.active).map((r) => ({ accountId: r.id, displayName: r.displayName, orgCode: r.orgCode, roles: r.roles }));
}
