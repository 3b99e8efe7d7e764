import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ModuleRegistration } from '../../module.js';
import { createTestApp, openForm, postMultipart, type TestApp } from '../../../../test/app.js';
import { contentDisposition, readStoredFile, sniff, storeFile, cleanFileName } from '../files.js';
import { isUpload } from '../../http/uploads.js';
import { ValidationError } from '../../http/errors.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00this is not a pdf');

/** A fixture module with one upload form, as a module would build one. */
const uploadModule: ModuleRegistration = {
  name: 'uploadprobe',
  publicRoutes: (app, s) => {
    app.get('/upload-probe', async (_req, reply) => reply.html(`<form method="post" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${reply.generateCsrf()}"></form>`));
    app.post<{ Body: Record<string, unknown> }>('/upload-probe', async (request, reply) => {
      const file = request.body.doc;
      if (!isUpload(file) || file.empty) return reply.code(422).send({ field: 'doc', message: 'missing' });
      try {
        const stored = await storeFile(s.db, s.files, { bytes: file.data, name: file.filename, createdBy: 'test', allow: ['pdf', 'png'], maxBytes: s.config.fileMaxBytes, field: 'doc' });
        return reply.send({ id: stored.id, note: request.body.note, name: stored.name, mediaType: stored.mediaType });
      } catch (e) {
        if (e instanceof ValidationError) return reply.code(422).send(e.fields);
        throw e;
      }
    });
  },
};

describe('platform/files', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: [uploadModule], env: { FILE_MAX_BYTES: '2048' } });
  });
  after(() => t.close());

  test('the type comes from the bytes, never the name', () => {
    assert.equal(sniff(PDF), 'pdf');
    assert.equal(sniff(PNG), 'png');
    assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
    assert.equal(sniff(EXE), undefined);
    assert.equal(sniff(Buffer.from('<script>alert(1)</script>')), undefined);
  });

  test('a multipart upload is stored by SHA-256 with its name as metadata only', async () => {
    const { jar, token } = await openForm(t.publicApp, '/upload-probe');
    const res = await postMultipart(t.publicApp, '/upload-probe', jar, { _csrf: token, note: '说明' }, { doc: { filename: '../../etc/passwd 申请书.pdf', content: PDF, contentType: 'text/plain' } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ id: string; note: string; name: string; mediaType: string }>();
    assert.equal(body.note, '说明');
    assert.equal(body.mediaType, 'application/pdf', 'the declared text/plain is ignored');
    assert.equal(body.name, 'passwd 申请书.pdf', 'path parts are dropped from the display name');
    const sha = createHash('sha256').update(PDF).digest('hex');
    assert.ok(existsSync(join(t.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)));
    const read = await readStoredFile(t.platform.db, t.platform.files, body.id);
    assert.deepEqual(read?.bytes, PDF);
    // Nothing was written anywhere the name pointed at.
    assert.deepEqual(readdirSync(join(t.dataDir, 'files')).filter((d) => !/^[0-9a-f]{2}$/.test(d)), []);
  });

  test('a file of the wrong type or over the size limit is refused by field, and nothing is stored', async () => {
    const { jar, token } = await openForm(t.publicApp, '/upload-probe');
    const wrong = await postMultipart(t.publicApp, '/upload-probe', jar, { _csrf: token }, { doc: { filename: 'report.pdf', content: EXE, contentType: 'application/pdf' } });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(wrong.json<{ field: string; message: string }[]>().map((e) => [e.field, e.message]), [['doc', 'errors.fileType']]);
    const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
    const tooBig = await postMultipart(t.publicApp, '/upload-probe', jar, { _csrf: token }, { doc: { filename: 'big.pdf', content: big } });
    assert.equal(tooBig.statusCode, 422);
    assert.deepEqual(tooBig.json<{ field: string; message: string }[]>().map((e) => [e.field, e.message]), [['doc', 'errors.fileTooLarge']]);
    const rows = await t.platform.database.query<{ n: string }>(`select count(*) as n from stored_file where name in ('report.pdf', 'big.pdf')`);
    assert.equal(Number(rows[0]!.n), 0);
  });

  test('a multipart body the parser cannot read is a 400, never a 500', async () => {
    const res = await t.publicApp.inject({ method: 'POST', url: '/upload-probe', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '{"name":" "}' });
    assert.equal(res.statusCode, 400);
  });

  test('a multipart post without the CSRF token is refused', async () => {
    const { jar } = await openForm(t.publicApp, '/upload-probe');
    const res = await postMultipart(t.publicApp, '/upload-probe', jar, {}, { doc: { filename: 'a.pdf', content: PDF } });
    assert.equal(res.statusCode, 403);
  });

  test('display names are cleaned and downloads carry a safe Content-Disposition', () => {
    assert.equal(cleanFileName('C:\\Users\\x\\表格.xlsx'), '表格.xlsx');
    assert.equal(cleanFileName('\u0000\u0007'), 'file');
    const cd = contentDisposition('申请表"; x=1.pdf');
    assert.match(cd, /^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    assert.ok(!cd.includes('"; x=1'), cd);
  });
});
