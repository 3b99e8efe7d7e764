import type { Actor } from '../../platform/auth/actor.js';
import { actorRef } from '../../platform/auth/actor.js';
import { transaction, type Db } from '../../platform/db/database.js';
import { FieldErrors } from '../../platform/http/forms.js';
import type { PlatformServices } from '../../platform/module.js';
import { P } from './supervision.policy.js';
import { RULES, type RuleKey } from './supervision.records.repository.js';
import { readSetting, writeSetting } from './supervision.settings.repository.js';

/**
 * The rules' thresholds (setting key `rules`, ADR 0024). The limits of
 * acceptance (5 working days) and of each review step are the hall's own
 * clocks; what supervision decides is which rules run, when a case counts as
 * idle, and what a meaningless reason looks like.
 */
export interface RuleSettings {
  /** The rules that run; a rule left out neither fires on events nor on the schedule. */
  enabled: RuleKey[];
  /** An open case with no timeline entry for more than this many working days is idle. */
  idleDays: number;
  /** A refusal or denial reason with fewer meaningful characters (white space and punctuation removed) is boilerplate. */
  reasonMinLength: number;
  /** Phrases that, alone, are no reason at all. */
  boilerplatePhrases: string[];
}

export const SETTING_KEY = 'rules';

export const RULE_DEFAULTS: RuleSettings = {
  enabled: [...RULES],
  idleDays: 10,
  reasonMinLength: 8,
  boilerplatePhrases: ['不符合条件', '不符合要求', '不符合规定', '材料不全', '材料不齐全', '资料不全', '其他', '其它', '无', '不予受理', '不予许可', '不同意'],
};

export const LIMITS = { idleDays: { min: 1, max: 250 }, reasonMinLength: { min: 0, max: 200 }, phrases: 100, phraseLength: 50 } as const;

const isRule = (v: unknown): v is RuleKey => (RULES as readonly unknown[]).includes(v);

/** The settings in force: the stored value over the defaults, anything malformed in storage falling back to its default. */
export async function ruleSettings(db: Db): Promise<RuleSettings> {
  const raw = await readSetting<Record<string, unknown>>(db, SETTING_KEY, { ...RULE_DEFAULTS });
  const int = (v: unknown, d: number, l: { min: number; max: number }) => (typeof v === 'number' && Number.isInteger(v) && v >= l.min && v <= l.max ? v : d);
  return {
    enabled: Array.isArray(raw.enabled) ? raw.enabled.filter(isRule) : RULE_DEFAULTS.enabled,
    idleDays: int(raw.idleDays, RULE_DEFAULTS.idleDays, LIMITS.idleDays),
    reasonMinLength: int(raw.reasonMinLength, RULE_DEFAULTS.reasonMinLength, LIMITS.reasonMinLength),
    boilerplatePhrases: Array.isArray(raw.boilerplatePhrases) ? raw.boilerplatePhrases.filter((p): p is string => typeof p === 'string') : RULE_DEFAULTS.boilerplatePhrases,
  };
}

export interface RuleSettingsForm {
  enabled: string[];
  idleDays: string;
  reasonMinLength: string;
  boilerplatePhrases: string;
}

export const formOf = (s: RuleSettings): RuleSettingsForm => ({ enabled: s.enabled, idleDays: String(s.idleDays), reasonMinLength: String(s.reasonMinLength), boilerplatePhrases: s.boilerplatePhrases.join('\n') });

/** Checks the settings form; every problem at once, each naming its field. */
export function parseRuleSettings(form: RuleSettingsForm): RuleSettings {
  const errors = new FieldErrors();
  const integer = (field: 'idleDays' | 'reasonMinLength') => {
    const text = form[field].trim();
    const l = LIMITS[field];
    if (!text) errors.add(field, 'supervision:rules.settings.errors.required');
    else if (!/^[0-9]{1,4}$/.test(text)) errors.add(field, 'supervision:rules.settings.errors.integer');
    else if (Number(text) < l.min || Number(text) > l.max) errors.add(field, 'supervision:rules.settings.errors.range', { min: l.min, max: l.max });
    return Number(text);
  };
  const idleDays = integer('idleDays');
  const reasonMinLength = integer('reasonMinLength');
  const unknown = form.enabled.filter((r) => !isRule(r));
  if (unknown.length) errors.add('enabled', 'supervision:rules.settings.errors.rule');
  const phrases = [...new Set(form.boilerplatePhrases.split(/\r?\n/).map((p) => p.trim()).filter(Boolean))];
  if (phrases.length > LIMITS.phrases) errors.add('boilerplatePhrases', 'supervision:rules.settings.errors.phrases', { max: LIMITS.phrases });
  else if (phrases.some((p) => [...p].length > LIMITS.phraseLength)) errors.add('boilerplatePhrases', 'supervision:rules.settings.errors.phraseLength', { max: LIMITS.phraseLength });
  errors.throwIfAny();
  return { enabled: RULES.filter((r) => form.enabled.includes(r)), idleDays, reasonMinLength, boilerplatePhrases: phrases };
}

/** Saves the thresholds (supervisors and administrators); the change is audited with before and after. */
export async function saveRuleSettings(s: PlatformServices, actor: Actor, form: RuleSettingsForm): Promise<RuleSettings> {
  await s.permissions.authorize(s.db, actor, P.settings, true, `supervision_setting:${SETTING_KEY}`);
  const value = parseRuleSettings(form);
  await transaction(s.db, (tx) => writeSetting(tx, SETTING_KEY, value, actorRef(actor), actor.side, actor.ip));
  return value;
}
