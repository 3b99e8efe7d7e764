import { recordAudit } from '../../platform/audit/audit.service.js';
import { dayKey, shanghaiDay, startOfDay } from '../../platform/calendar/days.js';
import type { ClockUnit } from '../../platform/clock/clock.js';
import { transaction, type Db } from '../../platform/db/database.js';
import type { PlatformServices } from '../../platform/module.js';
import { getVersion, listPublicItems, orgUnits, regions, staffActor, type FormDefinition, type ItemContent } from './hall.deps.js';
import { analyzeCases, insertGenerated, reserveRefNumbers, type GeneratedRows } from './hall.generate.repository.js';
import { seededRandom, Simulator, type Rand, type SimActor, type SimItem, type SimStaff } from './hall.generate.sim.js';
import type { Channel } from './hall.states.js';
import { reviewPlan } from './hall.workflow.service.js';

/**
 * The data generator (`npm run cli -- generate --applications N`):
 * N cases under the published items, spread over the last `days` days, each
 * simulated from submission to now (hall.generate.sim.ts) and written in
 * batches of set-based inserts. Reference numbers are reserved per day from the
 * same counter submissions use, so a second run, or the server running at the
 * same time, never collides. Generated applicants have no account (like
 * counter applicants without one); the demo residents' own history is the
 * demo seed's (hall.seed.ts), which uses the same simulation.
 */

export type GenerateServices = Pick<PlatformServices, 'db' | 'calendar' | 'clocks' | 'config'>;

export const MAX_APPLICATIONS = 1_000_000;

export interface WorldItem extends SimItem {
  onlineDepth: number;
  content: ItemContent;
  form: FormDefinition | null;
}

/** What the simulation works with: the items that take applications now, who works them, the villages of the county. */
export interface World {
  items: WorldItem[];
  staff: SimStaff;
  villages: string[];
}

const unit = (t: string): ClockUnit => (t === 'calendar_days' ? 'calendar_days' : 'working_days');

export async function loadItems(db: Db): Promise<WorldItem[]> {
  const rows = (await listPublicItems(db, { states: ['active'], limit: 10_000, offset: 0 })).rows;
  const out: WorldItem[] = [];
  for (const item of rows) {
    if (!item.publishedVersionId) continue;
    const { content, form } = await getVersion(db, item.publishedVersionId);
    out.push({
      itemId: item.id,
      versionId: item.publishedVersionId,
      taskCode: item.taskCode,
      name: content.task_name,
      nameEn: content.task_name_en ?? null,
      orgCode: item.orgCode,
      immediate: content.project_type === 'immediate',
      statutory: { value: Math.max(1, content.anticipate_day), unit: unit(content.anticipate_type) },
      committed: { value: Math.max(1, content.promise_day), unit: unit(content.promise_type) },
      plan: reviewPlan(content, item.orgCode),
      resultName: content.result_name,
      onlineDepth: item.onlineDepth,
      content,
      form: form && Array.isArray(form.pages) ? form : null,
    });
  }
  return out;
}

/** Demo staff who work cases, by login; a department without one gets a named stand-in ("<department> 经办人", no account). */
const STAFF_LOGINS = ['clerk', 'clerk.police', 'reviewer', 'head', 'head.police', 'head.market', 'head.housing'];

export async function loadStaff(s: GenerateServices): Promise<SimStaff> {
  const orgs = new Map((await orgUnits(s.db)).map((o) => [o.code, o.nameZh]));
  const windows = new Map<string, SimActor>();
  const reviewers = new Map<string, SimActor>();
  const heads = new Map<string, SimActor>();
  for (const login of STAFF_LOGINS) {
    const a = await staffActor(s.db, login);
    if (!a?.departmentCode) continue;
    const who = { id: a.accountId, ref: `staff:${a.accountId}`, name: a.displayName };
    if (a.roles.includes('window_clerk') && !windows.has(a.departmentCode)) windows.set(a.departmentCode, who);
    if (a.roles.includes('reviewer') && !reviewers.has(a.departmentCode)) reviewers.set(a.departmentCode, who);
    if (a.roles.includes('department_head')) {
      if (!heads.has(a.departmentCode)) heads.set(a.departmentCode, who);
      if (!reviewers.has(a.departmentCode)) reviewers.set(a.departmentCode, who);
    }
  }
  const stand = new Map<string, SimActor>();
  const standIn = (org: string): SimActor => {
    const dept = org.slice(0, 6);
    let who = stand.get(dept);
    if (!who) {
      const id = `00000000-0000-4000-8000-${dept.replace(/\D/g, '').padStart(12, '0').slice(-12)}`;
      who = { id, ref: `staff:${id}`, name: `${orgs.get(dept) ?? dept} 经办人` };
      stand.set(dept, who);
    }
    return who;
  };
  const oneWindow = windows.get(s.config.hallOneWindowOrg);
  return {
    window: (org) => windows.get(org.slice(0, 6)) ?? oneWindow ?? standIn(org),
    reviewer: (org) => reviewers.get(org.slice(0, 6)) ?? standIn(org),
    head: (org) => heads.get(org.slice(0, 6)) ?? standIn(org),
  };
}

export async function loadWorld(s: GenerateServices): Promise<World> {
  const items = await loadItems(s.db);
  if (!items.length) throw new Error('no service item takes applications: load the demo county first (npm run cli -- seed-demo), or publish items');
  const villages = (await regions(s.db)).filter((r) => r.level === 'village').map((r) => r.code);
  return { items, staff: await loadStaff(s), villages };
}

/** Writes the simulated rows in one transaction. */
export const writeRows = (db: Db, rows: GeneratedRows) => transaction(db, (tx) => insertGenerated(tx, rows));

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '红梅', '志强', '海燕', '晓东', '春生'];
const FIRM = ['绿源', '青禾', '云溪', '石门', '竹韵', '溪口', '茶乡', '龙泉', '白沙', '柳岸', '枫林', '金滩', '鑫达', '恒信', '顺丰源'];
const TRADE = ['茶叶', '农业开发', '竹木制品', '建材', '餐饮管理', '物流', '电子商务', '建筑工程', '家政服务', '文化传媒'];
const pick = <T>(list: readonly T[], r: Rand): T => list[Math.floor(r() * list.length) % list.length]!;

function syntheticApplicant(r: Rand) {
  if (r() < 0.25) return { id: null, kind: 'enterprise' as const, name: `青山县${pick(FIRM, r)}${pick(TRADE, r)}有限公司`, actingPersonId: null };
  return { id: null, kind: 'resident' as const, name: `${pick([...SURNAMES], r)}${pick(GIVEN, r)}`, actingPersonId: null };
}

/** Splits `count` over the last `days` days (weekends and holidays get a third as many), exactly. */
export function perDay(s: Pick<GenerateServices, 'calendar'>, now: Date, count: number, days: number): { day: number; n: number }[] {
  const today = shanghaiDay(now);
  const list = Array.from({ length: days }, (_, i) => today - days + 1 + i).map((day) => ({ day, w: s.calendar.isWorkingDay(startOfDay(day)) ? 3 : 1 }));
  const total = list.reduce((n, d) => n + d.w, 0);
  const raw = list.map((d) => ({ day: d.day, exact: (count * d.w) / total }));
  const out = raw.map((d) => ({ day: d.day, n: Math.floor(d.exact), frac: d.exact - Math.floor(d.exact) }));
  let left = count - out.reduce((n, d) => n + d.n, 0);
  for (const d of [...out].sort((a, b) => b.frac - a.frac)) if (left-- > 0) d.n += 1;
  return out.map(({ day, n }) => ({ day, n }));
}

export interface GenerateOptions {
  count: number;
  /** Spread over this many days before now (default 365). */
  days?: number;
  seed?: number;
  /** Cases per write (default 5000). */
  batch?: number;
  progress?: (done: number, total: number) => void;
}

export interface GenerateReport {
  cases: number;
  events: number;
  clocks: number;
  byState: Record<string, number>;
}

/** Generates `count` cases; each batch commits on its own, so progress survives an interruption. */
export async function generateApplications(s: GenerateServices, opts: GenerateOptions): Promise<GenerateReport> {
  const count = opts.count;
  if (!Number.isInteger(count) || count < 1 || count > MAX_APPLICATIONS) throw new RangeError(`--applications must be a whole number from 1 to ${MAX_APPLICATIONS}`);
  const days = opts.days ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new RangeError('--days must be a whole number from 1 to 3650');
  const world = await loadWorld(s);
  const now = s.clocks.now();
  const rand = seededRandom(opts.seed ?? Date.now());
  const batch = opts.batch ?? 5000;
  // Popular items: immediate items and a random few get most applications.
  const weights = world.items.map((it) => (it.immediate ? 4 : 1) * (0.3 + rand() * 2));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const chooseItem = () => {
    let x = rand() * totalWeight;
    for (const [i, w] of weights.entries()) if ((x -= w) <= 0) return world.items[i]!;
    return world.items[world.items.length - 1]!;
  };
  const report: GenerateReport = { cases: 0, events: 0, clocks: 0, byState: {} };
  let sim = new Simulator(s.calendar, world.staff, now, rand);
  const flush = async () => {
    if (!sim.rows.cases.length) return;
    await writeRows(s.db, sim.rows);
    report.cases += sim.rows.cases.length;
    report.events += sim.rows.events.length;
    report.clocks += sim.rows.clocks.length;
    opts.progress?.(report.cases, count);
    sim = new Simulator(s.calendar, world.staff, now, rand);
  };
  for (const { day, n } of perDay(s, now, count, days)) {
    if (!n) continue;
    const key = dayKey(day).replaceAll('-', '');
    const first = await reserveRefNumbers(s.db, key, n);
    const start = startOfDay(day).getTime();
    const working = s.calendar.isWorkingDay(startOfDay(day));
    const times = Array.from({ length: n }, () => rand()).sort((a, b) => a - b);
    for (const [i, x] of times.entries()) {
      const item = chooseItem();
      const r = rand();
      // Counter applications come in on working days, in office hours; online ones at any time, mostly in waking hours.
      const channel: Channel = working && (item.onlineDepth < 3 || r < 0.15) ? 'counter' : item.onlineDepth >= 3 && r < 0.2 ? 'agent' : 'online';
      const applicant = syntheticApplicant(rand);
      const submitter = channel === 'online' ? { id: '', ref: 'anonymous', name: applicant.name } : world.staff.window(item.orgCode);
      const at = start + (channel === 'counter' ? (9 + x * 8.5) * 3_600_000 : daytime(x, rand) * 86_400_000);
      const state = sim.run({
        ref: `${key}-${String(first + i).padStart(6, '0')}`,
        item,
        applicant,
        submitter,
        channel,
        regionCode: world.villages.length ? pick(world.villages, rand) : null,
        answers: {},
        submittedAt: new Date(Math.min(at, now.getTime() - (n - i) * 1000)),
      });
      report.byState[state] = (report.byState[state] ?? 0) + 1;
    }
    if (sim.rows.cases.length >= batch) await flush();
  }
  await flush();
  await analyzeCases(s.db);
  await transaction(s.db, (tx) => recordAudit(tx, { actor: 'system', action: 'hall.generate', subject: 'application:*', summary: { count, days, byState: report.byState }, listener: 'cli' }));
  return report;
}

/** A share of the day from an ordered draw `x`: most applications come in waking hours (07:00–22:00), a few at night. */
function daytime(x: number, r: Rand): number {
  return r() < 0.9 ? (7 + x * 15) / 24 : x;
}
