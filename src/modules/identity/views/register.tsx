import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { Button, ErrorSummary, Field, Form } from '../../../platform/views/components.js';
import type { FieldError } from '../../../platform/http/errors.js';

const err = (errors: FieldError[], field: string) => {
  const e = errors.find((x) => x.field === field);
  return e ? { message: e.message, params: e.params } : undefined;
};

export function RegisterResidentPage(ctx: ViewContext, errors: FieldError[], v: Record<string, string>): string {
  const t = ctx.t;
  return Layout({
    ctx,
    title: t('identity:register.title'),
    breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('identity:register.title') }],
    children: [
      `<p>${t('identity:register.intro')}</p>`,
      ErrorSummary({ ctx, errors }),
      Form({
        ctx,
        action: '/register',
        children: [
          Field({ ctx, name: 'realName', label: t('identity:fields.realName'), value: v.realName, autocomplete: 'name', required: true, maxlength: 50, error: err(errors, 'realName') }),
          Field({ ctx, name: 'idNumber', label: t('identity:fields.idNumber'), hint: t('identity:register.idNumberHint'), value: v.idNumber, autocomplete: 'off', width: 20, required: true, maxlength: 18, error: err(errors, 'idNumber') }),
          Field({ ctx, name: 'phone', type: 'tel', label: t('identity:fields.phone'), hint: t('identity:register.phoneHint'), value: v.phone, autocomplete: 'tel', inputmode: 'tel', width: 20, required: true, error: err(errors, 'phone') }),
          Field({ ctx, name: 'password', type: 'password', label: t('identity:fields.newPassword'), hint: t('identity:register.passwordHint'), autocomplete: 'new-password', required: true, error: err(errors, 'password') }),
          Field({ ctx, name: 'passwordConfirm', type: 'password', label: t('identity:fields.passwordConfirm'), autocomplete: 'new-password', required: true, error: err(errors, 'passwordConfirm') }),
          Button({ label: t('identity:register.submit') }),
        ].join(''),
      }),
    ].join(''),
  });
}

export function RegisterEnterprisePage(ctx: ViewContext, errors: FieldError[], v: Record<string, string>): string {
  const t = ctx.t;
  return Layout({
    ctx,
    title: t('identity:registerEnterprise.title'),
    breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('identity:registerEnterprise.title') }],
    children: [
      `<p>${t('identity:registerEnterprise.intro')}</p>`,
      ErrorSummary({ ctx, errors }),
      Form({
        ctx,
        action: '/register/enterprise',
        children: [
          Field({ ctx, name: 'name', label: t('identity:fields.enterpriseName'), value: v.name, autocomplete: 'organization', required: true, maxlength: 100, error: err(errors, 'name') }),
          Field({ ctx, name: 'creditCode', label: t('identity:fields.creditCode'), hint: t('identity:registerEnterprise.creditCodeHint'), value: v.creditCode, width: 20, required: true, maxlength: 18, error: err(errors, 'creditCode') }),
          Field({ ctx, name: 'legalRepName', label: t('identity:fields.legalRepName'), value: v.legalRepName, required: true, maxlength: 50, error: err(errors, 'legalRepName') }),
          Field({ ctx, name: 'contactName', label: t('identity:fields.contactName'), value: v.contactName, required: true, maxlength: 50, error: err(errors, 'contactName') }),
          Field({ ctx, name: 'contactPhone', type: 'tel', label: t('identity:fields.contactPhone'), value: v.contactPhone, inputmode: 'tel', width: 20, required: true, error: err(errors, 'contactPhone') }),
          Field({ ctx, name: 'password', type: 'password', label: t('identity:fields.newPassword'), hint: t('identity:register.passwordHint'), autocomplete: 'new-password', required: true, error: err(errors, 'password') }),
          Field({ ctx, name: 'passwordConfirm', type: 'password', label: t('identity:fields.passwordConfirm'), autocomplete: 'new-password', required: true, error: err(errors, 'passwordConfirm') }),
          Button({ label: t('identity:registerEnterprise.submit') }),
        ].join(''),
      }),
    ].join(''),
  });
}
