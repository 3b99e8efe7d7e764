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
import { ensureStrings } from './templates/common.js';
import { renderAcceptanceNotice } from './templates/acceptance-notice.js';
import { renderApprovalDecision } from './templates/approval-decision.js';
import { renderCorrectionNotice } from './templates/correction-notice.js';
import { renderDenialDecision } from './templates/denial-decision.js';
import { renderNotAcceptedDecision } from './templates/not-accepted-decision.js';
import { renderSubmissionCopy } from './templates/submission-copy.js';
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

function render(request: DocumentRequest, lang: Lang): Promise<Uint8Array> {
  switch (request.kind) {
    case 'acceptance_notice':
      return renderAcceptanceNotice(request.data, lang);
    case 'not_accepted_decision':
      return renderNotAcceptedDecision(request.data, lang);
    case 'correction_notice':
      return renderCorrectionNotice(request.data, lang);
    case 'approval_decision':
      return renderApprovalDecision(request.data, lang);
    case 'denial_decision':
      return renderDenialDecision(request.data, lang);
    case 'submission_copy':
      return renderSubmissionCopy(request.data, lang);
    default: {
      const unknown: never = request;
      throw new Error(`documents: unknown kind ${String((unknown as { kind: unknown }).kind)}`);
    }
  }
}

/** Renders one document to PDF bytes. */
export async function renderDocument<K extends DocumentKind>(kind: K, data: DocumentDataByKind[K], lang: Lang = defaultLanguage): Promise<Uint8Array> {
  await ensureStrings();
  return render({ kind, data } as DocumentRequest, lang === 'en' ? 'en' : 'zh-CN');
}
