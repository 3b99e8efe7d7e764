import { Type } from 'typebox';
import { AUDIENCES, ItemContent, LIFE_EVENTS } from './catalog.content.js';

/**
 * Response and query schemas of the catalog's read-only JSON API. They
 * produce the OpenAPI document, and Fastify serialises every answer through
 * them (unknown properties are dropped, so nothing internal leaks).
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

/** application/problem+json (RFC 9457), as the platform's error handler sends it. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable error code, e.g. not_found or validation_failed' }),
    detail: Opt(Type.String()),
    errors: Opt(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: true }))),
    instance: Type.String(),
    reference: Opt(Type.String()),
  },
  { additionalProperties: true, description: 'application/problem+json' },
);

export const Label = Type.Object({ zh: Type.String(), en: Opt(Type.String()) }, { description: 'Bilingual text: en falls back to zh' });

export const Department = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const ItemSummary = Type.Object({
  taskCode: Type.String({ description: 'Implementation code (实施编码)' }),
  name: Type.String({ description: 'task_name' }),
  nameEn: Nullable(Type.String()),
  department: Department,
  state: Type.Union([Type.Literal('active'), Type.Literal('suspended')], { description: 'suspended: no new applications (the guide shows the notice)' }),
  onlineDepth: Type.Integer({ minimum: 1, maximum: 4, description: '1 information, 2 forms to download, 3 apply online, 4 fully online' }),
  visits: Type.Integer({ description: 'limit_scene_num: visits in person (0 = none, 1 = at most once)' }),
  promiseDay: Type.Integer({ description: 'Committed time limit' }),
  promiseType: Type.String({ description: 'working_days or calendar_days' }),
  projectType: Type.String({ description: 'immediate or commitment' }),
  audiences: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
  acceptsOnline: Type.Boolean({ description: 'New applications can be made online now' }),
  url: Type.String({ description: 'The guide page' }),
});

const Paging = {
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
};

export const ItemListQuery = Type.Object({
  audience: Opt(Type.Enum(AUDIENCES, { description: 'individual or enterprise' })),
  event: Opt(Type.Enum(LIFE_EVENTS, { description: 'Life event or theme' })),
  dept: Opt(Type.String({ maxLength: 12, description: 'Department org code (3–12 digits; a prefix: a department and its sections). No department has any other code, so anything else lists nothing.' })),
  township: Opt(Type.String({ maxLength: 9, description: 'Township region code (9 digits): the items that can be handled there. No township has any other code, so anything else lists nothing.' })),
  page: Opt(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
  pageSize: Opt(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ItemList = Type.Object({ items: Type.Array(ItemSummary), ...Paging });

const Segments = Type.Array(Type.Object({ text: Type.String(), hit: Type.Boolean() }), { description: 'Runs of text; hit = matched the query' });

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'Search text (Chinese is segmented with jieba)' }),
  lang: Opt(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN' })),
  page: Opt(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
  pageSize: Opt(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const SearchResult = Type.Object({
  query: Type.String(),
  items: Type.Array(Type.Object({ ...ItemSummary.properties, titleSegments: Segments, snippet: Segments })),
  ...Paging,
});

/** A demo item (城乡居民基本养老保险参保登记 of the demo county): the documented example, also tried by the API fuzzer. */
const DEMO_TASK_CODE = '000105001000339901001005';

export const TaskCodeParams = Type.Object({ taskCode: Type.String({ maxLength: 64, description: 'Implementation code (实施编码)', examples: [DEMO_TASK_CODE] }) });

export const ItemDetail = Type.Object({
  taskCode: Type.String(),
  department: Department,
  state: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  notice: Nullable(Type.String({ description: 'Suspension notice' })),
  noticeAt: Nullable(Type.String({ format: 'date-time' })),
  versionNo: Type.Integer(),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  acceptsOnline: Type.Boolean(),
  url: Type.String(),
  files: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), mediaType: Type.String(), size: Type.Integer(), url: Type.String() }), { description: 'Blank forms and samples of the materials' }),
  content: ItemContent,
});

const Condition = Type.Object({ field: Opt(Type.String()), equals: Opt(Type.String()) }, { additionalProperties: true });

/** A form field (forms/form.types.ts FieldDef); nested table columns have the same shape. */
export const FormField = Type.Object(
  {
    key: Opt(Type.String()),
    type: Opt(Type.String({ description: 'text, textarea, number, date, choice, multichoice, idNumber, creditCode, phone, address, table, file, declaration' })),
    label: Opt(Label),
    hint: Opt(Label),
    required: Opt(Type.Boolean()),
    min: Opt(Type.Number()),
    max: Opt(Type.Number()),
    options: Opt(Type.Array(Type.Object({ value: Type.String(), label: Label }, { additionalProperties: true }))),
    showIf: Opt(Condition),
    prefill: Opt(Type.String()),
    materialId: Opt(Type.String()),
    columns: Opt(Type.Array(Type.Object({}, { additionalProperties: true }))),
    text: Opt(Label),
  },
  { additionalProperties: true },
);

export const FormDetail = Type.Object({
  taskCode: Type.String(),
  versionNo: Type.Integer(),
  form: Type.Object(
    {
      version: Opt(Type.Integer()),
      pages: Opt(Type.Array(Type.Object({ id: Opt(Type.String()), title: Opt(Label), fields: Opt(Type.Array(FormField)) }, { additionalProperties: true }))),
      stops: Opt(Type.Array(Type.Object({ when: Opt(Condition), message: Opt(Label) }, { additionalProperties: true }))),
      schema: Opt(Type.Object({}, { additionalProperties: true, description: 'JSON Schema of the answers' })),
    },
    { additionalProperties: true, description: 'The application form as data: pages of fields, eligibility stops and the JSON Schema of the answers' },
  ),
});

export const BundleSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  description: Type.String(),
  descriptionEn: Type.String(),
  audience: Type.String(),
  lifeEvent: Type.String(),
  department: Nullable(Department),
  itemCount: Type.Integer(),
  url: Type.String(),
});

export const BundleList = Type.Object({ bundles: Type.Array(BundleSummary) });

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 64, description: 'Bundle code', examples: ['open-business'] }) });

export const BundleDetail = Type.Object({
  ...BundleSummary.properties,
  items: Type.Array(ItemSummary),
  sharedFields: Type.Array(Type.Object({ field: FormField, maps: Type.Object({}, { additionalProperties: Type.String(), description: 'task code → that item’s form field key' }) })),
  sharedMaterials: Type.Array(Type.Object({ id: Type.String(), name: Label, required: Type.Boolean(), maps: Type.Object({}, { additionalProperties: Type.String() }) })),
  results: Type.Array(Label, { description: 'Results received together (multi-certificate integration)' }),
  acceptsOnline: Type.Boolean(),
});
