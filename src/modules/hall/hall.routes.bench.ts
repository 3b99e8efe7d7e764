import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { actorRef } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction } from '../../platform/db/database.js';
import { storeFile } from '../../platform/files/files.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import { capacityFor, draftRow } from './hall.apply.service.js';
import { insertSubmissionRows } from './hall.bench.repository.js';
import type { HallServices } from './hall.case.js';
import { allFieldsOf, applicantProfile, regions } from './hall.deps.js';
import { loadItems, type WorldItem } from './hall.generate.js';
import { insertGenerated } from './hall.generate.repository.js';
import { emptyRows, seededRandom } from './hall.generate.sim.js';
import type { NewCase } from './hall.repository.js';
import { fillAnswers, regionOfAnswers } from './hall.seed.answers.js';

/**
 * Bench-only routes of the hall (`npm run bench`, mounted only with
 * BENCH_ROUTES=true, never in production):
 * - public `POST /__bench/hall/drafts` (signed-in resident, `n`): n complete
 *   drafts of one online item, ready for `POST /apply/drafts/:id/check` —
 *   set-up for the submission figure, not measured;
 * - public `POST /__bench/hall/rows`: the submission baseline, the same rows a
 *   submission writes (case, timeline, audit, outbox, notification, clock) as
 *   plain inserts in one transaction, answering 303 like the real submit;
 * - internal `GET /__bench/hall/queue-static`: the bytes of this session's
 *   `GET /cases?queue=accept`, rendered once, for the queue page figure.
 */
export function registerHallBenchRoutes(app: FastifyInstance, s: HallServices, side: 'public' | 'internal'): void {
  if (side === 'internal') {
    let page: Promise<{ body: string; type: string }> | undefined;
    app.get('/__bench/hall/queue-static', { schema: { hide: true } }, async (request, reply) => {
      page ??= app.inject({ method: 'GET', url: '/cases?queue=accept', headers: { cookie: request.headers.cookie ?? '' } }).then((res) => {
        if (res.statusCode !== 200) throw new Error(`/cases?queue=accept answered ${res.statusCode} while pre-rendering the bench baseline`);
        return { body: res.body, type: String(res.headers['content-type']) };
      });
      const p = await page;
      return reply.type(p.type).send(p.body);
    });
    return;
  }

  let item: Promise<WorldItem> | undefined;
  /** The item the bench applies for: an online item for individuals with uploads and a review (the 居住证 kind). */
  const benchItem = () =>
    (item ??= loadItems(s.db).then((all) => {
      const fit = all.filter((i) => i.onlineDepth >= 3 && i.form && !i.immediate && i.content.audiences.includes('individual'));
      const found = fit.find((i) => allFieldsOf(i.form!).some((f) => f.type === 'file')) ?? fit[0];
      if (!found) throw new Error('no online item for individuals to bench');
      return found;
    }));

  app.post<{ Body: { n?: string } }>('/__bench/hall/drafts', { schema: { hide: true }, preHandler: requireSignedIn }, async (request, reply) => {
    const actor = actorOf(request);
    if (actor.kind !== 'resident') throw new ForbiddenError('bench');
    const n = Math.min(20_000, Math.max(1, Number(request.body?.n ?? 100) || 100));
    const it = await benchItem();
    const capacity = await capacityFor(s.db, actor, 'self');
    const profile = await applicantProfile(s.db, s.cipher, { id: capacity.applicantId, kind: capacity.applicantKind });
    const file = await storeFile(s.db, s.files, { bytes: SAMPLE_PDF, name: '申请材料.pdf', createdBy: actorRef(actor), allow: ['pdf'], maxBytes: s.config.fileMaxBytes, field: 'file' });
    const all = await regions(s.db);
    const townships = all.filter((r) => r.level === 'township').map((t) => ({ code: t.code, villages: all.filter((v) => v.level === 'village' && v.code.startsWith(t.code)).map((v) => v.code) }));
    const rand = seededRandom(n);
    const now = s.clocks.now().toISOString();
    const rows = emptyRows();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      ids.push(id);
      const answers = fillAnswers(it.form!, { profile, townships, file: { fileId: file.id }, day: s.clocks.now(), rand });
      const d = draftRow(id, { id: it.itemId, taskCode: it.taskCode, orgCode: it.orgCode }, it.versionId, it.content, capacity, 'online', null);
      rows.cases.push({
        id, ref: null, state: 'draft', version: 1, item_id: d.itemId, version_id: d.versionId, task_code: d.taskCode, item_name: d.itemName, item_name_en: d.itemNameEn, org_code: d.orgCode,
        immediate: d.immediate, applicant_id: d.applicantId, applicant_kind: d.applicantKind, applicant_name: d.applicantName, acting_person_id: d.actingPersonId, channel: 'online',
        kind: 'case', answers, region_code: regionOfAnswers(answers), step_no: 0, special_open: false, visits: 0, created_at: now, updated_at: now,
      });
    }
    await transaction(s.db, (tx) => insertGenerated(tx, rows));
    return reply.send({ taskCode: it.taskCode, ids });
  });

  let template: Promise<Omit<NewCase, 'id' | 'ref'>> | undefined;
  app.post('/__bench/hall/rows', { schema: { hide: true }, preHandler: requireSignedIn }, async (request, reply) => {
    const actor = actorOf(request);
    template ??= (async () => {
      const it = await benchItem();
      const capacity = await capacityFor(s.db, actor, 'self');
      const profile = await applicantProfile(s.db, s.cipher, { id: capacity.applicantId, kind: capacity.applicantKind });
      const answers = fillAnswers(it.form!, { profile, townships: [{ code: '339901001', villages: ['339901001001'] }], file: { fileId: randomUUID() }, day: new Date(), rand: seededRandom(1) });
      const { id: _id, ...d } = draftRow(randomUUID(), { id: it.itemId, taskCode: it.taskCode, orgCode: it.orgCode }, it.versionId, it.content, capacity, 'online', null);
      return { ...d, answers, regionCode: regionOfAnswers(answers) };
    })();
    const base = await template;
    const at = s.clocks.now();
    const id = randomUUID();
    const row: NewCase = { ...base, id, ref: `B${id.slice(0, 8)}-${id.slice(9, 13)}`, state: 'submitted', submittedAt: at, version: 2 };
    await transaction(s.db, async (tx) => {
      await insertSubmissionRows(tx, row, at);
      await recordAudit(tx, { actor: actorRef(actor), action: 'bench.hall.submit', subject: `application:${id}`, summary: { ref: row.ref }, ...request.auditOrigin() });
    });
    return reply.redirect('/__bench/hello', 303);
  });
}

/** A one-page PDF, the material every bench draft carries. */
const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
