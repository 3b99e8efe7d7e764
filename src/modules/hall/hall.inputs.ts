/**
 * The hall's entries in the hostile-input registry (src/platform/testing/registry.ts):
 * every form that takes input, with a valid example, and every page only its
 * owner may see, with the other actors to try. Two sections, each sorted by name:
 * the PUBLIC side (applicants) first, then the INTERNAL side (the staff
 * workbench, agent and counter applications), which its owners append to.
 *
 * The public examples work on the demo resident 张三 (signs in with his mobile
 * number) and the demo county's items: the residence permit (居住证申领, online
 * depth 3) with a complete set of answers, and company registration (for
 * individuals and enterprises: 张三 acts for two enterprises, so he is asked
 * whom he applies as). Each URL is resolved per request: a case withdrawn by an
 * accepted value is replaced by a fresh one for the next.
 */
import type { Actor } from '../../platform/auth/actor.js';
import { storeFile } from '../../platform/files/files.js';
import type { PlatformServices } from '../../platform/module.js';
import type { AccessOther, AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';
import { capacitiesOf, openDraft, saveFormPage, submitDraft, type Capacity } from './hall.apply.service.js';
import { demoCreditCode, demoResidentIdNumber, getVersion, residentByIdNumber, type Answers } from './hall.deps.js';
import * as repo from './hall.repository.js';
import { workbenchAccessSubjects, workbenchInputs } from './hall.inputs.workbench.js';

// ---- the demo data the public entries use ----------------------------------------

const RESIDENT = '13800010001';
const OTHER_RESIDENT = '13800010002';
/** 居住证申领 (公安局 001003). */
export const PERMIT_TASK = '000103002000339901001003';
/** 企业设立登记 (市场监督管理局 001013): for individuals and enterprises. */
export const COMPANY_TASK = '000113002000339901001013';
/** What only the owner's case pages show: the item's name (the reference itself is in every page's language-switch link). */
const ITEM_SECRET = '居住证申领';
/** What only the owner's pages show (a draft's answer). */
export const DRAFT_SECRET = '探针草稿企业名称甲乙丙';

const others: AccessOther[] = [
  { label: 'another resident', signInAs: OTHER_RESIDENT },
  { label: 'an unrelated enterprise', signInAs: demoCreditCode(1) },
  { label: "a staff member's internal session", signInAs: 'clerk', signInOn: 'internal' },
  { label: 'anonymous' },
];

async function resident(s: PlatformServices): Promise<Actor> {
  const r = await residentByIdNumber(s.db, s.cipher, demoResidentIdNumber(0));
  if (!r) throw new Error('hall.inputs: the demo resident is missing');
  return { accountId: r.accountId, kind: 'resident', displayName: r.realName, roles: [], orgUnitId: null, departmentCode: null, regionCode: null, side: 'public', ip: '127.0.0.1' };
}

/** A complete, valid set of answers to the residence permit's form. */
async function permitAnswers(s: PlatformServices, actor: Actor): Promise<Answers> {
  const file = await storeFile(s.db, s.files, { bytes: Buffer.from('%PDF-1.4\n% hall probe\n'), name: '居住证明.pdf', createdBy: `resident:${actor.accountId}`, allow: ['pdf'], maxBytes: 1 << 20, field: 'file_residence' });
  return {
    half_year: 'yes',
    applicant_name: '张三',
    applicant_id: demoResidentIdNumber(0),
    applicant_phone: RESIDENT,
    hukou_address: '浙江省杭州市西湖区文三路 1 号',
    residence_address: { township: '339901003', village: '339901003002', detail: '石桥路 8 号' },
    since: '2020-01-01',
    basis: 'housing',
    housing_type: 'rent',
    file_residence: { fileId: file.id, name: file.name },
    delivery: 'pickup',
    declaration: true,
  };
}

/** 张三's draft of an item in a capacity (self unless an enterprise's index is given), filled with `answers` when given. */
async function probeDraft(s: PlatformServices, taskCode: string, answers?: (actor: Actor) => Promise<Answers>, enterprise?: number): Promise<repo.CaseRow> {
  const actor = await resident(s);
  const all = await capacitiesOf(s.db, actor);
  const capacity: Capacity = enterprise === undefined ? all[0]! : all.find((c) => c.applicantId !== actor.accountId && c.applicantName.includes(enterpriseName(enterprise)))!;
  const draft = await openDraft(s, actor, taskCode, capacity);
  if (answers) {
    const { form } = await getVersion(s.db, draft.versionId);
    await saveFormPage(s, draft, form, await answers(actor), 'check', new Map());
  }
  return (await repo.caseById(s.db, draft.id))!;
}

const ENTERPRISE_NAMES = ['绿源茶叶', '云溪竹木', '便民物业'];
const enterpriseName = (i: number) => ENTERPRISE_NAMES[i] ?? '';

/** A freshly submitted residence-permit case of 张三 (or of an enterprise he acts for). */
async function submittedCase(s: PlatformServices, enterprise?: number): Promise<repo.CaseRow> {
  const actor = await resident(s);
  const draft = await probeDraft(s, PERMIT_TASK, (a) => permitAnswers(s, a), enterprise);
  return submitDraft(s, actor, draft, 'zh-CN');
}

// ---- PUBLIC: applicants --------------------------------------------------------

export const publicInputs: InputEndpoint[] = [
  {
    name: 'hall.apply.bundle-capacity',
    side: 'public',
    method: 'POST',
    url: '/apply/bundle/open-business',
    kind: 'form',
    signInAs: RESIDENT,
    example: { as: 'self' },
    fields: ['as'],
  },
  {
    name: 'hall.apply.capacity',
    side: 'public',
    method: 'POST',
    url: `/apply/${COMPANY_TASK}`,
    kind: 'form',
    signInAs: RESIDENT,
    example: { as: 'self' },
    fields: ['as'],
  },
  {
    name: 'hall.apply.page',
    side: 'public',
    method: 'POST',
    url: async ({ services }) => `/apply/drafts/${(await probeDraft(services, PERMIT_TASK, (a) => permitAnswers(services, a))).id}/page/p1`,
    kind: 'form',
    signInAs: RESIDENT,
    example: {
      half_year: 'yes',
      applicant_name: '张三',
      applicant_id: demoResidentIdNumber(0),
      applicant_phone: RESIDENT,
      hukou_address: '浙江省杭州市西湖区文三路 1 号',
      'residence_address.township': '339901003',
      'residence_address.village': '339901003002',
      'residence_address.detail': '石桥路 8 号',
      since: '2020-01-01',
      _action: 'continue',
    },
    fields: ['applicant_name', 'applicant_id', 'hukou_address', 'residence_address.detail', 'since', 'half_year', '_action'],
    showBack: async ({ services }) => [`/apply/drafts/${(await probeDraft(services, PERMIT_TASK)).id}/check`],
  },
  {
    name: 'hall.apply.page-with-files',
    side: 'public',
    method: 'POST',
    url: async ({ services }) => `/apply/drafts/${(await probeDraft(services, PERMIT_TASK, (a) => permitAnswers(services, a))).id}/page/p2`,
    kind: 'multipart',
    signInAs: RESIDENT,
    example: { basis: 'housing', housing_type: 'rent', delivery: 'pickup', declaration: 'yes', _action: 'continue' },
    fields: ['basis', 'housing_type', 'delivery', 'declaration'],
    showBack: async ({ services }) => [`/apply/drafts/${(await probeDraft(services, PERMIT_TASK)).id}/check`],
  },
  {
    name: 'hall.apply.submit',
    side: 'public',
    method: 'POST',
    url: async ({ services }) => `/apply/drafts/${(await probeDraft(services, PERMIT_TASK, (a) => permitAnswers(services, a))).id}/check`,
    kind: 'form',
    signInAs: RESIDENT,
    example: { confirm: 'yes' },
    fields: ['confirm'],
  },
  {
    name: 'hall.case.withdraw',
    side: 'public',
    method: 'POST',
    url: async ({ services }) => `/my/cases/${(await submittedCase(services)).ref}/withdraw`,
    formUrl: '/my/cases',
    kind: 'form',
    signInAs: RESIDENT,
    example: { reason: '信息填写有误，重新申请' },
    fields: ['reason'],
  },
];

export const publicAccessSubjects: AccessSubject[] = [
  {
    name: 'hall.my-case',
    side: 'public',
    prepare: async (s) => {
      const row = await submittedCase(s);
      return { url: `/my/cases/${row.ref}`, secret: ITEM_SECRET };
    },
    owner: { signInAs: RESIDENT },
    others,
  },
  {
    name: 'hall.my-case.confirmation',
    side: 'public',
    prepare: async (s) => {
      const row = await submittedCase(s);
      return { url: `/my/cases/${row.ref}/confirmation`, secret: ITEM_SECRET };
    },
    owner: { signInAs: RESIDENT },
    others,
  },
  {
    name: 'hall.my-case.enterprise',
    side: 'public',
    prepare: async (s) => {
      const row = await submittedCase(s, 0);
      return { url: `/my/cases/${row.ref}`, secret: ITEM_SECRET };
    },
    owner: { signInAs: demoCreditCode(0) },
    others: [{ label: 'a resident not acting for it', signInAs: OTHER_RESIDENT }, ...others.slice(1)],
  },
  {
    name: 'hall.my-case.withdraw',
    side: 'public',
    prepare: async (s) => {
      const row = await submittedCase(s);
      return { url: `/my/cases/${row.ref}/withdraw`, secret: ITEM_SECRET };
    },
    owner: { signInAs: RESIDENT },
    others,
  },
  {
    name: 'hall.my-draft.check',
    side: 'public',
    prepare: async (s) => {
      const row = await probeDraft(s, COMPANY_TASK, async () => ({ enterprise_name: DRAFT_SECRET }));
      return { url: `/apply/drafts/${row.id}/check`, secret: DRAFT_SECRET };
    },
    owner: { signInAs: RESIDENT },
    others,
  },
  {
    name: 'hall.my-draft.page',
    side: 'public',
    prepare: async (s) => {
      const row = await probeDraft(s, COMPANY_TASK, async () => ({ enterprise_name: DRAFT_SECRET }));
      return { url: `/apply/drafts/${row.id}/page/p1`, secret: DRAFT_SECRET };
    },
    owner: { signInAs: RESIDENT },
    others,
  },
];

// ---- INTERNAL: the staff workbench, agent and counter applications ------------------

// The workbench's entries live in hall.inputs.workbench.ts (case actions, search, case pages).
/** Agent (代办) and counter applications: the start forms (the form pages are the same flow as the applicant's). */
const assistedInputs: InputEndpoint[] = [
  {
    name: 'hall.assist.start',
    side: 'internal',
    method: 'POST',
    url: '/assist',
    kind: 'form',
    signInAs: 'agent',
    example: { taskCode: PERMIT_TASK, name: '张三', idNumber: demoResidentIdNumber(0), consentMethod: 'in_person', consentNote: '居民在村便民服务站当面同意' },
    fields: ['taskCode', 'name', 'idNumber', 'consentMethod', 'consentNote'],
    showBack: ['/assist'],
  },
  {
    name: 'hall.counter.start',
    side: 'internal',
    method: 'POST',
    url: '/counter',
    kind: 'form',
    signInAs: 'clerk',
    example: { taskCode: PERMIT_TASK, name: '窗口申请人', idNumber: demoResidentIdNumber(3) },
    fields: ['taskCode', 'name', 'idNumber'],
    showBack: ['/counter'],
  },
];

export const internalInputs: InputEndpoint[] = [...workbenchInputs, ...assistedInputs];
export const internalAccessSubjects: AccessSubject[] = [...workbenchAccessSubjects];

// ---- the registry ------------------------------------------------------------------

export const inputs: InputEndpoint[] = [...publicInputs, ...internalInputs];
export const accessSubjects: AccessSubject[] = [...publicAccessSubjects, ...internalAccessSubjects];
