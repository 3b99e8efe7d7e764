import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/load.js';
import type { Side } from '../auth/sessions.js';
import { pickLanguage, translator, type Lang } from '../i18n/index.js';
import type { AuthLinks, NavEntry, ViewContext } from '../views/context.js';

export const LANG_COOKIE = 'ow_lang';
export const ELDER_COOKIE = 'ow_elder';

export interface AuditOrigin {
  listener: Side;
  ip: string;
}

function displayNameOf(request: FastifyRequest): { displayName: string } | undefined {
  const name = request.actor?.displayName ?? request.session?.data.displayName;
  return typeof name === 'string' && name ? { displayName: name } : undefined;
}

/** Per-request language, elder mode and the context every view receives. */
export function installViewContext(app: FastifyInstance, opts: { side: Side; config: Config; nav: NavEntry[]; auth?: AuthLinks; navVisible?: (entry: NavEntry, request: FastifyRequest) => boolean }) {
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('elder', false);
  app.addHook('onRequest', async (request) => {
    request.lang = pickLanguage(request.cookies[LANG_COOKIE], request.headers['accept-language']);
    request.elder = request.cookies[ELDER_COOKIE] === '1';
  });
  app.decorateRequest('auditOrigin', function (this: FastifyRequest): AuditOrigin {
    return { listener: opts.side, ip: this.ip };
  });
  app.decorateReply('viewContext', function (this: FastifyReply): ViewContext {
    const request = this.request;
    let csrfToken = '';
    try {
      csrfToken = this.generateCsrf();
    } catch {
      /* not available before the cookie plugin ran (very early errors) */
    }
    const lang = request.lang ?? 'zh-CN';
    const t = translator(lang);
    return {
      lang,
      t,
      elder: request.elder ?? false,
      side: opts.side,
      csrfToken,
      currentUrl: request.url,
      nav: opts.navVisible ? opts.nav.filter((e) => opts.navVisible!(e, request)) : opts.nav,
      siteName: lang === 'zh-CN' ? opts.config.siteName : t('site.name', { defaultValue: opts.config.siteName }),
      user: displayNameOf(request),
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
  }
  interface FastifyReply {
    viewContext(): ViewContext;
    html(body: string | Promise<string>, status?: number): FastifyReply;
  }
}
