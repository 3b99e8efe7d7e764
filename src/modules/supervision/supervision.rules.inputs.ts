/**
 * The abnormal-act pages in the hostile-input registry: handling a record
 * (confirm or dismiss with a note) and the rules' thresholds form, each with a
 * valid example; and the pages only the record's department (and the
 * cross-department roles) may see.
 *
 * An accepted note closes its record, so the example resolver (called before
 * the URL for every request) finds an open record, or makes one: a refusal
 * with a boilerplate reason filed through the hall's services and judged by
 * the rules, as on a real event.
 */
import { transaction } from '../../platform/db/database.js';
import type { PlatformServices, SeedContext } from '../../platform/module.js';
import type { AccessOther, AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';
import { supervisionRules } from '../hall/index.js';
import { listRecords } from './supervision.records.repository.js';
import { evaluateRules } from './supervision.rules.service.js';

/** A new open record of the approval bureau (001015, the demo head's department): the case ref and the record id. */
async function freshRecord(s: PlatformServices): Promise<{ id: string; ref: string }> {
  const caseId = await supervisionRules.seedBoilerplateRefusal({ ...s, log: () => undefined } satisfies SeedContext);
  if (!caseId) throw new Error('supervision.rules.inputs: the demo county is not seeded');
  await transaction(s.db, (tx) => evaluateRules(s, tx, { rules: ['boilerplate_reason'], caseIds: [caseId] }));
  const { rows } = await listRecords(s.db, { subjectId: caseId, rule: 'boilerplate_reason', limit: 1, offset: 0 });
  if (!rows[0]) throw new Error('supervision.rules.inputs: the boilerplate refusal did not fire');
  return { id: rows[0].id, ref: rows[0].subjectRef ?? caseId };
}

let current: string | undefined;
async function openRecord(s: PlatformServices): Promise<string> {
  const { rows } = await listRecords(s.db, { state: 'open', limit: 1, offset: 0 });
  current = rows[0]?.id ?? (await freshRecord(s)).id;
  return current;
}

export const inputs: InputEndpoint[] = [
  {
    name: 'supervision.records.handle',
    side: 'internal',
    method: 'POST',
    kind: 'form',
    signInAs: 'supervisor',
    url: async ({ services }) => `/supervision/records/${current ?? (await openRecord(services))}`,
    example: async ({ services }) => {
      await openRecord(services);
      return { decision: 'confirm', note: '经核实，确属不予受理理由空泛。' };
    },
    fields: ['decision', 'note'],
    showBack: () => (current ? [`/supervision/records/${current}`, '/supervision/records'] : ['/supervision/records']),
  },
  {
    name: 'supervision.rules.settings',
    side: 'internal',
    method: 'POST',
    url: '/supervision/settings/rules',
    kind: 'form',
    signInAs: 'supervisor',
    example: { enabled: 'boilerplate_reason', idleDays: '10', reasonMinLength: '8', boilerplatePhrases: '材料不全\n不符合条件\n其他' },
    fields: ['enabled', 'idleDays', 'reasonMinLength', 'boilerplatePhrases'],
    showBack: ['/supervision/settings/rules'],
  },
];

const outsiders: AccessOther[] = [
  { label: "another department's head", signInAs: 'head.police' },
  { label: 'a window clerk', signInAs: 'clerk' },
  { label: 'a reviewer', signInAs: 'reviewer' },
  { label: "a resident's public session", signInAs: '13800010002', signInOn: 'public' },
  { label: 'anonymous' },
];

export const accessSubjects: AccessSubject[] = [
  {
    name: 'supervision.records.record',
    side: 'internal',
    prepare: async (s) => {
      const r = await freshRecord(s);
      return { url: `/supervision/records/${r.id}`, secret: r.ref };
    },
    owner: { signInAs: 'head' },
    others: outsiders,
  },
  {
    name: 'supervision.records.list',
    side: 'internal',
    scope: 'self',
    prepare: async (s) => {
      const r = await freshRecord(s);
      return { url: '/supervision/records?rule=boilerplate_reason', secret: r.ref };
    },
    owner: { signInAs: 'head' },
    others: outsiders,
  },
  {
    name: 'supervision.rules.settings',
    side: 'internal',
    url: '/supervision/settings/rules',
    secret: 'name="boilerplatePhrases"',
    owner: { signInAs: 'supervisor' },
    others: [
      { label: 'a department head', signInAs: 'head' },
      { label: 'an evaluator', signInAs: 'evaluator' },
      { label: 'anonymous' },
    ],
  },
];
