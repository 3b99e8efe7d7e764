/**
 * platform/documents: official documents as PDF (ADR 0020).
 *
 * - `renderDocument(kind, data, lang)` renders one of the document kinds in zh-CN (default)
 *   or en: A4, the embedded WenQuanYi Micro Hei always subset, a QR code of the
 *   verification address, page numbers and the document number on every page.
 *   Missing mandatory data is a ValidationError naming each field.
 * - `pdfPageCount(bytes)` counts the pages of an uploaded PDF (undefined when unreadable).
 */
import { defaultLanguage, type Lang } from '../i18n/index.js';
import type { DocumentDataByKind, DocumentKind, DocumentRequest } from './templates/types.js';

export { pdfPageCount } from './page-count.js';
export { DOCUMENT_KINDS } from './templates/types.js';
export type {
  AcceptanceNoticeData,
  ApprovalDecisionData,
  CaseFacts,
  CorrectionNoticeData,
  CorrectionProblem,
  DenialDecisionData,
  DocumentCommon,
  DocumentDataByKind,
  DocumentKind,
  DocumentRequest,
  NotAcceptedDecisionData,
  Remedy,
  SubmissionCopyData,
} from './templates/types.js';

/** The MIME type of a rendered document. */
export const PDF_MIME = 'application/pdf';

/** Renders one document to PDF bytes. */
export async function renderDocument<K extends DocumentKind>(kind: K, data: DocumentDataByKind[K], lang: Lang = defaultLanguage): Promise<Uint8Array> {
  // pdf-lib, fontkit and the templates are loaded with the first document (~45 MB a process that issues none never holds).
  const { ensureStrings, render } = await import('./templates/render.js');
  await ensureStrings();
  return render({ kind, data } as DocumentRequest, lang === 'en' ? 'en' : 'zh-CN');
}
