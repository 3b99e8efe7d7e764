/**
 * The data of each document kind. Texts are the caller's, in the document's language;
 * the fixed wording comes from the `documents` i18n namespace. Dates are instants and are
 * shown in Asia/Shanghai.
 */

/** Where the applicant can appeal: both are mandatory on a refusal. */
export interface Remedy {
  /** The body that hears administrative reconsideration, e.g. 青山县人民政府. */
  reconsiderationBody: string;
  /** The court for administrative litigation, e.g. 青山县人民法院. */
  court: string;
}

/** What every document carries. */
export interface DocumentCommon {
  /** 文书编号, shown in the header of every page. */
  documentNumber: string;
  /** The address that verifies this document; drawn as a QR code. http(s) only. */
  verificationUrl: string;
  /** The issuing (or, for a submission copy, receiving) department. */
  department: string;
  /** The seal's own text under the star, e.g. 行政审批专用章. */
  sealText?: string;
  /** The date of the document, shown under the signature. */
  issuedAt: Date;
}

/** The case a document is about. */
export interface CaseFacts {
  referenceNumber: string;
  itemName: string;
  applicant: string;
  submittedAt?: Date;
}

export interface AcceptanceNoticeData extends DocumentCommon, CaseFacts {
  acceptedAt: Date;
  /** The committed date by which a decision is due. */
  dueAt: Date;
  /** The committed time limit in working days, when the item states one. */
  limitWorkingDays?: number;
  /** Item-specific steps, after the standard ones. */
  nextSteps?: string[];
  /** A phone number or office for enquiries. */
  contact?: string;
}

export interface NotAcceptedDecisionData extends DocumentCommon, CaseFacts {
  /** Mandatory. */
  reason: string;
  legalBasis?: string;
  /** The competent body, when the matter belongs to another one. */
  referTo?: string;
  remedy: Remedy;
}

export interface CorrectionProblem {
  /** The material (or the form) concerned. */
  material: string;
  /** The field, page or place in it. */
  field?: string;
  /** What is wrong. Mandatory. */
  problem: string;
  /** What to supply or change. */
  requirement?: string;
}

export interface CorrectionNoticeData extends DocumentCommon, CaseFacts {
  /** Every problem, at once (一次性告知). At least one. */
  problems: CorrectionProblem[];
  resubmit: { where: string; how: string; deadline?: Date };
  contact?: string;
}

export interface ApprovalDecisionData extends DocumentCommon, CaseFacts {
  /** What is granted, completing the title 准予{matter}决定书; default 行政许可. */
  matter?: string;
  decidedAt: Date;
  /** What exactly is granted (scope, quantity, place). */
  content: string;
  legalBasis?: string;
  validFrom?: Date;
  validUntil?: Date;
  certificate?: { name: string; number: string };
  conditions?: string[];
  remedy?: Remedy;
}

export interface DenialDecisionData extends DocumentCommon, CaseFacts {
  /** What is refused, completing the title 不予{matter}决定书; default 行政许可. */
  matter?: string;
  decidedAt: Date;
  /** Mandatory: at least one. */
  reasons: string[];
  legalBasis?: string;
  remedy: Remedy;
}

export interface SubmissionCopyData extends DocumentCommon, CaseFacts {
  /** The applicant's answers in form order. */
  answers: Array<{ label: string; value: string }>;
  /** The uploaded materials; `pages` is undefined when not a readable PDF. */
  materials: Array<{ name: string; fileName: string; pages?: number }>;
}

export interface DocumentDataByKind {
  acceptance_notice: AcceptanceNoticeData;
  not_accepted_decision: NotAcceptedDecisionData;
  correction_notice: CorrectionNoticeData;
  approval_decision: ApprovalDecisionData;
  denial_decision: DenialDecisionData;
  submission_copy: SubmissionCopyData;
}

export type DocumentKind = keyof DocumentDataByKind;

/** The discriminated union of every document request. */
export type DocumentRequest = { [K in DocumentKind]: { kind: K; data: DocumentDataByKind[K] } }[DocumentKind];

export const DOCUMENT_KINDS: readonly DocumentKind[] = Object.freeze([
  'acceptance_notice',
  'not_accepted_decision',
  'correction_notice',
  'approval_decision',
  'denial_decision',
  'submission_copy',
] as const);
