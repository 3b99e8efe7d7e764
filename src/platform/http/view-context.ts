import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/load.js';
import type { Side } from '../auth/sessions.js';
import { pickLanguage, translator, type Lang, type TFn } from '../i18n/index.js';
import type { AuthLinks, NavEntry, ViewContext } from '../views/context.js';

export const LANG_COOKIE = 'ow_lang';
export const ELDER_COOKIE = 'ow_elder';

export interface AuditOrigin {
  listener: Side;
  ip: string;
}

/**
 * i18next's lookup costs ~15 µs a call and a page makes dozens, all with the same keys: memoise
 * the calls without options (plain strings, fixed once the modules' translations are loaded),
 * and those whose options are a few scalars (`{ n: 3, unit: '工作日' }`: a queue's rows repeat
 * the same handful). A key that is not found is not memoised, so a namespace loaded later is still seen.
 */
const MEMO_MAX = 20_000;
const memoTranslators = new Map<Lang, TFn>();

/** The memo key of a call whose options are all scalars (ordered as given), or undefined. */
function scalarKey(key: string, opts: Record<string, unknown>): string | undefined {
  let k = key;
  for (const name in opts) {
    const v = opts[name];
    const type = typeof v;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
    k += `\u0000${name}\u0001${String(v)}`;
  }
  return k;
}

export function memoTranslator(lang: Lang): TFn {
  const cached = memoTranslators.get(lang);
  if (cached) return cached;
  const t = translator(lang);
  const memo = new Map<string, string>();
  const fast: TFn = (key, opts) => {
    const memoKey = opts === undefined ? key : scalarKey(key, opts);
    if (memoKey === undefined) return t(key, opts);
    let text = memo.get(memoKey);
    if (text === undefined) {
      text = t(key, opts);
      if (text === key) return text;
      // Distinct parameter values are unbounded (dates, names): start over rather than grow without end.
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(memoKey, text);
    }
    return text;
  };
  memoTranslators.set(lang, fast);
  return fast;
}

function displayNameOf(request: FastifyRequest): { displayName: string } | undefined {
  const name = request.actor?.displayName ?? request.session?.data.displayName;
  return typeof name === 'string' && name ? { displayName: name } : undefined;
}

/** Per-request language, elder mode and the context every view receives. */
export function installViewContext(app: FastifyInstance, opts: { side: Side; config: Config; nav: NavEntry[]; auth?: AuthLinks; navVisible?: (entry: NavEntry, request: FastifyRequest) => boolean }) {
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('elder', false);
  app.decorateRequest('inboxLink', undefined);
  app.addHook('onRequest', async (request) => {
    request.lang = pickLanguage(request.cookies[LANG_COOKIE], request.headers['accept-language']);
    request.elder = request.cookies[ELDER_COOKIE] === '1';
  });
  app.decorateRequest('auditOrigin', function (this: FastifyRequest): AuditOrigin {
    return { listener: opts.side, ip: this.ip };
  });
  app.decorateReply('csrfIssued', false);
  app.decorateReply('viewContext', function (this: FastifyReply): ViewContext {
    const request = this.request;
    const issueCsrf = (): string => {
      this.csrfIssued = true;
      return this.generateCsrf();
    };
    const lang = request.lang ?? 'zh-CN';
    const t = memoTranslator(lang);
    // The CSRF token is made on first use: a page without a form neither pays for it nor sets
    // the CSRF cookie, and the page cache knows such a page holds no per-visitor token.
    let csrfToken: string | undefined;
    return {
      lang,
      t,
      elder: request.elder ?? false,
      side: opts.side,
      get csrfToken(): string {
        if (csrfToken === undefined) {
          try {
            csrfToken = issueCsrf();
          } catch {
            csrfToken = ''; // not available before the cookie plugin ran (very early errors)
          }
        }
        return csrfToken;
      },
      currentUrl: request.url,
      nav: opts.navVisible ? opts.nav.filter((e) => opts.navVisible!(e, request)) : opts.nav,
      siteName: lang === 'zh-CN' ? opts.config.siteName : t('site.name', { defaultValue: opts.config.siteName }),
      user: displayNameOf(request),
      inbox: request.actor ? request.inboxLink : undefined,
      auth: opts.auth,
    };
  });
  app.decorateReply('html', function (this: FastifyReply, body: string, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').send(body);
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    elder: boolean;
    auditOrigin(): AuditOrigin;
    /** Set for a signed-in person by platform/notify's installInboxLink: the header's "My messages" link. */
    inboxLink?: { href: string; unread: number };
  }
  interface FastifyReply {
    viewContext(): ViewContext;
    /** True once a view read its CSRF token (the page holds a form, and may have set the CSRF cookie). */
    csrfIssued: boolean;
    html(body: string | Promise<string>, status?: number): FastifyReply;
  }
}
