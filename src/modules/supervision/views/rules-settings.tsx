/**
 * The rules' thresholds form (setting `rules`): which rules run, the idle
 * threshold, the minimum meaningful length of a reason and the stock phrases.
 * A refused value comes back with 422, the values entered and an error
 * summary whose every line names its field.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, Checkboxes, ErrorSummary, Field, Form, Notice, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText } from '../../../platform/views/html.js';
import { LIMITS, type RuleSettingsForm } from '../supervision.rules.settings.js';
import { RULES } from '../supervision.records.repository.js';
import { rt, ruleName } from './records-shared.js';

export interface RulesSettingsView {
  values: RuleSettingsForm;
  errors: FieldError[];
  saved: boolean;
}

const LABELS: Record<string, string> = { enabled: 'settings.enabled', idleDays: 'settings.idleDays', reasonMinLength: 'settings.reasonMinLength', boilerplatePhrases: 'settings.boilerplatePhrases' };

export function RulesSettingsPage({ ctx, v }: { ctx: ViewContext; v: RulesSettingsView }): string {
  const title = rt(ctx, 'settings.title');
  const err = (name: string) => {
    const e = v.errors.find((x) => x.field === name);
    return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
  };
  const summary = v.errors.map((e) => ({ field: e.field, message: rt(ctx, 'settings.named', { field: rt(ctx, LABELS[e.field] ?? 'settings.title'), message: ctx.t(e.message, e.params) }) }));
  return Layout({
    ctx,
    title,
    breadcrumbs: [
      { label: ctx.t('layout.workbench'), href: '/' },
      { label: rt(ctx, 'records.title'), href: '/supervision/records' },
      { label: title },
    ],
    children: [
      ErrorSummary({ ctx, errors: summary }),
      v.saved ? Notice({ ctx, kind: 'success', text: rt(ctx, 'settings.saved') }) : '',
      <p class="lead-text">{escapeText(rt(ctx, 'settings.lead'))}</p>,
      <p>{escapeText(rt(ctx, 'settings.limitsNote'))}</p>,
      <Form ctx={ctx} action="/supervision/settings/rules">
        {Checkboxes({ ctx, name: 'enabled', legend: rt(ctx, 'settings.enabled'), options: RULES.map((r) => ({ value: r, label: ruleName(ctx, r) })), checked: v.values.enabled, error: err('enabled') })}
        {Field({ ctx, name: 'idleDays', type: 'number', label: rt(ctx, 'settings.idleDays'), hint: rt(ctx, 'settings.idleDaysHint'), value: v.values.idleDays, required: true, inputmode: 'numeric', width: 4, min: LIMITS.idleDays.min, max: LIMITS.idleDays.max, error: err('idleDays') })}
        {Field({ ctx, name: 'reasonMinLength', type: 'number', label: rt(ctx, 'settings.reasonMinLength'), hint: rt(ctx, 'settings.reasonMinLengthHint'), value: v.values.reasonMinLength, required: true, inputmode: 'numeric', width: 4, min: LIMITS.reasonMinLength.min, max: LIMITS.reasonMinLength.max, error: err('reasonMinLength') })}
        {Field({ ctx, name: 'boilerplatePhrases', type: 'textarea', label: rt(ctx, 'settings.boilerplatePhrases'), hint: rt(ctx, 'settings.boilerplatePhrasesHint'), value: v.values.boilerplatePhrases, rows: 8, error: err('boilerplatePhrases') })}
        <Button label={rt(ctx, 'settings.save')} />
      </Form>,
    ],
  });
}
