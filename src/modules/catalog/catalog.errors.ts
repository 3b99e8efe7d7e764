import { ConflictError, DomainError } from '../../platform/http/errors.js';

/** Someone published, discarded or replaced the draft in the meantime; nothing was lost, reload and look. */
export class DraftChangedError extends ConflictError {
  constructor() {
    super('catalog.draft_changed', 'catalog:errors.draftChanged');
  }
}

/** The action does not fit the item's state (e.g. publishing a withdrawn item). */
export class ItemStateError extends DomainError {
  constructor(state: string, action: string) {
    super('catalog.item_state', 409, 'catalog:errors.itemState', { state, action });
  }
}
