import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { DemoAccount, SeedContext } from '../../platform/module.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { DEMO_PASSWORD } from '../../platform/security/demo.js';
import { makeIdNumber } from '../../platform/validation/id-number.js';
import { makeCreditCode } from '../../platform/validation/credit-code.js';
import * as repo from './identity.repository.js';
import { hashPassword } from './identity.passwords.js';
import { COUNTY, DEPARTMENTS, ENTERPRISES, GOVERNMENT, RESIDENTS, STAFF, TOWNSHIPS } from './identity.seed-data.js';

export const demoResidentIdNumber = (i: number) => makeIdNumber(COUNTY.code, RESIDENTS[i]![1], RESIDENTS[i]![2]);
export const demoCreditCode = (i: number) => makeCreditCode({ region: COUNTY.code, orgBody: ENTERPRISES[i]![1] });

export const demoAccounts: DemoAccount[] = [
  ...STAFF.map((s) => ({ side: 'internal' as const, login: s.login, role: s.roles.join(', ') })),
  ...RESIDENTS.map((r, i) => ({ side: 'public' as const, login: `${demoResidentIdNumber(i)} / ${r[3]}`, role: `resident ${r[0]}` })),
  ...ENTERPRISES.map((e, i) => ({ side: 'public' as const, login: demoCreditCode(i), role: `enterprise ${e[0]}` })),
];

/** Loads 青山县: the org tree, the region tree, a staff account for every role, residents and enterprises with their agents. */
export async function seedIdentity(ctx: SeedContext): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (raw) => {
    const t = raw as unknown as Db;
    const orgIds = new Map<string, string>();
    const addOrg = async (code: string, kind: 'government' | 'department' | 'section', nameZh: string, nameEn: string, parentCode?: string, sort = 0) => {
      const id = randomUUID();
      orgIds.set(code, id);
      await repo.insertOrgUnit(t, { id, code, kind, nameZh, nameEn, parentId: parentCode ? orgIds.get(parentCode) : null, sort });
    };
    await addOrg(GOVERNMENT.code, 'government', GOVERNMENT.nameZh, GOVERNMENT.nameEn);
    for (const [i, d] of DEPARTMENTS.entries()) {
      await addOrg(d.code, 'department', d.nameZh, d.nameEn, GOVERNMENT.code, i);
      for (const [j, [zh, en]] of (d.sections ?? []).entries()) await addOrg(`${d.code}${String(j + 1).padStart(3, '0')}`, 'section', zh, en, d.code, j);
    }

    const regionIds = new Map<string, string>();
    const addRegion = async (code: string, level: 'county' | 'township' | 'village', nameZh: string, nameEn: string, parentCode?: string) => {
      const id = randomUUID();
      regionIds.set(code, id);
      await repo.insertRegion(t, { id, code, level, nameZh, nameEn, parentId: parentCode ? regionIds.get(parentCode) : null });
    };
    await addRegion(COUNTY.code, 'county', COUNTY.nameZh, COUNTY.nameEn);
    for (const [i, town] of TOWNSHIPS.entries()) {
      const townCode = `${COUNTY.code}${String(i + 1).padStart(3, '0')}`;
      await addRegion(townCode, 'township', town.nameZh, town.nameEn, COUNTY.code);
      for (const [j, [zh, en]] of town.villages.entries()) await addRegion(`${townCode}${String(j + 1).padStart(3, '0')}`, 'village', zh, en, townCode);
    }

    for (const s of STAFF) {
      const id = randomUUID();
      await repo.insertAccount(t, { id, kind: 'staff', login: s.login, displayName: s.nameZh, passwordHash });
      await repo.upsertStaffProfile(t, { accountId: id, orgUnitId: orgIds.get(s.org)!, regionId: s.region ? regionIds.get(s.region)! : null });
      await repo.replaceRoles(t, id, s.roles);
    }

    const residentIds: string[] = [];
    for (const [i, [name, , , phone]] of RESIDENTS.entries()) {
      const id = randomUUID();
      const idNumber = demoResidentIdNumber(i);
      residentIds.push(id);
      await repo.insertAccount(t, { id, kind: 'resident', login: null, displayName: name, passwordHash });
      await repo.insertResident(t, {
        accountId: id,
        realName: name,
        idNumberEnc: ctx.cipher.encrypt(idNumber),
        idNumberHash: ctx.cipher.lookupHash('id_number', idNumber),
        phoneEnc: ctx.cipher.encrypt(phone),
        phoneHash: ctx.cipher.lookupHash('phone', phone),
      });
    }
    for (const [i, [name, , legalRep, contact, phone]] of ENTERPRISES.entries()) {
      const id = randomUUID();
      const code = demoCreditCode(i);
      await repo.insertAccount(t, { id, kind: 'enterprise', login: code, displayName: name, passwordHash });
      await repo.insertEnterprise(t, {
        accountId: id,
        name,
        creditCode: code,
        legalRepName: legalRep,
        contactName: contact,
        contactPhoneEnc: ctx.cipher.encrypt(phone),
        contactPhoneHash: ctx.cipher.lookupHash('phone', phone),
      });
      // The legal representative acts for the enterprise; 张三 also acts for the property company.
      const rep = RESIDENTS.findIndex((r) => r[0] === legalRep);
      if (rep >= 0) await repo.insertAgentLink(t, id, residentIds[rep]!);
      if (i === 2) await repo.insertAgentLink(t, id, residentIds[0]!);
    }
    await recordAudit(t, {
      actor: 'system',
      action: 'identity.seed_demo',
      subject: 'county:339901',
      summary: { departments: DEPARTMENTS.length, townships: TOWNSHIPS.length, staff: STAFF.length, residents: RESIDENTS.length, enterprises: ENTERPRISES.length },
      listener: 'cli',
    });
  });
  ctx.log(`  青山县: ${DEPARTMENTS.length} departments, ${TOWNSHIPS.length} townships, ${TOWNSHIPS.length * 5} villages, ${STAFF.length} staff, ${RESIDENTS.length} residents, ${ENTERPRISES.length} enterprises`);
}
