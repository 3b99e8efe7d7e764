/**
 * The workbench in the hostile-input registry (src/platform/testing/registry.ts): the
 * draft editor, "new item" and the suspend form, with valid examples, and the pages only
 * the item's department may see. The probe posts urlencoded forms, which the editor
 * accepts as well as multipart (the uploads have their own tests in __tests__/workbench*).
 * Items are found in the demo seed: the first published items of 行政审批服务局 (001015).
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { PlatformServices } from '../../platform/module.js';
import type { AccessSubject, Example, InputEndpoint, ResolveContext } from '../../platform/testing/registry.js';
import { staffActor } from '../identity/index.js';
import type { ItemContent } from './catalog.content.js';
import { contentValues } from './catalog.draft-form.js';
import * as repo from './catalog.repository.js';
import { changeItemState, openDraft } from './catalog.service.js';

const ORG = '001015';

async function admin(s: PlatformServices): Promise<Actor> {
  const actor = await staffActor(s.db, 'admin');
  if (!actor) throw new Error('catalog.inputs.admin: no demo admin (is the demo county seeded?)');
  return actor;
}

/** The n-th published item of the approval bureau (the first when there are fewer). */
async function publishedItem(s: PlatformServices, n: number): Promise<repo.ItemRow> {
  const { rows } = await repo.listItems(s.db, { orgCodePrefix: ORG, states: ['active', 'suspended'], limit: n + 1, offset: 0 });
  const item = rows[n] ?? rows[0];
  if (!item) throw new Error(`catalog.inputs.admin: no published item of ${ORG} (is the catalog demo seed loaded?)`);
  return item;
}

/** The item the editor probe works on, with a draft (opened from the published version when there is none). */
async function editorTarget(s: PlatformServices): Promise<{ item: repo.ItemRow; draft: repo.VersionRow }> {
  const item = await publishedItem(s, 0);
  const draft = (await repo.draftOf(s.db, item.id)) ?? (await openDraft(s, await admin(s), item.id));
  return { item, draft };
}

/**
 * A form's fields as one value each (the registry's examples carry no repeated fields):
 * a multi-valued field keeps one value that keeps the content valid (the online channel when
 * the online depth needs it).
 */
function asExample(content: ItemContent): Example {
  const example: Example = {};
  for (const [k, v] of Object.entries(contentValues(content).values)) {
    if (!Array.isArray(v)) example[k] = v;
    else if (v.length) example[k] = k === 'handle_type' && v.includes('online') ? 'online' : v[0]!;
  }
  return example;
}

async function draftExample({ services: s }: ResolveContext): Promise<Example> {
  const { draft } = await editorTarget(s);
  return { draftId: draft.id, ...asExample(draft.content as ItemContent) };
}

/** A new item of the approval bureau; the task code is new on every call. */
function newItemExample({ seq }: ResolveContext): Example {
  const catalogCode = '000999000001';
  return {
    task_code: `${catalogCode}${String(seq).padStart(8, '0')}`,
    catalog_code: catalogCode,
    task_name: '探针测试事项',
    task_type: 'public_service',
    by_law: '《探针测试办法》第一条',
    accept_condition: '本县居民。',
    anticipate_day: 20,
    anticipate_type: 'working_days',
    promise_day: 5,
    promise_type: 'working_days',
    limit_scene_num: 1,
    is_fee: 'false',
    handle_type: 'window',
    online_handle_depth: 2,
    is_express: 'false',
    project_type: 'commitment',
    result_type: '证明',
    result_name: '探针证明',
    handle_area: 'county',
    transact_addr: '青山县政务服务中心',
    transact_time: '工作日 9:00-17:00',
    link_way: '0571-12345678',
    supervise_way: '12345 热线',
    audiences: 'individual',
    'materials.0.name': '申请书',
    'materials.0.required': 'true',
    'materials.0.originals': 1,
    'materials.0.copies': 0,
    'materials.0.format': 'paper',
    'materials.0.source': 'applicant',
    'handle_flow.0.name': '受理',
    'handle_flow.0.actor': '综合窗口',
    'handle_flow.0.days': 1,
  };
}

/** The item the suspend probe works on, active again before every send (so each accepted notice suspends it anew). */
async function suspendUrl({ services: s }: ResolveContext): Promise<string> {
  const item = await publishedItem(s, 1);
  if (item.state === 'suspended') await changeItemState(s, await admin(s), item.id, 'resume');
  return `/catalog/${item.id}/suspend`;
}

export const adminInputs: InputEndpoint[] = [
  {
    name: 'catalog.admin.draft',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => `/catalog/${(await editorTarget(services)).item.id}/draft`,
    kind: 'multipart',
    signInAs: 'editor.approval',
    example: draftExample,
    fields: ['draftId', 'task_name', 'by_law', 'promise_day', 'handle_type', 'township_codes', 'materials.0.name', 'materials.0.originals', 'handle_flow.0.days', 'handle_flow.0.parallel_departments', 'faqs.0.question'],
    showBack: async ({ services }) => {
      const { item, draft } = await editorTarget(services);
      return [`/catalog/${item.id}`, `/catalog/${item.id}/versions/${draft.versionNo}`, '/catalog'];
    },
  },
  {
    name: 'catalog.admin.new-item',
    side: 'internal',
    method: 'POST',
    url: '/catalog/new',
    kind: 'multipart',
    signInAs: 'editor.approval',
    example: newItemExample,
    fields: ['task_code', 'catalog_code', 'task_name', 'anticipate_day', 'is_fee', 'materials.0.name', 'handle_flow.0.name'],
  },
  {
    name: 'catalog.admin.suspend',
    side: 'internal',
    method: 'POST',
    url: suspendUrl,
    kind: 'form',
    signInAs: 'head',
    example: { notice: '因系统升级，本事项暂停办理，预计三个工作日后恢复。' },
    fields: ['notice'],
  },
];

const others = [
  { label: "another department's head", signInAs: 'head.police' },
  { label: 'anonymous' },
];

export const adminAccessSubjects: AccessSubject[] = [
  {
    name: 'catalog.admin.item-draft',
    side: 'internal',
    prepare: async (s) => {
      const { item } = await editorTarget(s);
      return { url: `/catalog/${item.id}/draft`, secret: item.taskCode };
    },
    owner: { signInAs: 'editor.approval' },
    others: [...others, { label: 'a window clerk of the same department (no catalog.item.edit)', signInAs: 'clerk' }],
  },
  {
    name: 'catalog.admin.item',
    side: 'internal',
    prepare: async (s) => {
      const item = await publishedItem(s, 0);
      return { url: `/catalog/${item.id}`, secret: item.taskCode };
    },
    owner: { signInAs: 'head' },
    others,
  },
];
