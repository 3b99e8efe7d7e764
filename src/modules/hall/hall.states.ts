/**
 * The life of a case (../shared/domain/service-items.md) as a state machine.
 * Every staff or applicant action names the states it may start from; any
 * other start is refused with IllegalTransition, naming both.
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'correction',
  'preexamined',
  'reviewing',
  'reviewed',
  'approved',
  'denied',
  'not_accepted',
  'withdrawn',
  'completed',
  // bundle parents only
  'in_progress',
  'closed',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const CHANNELS = ['online', 'counter', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_METHODS = ['pickup', 'post', 'electronic'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const SPECIAL_KINDS = ['hearing', 'expert_review', 'inspection', 'public_notice'] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];
export const DOCUMENT_KINDS = ['acceptance_notice', 'not_accepted_decision', 'correction_notice', 'approval_decision', 'denial_decision'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Final states: nothing more happens to the case. */
export const FINAL_STATES: readonly ApplicationState[] = ['denied', 'not_accepted', 'withdrawn', 'completed', 'closed'];
/** States in which the applicant may still withdraw (before the decision). */
export const WITHDRAWABLE: readonly ApplicationState[] = ['submitted', 'correction', 'preexamined', 'reviewing', 'reviewed'];

export const ACTIONS = {
  submit: { from: ['draft'], to: 'submitted' },
  preexamine: { from: ['submitted'], to: 'preexamined' },
  requestCorrection: { from: ['submitted', 'preexamined'], to: 'correction' },
  resubmit: { from: ['correction'], to: 'submitted' },
  accept: { from: ['submitted', 'preexamined'], to: 'reviewing' },
  notAccept: { from: ['submitted', 'preexamined', 'correction'], to: 'not_accepted' },
  signStep: { from: ['reviewing'], to: 'reviewing' },
  special: { from: ['reviewing'], to: 'reviewing' },
  decide: { from: ['reviewed'], to: 'approved' },
  decideAtOnce: { from: ['submitted', 'preexamined'], to: 'approved' },
  recordResult: { from: ['approved'], to: null },
  deliver: { from: ['approved'], to: 'completed' },
  withdraw: { from: WITHDRAWABLE, to: 'withdrawn' },
  claim: { from: ['submitted', 'correction', 'preexamined', 'reviewing', 'reviewed', 'approved'], to: null },
  recordVisit: { from: ['submitted', 'correction', 'preexamined', 'reviewing', 'reviewed', 'approved', 'completed'], to: null },
} as const satisfies Record<string, { from: readonly ApplicationState[]; to: ApplicationState | null }>;
export type Action = keyof typeof ACTIONS;

export const mayStart = (action: Action, state: ApplicationState): boolean => (ACTIONS[action].from as readonly ApplicationState[]).includes(state);

/** The staff queues (to pre-examine, to accept, to review, to decide, to deliver) and the states each holds. */
export const QUEUES = {
  preexamine: ['submitted'],
  accept: ['submitted', 'preexamined'],
  review: ['reviewing'],
  decide: ['reviewed'],
  deliver: ['approved'],
  correction: ['correction'],
} as const satisfies Record<string, readonly ApplicationState[]>;
export type QueueName = keyof typeof QUEUES;
export const isQueue = (v: string): v is QueueName => Object.hasOwn(QUEUES, v);
