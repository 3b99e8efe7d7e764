/**
 * Importing a department's implementation list (docs/catalog-import-format.md).
 *
 * The whole file is checked first; any error anywhere fails the import and
 * nothing is stored. A good file is stored in ONE transaction: new items with a
 * draft v1, new drafts of existing items (or their draft replaced, keeping the
 * item's form). Publishing stays with the department head. Small files are
 * handled in the request; big ones by a background job that reports progress.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction, type Db } from '../../platform/db/database.js';
import { cleanFileName } from '../../platform/files/files.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { isUpload } from '../../platform/http/uploads.js';
import type { PlatformServices } from '../../platform/module.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { orgUnits } from '../identity/index.js';
import { checkRows, decodeRow, tidyErrors, type DecodedRow, type Plan } from './catalog.import.check.js';
import { parseImportFile, type ImportError, type ImportFormat, type ParsedFile } from './catalog.import.parse.js';
import * as importRepo from './catalog.import.repository.js';
import * as repo from './catalog.repository.js';
import { P, itemInScope } from './catalog.policy.js';
import { emptyForm } from './forms/form.definition.js';

export type { ImportError } from './catalog.import.parse.js';
export type ImportRow = repo.ImportRow;

type Services = Pick<PlatformServices, 'db' | 'permissions' | 'jobs' | 'config'>;

/** Files with at most this many item rows are imported in the request; bigger ones by the job. */
export const SYNC_MAX_ROWS = 200;
export const IMPORT_JOB = 'catalog.import.run';
export const IMPORT_JOB_ATTEMPTS = 3;
/** Rows checked between two progress updates. */
const CHUNK = 250;

export interface ImportJobPayload {
  importId: string;
  /** Who uploaded the file: rows are checked against their department. */
  actor: Actor;
  /** The file, gzip + base64 (the job has no blob store). */
  data: string;
  format: ImportFormat;
}

interface ImportMeta {
  id: string;
  orgCode: string;
  fileName: string;
  createdBy: string;
  format: ImportFormat;
}

/** A storing transaction found a problem (something changed since the check): roll back and report it. */
class Rejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super('import rejected');
  }
}

async function departmentCodes(db: Db): Promise<Set<string>> {
  return new Set((await orgUnits(db)).filter((o) => o.kind === 'department').map((o) => o.code));
}

function audit(tx: Db, actor: Actor, meta: ImportMeta, summary: Record<string, unknown>) {
  return recordAudit(tx, {
    actor: actorRef(actor),
    action: 'catalog.import',
    subject: `catalog_import:${meta.id}`,
    summary: { file: meta.fileName, format: meta.format, ...summary },
    listener: actor.side,
    ip: actor.ip,
  });
}

/** Marks the import failed with its errors (one audit record); nothing of the file is stored. */
async function finishFailed(db: Db, actor: Actor, meta: ImportMeta, total: number, errors: ImportError[], exists: boolean): Promise<void> {
  const tidy = tidyErrors(errors);
  await transaction(db, async (tx) => {
    const set = { status: 'failed' as const, totalRows: total, processedRows: total, errors: tidy, createdItems: 0, updatedItems: 0, finishedAt: new Date() };
    if (exists) await repo.updateImport(tx, meta.id, set);
    else await repo.insertImport(tx, { ...meta, ...set });
    await audit(tx, actor, meta, { status: 'failed', rows: total, errors: errors.length });
  });
}

/** Writes the plans: new items with draft v1, new drafts, replaced drafts. */
async function store(tx: Db, actor: Actor, plans: Plan[]): Promise<{ created: number; updated: number }> {
  const by = actorRef(actor);
  const creates = plans.flatMap((p) => (p.action === 'create' ? [p] : []));
  const newItems = creates.map((p) => ({ id: randomUUID(), p }));
  await importRepo.insertItems(
    tx,
    newItems.map(({ id, p }) => ({ id, taskCode: p.row.input.taskCode, orgCode: p.row.input.deptCode, state: 'draft' as const, nameZh: p.content.task_name, nameEn: p.content.task_name_en ?? null, taskType: p.content.task_type })),
  );
  const draft = (itemId: string, versionNo: number, content: unknown, form: unknown) => ({ id: randomUUID(), itemId, versionNo, status: 'draft' as const, content, form, createdBy: by, updatedBy: by });
  await importRepo.insertVersions(tx, [
    ...newItems.map(({ id, p }) => draft(id, 1, p.content, emptyForm())),
    ...plans.flatMap((p) => (p.action === 'draft' ? [draft(p.item.id, p.versionNo, p.content, p.form)] : [])),
  ]);
  for (const p of plans) {
    if (p.action !== 'replace') continue;
    if (!(await repo.updateDraft(tx, p.draftId, { content: p.content, updatedBy: by }))) {
      throw new Rejected([{ sheet: 'items', row: p.row.input.row, column: 'task_code', message: 'catalog:import.errors.changedMeanwhile' }]);
    }
  }
  return { created: creates.length, updated: plans.filter((p) => p.action === 'draft' || p.action === 'replace').length };
}

/**
 * Checks every row (reporting progress), then stores all of them in one
 * transaction that checks them again under lock, or stores nothing.
 */
async function processFile(db: Db, actor: Actor, meta: ImportMeta, parsed: ParsedFile, exists: boolean, progress?: (n: number) => Promise<void>): Promise<void> {
  const total = parsed.items.length;
  const errors: ImportError[] = [...parsed.errors];
  let decoded: DecodedRow[] = [];
  const departments = await departmentCodes(db);
  // Header problems leave no rows (each row would repeat them); row problems found while reading don't stop the check.
  if (parsed.items.length) {
    decoded = parsed.items.map((item) => decodeRow(item, errors));
    for (let i = 0; i < decoded.length; i += CHUNK) {
      errors.push(...(await checkRows({ db, actor, departments, lock: false }, decoded.slice(i, i + CHUNK))).errors);
      if (progress) await progress(Math.min(i + CHUNK, total));
    }
  }
  if (errors.length) return finishFailed(db, actor, meta, total, errors, exists);
  try {
    await transaction(db, async (tx) => {
      const checked = await checkRows({ db: tx, actor, departments, lock: true }, decoded);
      if (checked.errors.length) throw new Rejected(checked.errors);
      const { created, updated } = await store(tx, actor, checked.plans);
      const set = { status: 'done' as const, totalRows: total, processedRows: total, errors: [], createdItems: created, updatedItems: updated, finishedAt: new Date() };
      if (exists) await repo.updateImport(tx, meta.id, set);
      else await repo.insertImport(tx, { ...meta, ...set });
      await audit(tx, actor, meta, { status: 'done', rows: total, created, updated, unchanged: total - created - updated });
    });
  } catch (e) {
    if (e instanceof Rejected) return finishFailed(db, actor, meta, total, e.errors, exists);
    throw e;
  }
}

/**
 * Takes an uploaded file: checks the upload itself (refused on the `file`
 * field, 422), then imports it at once or queues the job. Returns the import's id.
 */
export async function startImport(s: Services, actor: Actor, file: unknown): Promise<string> {
  await s.permissions.authorize(s.db, actor, P.import, itemInScope(actor, actor.departmentCode ?? ''));
  if (!isUpload(file) || file.empty) throw new ValidationError([{ field: 'file', message: 'catalog:import.errors.fileRequired' }]);
  if (file.truncated || file.data.length > s.config.fileMaxBytes) throw new ValidationError([{ field: 'file', message: 'errors.fileTooLarge', params: { max: Math.floor(s.config.fileMaxBytes / 1048576) } }]);
  const parsed = await parseImportFile(file.data);
  const meta: ImportMeta = { id: randomUUID(), orgCode: actor.departmentCode ?? '', fileName: cleanFileName(file.filename), createdBy: actorRef(actor), format: parsed.format };
  if (parsed.errors.length || parsed.items.length <= SYNC_MAX_ROWS) {
    await processFile(s.db, actor, meta, parsed, false);
    return meta.id;
  }
  const payload: ImportJobPayload = { importId: meta.id, actor, data: gzipSync(file.data).toString('base64'), format: parsed.format };
  await transaction(s.db, async (tx) => {
    await repo.insertImport(tx, { ...meta, status: 'queued', totalRows: parsed.items.length });
    await s.jobs.enqueue(tx, IMPORT_JOB, payload);
  });
  return meta.id;
}

/** The job: runs a queued import; a finished one is left alone, so a retry after a crash is safe. */
export async function runImportJob(db: Db, payload: ImportJobPayload, attempt: number): Promise<void> {
  const row = await repo.importById(db, payload.importId);
  if (!row || !(await importRepo.startImportRun(db, row.id))) return;
  const meta: ImportMeta = { id: row.id, orgCode: row.orgCode, fileName: row.fileName, createdBy: row.createdBy, format: payload.format };
  const actor = payload.actor;
  try {
    let parsed: ParsedFile;
    try {
      parsed = await parseImportFile(gunzipSync(Buffer.from(payload.data, 'base64')));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return await finishFailed(db, actor, meta, 0, e.fields.map((f) => ({ sheet: 'items', row: 0, message: f.message, params: f.params })), true);
    }
    await processFile(db, actor, meta, parsed, true, (n) => importRepo.setImportProgress(db, row.id, n));
  } catch (e) {
    if (attempt >= IMPORT_JOB_ATTEMPTS) await finishFailed(db, actor, meta, row.totalRows, [{ sheet: 'items', row: 0, message: 'catalog:import.errors.internal' }], true);
    throw e;
  }
}

// ---- reading -------------------------------------------------------------

/** One import, for its department's importers (and cross-department roles). */
export async function getImport(s: Pick<Services, 'db' | 'permissions'>, actor: Actor, id: string): Promise<ImportRow> {
  await s.permissions.authorize(s.db, actor, P.import);
  const row = isUuid(id) ? await repo.importById(s.db, id) : undefined;
  if (!row) throw new NotFoundError('import');
  await s.permissions.authorize(s.db, actor, P.import, itemInScope(actor, row.orgCode), `catalog_import:${row.id}`);
  return row;
}

/** The latest imports of the actor's department (all departments for cross-department roles). */
export async function recentImports(s: Pick<Services, 'db' | 'permissions'>, actor: Actor): Promise<ImportRow[]> {
  await s.permissions.authorize(s.db, actor, P.import, itemInScope(actor, actor.departmentCode ?? ''));
  return repo.recentImports(s.db, itemInScope(actor, '') ? undefined : (actor.departmentCode ?? '-'));
}

/** The errors stored with an import. */
export const importErrors = (row: ImportRow): ImportError[] => (Array.isArray(row.errors) ? (row.errors as ImportError[]) : []);
