import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { Button, ErrorSummary, Field, Form, Notice } from '../../../platform/views/components.js';
import type { FieldError } from '../../../platform/http/errors.js';

export interface SignInProps {
  errors: FieldError[];
  login: string;
  returnTo: string;
  /** A message that isn't about one field (wrong credentials, locked until …). */
  problem?: string;
}

/** One sign-in page for both listeners; the hint says which accounts belong on this side. */
export function SignInPage(ctx: ViewContext, p: SignInProps): string {
  const t = ctx.t;
  const side = ctx.side === 'internal' ? 'internal' : 'public';
  return Layout({
    ctx,
    title: t('identity:signIn.title'),
    children: [
      p.problem ? Notice({ ctx, kind: 'error', text: p.problem }) : '',
      ErrorSummary({ ctx, errors: p.errors }),
      Form({
        ctx,
        action: `/sign-in?return=${encodeURIComponent(p.returnTo)}`,
        children: [
          Field({ ctx, name: 'login', label: t(`identity:signIn.login.${side}`), hint: t(`identity:signIn.loginHint.${side}`), value: p.login, autocomplete: 'username', required: true, error: p.errors.find((e) => e.field === 'login')?.message }),
          Field({ ctx, name: 'password', type: 'password', label: t('identity:fields.password'), autocomplete: 'current-password', required: true, error: p.errors.find((e) => e.field === 'password')?.message }),
          Button({ label: t('identity:signIn.submit') }),
        ].join(''),
      }),
      side === 'public'
        ? `<p><a href="/register">${t('identity:signIn.registerLink')}</a> · <a href="/register/enterprise">${t('identity:signIn.registerEnterpriseLink')}</a></p>`
        : `<p>${t('identity:signIn.internalNote')}</p>`,
    ].join(''),
  });
}
