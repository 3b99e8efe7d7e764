import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { SeedContext } from '../../platform/module.js';
import { storeFile } from '../../platform/files/files.js';
import { staffActor } from '../identity/index.js';
import type { ItemContent } from './catalog.content.js';
import * as repo from './catalog.repository.js';
import { changeItemState, createItem, openDraft, publishDraft, saveDraft } from './catalog.service.js';
import { formWorkbooks } from './seed/blank-forms.js';
import { taskCode, type SeedBundle, type SeedItem } from './seed/common.js';
import { SEED_BUNDLES, SEED_ITEMS } from './seed/index.js';

type Services = Pick<SeedContext, 'db' | 'permissions' | 'events'>;

/** Runs one step of the seed; a refused item names itself and the fields the checks refused. */
async function loudly<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ValidationError) throw new Error(`catalog seed: ${what} refused: ${JSON.stringify(e.fields)}`, { cause: e });
    throw e;
  }
}

/** Stores the item's generated blank form and sample and points its material at them. */
async function attachPaperForms(ctx: SeedContext, db: Db, it: SeedItem, papers: { blank: Buffer; sample: Buffer }): Promise<ItemContent> {
  const store = (bytes: Buffer, name: string) =>
    storeFile(db, ctx.files, { bytes, name, createdBy: 'system', allow: ['xlsx'], maxBytes: ctx.config.fileMaxBytes, field: `materials.${it.paperForm}` });
  const material = it.content.materials.find((m) => m.id === it.paperForm);
  if (!material) throw new Error(`catalog seed: ${it.content.task_name} has no material ${it.paperForm}`);
  const blank = await store(papers.blank, `${material.name}（空白表）.xlsx`);
  const sample = await store(papers.sample, `${material.name}（样表）.xlsx`);
  return { ...it.content, materials: it.content.materials.map((m) => (m.id === it.paperForm ? { ...m, blank_form_file: blank.id, sample_file: sample.id } : m)) };
}

/** Creates, publishes and (for some) revises, suspends or withdraws one item, through the service like an editor would. */
async function seedItem(s: Services, actor: Actor, it: SeedItem, content: ItemContent): Promise<string> {
  const code = taskCode(it.content.catalog_code, it.org);
  if (content.online_handle_depth >= 3 && !it.form) throw new Error(`catalog seed: ${code} is applied for online but has no form`);
  const item = await loudly(code, () => createItem(s, actor, { orgCode: it.org, taskCode: code, content, form: it.form }));
  const first = (await repo.draftOf(s.db, item.id))!;
  await loudly(code, () => publishDraft(s, actor, item.id, first.id));
  if (it.revise) {
    const change = it.revise(content, it.form);
    const draft = await openDraft(s, actor, item.id);
    await loudly(`${code} v2`, () => saveDraft(s, actor, item.id, draft.id, change));
    await loudly(`${code} v2`, () => publishDraft(s, actor, item.id, draft.id));
  }
  if (it.state) await loudly(code, () => changeItemState(s, actor, item.id, it.state!.action, it.state!.notice));
  return item.id;
}

async function seedBundle(db: Db, b: SeedBundle, ids: Map<string, string>): Promise<void> {
  const itemIds = b.definition.items.map((code) => {
    const id = ids.get(code);
    if (!id) throw new Error(`catalog seed: bundle ${b.code} names unknown item ${code}`);
    return id;
  });
  const { definition, ...row } = b;
  await repo.insertBundle(db, { id: randomUUID(), ...row, active: true, definition }, itemIds);
}

/**
 * The demo county's implementation list (青山县): items of many departments,
 * published through the service so versions, facets and the search index are
 * what an editor's work would leave; the two one-thing bundles; blank forms
 * and samples as XLSX files. All or nothing, and only once.
 */
export async function seedCatalog(ctx: SeedContext): Promise<void> {
  const started = performance.now();
  const firstCode = taskCode(SEED_ITEMS[0]!.content.catalog_code, SEED_ITEMS[0]!.org);
  if (await repo.itemByTaskCode(ctx.db, firstCode)) {
    ctx.log('  catalog: already seeded');
    return;
  }
  const actor = await staffActor(ctx.db, 'admin');
  if (!actor) throw new Error('catalog seed: no administrator account (the identity seed runs first)');
  const papers = await Promise.all(
    SEED_ITEMS.map(async (it) => {
      const material = it.content.materials.find((m) => m.id === it.paperForm);
      return material && it.form ? formWorkbooks(material.name, it.form, it.sample) : undefined;
    }),
  );
  await ctx.db.transaction(async (raw) => {
    const db = raw as unknown as Db;
    const s: Services = { db, permissions: ctx.permissions, events: ctx.events };
    const ids = new Map<string, string>();
    for (const [i, it] of SEED_ITEMS.entries()) {
      const paper = papers[i];
      const content = paper ? await attachPaperForms(ctx, db, it, paper) : it.content;
      ids.set(taskCode(it.content.catalog_code, it.org), await seedItem(s, actor, it, content));
    }
    for (const b of SEED_BUNDLES) await seedBundle(db, b, ids);
  });
  const departments = new Set(SEED_ITEMS.map((it) => it.org)).size;
  ctx.log(`  catalog: ${SEED_ITEMS.length} items of ${departments} departments, ${SEED_BUNDLES.length} bundles (${Math.round(performance.now() - started)} ms)`);
}
