import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createPlatform } from '../../src/app.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { loadConfig } from '../../src/platform/config/load.js';
import { storeFile } from '../../src/platform/files/files.js';
import { capacitiesOf, checkComplete, openDraft, saveFormPage } from '../../src/modules/hall/hall.apply.service.js';
import { applicantProfile, demoResidentIdNumber, regions, residentByIdNumber } from '../../src/modules/hall/hall.deps.js';
import { formOf } from '../../src/modules/hall/hall.form-flow.js';
import { loadItems } from '../../src/modules/hall/hall.generate.js';
import { seededRandom } from '../../src/modules/hall/hall.generate.sim.js';
import { capacityChoices } from '../../src/modules/hall/hall.routes.public.js';
import { fillAnswers, type FillProfile } from '../../src/modules/hall/hall.seed.answers.js';
import type { DiskDatabase } from '../template.js';

/**
 * Complete drafts for the submissions crash test (submissions.test.ts): on the
 * server's own database (stopped), through the real composition and the hall's
 * own services, as the applicant's form flow leaves them: opened for each demo
 * resident, item taking online applications and capacity the apply page
 * offers, every page answered (fillAnswers, the sample PDF for file fields),
 * checked complete, and saved at the check page, so only "submit" remains.
 */

/** The demo residents who apply: their index in the identity seed and their sign-in (mobile number). */
export const APPLICANTS = [
  { index: 0, login: '13800010001' }, // 张三: acts for two enterprises
  { index: 1, login: '13800010002' }, // 李梅: acts for one
  { index: 2, login: '13800010003' }, // 王建国
  { index: 4, login: '13800010005' }, // 刘志强: acts for one
];

export interface PreparedDraft {
  id: string;
  /** The sign-in of the resident whose draft it is (themself or acting for an enterprise). */
  login: string;
  applicantId: string;
  actingPersonId: string | null;
}

async function samplePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('crash test - material', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

const publicActor = (accountId: string, displayName: string): Actor => ({
  accountId,
  kind: 'resident',
  displayName,
  roles: [],
  orgUnitId: null,
  departmentCode: null,
  regionCode: null,
  side: 'public',
  ip: '127.0.0.1',
});

/**
 * Opens and completes up to `max` drafts, interleaved across the applicants.
 * `env` is the server's environment (the same data dir, so the same keys and
 * file store). Returns the drafts and how many were left out because the
 * filled answers did not pass the final check (reported, not hidden).
 */
export async function prepareDrafts(disk: DiskDatabase, env: Record<string, string>, max: number): Promise<{ drafts: PreparedDraft[]; incomplete: string[] }> {
  const database = await disk.open();
  try {
    const config = loadConfig({ ...env, JOBS_ENABLED: 'false', LOG_LEVEL: 'silent' });
    const platform = await createPlatform(config, database, undefined, { error: () => undefined });
    const items = (await loadItems(platform.db)).filter((i) => i.onlineDepth >= 3 && i.form);
    if (!items.length) throw new Error('no demo item takes online applications');
    const regionList = await regions(platform.db);
    const townships = regionList
      .filter((r) => r.level === 'township')
      .map((t) => ({ code: t.code, villages: regionList.filter((v) => v.level === 'village' && v.code.startsWith(t.code)).map((v) => v.code) }));
    const rand = seededRandom(6);
    const perResident: PreparedDraft[][] = [];
    const incomplete: string[] = [];
    for (const who of APPLICANTS) {
      const r = await residentByIdNumber(platform.db, platform.cipher, demoResidentIdNumber(who.index));
      if (!r) throw new Error(`demo resident ${who.login} is missing`);
      const actor = publicActor(r.accountId, r.realName);
      const person = await applicantProfile(platform.db, platform.cipher, { id: r.accountId, kind: 'resident' });
      const file = await storeFile(platform.db, platform.files, { bytes: await samplePdf(), name: '材料.pdf', createdBy: `resident:${r.accountId}`, allow: ['pdf'], maxBytes: config.fileMaxBytes, field: 'file' });
      const capacities = await capacitiesOf(platform.db, actor);
      const mine: PreparedDraft[] = [];
      for (const item of items) {
        for (const capacity of capacityChoices(capacities, item.content.audiences)) {
          const row = await openDraft(platform, actor, item.taskCode, capacity);
          const { def } = await formOf(platform, row);
          const firm = capacity.applicantKind === 'enterprise' ? await applicantProfile(platform.db, platform.cipher, { id: capacity.applicantId, kind: 'enterprise' }) : {};
          const profile: FillProfile = { ...firm, ...person };
          const answers = fillAnswers(def, { profile, townships, file: { fileId: file.id }, day: platform.clocks.now(), rand });
          const errors = await checkComplete(platform, def, answers, 'zh-CN');
          if (errors.length) {
            incomplete.push(`${item.taskCode} as ${capacity.applicantKind}: ${errors.map((e) => `${e.field} ${e.message}`).join(', ')}`);
            continue;
          }
          await saveFormPage(platform, row, def, answers, 'check', new Map());
          mine.push({ id: row.id, login: who.login, applicantId: capacity.applicantId, actingPersonId: capacity.actingPersonId });
        }
      }
      perResident.push(mine);
    }
    // Interleaved, so every resident's drafts are being submitted when the server dies.
    const drafts: PreparedDraft[] = [];
    for (let i = 0; drafts.length < max && perResident.some((l) => i < l.length); i++) {
      for (const list of perResident) if (list[i] && drafts.length < max) drafts.push(list[i]!);
    }
    return { drafts, incomplete };
  } finally {
    await database.close();
  }
}
