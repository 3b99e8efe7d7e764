/**
 * Escaping and small string helpers shared by the layout, components and pages.
 */
import Html from '@kitajs/html';

/** Trusted markup, e.g. the output of another component. Never wrap user text in it. */
export interface SafeHtml {
  readonly __html: string;
}

/** Marks a string of markup as trusted (component output, not user input). */
export function trusted(html: string): SafeHtml {
  return { __html: html };
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && typeof (value as SafeHtml).__html === 'string';
}

const NEEDS_ESCAPE = /[&<>"']/;
const ENTITY_OR_AMP = /&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)/g;

/**
 * Escapes text for HTML content. Existing character references (`&amp;`, `&#x2F;`) are
 * kept, so text that is already escaped (such as `t()` output) is not escaped twice,
 * while `<`, `>`, quotes and bare `&` in user text always are.
 */
export function escapeText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Most text has nothing to escape: one scan instead of five replaces.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(ENTITY_OR_AMP, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

/**
 * Strict escaping (`&`, `<`, `>`, `"`, `'`) for raw data that must round-trip exactly: form
 * values and URLs placed in attributes. kitajs only escapes `"` in attribute values, so
 * every attribute built from data goes through this first.
 */
export function escapeStrict(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return Html.escapeHtml(String(value)).replace(/>/g, '&gt;');
}

/** Text or trusted markup to HTML. */
export function escapeUnlessTrusted(value: string | number | SafeHtml | null | undefined): string {
  return isSafeHtml(value) ? value.__html : escapeText(value);
}

/** JSX elements are strings unless a child is async; views never are. */
export function str(element: JSX.Element): string {
  if (typeof element !== 'string') throw new TypeError('views: async components are not supported');
  return element;
}

/** Joins rendered fragments. */
export function join(parts: readonly (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('');
}

/** A short stable id fragment derived from text (djb2), for `id`/`aria-labelledby` pairs. */
export function stableId(prefix: string, seed: string): string {
  let h = 5381;
  for (let i = 0; i < seed.length; i++) h = ((h << 5) + h + seed.charCodeAt(i)) >>> 0;
  return `${prefix}-${h.toString(36)}`;
}

/** `/prefs/lang/en?return=%2Fservices%3Fpage%3D2` style links. */
export function withReturn(path: string, currentUrl: string): string {
  return `${path}?return=${encodeURIComponent(currentUrl)}`;
}

/** Path part of a URL such as `/services?page=2#x`. */
export function pathOf(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
