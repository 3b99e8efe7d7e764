import type { Db } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { ItemContent } from './catalog.content.js';
import { checkBundleDefinition, combinedForm, splitAnswers, type BundleDefinition, type BundleMember, type MemberAnswers } from './catalog.bundles.js';
import * as repo from './catalog.repository.js';
import { checkFormDefinition } from './forms/form.definition.js';
import type { Answers, FormDefinition } from './forms/form.types.js';

export interface PublicBundle {
  bundle: repo.BundleRow;
  definition: BundleDefinition;
  /** Member items in order, each with the published version new cases are filed under. */
  members: { item: repo.ItemRow; versionId: string; content: ItemContent; form: FormDefinition }[];
  /** The one combined form, with its generated answer schema. */
  form: FormDefinition;
  /** True when every member item takes applications now. */
  open: boolean;
}

/** An active bundle with its members' published versions and the combined form. */
export async function getPublicBundle(db: Db, code: string): Promise<PublicBundle> {
  const bundle = await repo.bundleByCode(db, code);
  if (!bundle || !bundle.active) throw new NotFoundError('bundle');
  const definition = bundle.definition as BundleDefinition;
  const items = await repo.itemsByTaskCodes(db, definition.items);
  const members: PublicBundle['members'] = [];
  for (const taskCode of definition.items) {
    const item = items.find((i) => i.taskCode === taskCode);
    if (!item?.publishedVersionId || item.state === 'withdrawn') throw new NotFoundError('bundle');
    const v = (await repo.versionById(db, item.publishedVersionId))!;
    members.push({ item, versionId: v.id, content: v.content as ItemContent, form: v.form as FormDefinition });
  }
  const asMembers = toMembers(members);
  checkBundleDefinition(definition, asMembers);
  const combined = combinedForm(definition, asMembers);
  const materialIds = [...new Set([...members.flatMap((m) => m.content.materials.map((x) => x.id)), ...definition.sharedMaterials.map((s) => s.id)])];
  return { bundle, definition, members, form: checkFormDefinition(combined, materialIds), open: members.every((m) => m.item.state === 'active' && m.item.onlineDepth >= 3) };
}

function toMembers(members: PublicBundle['members']): BundleMember[] {
  return members.map((m) => ({
    taskCode: m.item.taskCode,
    name: { zh: m.content.task_name, en: m.content.task_name_en },
    form: m.form,
    materialIds: m.content.materials.map((x) => x.id),
  }));
}

/** The combined answers fanned out per member item (task code → that item's answers and shared materials). */
export function bundleAnswersByItem(b: PublicBundle, answers: Answers): Map<string, MemberAnswers> {
  return splitAnswers(b.definition, toMembers(b.members), answers);
}
