/** Dispatches a document request to its template (imported lazily by ../index.ts with pdf-lib and the font). */
import type { Lang } from '../../i18n/index.js';
import { renderAcceptanceNotice } from './acceptance-notice.js';
import { renderApprovalDecision } from './approval-decision.js';
import { renderCorrectionNotice } from './correction-notice.js';
import { renderDenialDecision } from './denial-decision.js';
import { renderNotAcceptedDecision } from './not-accepted-decision.js';
import { renderSubmissionCopy } from './submission-copy.js';
import type { DocumentRequest } from './types.js';

export { ensureStrings } from './common.js';

export function render(request: DocumentRequest, lang: Lang): Promise<Uint8Array> {
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
