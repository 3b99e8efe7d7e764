/**
 * Demo oversight orders and a rating: orders of the approval bureau (001015,
 * the demo `head`) and the police (001003, `head.police`) in every state —
 * closed, replied, escalated, just issued — made through the service at past
 * times (the clock engine's now is moved and restored), and the ratings of the
 * last completed quarter.
 */
import { DAY_MS, shanghaiDay, startOfDay } from '../../platform/calendar/days.js';
import type { SeedContext } from '../../platform/module.js';
import { caseRefsOfDepartment } from '../hall/index.js';
import { staffActor } from '../identity/index.js';
import { anyOrder } from './supervision.orders.repository.js';
import { closeOrder, escalateOverdue, issueOrder, replyOrder, type IssueInput } from './supervision.orders.service.js';
import { previousQuarter, quarterOf } from './supervision.rating.js';
import { computeRatings, ratedQuarters } from './supervision.rating.service.js';

/** `n` working days before `now`, at `hour`:00 Shanghai. */
function workingDaysAgo(ctx: SeedContext, now: Date, n: number, hour: number): Date {
  let day = shanghaiDay(now);
  for (let left = n; left > 0; ) {
    day -= 1;
    if (ctx.calendar.isWorkingDay(new Date(startOfDay(day).getTime() + 12 * 3_600_000))) left -= 1;
  }
  return new Date(startOfDay(day).getTime() + hour * 3_600_000);
}

const input = (p: Partial<IssueInput>): IssueInput => ({ orgCode: '', subjectKind: 'pattern', caseRef: '', recordId: '', title: '', body: '', limitDays: '3', ...p });

export async function seedOrders(ctx: SeedContext): Promise<void> {
  const now = ctx.clocks.now();
  if (!(await anyOrder(ctx.db))) await seedOrderStories(ctx, now);
  const last = previousQuarter(quarterOf(now));
  if (!(await ratedQuarters(ctx.db)).includes(last)) await computeRatings(ctx, null, last);
  ctx.log(`supervision: demo oversight orders and the ${last} ratings`);
}

async function seedOrderStories(ctx: SeedContext, now: Date): Promise<void> {
  const [supervisor, head, policeHead] = await Promise.all(['supervisor', 'head', 'head.police'].map((l) => staffActor(ctx.db, l)));
  if (!supervisor || !head || !policeHead) return;
  const approval = await caseRefsOfDepartment(ctx.db, '001015', 3);
  const police = await caseRefsOfDepartment(ctx.db, '001003', 1);
  const about = (c: { ref: string } | undefined) => (c ? { subjectKind: 'case', caseRef: c.ref } : { subjectKind: 'pattern' });
  const original = (ctx.clocks as unknown as { clockNow?: () => Date }).clockNow ?? (() => new Date());
  const at = (t: Date) => ctx.clocks.setNow(() => t);
  try {
    // Closed: answered in time and accepted.
    at(workingDaysAgo(ctx, now, 15, 9));
    let o = await issueOrder(ctx, supervisor, input({ orgCode: '001015', ...about(approval[2]), title: '受理超时问题督办', body: '该件受理环节超过 5 个工作日未作出决定，请核查原因并整改。' }));
    at(workingDaysAgo(ctx, now, 14, 16));
    o = await replyOrder(ctx, head, o.id, o.version, '已核查：窗口人员调休导致积压，已调整排班并于当日完成受理。');
    at(workingDaysAgo(ctx, now, 13, 10));
    await closeOrder(ctx, supervisor, o.id, o.version, '整改到位，予以办结。');

    // Escalated: the police bureau let the reply limit pass.
    at(workingDaysAgo(ctx, now, 8, 10));
    await issueOrder(ctx, supervisor, input({ orgCode: '001003', ...about(police[0]), title: '户籍业务环节超期督办', body: '户籍类办件多个审核环节超期，请说明原因并提出整改措施。', limitDays: '3' }));
    at(new Date(now.getTime() - DAY_MS / 24));
    await escalateOverdue(ctx);

    // Replied: waiting for the supervisor.
    at(workingDaysAgo(ctx, now, 3, 9));
    o = await issueOrder(ctx, supervisor, input({ orgCode: '001015', ...about(approval[1]), title: '不予受理理由空泛督办', body: '不予受理决定书理由表述笼统，请复核并规范告知内容。' }));
    at(workingDaysAgo(ctx, now, 1, 15));
    await replyOrder(ctx, head, o.id, o.version, '已复核该件，重新出具告知书并组织窗口人员学习规范用语。');

    // Issued: just sent, a pattern across the bureau's cases.
    at(new Date(now.getTime() - 3_600_000));
    await issueOrder(ctx, supervisor, input({ orgCode: '001015', subjectKind: 'pattern', title: '审批环节黄灯集中督办', body: '近期审批一科黄灯办件明显增多，请分析原因，确保在承诺时限内办结。', limitDays: '5' }));
  } finally {
    ctx.clocks.setNow(original);
  }
}
