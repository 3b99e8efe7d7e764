import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { Button, DataTable, ErrorSummary, Field, Form, Notice, SummaryList } from '../../../platform/views/components.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { formatDateTime } from '../../../platform/i18n/index.js';

export interface AccountView {
  kind: 'resident' | 'enterprise' | 'staff';
  rows: { key: string; value: string }[];
  /** Residents: the enterprises they act for. */
  actsFor?: { name: string; creditCode: string }[];
  /** Enterprises: the residents who act for them. */
  agents?: { residentId: string; name: string; maskedId: string; linkedAt: Date }[];
  agentErrors?: FieldError[];
  agentValues?: Record<string, string>;
  notice?: string;
}

export function AccountPage(ctx: ViewContext, v: AccountView): string {
  const t = ctx.t;
  const parts = [
    v.notice ? Notice({ ctx, kind: 'success', text: v.notice }) : '',
    SummaryList({ ctx, rows: v.rows }),
    `<p><a href="/account/password">${t('identity:account.changePassword')}</a></p>`,
  ];
  if (v.actsFor) {
    parts.push(`<h2>${t('identity:account.actsFor')}</h2>`);
    parts.push(
      v.actsFor.length
        ? DataTable({ ctx, caption: t('identity:account.actsFor'), captionHidden: true, rows: v.actsFor, columns: [{ header: t('identity:fields.enterpriseName'), value: (r) => r.name, rowHeader: true }, { header: t('identity:fields.creditCode'), value: (r) => r.creditCode }] })
        : `<p>${t('identity:account.actsForNone')}</p>`,
    );
  }
  if (v.agents) {
    const errors = v.agentErrors ?? [];
    parts.push(`<h2 id="agents">${t('identity:account.agents')}</h2><p>${t('identity:account.agentsIntro')}</p>`);
    parts.push(
      v.agents.length
        ? DataTable({
            ctx,
            caption: t('identity:account.agents'),
            captionHidden: true,
            rows: v.agents,
            columns: [
              { header: t('identity:fields.realName'), value: (r) => r.name, rowHeader: true },
              { header: t('identity:fields.idNumber'), value: (r) => r.maskedId },
              { header: t('identity:account.linkedAt'), value: (r) => formatDateTime(r.linkedAt, ctx.lang) },
              { header: t('identity:account.actions'), html: (r) => Form({ ctx, action: `/account/agents/${r.residentId}/remove`, children: Button({ label: t('identity:account.removeAgent'), variant: 'secondary' }) }) },
            ],
          })
        : `<p>${t('identity:account.agentsNone')}</p>`,
    );
    parts.push(`<h3>${t('identity:account.addAgent')}</h3>`);
    parts.push(ErrorSummary({ ctx, errors }));
    parts.push(
      Form({
        ctx,
        action: '/account/agents',
        children: [
          Field({ ctx, name: 'agentName', label: t('identity:fields.realName'), value: v.agentValues?.agentName, required: true, error: errors.find((e) => e.field === 'agentName') }),
          Field({ ctx, name: 'agentIdNumber', label: t('identity:fields.idNumber'), value: v.agentValues?.agentIdNumber, width: 20, required: true, error: errors.find((e) => e.field === 'agentIdNumber') }),
          Button({ label: t('identity:account.addAgentSubmit') }),
        ].join(''),
      }),
    );
  }
  parts.push(Form({ ctx, action: '/sign-out', children: Button({ label: t('identity:signOut'), variant: 'secondary' }) }));
  return Layout({ ctx, title: t('identity:account.title'), breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('identity:account.title') }], children: parts.join('') });
}

export function PasswordPage(ctx: ViewContext, errors: FieldError[]): string {
  const t = ctx.t;
  const err = (f: string) => errors.find((e) => e.field === f);
  return Layout({
    ctx,
    title: t('identity:password.title'),
    breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('identity:account.title'), href: '/account' }, { label: t('identity:password.title') }],
    children: [
      `<p>${t('identity:password.intro')}</p>`,
      ErrorSummary({ ctx, errors }),
      Form({
        ctx,
        action: '/account/password',
        children: [
          Field({ ctx, name: 'currentPassword', type: 'password', label: t('identity:fields.currentPassword'), autocomplete: 'current-password', required: true, error: err('currentPassword') }),
          Field({ ctx, name: 'newPassword', type: 'password', label: t('identity:fields.newPassword'), hint: t('identity:register.passwordHint'), autocomplete: 'new-password', required: true, error: err('newPassword') }),
          Field({ ctx, name: 'newPasswordConfirm', type: 'password', label: t('identity:fields.passwordConfirm'), autocomplete: 'new-password', required: true, error: err('newPasswordConfirm') }),
          Button({ label: t('identity:password.submit') }),
        ].join(''),
      }),
    ].join(''),
  });
}

