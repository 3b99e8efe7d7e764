/**
 * The inbox pages, the same on both listeners (`/my/messages` for residents and enterprises,
 * `/inbox` for staff): the paged list with unread messages marked, and one message.
 * Stored subjects and bodies are shown exactly as stored (escapeStrict).
 */
import type { ViewContext } from '../../views/context.js';
import { Layout } from '../../views/layout.js';
import { Button, DataTable, Form, Notice, Pagination, StatusTag } from '../../views/components.js';
import { escapeStrict, escapeText, str } from '../../views/html.js';
import { formatDateTime } from '../../i18n/index.js';
import type { InboxMessage } from '../notifier.js';

export interface InboxView {
  /** `/my/messages` or `/inbox`. */
  base: string;
  page: number;
  totalPages: number;
  rows: InboxMessage[];
  total: number;
  unread: number;
  notice?: string;
}

const pageQuery = (page: number) => (page > 1 ? `?page=${page}` : '');

function subjectCell(base: string, m: InboxMessage): string {
  const safeText = escapeStrict(m.subject);
  const href = escapeStrict(`${base}/${m.id}`);
  return m.readAt ? str(<a href={href}>{safeText}</a>) : str(<a href={href}><strong>{safeText}</strong></a>);
}

function markReadForm(ctx: ViewContext, v: InboxView, m: InboxMessage): string {
  if (m.readAt) return '';
  return Form({
    ctx,
    action: `${v.base}/${m.id}/read`,
    children: [
      str(<input type="hidden" name="page" value={String(v.page)} />),
      // The button's accessible name says which message it marks.
      str(
        <button type="submit" class="button button--secondary">
          {escapeText(ctx.t('notify.inbox.markRead'))}
          <span class="visually-hidden">
            {': '}
            {escapeStrict(m.subject)}
          </span>
        </button>,
      ),
    ].join(''),
  });
}

export function InboxPage(ctx: ViewContext, v: InboxView): string {
  const t = ctx.t;
  const title = t('notify.inbox.title');
  const parts: string[] = [];
  if (v.notice) parts.push(Notice({ ctx, kind: 'success', text: v.notice }));
  if (v.total === 0) {
    parts.push(str(<p>{escapeText(t('notify.inbox.empty'))}</p>));
  } else {
    parts.push(str(<p>{escapeText(t('notify.inbox.summary', { total: v.total, unread: v.unread }))}</p>));
    if (v.unread > 0) parts.push(Form({ ctx, action: `${v.base}/read-all`, children: Button({ label: t('notify.inbox.markAllRead'), variant: 'secondary' }) }));
    parts.push(
      DataTable({
        ctx,
        caption: t('notify.inbox.caption'),
        captionHidden: true,
        rows: v.rows,
        empty: t('notify.inbox.emptyPage'),
        columns: [
          { header: t('notify.inbox.status'), html: (m) => (m.readAt ? escapeText(t('notify.inbox.read')) : StatusTag({ label: t('notify.inbox.unread'), tone: 'info' })) },
          { header: t('notify.inbox.subject'), html: (m) => subjectCell(v.base, m), rowHeader: true },
          { header: t('notify.inbox.receivedAt'), value: (m) => formatDateTime(m.createdAt, ctx.lang) },
          { header: t('notify.inbox.actions'), html: (m) => markReadForm(ctx, v, m) },
        ],
      }),
    );
    parts.push(Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: v.base }));
  }
  return Layout({ ctx, title, breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: title }], children: parts.join('') });
}

/** One message, marked read by opening it; its link (a page of this site) is the main action. */
export function MessagePage(ctx: ViewContext, base: string, m: InboxMessage, backPage = 1): string {
  const t = ctx.t;
  const inboxTitle = t('notify.inbox.title');
  const safeParagraphs = m.body
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => str(<p>{escapeStrict(line)}</p>))
    .join('');
  const safeMeta = str(
    <p>
      {escapeText(t('notify.message.receivedAt'))}
      <time datetime={m.createdAt.toISOString()}>{escapeText(formatDateTime(m.createdAt, ctx.lang))}</time>
    </p>,
  );
  const safeOpen = m.link ? Button({ label: t('notify.message.open'), href: m.link }) : '';
  const children = [
    safeMeta,
    safeParagraphs,
    safeOpen ? str(<p>{safeOpen}</p>) : '',
    str(
      <p>
        <a href={escapeStrict(`${base}${pageQuery(backPage)}`)}>{escapeText(t('notify.message.back'))}</a>
      </p>,
    ),
  ];
  return Layout({
    ctx,
    title: m.subject,
    breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: inboxTitle, href: base }, { label: m.subject }],
    children: children.join(''),
  });
}
