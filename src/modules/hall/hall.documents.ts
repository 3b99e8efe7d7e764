import { publicBaseUrl } from '../../platform/config/load.js';
import { answersOf } from './hall.answers.js';
import type { Db } from '../../platform/db/database.js';
import { renderDocument, pdfPageCount, type DocumentDataByKind, type Remedy } from '../../platform/documents/index.js';
import { fileMetas, storeFile } from '../../platform/files/files.js';
import type { Lang } from '../../platform/i18n/index.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { PlatformServices } from '../../platform/module.js';
import { subjectOf, type HallServices } from './hall.case.js';
import { allFieldsOf, getVersion, labelText, orgUnits, type AnswerValue, type ItemContent } from './hall.deps.js';
import * as repo from './hall.repository.js';
import type { DocumentKind } from './hall.states.js';

/**
 * The hall's documents as PDF (platform/documents): notices and decisions are
 * rendered by the `hall.issueDocument` job after the action commits, stored in
 * platform/files and listed on the case; the applicant's copy of what they
 * submitted is rendered on request.
 */

const COURT: Record<Lang, string> = { 'zh-CN': '有管辖权的人民法院', en: "the competent people's court" };
const WHERE: Record<Lang, string> = { 'zh-CN': '网上办事大厅“我的办件”或受理窗口', en: 'My cases in the online service hall, or the window that received the application' };
const HOW: Record<Lang, string> = { 'zh-CN': '按本告知书逐项补正后，在线重新提交，或携带材料到窗口提交', en: 'Correct every item listed, then resubmit online or bring the materials to the window' };

type Services = Pick<PlatformServices, 'db' | 'config' | 'files' | 'clocks' | 'cipher'>;

async function departmentName(db: Db, orgCode: string, lang: Lang): Promise<string> {
  const org = (await orgUnits(db)).find((o) => o.code === orgCode);
  return org ? (lang === 'en' ? org.nameEn || org.nameZh : org.nameZh) : orgCode;
}

const itemName = (row: repo.CaseRow, lang: Lang) => (lang === 'en' && row.itemNameEn ? row.itemNameEn : row.itemName);

function common(s: Services, row: repo.CaseRow, docNo: string, department: string, content: ItemContent | undefined, at: Date, lang: Lang) {
  return {
    documentNumber: docNo,
    verificationUrl: `${publicBaseUrl(s.config)}/my/cases/${row.ref}`,
    department,
    sealText: content?.task_type === 'administrative_licence' ? (lang === 'en' ? 'Administrative licensing seal' : '行政审批专用章') : lang === 'en' ? 'Official seal' : '业务专用章',
    issuedAt: at,
    referenceNumber: row.ref ?? '',
    itemName: itemName(row, lang),
    applicant: row.applicantName,
    ...(row.submittedAt ? { submittedAt: row.submittedAt } : {}),
  };
}

/** The data of one issued document, from the case as it is now and the event that issued it. */
async function documentData(s: Services, doc: repo.DocumentRow, row: repo.CaseRow, lang: Lang): Promise<DocumentDataByKind[DocumentKind]> {
  const { content, form } = await getVersion(s.db, row.versionId);
  const events = await repo.eventsOf(s.db, row.id, false);
  const event = events.find((e) => e.id === doc.eventId);
  const at = event?.at ?? doc.createdAt;
  const base = common(s, row, doc.docNo, await departmentName(s.db, row.orgCode, lang), content, at, lang);
  const remedy: Remedy = { reconsiderationBody: s.config.siteName, court: COURT[lang] };
  switch (doc.kind) {
    case 'acceptance_notice': {
      const committed = (await s.clocks.forSubject(s.db, subjectOf(row.id))).find((c) => c.kind === 'committed');
      return { ...base, acceptedAt: row.acceptedAt ?? at, dueAt: committed?.dueAt ?? row.committedDueAt ?? at, ...(content.promise_type === 'working_days' ? { limitWorkingDays: content.promise_day } : {}), contact: content.link_way };
    }
    case 'not_accepted_decision':
      return { ...base, reason: event?.note ?? row.decisionReason ?? '', legalBasis: content.by_law.slice(0, 2000), remedy };
    case 'correction_notice': {
      const correction = (await repo.correctionsOf(s.db, row.id)).filter((c) => c.requestedAt.getTime() <= at.getTime()).at(-1);
      const fields = allFieldsOf(form);
      const problems = ((correction?.problems ?? []) as { target: string; note: string }[]).map((p) => ({ material: targetLabel(content, fields, p.target, lang), problem: p.note }));
      return { ...base, problems, resubmit: { where: WHERE[lang], how: HOW[lang] }, contact: content.link_way };
    }
    case 'approval_decision':
      return { ...base, decidedAt: row.decidedAt ?? at, content: [content.result_name, row.decisionReason].filter(Boolean).join('\n'), legalBasis: content.by_law.slice(0, 2000), remedy };
    case 'denial_decision':
      return { ...base, decidedAt: row.decidedAt ?? at, reasons: [row.decisionReason ?? event?.note ?? ''], legalBasis: content.by_law.slice(0, 2000), remedy };
  }
}

/**
 * A correction problem's target, as the applicant reads it: the material's or the field's name.
 * The workbench stores `material:<id>` or `field:<key>` ('' for the whole application); a bare id is a material's or a field's.
 */
function targetLabel(content: ItemContent, fields: ReturnType<typeof allFieldsOf>, target: string, lang: Lang): string {
  const id = target.replace(/^(material|field):/, '');
  const m = target.startsWith('field:') ? undefined : content.materials.find((x) => x.id === id);
  if (m) return lang === 'en' && m.name_en ? m.name_en : m.name;
  const f = target.startsWith('material:') ? undefined : fields.find((x) => x.key === id);
  if (f) return labelText(f.label, lang);
  return id || (lang === 'en' ? 'The application' : '申请材料');
}

/** Renders and stores one issued document; running it twice stores it once. */
export async function issueDocumentNow(s: Services, documentId: string): Promise<void> {
  const doc = await repo.documentById(s.db, documentId);
  if (!doc || doc.fileId) return;
  const row = (await repo.caseById(s.db, doc.applicationId))!;
  const lang: Lang = doc.lang === 'en' ? 'en' : 'zh-CN';
  const data = await documentData(s, doc, row, lang);
  const bytes = await renderDocument(doc.kind, data as never, lang);
  const stored = await storeFile(s.db, s.files, { bytes: Buffer.from(bytes), name: `${doc.docNo}.pdf`, createdBy: 'system', allow: ['pdf'], maxBytes: 50 * 1024 * 1024, field: 'document' });
  await repo.setDocumentFile(s.db, doc.id, stored.id);
}

const show = (v: AnswerValue | undefined, lang: Lang): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : Object.values(x).join(' / '))).join('; ');
  if ('fileId' in v) return v.name;
  if ('township' in v) return [v.township, v.village, v.detail].filter(Boolean).join(' ');
  return '';
};

/** The applicant's copy of what they submitted, as PDF (rendered on request, never stored). */
export async function submissionCopy(s: Services, row: repo.CaseRow, lang: Lang): Promise<Uint8Array> {
  const { form, content } = await getVersion(s.db, row.versionId);
  const answers = answersOf(s.cipher, row);
  const list = allFieldsOf(form)
    .filter((f) => f.type !== 'file' && answers[f.key] !== undefined)
    .map((f) => ({ label: labelText(f.label, lang), value: show(answers[f.key], lang) }));
  const materials = await repo.materialsOf(s.db, row.id);
  const metas = new Map((await fileMetas(s.db, materials.map((m) => m.fileId))).map((m) => [m.id, m]));
  const at = row.submittedAt ?? row.createdAt;
  return renderDocument(
    'submission_copy',
    {
      ...common(s, row, `SQ-${row.ref}`, await departmentName(s.db, row.orgCode, lang), content, at, lang),
      answers: list,
      materials: materials.map((m) => {
        const spec = content.materials.find((x) => x.id === m.materialId);
        return { name: spec ? (lang === 'en' && spec.name_en ? spec.name_en : spec.name) : m.materialId, fileName: metas.get(m.fileId)?.name ?? '', ...(m.pages != null ? { pages: m.pages } : {}) };
      }),
    },
    lang,
  );
}

export { pdfPageCount };

export const documentJobs = (s: HallServices): JobDefinition[] => [
  {
    name: 'hall.issueDocument',
    maxAttempts: 5,
    handle: async (payload) => issueDocumentNow(s, (payload as { documentId: string }).documentId),
  },
];
