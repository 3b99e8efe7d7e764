/**
 * Rating pages on the internal listener: a quarter's grades (heads see their
 * own department's), recompute on demand, one department's history, and the
 * formula's settings form.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices } from '../../platform/module.js';
import { accountNames, orgUnits } from '../identity/index.js';
import { one } from './supervision.orders.routes.js';
import { orgInScope, P } from './supervision.policy.js';
import { isQuarter, quarterOf, RATING_FIELDS } from './supervision.rating.js';
import * as svc from './supervision.rating.service.js';
import { orgName } from './views/orders-shared.js';
import { RatingHistoryPage, RatingsPage } from './views/ratings.js';
import { RatingSettingsPage } from './views/ratings-settings.js';

type Query = Record<string, unknown>;
const pre = { preHandler: requireSignedIn };

/** The quarter shown by default: the current one once it has ratings, else the newest rated, else the current. */
async function defaultQuarter(s: PlatformServices, quarters: string[]): Promise<string> {
  const current = quarterOf(s.clocks.now());
  return quarters.includes(current) ? current : (quarters[0] ?? current);
}

async function renderRatings(s: PlatformServices, actor: Actor, reply: FastifyReply, opts: { quarter?: string; errors?: FieldError[]; computeValue?: string; done?: boolean }, status = 200) {
  const ctx = reply.viewContext();
  const rated = await svc.ratedQuarters(s.db);
  const quarter = opts.quarter && isQuarter(opts.quarter) ? opts.quarter : await defaultQuarter(s, rated);
  const orgs = await orgUnits(s.db);
  const rows = (await svc.ratingsInForce(s.db, quarter)).filter((r) => orgInScope(actor, r.orgCode)).map((r) => ({ ...r, orgName: orgName(ctx, orgs, r.orgCode) }));
  const quarters = [...new Set([quarterOf(s.clocks.now()), ...rated])].sort().reverse();
  return reply.html(
    RatingsPage({
      ctx,
      v: {
        quarter,
        quarters,
        rows,
        settings: await svc.ratingSettings(s),
        canCompute: s.permissions.has(actor, P.manage),
        canSettings: s.permissions.has(actor, P.settings),
        computeValue: opts.computeValue ?? quarter,
        errors: opts.errors ?? [],
        done: !!opts.done,
      },
    }),
    status,
  );
}

export function registerRatingRoutes(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Querystring: Query }>('/supervision/ratings', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.view);
    const quarter = one(request.query.quarter).toUpperCase();
    return renderRatings(s, actor, reply, { quarter, done: one(request.query.done) === 'computed' });
  });

  app.post<{ Body: Record<string, unknown> }>('/supervision/ratings/compute', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.manage);
    const text = one(request.body?.quarter).slice(0, 20);
    try {
      const rows = await svc.computeRatings(s, actor, text);
      return reply.redirect(`/supervision/ratings?quarter=${rows[0]?.quarter ?? text.trim().toUpperCase()}&done=computed`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return renderRatings(s, actor, reply, { errors: e.fields, computeValue: text }, 422);
      throw e;
    }
  });

  app.get<{ Params: { code: string } }>('/supervision/ratings/departments/:code', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.view);
    const ctx = reply.viewContext();
    const code = request.params.code;
    const orgs = await orgUnits(s.db);
    if (!orgs.some((o) => o.code === code && o.kind === 'department') || !orgInScope(actor, code)) throw new NotFoundError('department');
    const rows = await svc.ratingHistory(s.db, code);
    const names = await accountNames(s.db, rows.map((r) => r.computedBy));
    const seen = new Set<string>();
    const history = rows.map((r) => {
      const inForce = !seen.has(r.quarter);
      seen.add(r.quarter);
      return { ...r, inForce, byName: names.get(r.computedBy) ?? ctx.t('supervision:orders.ratings.system') };
    });
    return reply.html(RatingHistoryPage({ ctx, v: { orgName: orgName(ctx, orgs, code), rows: history } }));
  });

  app.get<{ Querystring: Query }>('/supervision/ratings/settings', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.settings);
    const current = await svc.ratingSettings(s);
    const values = Object.fromEntries(RATING_FIELDS.map((f) => [f, String(current[f])]));
    return reply.html(RatingSettingsPage({ ctx: reply.viewContext(), v: { values, errors: [], saved: one(request.query.saved) === '1' } }));
  });

  app.post<{ Body: Record<string, unknown> }>('/supervision/ratings/settings', pre, async (request, reply) => {
    const actor = actorOf(request);
    const values = Object.fromEntries(RATING_FIELDS.map((f) => [f, one(request.body?.[f]).slice(0, 20)]));
    return handleForm(
      reply,
      (errors) => RatingSettingsPage({ ctx: reply.viewContext(), v: { values, errors, saved: false } }),
      async () => {
        await svc.saveRatingSettings(s, actor, values);
        return reply.redirect('/supervision/ratings/settings?saved=1', 303);
      },
    );
  });
}
