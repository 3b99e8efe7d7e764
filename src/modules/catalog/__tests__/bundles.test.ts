import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedCounty } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { getPublicBundle, bundleAnswersByItem } from '../catalog.bundles.service.js';
import { checkBundleDefinition, combinedForm, memberKey, sharedMaterialKey, type BundleDefinition } from '../catalog.bundles.js';
import { validateAnswers, visibleFields } from '../forms/form.engine.js';
import type { Answers } from '../forms/form.types.js';

describe(`one-thing bundles: one form fanned out per item (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
  });
  after(() => t.close());

  test('the combined form asks each shared field once, leaves out the fields it covers, and names item fields per item', async () => {
    const b = await getPublicBundle(t.platform.db, 'open-business');
    assert.equal(b.members.length, b.definition.items.length);
    const keys = b.form.pages.flatMap((p) => p.fields.map((f) => f.key));
    assert.equal(new Set(keys).size, keys.length, 'no key twice');
    assert.equal(keys.filter((k) => k === 'enterprise_name').length, 1);
    assert.equal(b.form.pages[0]!.id, 'shared');
    for (const [i, m] of b.members.entries()) {
      const mapped = new Set(b.definition.sharedFields.map((s) => s.maps[m.item.taskCode]).filter(Boolean));
      for (const f of m.form.pages.flatMap((p) => p.fields)) {
        if (mapped.has(f.key)) assert.ok(!keys.includes(memberKey(i, f.key)), `${f.key} of ${m.item.taskCode} is asked once, as a shared field`);
      }
    }
    for (const s of b.definition.sharedMaterials) assert.ok(keys.includes(sharedMaterialKey(s.id)));
    assert.ok(b.form.schema && typeof b.form.schema === 'object', 'the combined form has its generated answer schema');
  });

  test('answers to the shared fields reach every member item under its own field key; a shared upload reaches each mapped material', async () => {
    const b = await getPublicBundle(t.platform.db, 'open-business');
    const file = { fileId: '00000000-0000-4000-8000-000000000001', name: '身份证.pdf' };
    const answers: Answers = { enterprise_name: '青山县晨光商贸有限公司', legal_rep_name: '张三', [sharedMaterialKey('legal_rep_id_card')]: file };
    const perItem = bundleAnswersByItem(b, answers);
    assert.deepEqual([...perItem.keys()], b.definition.items);
    for (const code of b.definition.items) {
      const target = b.definition.sharedFields.find((s) => s.field.key === 'enterprise_name')!.maps[code];
      if (target) assert.equal(perItem.get(code)!.answers[target], '青山县晨光商贸有限公司', `${code}.${target}`);
    }
    const idCard = b.definition.sharedMaterials.find((s) => s.id === 'legal_rep_id_card')!;
    for (const [code, materialId] of Object.entries(idCard.maps)) {
      assert.deepEqual(perItem.get(code)!.materials[materialId], file, `${code} gets the upload as its material ${materialId}`);
      const member = b.members.find((m) => m.item.taskCode === code)!;
      const fileField = member.form.pages.flatMap((p) => p.fields).find((f) => f.type === 'file' && f.materialId === materialId);
      if (fileField) assert.deepEqual(perItem.get(code)!.answers[fileField.key], file, `and in its file field ${fileField.key}`);
    }
  });

  test('an item-only answer goes to its own item and to no other', async () => {
    const b = await getPublicBundle(t.platform.db, 'baby-birth');
    const i = 1;
    const own = b.form.pages.flatMap((p) => p.fields).find((f) => f.key.startsWith(`i${i}_`))!;
    const perItem = bundleAnswersByItem(b, { [own.key]: '某值' });
    const code = b.definition.items[i]!;
    assert.equal(perItem.get(code)!.answers[own.key.slice(`i${i}_`.length)], '某值');
    for (const other of b.definition.items.filter((c) => c !== code)) assert.deepEqual(perItem.get(other), { answers: {}, materials: {} });
  });

  test('the combined form validates with messages that name the field, like any item form', async () => {
    const b = await getPublicBundle(t.platform.db, 'open-business');
    const errors = validateAnswers(b.form, { registered_capital: '-5' }, { pageId: 'shared' });
    assert.ok(errors.some((e) => e.field === 'enterprise_name'), JSON.stringify(errors));
    assert.ok(errors.some((e) => e.field === 'registered_capital'), JSON.stringify(errors));
    assert.ok(visibleFields(b.form, {}).length > 0);
  });

  test('a definition whose mapping points at a field or material the item does not have is refused by path', () => {
    const def: BundleDefinition = {
      items: ['A000000000001'],
      sharedFields: [{ field: { key: 'name', type: 'text', label: { zh: '名称' }, required: true }, maps: { A000000000001: 'nope' } }],
      sharedMaterials: [{ id: 'idc', name: { zh: '身份证' }, required: true, maps: { A000000000001: 'm9' } }],
      results: [],
    };
    const members = [{ taskCode: 'A000000000001', name: { zh: '甲' }, form: { version: 1 as const, pages: [{ id: 'p', title: { zh: 'p' }, fields: [{ key: 'name', type: 'text' as const, label: { zh: '名' }, required: true }] }], stops: [], schema: {} }, materialIds: ['m1'] }];
    assert.throws(
      () => checkBundleDefinition(def, members),
      (e: unknown) => e instanceof ValidationError && e.fields.map((f) => f.field).join() === 'sharedFields.0.maps.A000000000001,sharedMaterials.0.maps.A000000000001',
    );
    const combined = combinedForm({ ...def, sharedFields: [], sharedMaterials: [] }, members);
    assert.deepEqual(combined.pages.map((p) => p.fields.map((f) => f.key)), [[], ['i0_name']]);
  });
});
