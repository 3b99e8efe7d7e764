/**
 * The real composition with FILES_STORE=s3 against a fake S3 server: an upload over HTTP lands
 * in the bucket and downloads byte for byte, the demo county's guide files are served from the
 * bucket, a failing store leaves nothing half-written, and a backup carries the blobs into
 * another bucket behind a restored database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleRegistration } from '../../module.js';
import { createTestApp, openForm, postMultipart, type TestApp } from '../../../../test/app.js';
import { seedCounty } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { contentDisposition, readStoredFile, storeFile } from '../files.js';
import { S3BlobStore } from '../s3-store.js';
import { isUpload } from '../../http/uploads.js';
import { ValidationError } from '../../http/errors.js';
import { backupTo, restoreFrom } from '../../backup/backup.js';
import { FAKE_KEY_ID, FAKE_SECRET, startFakeS3, type FakeS3 } from './s3-fake.js';

const REGION = 'cn-north-1';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n% 营业执照申请书\ntrailer <<>>\n%%EOF\n');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A fixture module with one upload form and one download route, as a module would build them. */
const probe: ModuleRegistration = {
  name: 's3probe',
  publicRoutes: (app, s) => {
    app.get('/s3-probe', async (_req, reply) => reply.html(`<form method="post" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${reply.generateCsrf()}"></form>`));
    app.post<{ Body: Record<string, unknown> }>('/s3-probe', async (request, reply) => {
      const file = request.body.doc;
      if (!isUpload(file) || file.empty) return reply.code(422).send({ field: 'doc' });
      try {
        const stored = await storeFile(s.db, s.files, { bytes: file.data, name: file.filename, createdBy: 'test', allow: ['pdf'], maxBytes: s.config.fileMaxBytes, field: 'doc' });
        return reply.send({ id: stored.id, sha256: stored.sha256 });
      } catch (e) {
        if (e instanceof ValidationError) return reply.code(422).send(e.fields);
        throw e;
      }
    });
    app.get<{ Params: { id: string } }>('/s3-probe/:id', async (request, reply) => {
      const file = await readStoredFile(s.db, s.files, request.params.id);
      if (!file) return reply.code(404).send({ missing: true });
      return reply.header('content-type', file.meta.mediaType).header('content-disposition', contentDisposition(file.meta.name)).send(file.bytes);
    });
  },
};

const s3Env = (endpoint: string, bucket: string) => ({
  FILES_STORE: 's3',
  S3_ENDPOINT: endpoint,
  S3_REGION: REGION,
  S3_BUCKET: bucket,
  S3_PREFIX: 'county',
  S3_ACCESS_KEY_ID: FAKE_KEY_ID,
  S3_SECRET_ACCESS_KEY: FAKE_SECRET,
  S3_FORCE_PATH_STYLE: 'true',
});

describe(`FILES_STORE=s3 through the app (${dbKind})`, () => {
  let fake: FakeS3;
  let t: TestApp;
  let uploadedId = '';
  const dir = mkdtempSync(join(tmpdir(), 'ow-s3-backup-'));
  const upload = async (app: TestApp, content: Buffer, filename: string) => {
    const { jar, token } = await openForm(app.publicApp, '/s3-probe');
    return postMultipart(app.publicApp, '/s3-probe', jar, { _csrf: token }, { doc: { filename, content, contentType: 'application/pdf' } });
  };
  const fileRows = async (app: TestApp) => Number((await app.platform.database.query<{ n: string }>('select count(*) as n from stored_file'))[0]!.n);
  /** A blank form of a published service item, as the public guide links it. */
  const guideFile = async (app: TestApp) =>
    (
      await app.platform.database.query<{ task_code: string; file_id: string }>(
        `select i.task_code, m->>'blank_form_file' as file_id from service_item i join service_item_version v on v.id = i.published_version_id,
           jsonb_array_elements(v.content->'materials') m where m ? 'blank_form_file' order by i.task_code limit 1`,
      )
    )[0]!;

  before(async () => {
    fake = await startFakeS3({ buckets: ['ow-files', 'ow-restored'], region: REGION });
    t = await createTestApp({ modules: [probe], env: s3Env(fake.endpoint, 'ow-files') });
  });
  after(async () => {
    await t.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an upload over HTTP is stored in the bucket by SHA-256 and downloads byte for byte', async () => {
    assert.ok(t.platform.files instanceof S3BlobStore);
    const res = await upload(t, PDF, '申请书.pdf');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ id: string; sha256: string }>();
    uploadedId = body.id;
    const h = sha(PDF);
    assert.equal(body.sha256, h);
    assert.deepEqual(fake.objects.get(`ow-files/county/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`), PDF);
    assert.equal(existsSync(join(t.dataDir, 'files')), false, 'nothing on the local disk');

    const download = await t.publicApp.inject({ method: 'GET', url: `/s3-probe/${body.id}` });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /filename\*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6\.pdf/);
    assert.deepEqual(download.rawPayload, PDF);

    // The same file again: a second record, one object.
    const again = await upload(t, PDF, '另一个名字.pdf');
    assert.equal(again.statusCode, 200);
    assert.notEqual(again.json<{ id: string }>().id, body.id);
    assert.equal(fake.keys('ow-files').filter((k) => k.endsWith(h)).length, 1);
  });

  test('when the store keeps failing, the upload is a 5xx page with no internals and no file record is written', async () => {
    const before = await fileRows(t);
    fake.fail(500, 3);
    const other = Buffer.concat([PDF, Buffer.from('% another\n')]);
    const res = await upload(t, other, 'x.pdf');
    assert.equal(res.statusCode, 500);
    for (const secret of [FAKE_SECRET, 'ow-files', 'county/', 'BlobStoreError', 'InternalError']) assert.ok(!res.body.includes(secret), secret);
    assert.equal(await fileRows(t), before);
    assert.equal(fake.keys('ow-files').some((k) => k.endsWith(sha(other))), false);
  });

  test("the demo county's guide files are stored in the bucket and served from it to the public", async () => {
    await seedCounty(t);
    const f = await guideFile(t);
    const [meta] = await t.platform.database.query<{ sha256: string }>('select sha256 from stored_file where id = $1', [f.file_id]);
    const inBucket = fake.objects.get(`ow-files/${(t.platform.files as S3BlobStore).keyOf(meta!.sha256)}`);
    assert.ok(inBucket, 'the seeded blank form is in the bucket');
    const download = await t.publicApp.inject({ method: 'GET', url: `/services/${f.task_code}/files/${f.file_id}` });
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, inBucket);
  });

  test('a backup carries the blobs; restored behind another bucket, the files download the same', async () => {
    const file = join(dir, 'county.owb.gz');
    const header = await backupTo(t.platform.db, file, dbKind, () => {}, t.platform.files);
    const [distinct] = await t.platform.database.query<{ n: string }>('select count(distinct sha256) as n from stored_file');
    assert.equal(header.blobs, Number(distinct!.n));
    assert.ok((header.blobs ?? 0) >= 2);

    const restored = await createTestApp({ modules: [probe], env: s3Env(fake.endpoint, 'ow-restored') });
    try {
      assert.deepEqual(fake.keys('ow-restored'), []);
      await restoreFrom(restored.platform.db, file, { force: true, blobs: restored.platform.files });
      assert.deepEqual(fake.keys('ow-restored'), fake.keys('ow-files'));
      const download = await restored.publicApp.inject({ method: 'GET', url: `/s3-probe/${uploadedId}` });
      assert.equal(download.statusCode, 200);
      assert.deepEqual(download.rawPayload, PDF);
      const f = await guideFile(restored);
      const guide = await restored.publicApp.inject({ method: 'GET', url: `/services/${f.task_code}/files/${f.file_id}` });
      assert.equal(guide.statusCode, 200);
      assert.deepEqual(guide.rawPayload, (await t.publicApp.inject({ method: 'GET', url: `/services/${f.task_code}/files/${f.file_id}` })).rawPayload);
    } finally {
      await restored.close();
    }
  });
});
