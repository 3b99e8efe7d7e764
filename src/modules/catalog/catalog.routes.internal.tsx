/**
 * The department's workbench for service items, on the internal listener only: the
 * item list, "new item", an item's overview with its draft, versions and state actions,
 * the draft editor, read-only versions, and the bundles. Every permission and scope check
 * is in catalog.service.ts (an audited 403); these handlers parse, call and render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { publicBaseUrl } from '../../platform/config/load.js';
import { contentDisposition, fileMeta, readStoredFile } from '../../platform/files/files.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { PlatformServices, RouteRegistrar } from '../../platform/module.js';
import type { ViewContext } from '../../platform/views/context.js';
import { fieldId } from '../../platform/views/components.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { accountNames, orgUnits, regions, seesAllDepartments } from '../identity/index.js';
import { ITEM_STATES, type ItemContent } from './catalog.content.js';
import { contentValues, emptyValues, errorsOnInputs, FILE_KINDS, inputNames, isGroup, readDraftForm, type DraftForm, type Group } from './catalog.draft-form.js';
import { createItemFromForm, fileIdsOf, newItemOrg, saveDraftForm } from './catalog.draft-save.js';
import { DraftChangedError, ItemStateError } from './catalog.errors.js';
import { P, itemInScope } from './catalog.policy.js';
import type { FormDefinition } from './forms/form.types.js';
import * as repo from './catalog.repository.js';
import { changeItemState, discardDraft, getItemForStaff, listItemsForStaff, openDraft, publishDraft } from './catalog.service.js';
import { BundleListPage, BundlePage } from './views/admin-bundles.js';
import { DraftPage, NewItemPage, type EditorModel, type PageNotice } from './views/admin-draft.js';
import { ItemPage, StateChangePage, type ItemView, type StateAction } from './views/admin-item.js';
import { ItemListPage } from './views/admin-list.js';
import { at, departments, orgName } from './views/admin-shared.js';
import { VersionPage } from './views/admin-version.js';

type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };
type Query = Record<string, unknown>;

const pre = { preHandler: requireSignedIn };
/** The editor posts up to two files per material (60 materials); browsers send a part for every file input, chosen or not. */
const editorRoute = { ...pre, config: { multipartOptions: { limits: { files: 2 * 60 + 2 } } } };
const PAGE_SIZE = 25;
const DONE = ['created', 'saved', 'published', 'discarded', 'opened', 'suspended', 'resumed', 'withdrawn'];
const FIRST_FIELD: Record<Group, string> = { fees: 'name', materials: 'name', handle_flow: 'name', faqs: 'question' };

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

function doneNotice(ctx: ViewContext, query: Query): PageNotice | undefined {
  const done = one(query.done);
  return DONE.includes(done) ? { kind: 'success', text: at(ctx, `done.${done}`) } : undefined;
}

const conflictNotice = (ctx: ViewContext, e: DraftChangedError | ItemStateError): PageNotice => ({
  kind: 'error',
  text: e instanceof ItemStateError ? at(ctx, 'errors.itemState', { state: ctx.t(`catalog:enums.state.${String(e.params.state)}`), action: at(ctx, `actions.${String(e.params.action)}`) }) : ctx.t(e.message),
});

async function itemView(s: PlatformServices, ctx: ViewContext, actor: Actor, id: string): Promise<ItemView> {
  const { item, versions, draft, published } = await getItemForStaff(s, actor, id);
  const orgs = await orgUnits(s.db);
  const inScope = itemInScope(actor, item.orgCode);
  return {
    item,
    versions,
    draft,
    published,
    orgName: `${orgName(ctx, orgs, item.orgCode)} (${item.orgCode})`,
    names: await accountNames(s.db, versions.flatMap((v) => [v.updatedBy, v.publishedBy])),
    canEdit: inScope && s.permissions.has(actor, P.edit),
    canPublish: inScope && s.permissions.has(actor, P.publish),
    publicUrl: `${publicBaseUrl(s.config)}/services/${encodeURIComponent(item.taskCode)}`,
  };
}

async function fileNamesOf(s: PlatformServices, ids: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    const meta = isUuid(id) ? await fileMeta(s.db, id) : undefined;
    if (meta) names.set(id, meta.name);
  }
  return names;
}

async function editorModel(s: PlatformServices, ctx: ViewContext, form: DraftForm, errors: FieldError[], itemId?: string): Promise<EditorModel> {
  const orgs = await orgUnits(s.db);
  const ids: string[] = [];
  for (let i = 0; i < form.rows.materials; i++) for (const k of FILE_KINDS) ids.push(one(form.values[`materials.${i}.${k}_id`]));
  return {
    ctx,
    form,
    errors,
    departments: departments(orgs).map((o) => ({ value: o.code, label: `${orgName(ctx, orgs, o.code)} (${o.code})` })),
    fileNames: await fileNamesOf(s, ids.filter(Boolean)),
    fileHref: (fileId) => (itemId ? `/catalog/${itemId}/files/${fileId}` : '#'),
    townships: await regions(s.db),
  };
}

function registerList(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Querystring: Query }>('/catalog', pre, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const seesAll = seesAllDepartments(actor);
    const state = (ITEM_STATES as readonly string[]).includes(one(request.query.state)) ? one(request.query.state) : '';
    const org = seesAll && /^[0-9]{3,12}$/.test(one(request.query.org)) ? one(request.query.org) : '';
    const q = one(request.query.q).trim().slice(0, 100);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(one(request.query.page), 10) || 1));
    const filter = { states: state ? [state] : undefined, orgCode: org || undefined, text: q || undefined };
    const { rows: items, total } = await listItemsForStaff(s, actor, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const orgs = await orgUnits(s.db);
    const summaries = await repo.versionSummaries(s.db, items.map((i) => i.id));
    const rows = items.map((item) => ({ item, orgName: orgName(ctx, orgs, item.orgCode), currentNo: summaries.get(item.id)?.publishedNo, hasDraft: summaries.get(item.id)?.hasDraft ?? false }));
    const scopeNote = seesAll ? at(ctx, 'list.scopeAll') : at(ctx, 'list.scopeDepartment', { name: orgName(ctx, orgs, actor.departmentCode ?? '') });
    const orgOptions = seesAll ? departments(orgs).map((o) => ({ value: o.code, label: orgName(ctx, orgs, o.code) })) : [];
    const v = { rows, total, page, totalPages: Math.ceil(total / PAGE_SIZE), filters: { state, org, q }, orgOptions, canEdit: s.permissions.has(actor, P.edit), canImport: s.permissions.has(actor, P.import), scopeNote };
    return reply.html(ItemListPage({ ctx, v, notice: doneNotice(ctx, request.query) }));
  });
}

function registerNew(app: FastifyInstance, s: PlatformServices): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, form: DraftForm, values: { orgCode: string; taskCode: string }, errors: FieldError[]) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const orgs = await orgUnits(s.db);
    const own = departments(orgs).filter((o) => seesAllDepartments(actor) || o.code === actor.departmentCode);
    const orgOptions = own.map((o) => ({ value: o.code, label: `${orgName(ctx, orgs, o.code)} (${o.code})` }));
    return NewItemPage({ ctx, values, m: await editorModel(s, ctx, form, errorsOnInputs(errors, new Set([...inputNames(form), 'task_code', 'orgCode']))), orgOptions });
  };

  app.get('/catalog/new', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.edit);
    return reply.html(await page(request, reply, emptyValues(), { orgCode: newItemOrg(actor, ''), taskCode: '' }, []));
  });

  app.post<{ Body: Body }>('/catalog/new', editorRoute, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.edit);
    const body = request.body ?? {};
    const form = readDraftForm(body, new Set());
    const values = { orgCode: newItemOrg(actor, one(body.orgCode)), taskCode: one(body.task_code) };
    // "Add a row" before the item exists: show one more row, store nothing.
    if (form.add) return reply.html(await page(request, reply, form, values, []));
    return handleForm(
      reply,
      (errors) => page(request, reply, form, values, errors),
      async () => {
        const item = await createItemFromForm(s, actor, { ...values, form });
        return reply.redirect(`/catalog/${item.id}?done=created`, 303);
      },
    );
  });
}

function registerDraft(app: FastifyInstance, s: PlatformServices): void {
  app.get<IdParams & { Querystring: Query }>('/catalog/:id/draft', pre, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const { item, draft } = await getItemForStaff(s, actor, request.params.id);
    await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
    if (!draft) return reply.redirect(`/catalog/${item.id}`, 303);
    const form = contentValues(draft.content as ItemContent);
    const add = one(request.query.add);
    if (isGroup(add)) form.blank[add] = Math.max(1, Math.min(10, Number.parseInt(one(request.query.blank), 10) || 1));
    const m = await editorModel(s, ctx, form, [], item.id);
    return reply.html(DraftPage({ ctx, item, draftId: draft.id, versionNo: draft.versionNo, m, notice: doneNotice(ctx, request.query) }));
  });

  app.post<IdParams & { Body: Body }>('/catalog/:id/draft', editorRoute, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const { item, draft } = await getItemForStaff(s, actor, request.params.id);
    const body = request.body ?? {};
    const draftId = one(body.draftId);
    const form = readDraftForm(body, fileIdsOf(draft?.content as ItemContent | undefined));
    const posted = isUuid(draftId) ? await repo.versionById(s.db, draftId) : undefined;
    const versionNo = posted?.itemId === item.id ? posted.versionNo : undefined;
    const known = inputNames(form);
    const render = async (errors: FieldError[], notice?: PageNotice) => DraftPage({ ctx, item, draftId, versionNo, m: await editorModel(s, ctx, form, errorsOnInputs(errors, known), item.id), notice });
    return handleForm(reply, render, async () => {
      try {
        await saveDraftForm(s, actor, item, draftId, form);
      } catch (e) {
        // Published or discarded meanwhile: nothing was written; the entered values are shown again with the reason.
        if (e instanceof DraftChangedError) return reply.html(await render([], conflictNotice(ctx, e)), 409);
        throw e;
      }
      if (!form.add) return reply.redirect(`/catalog/${item.id}/draft?done=saved`, 303);
      const anchor = fieldId(`${form.add}.${form.rows[form.add]}.${FIRST_FIELD[form.add]}`);
      return reply.redirect(`/catalog/${item.id}/draft?done=saved&add=${form.add}&blank=${form.blank[form.add]}#${anchor}`, 303);
    });
  });
}

function registerItem(app: FastifyInstance, s: PlatformServices): void {
  const showItem = async (request: FastifyRequest, reply: FastifyReply, id: string, notice?: PageNotice, status = 200) =>
    reply.html(ItemPage({ ctx: reply.viewContext(), v: await itemView(s, reply.viewContext(), actorOf(request), id), notice }), status);

  /** Runs an item action; a conflict (draft changed, state does not allow it) shows the item again with the reason. */
  const act = async (request: FastifyRequest<IdParams>, reply: FastifyReply, action: () => Promise<string>, invalidKey?: string) => {
    try {
      return reply.redirect(await action(), 303);
    } catch (e) {
      if (e instanceof DraftChangedError || e instanceof ItemStateError) return showItem(request, reply, request.params.id, conflictNotice(reply.viewContext(), e), 409);
      // A draft saved before its form was changed may no longer pass: say so on the item page (a notice form has its own 422).
      if (e instanceof ValidationError && invalidKey) return showItem(request, reply, request.params.id, { kind: 'error', text: at(reply.viewContext(), invalidKey) }, 409);
      throw e;
    }
  };

  app.get<IdParams & { Querystring: Query }>('/catalog/:id', pre, async (request, reply) => showItem(request, reply, request.params.id, doneNotice(reply.viewContext(), request.query)));

  app.post<IdParams & { Body: Body }>('/catalog/:id/publish', pre, async (request, reply) =>
    act(request, reply, async () => `/catalog/${(await publishDraft(s, actorOf(request), request.params.id, one(request.body?.draftId))).itemId}?done=published`, 'errors.publishInvalid'),
  );
  app.post<IdParams>('/catalog/:id/discard', pre, async (request, reply) =>
    act(request, reply, async () => {
      const { item } = await getItemForStaff(s, actorOf(request), request.params.id);
      await discardDraft(s, actorOf(request), item.id);
      return `/catalog/${item.id}?done=discarded`;
    }),
  );
  app.post<IdParams>('/catalog/:id/draft/open', pre, async (request, reply) =>
    act(request, reply, async () => `/catalog/${(await openDraft(s, actorOf(request), request.params.id)).itemId}/draft?done=opened`),
  );
  app.post<IdParams>('/catalog/:id/resume', pre, async (request, reply) =>
    act(request, reply, async () => `/catalog/${(await changeItemState(s, actorOf(request), request.params.id, 'resume')).id}?done=resumed`),
  );

  for (const action of ['suspend', 'withdraw'] as StateAction[]) {
    app.get<IdParams>(`/catalog/:id/${action}`, pre, async (request, reply) => {
      const actor = actorOf(request);
      const { item } = await getItemForStaff(s, actor, request.params.id);
      await s.permissions.authorize(s.db, actor, P.publish, itemInScope(actor, item.orgCode), `service_item:${item.id}`);
      return reply.html(StateChangePage({ ctx: reply.viewContext(), item, action, notice: '', errors: [] }));
    });
    app.post<IdParams & { Body: Body }>(`/catalog/:id/${action}`, pre, async (request, reply) => {
      const actor = actorOf(request);
      const { item } = await getItemForStaff(s, actor, request.params.id);
      const notice = one(request.body?.notice);
      return handleForm(
        reply,
        (errors) => StateChangePage({ ctx: reply.viewContext(), item, action, notice, errors }),
        async () => act(request, reply, async () => `/catalog/${(await changeItemState(s, actor, item.id, action, notice)).id}?done=${action === 'suspend' ? 'suspended' : 'withdrawn'}`),
      );
    });
  }
}

function registerVersions(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Params: { id: string; no: string } }>('/catalog/:id/versions/:no', pre, async (request, reply) => {
    const ctx = reply.viewContext();
    const { item, versions } = await getItemForStaff(s, actorOf(request), request.params.id);
    const version = versions.find((v) => String(v.versionNo) === request.params.no);
    if (!version) throw new NotFoundError('service item version');
    const content = version.content as ItemContent;
    const v = {
      item,
      version,
      content,
      form: version.form as FormDefinition,
      orgs: await orgUnits(s.db),
      regions: await regions(s.db),
      names: await accountNames(s.db, [version.updatedBy, version.publishedBy]),
      fileNames: await fileNamesOf(s, fileIdsOf(content)),
      fileHref: (fileId: string) => `/catalog/${item.id}/files/${fileId}`,
    };
    return reply.html(VersionPage({ ctx, v }));
  });

  // A blank form or sample of one of the item's versions (staff of the item's department; the public guide serves the published ones).
  app.get<{ Params: { id: string; fileId: string } }>('/catalog/:id/files/:fileId', pre, async (request, reply) => {
    const { versions } = await getItemForStaff(s, actorOf(request), request.params.id);
    const fileId = request.params.fileId;
    if (!versions.some((v) => fileIdsOf(v.content as ItemContent).has(fileId))) throw new NotFoundError('file');
    const file = await readStoredFile(s.db, s.files, fileId);
    if (!file) throw new NotFoundError('file');
    return reply.header('content-type', file.meta.mediaType).header('content-disposition', contentDisposition(file.meta.name)).header('cache-control', 'private, no-store').send(file.bytes);
  });
}

function registerBundles(app: FastifyInstance, s: PlatformServices): void {
  app.get('/catalog/bundles', pre, async (request, reply) => {
    await s.permissions.authorize(s.db, actorOf(request), P.view);
    return reply.html(BundleListPage({ ctx: reply.viewContext(), bundles: await repo.listBundles(s.db, false), orgs: await orgUnits(s.db) }));
  });
  app.get<{ Params: { code: string } }>('/catalog/bundles/:code', pre, async (request, reply) => {
    await s.permissions.authorize(s.db, actorOf(request), P.view);
    const bundle = await repo.bundleByCode(s.db, request.params.code);
    if (!bundle) throw new NotFoundError('bundle');
    return reply.html(BundlePage({ ctx: reply.viewContext(), bundle, items: await repo.bundleItems(s.db, bundle.id), orgs: await orgUnits(s.db) }));
  });
}

/** The workbench: item list, new item, overview, draft editor, versions, state changes, bundles. */
export const registerInternalRoutes: RouteRegistrar = (app, s) => {
  registerList(app, s);
  registerNew(app, s);
  registerBundles(app, s);
  registerItem(app, s);
  registerDraft(app, s);
  registerVersions(app, s);
};
