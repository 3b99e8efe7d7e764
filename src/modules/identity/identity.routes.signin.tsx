import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformServices } from '../../platform/module.js';
import type { Side } from '../../platform/auth/sessions.js';
import { safeReturnPath } from '../../platform/http/prefs.routes.js';
import { handleForm } from '../../platform/http/forms.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { changePassword, signIn } from './identity.service.js';
import { AccountLockedError, InvalidCredentialsError } from './identity.errors.js';
import { actorOf, originOf, requireSignedIn } from '../../platform/http/guards.js';
import { SignInPage } from './views/sign-in.js';
import { PasswordPage } from './views/account.js';

type SignInRequest = FastifyRequest<{ Body: { login?: string; password?: string }; Querystring: { return?: string } }>;

/** Starts a fresh session (a new id, never the old one) for an account. */
async function startSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, accountId: string, displayName: string) {
  if (request.session) await app.sessions.end(reply, request.session);
  await app.sessions.start(reply, accountId, { displayName, startedAt: new Date().toISOString() });
}

/**
 * Sign-in, sign-out and password change, the same on both listeners; which
 * accounts exist on a side is the service's rule (staff inside, everyone else outside).
 */
export function registerSignInRoutes(app: FastifyInstance, s: PlatformServices, side: Side, home: string) {
  app.get<{ Querystring: { return?: string } }>('/sign-in', async (request, reply) =>
    reply.html(SignInPage(reply.viewContext(), { errors: [], login: '', returnTo: safeReturnPath(request.query.return ?? home) })),
  );

  app.post('/sign-in', { config: { sensitive: true } }, async (request: SignInRequest, reply) => {
    const login = typeof request.body.login === 'string' ? request.body.login.slice(0, 100) : '';
    const password = typeof request.body.password === 'string' ? request.body.password.slice(0, 200) : '';
    const returnTo = safeReturnPath(request.query.return ?? home);
    const ctx = reply.viewContext();
    const again = (status: number, problem?: string, errors = [] as { field: string; message: string }[]) =>
      reply.html(SignInPage(ctx, { errors, login, returnTo, problem }), status);
    if (!login || !password) {
      return again(422, undefined, [
        ...(login ? [] : [{ field: 'login', message: 'identity:errors.required' }]),
        ...(password ? [] : [{ field: 'password', message: 'identity:errors.required' }]),
      ]);
    }
    try {
      const account = await signIn(s, side, login, password, originOf(request));
      await startSession(app, request, reply, account.id, account.displayName);
      return reply.redirect(returnTo, 303);
    } catch (e) {
      if (e instanceof AccountLockedError) {
        reply.header('retry-after', String(Math.max(1, Math.ceil((e.until.getTime() - Date.now()) / 1000))));
        return again(423, ctx.t('identity:errors.locked', { until: formatDateTime(e.until, ctx.lang) }));
      }
      if (e instanceof InvalidCredentialsError) return again(401, ctx.t('identity:errors.invalidCredentials'));
      throw e;
    }
  });

  app.post('/sign-out', async (request, reply) => {
    await app.sessions.end(reply, request.session);
    return reply.redirect('/', 303);
  });

  app.get('/account/password', { preHandler: requireSignedIn }, async (_request, reply) => reply.html(PasswordPage(reply.viewContext(), [])));

  app.post<{ Body: Record<string, string | undefined> }>('/account/password', { preHandler: requireSignedIn, config: { sensitive: true } }, async (request, reply) =>
    handleForm(
      reply,
      (errors) => PasswordPage(reply.viewContext(), errors),
      async () => {
        const actor = actorOf(request);
        const b = request.body;
        await changePassword(s, actor, b.currentPassword ?? '', b.newPassword ?? '', b.newPasswordConfirm ?? '', originOf(request));
        // Every other session of this account ends; this browser gets a fresh one.
        await app.sessions.revokeAll(actor.accountId);
        await app.sessions.start(reply, actor.accountId, { displayName: actor.displayName, startedAt: new Date().toISOString() });
        return reply.redirect(side === 'public' ? '/account?changed=1' : '/?changed=1', 303);
      },
    ),
  );
}
