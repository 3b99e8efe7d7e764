import { makeCreditCode } from '../../platform/validation/credit-code.js';
import { makeIdNumber } from '../../platform/validation/id-number.js';
import type { AddressAnswer, Answers, AnswerValue, FieldDef, FormDefinition } from './hall.deps.js';

/**
 * Fills any item's form with valid, plausible answers for the demo history
 * (hall.seed.ts): the applicant's own profile where the form prefills it, a
 * township and village of the county for addresses, the sample material for
 * every file, and for choices an option that no eligibility stop refuses.
 * Conditional fields are filled only when shown, as an applicant would.
 */

export interface FillProfile {
  realName?: string | undefined;
  idNumber?: string | undefined;
  phone?: string | undefined;
  enterpriseName?: string | undefined;
  creditCode?: string | undefined;
  legalRepName?: string | undefined;
}

export interface FillContext {
  profile: FillProfile;
  /** Township codes (9 digits) with their villages (12 digits). */
  townships: { code: string; villages: string[] }[];
  /** The stored sample file every file field points at. */
  file: { fileId: string };
  /** The day the applicant fills the form in (dates are before it). */
  day: Date;
  /** 0 ≤ n < 1: varies the choices between cases. */
  rand: () => number;
}

const pick = <T>(list: readonly T[], rand: () => number): T => list[Math.floor(rand() * list.length) % list.length]!;

const SAMPLE_TEXT: [RegExp, string][] = [
  [/address|addr|location|site/, '青山县城关街道文昌路66号'],
  [/employer|company|enterprise|unit|firm/, '青山县绿源茶叶有限公司'],
  [/school/, '青山县实验小学'],
  [/bank/, '中国农业银行青山县支行'],
  [/account/, '6228480000000000001'],
  [/plate|vehicle/, '浙K·A1234'],
  [/name/, '王小明'],
  [/reason|purpose|note|remark|description|detail|situation/, '因生产经营需要，按要求提交申请，所填信息真实有效。'],
];

function sampleText(f: FieldDef, ctx: FillContext): string {
  const key = f.key.toLowerCase();
  let text = SAMPLE_TEXT.find(([re]) => re.test(key))?.[1] ?? (f.type === 'textarea' ? '申请人按要求如实填写的情况说明。' : `示例${f.label.zh}`);
  if (/^(real_?)?name$|applicant_name|contact_name/.test(key) && ctx.profile.realName) text = ctx.profile.realName;
  if (/enterprise_name|company_name/.test(key) && ctx.profile.enterpriseName) text = ctx.profile.enterpriseName;
  const min = f.min ?? 0;
  while ([...text].length < min) text += '，情况属实';
  const max = f.max ?? (f.type === 'textarea' ? 2000 : 200);
  return [...text].slice(0, Math.max(1, max)).join('');
}

const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function numberIn(f: FieldDef, rand: () => number): number {
  const lo = f.min ?? 1;
  const hi = f.max ?? Math.max(lo, 100);
  return Math.min(hi, lo + Math.floor(rand() * Math.min(50, Math.max(1, hi - lo + 1))));
}

let serial = 100;
/** A valid ID number of a person other than the applicant (household members). */
const otherIdNumber = (rand: () => number) => makeIdNumber('339901', `19${60 + Math.floor(rand() * 40)}0${1 + Math.floor(rand() * 9)}1${Math.floor(rand() * 9)}`, String(100 + (serial++ % 900)).padStart(3, '0'));

function fillValue(f: FieldDef, ctx: FillContext, stopped: Set<string>): AnswerValue | undefined {
  const p = ctx.profile;
  const prefilled = f.prefill ? p[f.prefill] : undefined;
  if (prefilled) return prefilled;
  switch (f.type) {
    case 'text':
    case 'textarea':
      return sampleText(f, ctx);
    case 'number':
      return numberIn(f, ctx.rand);
    case 'date':
      return day(new Date(ctx.day.getTime() - (30 + Math.floor(ctx.rand() * 700)) * 86_400_000));
    case 'choice': {
      const ok = (f.options ?? []).filter((o) => !stopped.has(`${f.key}=${o.value}`));
      return ok.length ? pick(ok, ctx.rand).value : undefined;
    }
    case 'multichoice': {
      const ok = (f.options ?? []).filter((o) => !stopped.has(`${f.key}=${o.value}`));
      const n = Math.max(f.min ?? 1, 1);
      return ok.slice(0, Math.min(ok.length, f.max ?? n, n)).map((o) => o.value);
    }
    case 'idNumber':
      return p.idNumber ?? otherIdNumber(ctx.rand);
    case 'creditCode':
      return p.creditCode ?? makeCreditCode({ region: '339901', orgBody: 'MA2QC009' });
    case 'phone':
      return p.phone ?? '13800010001';
    case 'address': {
      const town = pick(ctx.townships, ctx.rand);
      const a: AddressAnswer = { township: town.code, detail: `${pick(['文昌路', '解放街', '青山大道', '溪口路', '竹林巷'], ctx.rand)}${1 + Math.floor(ctx.rand() * 120)}号` };
      if (town.villages.length) a.village = pick(town.villages, ctx.rand);
      return a;
    }
    case 'table': {
      const rows = Math.max(f.min ?? 1, 1);
      return Array.from({ length: rows }, () => {
        const row: Record<string, string> = {};
        for (const c of f.columns ?? []) {
          const v = c.type === 'idNumber' ? otherIdNumber(ctx.rand) : fillValue({ ...c, prefill: undefined }, ctx, stopped);
          if (typeof v === 'string' || typeof v === 'number') row[c.key] = String(v);
        }
        return row;
      });
    }
    case 'file':
      return { fileId: ctx.file.fileId, name: `${f.label.zh}.pdf` };
    case 'declaration':
      return true;
  }
}

const holds = (answers: Answers, cond: { field: string; equals: string }) => {
  const v = answers[cond.field];
  return Array.isArray(v) ? (v as unknown[]).includes(cond.equals) : v === cond.equals;
};

/** Answers to every shown field of the form, in page order; optional fields are answered too (a careful applicant). */
export function fillAnswers(form: FormDefinition, ctx: FillContext): Answers {
  const stopped = new Set(form.stops.map((s) => `${s.when.field}=${s.when.equals}`));
  const answers: Answers = {};
  for (const page of form.pages) {
    for (const f of page.fields) {
      if (f.showIf && !holds(answers, f.showIf)) continue;
      const v = fillValue(f, ctx, stopped);
      if (v !== undefined) answers[f.key] = v;
    }
  }
  return answers;
}

/** The first address answer's village or township (supervision counts cases by area), as saving a draft records it. */
export function regionOfAnswers(answers: Answers): string | null {
  for (const v of Object.values(answers)) if (v && typeof v === 'object' && !Array.isArray(v) && 'township' in v) return (v.village || v.township) || null;
  return null;
}
