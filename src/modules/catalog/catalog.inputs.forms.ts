/**
 * The form editor's entries in the hostile-input registry (src/platform/testing/registry.ts).
 * They work on a probe item of the 行政审批服务局 (001015) with a known form, created on
 * first use, so the examples stay valid whatever the demo seed's forms look like.
 *
 * Only steps that can be repeated without limit are registered (renaming a page, editing
 * a field, walking the preview): adding pages or rules hundreds of times would hit the
 * form's limits (20 pages, 20 rules) and make the valid example fail for that reason.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { PlatformServices } from '../../platform/module.js';
import type { AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';
import type { ItemContent } from './catalog.content.js';
import * as repo from './catalog.repository.js';
import { createItem } from './catalog.service.js';
import type { FormDefinition } from './forms/form.types.js';

/** The demo resident 张三 signs in with his mobile number (identity.seed-data.ts). */
const DEMO_RESIDENT = '13800010001';

export const PROBE_TASK_CODE = '000199990000990001';
/** The label of the probe form's first field: what only those who may open the editor see. */
export const PROBE_SECRET = '探针申请人姓名';

/** The probe item is created by the system (as an administrator would), not by the probed editor. */
const SYSTEM: Actor = { accountId: '00000000-0000-4000-8000-0000000000f0', kind: 'staff', displayName: 'probe setup', roles: ['administrator'], orgUnitId: null, departmentCode: null, regionCode: null, side: 'internal', ip: '127.0.0.1' };

const content: ItemContent = {
  catalog_code: '000199990000',
  task_name: '探针测试事项（表单）',
  task_name_en: 'Probe item (forms)',
  task_type: 'public_service',
  by_law: '《青山县政务服务事项管理办法》',
  accept_condition: '用于安全测试。',
  summary: '用于安全测试的事项。',
  anticipate_day: 10,
  anticipate_type: 'working_days',
  promise_day: 5,
  promise_type: 'working_days',
  limit_scene_num: 0,
  is_fee: false,
  fees: [],
  handle_type: ['window', 'online'],
  online_handle_depth: 4,
  is_express: false,
  project_type: 'commitment',
  result_type: '其他',
  result_name: '办理结果',
  handle_area: 'county',
  township_codes: [],
  transact_addr: '青山县政务服务中心',
  transact_time: '周一至周五 8:30-17:30',
  link_way: '0571-12345678',
  supervise_way: '12345 政务服务便民热线',
  audiences: ['individual'],
  life_events: ['residence'],
  materials: [{ id: 'm1', name: '申请书', required: true, originals: 1, copies: 0, format: 'either', source: 'applicant' }],
  handle_flow: [{ name: '受理', actor: '综合受理窗口', days: 1 }],
  faqs: [],
};

const form: FormDefinition = {
  version: 1,
  pages: [
    {
      id: 'p1',
      title: { zh: '申请人信息', en: 'Applicant' },
      fields: [
        { key: 'name', type: 'text', label: { zh: PROBE_SECRET, en: 'Probe name' }, required: true, max: 50 },
        { key: 'note', type: 'textarea', label: { zh: '备注', en: 'Note' }, required: false },
        { key: 'marital', type: 'choice', label: { zh: '婚姻状况', en: 'Marital status' }, required: true, options: [{ value: 'single', label: { zh: '未婚' } }, { value: 'married', label: { zh: '已婚' } }] },
        { key: 'spouse_name', type: 'text', label: { zh: '配偶姓名' }, required: true, showIf: { field: 'marital', equals: 'married' } },
      ],
    },
    { id: 'p2', title: { zh: '声明' }, fields: [{ key: 'declare', type: 'declaration', label: { zh: '我承诺所填信息真实' }, required: true }] },
  ],
  stops: [],
  schema: {},
};

/** The probe item's id, creating it (with its draft) the first time. */
export async function probeItemId(s: PlatformServices): Promise<string> {
  const existing = await repo.itemByTaskCode(s.db, PROBE_TASK_CODE);
  if (existing) return existing.id;
  return (await createItem(s, SYSTEM, { orgCode: '001015', taskCode: PROBE_TASK_CODE, content, form })).id;
}

/** The current key of the probe form's second field (an accepted probe value may have renamed it). */
async function noteKey(s: PlatformServices, itemId: string): Promise<string> {
  const draft = await repo.draftOf(s.db, itemId);
  return (draft?.form as FormDefinition | undefined)?.pages[0]?.fields[1]?.key ?? 'note';
}

const editorPage = async ({ services }: { services: PlatformServices }) => [`/catalog/${await probeItemId(services)}/form`, `/catalog/${await probeItemId(services)}/form/preview`];

export const formInputs: InputEndpoint[] = [
  {
    name: 'catalog.form.page.rename',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => `/catalog/${await probeItemId(services)}/form/pages/p1/edit`,
    kind: 'form',
    signInAs: 'editor.approval',
    example: { titleZh: '申请人信息', titleEn: 'Applicant' },
    fields: ['titleZh', 'titleEn'],
    showBack: editorPage,
  },
  {
    name: 'catalog.form.field.edit',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => {
      const id = await probeItemId(services);
      return `/catalog/${id}/form/pages/p1/fields/${encodeURIComponent(await noteKey(services, id))}/edit`;
    },
    kind: 'form',
    signInAs: 'editor.approval',
    example: { type: 'textarea', key: 'note', labelZh: '备注', labelEn: 'Note', hintZh: '可不填', hintEn: 'Optional', min: '', max: '500', options: '', showIfField: '', showIfValue: '', prefill: '', materialId: '', columns: '', textZh: '', textEn: '' },
    fields: ['type', 'key', 'labelZh', 'labelEn', 'hintZh', 'hintEn', 'min', 'max', 'options', 'showIfField', 'showIfValue', 'prefill', 'materialId', 'columns', 'textZh', 'textEn'],
    showBack: editorPage,
  },
  {
    name: 'catalog.form.preview',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => `/catalog/${await probeItemId(services)}/form/preview/p1`,
    formUrl: async ({ services }) => `/catalog/${await probeItemId(services)}/form/preview`,
    kind: 'form',
    signInAs: 'editor.approval',
    example: { _state: '{}', name: '探针 居民', note: '备注', marital: 'single', _action: 'continue' },
    fields: ['_state', 'name', 'note', 'marital', 'spouse_name', '_action'],
  },
];

export const formAccessSubjects: AccessSubject[] = [
  {
    name: 'catalog.form-editor',
    side: 'internal',
    prepare: async (s) => ({ url: `/catalog/${await probeItemId(s)}/form`, secret: PROBE_SECRET }),
    owner: { signInAs: 'editor.approval' },
    others: [
      { label: "another department's head", signInAs: 'head.police' },
      { label: "another department's content editor", signInAs: 'editor' },
      { label: 'a clerk of the same department (no catalog.item.edit)', signInAs: 'clerk' },
      { label: "a resident's public session", signInAs: DEMO_RESIDENT, signInOn: 'public' },
      { label: 'anonymous' },
    ],
  },
  {
    name: 'catalog.form-preview',
    side: 'internal',
    prepare: async (s) => ({ url: `/catalog/${await probeItemId(s)}/form/preview`, secret: PROBE_SECRET }),
    owner: { signInAs: 'editor.approval' },
    others: [
      { label: "another department's clerk", signInAs: 'clerk.police' },
      { label: "a resident's public session", signInAs: DEMO_RESIDENT, signInOn: 'public' },
      { label: 'anonymous' },
    ],
  },
];
