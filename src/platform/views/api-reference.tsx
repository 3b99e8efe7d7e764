/**
 * A readable, server-rendered reference of an OpenAPI 3 document: every path and method
 * with its summary, parameters, request body fields and responses, as tables. No script.
 *
 * The document is treated as untrusted data: every string in it is escaped.
 */
import { DataTable } from './components/data.js';
import type { ViewContext } from './context.js';
import { escapeStrict, escapeText, str } from './html.js';
import { Layout } from './layout.js';

export interface ApiReferenceProps {
  /** An OpenAPI 3 document as a plain object (e.g. `app.swagger()`). */
  doc: object;
  /** Link to the machine-readable document, e.g. `/api/openapi.json`. */
  jsonHref?: string;
}

type Obj = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;
const MAX_DEPTH = 4;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
const asStr = (v: unknown): string => (typeof v === 'string' ? v : '');
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface Operation {
  method: string;
  path: string;
  op: Obj;
  pathParams: unknown[];
}

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'x';
}

function resolve(doc: Obj, value: unknown, seen: Set<string> = new Set()): Obj {
  let node = asObj(value);
  while (typeof node.$ref === 'string' && node.$ref.startsWith('#/') && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    let target: unknown = doc;
    for (const part of node.$ref.slice(2).split('/')) {
      target = asObj(target)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    node = asObj(target);
  }
  return node;
}

function refName(value: unknown): string | undefined {
  const ref = asObj(value).$ref;
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}

/** A short human type: `string (date-time)`, `array of integer`, `A | B`. */
function typeLabel(ctx: ViewContext, doc: Obj, raw: unknown, depth = 0): string {
  const named = refName(raw);
  const schema = resolve(doc, raw);
  if (depth > MAX_DEPTH) return named ?? ctx.t('apiRef.types.any');
  if ('const' in schema) return JSON.stringify(schema.const) ?? '';
  const variants = asArr(schema.anyOf).length ? asArr(schema.anyOf) : asArr(schema.oneOf);
  if (variants.length) {
    const labels = variants.map((v) => typeLabel(ctx, doc, v, depth + 1));
    return [...new Set(labels)].join(' | ');
  }
  const type = schema.type;
  const one = (t: string): string => {
    if (t === 'array') return ctx.t('apiRef.types.arrayOf', { type: typeLabel(ctx, doc, schema.items, depth + 1) });
    if (t === 'object' && named) return named;
    const format = asStr(schema.format);
    return format ? `${t} (${format})` : t;
  };
  if (Array.isArray(type)) return type.map((t) => one(String(t))).join(' | ');
  if (typeof type === 'string') return one(type);
  if (isObj(schema.properties)) return named ?? 'object';
  if (asArr(schema.allOf).length) return named ?? 'object';
  return named ?? ctx.t('apiRef.types.any');
}

function describe(ctx: ViewContext, doc: Obj, raw: unknown): string {
  const schema = resolve(doc, raw);
  const parts: string[] = [];
  const text = asStr(schema.description) || asStr(schema.title);
  if (text) parts.push(text);
  if (Array.isArray(schema.enum)) {
    parts.push(ctx.t('apiRef.types.enum', { values: schema.enum.map((v) => JSON.stringify(v)).join(', ') }));
  }
  if ('default' in schema) parts.push(ctx.t('apiRef.types.default', { value: JSON.stringify(schema.default) }));
  if (schema.nullable === true) parts.push(ctx.t('apiRef.types.nullable'));
  return parts.join(' ');
}

/** Object properties (merging allOf) flattened to dotted rows; arrays of objects use `name[].child`. */
function fieldRows(ctx: ViewContext, doc: Obj, raw: unknown, prefix = '', depth = 0): FieldRow[] {
  const schema = resolve(doc, raw);
  if (depth > MAX_DEPTH) return [];
  const parts = [schema, ...asArr(schema.allOf).map((s) => resolve(doc, s))];
  const rows: FieldRow[] = [];
  for (const part of parts) {
    const required = new Set(asArr(part.required).map(String));
    for (const [name, child] of Object.entries(asObj(part.properties))) {
      const full = prefix ? `${prefix}.${name}` : name;
      rows.push({ name: full, type: typeLabel(ctx, doc, child), required: required.has(name), description: describe(ctx, doc, child) });
      const resolved = resolve(doc, child);
      if (isObj(resolved.properties) || asArr(resolved.allOf).length) rows.push(...fieldRows(ctx, doc, child, full, depth + 1));
      else if (resolved.type === 'array') {
        const items = resolve(doc, resolved.items);
        if (isObj(items.properties)) rows.push(...fieldRows(ctx, doc, items, `${full}[]`, depth + 1));
      }
    }
  }
  return rows;
}

function FieldsTable({ ctx, doc, schema, caption }: { ctx: ViewContext; doc: Obj; schema: unknown; caption: string }): string {
  const resolved = resolve(doc, schema);
  const target = resolved.type === 'array' ? resolved.items : schema;
  const rows = fieldRows(ctx, doc, target, resolved.type === 'array' ? '[]' : '');
  const typeLine = <p class="api-type">{escapeText(`${ctx.t('apiRef.type')}: ${typeLabel(ctx, doc, schema)}`)}</p>;
  if (rows.length === 0) return str(typeLine);
  return (
    str(typeLine) +
    DataTable<FieldRow>({
      ctx,
      caption,
      captionHidden: true,
      columns: [
        { header: ctx.t('apiRef.field'), html: (r) => `<code>${escapeText(r.name)}</code>`, rowHeader: true },
        { header: ctx.t('apiRef.type'), value: (r) => r.type },
        { header: ctx.t('apiRef.required'), value: (r) => ctx.t(r.required ? 'form.yes' : 'form.no') },
        { header: ctx.t('apiRef.description'), value: (r) => r.description },
      ],
      rows,
      empty: ctx.t('apiRef.noFields'),
    })
  );
}

function Parameters({ ctx, doc, operation, label }: { ctx: ViewContext; doc: Obj; operation: Operation; label: string }): string {
  const byKey = new Map<string, Obj>();
  for (const p of [...operation.pathParams, ...asArr(operation.op.parameters)]) {
    const param = resolve(doc, p);
    byKey.set(`${asStr(param.in)}:${asStr(param.name)}`, param);
  }
  const params = [...byKey.values()];
  if (params.length === 0) return str(<p>{escapeText(ctx.t('apiRef.noParameters'))}</p>);
  return DataTable<Obj>({
    ctx,
    caption: `${ctx.t('apiRef.parameters')}: ${label}`,
    captionHidden: true,
    columns: [
      { header: ctx.t('apiRef.name'), html: (p) => `<code>${escapeText(asStr(p.name))}</code>`, rowHeader: true },
      { header: ctx.t('apiRef.in'), value: (p) => (asStr(p.in) ? ctx.t(`apiRef.locations.${asStr(p.in)}`) : '') },
      { header: ctx.t('apiRef.type'), value: (p) => typeLabel(ctx, doc, p.schema) },
      { header: ctx.t('apiRef.required'), value: (p) => ctx.t(p.required === true || p.in === 'path' ? 'form.yes' : 'form.no') },
      { header: ctx.t('apiRef.description'), value: (p) => [asStr(p.description), describe(ctx, doc, p.schema)].filter(Boolean).join(' ') },
    ],
    rows: params,
  });
}

function Content({ ctx, doc, content, caption }: { ctx: ViewContext; doc: Obj; content: unknown; caption: string }): string {
  return Object.entries(asObj(content))
    .map(([type, media]) =>
      str(
        <div class="api-content">
          <p class="api-content__type">
            {escapeText(`${ctx.t('apiRef.contentType')}: `)}
            <code>{escapeText(type)}</code>
          </p>
          <FieldsTable ctx={ctx} doc={doc} schema={asObj(media).schema} caption={`${caption} (${type})`} />
        </div>,
      ),
    )
    .join('');
}

function Responses({ ctx, doc, operation, label }: { ctx: ViewContext; doc: Obj; operation: Operation; label: string }): string {
  const entries = Object.entries(asObj(operation.op.responses));
  if (entries.length === 0) return str(<p>{escapeText(ctx.t('apiRef.noResponses'))}</p>);
  return entries
    .map(([status, raw]) => {
      const response = resolve(doc, raw);
      return str(
        <div class="api-response">
          <h5 class="api-response__status">
            <code>{escapeText(status)}</code> {escapeText(asStr(response.description))}
          </h5>
          <Content ctx={ctx} doc={doc} content={response.content} caption={`${ctx.t('apiRef.responses')} ${status}: ${label}`} />
        </div>,
      );
    })
    .join('');
}

function OperationSection({ ctx, doc, operation }: { ctx: ViewContext; doc: Obj; operation: Operation }): string {
  const { op, method, path } = operation;
  const label = `${method.toUpperCase()} ${path}`;
  const body = resolve(doc, op.requestBody);
  const security = asArr(op.security ?? doc.security).flatMap((s) => Object.keys(asObj(s)));
  return str(
    <section class="api-op" id={operationId(operation)} aria-labelledby={`${operationId(operation)}-h`}>
      <h3 class="api-op__title" id={`${operationId(operation)}-h`}>
        <span class={['api-method', `api-method--${method}`]}>{escapeText(method.toUpperCase())}</span>{' '}
        <code class="api-path">{escapeText(path)}</code>
      </h3>
      {op.deprecated === true ? <p><strong class="tag tag--warning">{escapeText(ctx.t('apiRef.deprecated'))}</strong></p> : ''}
      {asStr(op.summary) ? <p class="api-op__summary">{escapeText(asStr(op.summary))}</p> : ''}
      {asStr(op.description) ? <p class="api-op__description">{escapeText(asStr(op.description))}</p> : ''}
      {security.length ? <p>{escapeText(ctx.t('apiRef.security', { schemes: [...new Set(security)].join(', ') }))}</p> : ''}
      <h4>{escapeText(ctx.t('apiRef.parameters'))}</h4>
      <Parameters ctx={ctx} doc={doc} operation={operation} label={label} />
      <h4>{escapeText(ctx.t('apiRef.requestBody'))}</h4>
      {isObj(body.content) ? (
        [
          asStr(body.description) ? <p>{escapeText(asStr(body.description))}</p> : '',
          <Content ctx={ctx} doc={doc} content={body.content} caption={`${ctx.t('apiRef.requestBody')}: ${label}`} />,
        ]
      ) : (
        <p>{escapeText(ctx.t('apiRef.noRequestBody'))}</p>
      )}
      <h4>{escapeText(ctx.t('apiRef.responses'))}</h4>
      <Responses ctx={ctx} doc={doc} operation={operation} label={label} />
    </section>,
  );
}

function operationId(o: Operation): string {
  return `op-${o.method}-${slug(o.path)}`;
}

function collectOperations(doc: Obj): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const tag of asArr(doc.tags)) {
    const name = asStr(asObj(tag).name);
    if (name) groups.set(name, []);
  }
  for (const [path, rawItem] of Object.entries(asObj(doc.paths))) {
    const item = resolve(doc, rawItem);
    for (const method of METHODS) {
      if (!isObj(item[method])) continue;
      const op = item[method];
      const tag = asStr(asArr(op.tags)[0]);
      const list = groups.get(tag) ?? [];
      list.push({ method, path, op, pathParams: asArr(item.parameters) });
      groups.set(tag, list);
    }
  }
  for (const [tag, list] of groups) if (list.length === 0) groups.delete(tag);
  return groups;
}

export function ApiReferencePage(ctx: ViewContext, { doc: rawDoc, jsonHref }: ApiReferenceProps): string {
  const doc = asObj(rawDoc);
  const info = asObj(doc.info);
  const groups = collectOperations(doc);
  const tagInfo = new Map(asArr(doc.tags).map((t) => [asStr(asObj(t).name), asStr(asObj(t).description)]));
  const groupName = (tag: string) => (tag === '' ? ctx.t('apiRef.untagged') : tag);
  const groupId = (tag: string) => `tag-${slug(tag || 'untagged')}-${[...groups.keys()].indexOf(tag)}`;
  const servers = asArr(doc.servers).map((s) => asStr(asObj(s).url)).filter(Boolean);
  const title = asStr(info.title) ? `${ctx.t('apiRef.title')}: ${asStr(info.title)}` : ctx.t('apiRef.title');

  const safeContents = [...groups].map(([tag, ops]) => {
    const safeLinks = ops.map((o) =>
      str(
        <li>
          <a href={`#${operationId(o)}`}>
            <span class="api-method-text">{escapeText(o.method.toUpperCase())}</span> <code>{escapeText(o.path)}</code>
          </a>
        </li>,
      ),
    );
    return str(
      <li>
        <a href={`#${groupId(tag)}`}>{escapeText(groupName(tag))}</a>
        <ul>{safeLinks}</ul>
      </li>,
    );
  });
  const safeDescription = asStr(info.description)
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((para) => str(<p>{escapeText(para)}</p>));
  const safeServers = servers.map((url) => str(<code>{escapeText(url)}</code>)).join(', ');

  const safeSections = [...groups].map(([tag, ops]) =>
    str(
      <section class="api-group" aria-labelledby={groupId(tag)}>
        <h2 id={groupId(tag)}>{escapeText(groupName(tag))}</h2>
        {tagInfo.get(tag) ? <p>{escapeText(tagInfo.get(tag))}</p> : ''}
        {ops.map((operation) => <OperationSection ctx={ctx} doc={doc} operation={operation} />)}
      </section>,
    ),
  );

  return Layout({
    ctx,
    title,
    children: [
      <div class="api-info">
        {asStr(info.version) ? <p>{escapeText(ctx.t('apiRef.version', { version: asStr(info.version) }))}</p> : ''}
        {asStr(doc.openapi) ? <p>{escapeText(ctx.t('apiRef.openapi', { version: asStr(doc.openapi) }))}</p> : ''}
        {safeDescription}
        {servers.length ? (
          <p>
            {escapeText(`${ctx.t('apiRef.servers')}: `)}
            {safeServers}
          </p>
        ) : (
          ''
        )}
        {jsonHref ? (
          <p>
            <a href={escapeStrict(jsonHref)}>{escapeText(ctx.t('apiRef.download'))}</a>
          </p>
        ) : (
          ''
        )}
      </div>,
      groups.size === 0 ? (
        <p>{escapeText(ctx.t('apiRef.noPaths'))}</p>
      ) : (
        [
          <nav class="api-contents" aria-label={escapeText(ctx.t('apiRef.contents'))}>
            <h2>{escapeText(ctx.t('apiRef.contents'))}</h2>
            <ul>{safeContents}</ul>
          </nav>,
          safeSections,
        ]
      ),
    ],
  });
}
