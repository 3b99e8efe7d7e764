/**
 * Oversight orders and ratings in the hostile-input registry: the issue form,
 * each action on an order, the recompute form and the formula's settings, each
 * with a valid example; and the pages only the order's department (and
 * supervisors) may see. An action needs an order in the right state: the
 * example resolver (called before the URL on every request) finds one or makes
 * a fresh one through the service when an accepted value has moved the last on.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { PlatformServices } from '../../platform/module.js';
import type { AccessSubject, Example, InputEndpoint } from '../../platform/testing/registry.js';
import { staffActor } from '../identity/index.js';
import { orderById } from './supervision.orders.repository.js';
import { issueOrder, replyOrder } from './supervision.orders.service.js';
import { quarterOf, RATING_DEFAULTS, RATING_FIELDS } from './supervision.rating.js';

/** Text only the probe order's own page shows. */
export const ORDER_SECRET = '督办探针 机密事项';

async function staff(s: PlatformServices, login: string): Promise<Actor> {
  const actor = await staffActor(s.db, login);
  if (!actor) throw new Error(`supervision.orders.inputs: no demo staff ${login} (is the demo county seeded?)`);
  return actor;
}

type Want = 'issued' | 'replied';
const current: Record<Want, string | undefined> = { issued: undefined, replied: undefined };

/** An order of the approval bureau in the wanted state: the last one while it still is, else a fresh one. */
async function orderIn(s: PlatformServices, want: Want): Promise<{ id: string; version: number }> {
  const known = current[want] ? await orderById(s.db, current[want]) : undefined;
  if (known && known.state === want) return known;
  let o = await issueOrder(s, await staff(s, 'supervisor'), { orgCode: '001015', subjectKind: 'pattern', caseRef: '', recordId: '', title: ORDER_SECRET, body: '探针督办内容', limitDays: '3' });
  if (want === 'replied') o = await replyOrder(s, await staff(s, 'head'), o.id, o.version, '探针答复');
  current[want] = o.id;
  return o;
}

function action(name: string, want: Want, signInAs: string, field: string, text: string): InputEndpoint {
  return {
    name: `supervision.orders.${name}`,
    side: 'internal',
    method: 'POST',
    kind: 'form',
    signInAs,
    example: async ({ services }): Promise<Example> => {
      const o = await orderIn(services, want);
      return { version: String(o.version), [field]: text };
    },
    url: () => `/supervision/orders/${current[want] ?? ''}/${name}`,
    formUrl: () => `/supervision/orders/${current[want] ?? ''}`,
    fields: ['version', field],
    showBack: () => [`/supervision/orders/${current[want] ?? ''}`],
  };
}

export const inputs: InputEndpoint[] = [
  {
    name: 'supervision.orders.issue',
    side: 'internal',
    method: 'POST',
    kind: 'form',
    signInAs: 'supervisor',
    url: '/supervision/orders',
    formUrl: '/supervision/orders/new',
    example: { orgCode: '001015', subjectKind: 'pattern', caseRef: '', recordId: '', title: '探针督办', body: '请核查并答复。', limitDays: '3' },
    fields: ['orgCode', 'subjectKind', 'caseRef', 'recordId', 'title', 'body', 'limitDays'],
    showBack: ['/supervision/orders'],
  },
  action('reply', 'issued', 'head', 'reply', '已整改完毕。'),
  action('close', 'replied', 'supervisor', 'note', '予以办结。'),
  action('send-back', 'replied', 'supervisor', 'reason', '答复不完整，请补充。'),
  {
    name: 'supervision.ratings.compute',
    side: 'internal',
    method: 'POST',
    kind: 'form',
    signInAs: 'supervisor',
    url: '/supervision/ratings/compute',
    formUrl: '/supervision/ratings',
    example: ({ services }) => ({ quarter: quarterOf(services.clocks.now()) }),
    fields: ['quarter'],
    showBack: ['/supervision/ratings'],
  },
  {
    name: 'supervision.ratings.settings',
    side: 'internal',
    method: 'POST',
    kind: 'form',
    signInAs: 'supervisor',
    url: '/supervision/ratings/settings',
    example: Object.fromEntries(RATING_FIELDS.map((f) => [f, String(RATING_DEFAULTS[f])])),
    fields: [...RATING_FIELDS],
    showBack: ['/supervision/ratings/settings'],
  },
];

export const accessSubjects: AccessSubject[] = [
  {
    name: 'supervision.order',
    side: 'internal',
    prepare: async (services) => {
      const o = await orderIn(services, 'issued');
      return { url: `/supervision/orders/${o.id}`, secret: ORDER_SECRET };
    },
    owner: { signInAs: 'head' },
    others: [{ label: "another department's head", signInAs: 'head.police' }, { label: 'a window clerk', signInAs: 'clerk' }, { label: 'anonymous' }, { label: "a resident's public session", signInAs: '13800010001', signInOn: 'public' }],
  },
  {
    name: 'supervision.rating-history',
    side: 'internal',
    url: '/supervision/ratings/departments/001015',
    secret: '行政审批服务局 的评价记录',
    owner: { signInAs: 'head' },
    others: [{ label: "another department's head", signInAs: 'head.police' }, { label: 'a window clerk', signInAs: 'clerk' }, { label: 'anonymous' }],
  },
];
