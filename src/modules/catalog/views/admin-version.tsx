/**
 * One version of an item, read-only: its content in the editor's sections (so a draft can
 * be previewed and a superseded version read as it was) and a summary of its form.
 */
import { formatDateTime } from '../../../platform/i18n/index.js';
import type { ViewContext } from '../../../platform/views/context.js';
import { DataTable, Notice, SummaryList, type SummaryRow } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str, trusted } from '../../../platform/views/html.js';
import type { OrgSummary, RegionSummary } from '../../identity/index.js';
import type { FaqSpec, FeeSpec, FlowStepSpec, ItemContent, MaterialSpec } from '../catalog.content.js';
import type { ItemRow, VersionRow } from '../catalog.repository.js';
import type { FieldDef, FormDefinition } from '../forms/form.types.js';
import { at, crumbs, enumLabel, fieldLabel, itemName, labelText, Link, orgName, versionTag, who } from './admin-shared.js';

export interface VersionView {
  item: ItemRow;
  version: VersionRow;
  content: ItemContent;
  form: FormDefinition;
  orgs: readonly OrgSummary[];
  regions: readonly RegionSummary[];
  names: ReadonlyMap<string, string>;
  fileNames: ReadonlyMap<string, string>;
  fileHref: (fileId: string) => string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '—');
const yesNo = (ctx: ViewContext, b: boolean) => ctx.t(b ? 'form.yes' : 'form.no');
const list = (ctx: ViewContext, parts: string[]) => (parts.length ? parts.join(at(ctx, 'listSeparator')) : '—');

function section(ctx: ViewContext, key: string, safeBody: string): string {
  return str(
    <section class="catalog-section" aria-labelledby={`sec-${key}`}>
      <h2 id={`sec-${key}`}>{escapeText(at(ctx, `draft.sections.${key}`))}</h2>
      {safeBody}
    </section>,
  );
}

function rows(ctx: ViewContext, c: ItemContent, names: (keyof ItemContent)[], value: (k: keyof ItemContent) => SummaryRow['value'] = (k) => text(c[k])): string {
  return SummaryList({ ctx, rows: names.map((k) => ({ key: fieldLabel(ctx, k), value: value(k) })) });
}

export function ContentView({ ctx, v }: { ctx: ViewContext; v: VersionView }): string {
  const c = v.content;
  const limit = (day: number, unit: string) => `${day} ${enumLabel(ctx, 'limit_unit', unit)}`;
  const fileLink = (id: string | undefined) => (id ? Link({ href: v.fileHref(id), label: v.fileNames.get(id) ?? id }) : '—');
  const townshipName = (code: string) => {
    const r = v.regions.find((x) => x.code === code);
    return r ? (ctx.lang === 'en' ? r.nameEn : r.nameZh) : code;
  };
  const safeParts = [
    section(ctx, 'basic', rows(ctx, c, ['catalog_code', 'task_name', 'task_name_en', 'task_handle_item', 'task_type', 'summary'], (k) => (k === 'task_type' ? enumLabel(ctx, 'task_type', c.task_type) : text(c[k])))),
    section(ctx, 'basis', rows(ctx, c, ['by_law', 'accept_condition'])),
    section(
      ctx,
      'limits',
      SummaryList({
        ctx,
        rows: [
          { key: fieldLabel(ctx, 'anticipate_day'), value: limit(c.anticipate_day, c.anticipate_type) },
          { key: fieldLabel(ctx, 'promise_day'), value: limit(c.promise_day, c.promise_type) },
          { key: fieldLabel(ctx, 'limit_scene_num'), value: c.limit_scene_num },
          { key: fieldLabel(ctx, 'is_fee'), value: yesNo(ctx, c.is_fee) },
        ],
      }) +
        DataTable<FeeSpec>({
          ctx,
          caption: fieldLabel(ctx, 'fees'),
          rows: c.fees,
          empty: at(ctx, 'version.noFees'),
          columns: [
            { header: at(ctx, 'rows.fees.name'), rowHeader: true, value: (f) => f.name },
            { header: at(ctx, 'rows.fees.standard'), value: (f) => f.standard },
            { header: at(ctx, 'rows.fees.basis'), value: (f) => f.basis },
            { header: at(ctx, 'rows.fees.reducible'), value: (f) => yesNo(ctx, f.reducible) },
          ],
        }),
    ),
    section(
      ctx,
      'channels',
      SummaryList({
        ctx,
        rows: [
          { key: fieldLabel(ctx, 'handle_type'), value: list(ctx, c.handle_type.map((h) => enumLabel(ctx, 'handle_type', h))) },
          { key: fieldLabel(ctx, 'online_handle_depth'), value: enumLabel(ctx, 'depth', String(c.online_handle_depth)) },
          { key: fieldLabel(ctx, 'is_express'), value: yesNo(ctx, c.is_express) },
          { key: fieldLabel(ctx, 'project_type'), value: enumLabel(ctx, 'project_type', c.project_type) },
        ],
      }),
    ),
    section(
      ctx,
      'result',
      SummaryList({
        ctx,
        rows: [
          { key: fieldLabel(ctx, 'result_type'), value: c.result_type },
          { key: fieldLabel(ctx, 'result_name'), value: c.result_name },
          { key: fieldLabel(ctx, 'handle_area'), value: enumLabel(ctx, 'handle_area', c.handle_area) },
          { key: fieldLabel(ctx, 'township_codes'), value: list(ctx, c.township_codes.map(townshipName)) },
          { key: fieldLabel(ctx, 'transact_addr'), value: c.transact_addr },
          { key: fieldLabel(ctx, 'transact_time'), value: c.transact_time },
          { key: fieldLabel(ctx, 'link_way'), value: c.link_way },
          { key: fieldLabel(ctx, 'supervise_way'), value: c.supervise_way },
        ],
      }),
    ),
    section(
      ctx,
      'audience',
      SummaryList({
        ctx,
        rows: [
          { key: fieldLabel(ctx, 'audiences'), value: list(ctx, c.audiences.map((a) => enumLabel(ctx, 'audience', a))) },
          { key: fieldLabel(ctx, 'life_events'), value: list(ctx, c.life_events.map((e) => enumLabel(ctx, 'life_event', e))) },
        ],
      }),
    ),
    section(
      ctx,
      'materials',
      DataTable<MaterialSpec>({
        ctx,
        caption: fieldLabel(ctx, 'materials'),
        captionHidden: true,
        rows: c.materials,
        empty: at(ctx, 'version.noMaterials'),
        columns: [
          { header: at(ctx, 'rows.materials.id'), value: (m) => m.id },
          { header: at(ctx, 'rows.materials.name'), rowHeader: true, value: (m) => m.name },
          { header: at(ctx, 'rows.materials.required'), value: (m) => yesNo(ctx, m.required) },
          { header: at(ctx, 'version.counts'), value: (m) => at(ctx, 'version.countsValue', { originals: m.originals, copies: m.copies }) },
          { header: at(ctx, 'rows.materials.source'), value: (m) => `${enumLabel(ctx, 'material_source', m.source)} · ${enumLabel(ctx, 'material_format', m.format)}` },
          { header: at(ctx, 'rows.materials.blank_form_file'), html: (m) => fileLink(m.blank_form_file) },
          { header: at(ctx, 'rows.materials.sample_file'), html: (m) => fileLink(m.sample_file) },
        ],
      }),
    ),
    section(
      ctx,
      'handle_flow',
      DataTable<FlowStepSpec>({
        ctx,
        caption: fieldLabel(ctx, 'handle_flow'),
        captionHidden: true,
        rows: c.handle_flow,
        columns: [
          { header: at(ctx, 'rows.handle_flow.name'), rowHeader: true, value: (s) => s.name },
          { header: at(ctx, 'rows.handle_flow.actor'), value: (s) => s.actor },
          { header: at(ctx, 'rows.handle_flow.days'), numeric: true, value: (s) => s.days },
          { header: at(ctx, 'rows.handle_flow.parallel_departments'), value: (s) => list(ctx, (s.parallel_departments ?? []).map((code) => orgName(ctx, v.orgs, code))) },
        ],
      }),
    ),
    section(
      ctx,
      'faqs',
      DataTable<FaqSpec>({
        ctx,
        caption: fieldLabel(ctx, 'faqs'),
        captionHidden: true,
        rows: c.faqs,
        empty: at(ctx, 'version.noFaqs'),
        columns: [
          { header: at(ctx, 'rows.faqs.question'), rowHeader: true, value: (f) => f.question },
          { header: at(ctx, 'rows.faqs.answer'), value: (f) => f.answer },
        ],
      }),
    ),
  ];
  return safeParts.join('');
}

/** The form's pages and their fields' labels (the form editor shows the rest). */
function FormSummary({ ctx, form }: { ctx: ViewContext; form: FormDefinition }): string {
  const pages = form.pages ?? [];
  if (pages.length === 0) return str(<p class="empty-state">{escapeText(at(ctx, 'version.noForm'))}</p>);
  const fieldText = (f: FieldDef) => `${labelText(ctx, f.label)}${f.required ? at(ctx, 'version.requiredMark') : ''}`;
  const safePages = pages.map((p) => {
    const safeFields = p.fields.map((f) => str(<li>{escapeText(fieldText(f))}</li>)).join('');
    return str(
      <li>
        <strong>{escapeText(labelText(ctx, p.title))}</strong>
        <ul>{safeFields}</ul>
      </li>,
    );
  });
  return str(<ol class="catalog-form-summary">{safePages}</ol>);
}

export function VersionPage({ ctx, v }: { ctx: ViewContext; v: VersionView }): string {
  const name = itemName(ctx, v.item);
  const title = at(ctx, 'version.title', { no: v.version.versionNo });
  const r = v.version;
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: name, href: `/catalog/${v.item.id}` }, { label: title }),
    children: [
      r.status === 'draft' ? Notice({ ctx, kind: 'info', text: at(ctx, 'version.draftPreview') }) : '',
      SummaryList({
        ctx,
        rows: [
          { key: at(ctx, 'item.versionStatus'), value: trusted(versionTag(ctx, r.status)) },
          { key: at(ctx, 'item.savedBy'), value: `${who(v.names, r.updatedBy)} · ${formatDateTime(r.updatedAt, ctx.lang)}` },
          { key: at(ctx, 'item.publishedBy'), value: r.publishedAt ? `${who(v.names, r.publishedBy)} · ${formatDateTime(r.publishedAt, ctx.lang)}` : '—' },
        ],
      }),
      ContentView({ ctx, v }),
      <section class="catalog-section" aria-labelledby="sec-form">
        <h2 id="sec-form">{escapeText(at(ctx, 'version.formHeading'))}</h2>
        <FormSummary ctx={ctx} form={v.form} />
      </section>,
    ],
  });
}
