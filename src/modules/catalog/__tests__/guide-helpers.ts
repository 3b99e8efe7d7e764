import type { Actor } from '../../../platform/auth/actor.js';
import { storeFile } from '../../../platform/files/files.js';
import { runDemoSeeds } from '../../../platform/seed/seed.js';
import type { TestApp } from '../../../../test/app.js';
import type { ItemContent } from '../catalog.content.js';
import { changeItemState, createItem, openDraft, publishDraft } from '../catalog.service.js';
import type { FormDefinition } from '../forms/form.types.js';
import { sampleContent } from './helpers.js';

/** An administrator as the services see one (the catalog's services take an Actor). */
export const admin: Actor = {
  accountId: 'guide-test-admin',
  kind: 'staff',
  displayName: 'Guide test admin',
  roles: ['administrator'],
  orgUnitId: null,
  departmentCode: null,
  regionCode: null,
  side: 'internal',
  ip: '127.0.0.1',
};

/** The demo county's org tree and regions only (identity's seed): the tests create their own items. */
export async function seedIdentity(t: TestApp): Promise<void> {
  await runDemoSeeds(t.platform, t.platform.modules.filter((m) => m.name === 'identity'), () => undefined);
}


let seq = 0;
/** A fresh task code for a catalog code: the code plus the county and a counter. */
export const nextTaskCode = (catalogCode = '000123456000') => `${catalogCode}339901${String(++seq).padStart(6, '0')}`;

export interface PublishInput {
  org?: string;
  taskCode?: string;
  content?: Partial<ItemContent>;
  form?: FormDefinition;
  state?: { action: 'suspend' | 'withdraw'; notice: string };
}

/** Creates an item as an administrator and publishes its first version; optionally suspends or withdraws it. */
export async function publishItem(t: TestApp, input: PublishInput = {}) {
  const content = sampleContent(input.content);
  const taskCode = input.taskCode ?? nextTaskCode(content.catalog_code);
  const item = await createItem(t.platform, admin, { orgCode: input.org ?? '001015', taskCode, content, ...(input.form ? { form: input.form } : {}) });
  const draft = await openDraft(t.platform, admin, item.id);
  const version = await publishDraft(t.platform, admin, item.id, draft.id);
  if (input.state) await changeItemState(t.platform, admin, item.id, input.state.action, input.state.notice);
  return { item, version, taskCode, content };
}

/** Stores a small PDF (sniffed by its magic bytes) and returns its id. */
export async function storePdf(t: TestApp, name: string, marker = name): Promise<string> {
  const bytes = new TextEncoder().encode(`%PDF-1.4\n% ${marker}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
  const f = await storeFile(t.platform.db, t.platform.files, { bytes, name, createdBy: 'test', allow: ['pdf'], maxBytes: 1024 * 1024, field: 'file' });
  return f.id;
}

/** GET a page as an anonymous visitor, in English when asked. */
export const get = (t: TestApp, url: string, lang?: 'en') => t.publicApp.inject({ method: 'GET', url, headers: lang ? { cookie: `ow_lang=${lang}` } : {} });
