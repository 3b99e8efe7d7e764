import { ConflictError } from '../../platform/http/errors.js';

/** Someone else acted on the order after this page was loaded: nothing was changed; the page shows it as it is now, with what was typed. */
export class OrderChangedError extends ConflictError {
  constructor() {
    super('supervision.order_changed', 'supervision:orders.errors.changed');
  }
}

/** The action does not fit the order's state (replying to a closed order, closing one not yet answered). */
export class OrderStateError extends ConflictError {
  constructor(state: string, action: string) {
    super('supervision.order_state', 'supervision:orders.errors.state', { state, action });
  }
}
