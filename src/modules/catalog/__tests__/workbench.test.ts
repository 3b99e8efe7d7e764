/**
 * The workbench's versions, through HTTP on the internal listener: an editor creates an
 * item and edits its draft, only the department head publishes, a published version stays
 * fixed while the next draft is edited, two heads publishing at once, and another
 * department's head is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { getPublicItem, getVersion } from '../catalog.service.js';
import { sampleContent } from './helpers.js';
import { contentFields, draftIdOn, post, summaryItems, tokenOf, type Jar, getAs, seedCounty, signIn } from './workbench-helpers.js';

const CODE = '000123456000WB0001';
const V1 = '工作台测试许可';
const V1_REVISED = '工作台测试许可（修订）';
const V2 = '工作台测试许可（第二版）';

describe(`workbench: items and versions (${dbKind})`, () => {
  let t: TestApp;
  const jars: Record<string, Jar> = {};
  let itemId = '';
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(sql, params);
  const versions = () => q<{ version_no: number; status: string; name: string; id: string }>(`select version_no, status, content->>'task_name' as name, id from service_item_version where item_id = $1 order by version_no`, [itemId]);
  const draftPage = async (jar: Jar) => (await getAs(t.internalApp, jar, `/catalog/${itemId}/draft`)).body;

  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
    for (const login of ['editor.approval', 'head', 'head.police', 'admin']) jars[login] = await signIn(t.internalApp, login);
  });
  after(() => t.close());

  test('an editor creates an item: errors name their fields and nothing is stored until it is right', async () => {
    const editor = jars['editor.approval']!;
    const form = await getAs(t.internalApp, editor, '/catalog/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /行政审批服务局/, "the editor's own department is preselected");

    const withoutBasis = contentFields(sampleContent({ task_name: V1 }));
    delete withoutBasis.by_law;
    const missing = await post(t.internalApp, editor, '/catalog/new', '/catalog/new', { ...withoutBasis, task_code: CODE });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(summaryItems(missing.body), ['#by_law 设定依据：必须填写。']);
    assert.match(missing.body, /<textarea[^>]+id="by_law"[^>]+aria-invalid="true"/, 'the link goes to the input, marked invalid');
    assert.match(missing.body, new RegExp(`value="${V1}"`), 'what was entered is shown again');

    const tooLong = await post(t.internalApp, editor, '/catalog/new', '/catalog/new', { ...contentFields(sampleContent({ task_name: V1, promise_day: 30 })), task_code: CODE });
    assert.equal(tooLong.statusCode, 422);
    assert.deepEqual(summaryItems(tooLong.body), ['#promise_day 承诺时限：承诺时限不能超过法定时限（20）。']);

    const badRow = contentFields(sampleContent({ task_name: V1 }));
    badRow['materials.1.name'] = '';
    badRow['materials.1.note'] = '只填了说明';
    badRow['materials.1.format'] = 'either';
    badRow['materials.1.source'] = 'applicant';
    const row = await post(t.internalApp, editor, '/catalog/new', '/catalog/new', { ...badRow, task_code: 'ABC' });
    assert.equal(row.statusCode, 422);
    assert.deepEqual(summaryItems(row.body).sort(), ['#materials-1-name 申请材料第 2 项 · 材料名称：必须填写。', '#task_code 实施编码：实施编码应为 12 到 36 位大写字母或数字。'].sort());
    assert.equal((await q(`select 1 from service_item where task_code = $1`, [CODE])).length, 0, 'nothing was stored');

    const ok = await post(t.internalApp, editor, '/catalog/new', '/catalog/new', { ...contentFields(sampleContent({ task_name: V1 })), task_code: CODE.toLowerCase(), orgCode: '001003' });
    assert.equal(ok.statusCode, 303);
    itemId = /^\/catalog\/([0-9a-f-]{36})\?done=created$/.exec(String(ok.headers.location))?.[1] ?? '';
    assert.ok(itemId, `redirected to the item: ${String(ok.headers.location)}`);
    const [item] = await q<{ task_code: string; org_code: string; state: string }>(`select task_code, org_code, state from service_item where id = $1`, [itemId]);
    assert.deepEqual(item, { task_code: CODE, org_code: '001015', state: 'draft' }, "an editor's item belongs to their own department, whatever was posted");
    assert.deepEqual(
      (await versions()).map((v) => [v.version_no, v.status, v.name]),
      [[1, 'draft', V1]],
    );
    const overview = await getAs(t.internalApp, editor, `/catalog/${itemId}?done=created`);
    assert.match(overview.body, /事项已创建/);
    assert.match(overview.body, /未发布/);
  });

  test('the editor edits the draft but cannot publish (403); the department head publishes', async () => {
    const editor = jars['editor.approval']!;
    const page = await draftPage(editor);
    const fields = contentFields(sampleContent({ task_name: V1_REVISED, faqs: [{ question: '可以代办吗？', answer: '可以，需提供授权委托书。' }] }));
    const saved = await post(t.internalApp, editor, `/catalog/${itemId}/draft`, `/catalog/${itemId}/draft`, { ...fields, draftId: draftIdOn(page) });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/catalog/${itemId}/draft?done=saved`);
    const [stored] = await q<{ content: { task_name: string; faqs: unknown[] } }>(`select content from service_item_version where item_id = $1`, [itemId]);
    assert.equal(stored!.content.task_name, V1_REVISED);
    assert.deepEqual(stored!.content.faqs, [{ question: '可以代办吗？', answer: '可以，需提供授权委托书。' }]);

    const overview = await getAs(t.internalApp, editor, `/catalog/${itemId}`);
    assert.ok(!overview.body.includes(`action="/catalog/${itemId}/publish"`), 'the editor is not offered "publish"');
    assert.match(overview.body, /草稿由部门负责人发布/);
    const refused = await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/publish`, { draftId: draftIdOn(await draftPage(editor)) });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(
      (await versions()).map((v) => v.status),
      ['draft'],
    );
    const denial = await q<{ summary: { permission: string } }>(`select summary from audit_log where action = 'access.denied' and subject = $1`, [`service_item:${itemId}`]);
    assert.deepEqual(
      denial.map((d) => d.summary.permission),
      ['catalog.item.publish'],
    );

    const head = jars.head!;
    const headView = await getAs(t.internalApp, head, `/catalog/${itemId}`);
    assert.match(headView.body, new RegExp(`action="/catalog/${itemId}/publish"`));
    const published = await post(t.internalApp, head, `/catalog/${itemId}`, `/catalog/${itemId}/publish`, { draftId: draftIdOn(await draftPage(editor)) });
    assert.equal(published.statusCode, 303);
    assert.equal(published.headers.location, `/catalog/${itemId}?done=published`);
    const after = await getAs(t.internalApp, head, String(published.headers.location));
    assert.match(after.body, /草稿已发布/);
    assert.match(after.body, /运行中/);
    assert.match(after.body, /第 1 版，[^<]+由 局长 陈静 发布/);
    assert.match((await getAs(t.internalApp, head, `/catalog/${itemId}/versions/1`)).body, /审批局事项编辑 钱琳/, 'who saved the version');
    assert.equal((await getPublicItem(t.platform.db, CODE)).content.task_name, V1_REVISED);
  });

  test('a published version stays fixed while a new draft is edited', async () => {
    const head = jars.head!;
    const editor = jars['editor.approval']!;
    const opened = await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/draft/open`, {});
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `/catalog/${itemId}/draft?done=opened`);
    const page = await draftPage(editor);
    assert.match(page, new RegExp(`value="${V1_REVISED.replace(/[()（）]/g, '.')}"`), 'the new draft starts from the published content');
    const saved = await post(t.internalApp, editor, `/catalog/${itemId}/draft`, `/catalog/${itemId}/draft`, { ...contentFields(sampleContent({ task_name: V2 })), draftId: draftIdOn(page) });
    assert.equal(saved.statusCode, 303);

    const v1Id = (await versions())[0]!.id;
    const guide = await t.publicApp.inject({ method: 'GET', url: `/services/${CODE}` });
    assert.equal(guide.statusCode, 200);
    assert.ok(guide.body.includes(V1_REVISED) && !guide.body.includes(V2), 'the public guide still shows version 1');
    assert.ok(t.publicApp.pageCache.size > 0, 'the guide page is kept in the page cache for anonymous visitors');
    assert.equal((await getPublicItem(t.platform.db, CODE)).content.task_name, V1_REVISED);

    const published = await post(t.internalApp, head, `/catalog/${itemId}`, `/catalog/${itemId}/publish`, { draftId: draftIdOn(page) });
    assert.equal(published.statusCode, 303);
    const guide2 = await t.publicApp.inject({ method: 'GET', url: `/services/${CODE}` });
    assert.ok(guide2.body.includes(V2), 'the public guide shows version 2 once it is published');
    assert.equal((await getPublicItem(t.platform.db, CODE)).content.task_name, V2);
    const v1 = await getVersion(t.platform.db, v1Id);
    assert.equal(v1.content.task_name, V1_REVISED, 'version 1 keeps its content for the cases filed under it');
    assert.equal(v1.version.status, 'superseded');
    const v1Page = await getAs(t.internalApp, head, `/catalog/${itemId}/versions/1`);
    assert.equal(v1Page.statusCode, 200);
    assert.ok(v1Page.body.includes(V1_REVISED) && v1Page.body.includes('历史版本'));
  });

  test('two heads publish the same draft at once: one succeeds, the other is told clearly, nothing is lost', async () => {
    const editor = jars['editor.approval']!;
    await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/draft/open`, {});
    const page = await draftPage(editor);
    const draftId = draftIdOn(page);
    await post(t.internalApp, editor, `/catalog/${itemId}/draft`, `/catalog/${itemId}/draft`, { ...contentFields(sampleContent({ task_name: '第三版名称' })), draftId });

    const heads = [jars.head!, jars.admin!];
    const tokens = await Promise.all(heads.map((jar) => tokenOf(t.internalApp, jar, `/catalog/${itemId}`)));
    const results = await Promise.all(
      heads.map((jar, i) =>
        t.internalApp.inject({
          method: 'POST',
          url: `/catalog/${itemId}/publish`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
          payload: new URLSearchParams({ draftId, _csrf: tokens[i]! }).toString(),
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    assert.match(loser.body, /这份草稿已被别人发布或放弃/);
    assert.deepEqual(
      (await versions()).map((v) => [v.version_no, v.status]),
      [
        [1, 'superseded'],
        [2, 'superseded'],
        [3, 'published'],
      ],
    );
    const audits = await q<{ n: number }>(`select count(*)::int as n from audit_log where action = 'catalog.item.publish' and subject = $1 and summary->>'versionNo' = '3'`, [`service_item:${itemId}`]);
    assert.equal(audits[0]!.n, 1);

    // An editor still holding the published draft: the save is refused with the reason, and what was typed is shown again.
    const stale = await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/draft`, { ...contentFields(sampleContent({ task_name: '迟到的修改' })), draftId });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /这份草稿已被别人发布或放弃/);
    assert.match(stale.body, /value="迟到的修改"/);
    assert.equal((await versions()).find((v) => v.version_no === 3)!.name, '第三版名称');
  });

  test('a draft is discarded; the current version is unchanged', async () => {
    const editor = jars['editor.approval']!;
    assert.equal((await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/draft/open`, {})).statusCode, 303);
    assert.deepEqual((await versions()).map((v) => v.status), ['superseded', 'superseded', 'published', 'draft']);
    const discarded = await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/discard`, {});
    assert.equal(discarded.statusCode, 303);
    assert.equal(discarded.headers.location, `/catalog/${itemId}?done=discarded`);
    assert.deepEqual((await versions()).map((v) => v.status), ['superseded', 'superseded', 'published']);
    const page = await getAs(t.internalApp, editor, String(discarded.headers.location));
    assert.match(page.body, /草稿已放弃/);
    assert.match(page.body, new RegExp(`action="/catalog/${itemId}/draft/open"`), 'a new draft is offered');
    assert.equal((await getAs(t.internalApp, editor, `/catalog/${itemId}/draft`)).headers.location, `/catalog/${itemId}`, 'no draft to edit');
    assert.equal((await getPublicItem(t.platform.db, CODE)).content.task_name, '第三版名称');
  });

  test('the pages read in English too, with no untranslated keys', async () => {
    const editor = jars['editor.approval']!;
    await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/draft/open`, {});
    const en = (url: string) => t.internalApp.inject({ method: 'GET', url, headers: { cookie: `${editor.header()}; ow_lang=en` } });
    const expected: Record<string, RegExp> = {
      '/catalog': /Service items/,
      [`/catalog/${itemId}`]: /Current version/,
      [`/catalog/${itemId}/draft`]: /Save draft/,
      [`/catalog/${itemId}/versions/1`]: /Version 1/,
      '/catalog/new': /Create item/,
      '/catalog/bundles': /One-thing bundles/,
    };
    for (const [url, re] of Object.entries(expected)) {
      const res = await en(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, re, url);
      assert.doesNotMatch(res.body, /catalog:|>(?:admin|rows|draft|item|enums)\.[a-z]/, `${url} shows a translation key`);
    }
  });

  test('the bundles are listed with their member items', async () => {
    const bundles = await q<{ id: string; code: string; name_zh: string }>(`select id, code, name_zh from bundle order by code`);
    assert.ok(bundles.length > 0, 'the demo county has bundles');
    const list = await getAs(t.internalApp, jars['editor.approval']!, '/catalog/bundles');
    assert.equal(list.statusCode, 200);
    for (const b of bundles) assert.ok(list.body.includes(`href="/catalog/bundles/${encodeURIComponent(b.code)}"`) && list.body.includes(b.name_zh), b.code);
    for (const b of bundles.slice(0, 1)) {
      const members = await q<{ id: string; task_code: string }>(`select i.id, i.task_code from bundle_item bi join service_item i on i.id = bi.item_id where bi.bundle_id = $1`, [b.id]);
      const page = await getAs(t.internalApp, jars['editor.approval']!, `/catalog/bundles/${encodeURIComponent(b.code)}`);
      assert.equal(page.statusCode, 200);
      for (const m of members) assert.ok(page.body.includes(`href="/catalog/${m.id}"`) && page.body.includes(m.task_code), m.task_code);
    }
    assert.equal((await getAs(t.internalApp, jars['editor.approval']!, '/catalog/bundles/no-such-bundle')).statusCode, 404);
  });

  test("another department's head is refused (403, audited) and does not see the item in the list", async () => {
    const police = jars['head.police']!;
    for (const url of [`/catalog/${itemId}`, `/catalog/${itemId}/draft`, `/catalog/${itemId}/versions/1`, `/catalog/${itemId}/suspend`]) {
      const res = await getAs(t.internalApp, police, url);
      assert.equal(res.statusCode, 403, url);
      assert.ok(!res.body.includes(CODE), `${url} shows nothing of the item`);
    }
    const publish = await post(t.internalApp, police, '/catalog', `/catalog/${itemId}/suspend`, { notice: '公安局试图暂停这个事项。' });
    assert.equal(publish.statusCode, 403);
    const list = await getAs(t.internalApp, police, `/catalog?q=${CODE}`);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(`/catalog/${itemId}`), 'the text filter does not reach another department');
    assert.match(list.body, /没有符合筛选条件的事项/);
    const denials = await q<{ summary: { reason: string } }>(
      `select a.summary from audit_log a join account c on a.actor = 'staff:' || c.id where c.login = 'head.police' and a.action = 'access.denied' and a.subject = $1`,
      [`service_item:${itemId}`],
    );
    assert.ok(denials.length >= 5 && denials.every((d) => d.summary.reason === 'out_of_scope'), JSON.stringify(denials));

    const own = await getAs(t.internalApp, jars.head!, `/catalog?q=wb0001`);
    assert.match(own.body, new RegExp(`href="/catalog/${itemId}"`), 'the text filter finds the item by part of its code, in any case');
    assert.match(own.body, /第 3 版/);
    assert.match(own.body, /有草稿/);
  });
});
