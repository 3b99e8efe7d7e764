/**
 * The staff workbench in the hostile-input registry: every action form of the
 * case page and the case search, each with a valid example, and the case pages,
 * files, documents and lists only the case's department may see.
 *
 * Each action needs a case in the right state. The example resolver (called
 * before the URL for every request) finds the endpoint's case, or files and
 * advances a fresh one when an accepted value has moved the last one on, and
 * the URL resolver posts to that case. Cases are food business licences
 * (食品经营许可, 行政审批服务局 001015: clerk, reviewer and head of the demo
 * county) filed by the demo resident 李梅, and for the one-step decision an
 * immediate item (个体工商户设立登记).
 */
import { dayKey, shanghaiDay } from '../../platform/calendar/days.js';
import { storeFile } from '../../platform/files/files.js';
import type { PlatformServices } from '../../platform/module.js';
import type { AccessOther, AccessSubject, Example, InputEndpoint, ResolveContext } from '../../platform/testing/registry.js';
import type { Actor } from '../../platform/auth/actor.js';
import { capacityFor, openDraft, saveAnswers, submitDraft } from './hall.apply.service.js';
import { applicantProfile, demoResidentIdNumber, getVersion, listPublicItems, regions, residentByIdNumber, staffActor } from './hall.deps.js';
import * as repo from './hall.repository.js';
import { fillAnswers } from './hall.seed.answers.js';
import * as wf from './hall.workflow.service.js';

const FOOD = '食品经营许可';
const IMMEDIATE = '个体工商户设立登记';
/** Text only the material's download shows (the file's own bytes). */
export const MATERIAL_SECRET = 'workbench-probe-material';

type Want = 'submitted' | 'claimed' | 'immediate' | 'reviewing' | 'special' | 'reviewed' | 'approved' | 'resulted';

async function staff(s: PlatformServices, login: string): Promise<Actor> {
  const actor = await staffActor(s.db, login);
  if (!actor) throw new Error(`hall.inputs.workbench: no demo staff ${login} (is the demo county seeded?)`);
  return actor;
}

async function applicant(s: PlatformServices): Promise<Actor> {
  const r = await residentByIdNumber(s.db, s.cipher, demoResidentIdNumber(1));
  if (!r) throw new Error('hall.inputs.workbench: the demo resident is missing');
  return { accountId: r.accountId, kind: 'resident', displayName: r.realName, roles: [], orgUnitId: null, departmentCode: null, regionCode: null, side: 'public', ip: '127.0.0.1' };
}

/**
 * The item's task code; when it no longer takes applications (the catalog's own
 * suspend probe may have left it suspended), another open item of the approval
 * bureau, whose demo staff work these cases.
 */
async function taskCode(s: PlatformServices, name: string): Promise<string> {
  const { rows } = await listPublicItems(s.db, { text: name, limit: 10, offset: 0 });
  const item = rows.find((i) => i.nameZh === name);
  if (item?.state === 'active') return item.taskCode;
  const { rows: open } = await listPublicItems(s.db, { orgCodePrefix: '001015', states: ['active'], minDepth: 3, limit: 10, offset: 0 });
  if (!open[0]) throw new Error(`hall.inputs.workbench: no open item for ${name}`);
  return open[0].taskCode;
}

let rand = 7;
/** A complete application for the item, submitted by 李梅. */
async function fileCase(s: PlatformServices, itemName: string): Promise<repo.CaseRow> {
  const actor = await applicant(s);
  const capacity = await capacityFor(s.db, actor, 'self');
  const draft = await openDraft(s, actor, await taskCode(s, itemName), capacity);
  const { form } = await getVersion(s.db, draft.versionId);
  const file = await storeFile(s.db, s.files, { bytes: Buffer.from(`%PDF-1.4\n% ${MATERIAL_SECRET}\n`), name: '材料.pdf', createdBy: `resident:${actor.accountId}`, allow: ['pdf'], maxBytes: 1 << 20, field: 'file' });
  const all = await regions(s.db);
  const townships = all.filter((r) => r.level === 'township').map((r) => ({ code: r.code, villages: all.filter((v) => v.level === 'village' && v.code.startsWith(r.code)).map((v) => v.code) }));
  const profile = await applicantProfile(s.db, s.cipher, { id: actor.accountId, kind: 'resident' });
  const answers = fillAnswers(form, { profile, townships, file: { fileId: file.id }, day: s.clocks.now(), rand: () => ((rand = (rand * 9301 + 49297) % 233280) / 233280) });
  await saveAnswers(s, draft, answers, null);
  return submitDraft(s, actor, (await repo.caseById(s.db, draft.id))!, 'zh-CN');
}

/** Moves a submitted case on to what an endpoint needs, as the demo staff would. */
async function advance(s: PlatformServices, row: repo.CaseRow, want: Want): Promise<repo.CaseRow> {
  const [clerk, reviewer, head] = [await staff(s, 'clerk'), await staff(s, 'reviewer'), await staff(s, 'head')];
  let r = row;
  if (want === 'claimed') r = await wf.claim(s, clerk, r.id, r.version);
  if (['reviewing', 'special', 'reviewed', 'approved', 'resulted'].includes(want)) r = await wf.accept(s, clerk, r.id, r.version);
  if (want === 'special') r = await wf.startSpecial(s, head, r.id, r.version, { kind: 'inspection', reason: '现场核查', expectedEnd: new Date(s.clocks.now().getTime() + 30 * 86_400_000) });
  if (['reviewed', 'approved', 'resulted'].includes(want)) for (let i = 0; i < 10 && r.state === 'reviewing'; i++) r = await wf.signStep(s, reviewer, r.id, r.version, '同意');
  if (want === 'approved' || want === 'resulted') r = await wf.decide(s, head, r.id, r.version, { decision: 'approve', reason: '' });
  if (want === 'resulted') r = await wf.recordResult(s, clerk, r.id, r.version, { resultNo: 'SP-2026-001', deliveryMethod: 'pickup', trackingNo: '' });
  return r;
}

function fits(r: repo.CaseRow, want: Want): boolean {
  switch (want) {
    case 'submitted':
      return r.state === 'submitted' && !r.assigneeId && !r.immediate;
    case 'claimed':
      return r.state === 'submitted' && !!r.assigneeId;
    case 'immediate':
      return r.state === 'submitted' && !r.assigneeId && r.immediate;
    case 'reviewing':
      return r.state === 'reviewing' && !r.specialOpen && !r.assigneeId;
    case 'special':
      return r.state === 'reviewing' && r.specialOpen && !r.assigneeId;
    case 'reviewed':
      return r.state === 'reviewed' && !r.assigneeId;
    case 'approved':
      return r.state === 'approved' && !r.assigneeId;
    case 'resulted':
      return r.state === 'approved' && !!r.resultNo && !r.assigneeId;
  }
}

/** The case each endpoint works on (by endpoint), replaced when it no longer fits. */
const current = new Map<string, string>();

async function caseFor(s: PlatformServices, key: string, want: Want): Promise<repo.CaseRow> {
  const id = current.get(key);
  const row = id ? await repo.caseById(s.db, id) : undefined;
  if (row && fits(row, want)) return row;
  const fresh = await advance(s, await fileCase(s, want === 'immediate' ? IMMEDIATE : FOOD), want);
  current.set(key, fresh.id);
  return fresh;
}

const inDays = (s: PlatformServices, n: number) => dayKey(shanghaiDay(s.clocks.now()) + n);

function action(name: string, login: string, want: Want, example: (s: PlatformServices) => Example | Promise<Example>, fields: string[]): InputEndpoint {
  const key = `hall.workbench.${name}`;
  return {
    name: key,
    side: 'internal',
    method: 'POST',
    formUrl: '/cases',
    url: () => `/cases/${current.get(key) ?? 'none'}/${name}`,
    kind: 'form',
    signInAs: login,
    example: async ({ services }: ResolveContext) => {
      const row = await caseFor(services, key, want);
      return { version: String(row.version), ...(await example(services)) };
    },
    fields: ['version', ...fields],
    showBack: () => [`/cases/${current.get(key) ?? 'none'}`],
  };
}

export const workbenchInputs: InputEndpoint[] = [
  action('claim', 'clerk', 'submitted', () => ({}), []),
  action('release', 'clerk', 'claimed', () => ({}), []),
  action('assign', 'head', 'submitted', async (s) => ({ assignee: (await staffActor(s.db, 'reviewer'))!.accountId }), ['assignee']),
  action('preexamine', 'clerk', 'submitted', () => ({ note: '材料齐全' }), ['note']),
  action(
    'correction',
    'clerk',
    'submitted',
    // Targets '' (the application as a whole) fit whichever item the case is under.
    () => ({ 'problems.0.target': '', 'problems.0.note': '设备布局图不清晰', 'problems.1.target': '', 'problems.1.note': '面积与图纸不符' }),
    ['problems.0.target', 'problems.0.note', 'problems.1.note', '_rows'],
  ),
  action('accept', 'clerk', 'submitted', () => ({}), []),
  action('not-accept', 'clerk', 'submitted', () => ({ reason: '经营场所不在本县' }), ['reason']),
  action('sign', 'reviewer', 'reviewing', () => ({ opinion: '核查合格' }), ['opinion']),
  action('special-start', 'head', 'reviewing', (s) => ({ kind: 'hearing', reason: '涉及相邻权利人重大利益', expectedEnd: inDays(s, 20) }), ['kind', 'reason', 'expectedEnd']),
  action('special-end', 'head', 'special', () => ({ outcome: '听证完毕' }), ['outcome']),
  action('decide', 'head', 'reviewed', () => ({ decision: 'deny', reason: '现场不符合要求' }), ['decision', 'reason']),
  action('decide-at-once', 'clerk', 'immediate', () => ({ decision: 'approve', reason: '' }), ['decision', 'reason']),
  action('result', 'clerk', 'approved', () => ({ resultNo: 'JY13399010000001', deliveryMethod: 'post', trackingNo: 'SF0000000001' }), ['resultNo', 'deliveryMethod', 'trackingNo']),
  action('deliver', 'clerk', 'resulted', () => ({}), []),
  action('visit', 'clerk', 'submitted', () => ({ note: '申请人到窗口咨询' }), ['note']),
  {
    name: 'hall.workbench.search',
    side: 'internal',
    method: 'POST',
    url: '/cases/search',
    kind: 'form',
    signInAs: 'clerk',
    example: { ref: '', idNumber: demoResidentIdNumber(1), item: '', from: '', to: '' },
    fields: ['ref', 'idNumber', 'item', 'from', 'to'],
  },
];

// ---- pages only the case's department may see ----------------------------------------

const outsiders: AccessOther[] = [
  { label: "another department's window clerk", signInAs: 'clerk.police' },
  { label: "another department's head", signInAs: 'head.police' },
  { label: 'a content editor', signInAs: 'editor' },
  { label: 'a township agent', signInAs: 'agent' },
  { label: "the applicant's public session", signInAs: '13800010002', signInOn: 'public' },
  { label: 'anonymous' },
];

export const workbenchAccessSubjects: AccessSubject[] = [
  {
    name: 'hall.workbench.case',
    side: 'internal',
    prepare: async (s) => {
      const row = await fileCase(s, FOOD);
      return { url: `/cases/${row.id}`, secret: row.ref! };
    },
    owner: { signInAs: 'head' },
    others: outsiders,
  },
  {
    name: 'hall.workbench.case-file',
    side: 'internal',
    prepare: async (s) => {
      const row = await fileCase(s, FOOD);
      const [material] = await repo.materialsOf(s.db, row.id);
      return { url: `/cases/${row.id}/files/${material!.fileId}`, secret: MATERIAL_SECRET };
    },
    owner: { signInAs: 'reviewer' },
    others: outsiders,
  },
  {
    name: 'hall.workbench.case-document',
    side: 'internal',
    prepare: async (s) => {
      const row = await advance(s, await fileCase(s, FOOD), 'reviewing');
      await s.jobs.runDue();
      const [doc] = await repo.documentsOf(s.db, [row.id]);
      return { url: `/cases/${row.id}/documents/${doc!.id}`, secret: '%PDF-' };
    },
    owner: { signInAs: 'clerk' },
    others: outsiders,
  },
  {
    name: 'hall.workbench.queue',
    side: 'internal',
    scope: 'self',
    prepare: async (s) => {
      const row = await fileCase(s, FOOD);
      return { url: `/cases?queue=preexamine&item=${await taskCode(s, FOOD)}&sort=submitted_desc`, secret: row.ref! };
    },
    owner: { signInAs: 'head' },
    others: outsiders,
  },
  {
    name: 'hall.workbench.search',
    side: 'internal',
    scope: 'self',
    prepare: async (s) => {
      const row = await fileCase(s, FOOD);
      return { url: `/cases/search?ref=${row.ref}`, secret: '李*' };
    },
    owner: { signInAs: 'reviewer' },
    others: outsiders,
  },
];
