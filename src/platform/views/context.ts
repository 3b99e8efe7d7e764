import type { Lang } from '../i18n/index.js';

/** One entry of a navigation menu or a home-page card; `labelKey` is an i18n key. */
export interface AuthLinks {
  signInHref: string;
  /** A POST form target (it carries the CSRF token). */
  signOutAction: string;
  accountHref?: string;
}

export interface NavEntry {
  href: string;
  labelKey: string;
  /** Optional i18n key of a one-line description, shown on home-page cards. */
  descriptionKey?: string;
  /** Shown only to those who hold this permission (the pages check it again in their services). */
  permission?: string;
}

/**
 * Everything a page needs to know about the request. The HTTP layer builds one per request.
 *
 * `t()` returns HTML-safe text: translations are trusted and interpolated values are
 * escaped by i18next. Components escape every string they are given in a way that
 * leaves existing character references alone, so `t()` output is never double-escaped.
 */
export interface ViewContext {
  /** Sign-in, sign-out and account links, when a module provides accounts. */
  auth?: AuthLinks;
  lang: Lang;
  t: (key: string, opts?: Record<string, unknown>) => string;
  /** Elder-friendly mode (适老化): larger text, higher contrast, single column. */
  elder: boolean;
  side: 'public' | 'internal';
  csrfToken: string;
  /** Path and query of the current request, e.g. `/services?page=2`. */
  currentUrl: string;
  nav: NavEntry[];
  siteName: string;
  user?: { displayName: string };
  /** The signed-in person's inbox (platform/notify) and its unread count, linked from the header. */
  inbox?: { href: string; unread: number };
  /** The office that runs the site (主办单位), shown in the footer. Defaults to siteName. */
  hostedBy?: string;
}
