/**
 * Saving the draft editor's form: every problem is found before anything is written
 * (the content's fields, the task code, each chosen file's size and type), so a person
 * sees all of them at once; then the files and the draft (or the new item) are stored
 * in one transaction, so a refused save leaves neither a half-saved draft nor file rows.
 */
import type { Actor } from '../../platform/auth/actor.js';
import { actorRef } from '../../platform/auth/actor.js';
import { transaction } from '../../platform/db/database.js';
import { sniff, storeFile, type FileKind } from '../../platform/files/files.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { PlatformServices } from '../../platform/module.js';
import { seesAllDepartments } from '../identity/index.js';
import type { ItemContent } from './catalog.content.js';
import { draftContent, type DraftForm, type PendingUpload } from './catalog.draft-form.js';
import { P, itemInScope } from './catalog.policy.js';
import type { ItemRow, VersionRow } from './catalog.repository.js';
import { checkContent, checkTaskCode, createItem, saveDraft } from './catalog.service.js';

/** Blank forms and samples: documents a resident can open and print. */
export const MATERIAL_FILE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'doc'];
/** Stands in for a file not stored yet while the content is checked. */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

function uploadErrors(s: PlatformServices, uploads: readonly PendingUpload[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const u of uploads) {
    if (u.file.data.length === 0) errors.push({ field: u.field, message: 'errors.fileEmpty' });
    else if (u.file.truncated || u.file.data.length > s.config.fileMaxBytes) errors.push({ field: u.field, message: 'errors.fileTooLarge', params: { max: Math.floor(s.config.fileMaxBytes / 1048576) } });
    else if (!MATERIAL_FILE_KINDS.includes(sniff(u.file.data) as FileKind)) errors.push({ field: u.field, message: 'errors.fileType', params: { allowed: MATERIAL_FILE_KINDS.join(', ').toUpperCase() } });
  }
  return errors;
}

function contentErrors(form: DraftForm): FieldError[] {
  const placeholders = new Map(form.uploads.map((u) => [u.field, PLACEHOLDER_ID]));
  try {
    checkContent(draftContent(form, placeholders));
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return [...e.fields];
    throw e;
  }
}

/** Stores the chosen files (inside the caller's transaction) and returns their ids by field. */
async function storeUploads(s: PlatformServices, tx: PlatformServices['db'], actor: Actor, uploads: readonly PendingUpload[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const u of uploads) {
    const stored = await storeFile(tx, s.files, { bytes: u.file.data, name: u.file.filename, createdBy: actorRef(actor), allow: MATERIAL_FILE_KINDS, maxBytes: s.config.fileMaxBytes, field: u.field });
    ids.set(u.field, stored.id);
  }
  return ids;
}

/** The file ids a content uses: the only ids a posted form may keep. */
export function fileIdsOf(content: ItemContent | undefined): Set<string> {
  const ids = new Set<string>();
  for (const m of content?.materials ?? []) {
    if (m.blank_form_file) ids.add(m.blank_form_file);
    if (m.sample_file) ids.add(m.sample_file);
  }
  return ids;
}

/** Saves the editor's form into the draft `draftId` of `item`. */
export async function saveDraftForm(s: PlatformServices, actor: Actor, item: ItemRow, draftId: string, form: DraftForm): Promise<VersionRow> {
  // Checked here, outside the transaction below, so a refusal is audited (and nothing is read from the files first).
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
  const errors = [...contentErrors(form), ...uploadErrors(s, form.uploads)];
  if (errors.length) throw new ValidationError(errors);
  if (form.uploads.length === 0) return saveDraft(s, actor, item.id, draftId, { content: draftContent(form) });
  return transaction(s.db, async (tx) => {
    const ids = await storeUploads(s, tx, actor, form.uploads);
    return saveDraft({ ...s, db: tx }, actor, item.id, draftId, { content: draftContent(form, ids) });
  });
}

/** The department a new item belongs to: staff of one department create only their own department's items. */
export function newItemOrg(actor: Actor, posted: string): string {
  return seesAllDepartments(actor) ? posted.trim() : (actor.departmentCode ?? '');
}

/** Creates an item (with its first draft) from the "new item" form. */
export async function createItemFromForm(s: PlatformServices, actor: Actor, input: { orgCode: string; taskCode: string; form: DraftForm }): Promise<ItemRow> {
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, input.orgCode));
  const errors: FieldError[] = [];
  if (input.orgCode === '') errors.push({ field: 'orgCode', message: 'validation.required' });
  const taskCode = input.taskCode.trim().toUpperCase();
  const posted = draftContent(input.form).catalog_code;
  const catalogCode = typeof posted === 'string' ? posted : '';
  try {
    // The prefix rule is checked only against a well-formed catalog code (its own error is shown anyway).
    checkTaskCode(taskCode, /^[0-9A-Z]{12}$/.test(catalogCode) ? catalogCode : '');
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    errors.push(...e.fields);
  }
  errors.push(...contentErrors(input.form), ...uploadErrors(s, input.form.uploads));
  if (errors.length) throw new ValidationError(errors);
  if (input.form.uploads.length === 0) return createItem(s, actor, { orgCode: input.orgCode, taskCode, content: draftContent(input.form) });
  return transaction(s.db, async (tx) => {
    const ids = await storeUploads(s, tx, actor, input.form.uploads);
    return createItem({ ...s, db: tx }, actor, { orgCode: input.orgCode, taskCode, content: draftContent(input.form, ids) });
  });
}
