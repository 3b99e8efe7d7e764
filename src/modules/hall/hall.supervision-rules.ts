/**
 * What the supervision module's abnormal-act rules (ADR 0024) use from the
 * hall, exported as one namespace through index.ts: the rule queries over the
 * hall's tables, and one demo fact made through the hall's own services.
 */
import { storeFile } from '../../platform/files/files.js';
import type { PlatformServices, SeedContext } from '../../platform/module.js';
import { capacityFor, openDraft, saveAnswers, submitDraft } from './hall.apply.service.js';
import { applicantProfile, demoResidentIdNumber, getVersion, listPublicItems, regions, residentByIdNumber, staffActor } from './hall.deps.js';
import * as repo from './hall.repository.js';
import { fillAnswers } from './hall.seed.answers.js';
import { notAccept } from './hall.workflow.service.js';

export { acceptanceLateSql, boilerplateReasonSql, decisionWithoutStepsSql, feeRecordedSql, idleCaseSql, stepOverdueSql, type RuleScope } from './hall.supervision-rules.repository.js';

const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let seq = 11;

/**
 * Files a complete application for an item as the i-th demo resident, through
 * the hall's own apply service (draft, answers filled from the resident's
 * profile, a sample material, submit): for the demo's crafted facts and for
 * supervision's tests. Returns the submitted case; null when the demo county
 * lacks the resident or the item.
 */
export async function fileDemoCase(s: SeedContext | PlatformServices, residentIndex: number, itemName: string, fallbackOrg?: string): Promise<{ id: string; ref: string; version: number; orgCode: string } | null> {
  const person = await residentByIdNumber(s.db, s.cipher, demoResidentIdNumber(residentIndex));
  const { rows } = await listPublicItems(s.db, { text: itemName, states: ['active'], limit: 20, offset: 0 });
  // Another open item of the department when this one no longer takes applications (the catalog's own probes suspend items).
  const others = fallbackOrg ? (await listPublicItems(s.db, { orgCodePrefix: fallbackOrg, states: ['active'], minDepth: 3, limit: 20, offset: 0 })).rows : [];
  const item = rows.find((i) => i.nameZh === itemName) ?? others[0];
  if (!person || !item) return null;
  const actor = { accountId: person.accountId, kind: 'resident' as const, displayName: person.realName, roles: [], orgUnitId: null, departmentCode: null, regionCode: null, side: 'public' as const, ip: '127.0.0.1' };
  const capacity = await capacityFor(s.db, actor, undefined);
  const draft = await openDraft(s, actor, item.taskCode, capacity);
  const { form } = await getVersion(s.db, draft.versionId);
  const file = await storeFile(s.db, s.files, { bytes: SAMPLE_PDF, name: '申请材料.pdf', createdBy: `resident:${actor.accountId}`, allow: ['pdf'], maxBytes: 1 << 20, field: 'file' });
  const all = await regions(s.db);
  const townships = all.filter((r) => r.level === 'township').map((r) => ({ code: r.code, villages: all.filter((v) => v.level === 'village' && v.code.startsWith(r.code)).map((v) => v.code) }));
  const profile = await applicantProfile(s.db, s.cipher, { id: capacity.applicantId, kind: capacity.applicantKind });
  let n = (seq += 7);
  const rand = () => (n = (n * 9301 + 49297) % 233280) / 233280;
  await saveAnswers(s, draft, fillAnswers(form, { profile, townships, file: { fileId: file.id }, day: s.clocks.now(), rand }), null);
  const row = await submitDraft(s, actor, (await repo.caseById(s.db, draft.id))!, 'zh-CN');
  return { id: row.id, ref: row.ref!, version: row.version, orgCode: row.orgCode };
}

/**
 * The demo's boilerplate refusal: a demo resident's application for 食品经营许可
 * refused by the one-window clerk with the reason "材料不全。" and nothing
 * else, through the same services the workbench uses (timeline, audit,
 * events, the refusal document). The demo history has no such case of its
 * own. Returns the case id, or null when the demo county lacks what it needs.
 */
export async function seedBoilerplateRefusal(s: SeedContext | PlatformServices, reason = '材料不全。'): Promise<string | null> {
  const clerk = await staffActor(s.db, 'clerk');
  const filed = clerk ? await fileDemoCase(s, 3, '食品经营许可', s.config.hallOneWindowOrg) : null;
  if (!clerk || !filed) return null;
  return (await notAccept(s, clerk, filed.id, filed.version, reason)).id;
}
