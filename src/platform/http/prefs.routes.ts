import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load.js';
import { languages, type Lang } from '../i18n/index.js';
import { ELDER_COOKIE, LANG_COOKIE } from './view-context.js';

/** Only same-site paths may be returned to: no open redirect. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return /[\r\n]/.test(value) ? '/' : value;
}

/** Language and elder-friendly mode: plain links that set a display cookie, so they work without JavaScript. */
export function registerPrefsRoutes(app: FastifyInstance, config: Config) {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.tls, maxAge: 365 * 24 * 3600 };
  app.get<{ Params: { lang: string }; Querystring: { return?: string } }>('/prefs/lang/:lang', async (request, reply) => {
    const lang = request.params.lang as Lang;
    if (!languages.includes(lang)) return reply.callNotFound();
    reply.setCookie(LANG_COOKIE, lang, cookie);
    return reply.redirect(safeReturnPath(request.query.return), 303);
  });
  app.get<{ Params: { mode: string }; Querystring: { return?: string } }>('/prefs/elder/:mode', async (request, reply) => {
    if (request.params.mode !== 'on' && request.params.mode !== 'off') return reply.callNotFound();
    reply.setCookie(ELDER_COOKIE, request.params.mode === 'on' ? '1' : '0', cookie);
    return reply.redirect(safeReturnPath(request.query.return), 303);
  });
}
