import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import * as repo from '../catalog.repository.js';
import { buildGuide } from './guide-fixtures.js';
import { get, seedIdentity } from './guide-helpers.js';

let t: TestApp;
let g: Awaited<ReturnType<typeof buildGuide>>;

interface Summary {
  taskCode: string;
  name: string;
  nameEn: string | null;
  department: { code: string; nameZh: string; nameEn: string };
  state: string;
  onlineDepth: number;
  visits: number;
  promiseDay: number;
  promiseType: string;
  acceptsOnline: boolean;
  url: string;
}

const json = async <T>(url: string, status = 200) => {
  const res = await get(t, url);
  assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
  assert.match(String(res.headers['content-type']), status < 400 ? /^application\/json/ : /^application\/problem\+json/);
  return res.json<T>();
};

describe('the catalog JSON API', () => {
  before(async () => {
    t = await createTestApp();
    await seedIdentity(t);
    g = await buildGuide(t);
    await repo.insertBundle(
      t.platform.db,
      {
        id: '0b7a4f5e-2f4b-4c55-9a0e-3d2c1b0a9f01',
        code: 'test-bundle',
        nameZh: '测试一件事',
        nameEn: 'Test bundle',
        descriptionZh: '两件事一次办。',
        descriptionEn: 'Two things at once.',
        orgCode: '001015',
        audience: 'individual',
        lifeEvent: 'retirement',
        definition: {
          items: [g.pension.taskCode, g.suspended.taskCode],
          sharedFields: [{ field: { key: 'name', type: 'text', label: { zh: '姓名', en: 'Name' }, required: true }, maps: { [g.pension.taskCode]: 'name' } }],
          sharedMaterials: [{ id: 'id_card', name: { zh: '居民身份证' }, required: true, maps: { [g.pension.taskCode]: 'm1' } }],
          results: [{ zh: '参保登记凭证', en: 'Enrolment record' }],
        },
      },
      [g.pension.item.id, g.suspended.item.id],
    );
  });
  after(() => t.close());

  test('GET /catalog/items lists the public items with the guide’s filters and paging', async () => {
    const all = await json<{ items: Summary[]; total: number; page: number; pageSize: number }>('/api/v1/catalog/items');
    assert.equal(all.total, 3, 'pension, business, suspended; not the withdrawn item or the draft');
    assert.deepEqual(all.items.map((i) => i.name).sort(), ['个体工商户设立登记', '临时救助金给付', '城乡居民基本养老保险参保登记'].sort());
    const pension = all.items.find((i) => i.taskCode === g.pension.taskCode)!;
    assert.deepEqual(
      { ...pension, department: pension.department.nameZh },
      {
        taskCode: g.pension.taskCode,
        name: '城乡居民基本养老保险参保登记',
        nameEn: 'Enrolment in the urban and rural residents’ basic pension',
        department: '人力资源和社会保障局',
        state: 'active',
        onlineDepth: 4,
        visits: 0,
        promiseDay: 1,
        promiseType: 'working_days',
        projectType: 'immediate',
        audiences: ['individual'],
        lifeEvents: ['retirement', 'social_security'],
        acceptsOnline: true,
        url: `/services/${g.pension.taskCode}`,
      },
    );
    assert.equal(all.items.find((i) => i.taskCode === g.suspended.taskCode)?.state, 'suspended');
    const enterprise = await json<{ items: Summary[] }>('/api/v1/catalog/items?audience=enterprise');
    assert.deepEqual(
      enterprise.items.map((i) => i.taskCode),
      [g.business.taskCode],
    );
    const township = await json<{ items: Summary[] }>('/api/v1/catalog/items?township=339901003&dept=001013');
    assert.deepEqual(
      township.items.map((i) => i.taskCode),
      [g.business.taskCode],
    );
    const paged = await json<{ items: Summary[]; total: number; page: number; pageSize: number }>('/api/v1/catalog/items?pageSize=2&page=2');
    assert.deepEqual({ n: paged.items.length, total: paged.total, page: paged.page, pageSize: paged.pageSize }, { n: 1, total: 3, page: 2, pageSize: 2 });
  });

  test('bad filters are refused with 422 problem+json naming the parameter', async () => {
    for (const q of ['audience=alien', 'event=holiday', 'dept=0010130010011', 'township=3399010030', 'page=0', 'pageSize=1000']) {
      const p = await json<{ status: number; code: string; errors: { field: string }[] }>(`/api/v1/catalog/items?${q}`, 422);
      assert.equal(p.code, 'validation_failed', q);
      assert.equal(p.errors[0]?.field, q.split('=')[0], q);
    }
  });

  test('a department or township code that cannot exist lists nothing', async () => {
    for (const q of ['dept=abc', 'township=1', 'dept=001%25', 'township=33990100x']) {
      const r = await json<{ items: Summary[]; total: number }>(`/api/v1/catalog/items?${q}`);
      assert.deepEqual({ n: r.items.length, total: r.total }, { n: 0, total: 0 }, q);
    }
  });

  test('GET /catalog/search finds items in Chinese with the matched runs marked, and refuses an empty query', async () => {
    const r = await json<{ query: string; total: number; items: (Summary & { titleSegments: { text: string; hit: boolean }[] })[] }>(`/api/v1/catalog/search?q=${encodeURIComponent('养老')}`);
    assert.equal(r.query, '养老');
    assert.equal(r.items[0]?.taskCode, g.pension.taskCode);
    assert.deepEqual(r.items[0]?.titleSegments, [
      { text: '城乡居民基本', hit: false },
      { text: '养老', hit: true },
      { text: '保险参保登记', hit: false },
    ]);
    const licence = await json<{ items: Summary[] }>(`/api/v1/catalog/search?q=${encodeURIComponent('营业执照')}`);
    assert.deepEqual(
      licence.items.map((i) => i.taskCode),
      [g.business.taskCode],
    );
    const en = await json<{ items: Summary[] }>('/api/v1/catalog/search?q=pension&lang=en');
    assert.equal(en.items[0]?.taskCode, g.pension.taskCode);
    await json('/api/v1/catalog/search', 422);
    await json('/api/v1/catalog/search?q=', 422);
    await json(`/api/v1/catalog/search?q=${'养'.repeat(101)}`, 422);
  });

  test('GET /catalog/items/:taskCode serves the published content, its files and a suspension notice', async () => {
    const item = await json<{ taskCode: string; state: string; versionNo: number; publishedAt: string; acceptsOnline: boolean; files: { id: string; url: string; mediaType: string }[]; content: { task_name: string; materials: { id: string; blank_form_file?: string }[]; by_law: string } }>(
      `/api/v1/catalog/items/${g.pension.taskCode}`,
    );
    assert.equal(item.content.task_name, '城乡居民基本养老保险参保登记');
    assert.equal(item.content.by_law, '《中华人民共和国社会保险法》第二十条、第二十二条');
    assert.deepEqual(
      item.content.materials.map((m) => m.id),
      ['m1', 'm2', 'm3'],
    );
    assert.equal(item.versionNo, 1);
    assert.ok(!Number.isNaN(Date.parse(item.publishedAt)));
    assert.equal(item.acceptsOnline, true);
    const blank = item.files.find((f) => f.id === g.files.blankForm)!;
    assert.equal(blank.url, `/services/${g.pension.taskCode}/files/${g.files.blankForm}`);
    assert.equal(blank.mediaType, 'application/pdf');
    assert.equal((await get(t, blank.url)).statusCode, 200, 'the file URL downloads');

    const suspended = await json<{ state: string; notice: string; acceptsOnline: boolean }>(`/api/v1/catalog/items/${g.suspended.taskCode}`);
    assert.deepEqual({ state: suspended.state, acceptsOnline: suspended.acceptsOnline }, { state: 'suspended', acceptsOnline: false });
    assert.match(suspended.notice, /暂停受理新的申请/);
  });

  test('withdrawn, unpublished and unknown items answer 404 problem+json', async () => {
    for (const code of [g.withdrawn.taskCode, g.draftCode, 'NOPE', '000000000000339901000000', g.pension.item.id]) {
      const p = await json<{ status: number; code: string; instance: string }>(`/api/v1/catalog/items/${encodeURIComponent(code)}`, 404);
      assert.deepEqual({ status: p.status, code: p.code }, { status: 404, code: 'not_found' }, code);
      await json(`/api/v1/catalog/items/${encodeURIComponent(code)}/form`, 404);
    }
  });

  test('GET /catalog/items/:taskCode/form serves the form definition of the published version', async () => {
    const f = await json<{ taskCode: string; versionNo: number; form: { version: number; pages: { id: string; fields: { key: string; type: string; prefill?: string }[] }[]; stops: unknown[] } }>(`/api/v1/catalog/items/${g.pension.taskCode}/form`);
    assert.equal(f.versionNo, 1);
    assert.equal(f.form.version, 1);
    assert.deepEqual(
      f.form.pages[0]?.fields.map((x) => [x.key, x.type, x.prefill]),
      [
        ['name', 'text', 'realName'],
        ['declare', 'declaration', undefined],
      ],
    );
  });

  test('GET /catalog/bundles and /catalog/bundles/:code', async () => {
    const list = await json<{ bundles: { code: string; name: string; itemCount: number; url: string }[] }>('/api/v1/catalog/bundles');
    assert.deepEqual(list.bundles, [{ ...list.bundles[0], code: 'test-bundle', name: '测试一件事', itemCount: 2, url: '/bundles/test-bundle' }]);
    const b = await json<{ items: Summary[]; sharedMaterials: { id: string; name: { zh: string } }[]; sharedFields: { field: { key: string }; maps: Record<string, string> }[]; results: { zh: string }[]; acceptsOnline: boolean }>('/api/v1/catalog/bundles/test-bundle');
    assert.deepEqual(
      b.items.map((i) => [i.taskCode, i.department.nameZh, i.state]),
      [
        [g.pension.taskCode, '人力资源和社会保障局', 'active'],
        [g.suspended.taskCode, '民政局', 'suspended'],
      ],
    );
    assert.deepEqual(b.sharedMaterials[0]?.name, { zh: '居民身份证' });
    assert.deepEqual(b.sharedFields[0]?.maps, { [g.pension.taskCode]: 'name' });
    assert.deepEqual(b.results, [{ zh: '参保登记凭证', en: 'Enrolment record' }]);
    assert.equal(b.acceptsOnline, false, 'a suspended member stops online applications for the bundle');
    const missing = await json<{ code: string }>('/api/v1/catalog/bundles/nope', 404);
    assert.equal(missing.code, 'not_found');
  });

  test('the OpenAPI document lists every catalog operation with its tag, summary and response schema', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string; responses?: Record<string, unknown> }>> }>('/api/openapi.json');
    for (const path of ['/api/v1/catalog/items', '/api/v1/catalog/search', '/api/v1/catalog/items/{taskCode}', '/api/v1/catalog/items/{taskCode}/form', '/api/v1/catalog/bundles', '/api/v1/catalog/bundles/{code}']) {
      const op = doc.paths[path]?.get;
      assert.ok(op, path);
      assert.deepEqual(op.tags, ['catalog'], path);
      assert.ok(op.summary, path);
      assert.ok(op.responses?.['200'], path);
    }
    assert.ok(doc.paths['/api/v1/catalog/items/{taskCode}']?.get?.responses?.['404'], '404 is documented');
    const reference = await get(t, '/api/docs');
    assert.equal(reference.statusCode, 200);
    assert.match(reference.body, /\/api\/v1\/catalog\/items\/\{taskCode\}\/form/);
    assert.match(reference.body, /A service item’s application form/);
  });
});
