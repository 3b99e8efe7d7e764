/**
 * Pieces shared by the form editor's pages: breadcrumbs, the small one-button
 * forms (move, remove) that carry the draft id, and error summaries whose
 * entries name the input they are about.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Form, type FieldError } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import type { Breadcrumb } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { ItemRow } from '../catalog.repository.js';
import { ft } from '../forms/views/form-fields.js';

export { ft };

export const itemTitle = (ctx: ViewContext, item: Pick<ItemRow, 'nameZh' | 'nameEn'>) => (ctx.lang === 'en' && item.nameEn ? item.nameEn : item.nameZh);

export const formBase = (item: Pick<ItemRow, 'id'>) => `/catalog/${item.id}/form`;

/** Workbench › Service items › the item › Application form › … */
export function editorCrumbs(ctx: ViewContext, item: Pick<ItemRow, 'id' | 'nameZh' | 'nameEn'>, ...more: Breadcrumb[]): Breadcrumb[] {
  return [
    { label: ctx.t('layout.workbench'), href: '/' },
    { label: ft(ctx, 'editor.itemsCrumb'), href: '/catalog' },
    { label: itemTitle(ctx, item), href: `/catalog/${item.id}` },
    ...(more.length ? [{ label: ft(ctx, 'editor.formCrumb'), href: formBase(item) }, ...more] : [{ label: ft(ctx, 'editor.formCrumb') }]),
  ];
}

/** A form with one button (move, remove …), carrying the CSRF token and the draft the page showed. */
export function ActionButton(p: { ctx: ViewContext; action: string; draftId: string; label: string; context?: string; name?: string; value?: string; variant?: 'secondary' | 'warning' | 'link' }): string {
  const safeButton = str(
    <button class={['button', `button--${p.variant ?? 'link'}`]} type="submit" name={p.name === undefined ? undefined : escapeStrict(p.name)} value={p.value === undefined ? undefined : escapeStrict(p.value)}>
      {escapeText(p.label)}
      {p.context ? <span class="visually-hidden"> {escapeText(p.context)}</span> : ''}
    </button>,
  );
  return Form({ ctx: p.ctx, action: p.action, class: 'form-inline', children: [str(<input type="hidden" name="draft" value={escapeStrict(p.draftId)} />), safeButton] });
}

export const safeDraftInput = (draftId: string) => str(<input type="hidden" name="draft" value={escapeStrict(draftId)} />);

/** Labels of the editor's own inputs, to name them in the error summary. */
const INPUT_LABELS: Record<string, string> = {
  type: 'editor.fieldType',
  key: 'editor.fieldKey',
  labelZh: 'editor.labelZh',
  labelEn: 'editor.labelEn',
  hintZh: 'editor.hintZh',
  hintEn: 'editor.hintEn',
  min: 'editor.min',
  max: 'editor.max',
  options: 'editor.options',
  showIfField: 'editor.showIfField',
  showIfValue: 'editor.showIfValue',
  prefill: 'editor.prefillLabel',
  materialId: 'editor.material',
  columns: 'editor.columns',
  textZh: 'editor.textZh',
  textEn: 'editor.textEn',
  titleZh: 'editor.pageTitleZh',
  titleEn: 'editor.pageTitleEn',
  stopField: 'editor.stopField',
  stopValue: 'editor.stopValue',
  messageZh: 'editor.stopMessageZh',
  messageEn: 'editor.stopMessageEn',
};

/**
 * Errors for the summary: an input's own message gets the input's name in
 * front ("选项：第 2 行应写成…"); the checker's messages already say where.
 */
export function namedErrors(ctx: ViewContext, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => {
    const key = INPUT_LABELS[e.field];
    if (!key || e.message.startsWith('catalog:forms.def.')) return e;
    // Both parts are t() output, already HTML-safe: interpolate them as they are.
    return { field: e.field, message: ft(ctx, 'editor.named', { field: ft(ctx, key), message: messageText(ctx, e.message, e.params), interpolation: { escapeValue: false } }) };
  });
}
