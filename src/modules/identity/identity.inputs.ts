/**
 * Identity's entries in the hostile-input registry (src/platform/testing/registry.ts): every
 * form that accepts input, with a valid example, and the pages only their owner may see.
 * The harness in test/hostile/ runs them on the demo county (identity.seed-data.ts).
 */
import type { AccessSubject, Example, InputEndpoint, ResolveContext } from '../../platform/testing/registry.js';
import type { PlatformServices } from '../../platform/module.js';
import { DEMO_PASSWORD } from '../../platform/security/demo.js';
import { makeIdNumber } from '../../platform/validation/id-number.js';
import { makeCreditCode } from '../../platform/validation/credit-code.js';
import { maskIdNumber } from '../../platform/crypto/mask.js';
import { notifyRegistry } from '../../platform/notify/index.js';
import { calendarRegistry } from '../../platform/calendar/index.js';
import * as repo from './identity.repository.js';
import { COUNTY, ENTERPRISES, RESIDENTS } from './identity.seed-data.js';
import { demoCreditCode, demoResidentIdNumber } from './identity.seed.js';

const NEW_PASSWORD = 'Probe-pass-2024';

async function orgId(s: PlatformServices, code: string): Promise<string> {
  const row = await repo.orgUnitByCode(s.db, code);
  if (!row) throw new Error(`identity.inputs: no org unit ${code} (is the demo county seeded?)`);
  return row.id;
}
async function regionId(s: PlatformServices, code: string): Promise<string> {
  const row = await repo.regionByCode(s.db, code);
  if (!row) throw new Error(`identity.inputs: no region ${code} (is the demo county seeded?)`);
  return row.id;
}
async function staffId(s: PlatformServices, login: string): Promise<string> {
  const row = await repo.accountByLogin(s.db, 'staff', login);
  if (!row) throw new Error(`identity.inputs: no staff account ${login}`);
  return row.id;
}
async function residentId(s: PlatformServices, i: number): Promise<string> {
  const row = await repo.residentAccountByHash(s.db, s.cipher.lookupHash('id_number', demoResidentIdNumber(i)));
  if (!row) throw new Error(`identity.inputs: no demo resident ${i}`);
  return row.id;
}

/** A new, valid ID number and mobile for every call: 1950-06-15 onwards, a thousand per birth date. */
function newResident({ seq }: ResolveContext): Example {
  const birth = `${1950 + (Math.floor(seq / 1000) % 60)}0615`;
  return {
    realName: '探针 居民',
    idNumber: makeIdNumber(COUNTY.code, birth, String(seq % 1000).padStart(3, '0')),
    phone: `137${String(seq % 1e8).padStart(8, '0')}`,
    password: NEW_PASSWORD,
    passwordConfirm: NEW_PASSWORD,
  };
}

function newEnterprise({ seq }: ResolveContext): Example {
  return {
    name: '探针测试有限公司',
    creditCode: makeCreditCode({ region: COUNTY.code, orgBody: `PB${String(seq % 1e6).padStart(6, '0')}` }),
    legalRepName: '探针 法人',
    contactName: '探针 联系人',
    contactPhone: `136${String(seq % 1e8).padStart(8, '0')}`,
    password: NEW_PASSWORD,
    passwordConfirm: NEW_PASSWORD,
  };
}

// The calendar's override page (platform/calendar) likewise: identity names who may and who may not.
const calendarEntries = calendarRegistry({
  admin: 'admin',
  others: [
    { label: 'a window clerk (no calendar.manage)', signInAs: 'clerk' },
    { label: 'a supervisor (no calendar.manage)', signInAs: 'supervisor' },
    { label: "a resident's public session", signInAs: RESIDENTS[0]![3], signInOn: 'public' },
    { label: 'anonymous' },
  ],
});

const treeNames = ['nameZh', 'nameEn', '?parent'];
const staffFields = ['login', 'displayName', 'orgUnit', 'region', 'roles', 'active'];

// The inboxes (platform/notify) are per account, and the platform knows no accounts: identity names the demo ones.
const notifyEntries = notifyRegistry({
  idOf: (s, login) => {
    const i = RESIDENTS.findIndex((r) => r[3] === login);
    return i >= 0 ? residentId(s, i) : staffId(s, login);
  },
  resident: RESIDENTS[0]![3],
  otherResident: RESIDENTS[1]![3],
  enterprise: demoCreditCode(1),
  staff: 'clerk',
  otherStaff: 'reviewer',
  admin: 'admin',
});

export const inputs: InputEndpoint[] = [
  { name: 'identity.register', side: 'public', method: 'POST', url: '/register', kind: 'form', example: newResident, fields: ['realName', 'idNumber', 'phone', 'password', 'passwordConfirm'], showBack: ['/account'] },
  {
    name: 'identity.register-enterprise',
    side: 'public',
    method: 'POST',
    url: '/register/enterprise',
    kind: 'form',
    example: newEnterprise,
    fields: ['name', 'creditCode', 'legalRepName', 'contactName', 'contactPhone', 'password', 'passwordConfirm'],
    showBack: ['/account'],
  },
  // 刘志强 signs in; the probe may count wrong passwords against him, the valid example (sent last) clears them.
  { name: 'identity.sign-in.public', side: 'public', method: 'POST', url: '/sign-in', kind: 'form', example: { login: RESIDENTS[4]![3], password: DEMO_PASSWORD, '?return': '/account' }, fields: ['login', 'password', '?return'] },
  { name: 'identity.sign-in.internal', side: 'internal', method: 'POST', url: '/sign-in', kind: 'form', example: { login: 'reviewer', password: DEMO_PASSWORD, '?return': '/' }, fields: ['login', 'password', '?return'] },
  // The password changes only with the valid example, which the probe sends last.
  {
    name: 'identity.password.public',
    side: 'public',
    method: 'POST',
    url: '/account/password',
    kind: 'form',
    signInAs: demoCreditCode(2),
    example: { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD },
    fields: ['currentPassword', 'newPassword', 'newPasswordConfirm'],
  },
  {
    name: 'identity.password.internal',
    side: 'internal',
    method: 'POST',
    url: '/account/password',
    kind: 'form',
    signInAs: 'evaluator',
    example: { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD },
    fields: ['currentPassword', 'newPassword', 'newPasswordConfirm'],
  },
  {
    name: 'identity.agents.add',
    side: 'public',
    method: 'POST',
    url: '/account/agents',
    formUrl: '/account',
    kind: 'form',
    signInAs: demoCreditCode(0),
    example: { agentName: RESIDENTS[1]![0], agentIdNumber: demoResidentIdNumber(1) },
    fields: ['agentName', 'agentIdNumber'],
    showBack: ['/account'],
  },
  {
    name: 'identity.admin.org.new',
    side: 'internal',
    method: 'POST',
    url: '/admin/org/new',
    kind: 'form',
    signInAs: 'admin',
    example: async ({ services }) => ({ nameZh: '探针科', nameEn: 'Probe Section', '?parent': await orgId(services, '001015') }),
    fields: treeNames,
    showBack: ['/admin/org'],
  },
  {
    name: 'identity.admin.regions.new',
    side: 'internal',
    method: 'POST',
    url: '/admin/regions/new',
    kind: 'form',
    signInAs: 'admin',
    example: async ({ services }) => ({ nameZh: '探针村', nameEn: 'Probe Village', '?parent': await regionId(services, `${COUNTY.code}003`) }),
    fields: treeNames,
    showBack: ['/admin/regions'],
  },
  {
    name: 'identity.admin.org.rename',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => `/admin/org/${await orgId(services, '001015002')}/edit`,
    kind: 'form',
    signInAs: 'admin',
    example: { nameZh: '审批一科', nameEn: 'Approval Section One' },
    fields: ['nameZh', 'nameEn'],
    showBack: ['/admin/org'],
  },
  {
    name: 'identity.admin.regions.rename',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => `/admin/regions/${await regionId(services, `${COUNTY.code}003002`)}/edit`,
    kind: 'form',
    signInAs: 'admin',
    example: { nameZh: '石桥村', nameEn: 'Shiqiao Village' },
    fields: ['nameZh', 'nameEn'],
    showBack: ['/admin/regions'],
  },
  {
    name: 'identity.admin.staff.new',
    side: 'internal',
    method: 'POST',
    url: '/admin/staff/new',
    kind: 'form',
    signInAs: 'admin',
    example: async ({ services, seq }) => ({ login: `probe.${seq}`, displayName: '探针 职员', orgUnit: await orgId(services, '001015'), region: '', roles: 'reviewer', password: NEW_PASSWORD }),
    fields: [...staffFields, 'password'],
    showBack: ['/admin/staff'],
  },
  {
    name: 'identity.admin.staff.edit',
    side: 'internal',
    method: 'POST',
    url: async ({ services }) => `/admin/staff/${await staffId(services, 'steward')}`,
    kind: 'form',
    signInAs: 'admin',
    example: async ({ services }) => ({ login: 'steward', displayName: '数据专员 孙磊', orgUnit: await orgId(services, '001016'), region: '', roles: 'data_steward', active: 'on' }),
    fields: staffFields,
    showBack: async ({ services }) => ['/admin/staff', `/admin/staff/${await staffId(services, 'steward')}`],
  },
  { name: 'identity.admin.residents.search', side: 'internal', method: 'POST', url: '/admin/residents', kind: 'form', signInAs: 'clerk', example: { q: RESIDENTS[0]![3] }, fields: ['q'] },
  ...notifyEntries.inputs,
  ...calendarEntries.inputs,
];

export const accessSubjects: AccessSubject[] = [
  {
    name: 'identity.resident-account',
    side: 'public',
    scope: 'self',
    url: '/account',
    owner: { signInAs: RESIDENTS[0]![3] },
    secret: maskIdNumber(demoResidentIdNumber(0)),
    others: [
      { label: 'another resident', signInAs: RESIDENTS[1]![3] },
      // 张三 represents enterprises 0 and 2 (their pages list him); enterprise 1 has nothing to do with him.
      { label: `an unrelated enterprise (${ENTERPRISES[1]![0]})`, signInAs: demoCreditCode(1) },
      { label: "a staff member's internal session", signInAs: 'clerk', signInOn: 'internal' },
      { label: 'anonymous' },
    ],
  },
  {
    name: 'identity.department-staff',
    side: 'internal',
    // The 行政审批服务局's staff page: its head sees 审核员 张伟 (a section's reviewer).
    prepare: async (s) => ({ url: `/admin/org/${await orgId(s, '001015')}/staff`, secret: '审核员 张伟' }),
    owner: { signInAs: 'head' },
    others: [
      { label: "another department's clerk", signInAs: 'clerk.police' },
      { label: "another department's head", signInAs: 'head.police' },
      { label: 'a clerk of the same department (no staff.view)', signInAs: 'clerk' },
      { label: "a resident's public session", signInAs: RESIDENTS[0]![3], signInOn: 'public' },
      { label: 'anonymous' },
    ],
  },
  {
    name: 'identity.resident-record',
    side: 'internal',
    prepare: async (s) => ({ url: `/admin/residents/${await residentId(s, 1)}`, secret: maskIdNumber(demoResidentIdNumber(1)) }),
    owner: { signInAs: 'clerk' },
    others: [
      { label: 'a content editor (no resident.view)', signInAs: 'editor' },
      { label: 'a reviewer (no resident.view)', signInAs: 'reviewer' },
      { label: 'the resident herself, public session', signInAs: RESIDENTS[1]![3], signInOn: 'public' },
      { label: 'anonymous' },
    ],
  },
  ...notifyEntries.accessSubjects,
  ...calendarEntries.accessSubjects,
];
