/**
 * Staff accounts: the list (all, or one department's), and the create/edit form.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import type { FieldError } from '../../../platform/views/components.js';
import { Button, ButtonGroup, Checkboxes, DataTable, ErrorSummary, Field, Form, StatusTag } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { StaffListRow } from '../identity.repository.js';
import { NAME_MAX, type StaffFormOptions, type TreeNode } from '../identity.admin.service.js';
import { at, crumbs, errorFor, nameOf, roleName, roleNames } from './admin-shared.js';

function StaffTable({ ctx, rows, caption, canManage }: { ctx: ViewContext; rows: StaffListRow[]; caption: string; canManage: boolean }): string {
  return DataTable<StaffListRow>({
    ctx,
    caption,
    rows,
    empty: at(ctx, 'staff.empty'),
    columns: [
      {
        header: at(ctx, 'staff.login'),
        rowHeader: true,
        html: (r) => (canManage ? str(<a href={escapeStrict(`/admin/staff/${r.id}`)}>{escapeText(r.login)}</a>) : escapeText(r.login)),
      },
      { header: at(ctx, 'staff.displayName'), value: (r) => r.displayName },
      { header: at(ctx, 'staff.orgUnit'), value: (r) => `${nameOf(ctx, { nameZh: r.orgNameZh, nameEn: r.orgNameEn })} (${r.orgCode})` },
      { header: at(ctx, 'staff.region'), value: (r) => (r.regionNameZh ? nameOf(ctx, { nameZh: r.regionNameZh, nameEn: r.regionNameEn ?? r.regionNameZh }) : '—') },
      { header: at(ctx, 'staff.roles'), value: (r) => roleNames(ctx, r.roles) },
      {
        header: at(ctx, 'staff.status'),
        html: (r) => StatusTag({ label: at(ctx, r.active ? 'staff.activeYes' : 'staff.activeNo'), tone: r.active ? 'success' : 'neutral' }),
      },
    ],
  });
}

/** All staff the actor may see. */
export function StaffListPage({ ctx, rows, canManage, scopeNote }: { ctx: ViewContext; rows: StaffListRow[]; canManage: boolean; scopeNote: string }): string {
  const title = at(ctx, 'staff.title');
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      <p class="lead-text">{escapeText(scopeNote)}</p>,
      canManage ? (
        <ButtonGroup>
          <Button label={at(ctx, 'staff.new')} href="/admin/staff/new" />
        </ButtonGroup>
      ) : (
        ''
      ),
      <StaffTable ctx={ctx} rows={rows} caption={at(ctx, 'staff.caption', { n: rows.length })} canManage={canManage} />,
    ],
  });
}

/** One department's (or section's) staff. */
export function UnitStaffPage({ ctx, unit, rows, canManage }: { ctx: ViewContext; unit: TreeNode; rows: StaffListRow[]; canManage: boolean }): string {
  const title = at(ctx, 'org.staffTitle', { name: nameOf(ctx, unit) });
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: at(ctx, 'staff.title'), href: '/admin/staff' }, { label: title }),
    children: [
      <p class="lead-text">{escapeText(at(ctx, 'org.staffLead', { code: unit.code }))}</p>,
      <StaffTable ctx={ctx} rows={rows} caption={at(ctx, 'staff.caption', { n: rows.length })} canManage={canManage} />,
    ],
  });
}

export interface StaffFormValues {
  login?: string;
  displayName?: string;
  orgUnit?: string;
  region?: string;
  roles?: string[];
  active?: boolean;
}

export interface StaffFormProps {
  ctx: ViewContext;
  /** Undefined: create a new account. */
  accountId?: string;
  values: StaffFormValues;
  options: StaffFormOptions;
  errors: FieldError[];
}

export function StaffFormPage({ ctx, accountId, values, options, errors }: StaffFormProps): string {
  const create = accountId === undefined;
  const title = create ? at(ctx, 'staff.newTitle') : at(ctx, 'staff.editTitle', { login: values.login ?? '' });
  const unitOptions = options.orgUnits.map((u) => ({ value: u.id, label: `${u.code} ${nameOf(ctx, u)}` }));
  const regionOptions = options.regions.map((r) => ({ value: r.id, label: `${r.code} ${nameOf(ctx, r)}` }));
  const roleOptions = options.roles.map((r) => ({ value: r, label: roleName(ctx, r) }));
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: at(ctx, 'staff.title'), href: '/admin/staff' }, { label: title }),
    children: [
      <ErrorSummary ctx={ctx} errors={errors} />,
      <Form ctx={ctx} action={create ? '/admin/staff/new' : `/admin/staff/${accountId}`}>
        <Field
          ctx={ctx}
          name="login"
          label={at(ctx, 'staff.login')}
          hint={at(ctx, 'staff.loginHint')}
          value={values.login}
          error={errorFor(errors, 'login')}
          autocomplete="off"
          width={30}
          required
        />
        <Field
          ctx={ctx}
          name="displayName"
          label={at(ctx, 'staff.displayName')}
          hint={at(ctx, 'tree.nameHint', { max: NAME_MAX })}
          value={values.displayName}
          error={errorFor(errors, 'displayName')}
          required
        />
        <Field ctx={ctx} name="orgUnit" type="select" label={at(ctx, 'staff.orgUnit')} options={unitOptions} value={values.orgUnit} error={errorFor(errors, 'orgUnit')} required />
        <Field
          ctx={ctx}
          name="region"
          type="select"
          label={at(ctx, 'staff.region')}
          hint={at(ctx, 'staff.regionHint')}
          options={regionOptions}
          value={values.region}
          error={errorFor(errors, 'region')}
        />
        <Checkboxes
          ctx={ctx}
          name="roles"
          legend={at(ctx, 'staff.roles')}
          hint={at(ctx, 'staff.rolesHint')}
          options={roleOptions}
          checked={values.roles ?? []}
          error={errorFor(errors, 'roles')}
        />
        {create ? (
          <Field
            ctx={ctx}
            name="password"
            type="password"
            label={at(ctx, 'staff.password')}
            hint={at(ctx, 'staff.passwordHint')}
            error={errorFor(errors, 'password')}
            autocomplete="new-password"
            required
          />
        ) : (
          <Checkboxes
            ctx={ctx}
            name="active"
            legend={at(ctx, 'staff.status')}
            hint={at(ctx, 'staff.activeHint')}
            options={[{ value: 'on', label: at(ctx, 'staff.activeYes') }]}
            checked={values.active ? ['on'] : []}
            error={errorFor(errors, 'active')}
          />
        )}
        <ButtonGroup>
          <Button label={at(ctx, create ? 'staff.create' : 'staff.save')} />
          <Button label={at(ctx, 'cancel')} href="/admin/staff" variant="secondary" />
        </ButtonGroup>
      </Form>,
    ],
  });
}
