/**
 * The rating formula's settings (key `rating`): the three weights, the firing
 * cap and the grade cut-offs, each a whole number with its range in the hint.
 * A refusal keeps every value and names each field.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, ErrorSummary, Field, Form, Notice, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str } from '../../../platform/views/html.js';
import { RATING_FIELDS } from '../supervision.rating.js';
import { errorFor, namedErrors, ot, ratingCrumbs } from './orders-shared.js';

export interface RatingSettingsView {
  values: Record<string, string>;
  errors: FieldError[];
  saved: boolean;
}

export function RatingSettingsPage({ ctx, v }: { ctx: ViewContext; v: RatingSettingsView }): string {
  const title = ot(ctx, 'settings.title');
  const safeFields = RATING_FIELDS.map((name) =>
    Field({ ctx, name, type: 'number', label: ot(ctx, `fields.${name}`), hint: ot(ctx, `settings.hints.${name}`), value: v.values[name] ?? '', error: errorFor(v.errors, name), inputmode: 'numeric', required: true, width: 4 }),
  );
  return Layout({
    ctx,
    title,
    breadcrumbs: ratingCrumbs(ctx, { label: title }),
    children: [
      ErrorSummary({ ctx, errors: namedErrors(ctx, v.errors) }),
      v.saved ? Notice({ ctx, kind: 'success', text: ot(ctx, 'settings.saved') }) : '',
      str(<p class="lead-text">{escapeText(ot(ctx, 'settings.lead'))}</p>),
      str(
        <Form ctx={ctx} action="/supervision/ratings/settings">
          <fieldset class="fieldset">
            <legend class="field__label">{escapeText(ot(ctx, 'settings.weights'))}</legend>
            {safeFields.slice(0, 3).join('')}
          </fieldset>
          {safeFields[3] ?? ''}
          <fieldset class="fieldset">
            <legend class="field__label">{escapeText(ot(ctx, 'settings.cutoffs'))}</legend>
            {safeFields.slice(4).join('')}
          </fieldset>
          <ButtonGroup>
            <Button label={ot(ctx, 'settings.submit')} />
            <Button label={ot(ctx, 'new.cancel')} href="/supervision/ratings" variant="secondary" />
          </ButtonGroup>
        </Form>,
      ),
    ],
  });
}
