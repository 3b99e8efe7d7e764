import type { FieldDef, Label, FormDefinition, FormPage, Answers, FileAnswer } from './forms/form.types.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';

/**
 * A one-thing bundle's definition (一件事一次办): one form and one set of
 * materials for several items. Shared fields are asked once and copied into
 * each member item's form field named in `maps`; shared materials are
 * uploaded once and stand for each member item's material named in `maps`.
 * Item fields and materials not mapped are asked per item, under the item's name.
 */
export interface BundleDefinition {
  /** Member items by task code, in the order the combined form shows them. */
  items: string[];
  sharedFields: SharedField[];
  sharedMaterials: SharedMaterial[];
  /** The results the bundle yields together (multi-certificate integration), for the guide. */
  results: Label[];
}

export interface SharedField {
  field: FieldDef;
  /** task code → that item's form field key. */
  maps: Record<string, string>;
}

export interface SharedMaterial {
  id: string;
  name: Label;
  required: boolean;
  /** task code → that item's material id. */
  maps: Record<string, string>;
}

/** A member item as the combiner needs it: its task code, name, form and material ids. */
export interface BundleMember {
  taskCode: string;
  name: Label;
  form: FormDefinition;
  materialIds: string[];
}

/** Checks that every mapping of a bundle points at a member item and at a field or material that item has. */
export function checkBundleDefinition(def: BundleDefinition, members: BundleMember[]): void {
  const errors: FieldError[] = [];
  const byCode = new Map(members.map((m) => [m.taskCode, m]));
  def.items.forEach((code, i) => {
    if (!byCode.has(code)) errors.push({ field: `items.${i}`, message: 'catalog:errors.bundleItemUnknown', params: { code } });
  });
  const fieldKeys = (m: BundleMember) => new Set(m.form.pages.flatMap((p) => p.fields.map((f) => f.key)));
  const sharedKeys = new Set<string>();
  def.sharedFields.forEach((s, i) => {
    if (sharedKeys.has(s.field.key)) errors.push({ field: `sharedFields.${i}.field.key`, message: 'catalog:errors.bundleDuplicate', params: { key: s.field.key } });
    sharedKeys.add(s.field.key);
    for (const [code, key] of Object.entries(s.maps)) {
      const m = byCode.get(code);
      if (!m || !def.items.includes(code) || !fieldKeys(m).has(key)) errors.push({ field: `sharedFields.${i}.maps.${code}`, message: 'catalog:errors.bundleMapping', params: { code, key } });
    }
  });
  def.sharedMaterials.forEach((s, i) => {
    for (const [code, id] of Object.entries(s.maps)) {
      const m = byCode.get(code);
      if (!m || !def.items.includes(code) || !m.materialIds.includes(id)) errors.push({ field: `sharedMaterials.${i}.maps.${code}`, message: 'catalog:errors.bundleMapping', params: { code, key: id } });
    }
  });
  if (errors.length) throw new ValidationError(errors);
}

/** The answer key of an item's own (not shared) field inside the combined form. */
export const memberKey = (memberIndex: number, key: string) => `i${memberIndex}_${key}`;

/** The file fields standing for shared materials in the combined form. */
export const sharedMaterialKey = (id: string) => `shared_${id}`;

/**
 * The one combined form (一表申请): a first page with the shared fields and
 * shared material uploads, then each member item's remaining pages, with
 * their fields renamed `i<n>_<key>` and titled with the item's name. Fields
 * and materials already covered by a shared one are left out; conditions and
 * stops are renamed with their fields.
 */
export function combinedForm(def: BundleDefinition, members: BundleMember[]): Omit<FormDefinition, 'schema'> {
  const ordered = def.items.map((code) => members.find((m) => m.taskCode === code)!).filter(Boolean);
  const sharedPage: FormPage = {
    id: 'shared',
    title: { zh: '共用信息', en: 'Shared information' },
    fields: [
      ...def.sharedFields.map((s) => s.field),
      ...def.sharedMaterials.map((s) => ({ key: sharedMaterialKey(s.id), type: 'file' as const, label: s.name, required: s.required, materialId: s.id })),
    ],
  };
  const pages: FormPage[] = [sharedPage];
  const stops: FormDefinition['stops'] = [];
  ordered.forEach((m, i) => {
    const mappedFields = new Set(def.sharedFields.map((s) => s.maps[m.taskCode]).filter(Boolean));
    const mappedMaterials = new Set(def.sharedMaterials.map((s) => s.maps[m.taskCode]).filter(Boolean));
    const sharedOf = (key: string) => def.sharedFields.find((s) => s.maps[m.taskCode] === key)?.field.key;
    const rename = (key: string) => sharedOf(key) ?? memberKey(i, key);
    for (const p of m.form.pages) {
      const fields = p.fields
        .filter((f) => !mappedFields.has(f.key) && !(f.type === 'file' && f.materialId && mappedMaterials.has(f.materialId)))
        .map((f) => ({ ...f, key: memberKey(i, f.key), showIf: f.showIf ? { ...f.showIf, field: rename(f.showIf.field) } : undefined }));
      if (fields.length) pages.push({ id: `i${i}_${p.id}`, title: { zh: `${m.name.zh}：${p.title.zh}`, en: `${m.name.en ?? m.name.zh}: ${p.title.en ?? p.title.zh}` }, fields });
    }
    for (const s of m.form.stops) stops.push({ ...s, when: { ...s.when, field: rename(s.when.field) } });
  });
  return { version: 1, pages, stops };
}

/** One member item's share of a bundle application. */
export interface MemberAnswers {
  /** The answers to the item's own form (shared fields under the item's keys; a shared upload in the item's file field for that material, if it has one). */
  answers: Answers;
  /** Every shared material uploaded once, by the item's own material id, whether or not its form has a file field for it. */
  materials: Record<string, FileAnswer>;
}

/**
 * Fans the combined answers out into each member item's share (一表申请 →
 * one case per department): shared fields copied under each item's own key,
 * shared material files under each item's material id (and its file field).
 */
export function splitAnswers(def: BundleDefinition, members: BundleMember[], answers: Answers): Map<string, MemberAnswers> {
  const out = new Map<string, MemberAnswers>();
  def.items.forEach((code, i) => {
    const m = members.find((x) => x.taskCode === code);
    if (!m) return;
    const mine: Answers = {};
    const materials: Record<string, FileAnswer> = {};
    const prefix = memberKey(i, '');
    for (const [k, v] of Object.entries(answers)) if (k.startsWith(prefix)) mine[k.slice(prefix.length)] = v;
    for (const s of def.sharedFields) {
      const target = s.maps[code];
      if (target && answers[s.field.key] !== undefined) mine[target] = answers[s.field.key]!;
    }
    for (const s of def.sharedMaterials) {
      const materialId = s.maps[code];
      const value = answers[sharedMaterialKey(s.id)];
      if (!materialId || !isFileAnswer(value)) continue;
      materials[materialId] = value;
      const field = m.form.pages.flatMap((p) => p.fields).find((f) => f.type === 'file' && f.materialId === materialId);
      if (field) mine[field.key] = value;
    }
    out.set(code, { answers: mine, materials });
  });
  return out;
}

const isFileAnswer = (v: unknown): v is FileAnswer => !!v && typeof v === 'object' && typeof (v as FileAnswer).fileId === 'string';
