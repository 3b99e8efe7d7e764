import { Type, type Static } from 'typebox';

/**
 * The content of one version of a service item: the national implementation-list
 * fields (../shared/domain/service-items.md), under their national names, so
 * import and export map one to one. Text a resident reads has a Chinese value
 * and an optional English one (`*_en`); English falls back to Chinese.
 */

export const TASK_TYPES = ['administrative_licence', 'administrative_confirmation', 'administrative_payment', 'administrative_ruling', 'administrative_inspection', 'public_service', 'other'] as const;
export const LIMIT_UNITS = ['working_days', 'calendar_days'] as const;
export const HANDLE_TYPES = ['window', 'online', 'post', 'self_service'] as const;
export const PROJECT_TYPES = ['immediate', 'commitment'] as const;
export const HANDLE_AREAS = ['county', 'township', 'village', 'province', 'nationwide'] as const;
export const AUDIENCES = ['individual', 'enterprise'] as const;
export const MATERIAL_SOURCES = ['applicant', 'department', 'certificate'] as const;
export const MATERIAL_FORMATS = ['paper', 'electronic', 'either'] as const;
/** Life events and themes the guide is browsed by. */
export const LIFE_EVENTS = ['birth', 'schooling', 'employment', 'marriage', 'housing', 'social_security', 'medical', 'retirement', 'assistance', 'disability', 'residence', 'business', 'construction', 'transport', 'agriculture', 'death'] as const;

export type TaskType = (typeof TASK_TYPES)[number];
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export type LifeEvent = (typeof LIFE_EVENTS)[number];
export type Audience = (typeof AUDIENCES)[number];

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

export const Fee = Type.Object({
  name: Text(200),
  standard: Text(500),
  basis: Text(2000),
  reducible: Type.Boolean(),
});

export const Material = Type.Object({
  /** Stable within the item across versions (m1, m2 …); forms tie attachments to it. */
  id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }),
  name: Text(200),
  name_en: Opt(Text(200)),
  required: Type.Boolean(),
  originals: Type.Integer({ minimum: 0, maximum: 99 }),
  copies: Type.Integer({ minimum: 0, maximum: 99 }),
  format: Type.Enum(MATERIAL_FORMATS),
  source: Type.Enum(MATERIAL_SOURCES),
  /** The electronic certificate type that can stand in for it (source = certificate). */
  certificate_type: Opt(Text(100)),
  note: Opt(Text(1000)),
  /** platform/files ids of the blank form and a filled-in sample. */
  blank_form_file: Opt(Type.String({ format: 'uuid' })),
  sample_file: Opt(Type.String({ format: 'uuid' })),
});

export const FlowStep = Type.Object({
  name: Text(200),
  name_en: Opt(Text(200)),
  /** Who performs it: an org unit code, or a role description. */
  actor: Text(200),
  /** Working days the step may take; the sum stays within the committed limit. */
  days: Type.Integer({ minimum: 0, maximum: 365 }),
  /** Departments (org codes) that must all sign off (并联审批). */
  parallel_departments: Opt(Type.Array(Type.String({ pattern: '^[0-9]{3,12}$' }), { maxItems: 20 })),
  description: Opt(Text(1000)),
});

export const Faq = Type.Object({ question: Text(500), answer: Text(4000), question_en: Opt(Text(500)), answer_en: Opt(Text(4000)) });

export const ItemContent = Type.Object({
  catalog_code: Type.String({ pattern: '^[0-9A-Z]{12}$' }),
  task_name: Type.String({ minLength: 2, maxLength: 200 }),
  task_name_en: Opt(Text(200)),
  task_handle_item: Opt(Text(200)),
  task_type: Type.Enum(TASK_TYPES),
  by_law: Type.String({ minLength: 1, maxLength: 8000 }),
  accept_condition: Type.String({ minLength: 1, maxLength: 4000 }),
  accept_condition_en: Opt(Text(4000)),
  summary: Opt(Text(2000)),
  summary_en: Opt(Text(2000)),
  anticipate_day: Type.Integer({ minimum: 0, maximum: 3650 }),
  anticipate_type: Type.Enum(LIMIT_UNITS),
  promise_day: Type.Integer({ minimum: 0, maximum: 3650 }),
  promise_type: Type.Enum(LIMIT_UNITS),
  limit_scene_num: Type.Integer({ minimum: 0, maximum: 9 }),
  is_fee: Type.Boolean(),
  fees: Type.Array(Fee, { maxItems: 20 }),
  handle_type: Type.Array(Type.Enum(HANDLE_TYPES), { minItems: 1, maxItems: 4, uniqueItems: true }),
  online_handle_depth: Type.Integer({ minimum: 1, maximum: 4 }),
  is_express: Type.Boolean(),
  project_type: Type.Enum(PROJECT_TYPES),
  result_type: Text(100),
  result_name: Text(200),
  handle_area: Type.Enum(HANDLE_AREAS),
  /** Township service centres that also handle it (region codes); empty = county centre only. */
  township_codes: Type.Array(Type.String({ pattern: '^[0-9]{9}$' }), { maxItems: 50, uniqueItems: true }),
  transact_addr: Type.String({ minLength: 1, maxLength: 500 }),
  transact_time: Type.String({ minLength: 1, maxLength: 500 }),
  link_way: Type.String({ minLength: 1, maxLength: 200 }),
  supervise_way: Type.String({ minLength: 1, maxLength: 500 }),
  audiences: Type.Array(Type.Enum(AUDIENCES), { minItems: 1, maxItems: 2, uniqueItems: true }),
  life_events: Type.Array(Type.Enum(LIFE_EVENTS), { maxItems: 6, uniqueItems: true }),
  materials: Type.Array(Material, { maxItems: 60 }),
  handle_flow: Type.Array(FlowStep, { minItems: 1, maxItems: 30 }),
  faqs: Type.Array(Faq, { maxItems: 50 }),
});

export type ItemContent = Static<typeof ItemContent>;
export type MaterialSpec = Static<typeof Material>;
export type FlowStepSpec = Static<typeof FlowStep>;
export type FeeSpec = Static<typeof Fee>;
export type FaqSpec = Static<typeof Faq>;

/** Item states: live items have a published version; suspended and withdrawn ones carry a notice. */
export const ITEM_STATES = ['draft', 'active', 'suspended', 'withdrawn'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
