import { randomUUID } from 'node:crypto';
import { sealAnswers } from './hall.answers.js';
import type { Actor } from '../../platform/auth/actor.js';
import { draftRow, saveAnswers, submitDraft, withdraw } from './hall.apply.service.js';
import { openAssistedDraft, submitAssisted } from './hall.assisted.service.js';
import { openBundleDraft, submitBundle } from './hall.bundles.service.js';
import { getPublicBundle, staffActor } from './hall.deps.js';
import { Simulator, workingDaysAgo } from './hall.generate.sim.js';
import type { WorldItem } from './hall.generate.js';
import * as repo from './hall.repository.js';
import { regionOfAnswers } from './hall.seed.answers.js';
import type { CastMember, SeedKit } from './hall.seed.js';
import { accept, decideAtOnce, deliver, notAccept, recordResult, requestCorrection, signStep } from './hall.workflow.service.js';

/**
 * The demo stories: cases made through the hall's own services at past times
 * (the clock engine's now() is moved to each step's time and restored after),
 * so their timelines, clocks, audit records, domain events, notifications and
 * issued documents are exactly what the workbench and the applicant would
 * have produced. Each story is independent; one that fails is logged and
 * skipped, never half-hidden.
 */
export async function runStories(kit: SeedKit): Promise<number> {
  const { ctx, world, cast, now } = kit;
  // The engine's time source, to put back after (a test may have set its own).
  const original = (ctx.clocks as unknown as { clockNow?: () => Date }).clockNow ?? (() => new Date());
  const office = new Simulator(ctx.calendar, world.staff, now, kit.rand);
  const when = (t: Date) => ctx.clocks.setNow(() => t);
  const wd = (n: number, hour: number) => workingDaysAgo(ctx.calendar, now, n, hour);
  const [clerk, policeClerk, policeHead, agent] = await Promise.all(['clerk', 'clerk.police', 'head.police', 'agent'].map((l) => staffActor(ctx.db, l)));
  const res = (i: number) => cast.residents[i % cast.residents.length]!;
  const online = world.items.filter((i) => i.onlineDepth >= 3 && i.form);
  const forPeople = online.filter((i) => i.content.audiences.includes('individual'));
  const commitment = forPeople.filter((i) => !i.immediate && !i.orgCode.startsWith('001003'));
  const immediate = forPeople.filter((i) => i.immediate);
  const police = forPeople.find((i) => !i.immediate && i.orgCode.startsWith('001003'));

  /** A filled-in draft of the applicant's, as the form pages would have saved it. */
  const draft = async (item: WorldItem, who: CastMember, t: Date) => {
    const id = randomUUID();
    const answers = kit.fill(item.form, who, t);
    await repo.insertCase(ctx.db, { ...draftRow(id, { id: item.itemId, taskCode: item.taskCode, orgCode: item.orgCode }, item.versionId, item.content, who.capacity, 'online', null), answers: sealAnswers(ctx.cipher, answers), regionCode: regionOfAnswers(answers) });
    return (await repo.caseById(ctx.db, id))!;
  };
  const submit = async (item: WorldItem | undefined, who: CastMember, t: Date) => {
    if (!item) throw new Error('no item for this story');
    when(t);
    return submitDraft(ctx, who.actor, await draft(item, who, t), 'zh-CN');
  };
  const staff = (a: Actor | undefined) => {
    if (!a) throw new Error('a demo staff account is missing');
    return a;
  };

  const stories: [string, () => Promise<unknown>][] = [
    [
      'residence permit accepted, first review step signed',
      async () => {
        const t0 = wd(6, 9);
        let row = await submit(police, res(0), t0);
        when(office.office(t0, 0.3));
        row = await accept(ctx, staff(policeClerk), row.id, row.version);
        when(office.office(row.acceptedAt!, 1.2));
        return signStep(ctx, staff(policeHead), row.id, row.version, '材料齐全，信息核验一致，同意进入制证。');
      },
    ],
    [
      'correction requested (one-time notice), clock paused',
      async () => {
        const t0 = wd(3, 21);
        const row = await submit(commitment[0], res(0), t0);
        when(office.office(t0, 0.3));
        return requestCorrection(ctx, staff(clerk), row.id, row.version, [
          { target: '', note: '身份证明材料扫描件不清晰，请重新上传清晰完整的正反面扫描件。' },
          { target: '', note: '申请表第二页缺少申请人签字，请签字后重新上传。' },
        ]);
      },
    ],
    [
      'immediate item approved at the window, delivered electronically',
      async () => {
        const t0 = wd(5, 8);
        let row = await submit(immediate[0], res(1), t0);
        when(office.office(t0, 0.1));
        row = await decideAtOnce(ctx, staff(clerk), row.id, row.version, { decision: 'approve', reason: '' });
        const t1 = office.office(row.decidedAt!, 0.05);
        when(t1);
        row = await recordResult(ctx, staff(clerk), row.id, row.version, { resultNo: `E-${row.ref}`, deliveryMethod: 'electronic', trackingNo: '' });
        when(office.office(t1, 0.1));
        return deliver(ctx, staff(clerk), row.id, row.version);
      },
    ],
    [
      'immediate item denied with reasons',
      async () => {
        const t0 = wd(4, 14);
        const row = await submit(immediate[1] ?? immediate[0], res(2), t0);
        when(office.office(t0, 0.1));
        return decideAtOnce(ctx, staff(clerk), row.id, row.version, { decision: 'deny', reason: '申请人已在其他地区参保，不符合本县参保登记条件（重复参保）。' });
      },
    ],
    [
      'not accepted, with the reason and the remedy',
      async () => {
        const t0 = wd(6, 10);
        const row = await submit(commitment[1] ?? commitment[0], res(3), t0);
        when(office.office(t0, 0.3));
        return notAccept(ctx, staff(clerk), row.id, row.version, '申请事项依法不属于本机关职权范围，请向户籍所在地人民政府提出申请。');
      },
    ],
    [
      'withdrawn by the applicant',
      async () => {
        const row = await submit(commitment[2] ?? commitment[0], res(4), wd(3, 19));
        when(wd(2, 8));
        return withdraw(ctx, res(4).actor, row, '材料准备不全，暂不申请，补齐后再提交。');
      },
    ],
    [
      'registered at the counter with the applicant present',
      async () => {
        const item = commitment[3] ?? commitment[0]!;
        const who = res(2);
        when(wd(1, 10));
        const d = await openAssistedDraft(ctx, staff(clerk), 'counter', { taskCode: item.taskCode, idNumber: who.idNumber!, name: who.capacity.applicantName });
        await saveAnswers(ctx, d, kit.fill(item.form, who, now), null);
        return submitAssisted(ctx, staff(clerk), (await repo.caseById(ctx.db, d.id))!, 'zh-CN');
      },
    ],
    [
      "filed by the township agent with the resident's consent",
      async () => {
        const item = forPeople.find((i) => i.orgCode.startsWith('001004')) ?? commitment[0]!;
        const who = res(3);
        when(wd(2, 10));
        const d = await openAssistedDraft(ctx, staff(agent), 'agent', { taskCode: item.taskCode, idNumber: who.idNumber!, name: who.capacity.applicantName, consentMethod: 'signed_form', consentNote: '申请人签署代办委托书，由村便民服务站代为提交。' });
        await saveAnswers(ctx, d, kit.fill(item.form, who, now), null);
        return submitAssisted(ctx, staff(agent), (await repo.caseById(ctx.db, d.id))!, 'zh-CN');
      },
    ],
    [
      '"open a business" bundle in progress',
      async () => {
        const firm = cast.enterprises[0];
        if (!firm) throw new Error('no demo enterprise');
        const t0 = wd(1, 9);
        when(t0);
        const b = await getPublicBundle(ctx.db, 'open-business');
        const parent = await openBundleDraft(ctx, firm.actor, 'open-business', firm.capacity);
        await saveAnswers(ctx, parent, kit.fill(b.form, firm, t0), null);
        const { children } = await submitBundle(ctx, firm.actor, (await repo.caseById(ctx.db, parent.id))!, 'zh-CN');
        const first = children.find((c) => c.immediate);
        if (!first) return;
        when(office.office(t0, 0.2));
        return decideAtOnce(ctx, staff(clerk), first.id, first.version, { decision: 'approve', reason: '' });
      },
    ],
  ];
  let done = 0;
  try {
    for (const [name, story] of stories) {
      try {
        await story();
        done += 1;
      } catch (e) {
        ctx.log(`  hall: demo story "${name}" skipped: ${e instanceof Error ? e.message : String(e)}${(e as { fields?: unknown }).fields ? ` ${JSON.stringify((e as { fields?: unknown }).fields)}` : ''}`);
      }
    }
  } finally {
    ctx.clocks.setNow(original);
  }
  return done;
}
