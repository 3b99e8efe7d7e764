/**
 * An item in the workbench: its state and notice, the published version, the draft
 * with its actions (edit, preview, publish, discard), the state actions (suspend,
 * resume, withdraw) and the version history; and the suspend / withdraw pages.
 */
import { formatDateTime } from '../../../platform/i18n/index.js';
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Notice, SummaryList, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str, trusted } from '../../../platform/views/html.js';
import type { ItemRow, VersionRow } from '../catalog.repository.js';
import type { PageNotice } from './admin-draft.js';
import { at, crumbs, errorFor, fieldLabel, itemName, Link, namedErrors, stateTag, versionTag, who } from './admin-shared.js';

export interface ItemView {
  item: ItemRow;
  versions: VersionRow[];
  draft: VersionRow | undefined;
  published: VersionRow | undefined;
  orgName: string;
  names: ReadonlyMap<string, string>;
  canEdit: boolean;
  canPublish: boolean;
  /** Where the public reads this item's guide (absolute, on the public listener). */
  publicUrl: string;
}

const when = (ctx: ViewContext, d: Date | null | undefined) => (d ? formatDateTime(d, ctx.lang) : '—');

function PostButton({ ctx, action, label, variant = 'primary', hidden = {} }: { ctx: ViewContext; action: string; label: string; variant?: 'primary' | 'secondary' | 'warning'; hidden?: Record<string, string> }): string {
  const safeHidden = Object.entries(hidden).map(([k, v]) => str(<input type="hidden" name={escapeStrict(k)} value={escapeStrict(v)} />));
  return Form({ ctx, action, class: 'catalog-inline-form', children: [safeHidden.join(''), Button({ label, variant })] });
}

function DraftPanel({ ctx, v }: { ctx: ViewContext; v: ItemView }): string {
  const base = `/catalog/${v.item.id}`;
  if (!v.draft) {
    return str(
      <>
        <p>{escapeText(at(ctx, 'item.noDraft'))}</p>
        {v.canEdit && v.item.state !== 'withdrawn' ? (
          <ButtonGroup>
            <PostButton ctx={ctx} action={`${base}/draft/open`} label={at(ctx, 'item.openDraft')} />
          </ButtonGroup>
        ) : ''}
      </>,
    );
  }
  const d = v.draft;
  return str(
    <>
      <p>{escapeText(at(ctx, 'item.draftInfo', { no: d.versionNo, who: who(v.names, d.updatedBy), when: when(ctx, d.updatedAt) }))}</p>
      <ButtonGroup>
        {v.canEdit ? Button({ label: at(ctx, 'item.editDraft'), href: `${base}/draft` }) : ''}
        <Button label={at(ctx, 'item.preview')} href={`${base}/versions/${d.versionNo}`} variant="secondary" />
        {v.canPublish ? PostButton({ ctx, action: `${base}/publish`, label: at(ctx, 'item.publish'), hidden: { draftId: d.id } }) : ''}
        {v.canEdit && v.item.publishedVersionId ? PostButton({ ctx, action: `${base}/discard`, label: at(ctx, 'item.discard'), variant: 'warning', hidden: { draftId: d.id } }) : ''}
      </ButtonGroup>
      {v.canPublish ? '' : <p class="field__hint">{escapeText(at(ctx, 'item.publishByHead'))}</p>}
    </>,
  );
}

function StatePanel({ ctx, v }: { ctx: ViewContext; v: ItemView }): string {
  const base = `/catalog/${v.item.id}`;
  const state = v.item.state;
  if (!v.canPublish || state === 'draft' || state === 'withdrawn') return '';
  return str(
    <section class="catalog-section" aria-labelledby="sec-state">
      <h2 id="sec-state">{escapeText(at(ctx, 'item.stateHeading'))}</h2>
      <ButtonGroup>
        {state === 'active' ? Button({ label: at(ctx, 'item.suspend'), href: `${base}/suspend`, variant: 'secondary' }) : ''}
        {state === 'suspended' ? PostButton({ ctx, action: `${base}/resume`, label: at(ctx, 'item.resume'), variant: 'secondary' }) : ''}
        <Button label={at(ctx, 'item.withdraw')} href={`${base}/withdraw`} variant="warning" />
      </ButtonGroup>
    </section>,
  );
}

function History({ ctx, v }: { ctx: ViewContext; v: ItemView }): string {
  return DataTable<VersionRow>({
    ctx,
    caption: at(ctx, 'item.history'),
    rows: v.versions,
    columns: [
      { header: at(ctx, 'item.versionNo'), rowHeader: true, html: (r) => Link({ href: `/catalog/${v.item.id}/versions/${r.versionNo}`, label: at(ctx, 'item.versionLabel', { no: r.versionNo }) }) },
      { header: at(ctx, 'item.versionStatus'), html: (r) => versionTag(ctx, r.status) },
      { header: at(ctx, 'item.savedBy'), value: (r) => `${who(v.names, r.updatedBy)} · ${when(ctx, r.updatedAt)}` },
      { header: at(ctx, 'item.publishedBy'), value: (r) => (r.publishedAt ? `${who(v.names, r.publishedBy)} · ${when(ctx, r.publishedAt)}` : '—') },
    ],
  });
}

export function ItemPage({ ctx, v, notice }: { ctx: ViewContext; v: ItemView; notice?: PageNotice | undefined }): string {
  const { item, published } = v;
  const name = itemName(ctx, item);
  const base = `/catalog/${item.id}`;
  const isPublic = item.state === 'active' || item.state === 'suspended';
  return Layout({
    ctx,
    title: name,
    breadcrumbs: crumbs(ctx, { label: name }),
    children: [
      notice ? Notice({ ctx, kind: notice.kind, text: notice.text }) : '',
      item.notice && item.state !== 'active' ? Notice({ ctx, kind: 'warning', title: at(ctx, `item.noticeTitle.${item.state}`), text: item.notice }) : '',
      SummaryList({
        ctx,
        rows: [
          { key: fieldLabel(ctx, 'task_code'), value: item.taskCode },
          { key: fieldLabel(ctx, 'orgCode'), value: v.orgName },
          { key: at(ctx, 'item.state'), value: trusted(stateTag(ctx, item.state)) },
          {
            key: at(ctx, 'item.published'),
            value: published ? at(ctx, 'item.publishedInfo', { no: published.versionNo, when: when(ctx, published.publishedAt), who: who(v.names, published.publishedBy) }) : at(ctx, 'item.neverPublished'),
          },
          ...(isPublic ? [{ key: at(ctx, 'item.publicGuide'), value: trusted(Link({ href: v.publicUrl, label: v.publicUrl })) }] : []),
        ],
      }),
      <section class="catalog-section" aria-labelledby="sec-draft">
        <h2 id="sec-draft">{escapeText(at(ctx, 'item.draftHeading'))}</h2>
        <DraftPanel ctx={ctx} v={v} />
        {v.canEdit ? (
          <p>
            <Link href={`${base}/form`} label={at(ctx, 'item.formEditor')} />
          </p>
        ) : (
          ''
        )}
      </section>,
      StatePanel({ ctx, v }),
      <section class="catalog-section" aria-labelledby="sec-history">
        <h2 id="sec-history">{escapeText(at(ctx, 'item.historyHeading'))}</h2>
        <History ctx={ctx} v={v} />
      </section>,
    ],
  });
}

export type StateAction = 'suspend' | 'withdraw';

/** Suspend (notice required) or withdraw (notice required; final, so it is its own confirmation page). */
export function StateChangePage({ ctx, item, action, notice, errors }: { ctx: ViewContext; item: ItemRow; action: StateAction; notice: string; errors: FieldError[] }): string {
  const name = itemName(ctx, item);
  const title = at(ctx, `${action}.title`);
  const base = `/catalog/${item.id}`;
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: name, href: base }, { label: title }),
    children: [
      ErrorSummary({ ctx, errors: namedErrors(ctx, errors) }),
      <p class="lead-text">
        {escapeText(name)} <code>{escapeText(item.taskCode)}</code>
      </p>,
      action === 'withdraw' ? Notice({ ctx, kind: 'warning', title: at(ctx, 'withdraw.finalTitle'), text: at(ctx, 'withdraw.final') }) : <p>{escapeText(at(ctx, 'suspend.lead'))}</p>,
      <Form ctx={ctx} action={`${base}/${action}`}>
        <Field ctx={ctx} name="notice" type="textarea" rows={5} required maxlength={1000} label={at(ctx, `${action}.notice`)} hint={at(ctx, `${action}.noticeHint`)} value={notice} error={errorFor(errors, 'notice')} />
        <ButtonGroup>
          <Button label={at(ctx, `${action}.confirm`)} variant={action === 'withdraw' ? 'warning' : 'primary'} />
          <a href={escapeStrict(base)}>{escapeText(ctx.t('form.cancel'))}</a>
        </ButtonGroup>
      </Form>,
    ],
  });
}
