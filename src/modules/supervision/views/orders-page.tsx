/**
 * One oversight order: what it asks of which department, its reply clock,
 * the reply and closing note, its whole history (every reply and send-back),
 * and the forms that fit its state and the reader's rights: the head's reply,
 * the supervisor's close and send back. Each form carries the order version it
 * was rendered from; a refused or overtaken action comes back with what was typed.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, ErrorSummary, Field, Form, Link, Notice, SummaryList, Timeline, type FieldError, type TimelineEvent } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str, trusted } from '../../../platform/views/html.js';
import type { OrderRow, TrailRow } from '../supervision.orders.repository.js';
import { dueText, errorFor, namedErrors, orderCrumbs, orderStateTag, orgName, ot, signalTag, when, type OrgName } from './orders-shared.js';

export const ORDER_ACTIONS = ['reply', 'close', 'send-back'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const isOrderAction = (v: string): v is OrderAction => (ORDER_ACTIONS as readonly string[]).includes(v);
/** The one text input of each action form. */
export const ACTION_FIELD: Record<OrderAction, string> = { reply: 'reply', close: 'note', 'send-back': 'reason' };

export interface OrderModel {
  order: OrderRow;
  orgs: readonly OrgName[];
  clock: { dueAt: Date; state: string; signal: string; remaining: { value: number; overdue: boolean } | null } | null;
  trail: (TrailRow & { actorName: string })[];
  names: ReadonlyMap<string, string>;
  actions: OrderAction[];
  /** The case page, when the order is about a case and the reader may open it. */
  caseHref: string | null;
}

export interface OrderPageState {
  posted?: { action: OrderAction; values: Record<string, string>; errors: FieldError[] } | undefined;
  conflict?: string | undefined;
  done?: string | undefined;
}

const nameOf = (m: OrderModel, id: string | null) => (id ? (m.names.get(id) ?? '—') : '—');

function Summary({ ctx, m }: { ctx: ViewContext; m: OrderModel }): string {
  const o = m.order;
  const subject = o.subjectKind === 'pattern' ? ot(ctx, 'subject.pattern') : `${ot(ctx, `subject.${o.subjectKind}`)} ${o.subjectRef ?? o.subjectId ?? ''}`;
  const rows = [
    { key: ot(ctx, 'fields.state'), value: trusted(orderStateTag(ctx, o.state)) },
    { key: ot(ctx, 'fields.orgCode'), value: orgName(ctx, m.orgs, o.orgCode) },
    { key: ot(ctx, 'fields.subject'), value: m.caseHref ? trusted(Link({ href: m.caseHref, label: subject })) : subject },
    { key: ot(ctx, 'fields.title'), value: o.title },
    { key: ot(ctx, 'fields.body'), value: o.body },
    { key: ot(ctx, 'fields.issuedBy'), value: `${nameOf(m, o.issuedBy)} · ${when(ctx, o.issuedAt)}` },
    { key: ot(ctx, 'fields.limitDays'), value: ot(ctx, 'page.limit', { n: o.limitDays }) },
    { key: ot(ctx, 'fields.signal'), value: trusted(signalTag(ctx, m.clock?.signal ?? null)) },
    { key: ot(ctx, 'fields.due'), value: m.clock ? dueText(ctx, { dueAt: m.clock.dueAt, state: m.clock.state, remaining: m.clock.remaining }) : '—' },
    ...(o.escalatedAt ? [{ key: ot(ctx, 'fields.escalatedAt'), value: when(ctx, o.escalatedAt) }] : []),
    ...(o.reply ? [{ key: ot(ctx, 'fields.reply'), value: o.reply }, { key: ot(ctx, 'fields.repliedBy'), value: `${nameOf(m, o.repliedBy)} · ${when(ctx, o.repliedAt)}` }] : []),
    ...(o.closedAt ? [{ key: ot(ctx, 'fields.note'), value: o.closingNote ?? '' }, { key: ot(ctx, 'fields.closedBy'), value: `${nameOf(m, o.closedBy)} · ${when(ctx, o.closedAt)}` }] : []),
  ];
  return SummaryList({ ctx, rows });
}

const TRAIL_TONES: Record<string, TimelineEvent['tone']> = { escalate: 'danger', close: 'success', send_back: 'warning' };

function History({ ctx, m }: { ctx: ViewContext; m: OrderModel }): string {
  const events: TimelineEvent[] = m.trail.map((t) => {
    const action = t.action.replace(/^supervision\.order\./, '');
    const s = t.summary;
    const detail = [s.reply, s.note, s.reason].find((x): x is string => typeof x === 'string' && x.length > 0) ?? (action === 'issue' && typeof s.title === 'string' ? s.title : null);
    const at = typeof s.at === 'string' ? new Date(s.at) : t.at;
    return { at: Number.isNaN(at.getTime()) ? t.at : at, actor: t.actorName, text: ot(ctx, `history.${action}`), detail, tone: TRAIL_TONES[action] };
  });
  return Timeline({ ctx, events, label: ot(ctx, 'page.history') });
}

function ActionForm({ ctx, m, action, state }: { ctx: ViewContext; m: OrderModel; action: OrderAction; state: OrderPageState }): string {
  const field = ACTION_FIELD[action];
  const mine = state.posted?.action === action;
  const id = `action-${action}`;
  const safeField = Field({
    ctx,
    name: field,
    type: 'textarea',
    label: ot(ctx, `fields.${field}`),
    hint: ot(ctx, `actions.${action}.hint`),
    value: mine ? (state.posted?.values[field] ?? '') : '',
    error: mine ? errorFor(state.posted?.errors ?? [], field) : undefined,
    required: true,
    rows: action === 'reply' ? 6 : 3,
    maxlength: action === 'reply' ? 2000 : 1000,
  });
  return str(
    <section class="card hall-action" aria-labelledby={id}>
      <h3 id={id}>{escapeText(ot(ctx, `actions.${action}.title`))}</h3>
      <p>{escapeText(ot(ctx, `actions.${action}.intro`))}</p>
      <Form ctx={ctx} action={`/supervision/orders/${m.order.id}/${action}`}>
        <input type="hidden" name="version" value={escapeStrict(String(m.order.version))} />
        {safeField}
        <ButtonGroup>{Button({ label: ot(ctx, `actions.${action}.submit`), variant: action === 'send-back' ? 'warning' : 'primary' })}</ButtonGroup>
      </Form>
    </section>,
  );
}

/** After a 409 whose form is no longer offered, the text the person typed, so nothing they wrote is lost. */
function Kept({ ctx, m, state }: { ctx: ViewContext; m: OrderModel; state: OrderPageState }): string {
  const p = state.posted;
  const text = p ? (p.values[ACTION_FIELD[p.action]] ?? '').trim() : '';
  if (!p || !text || m.actions.includes(p.action)) return '';
  return str(
    <div>
      <p>{escapeText(ot(ctx, 'page.kept'))}</p>
      <blockquote class="order-kept">{escapeText(text)}</blockquote>
    </div>,
  );
}

export function OrderPage({ ctx, m, state }: { ctx: ViewContext; m: OrderModel; state: OrderPageState }): string {
  const title = ot(ctx, 'page.title', { ref: m.order.ref });
  const errors = state.posted ? namedErrors(ctx, state.posted.errors) : [];
  const safeActions = m.actions.map((action) => ActionForm({ ctx, m, action, state }));
  return Layout({
    ctx,
    title,
    breadcrumbs: orderCrumbs(ctx, { label: m.order.ref }),
    children: [
      state.conflict ? Notice({ ctx, kind: 'error', title: ot(ctx, 'page.conflictTitle'), text: state.conflict, children: Kept({ ctx, m, state }) }) : '',
      state.done ? Notice({ ctx, kind: 'success', text: ot(ctx, `done.${state.done}`) }) : '',
      ErrorSummary({ ctx, errors }),
      m.order.state === 'escalated' ? Notice({ ctx, kind: 'warning', title: ot(ctx, 'page.escalatedTitle'), text: ot(ctx, 'page.escalatedText') }) : '',
      Summary({ ctx, m }),
      str(<h2>{escapeText(ot(ctx, 'page.history'))}</h2>),
      History({ ctx, m }),
      safeActions.length ? str(<h2>{escapeText(ot(ctx, 'page.actions'))}</h2>) + safeActions.join('') : '',
    ],
  });
}
