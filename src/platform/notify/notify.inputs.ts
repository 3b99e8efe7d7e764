/**
 * Notify's entries in the hostile-input registry (src/platform/testing/registry.ts): the
 * mark-read forms of both inboxes, and the pages only their owner may see. The platform knows
 * no accounts, so the module that owns them (identity) supplies the demo logins and a way to
 * find their ids, and lists these entries with its own.
 */
import { randomUUID } from 'node:crypto';
import type { PlatformServices } from '../module.js';
import { transaction } from '../db/database.js';
import type { AccessSubject, InputEndpoint } from '../testing/registry.js';
import { INTERNAL_INBOX, OUTBOX, PUBLIC_INBOX } from './notify.routes.js';

export interface NotifyRegistryAccounts {
  /** The account id of a demo login. */
  idOf: (services: PlatformServices, login: string) => Promise<string>;
  /** Demo logins: two residents, an enterprise unrelated to the first resident, two staff without the outbox permission, an administrator. */
  resident: string;
  otherResident: string;
  enterprise: string;
  staff: string;
  otherStaff: string;
  admin: string;
}

/** A message the recipient may open, with a subject nobody else's page can contain. */
async function sendProbe(s: PlatformServices, recipientId: string, email?: string): Promise<{ id: string; subject: string }> {
  const subject = `探针消息 Probe ${randomUUID().slice(0, 8)}`;
  const id = await transaction(s.db, (tx) =>
    s.notify.send(tx, { recipientId, template: 'notify.templates.message', params: { subject, body: '请查收。\nPlease read this.' }, link: '/', email }),
  );
  return { id, subject };
}

export function notifyRegistry(a: NotifyRegistryAccounts): { inputs: InputEndpoint[]; accessSubjects: AccessSubject[] } {
  // One message per login and database, made on first use (the probe resolves the URL for every request).
  const made = new WeakMap<PlatformServices, Map<string, Promise<string>>>();
  const messageFor = (s: PlatformServices, login: string): Promise<string> => {
    const byLogin = made.get(s) ?? new Map<string, Promise<string>>();
    made.set(s, byLogin);
    let id = byLogin.get(login);
    if (!id) {
      id = a.idOf(s, login).then(async (accountId) => (await sendProbe(s, accountId)).id);
      byLogin.set(login, id);
    }
    return id;
  };

  const inputs: InputEndpoint[] = [
    {
      name: 'notify.mark-read.public',
      side: 'public',
      method: 'POST',
      url: async ({ services }) => `${PUBLIC_INBOX}/${await messageFor(services, a.otherResident)}/read`,
      formUrl: PUBLIC_INBOX,
      kind: 'form',
      signInAs: a.otherResident,
      example: { page: '1' },
      fields: ['page'],
      showBack: [PUBLIC_INBOX],
    },
    {
      name: 'notify.mark-read.internal',
      side: 'internal',
      method: 'POST',
      url: async ({ services }) => `${INTERNAL_INBOX}/${await messageFor(services, a.otherStaff)}/read`,
      formUrl: INTERNAL_INBOX,
      kind: 'form',
      signInAs: a.otherStaff,
      example: { page: '2' },
      fields: ['page'],
      showBack: [INTERNAL_INBOX],
    },
  ];

  const accessSubjects: AccessSubject[] = [
    {
      name: 'notify.public-message',
      side: 'public',
      prepare: async (s) => {
        const m = await sendProbe(s, await a.idOf(s, a.resident));
        return { url: `${PUBLIC_INBOX}/${m.id}`, secret: m.subject };
      },
      owner: { signInAs: a.resident },
      others: [
        { label: 'another resident', signInAs: a.otherResident },
        { label: 'an unrelated enterprise', signInAs: a.enterprise },
        { label: "a staff member's internal session", signInAs: a.staff, signInOn: 'internal' },
        { label: 'anonymous' },
      ],
    },
    {
      name: 'notify.public-inbox',
      side: 'public',
      scope: 'self',
      prepare: async (s) => {
        const m = await sendProbe(s, await a.idOf(s, a.resident));
        return { url: PUBLIC_INBOX, secret: m.subject };
      },
      owner: { signInAs: a.resident },
      others: [
        { label: 'another resident', signInAs: a.otherResident },
        { label: 'an unrelated enterprise', signInAs: a.enterprise },
        { label: 'anonymous' },
      ],
    },
    {
      name: 'notify.staff-message',
      side: 'internal',
      prepare: async (s) => {
        const m = await sendProbe(s, await a.idOf(s, a.staff));
        return { url: `${INTERNAL_INBOX}/${m.id}`, secret: m.subject };
      },
      owner: { signInAs: a.staff },
      others: [
        { label: 'another staff member', signInAs: a.otherStaff },
        { label: 'an administrator (inboxes are personal)', signInAs: a.admin },
        { label: "the resident's public session", signInAs: a.resident, signInOn: 'public' },
        { label: 'anonymous' },
      ],
    },
    {
      name: 'notify.outbox',
      side: 'internal',
      // Demo mode without SMTP: the email copy is recorded, not sent, and listed masked.
      prepare: async (s) => {
        const m = await sendProbe(s, await a.idOf(s, a.resident), `outbox.${randomUUID().slice(0, 8)}@probe.example.cn`);
        return { url: OUTBOX, secret: m.subject };
      },
      owner: { signInAs: a.admin },
      others: [
        { label: 'a window clerk (no outbox permission)', signInAs: a.staff },
        { label: "a resident's public session", signInAs: a.resident, signInOn: 'public' },
        { label: 'anonymous' },
      ],
    },
  ];
  return { inputs, accessSubjects };
}
