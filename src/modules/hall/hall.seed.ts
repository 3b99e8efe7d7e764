import { randomUUID } from 'node:crypto';
import { sealAnswers } from './hall.answers.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { dayKey, shanghaiDay } from '../../platform/calendar/days.js';
import { computeSchedule } from '../../platform/clock/clock.compute.js';
import { transaction } from '../../platform/db/database.js';
import { storeFile } from '../../platform/files/files.js';
import type { SeedContext } from '../../platform/module.js';
import { materialFiles, type Capacity } from './hall.apply.service.js';
import { applicantProfile, bundleAnswersByItem, demoResidentIdNumber, enterprisesOf, getPublicBundle, regions, residentByIdNumber, staffActor, type Answers } from './hall.deps.js';
import { countCases, reserveRefNumbers } from './hall.generate.repository.js';
import { loadWorld, writeRows, type World, type WorldItem } from './hall.generate.js';
import { atDay, seededRandom, Simulator, SMOOTH, workingDaysAgo, type Fate, type Rand, type SimActor, type SimCase } from './hall.generate.sim.js';
import { fillAnswers, regionOfAnswers, type FillContext, type FillProfile } from './hall.seed.answers.js';
import { runStories } from './hall.seed.stories.js';

/**
 * The hall's demo history (DESIGN §5): about 200 cases of the demo residents
 * and enterprises over the last 60 days, so that "my cases", every workbench
 * queue, the clocks' signals and the visit figures have something to show.
 *
 * Two parts: a handful of stories made through the hall's own
 * services, at past times (the clock engine's time is moved for each step), so
 * their timelines, clocks, audit records, domain events, notifications and
 * documents are the real thing; and the bulk, simulated by the data
 * generator's simulation and written set-based, with timelines, review steps
 * and clocks consistent with the engine's rules. Some bulk cases are pinned so
 * the demo always has every state: overdue and due-soon cases, a parallel step
 * half signed, an open special procedure, a completed "open a business" bundle.
 * The seed runs once per data dir; it does nothing when cases exist.
 */

export interface CastMember {
  capacity: Capacity;
  /** Who acts: the resident themself, or the person acting for the enterprise. */
  actor: Actor;
  profile: FillProfile;
  idNumber: string | undefined;
}

export interface Cast {
  residents: CastMember[];
  enterprises: CastMember[];
}

const publicActor = (id: string, kind: 'resident' | 'enterprise', name: string): Actor => ({ accountId: id, kind, displayName: name, roles: [], orgUnitId: null, departmentCode: null, regionCode: null, side: 'public', ip: '127.0.0.1' });

/** The demo residents (by their ID numbers) and the enterprises they act for. */
async function loadCast(ctx: SeedContext): Promise<Cast> {
  const residents: CastMember[] = [];
  for (let i = 0; i < 20; i++) {
    let idNumber: string;
    try {
      idNumber = demoResidentIdNumber(i);
    } catch {
      break;
    }
    const r = await residentByIdNumber(ctx.db, ctx.cipher, idNumber);
    if (!r) continue;
    const p = await applicantProfile(ctx.db, ctx.cipher, { id: r.accountId, kind: 'resident' });
    residents.push({ capacity: { applicantId: r.accountId, applicantKind: 'resident', applicantName: r.realName, actingPersonId: null }, actor: publicActor(r.accountId, 'resident', r.realName), profile: p, idNumber });
  }
  const enterprises: CastMember[] = [];
  for (const person of residents) {
    for (const e of await enterprisesOf(ctx.db, person.capacity.applicantId)) {
      if (enterprises.some((x) => x.capacity.applicantId === e.accountId)) continue;
      const p = await applicantProfile(ctx.db, ctx.cipher, { id: e.accountId, kind: 'enterprise' });
      enterprises.push({
        capacity: { applicantId: e.accountId, applicantKind: 'enterprise', applicantName: e.name, actingPersonId: person.capacity.applicantId },
        actor: person.actor,
        profile: { ...p, realName: person.profile.realName, idNumber: person.profile.idNumber },
        idNumber: undefined,
      });
    }
  }
  return { residents, enterprises };
}

/** One small PDF every demo file answer points at (a scanned material stands in). */
async function storeSample(ctx: SeedContext): Promise<{ fileId: string }> {
  // pdf-lib only loads when the demo is seeded, not in every server process.
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('OneWindow demo - sample material', { x: 72, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  const bytes = Buffer.from(await doc.save());
  const f = await storeFile(ctx.db, ctx.files, { bytes, name: '示例材料.pdf', createdBy: 'system', allow: ['pdf'], maxBytes: ctx.config.fileMaxBytes, field: 'file' });
  return { fileId: f.id };
}

export interface SeedKit {
  ctx: SeedContext;
  world: World;
  cast: Cast;
  now: Date;
  rand: Rand;
  fill: (form: WorldItem['form'], who: CastMember, day: Date) => Answers;
}

export async function seedHall(ctx: SeedContext): Promise<void> {
  const started = performance.now();
  if ((await countCases(ctx.db)) > 0) return ctx.log('  hall: cases exist already; no demo history added');
  const world = await loadWorld(ctx).catch(() => undefined);
  const cast = await loadCast(ctx);
  if (!world || !cast.residents.length) return ctx.log('  hall: no service items or demo residents; no demo history added');
  const sample = await storeSample(ctx);
  const regionList = await regions(ctx.db);
  const townships = regionList.filter((r) => r.level === 'township').map((t) => ({ code: t.code, villages: regionList.filter((v) => v.level === 'village' && v.code.startsWith(t.code)).map((v) => v.code) }));
  const now = ctx.clocks.now();
  const rand = seededRandom(20261124);
  const kit: SeedKit = {
    ctx,
    world,
    cast,
    now,
    rand,
    fill: (form, who, day) => (form ? fillAnswers(form, { profile: who.profile, townships, file: sample, day, rand } satisfies FillContext) : {}),
  };
  const bulk = await seedBulk(kit);
  const stories = await runStories(kit);
  const cases = await countCases(ctx.db);
  await transaction(ctx.db, (tx) => recordAudit(tx, { actor: 'system', action: 'hall.seed_demo', subject: 'application:*', summary: { cases, simulated: bulk, stories }, listener: 'cli' }));
  ctx.log(`  hall: ${cases} demo cases over 60 days (${stories} stories through the services, ${bulk} simulated) (${Math.round(performance.now() - started)} ms)`);
}

const pickOf = <T>(list: readonly T[], r: Rand): T => list[Math.floor(r() * list.length) % list.length]!;

/** Who applies for an item: a resident, or an enterprise (through the person acting for it), as the item's audience says. */
function applicantFor(kit: SeedKit, item: WorldItem): CastMember {
  const aud = item.content.audiences;
  const firm = kit.cast.enterprises.length > 0 && aud.includes('enterprise') && (!aud.includes('individual') || kit.rand() < 0.3);
  return firm ? pickOf(kit.cast.enterprises, kit.rand) : pickOf(kit.cast.residents, kit.rand);
}

interface Planned {
  item: WorldItem;
  who: CastMember;
  at: Date;
  channel: SimCase['channel'];
  fate?: Partial<Fate>;
}

/** The bulk: pinned cases for every state and signal, then ~150 cases drawn at random over 60 days. */
async function seedBulk(kit: SeedKit): Promise<number> {
  const { world, now, rand, ctx } = kit;
  const cal = ctx.calendar;
  const online = world.items.filter((i) => i.onlineDepth >= 3 && i.form);
  const commitment = online.filter((i) => !i.immediate);
  const find = (p: (i: WorldItem) => boolean, from = commitment) => from.find(p) ?? from[0]!;
  const approval = find((i) => i.orgCode === ctx.config.hallOneWindowOrg);
  const parallel = find((i) => i.plan.filter((p) => p.stepNo === 1).length > 1);
  const special = find((i) => i.plan.length >= 2 && i.orgCode !== approval.orgCode);
  const shortLimit = find((i) => i.committed.unit === 'working_days' && i.committed.value <= 5);
  // Submission times whose acceptance clock is now overdue, and now due soon (the engine's own arithmetic; online submissions come any day).
  const acceptanceAt = (want: 'red' | 'yellow') => {
    for (let d = 1; d < 40; d++) {
      const t = atDay(now, d, 10);
      const s = computeSchedule(cal, { limitValue: 5, limitUnit: 'working_days', startedAt: t, warnBefore: 1, warnShare: null }, []);
      if (want === 'red' ? s.dueAt < now && d > 7 : s.warnAt <= now && now <= s.dueAt) return t;
    }
    return atDay(now, want === 'red' ? 12 : 4, 10);
  };
  // Pinned cases start far enough back (in working days) for every action before their halt to have happened, whatever the holidays.
  const wd = (n: number, hour = 10) => workingDaysAgo(cal, now, n, hour);
  const resident = (i: number) => kit.cast.residents[i % kit.cast.residents.length]!;
  const pinned: Planned[] = [
    { item: pickOf(commitment, rand), who: resident(0), at: acceptanceAt('red'), channel: 'online', fate: { ...SMOOTH, preexamine: false, halt: 'submit', delivery: 'post' } },
    { item: pickOf(commitment, rand), who: resident(1), at: acceptanceAt('yellow'), channel: 'online', fate: { ...SMOOTH, preexamine: false, halt: 'submit', delivery: 'post' } },
    { item: approval, who: resident(2), at: wd(3, 9), channel: 'counter', fate: { ...SMOOTH, halt: 'preexamine', delivery: 'pickup' } },
    { item: shortLimit, who: resident(3), at: wd(15), channel: 'online', fate: { ...SMOOTH, halt: 'accept', delivery: 'electronic' } },
    { item: approval, who: resident(1), at: wd(5, 11), channel: 'online', fate: { ...SMOOTH, halt: 'accept', delivery: 'electronic' } },
    { item: parallel, who: applicantFor(kit, parallel), at: wd(9), channel: 'online', fate: { ...SMOOTH, halt: 'parallel', delivery: 'post' } },
    { item: special, who: applicantFor(kit, special), at: wd(7, 15), channel: 'online', fate: { ...SMOOTH, special: 'open', delivery: 'post' } },
    { item: approval, who: resident(4), at: wd(12), channel: 'online', fate: { ...SMOOTH, halt: 'reviewed', delivery: 'post' } },
    { item: approval, who: resident(0), at: wd(14, 9), channel: 'online', fate: { ...SMOOTH, halt: 'decide', delivery: 'pickup' } },
    { item: approval, who: resident(2), at: wd(16, 9), channel: 'online', fate: { ...SMOOTH, halt: 'recordResult', delivery: 'post' } },
    ...(['pickup', 'post', 'electronic'] as const).map((delivery, i) => ({ item: pickOf(online, rand), who: resident(i), at: wd(20 + i * 4), channel: 'online' as const, fate: { ...SMOOTH, delivery } })),
    { item: pickOf(commitment, rand), who: resident(3), at: wd(20), channel: 'online', fate: { ...SMOOTH, deny: true, delivery: 'post' } },
    { item: pickOf(commitment, rand), who: resident(4), at: wd(6), channel: 'online', fate: { ...SMOOTH, notAccept: true, delivery: 'post' } },
    { item: pickOf(commitment, rand), who: resident(1), at: atDay(now, 5, 20), channel: 'online', fate: { ...SMOOTH, withdraw: 'early', delivery: 'post' } },
    { item: pickOf(commitment, rand), who: resident(0), at: wd(5), channel: 'online', fate: { ...SMOOTH, correction: 'open', delivery: 'post' } },
    { item: pickOf(online, rand), who: resident(2), at: atDay(now, 7, 10), channel: 'agent', fate: { ...SMOOTH, halt: 'submit', delivery: 'post' } },
  ];
  const random: Planned[] = Array.from({ length: 150 }, () => {
    const item = pickOf(world.items, rand);
    const daysAgo = Math.floor(rand() ** 1.3 * 60);
    const r = rand();
    const channel: SimCase['channel'] = item.onlineDepth < 3 || r < 0.12 ? 'counter' : r < 0.2 ? 'agent' : 'online';
    return { item, who: applicantFor(kit, item), at: atDay(now, daysAgo, channel === 'counter' ? 9 + rand() * 8 : 7 + rand() * 15), channel };
  });
  const plan = [...pinned, ...random]
    .map((p) => (p.channel === 'agent' && p.who.capacity.applicantKind === 'enterprise' ? { ...p, channel: 'online' as const } : p))
    .map((p) => ({ ...p, at: p.at > now ? new Date(now.getTime() - 60_000) : p.at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  const sim = new Simulator(cal, world.staff, now, rand);
  const agent = await staffOf(kit, 'agent');
  const refs = await reserveRefs(kit, plan.map((p) => p.at));
  for (const [i, p] of plan.entries()) {
    const answers = kit.fill(p.item.form, p.who, p.at);
    const files = p.item.form ? materialFiles(p.item.form, answers) : new Map();
    const submitter: SimActor = p.channel === 'online' ? { id: p.who.actor.accountId, ref: `${p.who.actor.kind}:${p.who.actor.accountId}`, name: p.who.actor.displayName } : p.channel === 'agent' && agent ? agent : world.staff.window(p.item.orgCode);
    const assisted = p.channel !== 'online' && p.who.idNumber ? { idEnc: ctx.cipher.encrypt(p.who.idNumber), idHash: ctx.cipher.lookupHash('id_number', p.who.idNumber) } : {};
    sim.run({
      ref: refs[i]!,
      item: p.item,
      applicant: { id: p.who.capacity.applicantId, kind: p.who.capacity.applicantKind, name: p.who.capacity.applicantName, actingPersonId: p.who.capacity.actingPersonId, ...assisted },
      submitter,
      channel: p.channel,
      regionCode: regionOfAnswers(answers),
      answers: sealAnswers(ctx.cipher, answers),
      materials: [...files].flatMap(([materialId, list]) => list.map((f: { fileId: string }) => ({ materialId, fileId: f.fileId }))).filter((m, j, all) => all.findIndex((x) => x.materialId === m.materialId && x.fileId === m.fileId) === j),
      submittedAt: p.at,
      ...(p.fate ? { fate: p.fate } : {}),
    });
  }
  const bundled = await completedBundle(kit, sim);
  await writeRows(ctx.db, sim.rows);
  return plan.length + bundled;
}

async function staffOf(kit: SeedKit, login: string): Promise<SimActor | undefined> {
  const a = await staffActor(kit.ctx.db, login);
  return a ? { id: a.accountId, ref: `staff:${a.accountId}`, name: a.displayName } : undefined;
}

/** Reference numbers for these submission times, reserved per day from the real counter. */
async function reserveRefs(kit: SeedKit, times: Date[]): Promise<string[]> {
  const keys = times.map((t) => dayKey(shanghaiDay(t)).replaceAll('-', ''));
  const next = new Map<string, number>();
  for (const key of new Set(keys)) next.set(key, await reserveRefNumbers(kit.ctx.db, key, keys.filter((k) => k === key).length));
  return keys.map((key) => {
    const n = next.get(key)!;
    next.set(key, n + 1);
    return `${key}-${String(n).padStart(6, '0')}`;
  });
}

/** An "open a business" bundle filed four weeks ago whose every member case has completed, so its parent has completed too. */
async function completedBundle(kit: SeedKit, sim: Simulator): Promise<number> {
  const { ctx, world, now } = kit;
  const b = await getPublicBundle(ctx.db, 'open-business').catch(() => undefined);
  const firm = kit.cast.enterprises[kit.cast.enterprises.length - 1];
  if (!b || !firm) return 0;
  const at = workingDaysAgo(ctx.calendar, now, 20);
  const answers = kit.fill(b.form, firm, at);
  const shares = bundleAnswersByItem(b, answers);
  const [parentRef, ...childRefs] = await reserveRefs(kit, Array.from({ length: b.members.length + 1 }, () => at));
  const parentId = randomUUID();
  const who = { id: firm.actor.accountId, ref: `resident:${firm.actor.accountId}`, name: firm.actor.displayName };
  const first = sim.rows.cases.length;
  for (const [i, m] of b.members.entries()) {
    const item = world.items.find((x) => x.taskCode === m.item.taskCode);
    if (!item) return 0;
    const share = shares.get(m.item.taskCode);
    sim.run({
      ref: childRefs[i]!,
      item: { ...item, versionId: m.versionId },
      applicant: { id: firm.capacity.applicantId, kind: 'enterprise', name: firm.capacity.applicantName, actingPersonId: firm.capacity.actingPersonId },
      submitter: who,
      channel: 'online',
      regionCode: null,
      answers: sealAnswers(ctx.cipher, share?.answers ?? {}),
      submittedAt: at,
      parent: { id: parentId, ref: parentRef!, bundleCode: b.bundle.code },
      fate: { ...SMOOTH, preexamine: false, delivery: 'electronic' },
    });
  }
  const children = sim.rows.cases.slice(first);
  const done = children.every((c) => c.state === 'completed');
  const closedAt = done ? children.map((c) => String(c.closed_at)).sort().at(-1)! : null;
  sim.rows.cases.push({
    id: parentId, ref: parentRef, state: done ? 'completed' : 'in_progress', version: done ? 3 : 2, item_id: b.bundle.id, version_id: b.bundle.id, task_code: b.bundle.code,
    item_name: b.bundle.nameZh, item_name_en: b.bundle.nameEn ?? null, org_code: b.members[0]!.item.orgCode, immediate: false, applicant_id: firm.capacity.applicantId,
    applicant_kind: 'enterprise', applicant_name: firm.capacity.applicantName, acting_person_id: firm.capacity.actingPersonId, channel: 'online', kind: 'bundle',
    bundle_code: b.bundle.code, answers: sealAnswers(ctx.cipher, answers), step_no: 0, special_open: false, visits: 0, submitted_at: at.toISOString(), closed_at: closedAt,
    created_at: new Date(at.getTime() - 30 * 60_000).toISOString(), updated_at: closedAt ?? at.toISOString(),
  });
  sim.rows.events.push({ id: randomUUID(), application_id: parentId, at: at.toISOString(), actor: who.ref, actor_name: who.name, action: 'submit', from_state: 'draft', to_state: 'in_progress', details: { ref: parentRef, children: b.members.length }, public: true });
  if (done) sim.rows.events.push({ id: randomUUID(), application_id: parentId, at: closedAt, actor: 'system', actor_name: 'system', action: 'settle', from_state: 'in_progress', to_state: 'completed', details: { children: children.map((c) => ({ ref: c.ref, state: c.state })) }, public: true });
  return children.length + 1;
}

