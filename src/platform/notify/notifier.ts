/**
 * Notify (DESIGN.md §4): every message lands in the recipient's in-app inbox; an email and an
 * SMS copy go out by a job after the caller's transaction commits. In demo mode, a channel
 * that is not configured is recorded as `demo` for the internal outbox page instead of sent.
 * Decisions: docs/adr/0019-notify.md.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/load.js';
import type { Db } from '../db/database.js';
import type { FieldCipher } from '../crypto/field-crypto.js';
import type { JobDefinition } from '../jobs/queue.js';
import { defaultLanguage, isLang, translator, type Lang } from '../i18n/index.js';
import { isUuid } from '../validation/uuid.js';
import * as repo from './notify.repository.js';
import { deliveryErrorText, maskAddress, normaliseAddress, type Channels } from './notify.channels.js';
import type { DeliveryChannel, DeliveryStatus } from './notify.schema.js';

export type { EmailMessage, EmailSender, SmsAdapter } from './notify.channels.js';

export interface NotifyInput {
  /** The account (resident, enterprise or staff) whose inbox receives it. */
  recipientId: string;
  /** i18n key prefix: `${template}.subject` and `${template}.body` are rendered, e.g. `hall:notify.submitted`. */
  template: string;
  params?: Record<string, string | number>;
  /** The recipient's language (default zh-CN); a template missing in it falls back to zh-CN. */
  lang?: Lang;
  /** A path on the recipient's own listener, e.g. `/my/cases/QS-2026-000123`; shown in the inbox, never put in an email or SMS. */
  link?: string;
  /** An email copy goes here, when email is configured (or recorded as `demo` in demo mode). */
  email?: string | null;
  /** An SMS copy goes here, when an SMS gateway is configured (or recorded as `demo` in demo mode). */
  phone?: string | null;
}

export interface InboxMessage {
  id: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface OutboxEntry {
  id: string;
  channel: DeliveryChannel;
  /** Masked: `z***@example.cn`, `138****0001`. */
  address: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  subject: string;
  body: string;
}

export const DELIVER_JOB = 'notify.deliver';

/** Raised by the delivery job when a channel failed: the job queue retries it with backoff. */
export class NotifyDeliveryError extends Error {
  override readonly name = 'NotifyDeliveryError';
}

const MISSING = '\u0000missing';
const TEMPLATE = /^[a-z][a-zA-Z0-9_-]*(?::[a-zA-Z0-9_.-]+)?$|^[a-zA-Z0-9_.-]+$/;
/** Same-site paths only: `/…`, never `//host` or a backslash trick. */
const LINK = /^\/(?![/\\])[^\s\\]{0,499}$/;

export interface NotifierOptions {
  config: Config;
  cipher: FieldCipher;
  /** The configured channels (channelsFromConfig); tests and other providers may pass their own. */
  channels: Channels;
  /** Enqueues a job in the caller's transaction (the platform's JobQueue). */
  enqueue: (tx: Db, name: string, payload: unknown) => Promise<unknown>;
}

export class Notifier {
  constructor(private readonly opts: NotifierOptions) {}

  /** True when `channel` really sends (configured); in demo mode an unconfigured one is recorded as `demo`. */
  configured(channel: DeliveryChannel): boolean {
    return !!this.opts.channels[channel];
  }

  /**
   * Creates the inbox message and its email/SMS deliveries inside the caller's transaction, and
   * enqueues one job to send them after commit. Returns the notification's id.
   */
  async send(tx: Db, input: NotifyInput): Promise<string> {
    if (!isUuid(input.recipientId)) throw new TypeError('notify: recipientId must be a UUID');
    if (!TEMPLATE.test(input.template)) throw new TypeError(`notify: bad template name ${JSON.stringify(input.template)}`);
    if (input.link !== undefined && !LINK.test(input.link)) throw new TypeError('notify: link must be a path on this site (starting with one /)');
    const lang = input.lang && isLang(input.lang) ? input.lang : defaultLanguage;
    const params = input.params ?? {};
    const subject = renderTemplate(`${input.template}.subject`, params, lang).replace(/[\r\n]+/g, ' ');
    const body = renderTemplate(`${input.template}.body`, params, lang);
    const id = randomUUID();
    await repo.insertNotification(tx, { id, recipientId: input.recipientId, template: input.template, params, lang, subject, body, link: input.link ?? null });

    const deliveries: { id: string; notificationId: string; channel: DeliveryChannel; addressEnc: string; status: DeliveryStatus; lastError?: string }[] = [];
    for (const [channel, raw] of [['email', input.email], ['sms', input.phone]] as const) {
      if (!raw || !raw.trim()) continue;
      const status: DeliveryStatus | undefined = this.configured(channel) ? 'queued' : this.opts.config.demo ? 'demo' : undefined;
      if (!status) continue;
      const address = normaliseAddress(channel, raw);
      deliveries.push({
        id: randomUUID(),
        notificationId: id,
        channel,
        addressEnc: this.opts.cipher.encrypt(address ?? raw.trim().slice(0, 254)),
        // An unusable address fails at once, visibly, instead of being retried or breaking the caller's work.
        ...(address ? { status } : { status: 'failed', lastError: `not a valid ${channel === 'email' ? 'email address' : 'phone number'}` }),
      });
    }
    await repo.insertDeliveries(tx, deliveries);
    if (deliveries.some((d) => d.status === 'queued')) await this.opts.enqueue(tx, DELIVER_JOB, { notificationId: id });
    return id;
  }

  async inbox(db: Db, recipientId: string, opts: { limit: number; offset: number }): Promise<{ rows: InboxMessage[]; total: number; unread: number }> {
    const [rows, counts] = await Promise.all([repo.inboxRows(db, recipientId, opts.limit, opts.offset), repo.inboxCounts(db, recipientId)]);
    return { rows: rows.map(toMessage), ...counts };
  }

  unreadCount(db: Db, recipientId: string): Promise<number> {
    return repo.unreadCount(db, recipientId);
  }

  /** Only the recipient's own: false for anybody else's (or an unknown) id. */
  markRead(db: Db, recipientId: string, id: string): Promise<boolean> {
    if (!isUuid(id) || !isUuid(recipientId)) return Promise.resolve(false);
    return repo.markRead(db, recipientId, id);
  }

  markAllRead(db: Db, recipientId: string): Promise<number> {
    return repo.markAllRead(db, recipientId);
  }

  /** Opens the recipient's own message and marks it read; undefined for anybody else's. */
  async open(db: Db, recipientId: string, id: string): Promise<InboxMessage | undefined> {
    if (!isUuid(id) || !isUuid(recipientId)) return undefined;
    const row = await repo.notificationOf(db, recipientId, id);
    if (!row) return undefined;
    if (!row.readAt) await repo.markRead(db, recipientId, id);
    return toMessage(row);
  }

  /** Every delivery with masked addresses, newest first (the demo outbox page). */
  async outbox(db: Db, opts: { limit: number; offset: number }): Promise<{ rows: OutboxEntry[]; total: number }> {
    const { rows, total } = await repo.outboxRows(db, opts.limit, opts.offset);
    return {
      total,
      rows: rows.map((r) => ({ ...omit(r, 'addressEnc'), address: maskAddress(r.channel, this.opts.cipher.decrypt(r.addressEnc)) })),
    };
  }

  /** The job that sends a notification's queued (or failed, on retry) deliveries and records each result. */
  jobDefinitions(): JobDefinition[] {
    return [
      {
        name: DELIVER_JOB,
        maxAttempts: this.opts.config.notifyMaxAttempts,
        handle: async (payload, ctx) => this.deliver(ctx.db, (payload as { notificationId: string }).notificationId),
      },
    ];
  }

  async deliver(db: Db, notificationId: string): Promise<void> {
    if (!isUuid(notificationId)) return;
    const failures: string[] = [];
    for (const d of await repo.pendingDeliveries(db, notificationId)) {
      let address = '';
      try {
        address = this.opts.cipher.decrypt(d.addressEnc);
        await this.sendOne(d, address);
        await repo.recordSent(db, d.id);
      } catch (error) {
        const text = deliveryErrorText(error, d.channel, address);
        await repo.recordFailed(db, d.id, text);
        failures.push(`${d.channel}: ${text}`);
      }
    }
    if (failures.length) throw new NotifyDeliveryError(failures.join('; '));
  }

  private async sendOne(d: repo.PendingDelivery, address: string): Promise<void> {
    const lang = isLang(d.lang) ? d.lang : defaultLanguage;
    const t = translator(lang);
    const raw = { interpolation: { escapeValue: false } };
    if (d.channel === 'email') {
      const email = this.opts.channels.email;
      if (!email) throw new Error('email is not configured (SMTP_URL)');
      const footer = t('notify.email.footer', { ...raw, site: this.siteName(lang) });
      await email.send({ to: address, subject: d.subject, text: `${d.body}\n\n--\n${footer}\n` });
    } else {
      const sms = this.opts.channels.sms;
      if (!sms) throw new Error('SMS is not configured (SMS_URL)');
      await sms.send(address, t('notify.sms.text', { ...raw, subject: d.subject, body: d.body }));
    }
  }

  private siteName(lang: Lang): string {
    return lang === 'zh-CN' ? this.opts.config.siteName : translator(lang)('site.name', { defaultValue: this.opts.config.siteName, interpolation: { escapeValue: false } });
  }
}

/**
 * Renders one template key as plain text (values are not HTML-escaped: pages escape the stored
 * text when they show it). A key missing in `lang` falls back to zh-CN; missing everywhere is a
 * programming error.
 */
export function renderTemplate(key: string, params: Record<string, string | number>, lang: Lang): string {
  const text = translator(lang)(key, { ...params, interpolation: { escapeValue: false }, defaultValue: MISSING });
  if (text === MISSING) throw new Error(`notify: no template text ${key} (in ${lang} or ${defaultLanguage})`);
  return text;
}

function toMessage(r: repo.NotificationRow): InboxMessage {
  return { id: r.id, subject: r.subject, body: r.body, link: r.link, createdAt: r.createdAt, readAt: r.readAt };
}

function omit<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}
