import type { ModuleRegistration } from '../../module.js';
import { transaction } from '../../db/database.js';
import { runDemoSeeds } from '../../seed/seed.js';
import type { TestApp } from '../../../../test/app.js';
import type { NotifyInput } from '../notifier.js';

/** A test-only module whose namespace holds notification templates, as a module's would. */
export const templatesModule: ModuleRegistration = {
  name: 'notifytest',
  translations: {
    'zh-CN': {
      notify: {
        accepted: { subject: '您的申请 {{ref}} 已受理', body: '您申请的“{{item}}”已受理。\n受理编号：{{ref}}' },
        zhOnly: { subject: '仅有中文的通知', body: '这条通知只有中文模板：{{n}}' },
      },
    },
    en: {
      notify: {
        accepted: { subject: 'Your application {{ref}} has been accepted', body: 'Your application for "{{item}}" has been accepted.\nReference: {{ref}}' },
      },
    },
  },
};

/** Only identity's demo accounts: the inbox needs people who can sign in, not the whole county. */
export async function seedAccounts(t: TestApp): Promise<void> {
  await runDemoSeeds(t.platform, t.platform.modules.filter((m) => m.name === 'identity'), () => undefined);
}

/** Demo residents' mobiles (their sign-in) and names. */
export const ZHANG = { login: '13800010001', name: '张三' };
export const LI = { login: '13800010002', name: '李梅' };

/** The id of a demo account, by its display name (residents) or login (staff, enterprises). */
export async function accountId(t: TestApp, kind: 'resident' | 'staff' | 'enterprise', key: string): Promise<string> {
  const rows = await t.platform.database.query<{ id: string }>(`select id from account where kind = $1 and (login = $2 or display_name = $2)`, [kind, key]);
  if (!rows[0]) throw new Error(`no ${kind} account ${key}`);
  return rows[0].id;
}

export async function anyEnterpriseLogin(t: TestApp): Promise<string> {
  const rows = await t.platform.database.query<{ login: string }>(`select login from account where kind = 'enterprise' order by login limit 1`);
  return rows[0]!.login;
}

/** Sends in its own transaction, as a module's service would inside its work. */
export function sendNow(t: TestApp, input: NotifyInput): Promise<string> {
  return transaction(t.platform.db, (tx) => t.platform.notify.send(tx, input));
}

export interface DeliveryDbRow {
  channel: string;
  address_enc: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

export function deliveries(t: TestApp, notificationId: string): Promise<DeliveryDbRow[]> {
  return t.platform.database.query<DeliveryDbRow>(
    `select channel, address_enc, status, attempts, last_error, sent_at from notification_delivery where notification_id = $1 order by channel`,
    [notificationId],
  );
}

export async function deliverJobs(t: TestApp): Promise<{ status: string; attempts: number; last_error: string | null }[]> {
  return t.platform.database.query(`select status, attempts, last_error from job where name = 'notify.deliver' order by created_at`);
}
