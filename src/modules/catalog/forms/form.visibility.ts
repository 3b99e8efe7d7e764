/**
 * Which fields are visible under a set of answers. A field with `showIf` is
 * visible when the field it names is visible and its answer equals the value
 * (or, for a multichoice, includes it); conditions point back to earlier
 * fields, so one pass in form order settles it.
 */
import type { Answers, Condition, FieldDef, FormDefinition, FormPage, Label } from './form.types.js';

/** The label in the page's language (English falls back to Chinese). */
export const labelText = (label: Label | undefined, lang: string): string => (label ? (lang === 'en' && label.en ? label.en : label.zh) : '');

export function allFields(def: FormDefinition): { page: FormPage; field: FieldDef }[] {
  return def.pages.flatMap((page) => page.fields.map((field) => ({ page, field })));
}

export function pageOf(def: FormDefinition, key: string): FormPage | undefined {
  return def.pages.find((p) => p.fields.some((f) => f.key === key));
}

export function conditionHolds(cond: Condition, answers: Answers): boolean {
  const a = answers[cond.field];
  return Array.isArray(a) ? (a as unknown[]).includes(cond.equals) : a === cond.equals;
}

/** Keys of the fields visible under these answers (conditions point back to earlier fields, so one pass in order settles it). */
export function visibleKeys(def: FormDefinition, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const { field } of allFields(def)) {
    if (!field.showIf || (visible.has(field.showIf.field) && conditionHolds(field.showIf, answers))) visible.add(field.key);
  }
  return visible;
}

/** Only the answers of visible fields, and no keys the form does not know. */
export function dropHidden(def: FormDefinition, answers: Answers): Answers {
  const keys = visibleKeys(def, answers);
  return Object.fromEntries(Object.entries(answers).filter(([k]) => keys.has(k)));
}

