/**
 * The outside world of notifications: email by SMTP (nodemailer) and SMS through an HTTP
 * gateway. Both are interfaces, so a deployment can plug in another SMS provider; the
 * composer builds them from the configuration (SMTP_URL, SMS_URL). See ADR 0019.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/load.js';
import { maskPhone } from '../crypto/mask.js';
import type { DeliveryChannel } from './notify.schema.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email; rejects when the server refuses it or cannot be reached. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Sends one text message; rejects when the gateway refuses it or cannot be reached. */
export interface SmsAdapter {
  send(phone: string, text: string): Promise<void>;
}

/** Email through an SMTP server (`smtp://` or `smtps://` URL, STARTTLS when offered). */
export class SmtpEmailSender implements EmailSender {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Short timeouts: the worker runs one round at a time, so a silent server must not hold it for minutes.
    this.transport = nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  }

  async send(message: EmailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }
}

/**
 * SMS through an HTTP gateway: `POST <url>` with `{"phone": "...", "text": "..."}` and
 * `Authorization: Bearer <token>`. Any 2xx answer is success; anything else is an error that
 * names the status (never the token).
 */
export class HttpSmsAdapter implements SmsAdapter {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async send(phone: string, text: string): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ phone, text }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}${detail ? `: ${detail}` : ''}`);
  }
}

export interface Channels {
  email?: EmailSender;
  sms?: SmsAdapter;
}

/** The channels the configuration turns on; a missing one is recorded as `demo` in demo mode, or skipped. */
export function channelsFromConfig(config: Config): Channels {
  return {
    email: config.smtpUrl && config.smtpFrom ? new SmtpEmailSender(config.smtpUrl, config.smtpFrom) : undefined,
    sms: config.smsUrl && config.smsToken ? new HttpSmsAdapter(config.smsUrl, config.smsToken) : undefined,
  };
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** The address as it is stored and sent, or undefined when it is not a usable address for the channel. */
export function normaliseAddress(channel: DeliveryChannel, value: string): string | undefined {
  const v = value.trim();
  if (channel === 'email') return v.length <= 254 && EMAIL.test(v) ? v : undefined;
  const digits = v.replace(/[\s\-.()]/g, '');
  return /^\+?[0-9]{5,20}$/.test(digits) ? digits : undefined;
}

/** `z***@example.cn`: the first character of the mailbox and the domain; the length is not revealed. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  const first = Array.from(value.slice(0, at))[0] ?? '';
  return `${first}***${value.slice(at)}`;
}

export function maskAddress(channel: DeliveryChannel, value: string): string {
  return channel === 'email' ? maskEmail(value) : maskPhone(value);
}

/** An error as stored in `last_error`: the address itself (servers repeat it in their refusals) masked, at most 500 characters. */
export function deliveryErrorText(error: unknown, channel: DeliveryChannel, address: string): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const masked = address ? text.split(address).join(maskAddress(channel, address)) : text;
  return masked.replace(/[\r\n]+/g, ' ').slice(0, 500);
}
