/**
 * Applying online through HTTP (issue 6, "Applicants"): a resident fills an
 * item's form page by page over a server-side draft, uploads a material,
 * checks, declares and submits, and finds the case in "My cases"; drafts
 * resume; a refused file keeps the draft; another person's case or draft is
 * a 404; an enterprise's application is the enterprise's.
 */
import { answersOf } from '../hall.answers.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { CASE_SUBJECT } from '../hall.case.js';
import { getPublicItem } from '../hall.deps.js';
import * as repo from '../hall.repository.js';
import {
  COMPANY,
  get,
  LI_MEI,
  location,
  LVYUAN,
  pageFields,
  pdf,
  PERMIT,
  post,
  refOf,
  seedForHall,
  signInPublic,
  startApplication,
  submitFromCheck,
  text,
  walkToCheck,
  WANG,
  ZHANG_SAN,
} from './apply-flow.helpers.js';

describe(`applying online, page by page over a server-side draft (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { FILE_MAX_BYTES: '65536' } });
    await seedForHall(t);
  });
  after(() => t.close());

  const app = () => t.publicApp;
  const permitForm = async () => (await getPublicItem(t.platform.db, PERMIT)).form;

  test('applying needs a signed-in person: the sign-in page comes back to the application', async () => {
    const res = await app().inject({ method: 'GET', url: `/apply/${PERMIT}` });
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), `/sign-in?return=${encodeURIComponent(`/apply/${PERMIT}`)}`);
  });

  test('a resident applies end to end: prefilled pages, an upload with its page count, check, declaration, reference number, My cases', async () => {
    const jar = await signInPublic(t, ZHANG_SAN);
    const draft = await startApplication(app(), jar, `/apply/${PERMIT}`);
    const first = await get(app(), jar, draft);
    assert.equal(location(first), `${draft}/page/p1`);
    const p1 = await get(app(), jar, `${draft}/page/p1`);
    assert.equal(p1.statusCode, 200);
    assert.match(p1.body, /name="applicant_name"[^>]*value="张三"/, "the applicant's name is prefilled from his profile");
    assert.match(p1.body, /name="applicant_phone"[^>]*value="13800010001"/);

    const def = await permitForm();
    const p1Fields = await pageFields(def, 'p1');
    const toP2 = await post(app(), jar, `${draft}/page/p1`, `${draft}/page/p1`, p1Fields.fields);
    assert.equal(toP2.statusCode, 303);
    assert.equal(location(toP2), `${draft}/page/p2`);
    const p2 = await get(app(), jar, `${draft}/page/p2`);
    assert.match(p2.body, /enctype="multipart\/form-data"/, 'a page with a file field posts multipart');
    const p2Fields = await pageFields(def, 'p2', 3);
    const toCheck = await post(app(), jar, `${draft}/page/p2`, `${draft}/page/p2`, p2Fields.fields, p2Fields.files);
    assert.equal(toCheck.statusCode, 303);
    assert.equal(location(toCheck), `${draft}/check`);

    const check = await get(app(), jar, `${draft}/check`);
    assert.equal(check.statusCode, 200);
    assert.ok(text(check.body).includes('file_residence.pdf（3 页）'), "the PDF's page count is shown");
    assert.ok(check.body.includes(`href="${draft}/page/p1#applicant_name"`), 'each answer has a change link to its page');

    const undeclared = await post(app(), jar, `${draft}/check`, `${draft}/check`, {});
    assert.equal(undeclared.statusCode, 422);
    assert.ok(undeclared.body.includes('error-summary') && text(undeclared.body).includes('请勾选“我确认以上内容并提交”后再提交'));

    const confirmation = await submitFromCheck(app(), jar, draft);
    const ref = refOf(confirmation);
    const page = await get(app(), jar, confirmation);
    assert.equal(page.statusCode, 200);
    const shown = text(page.body);
    assert.ok(shown.includes(ref), 'the confirmation shows the reference number');
    const row = (await repo.caseByRef(t.platform.db, ref))!;
    assert.equal(row.state, 'submitted');
    const clocks = await t.platform.clocks.forSubject(t.platform.db, { subjectKind: CASE_SUBJECT, subjectId: row.id });
    const acceptance = clocks.find((c) => c.kind === 'acceptance');
    assert.ok(acceptance, 'the acceptance clock runs from submission');
    assert.equal(acceptance.limitValue, 5);
    assert.equal(acceptance.limitUnit, 'working_days');
    const due = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(acceptance.dueAt);
    assert.ok(shown.includes(due), `the confirmation says by when (${due})`);

    const materials = await repo.materialsOf(t.platform.db, row.id);
    assert.deepEqual(
      materials.map((m) => [m.materialId, m.pages]).sort(),
      [
        ['m3', 3],
        ['m4', 3],
      ],
      'each material is filed under the item material with its page count',
    );

    const list = await get(app(), jar, '/my/cases');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`href="/my/cases/${ref}"`), 'My cases lists the case by its reference');
    assert.ok(text(list.body).includes('已提交，待预审'));
    const casePage = await get(app(), jar, `/my/cases/${ref}`);
    assert.equal(casePage.statusCode, 200);
    assert.ok(text(casePage.body).includes('前决定是否受理'), 'the case page shows the acceptance due date');
    const copy = await get(app(), jar, `/my/cases/${ref}/submission.pdf`);
    assert.equal(copy.statusCode, 200);
    assert.equal(copy.headers['content-type'], 'application/pdf');
    assert.ok(copy.rawPayload.subarray(0, 5).toString() === '%PDF-');
    // The draft is gone: its URL no longer answers.
    assert.equal((await get(app(), jar, `${draft}/check`)).statusCode, 404);
  });

  test('a draft is kept on the server: leaving and coming back resumes at the page reached; My cases lists it; it can be deleted', async () => {
    const jar = await signInPublic(t, WANG);
    const draft = await startApplication(app(), jar, `/apply/${PERMIT}`);
    const def = await permitForm();
    const { fields } = await pageFields(def, 'p1');
    const res = await post(app(), jar, `${draft}/page/p1`, `${draft}/page/p1`, { ...fields, hukou_address: '浙江省温州市鹿城区五马街 9 号' });
    assert.equal(res.statusCode, 303);

    const again = await signInPublic(t, WANG); // a new browser, later
    assert.equal(await startApplication(app(), again, `/apply/${PERMIT}`), draft, 'the same draft is resumed');
    assert.equal(location(await get(app(), again, draft)), `${draft}/page/p2`, 'at the page reached');
    const p1 = await get(app(), again, `${draft}/page/p1`);
    assert.ok(p1.body.includes('浙江省温州市鹿城区五马街 9 号'), 'with the answers given');
    const list = await get(app(), again, '/my/cases');
    assert.ok(list.body.includes(`href="${draft}"`), 'My cases links back to the draft');

    const discard = await post(app(), again, `${draft}/discard`, `${draft}/discard`, {});
    assert.equal(discard.statusCode, 303);
    assert.equal((await get(app(), again, `${draft}/page/p1`)).statusCode, 404);
  });

  test('a refused upload names the field and the file, and keeps every other answer of the draft', async () => {
    const jar = await signInPublic(t, LI_MEI);
    const draft = await startApplication(app(), jar, `/apply/${PERMIT}`);
    const def = await permitForm();
    await post(app(), jar, `${draft}/page/p1`, `${draft}/page/p1`, (await pageFields(def, 'p1')).fields);
    const { fields } = await pageFields(def, 'p2');
    const id = draft.split('/').pop()!;

    const exe = await post(app(), jar, `${draft}/page/p2`, `${draft}/page/p2`, fields, { file_residence: { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00 not a document'), contentType: 'application/pdf' } });
    assert.equal(exe.statusCode, 422);
    const said = text(exe.body);
    assert.ok(exe.body.includes('error-summary') && said.includes('“居住证明”：文件“setup.exe”的类型不符合要求'), said.slice(0, 400));
    let row = (await repo.caseById(t.platform.db, id))!;
    assert.equal((answersOf(t.platform.cipher, row) as Record<string, unknown>).hukou_address, '测试', "page 1's answers are kept");
    assert.equal((answersOf(t.platform.cipher, row) as Record<string, unknown>).basis, fields.basis, "this page's other answers are kept");
    assert.equal((answersOf(t.platform.cipher, row) as Record<string, unknown>).file_residence, undefined);

    const good = await post(app(), jar, `${draft}/page/p2`, `${draft}/page/p2`, fields, { file_residence: { filename: '租赁合同.pdf', content: await pdf(2), contentType: 'application/pdf' } });
    assert.equal(good.statusCode, 303);
    const empty = await post(app(), jar, `${draft}/page/p2`, `${draft}/page/p2`, fields, { file_residence: { filename: 'blank.pdf', content: Buffer.alloc(0), contentType: 'application/pdf' } });
    assert.equal(empty.statusCode, 422);
    assert.ok(text(empty.body).includes('文件“blank.pdf”是空的'));
    const big = await post(app(), jar, `${draft}/page/p2`, `${draft}/page/p2`, fields, { file_residence: { filename: 'scan.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70000, 0x20)]), contentType: 'application/pdf' } });
    assert.equal(big.statusCode, 422);
    assert.ok(text(big.body).includes('文件“scan.pdf”太大'));
    row = (await repo.caseById(t.platform.db, id))!;
    assert.equal((answersOf(t.platform.cipher, row) as Record<string, { name?: string }>).file_residence?.name, '租赁合同.pdf', 'the file chosen before stays when a new one is refused');
    assert.ok(text(big.body).includes('租赁合同.pdf（2 页）'), 'and the page says so');
  });

  test("another person's case number and draft id answer 404, never the case", async () => {
    const owner = await signInPublic(t, ZHANG_SAN);
    const draft = await startApplication(app(), owner, `/apply/${PERMIT}`);
    await walkToCheck(app(), owner, draft, await permitForm());
    const ref = refOf(await submitFromCheck(app(), owner, draft));
    const secondDraft = await startApplication(app(), owner, `/apply/${PERMIT}`);

    const other = await signInPublic(t, WANG);
    for (const url of [`/my/cases/${ref}`, `/my/cases/${ref}/confirmation`, `/my/cases/${ref}/withdraw`, `/my/cases/${ref}/submission.pdf`, `/my/cases/${ref}/correct/check`, secondDraft, `${secondDraft}/page/p1`, `${secondDraft}/check`, `${secondDraft}/discard`]) {
      const res = await get(app(), other, url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes('居住证申领') && !res.body.includes('张三'), `${url} shows nothing of the case`);
    }
    const post404 = await post(app(), other, '/my/cases', `/my/cases/${ref}/withdraw`, { reason: '不是我的' });
    assert.equal(post404.statusCode, 404);
    const postDraft = await post(app(), other, '/my/cases', `${secondDraft}/page/p1`, { applicant_name: '冒名' });
    assert.equal(postDraft.statusCode, 404);
    assert.equal((await repo.caseByRef(t.platform.db, ref))!.state, 'submitted');
    assert.equal((await get(app(), other, '/my/cases/20990101-000001')).statusCode, 404);
    assert.equal((await get(app(), other, '/apply/drafts/not-a-uuid/check')).statusCode, 404);
  });

  test('a resident linked to enterprises chooses whom he applies as; the enterprise account sees the case; an unlinked resident does not', async () => {
    const jar = await signInPublic(t, ZHANG_SAN);
    const choose = await get(app(), jar, `/apply/${COMPANY}`);
    assert.equal(choose.statusCode, 200);
    const shown = text(choose.body);
    assert.ok(shown.includes('以本人名义（张三）') && shown.includes('青山县绿源茶叶有限公司') && shown.includes('青山县便民物业服务有限公司'));
    const refused = await post(app(), jar, `/apply/${COMPANY}`, `/apply/${COMPANY}`, { as: '00000000-0000-4000-8000-000000000000' });
    assert.equal(refused.statusCode, 422);
    const firm = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>[^<]*绿源茶叶/.exec(choose.body)?.[1];
    assert.ok(firm, 'the enterprise is offered by its account id');

    const draft = await startApplication(app(), jar, `/apply/${COMPANY}`, firm);
    const p1 = await get(app(), jar, `${draft}/page/p1`);
    assert.ok(text(p1.body).includes('以“青山县绿源茶叶有限公司”的名义申请'));
    const def = (await getPublicItem(t.platform.db, COMPANY)).form;
    await walkToCheck(app(), jar, draft, def);
    const ref = refOf(await submitFromCheck(app(), jar, draft));
    const row = (await repo.caseByRef(t.platform.db, ref))!;
    assert.equal(row.applicantKind, 'enterprise');
    assert.equal(row.applicantName, '青山县绿源茶叶有限公司');
    assert.ok((await get(app(), jar, '/my/cases')).body.includes(`/my/cases/${ref}`), 'the resident who filed it sees it');

    const enterprise = await signInPublic(t, LVYUAN);
    const list = await get(app(), enterprise, '/my/cases');
    assert.ok(list.body.includes(`/my/cases/${ref}`), "it is in the enterprise's list");
    assert.equal((await get(app(), enterprise, `/my/cases/${ref}`)).statusCode, 200);
    const liMei = await signInPublic(t, LI_MEI);
    assert.equal((await get(app(), liMei, `/my/cases/${ref}`)).statusCode, 404);
  });

  test('withdrawing before the decision: the reason is required, the case ends and every clock stops', async () => {
    const jar = await signInPublic(t, ZHANG_SAN);
    const draft = await startApplication(app(), jar, `/apply/${PERMIT}`);
    await walkToCheck(app(), jar, draft, await permitForm());
    const ref = refOf(await submitFromCheck(app(), jar, draft));
    const casePage = await get(app(), jar, `/my/cases/${ref}`);
    assert.ok(casePage.body.includes(`href="/my/cases/${ref}/withdraw"`));
    const empty = await post(app(), jar, `/my/cases/${ref}/withdraw`, `/my/cases/${ref}/withdraw`, { reason: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('error-summary'));
    const done = await post(app(), jar, `/my/cases/${ref}/withdraw`, `/my/cases/${ref}/withdraw`, { reason: '已在窗口办理' });
    assert.equal(done.statusCode, 303);
    const row = (await repo.caseByRef(t.platform.db, ref))!;
    assert.equal(row.state, 'withdrawn');
    const clocks = await t.platform.clocks.forSubject(t.platform.db, { subjectKind: CASE_SUBJECT, subjectId: row.id });
    assert.ok(clocks.length > 0 && clocks.every((c) => c.stoppedAt), 'its clocks are stopped');
    const after = text((await get(app(), jar, location(done))).body);
    assert.ok(after.includes('申请已撤回') && after.includes('已在窗口办理'), 'the case page shows it and the reason');
    assert.equal(location(await get(app(), jar, `/my/cases/${ref}/withdraw`)), `/my/cases/${ref}`, 'no second withdrawal');
    const twice = await post(app(), jar, `/my/cases/${ref}`, `/my/cases/${ref}/withdraw`, { reason: '再撤一次' });
    assert.equal(twice.statusCode, 409);
  });
});
