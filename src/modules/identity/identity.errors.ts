import { DomainError } from '../../platform/http/errors.js';

/** Wrong login or password: one message for both, so nobody learns which logins exist. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('identity.invalid_credentials', 401, 'identity:errors.invalidCredentials');
  }
}

/** Too many wrong passwords: the person is told when they may retry. */
export class AccountLockedError extends DomainError {
  constructor(readonly until: Date) {
    super('identity.locked', 423, 'identity:errors.locked', { until: until.toISOString() });
  }
}
