import type { Db } from '../db/database.js';
import { recordAudit, type Listener } from '../audit/audit.service.js';
import type { EventBus } from '../events/bus.js';
import { NotFoundError, ValidationError, type FieldError } from '../http/errors.js';
import { deleteOverride, overrideByDate, subjectOf, upsertOverride } from './calendar.repository.js';
import { OVERRIDE_KINDS, type OverrideKind } from './calendar.schema.js';
import { parseDayKey } from './days.js';

/**
 * The event published (in the same transaction) when an override is set or
 * removed. The clock engine subscribes to it and recomputes every running
 * clock whose window includes `date`, after reloading its WorkingCalendar.
 */
export const CALENDAR_OVERRIDE_CHANGED = 'calendar.override.changed';

export interface CalendarOverrideChanged {
  /** The affected date, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  before: OverrideKind | null;
  after: OverrideKind | null;
  actor: string;
}

export const NOTE_MAX = 200;

export interface OverrideInput {
  date: unknown;
  kind: unknown;
  note: unknown;
}

export interface ChangeOptions {
  /** The bus to publish `calendar.override.changed` on; omitted, nothing is published. */
  events?: Pick<EventBus, 'publish'>;
  listener?: Listener;
  ip?: string | null;
  /** The person's display name, kept in the audit summary so the override page can say who entered it (the platform knows no accounts). */
  actorName?: string;
}

export interface CheckedOverride {
  date: string;
  kind: OverrideKind;
  note: string;
}

function checkDate(value: unknown, errors: FieldError[]): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) errors.push({ field: 'date', message: 'validation.required' });
  else if (parseDayKey(text) === undefined) errors.push({ field: 'date', message: 'validation.format', params: { format: 'YYYY-MM-DD' } });
  else return text;
  return undefined;
}

/** Validates an override; throws ValidationError naming each bad field (date, kind, note). */
export function checkOverride(input: OverrideInput): CheckedOverride {
  const errors: FieldError[] = [];
  const date = checkDate(input.date, errors);
  const kind = typeof input.kind === 'string' && (OVERRIDE_KINDS as readonly string[]).includes(input.kind) ? (input.kind as OverrideKind) : undefined;
  if (!kind) errors.push({ field: 'kind', message: 'validation.enum', params: { allowedValues: OVERRIDE_KINDS.join(', ') } });
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (!note) errors.push({ field: 'note', message: 'validation.required' });
  else if ([...note].length > NOTE_MAX) errors.push({ field: 'note', message: 'validation.maxLength', params: { limit: NOTE_MAX } });
  if (errors.length) throw new ValidationError(errors);
  return { date: date!, kind: kind!, note };
}

/**
 * Sets (or replaces) the override of one date, audited and announced in one
 * transaction. `actor` is an actor reference (`kind:id`, `system`, `cli:<user>`).
 * Returns the affected date; the caller reloads its WorkingCalendar.
 */
export async function setOverride(db: Db, actor: string, input: OverrideInput, opts: ChangeOptions = {}): Promise<CalendarOverrideChanged> {
  const checked = checkOverride(input);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const before = await overrideByDate(tx, checked.date);
    await upsertOverride(tx, { ...checked, createdBy: actor });
    const change: CalendarOverrideChanged = { date: checked.date, before: before?.kind ?? null, after: checked.kind, actor };
    await recordAudit(tx, {
      actor,
      action: before ? 'calendar.override.update' : 'calendar.override.create',
      subject: subjectOf(checked.date),
      summary: { before: before ? { kind: before.kind, note: before.note } : null, after: { kind: checked.kind, note: checked.note }, ...(opts.actorName ? { actorName: opts.actorName } : {}) },
      listener: opts.listener ?? 'internal',
      ip: opts.ip ?? null,
    });
    await opts.events?.publish(tx, CALENDAR_OVERRIDE_CHANGED, change);
    return change;
  });
}

/** Removes the override of one date (NotFoundError when there is none), audited and announced. */
export async function removeOverride(db: Db, actor: string, date: unknown, opts: ChangeOptions = {}): Promise<CalendarOverrideChanged> {
  const errors: FieldError[] = [];
  const key = checkDate(date, errors);
  if (errors.length) throw new ValidationError(errors);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const before = await overrideByDate(tx, key!);
    if (!before || !(await deleteOverride(tx, key!))) throw new NotFoundError('calendar override');
    const change: CalendarOverrideChanged = { date: key!, before: before.kind, after: null, actor };
    await recordAudit(tx, {
      actor,
      action: 'calendar.override.delete',
      subject: subjectOf(key!),
      summary: { before: { kind: before.kind, note: before.note }, after: null, ...(opts.actorName ? { actorName: opts.actorName } : {}) },
      listener: opts.listener ?? 'internal',
      ip: opts.ip ?? null,
    });
    await opts.events?.publish(tx, CALENDAR_OVERRIDE_CHANGED, change);
    return change;
  });
}
