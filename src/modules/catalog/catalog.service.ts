import { randomUUID } from 'node:crypto';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction, isUniqueViolation, type Db } from '../../platform/db/database.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { PlatformServices } from '../../platform/module.js';
import { indexDocument, removeDocument } from '../../platform/search/search.js';
import { compileSchema, schemaFieldErrors } from '../../platform/validation/json-schema.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { orgUnits } from '../identity/index.js';
import { ItemContent } from './catalog.content.js';
import { DraftChangedError, ItemStateError } from './catalog.errors.js';
import { P, itemInScope } from './catalog.policy.js';
import * as repo from './catalog.repository.js';
import { checkFormDefinition, emptyForm } from './forms/form.definition.js';
import type { FormDefinition } from './forms/form.types.js';

export type { ItemRow, VersionRow, BundleRow } from './catalog.repository.js';

type Services = Pick<PlatformServices, 'db' | 'permissions' | 'events'> & Partial<Pick<PlatformServices, 'pageCache'>>;

const validateContent = compileSchema<ItemContent>(ItemContent);
const TASK_CODE = /^[0-9A-Z]{12,36}$/;

/** Item content checked field by field: the JSON Schema, then the rules between fields. Field names are the national ones. */
export function checkContent(input: unknown, prefix = 'content'): ItemContent {
  if (!validateContent(input)) throw new ValidationError(schemaFieldErrors(validateContent.errors, prefix));
  const c = input;
  const errors: FieldError[] = [];
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (c.promise_type === c.anticipate_type && c.promise_day > c.anticipate_day) errors.push({ field: at('promise_day'), message: 'catalog:errors.promiseOverStatutory', params: { limit: c.anticipate_day } });
  if (c.is_fee && c.fees.length === 0) errors.push({ field: at('fees'), message: 'catalog:errors.feesMissing' });
  if (!c.is_fee && c.fees.length > 0) errors.push({ field: at('is_fee'), message: 'catalog:errors.feesWithoutFee' });
  if (c.online_handle_depth >= 3 && !c.handle_type.includes('online')) errors.push({ field: at('handle_type'), message: 'catalog:errors.onlineChannelMissing' });
  if (c.online_handle_depth === 4 && c.limit_scene_num > 0) errors.push({ field: at('limit_scene_num'), message: 'catalog:errors.fullyOnlineVisits' });
  if (c.project_type === 'immediate' && c.promise_day > 1) errors.push({ field: at('promise_day'), message: 'catalog:errors.immediateLimit' });
  const ids = new Set<string>();
  c.materials.forEach((m, i) => {
    if (ids.has(m.id)) errors.push({ field: at(`materials.${i}.id`), message: 'catalog:errors.materialIdDuplicate', params: { id: m.id } });
    ids.add(m.id);
    if (m.source === 'certificate' && !m.certificate_type) errors.push({ field: at(`materials.${i}.certificate_type`), message: 'validation.required' });
  });
  if (errors.length) throw new ValidationError(errors);
  return c;
}

/** A task code: 12–36 capitals and digits, beginning with the catalog code. */
export function checkTaskCode(taskCode: unknown, catalogCode: string, field = 'task_code'): string {
  const code = typeof taskCode === 'string' ? taskCode.trim() : '';
  if (!TASK_CODE.test(code)) throw new ValidationError([{ field, message: 'catalog:errors.taskCodeFormat' }]);
  if (!code.startsWith(catalogCode)) throw new ValidationError([{ field, message: 'catalog:errors.taskCodePrefix', params: { catalogCode } }]);
  return code;
}

async function departmentCodes(db: Db): Promise<Set<string>> {
  return new Set((await orgUnits(db)).filter((o) => o.kind === 'department').map((o) => o.code));
}

function audit(tx: Db, actor: Actor, action: string, itemId: string, summary: Record<string, unknown>) {
  return recordAudit(tx, { actor: actorRef(actor), action, subject: `service_item:${itemId}`, summary, listener: actor.side, ip: actor.ip });
}

// ---- reading -------------------------------------------------------------

export async function getItem(db: Db, id: string): Promise<repo.ItemRow> {
  const item = isUuid(id) ? await repo.itemById(db, id) : await repo.itemByTaskCode(db, id);
  if (!item) throw new NotFoundError('service item');
  return item;
}

/** What the public may read: the published version of an active or suspended item. */
export async function getPublicItem(db: Db, idOrCode: string): Promise<{ item: repo.ItemRow; version: repo.VersionRow; content: ItemContent; form: FormDefinition }> {
  const item = await getItem(db, idOrCode).catch(() => undefined);
  if (!item || !item.publishedVersionId || (item.state !== 'active' && item.state !== 'suspended')) throw new NotFoundError('service item');
  const version = (await repo.versionById(db, item.publishedVersionId))!;
  return { item, version, content: version.content as ItemContent, form: version.form as FormDefinition };
}

/** Any version by id: the hall keeps the version id a case was submitted under and reads it back here. */
export async function getVersion(db: Db, versionId: string): Promise<{ version: repo.VersionRow; item: repo.ItemRow; content: ItemContent; form: FormDefinition }> {
  const version = isUuid(versionId) ? await repo.versionById(db, versionId) : undefined;
  if (!version) throw new NotFoundError('service item version');
  const item = (await repo.itemById(db, version.itemId))!;
  return { version, item, content: version.content as ItemContent, form: version.form as FormDefinition };
}

export const listPublicItems = (db: Db, f: Omit<repo.ItemFilter, 'publicOnly'>) => repo.listItems(db, { ...f, publicOnly: true });

/** The workbench list: the actor's department's items (all for cross-department roles). */
export async function listItemsForStaff(s: Services, actor: Actor, f: Omit<repo.ItemFilter, 'publicOnly' | 'orgCodePrefix'> & { orgCode?: string | undefined }) {
  await s.permissions.authorize(s.db, actor, P.view);
  const own = itemInScope(actor, '') ? undefined : (actor.departmentCode ?? '-');
  const orgCodePrefix = f.orgCode && (!own || f.orgCode.startsWith(own)) ? f.orgCode : own;
  return repo.listItems(s.db, { ...f, orgCodePrefix });
}

/** An item for the workbench, with its draft and version history; staff outside its department are refused. */
export async function getItemForStaff(s: Services, actor: Actor, id: string) {
  const item = await getItem(s.db, id);
  await s.permissions.authorize(s.db, actor, P.view, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  const versions = await repo.versionsOf(s.db, item.id);
  return { item, versions, draft: versions.find((v) => v.status === 'draft'), published: versions.find((v) => v.id === item.publishedVersionId) };
}

export const countPublicByOrg = repo.countPublicByOrg;
export const countPublicByLifeEvent = repo.countPublicByLifeEvent;

// ---- editing -------------------------------------------------------------

export interface NewItemInput {
  orgCode: string;
  taskCode: string;
  content: unknown;
  form?: unknown;
}

/** Creates an item with its first draft (version 1). */
export async function createItem(s: Services, actor: Actor, input: NewItemInput): Promise<repo.ItemRow> {
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, input.orgCode));
  if (!(await departmentCodes(s.db)).has(input.orgCode)) throw new ValidationError([{ field: 'orgCode', message: 'catalog:errors.orgUnknown' }]);
  const content = checkContent(input.content);
  const taskCode = checkTaskCode(input.taskCode, content.catalog_code);
  const form = input.form === undefined ? emptyForm() : checkFormDefinition(input.form, content.materials.map((m) => m.id));
  const id = randomUUID();
  try {
    return await transaction(s.db, async (tx) => {
      await repo.insertItem(tx, { id, taskCode, orgCode: input.orgCode, state: 'draft', nameZh: content.task_name, nameEn: content.task_name_en ?? null, taskType: content.task_type });
      await repo.insertVersion(tx, { id: randomUUID(), itemId: id, versionNo: 1, status: 'draft', content, form, createdBy: actorRef(actor), updatedBy: actorRef(actor) });
      await audit(tx, actor, 'catalog.item.create', id, { taskCode, name: content.task_name });
      return (await repo.itemById(tx, id))!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError([{ field: 'task_code', message: 'catalog:errors.taskCodeTaken' }]);
    throw e;
  }
}

/** The item's draft, created from the published version when there is none. */
export async function openDraft(s: Services, actor: Actor, itemId: string): Promise<repo.VersionRow> {
  const item = await getItem(s.db, itemId);
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  if (item.state === 'withdrawn') throw new ItemStateError(item.state, 'edit');
  return transaction(s.db, async (tx) => {
    await repo.lockItem(tx, item.id);
    const existing = await repo.draftOf(tx, item.id);
    if (existing) return existing;
    const published = (await repo.versionById(tx, item.publishedVersionId!))!;
    const draft = { id: randomUUID(), itemId: item.id, versionNo: await repo.nextVersionNo(tx, item.id), status: 'draft' as const, content: published.content, form: published.form, createdBy: actorRef(actor), updatedBy: actorRef(actor) };
    await repo.insertVersion(tx, draft);
    await audit(tx, actor, 'catalog.draft.open', item.id, { versionNo: draft.versionNo });
    return (await repo.versionById(tx, draft.id))!;
  });
}

/**
 * Saves a draft's content and/or form. `draftId` is the draft the editor
 * loaded: if it was published or discarded meanwhile, the save is refused
 * (DraftChangedError) and nothing is overwritten.
 */
export async function saveDraft(s: Services, actor: Actor, itemId: string, draftId: string, change: { content?: unknown; form?: unknown }): Promise<repo.VersionRow> {
  const item = await getItem(s.db, itemId);
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  const draft = isUuid(draftId) ? await repo.versionById(s.db, draftId) : undefined;
  if (!draft || draft.itemId !== item.id || draft.status !== 'draft') throw new DraftChangedError();
  const content = change.content === undefined ? (draft.content as ItemContent) : checkContent(change.content);
  const form = change.form === undefined ? (draft.form as FormDefinition) : checkFormDefinition(change.form, content.materials.map((m) => m.id));
  // A content change can remove a material the form still uses: check the pair.
  if (change.content !== undefined && change.form === undefined) checkFormDefinition(form, content.materials.map((m) => m.id));
  return transaction(s.db, async (tx) => {
    if (!(await repo.updateDraft(tx, draft.id, { content, form, updatedBy: actorRef(actor) }))) throw new DraftChangedError();
    await audit(tx, actor, 'catalog.draft.save', item.id, { versionNo: draft.versionNo, parts: [change.content !== undefined && 'content', change.form !== undefined && 'form'].filter(Boolean) });
    return (await repo.versionById(tx, draft.id))!;
  });
}

export async function discardDraft(s: Services, actor: Actor, itemId: string): Promise<void> {
  const item = await getItem(s.db, itemId);
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  if (!item.publishedVersionId) throw new ItemStateError(item.state, 'discard');
  await transaction(s.db, async (tx) => {
    const draft = await repo.draftOf(tx, item.id);
    if (!draft || !(await repo.deleteDraft(tx, draft.id))) throw new DraftChangedError();
    await audit(tx, actor, 'catalog.draft.discard', item.id, { versionNo: draft.versionNo });
  });
}

/** Facet columns copied from the published content. */
function facets(content: ItemContent) {
  return {
    nameZh: content.task_name,
    nameEn: content.task_name_en ?? null,
    taskType: content.task_type,
    audiences: content.audiences,
    lifeEvents: content.life_events,
    townshipCodes: content.township_codes,
    handleArea: content.handle_area,
    onlineDepth: content.online_handle_depth,
    sceneVisits: content.limit_scene_num,
  };
}

/** The text the guide's search finds an item by. */
function searchBody(content: ItemContent, lang: 'zh-CN' | 'en'): string {
  const en = lang === 'en';
  return [
    en ? (content.summary_en ?? content.summary) : content.summary,
    content.task_handle_item,
    en ? (content.accept_condition_en ?? content.accept_condition) : content.accept_condition,
    content.result_name,
    content.materials.map((m) => (en ? (m.name_en ?? m.name) : m.name)).join('；'),
    content.by_law,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Puts an item's published version into the search index (both languages). */
export async function indexItem(db: Db, item: repo.ItemRow, content: ItemContent): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await indexDocument(db, {
      kind: 'service_item',
      id: item.id,
      lang,
      title: lang === 'en' ? (content.task_name_en ?? content.task_name) : content.task_name,
      body: searchBody(content, lang),
      url: `/services/${encodeURIComponent(item.taskCode)}`,
      visibility: 'public',
      orgCode: item.orgCode,
      facets: [...content.audiences.map((a) => `audience:${a}`), ...content.life_events.map((e) => `life:${e}`)],
      date: new Date(),
    });
  }
}

/** Publishes the draft: it becomes the version new applications use; the old published version is kept (superseded) for the cases filed under it. */
export async function publishDraft(s: Services, actor: Actor, itemId: string, draftId: string): Promise<repo.VersionRow> {
  const item = await getItem(s.db, itemId);
  await s.permissions.authorize(s.db, actor, P.publish, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  const published = await transaction(s.db, async (tx) => {
    const locked = (await repo.lockItem(tx, item.id))!;
    if (locked.state === 'withdrawn') throw new ItemStateError(locked.state, 'publish');
    const draft = isUuid(draftId) ? await repo.versionById(tx, draftId) : undefined;
    if (!draft || draft.itemId !== item.id || !(await repo.markPublished(tx, draft.id, actorRef(actor)))) throw new DraftChangedError();
    const content = checkContent(draft.content);
    checkFormDefinition(draft.form, content.materials.map((m) => m.id));
    if (locked.publishedVersionId) await repo.markSuperseded(tx, locked.publishedVersionId);
    const state = locked.state === 'suspended' ? 'suspended' : 'active';
    await repo.updateItem(tx, item.id, { ...facets(content), state, publishedVersionId: draft.id });
    await indexItem(tx, locked, content);
    await audit(tx, actor, 'catalog.item.publish', item.id, { versionNo: draft.versionNo, previous: locked.publishedVersionId });
    await s.events.publish(tx, 'catalog.item.published', { itemId: item.id, taskCode: item.taskCode, versionId: draft.id, versionNo: draft.versionNo, orgCode: item.orgCode });
    return (await repo.versionById(tx, draft.id))!;
  });
  s.pageCache?.clear();
  return published;
}

const NOTICE_MAX = 1000;

function checkNotice(notice: unknown): string {
  const text = typeof notice === 'string' ? notice.trim() : '';
  if (text.length < 5) throw new ValidationError([{ field: 'notice', message: 'catalog:errors.noticeRequired' }]);
  if (text.length > NOTICE_MAX) throw new ValidationError([{ field: 'notice', message: 'validation.maxLength', params: { limit: NOTICE_MAX } }]);
  return text;
}

/**
 * Suspends (no new applications, the guide shows the notice), resumes, or
 * withdraws (gone from the guide for good; cases already filed go on).
 */
export async function changeItemState(s: Services, actor: Actor, itemId: string, action: 'suspend' | 'resume' | 'withdraw', notice?: unknown): Promise<repo.ItemRow> {
  const item = await getItem(s.db, itemId);
  await s.permissions.authorize(s.db, actor, P.publish, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  const text = action === 'resume' ? null : checkNotice(notice);
  const changed = await transaction(s.db, async (tx) => {
    const locked = (await repo.lockItem(tx, item.id))!;
    const allowed = { suspend: ['active'], resume: ['suspended'], withdraw: ['active', 'suspended'] }[action];
    if (!allowed.includes(locked.state)) throw new ItemStateError(locked.state, action);
    const state = action === 'suspend' ? 'suspended' : action === 'resume' ? 'active' : 'withdrawn';
    await repo.updateItem(tx, item.id, { state, notice: text, noticeAt: text ? new Date() : null });
    // Suspended items stay findable (the guide shows the notice); withdrawn ones leave the index.
    if (state === 'withdrawn') await removeDocument(tx, 'service_item', item.id);
    await audit(tx, actor, `catalog.item.${action}`, item.id, { from: locked.state, to: state, notice: text });
    await s.events.publish(tx, `catalog.item.${action === 'resume' ? 'resumed' : action === 'suspend' ? 'suspended' : 'withdrawn'}`, { itemId: item.id, taskCode: item.taskCode, notice: text });
    return (await repo.itemById(tx, item.id))!;
  });
  // Cached guide pages show the item, its state and the lists it is in.
  s.pageCache?.clear();
  return changed;
}

/** May new applications be filed under this item now? (active, published, online depth ≥ 3) */
export function acceptsOnlineApplications(item: repo.ItemRow): boolean {
  return item.state === 'active' && !!item.publishedVersionId && item.onlineDepth >= 3;
}

