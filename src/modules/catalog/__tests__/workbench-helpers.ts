/**
 * Browser-like helpers for the workbench tests: forms with repeated fields (urlencoded) and
 * multipart forms with files, each posted with the CSRF token of the page it came from.
 */
import type { FastifyInstance } from 'fastify';
import { multipartBody } from '../../../../test/app.js';
import type { Jar } from '../../../../test/session.js';
import type { ItemContent } from '../catalog.content.js';

export { getAs, seedCounty, signIn, type Jar } from '../../../../test/session.js';
export type Fields = Record<string, string | string[]>;
export interface FilePart {
  name: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** An ItemContent as the editor's inputs name it: `task_name`, `materials.0.name`, repeated values for check boxes. */
export function contentFields(c: ItemContent): Fields {
  const f: Fields = {};
  for (const [k, v] of Object.entries(c)) {
    if (['fees', 'materials', 'handle_flow', 'faqs'].includes(k)) continue;
    f[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  c.fees.forEach((x, i) => Object.entries(x).forEach(([k, v]) => (f[`fees.${i}.${k}`] = String(v))));
  c.materials.forEach((x, i) =>
    Object.entries(x).forEach(([k, v]) => {
      if (k === 'blank_form_file' || k === 'sample_file') f[`materials.${i}.${k}_id`] = String(v);
      else f[`materials.${i}.${k}`] = String(v);
    }),
  );
  c.handle_flow.forEach((x, i) => Object.entries(x).forEach(([k, v]) => (f[`handle_flow.${i}.${k}`] = Array.isArray(v) ? v.map(String) : String(v))));
  c.faqs.forEach((x, i) => Object.entries(x).forEach(([k, v]) => (f[`faqs.${i}.${k}`] = String(v))));
  return f;
}

export async function tokenOf(app: FastifyInstance, jar: Jar, formUrl: string): Promise<string> {
  const page = await app.inject({ method: 'GET', url: formUrl, headers: { cookie: jar.header() } });
  jar.take(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`No CSRF token on ${formUrl} (status ${page.statusCode})`);
  return token;
}

/** Opens `formUrl` and posts an urlencoded form (repeated fields allowed) to `url`. */
export async function post(app: FastifyInstance, jar: Jar, formUrl: string, url: string, fields: Fields) {
  const token = await tokenOf(app, jar, formUrl);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  body.append('_csrf', token);
  const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() }, payload: body.toString() });
  jar.take(res);
  return res;
}

/** Opens `formUrl` and posts a multipart form, as a browser sends the editor (an empty part for every file input left empty). */
export async function postMultipart(app: FastifyInstance, jar: Jar, formUrl: string, url: string, fields: Fields, files: FilePart[]) {
  const token = await tokenOf(app, jar, formUrl);
  const { body, contentType } = multipartBody({ _csrf: token, ...fields }, Object.fromEntries(files.map((f) => [f.name, { filename: f.filename, content: f.data, contentType: f.type }])));
  const res = await app.inject({ method: 'POST', url, headers: { 'content-type': contentType, cookie: jar.header() }, payload: body });
  jar.take(res);
  return res;
}

/** The hidden draft id on an editor page. */
export const draftIdOn = (body: string) => /name="draftId" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** The summary's items as plain text. */
export function summaryItems(body: string): string[] {
  const list = /<ul class="error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...list.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => `#${m[1]} ${m[2]}`);
}

/** A small, real PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
/** The start of a Windows executable. */
export const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(64)]);
