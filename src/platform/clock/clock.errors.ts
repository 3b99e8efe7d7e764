import { ConflictError } from '../http/errors.js';

/** A clock of this kind is already open (running or paused) for the subject: one per (subject, kind) at a time. */
export class ClockAlreadyOpenError extends ConflictError {
  constructor(subjectKind: string, subjectId: string, kind: string) {
    super('clock_already_open', `A ${kind} clock is already open for ${subjectKind}:${subjectId}`, { subjectKind, subjectId, kind });
  }
}
