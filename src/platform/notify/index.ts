/**
 * Notify: the in-app inbox, email by SMTP and SMS by an HTTP gateway (ADR 0019).
 *
 * The composer (src/app.ts) builds one Notifier (`services.notify`) and adds
 * `notifyRegistration` after the modules: its pages, delivery job, permission and
 * navigation go through the same contract as a module's.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load.js';
import type { ModuleRegistration, PlatformServices } from '../module.js';
import type { Notifier } from './notifier.js';
import { INTERNAL_INBOX, OUTBOX, OUTBOX_PERMISSION, PUBLIC_INBOX, registerInternalNotifyRoutes, registerPublicNotifyRoutes } from './notify.routes.js';

export { Notifier, NotifyDeliveryError, DELIVER_JOB, renderTemplate, type NotifyInput, type InboxMessage, type OutboxEntry, type NotifierOptions } from './notifier.js';
export { channelsFromConfig, HttpSmsAdapter, SmtpEmailSender, maskEmail, type Channels, type EmailMessage, type EmailSender, type SmsAdapter } from './notify.channels.js';
export { notifyRegistry, type NotifyRegistryAccounts } from './notify.inputs.js';
export { PUBLIC_INBOX, INTERNAL_INBOX, OUTBOX, OUTBOX_PERMISSION };

/** The platform's own registration for notify: composed after the modules, like one of them. */
export function notifyRegistration(notify: Notifier, config: Config): ModuleRegistration {
  return {
    name: 'notify',
    publicRoutes: registerPublicNotifyRoutes,
    internalRoutes: registerInternalNotifyRoutes,
    jobs: notify.jobDefinitions(),
    permissions: [{ key: OUTBOX_PERMISSION, description: 'See the demo outbox: the emails and SMS that would have been sent (masked)', roles: ['administrator'] }],
    nav: {
      internal: [
        { href: INTERNAL_INBOX, labelKey: 'notify.nav.inbox', descriptionKey: 'notify.nav.inboxDescription' },
        ...(config.demo ? [{ href: OUTBOX, labelKey: 'notify.nav.outbox', descriptionKey: 'notify.nav.outboxDescription', permission: OUTBOX_PERMISSION }] : []),
      ],
    },
  };
}

/**
 * The header's "My messages (n unread)" link for a signed-in person: one count per page
 * request, after the actor is resolved (install it after the actor resolver).
 */
export function installInboxLink(app: FastifyInstance, services: Pick<PlatformServices, 'db' | 'notify'>, href: string): void {
  app.addHook('preHandler', async (request) => {
    if (!request.actor || request.url.startsWith('/api/')) return;
    request.inboxLink = { href, unread: await services.notify.unreadCount(services.db, request.actor.accountId) };
  });
}
