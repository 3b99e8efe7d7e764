import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformServices } from '../../platform/module.js';
import type { Actor } from '../../platform/auth/actor.js';
import { handleForm } from '../../platform/http/forms.js';
import { NotFoundError, type FieldError } from '../../platform/http/errors.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import type { ViewContext } from '../../platform/views/context.js';
import { registerEnterprise, registerResident } from './identity.service.js';
import { addAgent, removeAgent } from './identity.agents.service.js';
import * as repo from './identity.repository.js';
import { actorOf, originOf, requireSignedIn } from '../../platform/http/guards.js';
import { registerSignInRoutes } from './identity.routes.signin.js';
import { RegisterEnterprisePage, RegisterResidentPage } from './views/register.js';
import { AccountPage, type AccountView } from './views/account.js';

type Body = Record<string, string | undefined>;
const values = (b: Body, keys: string[]) => Object.fromEntries(keys.map((k) => [k, typeof b[k] === 'string' ? b[k].slice(0, 200) : '']));

/** The signed-in person's page: masked personal data, and the enterprise links. */
async function accountView(s: PlatformServices, ctx: ViewContext, actor: Actor, extra: Partial<AccountView> = {}): Promise<AccountView> {
  const t = ctx.t;
  if (actor.kind === 'resident') {
    const p = await repo.residentById(s.db, actor.accountId);
    const actsFor = await repo.enterprisesOfResident(s.db, actor.accountId);
    return {
      kind: 'resident',
      rows: [
        { key: t('identity:fields.realName'), value: p?.realName ?? '' },
        { key: t('identity:fields.idNumber'), value: p ? maskIdNumber(s.cipher.decrypt(p.idNumberEnc)) : '' },
        { key: t('identity:fields.phone'), value: p ? maskPhone(s.cipher.decrypt(p.phoneEnc)) : '' },
      ],
      actsFor: actsFor.map((e) => ({ name: e.name, creditCode: e.creditCode })),
      ...extra,
    };
  }
  const e = await repo.enterpriseById(s.db, actor.accountId);
  const agents = await repo.agentsOfEnterprise(s.db, actor.accountId);
  return {
    kind: 'enterprise',
    rows: [
      { key: t('identity:fields.enterpriseName'), value: e?.name ?? '' },
      { key: t('identity:fields.creditCode'), value: e?.creditCode ?? '' },
      { key: t('identity:fields.legalRepName'), value: e?.legalRepName ?? '' },
      { key: t('identity:fields.contactName'), value: e?.contactName ?? '' },
      { key: t('identity:fields.contactPhone'), value: e ? maskPhone(s.cipher.decrypt(e.contactPhoneEnc)) : '' },
    ],
    agents: agents.map((a) => ({ residentId: a.accountId, name: a.realName, maskedId: maskIdNumber(s.cipher.decrypt(a.idNumberEnc)), linkedAt: a.linkedAt })),
    ...extra,
  };
}

/** The public listener: registration for residents and enterprises, sign-in, the account page and enterprise agents. */
export function registerPublicRoutes(app: FastifyInstance, s: PlatformServices) {
  registerSignInRoutes(app, s, 'public', '/account');

  const residentKeys = ['realName', 'idNumber', 'phone'];
  app.get('/register', async (_request, reply) => reply.html(RegisterResidentPage(reply.viewContext(), [], {})));
  app.post<{ Body: Body }>('/register', { config: { sensitive: true } }, async (request, reply) =>
    handleForm(
      reply,
      (errors) => RegisterResidentPage(reply.viewContext(), errors, values(request.body, residentKeys)),
      async () => {
        const id = await registerResident(s, request.body, originOf(request));
        await app.sessions.start(reply, id, { displayName: String(request.body.realName ?? '').trim(), startedAt: new Date().toISOString() });
        return reply.redirect('/account?welcome=1', 303);
      },
    ),
  );

  const enterpriseKeys = ['name', 'creditCode', 'legalRepName', 'contactName', 'contactPhone'];
  app.get('/register/enterprise', async (_request, reply) => reply.html(RegisterEnterprisePage(reply.viewContext(), [], {})));
  app.post<{ Body: Body }>('/register/enterprise', { config: { sensitive: true } }, async (request, reply) =>
    handleForm(
      reply,
      (errors) => RegisterEnterprisePage(reply.viewContext(), errors, values(request.body, enterpriseKeys)),
      async () => {
        const id = await registerEnterprise(s, request.body, originOf(request));
        await app.sessions.start(reply, id, { displayName: String(request.body.name ?? '').trim(), startedAt: new Date().toISOString() });
        return reply.redirect('/account?welcome=1', 303);
      },
    ),
  );

  app.get<{ Querystring: { welcome?: string; changed?: string } }>('/account', { preHandler: requireSignedIn }, async (request, reply) => {
    const ctx = reply.viewContext();
    const notice = request.query.welcome ? ctx.t('identity:account.welcome') : request.query.changed ? ctx.t('identity:password.changed') : undefined;
    return reply.html(AccountPage(ctx, await accountView(s, ctx, actorOf(request), { notice })));
  });

  app.post<{ Body: Body }>('/account/agents', { preHandler: requireSignedIn, config: { sensitive: true } }, async (request: FastifyRequest<{ Body: Body }>, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    return handleForm(
      reply,
      async (errors: FieldError[]) => AccountPage(ctx, await accountView(s, ctx, actor, { agentErrors: errors, agentValues: values(request.body, ['agentName', 'agentIdNumber']) })),
      async () => {
        await addAgent(s, actor, request.body, originOf(request));
        return reply.redirect('/account#agents', 303);
      },
    );
  });

  app.post<{ Params: { residentId: string } }>('/account/agents/:residentId/remove', { preHandler: requireSignedIn }, async (request, reply) => {
    if (!isUuid(request.params.residentId)) throw new NotFoundError('agent');
    await removeAgent(s, actorOf(request), request.params.residentId, originOf(request));
    return reply.redirect('/account#agents', 303);
  });
}

