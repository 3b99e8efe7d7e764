import { ConflictError, DomainError } from '../../platform/http/errors.js';

/** The action does not fit the case's state (deciding an unaccepted case, accepting a withdrawn one). */
export class IllegalTransitionError extends DomainError {
  constructor(state: string, action: string) {
    super('hall.illegal_transition', 409, 'hall:errors.illegalTransition', { state, action });
  }
}

/** Someone else acted on the case after this page was loaded: nothing was changed; reload and look. */
export class CaseChangedError extends ConflictError {
  constructor(by?: string) {
    super('hall.case_changed', 'hall:errors.caseChanged', { by: by ?? '' });
  }
}

/** Another staff member has claimed the case; one person works a case at a time. */
export class CaseClaimedError extends ConflictError {
  constructor(by: string) {
    super('hall.case_claimed', 'hall:errors.caseClaimed', { by });
  }
}

/** The item no longer takes applications online (suspended, withdrawn, or depth below 3). */
export class NotOpenError extends DomainError {
  constructor() {
    super('hall.not_open', 409, 'hall:errors.notOpen');
  }
}
