/**
 * The form editor and its preview, on the internal listener (issue 5,
 * "Application forms"). An editor with catalog.item.edit in the item's
 * department changes the DRAFT's form one step at a time (add a page, add a
 * field …); each step is saved through saveDraft, which runs
 * checkFormDefinition, so an invalid definition is refused (422) with
 * messages that name the field, and nothing is stored. The preview walks the
 * form as applicants see it and stores nothing.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices, RouteRegistrar } from '../../platform/module.js';
import { regions } from '../identity/index.js';
import type { ItemContent } from './catalog.content.js';
import { DraftChangedError } from './catalog.errors.js';
import { P, itemInScope } from './catalog.policy.js';
import { getItemForStaff, openDraft, saveDraft } from './catalog.service.js';
import * as edit from './forms/form.editing.js';
import { asDefinition, coerceAnswers, matchingStop, nextPageId, parseFormPost, previousPageId, validateAnswers, pageShown } from './forms/form.engine.js';
import type { Answers, FormDefinition } from './forms/form.types.js';
import { FormEditorPage, PageTitlePage, type EditorState, type EditorValues } from './views/form-editor.js';
import { FieldEditorPage, earlierChoiceFields, emptyFieldInput } from './views/form-editor-field.js';
import { PreviewPage, type PreviewMode } from './views/form-editor-preview.js';

type Body = Record<string, unknown>;
type Params = { id: string };
type PageParams = Params & { page: string };
type FieldParams = PageParams & { key: string };
type EditorLoad = EditorState & { content: ItemContent };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const title = (body: Body) => ({ titleZh: text(body.titleZh), titleEn: text(body.titleEn) });
const labelOf = (zh: string, en: string) => (en ? { zh, en } : { zh });

/** The item, the form shown (the draft, else the published version) and its content, for an actor who may view it. */
async function loadForm(s: PlatformServices, actor: Actor, id: string): Promise<EditorLoad> {
  const staff = await getItemForStaff(s, actor, id);
  const version = staff.draft ?? staff.published ?? staff.versions[0];
  if (!version) throw new NotFoundError('service item version');
  return { item: staff.item, def: asDefinition(version.form), draftId: staff.draft?.id ?? '', versionNo: version.versionNo, content: version.content as ItemContent };
}

/** As loadForm, for an actor who may edit it. */
async function loadEditor(s: PlatformServices, actor: Actor, id: string): Promise<EditorLoad> {
  const state = await loadForm(s, actor, id);
  await s.permissions.authorize(s.db, actor, P.edit, itemInScope(actor, state.item.orgCode), `service_item:${state.item.id}`);
  return state;
}

const materialsOf = (content: ItemContent) => (content.materials ?? []).map((m) => ({ id: m.id, name: m.name, name_en: m.name_en }));
const pageOr404 = (def: FormDefinition, pageId: string) => {
  const page = def.pages.find((p) => p.id === pageId);
  if (!page) throw new NotFoundError('form page');
  return page;
};

/**
 * One editing step: opens a draft if the page showed the published version,
 * applies the change to the current draft and saves it. A refusal comes back
 * with its errors placed on the editor's inputs (`at` says which page, field
 * or stop of the new definition is being edited).
 */
async function applyChange(
  s: PlatformServices,
  actor: Actor,
  id: string,
  body: Body,
  change: (def: FormDefinition, content: ItemContent) => { def: FormDefinition; at?: { page?: number; field?: number; stop?: number } },
): Promise<FormDefinition> {
  const posted = text(body.draft);
  const draftId = posted || (await openDraft(s, actor, id)).id;
  const current = await loadEditor(s, actor, id);
  if (current.draftId !== draftId) throw new DraftChangedError();
  const { def, at } = change(current.def, current.content);
  try {
    await saveDraft(s, actor, current.item.id, draftId, { form: def });
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(edit.editorErrors(e.fields, at ?? {}));
    throw e;
  }
  return def;
}

function registerEditor(app: FastifyInstance, s: PlatformServices): void {
  const pre = { preHandler: requireSignedIn };
  const base = (id: string) => `/catalog/${id}/form`;

  const overview = async (request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[], values: EditorValues) => {
    const state = await loadEditor(s, actorOf(request), id);
    return FormEditorPage({ ctx: reply.viewContext(), s: state, errors, values });
  };
  /** A step posted from the overview page: a refusal re-renders the overview (422) with the entered values. */
  const overviewStep = (request: FastifyRequest<{ Params: Params; Body: Body }>, reply: FastifyReply, values: EditorValues, change: Parameters<typeof applyChange>[4], anchor = '') =>
    handleForm(
      reply,
      (errors) => overview(request, reply, request.params.id, errors, values),
      async () => {
        const state = await loadEditor(s, actorOf(request), request.params.id);
        await applyChange(s, actorOf(request), request.params.id, request.body, change);
        return reply.redirect(`${base(state.item.id)}?saved=1${anchor}`, 303);
      },
    );

  app.get<{ Params: Params; Querystring: { saved?: string } }>('/catalog/:id/form', pre, async (request, reply) => {
    const state = await loadEditor(s, actorOf(request), request.params.id);
    return reply.html(FormEditorPage({ ctx: reply.viewContext(), s: state, saved: request.query.saved === '1' }));
  });

  app.post<{ Params: Params; Body: Body }>('/catalog/:id/form/pages', pre, async (request, reply) => {
    const values = title(request.body);
    return overviewStep(request, reply, values, (def) => {
      const { def: next } = edit.addPage(def, labelOf(values.titleZh, values.titleEn));
      return { def: next, at: { page: next.pages.length - 1 } };
    });
  });

  app.get<{ Params: PageParams }>('/catalog/:id/form/pages/:page/edit', pre, async (request, reply) => {
    const state = await loadEditor(s, actorOf(request), request.params.id);
    const page = pageOr404(state.def, request.params.page);
    return reply.html(PageTitlePage({ ctx: reply.viewContext(), s: state, page, values: { titleZh: page.title.zh, titleEn: page.title.en ?? '' }, errors: [] }));
  });

  app.post<{ Params: PageParams; Body: Body }>('/catalog/:id/form/pages/:page/edit', pre, async (request, reply) => {
    const values = title(request.body);
    return handleForm(
      reply,
      async (errors) => {
        const state = await loadEditor(s, actorOf(request), request.params.id);
        return PageTitlePage({ ctx: reply.viewContext(), s: state, page: pageOr404(state.def, request.params.page), values, errors });
      },
      async () => {
        await applyChange(s, actorOf(request), request.params.id, request.body, (d) => ({
          def: edit.renamePage(d, request.params.page, labelOf(values.titleZh, values.titleEn)),
          at: { page: d.pages.findIndex((p) => p.id === request.params.page) },
        }));
        return reply.redirect(`${base(request.params.id)}?saved=1`, 303);
      },
    );
  });

  app.post<{ Params: PageParams; Body: Body }>('/catalog/:id/form/pages/:page/move', pre, async (request, reply) =>
    overviewStep(request, reply, {}, (def) => ({ def: edit.movePage(def, request.params.page, edit.direction(request.body.direction)) })),
  );
  app.post<{ Params: PageParams; Body: Body }>('/catalog/:id/form/pages/:page/remove', pre, async (request, reply) => overviewStep(request, reply, {}, (def) => ({ def: edit.removePage(def, request.params.page) })));

  const fieldPage = async (request: FastifyRequest<{ Params: PageParams & { key?: string } }>, reply: FastifyReply, values: edit.FieldInput | undefined, errors: FieldError[]) => {
    const state = await loadEditor(s, actorOf(request), request.params.id);
    const page = pageOr404(state.def, request.params.page);
    const editing = request.params.key;
    const existing = editing === undefined ? undefined : page.fields.find((f) => f.key === editing);
    if (editing !== undefined && !existing) throw new NotFoundError('form field');
    return FieldEditorPage({
      ctx: reply.viewContext(),
      s: state,
      page,
      ...(editing !== undefined ? { editing } : {}),
      values: values ?? (existing ? edit.fieldInputOf(existing) : emptyFieldInput()),
      errors,
      earlier: earlierChoiceFields(state.def.pages, page.id, editing),
      materials: materialsOf(state.content),
    });
  };

  app.get<{ Params: PageParams }>('/catalog/:id/form/pages/:page/fields/new', pre, async (request, reply) => reply.html(await fieldPage(request, reply, undefined, [])));

  app.post<{ Params: PageParams; Body: Body }>('/catalog/:id/form/pages/:page/fields/new', pre, async (request, reply) => {
    const values = edit.fieldInputFromBody(request.body);
    return handleForm(
      reply,
      (errors) => fieldPage(request, reply, values, errors),
      async () => {
        const field = edit.fieldFromInput(values);
        await applyChange(s, actorOf(request), request.params.id, request.body, (def) => {
          const next = edit.addField(def, request.params.page, field);
          const pi = next.pages.findIndex((p) => p.id === request.params.page);
          return { def: next, at: { page: pi, field: next.pages[pi]!.fields.length - 1 } };
        });
        return reply.redirect(`${base(request.params.id)}?saved=1#page-${request.params.page}`, 303);
      },
    );
  });

  app.get<{ Params: FieldParams }>('/catalog/:id/form/pages/:page/fields/:key/edit', pre, async (request, reply) => reply.html(await fieldPage(request, reply, undefined, [])));

  app.post<{ Params: FieldParams; Body: Body }>('/catalog/:id/form/pages/:page/fields/:key/edit', pre, async (request, reply) => {
    const values = edit.fieldInputFromBody(request.body);
    return handleForm(
      reply,
      (errors) => fieldPage(request, reply, values, errors),
      async () => {
        const field = edit.fieldFromInput(values);
        await applyChange(s, actorOf(request), request.params.id, request.body, (def) => {
          const pi = def.pages.findIndex((p) => p.id === request.params.page);
          const fi = def.pages[pi]?.fields.findIndex((f) => f.key === request.params.key) ?? -1;
          return { def: edit.replaceField(def, request.params.page, request.params.key, field), at: { page: pi, field: fi } };
        });
        return reply.redirect(`${base(request.params.id)}?saved=1#page-${request.params.page}`, 303);
      },
    );
  });

  app.post<{ Params: FieldParams; Body: Body }>('/catalog/:id/form/pages/:page/fields/:key/move', pre, async (request, reply) =>
    overviewStep(request, reply, {}, (def) => ({ def: edit.moveField(def, request.params.page, request.params.key, edit.direction(request.body.direction)) }), `#page-${request.params.page}`),
  );
  app.post<{ Params: FieldParams; Body: Body }>('/catalog/:id/form/pages/:page/fields/:key/remove', pre, async (request, reply) =>
    overviewStep(request, reply, {}, (def) => ({ def: edit.removeField(def, request.params.page, request.params.key) }), `#page-${request.params.page}`),
  );

  app.post<{ Params: Params; Body: Body }>('/catalog/:id/form/stops', pre, async (request, reply) => {
    const b = request.body;
    const values = { stopField: text(b.stopField), stopValue: text(b.stopValue), messageZh: text(b.messageZh), messageEn: text(b.messageEn) };
    return overviewStep(
      request,
      reply,
      values,
      (def) => {
        const next = edit.addStop(def, { when: { field: values.stopField, equals: values.stopValue }, message: labelOf(values.messageZh, values.messageEn) });
        return { def: next, at: { stop: next.stops.length - 1 } };
      },
      '#stops-title',
    );
  });
  app.post<{ Params: Params & { n: string }; Body: Body }>('/catalog/:id/form/stops/:n/remove', pre, async (request, reply) =>
    overviewStep(request, reply, {}, (def) => ({ def: edit.removeStop(def, /^\d{1,3}$/.test(request.params.n) ? Number(request.params.n) : -1) }), '#stops-title'),
  );
}

// ---- the preview ------------------------------------------------------------------

function readState(def: FormDefinition, raw: unknown): Answers {
  try {
    return coerceAnswers(def, typeof raw === 'string' && raw.length ? JSON.parse(raw) : {});
  } catch {
    return {};
  }
}

function registerPreview(app: FastifyInstance, s: PlatformServices): void {
  const pre = { preHandler: requireSignedIn };

  const render = async (_request: FastifyRequest, reply: FastifyReply, state: EditorLoad, mode: PreviewMode, status = 200) => {
    const html = PreviewPage({ ctx: reply.viewContext(), s: state, def: state.def, mode, regions: await regions(s.db), materials: materialsOf(state.content) });
    return reply.html(html, status);
  };
  const pageMode = (state: EditorLoad, pageId: string | undefined, answers: Answers, errors: FieldError[] = []): PreviewMode => {
    if (!state.def.pages.length) return { kind: 'empty' };
    if (pageId === undefined) return { kind: 'check', answers, errors: [] };
    return { kind: 'page', pageId, answers, errors };
  };

  app.get<{ Params: Params }>('/catalog/:id/form/preview', pre, async (request, reply) => {
    const state = await loadForm(s, actorOf(request), request.params.id);
    const first = nextPageId(state.def, undefined, {});
    return render(request, reply, state, state.def.pages.length ? pageMode(state, first ?? state.def.pages[0]!.id, {}) : { kind: 'empty' });
  });

  app.get<{ Params: PageParams }>('/catalog/:id/form/preview/:page', pre, async (request, reply) => {
    const state = await loadForm(s, actorOf(request), request.params.id);
    return render(request, reply, state, pageMode(state, pageOr404(state.def, request.params.page).id, {}));
  });

  app.post<{ Params: Params; Body: Body }>('/catalog/:id/form/preview/check', pre, async (request, reply) => {
    const state = await loadForm(s, actorOf(request), request.params.id);
    const { def } = state;
    const answers = readState(def, request.body._state);
    const goto = text(request.body._goto);
    if (goto) return render(request, reply, state, pageMode(state, pageOr404(def, goto).id, answers));
    if (request.body._action === 'back') return render(request, reply, state, pageMode(state, previousPageId(def, undefined, answers) ?? def.pages[0]?.id, answers));
    const errors = validateAnswers(def, answers, { lang: reply.viewContext().lang, regions: await regions(s.db) });
    if (errors.length) {
      const key = errors[0]!.field.split('.')[0]!;
      const page = def.pages.find((p) => p.fields.some((f) => f.key === key));
      const onPage = errors.filter((e) => page?.fields.some((f) => f.key === e.field.split('.')[0]));
      return render(request, reply, state, pageMode(state, page?.id ?? def.pages[0]?.id, answers, onPage), 422);
    }
    const stop = matchingStop(def, answers);
    if (stop) return render(request, reply, state, { kind: 'stop', answers, message: stop.stop.message, pageId: stop.pageId });
    return render(request, reply, state, { kind: 'done', answers });
  });

  app.post<{ Params: PageParams; Body: Body }>('/catalog/:id/form/preview/:page', pre, async (request, reply) => {
    const state = await loadForm(s, actorOf(request), request.params.id);
    const { def } = state;
    const pageId = pageOr404(def, request.params.page).id;
    const { answers, intent, uploads } = parseFormPost(def, pageId, request.body, readState(def, request.body._state));
    // The preview keeps only the chosen file's name: nothing is uploaded.
    for (const [key, file] of Object.entries(uploads)) answers[key] = { fileId: randomUUID(), name: file.filename.slice(0, 255) || 'file' };
    switch (intent.kind) {
      case 'addRow':
      case 'removeRow':
        return render(request, reply, state, pageMode(state, pageId, answers));
      case 'back':
        return render(request, reply, state, pageMode(state, previousPageId(def, pageId, answers) ?? pageId, answers));
      case 'goto':
        return render(request, reply, state, pageMode(state, pageOr404(def, intent.pageId).id, answers));
      case 'continue': {
        const errors = validateAnswers(def, answers, { pageId, lang: reply.viewContext().lang, regions: await regions(s.db) });
        if (errors.length) return render(request, reply, state, pageMode(state, pageId, answers, errors), 422);
        const stop = matchingStop(def, answers);
        if (stop) return render(request, reply, state, { kind: 'stop', answers, message: stop.stop.message, pageId: stop.pageId });
        const next = nextPageId(def, pageId, answers);
        return render(request, reply, state, next && pageShown(def, next, answers) ? pageMode(state, next, answers) : { kind: 'check', answers, errors: [] });
      }
    }
  });
}

/** The form editor and preview in the workbench. */
export const registerFormEditorRoutes: RouteRegistrar = (app, services) => {
  registerEditor(app, services);
  registerPreview(app, services);
};
