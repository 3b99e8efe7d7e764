/**
 * The demo outbox (internal, administrators, demo mode only): every email and SMS copy,
 * with masked addresses, what it says and what became of it.
 */
import type { ViewContext } from '../../views/context.js';
import { Layout } from '../../views/layout.js';
import { DataTable, Notice, Pagination, StatusTag, type Tone } from '../../views/components.js';
import { escapeStrict, str } from '../../views/html.js';
import { formatDateTime } from '../../i18n/index.js';
import type { OutboxEntry } from '../notifier.js';
import type { DeliveryStatus } from '../notify.schema.js';

export interface OutboxView {
  page: number;
  totalPages: number;
  rows: OutboxEntry[];
  total: number;
}

const TONES: Record<DeliveryStatus, Tone> = { demo: 'pending', queued: 'info', sent: 'success', failed: 'danger' };

export function OutboxPage(ctx: ViewContext, v: OutboxView): string {
  const t = ctx.t;
  const title = t('notify.outbox.title');
  const children = [
    Notice({ ctx, kind: 'info', text: t('notify.outbox.intro') }),
    DataTable({
      ctx,
      caption: t('notify.outbox.caption'),
      captionHidden: true,
      rows: v.rows,
      empty: t('notify.outbox.empty'),
      columns: [
        { header: t('notify.outbox.createdAt'), value: (r) => formatDateTime(r.createdAt, ctx.lang) },
        { header: t('notify.outbox.channel'), value: (r) => t(`notify.channels.${r.channel}`) },
        { header: t('notify.outbox.address'), value: (r) => r.address },
        { header: t('notify.outbox.subject'), html: (r) => escapeStrict(r.subject), rowHeader: true },
        { header: t('notify.outbox.body'), html: (r) => r.body.split(/\r?\n/).map((line) => escapeStrict(line)).join(str(<br />)) },
        { header: t('notify.outbox.status'), html: (r) => StatusTag({ label: t(`notify.statuses.${r.status}`), tone: TONES[r.status] }) },
        { header: t('notify.outbox.attempts'), value: (r) => r.attempts, numeric: true },
        { header: t('notify.outbox.lastError'), html: (r) => escapeStrict(r.lastError ?? '') },
      ],
    }),
    Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: '/outbox' }),
  ];
  return Layout({ ctx, title, breadcrumbs: [{ label: t('nav.workbench'), href: '/' }, { label: title }], children: children.join('') });
}
