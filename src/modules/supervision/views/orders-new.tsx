/**
 * The form a supervisor issues an order with: the department, what it is
 * about (a case by its reference, a rule firing, or a pattern described in the
 * body), the title and body, and the reply limit in working days. A refusal
 * comes back with every value kept and every problem named.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, ErrorSummary, Field, Form, Radios, type FieldError, type SelectOption } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str } from '../../../platform/views/html.js';
import { ORDER_SUBJECTS } from '../supervision.orders.repository.js';
import { errorFor, namedErrors, orderCrumbs, ot } from './orders-shared.js';

export interface IssueFormView {
  values: Record<string, string>;
  errors: FieldError[];
  departments: SelectOption[];
  limits: { min: number; max: number; default: number };
}

export function IssueOrderPage({ ctx, v }: { ctx: ViewContext; v: IssueFormView }): string {
  const title = ot(ctx, 'new.title');
  const val = (name: string) => v.values[name] ?? '';
  const err = (name: string) => errorFor(v.errors, name);
  const subjects: SelectOption[] = ORDER_SUBJECTS.map((s) => ({ value: s, label: ot(ctx, `subject.${s}Choice`) }));
  const safeFields = [
    Field({ ctx, name: 'orgCode', type: 'select', label: ot(ctx, 'fields.orgCode'), options: v.departments, value: val('orgCode'), error: err('orgCode'), required: true }),
    Radios({ ctx, name: 'subjectKind', legend: ot(ctx, 'fields.subjectKind'), hint: ot(ctx, 'new.subjectHint'), options: subjects, value: val('subjectKind'), error: err('subjectKind'), required: true }),
    Field({ ctx, name: 'caseRef', label: ot(ctx, 'fields.caseRef'), hint: ot(ctx, 'new.caseRefHint'), value: val('caseRef'), error: err('caseRef'), maxlength: 40, width: 30 }),
    Field({ ctx, name: 'recordId', label: ot(ctx, 'fields.recordId'), hint: ot(ctx, 'new.recordIdHint'), value: val('recordId'), error: err('recordId'), maxlength: 36 }),
    Field({ ctx, name: 'title', label: ot(ctx, 'fields.title'), value: val('title'), error: err('title'), required: true, maxlength: 100 }),
    Field({ ctx, name: 'body', type: 'textarea', label: ot(ctx, 'fields.body'), hint: ot(ctx, 'new.bodyHint'), value: val('body'), error: err('body'), required: true, rows: 6, maxlength: 2000 }),
    Field({
      ctx,
      name: 'limitDays',
      type: 'number',
      label: ot(ctx, 'fields.limitDays'),
      hint: ot(ctx, 'new.limitHint', { min: v.limits.min, max: v.limits.max, n: v.limits.default }),
      value: val('limitDays') || String(v.limits.default),
      error: err('limitDays'),
      inputmode: 'numeric',
      min: v.limits.min,
      max: v.limits.max,
      width: 4,
    }),
  ];
  return Layout({
    ctx,
    title,
    breadcrumbs: orderCrumbs(ctx, { label: title }),
    children: [
      ErrorSummary({ ctx, errors: namedErrors(ctx, v.errors) }),
      str(<p class="lead-text">{escapeText(ot(ctx, 'new.lead'))}</p>),
      str(
        <Form ctx={ctx} action="/supervision/orders">
          {safeFields.join('')}
          <ButtonGroup>
            <Button label={ot(ctx, 'new.submit')} />
            <Button label={ot(ctx, 'new.cancel')} href="/supervision/orders" variant="secondary" />
          </ButtonGroup>
        </Form>,
      ),
    ],
  });
}
