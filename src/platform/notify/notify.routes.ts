/**
 * The inbox on both listeners (`/my/messages` for residents and enterprises, `/inbox` for
 * staff) and, in demo mode, the internal outbox page for administrators. Another account's
 * message answers 404, exactly like one that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformServices } from '../module.js';
import { NotFoundError } from '../http/errors.js';
import { actorOf, requireSignedIn } from '../http/guards.js';
import { InboxPage, MessagePage } from './views/inbox.js';
import { OutboxPage } from './views/outbox.js';

export const PUBLIC_INBOX = '/my/messages';
export const INTERNAL_INBOX = '/inbox';
export const OUTBOX = '/outbox';
export const OUTBOX_PERMISSION = 'notify.outbox.view';
const PAGE_SIZE = 20;

/** `?page=` and the hidden `page` field: a whole number from 1, anything else is page 1. */
function pageOf(value: unknown): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || !/^\d{1,5}$/.test(text)) return 1;
  return Math.max(1, Number(text));
}

const listUrl = (base: string, page: number) => (page > 1 ? `${base}?page=${page}` : base);

type Body = Record<string, unknown> | undefined;

function registerInbox(app: FastifyInstance, s: PlatformServices, base: string): void {
  const pre = { preHandler: requireSignedIn };

  app.get<{ Querystring: { page?: string; done?: string } }>(base, pre, async (request, reply) => {
    const actor = actorOf(request);
    let page = pageOf(request.query.page);
    let data = await s.notify.inbox(s.db, actor.accountId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const totalPages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    if (page > totalPages) {
      // A page past the end (messages were read elsewhere, or a stale link) shows the last one.
      page = totalPages;
      data = await s.notify.inbox(s.db, actor.accountId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    }
    const ctx = reply.viewContext();
    const notice = request.query.done === 'all' ? ctx.t('notify.inbox.allMarked') : undefined;
    return reply.html(InboxPage(ctx, { base, page, totalPages, notice, ...data }));
  });

  app.post(`${base}/read-all`, pre, async (request, reply) => {
    await s.notify.markAllRead(s.db, actorOf(request).accountId);
    return reply.redirect(`${base}?done=all`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { page?: string } }>(`${base}/:id`, pre, async (request, reply) => {
    const message = await s.notify.open(s.db, actorOf(request).accountId, request.params.id);
    if (!message) throw new NotFoundError('message');
    return reply.html(MessagePage(reply.viewContext(), base, message, pageOf(request.query.page)));
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${base}/:id/read`, pre, async (request: FastifyRequest<{ Params: { id: string }; Body: Body }>, reply) => {
    if (!(await s.notify.markRead(s.db, actorOf(request).accountId, request.params.id))) throw new NotFoundError('message');
    return reply.redirect(listUrl(base, pageOf(request.body?.page)), 303);
  });
}

/** `/my/messages` on the public listener. */
export function registerPublicNotifyRoutes(app: FastifyInstance, s: PlatformServices): void {
  registerInbox(app, s, PUBLIC_INBOX);
}

/** `/inbox`, and `/outbox` in demo mode, on the internal listener. */
export function registerInternalNotifyRoutes(app: FastifyInstance, s: PlatformServices): void {
  registerInbox(app, s, INTERNAL_INBOX);
  if (!s.config.demo) return;
  app.get<{ Querystring: { page?: string } }>(OUTBOX, { preHandler: requireSignedIn }, async (request, reply) => {
    await s.permissions.authorize(s.db, actorOf(request), OUTBOX_PERMISSION);
    let page = pageOf(request.query.page);
    let data = await s.notify.outbox(s.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const totalPages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    if (page > totalPages) {
      page = totalPages;
      data = await s.notify.outbox(s.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    }
    return reply.html(OutboxPage(reply.viewContext(), { page, totalPages, ...data }));
  });
}
