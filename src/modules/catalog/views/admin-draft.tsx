/**
 * The draft editor: every national field of an item, in sections, as one form that works
 * without JavaScript (multipart, for the materials' blank forms and samples). The same
 * editor serves "new item" (with department and task code) and an item's draft.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Checkboxes, ErrorSummary, Field, Form, Notice, type SelectOption } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { RegionSummary } from '../../identity/index.js';
import { AUDIENCES, HANDLE_AREAS, HANDLE_TYPES, LIFE_EVENTS, LIMIT_UNITS, PROJECT_TYPES, TASK_TYPES } from '../catalog.content.js';
import type { ItemRow } from '../catalog.repository.js';
import { GroupRows, type RowsModel } from './admin-draft-rows.js';
import { Radios } from './admin-inputs.js';
import { at, crumbs, enumLabel, errorFor, fieldLabel, itemName, namedErrors } from './admin-shared.js';

export interface EditorModel extends RowsModel {
  townships: readonly RegionSummary[];
}

const SECTIONS = ['basic', 'basis', 'limits', 'channels', 'result', 'audience', 'materials', 'handle_flow', 'faqs'] as const;

const enumOptions = (ctx: ViewContext, set: string, values: readonly (string | number)[]): SelectOption[] => values.map((v) => ({ value: String(v), label: enumLabel(ctx, set, String(v)) }));

function Editor({ m }: { m: EditorModel }): string {
  const { ctx, errors } = m;
  const val = (n: string) => {
    const v = m.form.values[n];
    return typeof v === 'string' ? v : '';
  };
  const vals = (n: string) => {
    const v = m.form.values[n];
    return Array.isArray(v) ? v : v ? [v] : [];
  };
  const text = (name: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => Field({ ctx, name, label: fieldLabel(ctx, name), value: val(name), error: errorFor(errors, name), ...extra });
  const area = (name: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => text(name, { type: 'textarea', rows: 4, ...extra });
  const num = (name: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => text(name, { type: 'number', width: 4, inputmode: 'numeric', required: true, ...extra });
  const select = (name: string, set: string, values: readonly string[], extra: Partial<Parameters<typeof Field>[0]> = {}) => text(name, { type: 'select', required: true, options: enumOptions(ctx, set, values), ...extra });
  const yesNo = (name: string) => Radios({ ctx, name, legend: fieldLabel(ctx, name), inline: true, required: true, value: val(name), error: errorFor(errors, name), options: [{ value: 'true', label: ctx.t('form.yes') }, { value: 'false', label: ctx.t('form.no') }] });
  const boxes = (name: string, options: SelectOption[], hint?: string) => Checkboxes({ ctx, name, legend: fieldLabel(ctx, name), options, checked: vals(name), error: errorFor(errors, name), ...(hint ? { hint } : {}) });
  const section = (key: (typeof SECTIONS)[number], body: string[]) => {
    const safeBody = body.join('');
    return str(
      <section class="catalog-section" aria-labelledby={`sec-${key}`}>
        <h2 id={`sec-${key}`}>{escapeText(at(ctx, `draft.sections.${key}`))}</h2>
        {safeBody}
      </section>,
    );
  };
  const townships = m.townships.filter((r) => r.level === 'township').map((r) => ({ value: r.code, label: ctx.lang === 'en' ? r.nameEn : r.nameZh }));

  return [
    section('basic', [
      text('catalog_code', { required: true, width: 20, maxlength: 12, hint: at(ctx, 'draft.hints.catalog_code') }),
      text('task_name', { required: true, maxlength: 200 }),
      text('task_name_en', { maxlength: 200 }),
      text('task_handle_item', { maxlength: 200, hint: at(ctx, 'draft.hints.task_handle_item') }),
      select('task_type', 'task_type', TASK_TYPES),
      area('summary', { rows: 3, hint: at(ctx, 'draft.hints.summary') }),
      area('summary_en', { rows: 3 }),
    ]),
    section('basis', [area('by_law', { required: true, rows: 6, hint: at(ctx, 'draft.hints.by_law') }), area('accept_condition', { required: true }), area('accept_condition_en')]),
    section('limits', [
      '<div class="catalog-row__pair">',
      num('anticipate_day', { min: 0, max: 3650 }),
      select('anticipate_type', 'limit_unit', LIMIT_UNITS),
      '</div><div class="catalog-row__pair">',
      num('promise_day', { min: 0, max: 3650, hint: at(ctx, 'draft.hints.promise_day') }),
      select('promise_type', 'limit_unit', LIMIT_UNITS),
      '</div>',
      num('limit_scene_num', { min: 0, max: 9, hint: at(ctx, 'draft.hints.limit_scene_num') }),
      yesNo('is_fee'),
      GroupRows({ m, group: 'fees', headingLevel: 3, hint: at(ctx, 'draft.hints.fees') }),
    ]),
    section('channels', [
      boxes('handle_type', enumOptions(ctx, 'handle_type', HANDLE_TYPES)),
      Radios({ ctx, name: 'online_handle_depth', legend: fieldLabel(ctx, 'online_handle_depth'), required: true, value: val('online_handle_depth'), error: errorFor(errors, 'online_handle_depth'), options: enumOptions(ctx, 'depth', [1, 2, 3, 4]) }),
      yesNo('is_express'),
      Radios({ ctx, name: 'project_type', legend: fieldLabel(ctx, 'project_type'), required: true, inline: true, value: val('project_type'), error: errorFor(errors, 'project_type'), options: enumOptions(ctx, 'project_type', PROJECT_TYPES) }),
    ]),
    section('result', [
      text('result_type', { required: true, maxlength: 100, hint: at(ctx, 'draft.hints.result_type') }),
      text('result_name', { required: true, maxlength: 200 }),
      select('handle_area', 'handle_area', HANDLE_AREAS),
      boxes('township_codes', townships, at(ctx, 'draft.hints.township_codes')),
      text('transact_addr', { required: true, maxlength: 500 }),
      text('transact_time', { required: true, maxlength: 500 }),
      text('link_way', { required: true, maxlength: 200, type: 'tel' }),
      text('supervise_way', { required: true, maxlength: 500 }),
    ]),
    section('audience', [boxes('audiences', enumOptions(ctx, 'audience', AUDIENCES)), boxes('life_events', enumOptions(ctx, 'life_event', LIFE_EVENTS), at(ctx, 'draft.hints.life_events'))]),
    str(
      <section class="catalog-section">
        <GroupRows m={m} group="materials" />
      </section>,
    ),
    str(
      <section class="catalog-section">
        <GroupRows m={m} group="handle_flow" hint={at(ctx, 'draft.hints.handle_flow')} />
      </section>,
    ),
    str(
      <section class="catalog-section">
        <GroupRows m={m} group="faqs" />
      </section>,
    ),
  ].join('');
}

/** "Jump to a section" links at the top of the long form. */
function Contents({ ctx }: { ctx: ViewContext }): string {
  const safeItems = SECTIONS.map((k) => str(<li><a href={`#sec-${k}`}>{escapeText(at(ctx, `draft.sections.${k}`))}</a></li>));
  return str(
    <nav class="catalog-contents" aria-label={escapeText(at(ctx, 'draft.contents'))}>
      <ol class="catalog-contents__list">{safeItems}</ol>
    </nav>,
  );
}

const SaveButton = ({ ctx }: { ctx: ViewContext }) =>
  str(
    <button class="button" type="submit" name="save" value="1">
      {escapeText(at(ctx, 'draft.save'))}
    </button>,
  );

export interface PageNotice {
  kind: 'success' | 'error' | 'warning' | 'info';
  text: string;
}

/** The editor of an item's draft; `versionNo` is unknown when the posted draft no longer exists (discarded meanwhile). */
export function DraftPage({ ctx, item, draftId, versionNo, m, notice }: { ctx: ViewContext; item: ItemRow; draftId: string; versionNo: number | undefined; m: EditorModel; notice?: PageNotice | undefined }): string {
  const name = itemName(ctx, item);
  const title = versionNo === undefined ? at(ctx, 'draft.titleNoNumber') : at(ctx, 'draft.title', { no: versionNo });
  const itemUrl = `/catalog/${item.id}`;
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: name, href: itemUrl }, { label: title }),
    children: [
      <p class="lead-text">
        {escapeText(name)} <code>{escapeText(item.taskCode)}</code>
      </p>,
      notice ? Notice({ ctx, kind: notice.kind, text: notice.text }) : '',
      ErrorSummary({ ctx, errors: namedErrors(ctx, m.errors) }),
      <p>{escapeText(at(ctx, 'draft.lead'))}</p>,
      Contents({ ctx }),
      <Form ctx={ctx} action={`${itemUrl}/draft`} enctype="multipart/form-data" class="catalog-editor">
        <input type="hidden" name="draftId" value={escapeStrict(draftId)} />
        <div class="button-group">
          <SaveButton ctx={ctx} />
        </div>
        <Editor m={m} />
        <div class="button-group">
          <SaveButton ctx={ctx} />
          <a href={escapeStrict(itemUrl)}>{escapeText(at(ctx, 'draft.back'))}</a>
        </div>
      </Form>,
    ],
  });
}

export interface NewItemValues {
  orgCode: string;
  taskCode: string;
}

export function NewItemPage({ ctx, values, m, orgOptions }: { ctx: ViewContext; values: NewItemValues; m: EditorModel; orgOptions: SelectOption[] }): string {
  const title = at(ctx, 'new.title');
  const safeOrgField =
    orgOptions.length === 1
      ? str(
          <div class="field">
            <p class="field__label">{escapeText(fieldLabel(ctx, 'orgCode'))}</p>
            <p>{escapeText(orgOptions[0]!.label)}</p>
            <input type="hidden" name="orgCode" value={escapeStrict(orgOptions[0]!.value)} />
          </div>,
        )
      : Field({ ctx, name: 'orgCode', type: 'select', label: fieldLabel(ctx, 'orgCode'), required: true, options: orgOptions, value: values.orgCode, error: errorFor(m.errors, 'orgCode') });
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      ErrorSummary({ ctx, errors: namedErrors(ctx, m.errors) }),
      <p class="lead-text">{escapeText(at(ctx, 'new.lead'))}</p>,
      Contents({ ctx }),
      <Form ctx={ctx} action="/catalog/new" enctype="multipart/form-data" class="catalog-editor">
        <div class="button-group">
          <button class="button" type="submit" name="save" value="1">
            {escapeText(at(ctx, 'new.create'))}
          </button>
        </div>
        <section class="catalog-section" aria-labelledby="sec-item">
          <h2 id="sec-item">{escapeText(at(ctx, 'new.itemSection'))}</h2>
          {safeOrgField}
          <Field ctx={ctx} name="task_code" label={fieldLabel(ctx, 'task_code')} required maxlength={36} value={values.taskCode} hint={at(ctx, 'new.taskCodeHint')} error={errorFor(m.errors, 'task_code')} />
        </section>
        <Editor m={m} />
        <div class="button-group">
          <button class="button" type="submit" name="save" value="1">
            {escapeText(at(ctx, 'new.create'))}
          </button>
          <a href="/catalog">{escapeText(ctx.t('form.cancel'))}</a>
        </div>
      </Form>,
    ],
  });
}
