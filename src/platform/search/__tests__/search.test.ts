import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../../test/template.js';
import { highlight, indexDocument, removeDocument, search, type SearchDocument } from '../search.js';

const doc = (over: Partial<SearchDocument>): SearchDocument => ({
  kind: 'probe',
  id: 'x',
  lang: 'zh-CN',
  title: '',
  body: '',
  url: '/x',
  visibility: 'public',
  date: new Date('2026-11-01T00:00:00Z'),
  ...over,
});

describe('platform/search', () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
    const db = t.database.db;
    await indexDocument(db, doc({ id: 'pension', title: '城乡居民基本养老保险参保登记', body: '年满16周岁的城乡居民可以参加基本养老保险。', orgCode: '001005', facets: ['audience:individual'] }));
    await indexDocument(db, doc({ id: 'licence', title: '个体工商户设立登记', body: '领取个体工商户营业执照。', orgCode: '001013', facets: ['audience:enterprise'] }));
    await indexDocument(db, doc({ id: 'secret', title: '内部养老数据核对规程', body: '仅供工作人员。', visibility: 'internal', orgCode: '001005' }));
    await indexDocument(db, doc({ id: 'pension', lang: 'en', title: 'Basic pension enrolment', body: 'Residents aged 16 and over.' }));
    await indexDocument(db, doc({ id: 'percent', title: '百分之百%办结', body: '下划线_和百分号%不是通配符' }));
  });
  after(() => t.close());

  test('Chinese words find documents through jieba tokens, best title match first', async () => {
    const r = await search(t.database.db, { text: '养老', lang: 'zh-CN', viewer: 'public' });
    assert.deepEqual(
      r.hits.map((h) => h.id),
      ['pension'],
    );
    const lic = await search(t.database.db, { text: '营业执照', lang: 'zh-CN', viewer: 'public' });
    assert.deepEqual(
      lic.hits.map((h) => h.id),
      ['licence'],
    );
  });

  test('the public never sees internal documents; staff do', async () => {
    const pub = await search(t.database.db, { text: '养老', lang: 'zh-CN', viewer: 'public' });
    assert.ok(!pub.hits.some((h) => h.id === 'secret'));
    const staff = await search(t.database.db, { text: '养老', lang: 'zh-CN', viewer: 'staff' });
    assert.deepEqual(staff.hits.map((h) => h.id).sort(), ['pension', 'secret']);
  });

  test('a phrase of three or more characters matches by trigram even where jieba splits it differently', async () => {
    const r = await search(t.database.db, { text: '工商户营', lang: 'zh-CN', viewer: 'public' });
    assert.deepEqual(
      r.hits.map((h) => h.id),
      ['licence'],
    );
  });

  test('matches are highlighted as segments; LIKE wildcards in the query are literal', async () => {
    const r = await search(t.database.db, { text: '养老保险', lang: 'zh-CN', viewer: 'public' });
    const marked = r.hits[0]!.titleSegments.filter((s) => s.hit).map((s) => s.text);
    assert.deepEqual(marked, ['养老保险']);
    assert.ok(r.hits[0]!.snippet.some((s) => s.hit && s.text.includes('养老')));
    const none = await search(t.database.db, { text: '%%%_', lang: 'zh-CN', viewer: 'public' });
    assert.equal(none.total, 0);
    const pct = await search(t.database.db, { text: '百分号%', lang: 'zh-CN', viewer: 'public' });
    assert.deepEqual(
      pct.hits.map((h) => h.id),
      ['percent'],
    );
  });

  test('filters by organisation prefix, facet and language; removal takes every language out', async () => {
    const db = t.database.db;
    assert.equal((await search(db, { text: '登记', lang: 'zh-CN', viewer: 'public', orgCodePrefix: '001013' })).hits[0]?.id, 'licence');
    assert.deepEqual((await search(db, { text: '登记', lang: 'zh-CN', viewer: 'public', facets: ['audience:individual'] })).hits.map((h) => h.id), ['pension']);
    assert.deepEqual((await search(db, { text: 'pension', lang: 'en', viewer: 'public' })).hits.map((h) => h.id), ['pension']);
    await removeDocument(db, 'probe', 'pension');
    assert.equal((await search(db, { text: 'pension', lang: 'en', viewer: 'public' })).total, 0);
    assert.equal((await search(db, { text: '养老', lang: 'zh-CN', viewer: 'public' })).total, 0);
  });

  test('highlight marks every occurrence, longest needle first, without losing text', () => {
    const segs = highlight('<b>养老</b>保险与养老', ['养老', '养老保险']);
    assert.equal(segs.map((s) => s.text).join(''), '<b>养老</b>保险与养老');
    assert.deepEqual(
      segs.filter((s) => s.hit).map((s) => s.text),
      ['养老', '养老'],
    );
  });

  test('an empty or punctuation-only query finds nothing without touching the database', async () => {
    assert.equal((await search(t.database.db, { text: '  ，。！ ', lang: 'zh-CN', viewer: 'public' })).total, 0);
  });
});
