/**
 * The form editor's main page: the pages of the form with their fields (edit,
 * move, remove), adding and renaming pages, the eligibility rules, and the
 * link to the preview. Every change is an ordinary form post; no script, no
 * drag and drop, no JSON.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Notice, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { ItemRow } from '../catalog.repository.js';
import { labelText } from '../forms/form.engine.js';
import type { FieldDef, FormDefinition, FormPage } from '../forms/form.types.js';
import { CONDITION_TYPES } from '../forms/form.definition.js';
import { ActionButton, safeDraftInput, editorCrumbs, formBase, ft, itemTitle, namedErrors } from './form-editor-shared.js';

export interface EditorState {
  item: ItemRow;
  def: FormDefinition;
  /** The draft shown, or '' when the page shows the published version (the first save opens a draft). */
  draftId: string;
  versionNo: number;
}

const errorOf = (errors: readonly FieldError[], name: string) => {
  const e = errors.find((x) => x.field === name);
  return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
};

export function conditionText(ctx: ViewContext, def: FormDefinition, cond: { field: string; equals: string }): string {
  const target = def.pages.flatMap((p) => p.fields).find((f) => f.key === cond.field);
  const option = target?.options?.find((o) => o.value === cond.equals);
  return ft(ctx, 'editor.conditionText', { field: target ? labelText(target.label, ctx.lang) : cond.field, value: option ? labelText(option.label, ctx.lang) : cond.equals });
}

function FieldsTable({ ctx, s, page }: { ctx: ViewContext; s: EditorState; page: FormPage }): string {
  const base = `${formBase(s.item)}/pages/${page.id}/fields`;
  return DataTable<FieldDef>({
    ctx,
    caption: ft(ctx, 'editor.fieldsCaption', { title: labelText(page.title, ctx.lang) }),
    captionHidden: true,
    empty: ft(ctx, 'editor.noFields'),
    rows: page.fields,
    columns: [
      { header: ft(ctx, 'editor.colLabel'), rowHeader: true, value: (f) => labelText(f.label, ctx.lang) },
      { header: ft(ctx, 'editor.colKey'), html: (f) => str(<code id={escapeStrict(`field-${f.key}`)}>{escapeText(f.key)}</code>) },
      { header: ft(ctx, 'editor.colType'), value: (f) => ft(ctx, `types.${f.type}`) },
      { header: ft(ctx, 'editor.colRequired'), value: (f) => ft(ctx, f.required ? 'editor.yes' : 'editor.no') },
      { header: ft(ctx, 'editor.colCondition'), value: (f) => (f.showIf ? conditionText(ctx, s.def, f.showIf) : ft(ctx, 'editor.always')) },
      {
        header: ft(ctx, 'editor.colActions'),
        html: (f) => {
          const context = labelText(f.label, ctx.lang);
          const fieldBase = `${base}/${encodeURIComponent(f.key)}`;
          return str(
            <div class="form-editor__actions">
              <a href={escapeStrict(`${fieldBase}/edit`)}>
                {escapeText(ft(ctx, 'editor.edit'))}
                <span class="visually-hidden"> {escapeText(context)}</span>
              </a>
              <ActionButton ctx={ctx} action={`${fieldBase}/move`} draftId={s.draftId} name="direction" value="up" label={ft(ctx, 'editor.moveUp')} context={context} />
              <ActionButton ctx={ctx} action={`${fieldBase}/move`} draftId={s.draftId} name="direction" value="down" label={ft(ctx, 'editor.moveDown')} context={context} />
              <ActionButton ctx={ctx} action={`${fieldBase}/remove`} draftId={s.draftId} label={ft(ctx, 'editor.remove')} context={context} />
            </div>,
          );
        },
      },
    ],
  });
}

function PageSection({ ctx, s, page, n }: { ctx: ViewContext; s: EditorState; page: FormPage; n: number }): string {
  const title = labelText(page.title, ctx.lang);
  const pageBase = `${formBase(s.item)}/pages/${page.id}`;
  return str(
    <section class="form-editor__page" id={escapeStrict(`page-${page.id}`)} aria-labelledby={escapeStrict(`page-${page.id}-title`)}>
      <h3 class="form-editor__page-title" id={escapeStrict(`page-${page.id}-title`)}>
        {escapeText(ft(ctx, 'editor.pageHeading', { n, title }))}
      </h3>
      <p class="field__hint">{escapeText(ft(ctx, 'editor.pageId', { id: page.id }))}</p>
      <div class="form-editor__actions">
        <a href={escapeStrict(`${pageBase}/edit`)}>
          {escapeText(ft(ctx, 'editor.renamePage'))}
          <span class="visually-hidden"> {escapeText(title)}</span>
        </a>
        <ActionButton ctx={ctx} action={`${pageBase}/move`} draftId={s.draftId} name="direction" value="up" label={ft(ctx, 'editor.moveUp')} context={title} />
        <ActionButton ctx={ctx} action={`${pageBase}/move`} draftId={s.draftId} name="direction" value="down" label={ft(ctx, 'editor.moveDown')} context={title} />
        <ActionButton ctx={ctx} action={`${pageBase}/remove`} draftId={s.draftId} label={ft(ctx, 'editor.removePage')} context={title} />
      </div>
      <FieldsTable ctx={ctx} s={s} page={page} />
      <ButtonGroup>
        <Button label={`${ft(ctx, 'editor.addField')}`} href={`${pageBase}/fields/new`} variant="secondary" />
      </ButtonGroup>
    </section>,
  );
}

export interface EditorValues {
  titleZh?: string;
  titleEn?: string;
  stopField?: string;
  stopValue?: string;
  messageZh?: string;
  messageEn?: string;
}

function StopsSection({ ctx, s, values, errors }: { ctx: ViewContext; s: EditorState; values: EditorValues; errors: FieldError[] }): string {
  const base = formBase(s.item);
  const choiceFields = s.def.pages.flatMap((p) => p.fields).filter((f) => CONDITION_TYPES.includes(f.type));
  const safeStops = s.def.stops.map((stop, i) => {
    const condition = conditionText(ctx, s.def, stop.when);
    return str(
      <li class="form-editor__stop">
        <p>
          {escapeText(condition)}
          {escapeText(ft(ctx, 'render.colon'))}
          {escapeText(labelText(stop.message, ctx.lang))}
        </p>
        <ActionButton ctx={ctx} action={`${base}/stops/${i}/remove`} draftId={s.draftId} label={ft(ctx, 'editor.removeStop')} context={condition} />
      </li>,
    );
  });
  return str(
    <section class="form-editor__stops" aria-labelledby="stops-title">
      <h2 id="stops-title">{escapeText(ft(ctx, 'editor.stopsHeading'))}</h2>
      <p class="lead-text">{escapeText(ft(ctx, 'editor.stopsLead'))}</p>
      {s.def.stops.length ? <ul class="form-editor__stop-list">{safeStops.join('')}</ul> : <p class="empty-state">{escapeText(ft(ctx, 'editor.noStops'))}</p>}
      <h3>{escapeText(ft(ctx, 'editor.addStopHeading'))}</h3>
      <Form ctx={ctx} action={`${base}/stops`}>
        {safeDraftInput(s.draftId)}
        <Field
          ctx={ctx}
          type="select"
          name="stopField"
          label={ft(ctx, 'editor.stopField')}
          hint={ft(ctx, 'editor.stopFieldHint')}
          value={values.stopField ?? ''}
          options={choiceFields.map((f) => ({ value: f.key, label: `${labelText(f.label, ctx.lang)} (${f.key})` }))}
          error={errorOf(errors, 'stopField')}
          required
        />
        <Field ctx={ctx} name="stopValue" label={ft(ctx, 'editor.stopValue')} hint={ft(ctx, 'editor.stopValueHint')} value={values.stopValue ?? ''} error={errorOf(errors, 'stopValue')} width={20} required />
        <Field ctx={ctx} type="textarea" rows={3} name="messageZh" label={ft(ctx, 'editor.stopMessageZh')} value={values.messageZh ?? ''} error={errorOf(errors, 'messageZh')} required />
        <Field ctx={ctx} type="textarea" rows={3} name="messageEn" label={ft(ctx, 'editor.stopMessageEn')} value={values.messageEn ?? ''} error={errorOf(errors, 'messageEn')} />
        <Button label={ft(ctx, 'editor.addStop')} variant="secondary" />
      </Form>
    </section>,
  );
}

/** The editor's main page; `errors` and `values` belong to the add-page or add-rule form that was refused (or to a move/remove). */
export function FormEditorPage({ ctx, s, errors = [], values = {}, saved = false }: { ctx: ViewContext; s: EditorState; errors?: FieldError[]; values?: EditorValues; saved?: boolean }): string {
  const base = formBase(s.item);
  const safePages = s.def.pages.map((page, i) => PageSection({ ctx, s, page, n: i + 1 })).join('');
  return Layout({
    ctx,
    title: ft(ctx, 'editor.title', { name: itemTitle(ctx, s.item) }),
    breadcrumbs: editorCrumbs(ctx, s.item),
    children: [
      <ErrorSummary ctx={ctx} errors={namedErrors(ctx, errors)} />,
      saved ? <Notice ctx={ctx} kind="success" text={ft(ctx, 'editor.saved')} /> : '',
      <p class="lead-text">{escapeText(ft(ctx, 'editor.lead'))}</p>,
      <Notice ctx={ctx} text={ft(ctx, s.draftId ? 'editor.draftNotice' : 'editor.noDraftNotice', { version: s.versionNo })} />,
      <ButtonGroup>
        <Button label={ft(ctx, 'editor.preview')} href={`${base}/preview`} />
        <Button label={ft(ctx, 'editor.backToItem')} href={`/catalog/${s.item.id}`} variant="secondary" />
      </ButtonGroup>,
      <section class="form-editor__pages" aria-labelledby="pages-title">
        <h2 id="pages-title">{escapeText(ft(ctx, 'editor.pagesHeading'))}</h2>
        {s.def.pages.length ? safePages : <p class="empty-state">{escapeText(ft(ctx, 'editor.noPages'))}</p>}
        <h3>{escapeText(ft(ctx, 'editor.addPageHeading'))}</h3>
        <Form ctx={ctx} action={`${base}/pages`}>
          {safeDraftInput(s.draftId)}
          <Field ctx={ctx} name="titleZh" label={ft(ctx, 'editor.pageTitleZh')} value={values.titleZh ?? ''} error={errorOf(errors, 'titleZh')} required />
          <Field ctx={ctx} name="titleEn" label={ft(ctx, 'editor.pageTitleEn')} hint={ft(ctx, 'editor.pageTitleEnHint')} value={values.titleEn ?? ''} error={errorOf(errors, 'titleEn')} />
          <Button label={ft(ctx, 'editor.addPage')} variant="secondary" />
        </Form>
      </section>,
      <StopsSection ctx={ctx} s={s} values={values} errors={errors} />,
    ],
  });
}

/** Renaming one page. */
export function PageTitlePage({ ctx, s, page, values, errors }: { ctx: ViewContext; s: EditorState; page: FormPage; values: EditorValues; errors: FieldError[] }): string {
  const title = ft(ctx, 'editor.renamePageTitle', { title: labelText(page.title, ctx.lang) });
  const base = formBase(s.item);
  return Layout({
    ctx,
    title,
    breadcrumbs: editorCrumbs(ctx, s.item, { label: title }),
    children: [
      <ErrorSummary ctx={ctx} errors={namedErrors(ctx, errors)} />,
      <Form ctx={ctx} action={`${base}/pages/${page.id}/edit`}>
        {safeDraftInput(s.draftId)}
        <Field ctx={ctx} name="titleZh" label={ft(ctx, 'editor.pageTitleZh')} value={values.titleZh ?? ''} error={errorOf(errors, 'titleZh')} required />
        <Field ctx={ctx} name="titleEn" label={ft(ctx, 'editor.pageTitleEn')} hint={ft(ctx, 'editor.pageTitleEnHint')} value={values.titleEn ?? ''} error={errorOf(errors, 'titleEn')} />
        <ButtonGroup>
          <Button label={ft(ctx, 'editor.savePage')} />
          <Button label={ft(ctx, 'editor.cancel')} href={base} variant="secondary" />
        </ButtonGroup>
      </Form>,
    ],
  });
}
