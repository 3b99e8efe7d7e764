/**
 * The administration pages of identity, on the internal listener only: the organisation and
 * region trees, staff accounts and the resident look-up. Every check is in
 * identity.admin.service.ts; these handlers only parse, call and render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformServices } from '../../platform/module.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, originOf, requireSignedIn } from '../../platform/http/guards.js';
import { P, seesAllDepartments } from './identity.policy.js';
import * as admin from './identity.admin.service.js';
import type { TreeKind } from './identity.admin.service.js';
import { TreeFormPage, TreePage, treeBase } from './views/admin-trees.js';
import { StaffFormPage, StaffListPage, UnitStaffPage, type StaffFormValues } from './views/admin-staff.js';
import { ResidentPage, ResidentRevealedPage, ResidentsPage } from './views/admin-residents.js';
import { at } from './views/admin-shared.js';

type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : typeof v === 'string' ? [v] : []);
const names = (body: Body) => ({ nameZh: str(body.nameZh), nameEn: str(body.nameEn) });

function staffValues(body: Body): StaffFormValues {
  return {
    login: str(body.login),
    displayName: str(body.displayName),
    orgUnit: str(body.orgUnit),
    region: str(body.region),
    roles: list(body.roles),
    active: body.active === 'on',
  };
}

function registerTree(app: FastifyInstance, s: PlatformServices, kind: TreeKind): void {
  const base = treeBase(kind);
  const pre = { preHandler: requireSignedIn };

  app.get(base, pre, async (request, reply) => {
    const nodes = await admin.listTree(s, actorOf(request), kind);
    return reply.html(TreePage({ ctx: reply.viewContext(), kind, nodes }));
  });

  app.get<{ Querystring: { parent?: string } }>(`${base}/new`, pre, async (request, reply) => {
    const parent = await admin.treeNode(s, actorOf(request), kind, request.query.parent, true);
    return reply.html(TreeFormPage({ ctx: reply.viewContext(), kind, mode: 'create', node: parent, values: {}, errors: [] }));
  });

  app.post<{ Querystring: { parent?: string }; Body: Body }>(`${base}/new`, pre, async (request, reply) => {
    const actor = actorOf(request);
    const parent = await admin.treeNode(s, actor, kind, request.query.parent, true);
    const values = names(request.body);
    return handleForm(
      reply,
      (errors) => TreeFormPage({ ctx: reply.viewContext(), kind, mode: 'create', node: parent, values, errors }),
      async () => {
        await admin.createTreeNode(s, actor, kind, parent.id, values, originOf(request));
        return reply.redirect(base, 303);
      },
    );
  });

  app.get<IdParams>(`${base}/:id/edit`, pre, async (request, reply) => {
    const node = await admin.treeNode(s, actorOf(request), kind, request.params.id);
    return reply.html(TreeFormPage({ ctx: reply.viewContext(), kind, mode: 'rename', node, values: { nameZh: node.nameZh, nameEn: node.nameEn }, errors: [] }));
  });

  app.post<IdParams & { Body: Body }>(`${base}/:id/edit`, pre, async (request, reply) => {
    const actor = actorOf(request);
    const node = await admin.treeNode(s, actor, kind, request.params.id);
    const values = names(request.body);
    return handleForm(
      reply,
      (errors) => TreeFormPage({ ctx: reply.viewContext(), kind, mode: 'rename', node, values, errors }),
      async () => {
        await admin.renameTreeNode(s, actor, kind, node.id, values, originOf(request));
        return reply.redirect(base, 303);
      },
    );
  });
}

function registerStaff(app: FastifyInstance, s: PlatformServices): void {
  const pre = { preHandler: requireSignedIn };
  const canManage = (request: FastifyRequest) => s.permissions.has(actorOf(request), P.staffManage);

  app.get('/admin/staff', pre, async (request, reply) => {
    const actor = actorOf(request);
    const rows = await admin.staffList(s, actor);
    const ctx = reply.viewContext();
    const scopeNote = seesAllDepartments(actor) ? at(ctx, 'staff.scopeAll') : at(ctx, 'staff.scopeDepartment', { code: actor.departmentCode ?? '' });
    return reply.html(StaffListPage({ ctx, rows, canManage: canManage(request), scopeNote }));
  });

  app.get<IdParams>('/admin/org/:id/staff', pre, async (request, reply) => {
    const { unit, staff } = await admin.unitStaff(s, actorOf(request), request.params.id);
    return reply.html(UnitStaffPage({ ctx: reply.viewContext(), unit, rows: staff, canManage: canManage(request) }));
  });

  app.get('/admin/staff/new', pre, async (request, reply) => {
    const options = await admin.staffFormOptions(s, actorOf(request));
    return reply.html(StaffFormPage({ ctx: reply.viewContext(), values: { roles: [] }, options, errors: [] }));
  });

  app.post<{ Body: Body }>('/admin/staff/new', pre, async (request, reply) => {
    const actor = actorOf(request);
    const options = await admin.staffFormOptions(s, actor);
    const values = staffValues(request.body);
    return handleForm(
      reply,
      (errors) => StaffFormPage({ ctx: reply.viewContext(), values, options, errors }),
      async () => {
        await admin.createStaff(s, actor, request.body, originOf(request));
        return reply.redirect('/admin/staff', 303);
      },
    );
  });

  app.get<IdParams>('/admin/staff/:id', pre, async (request, reply) => {
    const actor = actorOf(request);
    const account = await admin.staffAccount(s, actor, request.params.id);
    const options = await admin.staffFormOptions(s, actor);
    const values: StaffFormValues = {
      login: account.login ?? '',
      displayName: account.displayName,
      orgUnit: account.orgUnitId,
      region: account.regionId ?? '',
      roles: account.roles,
      active: account.active,
    };
    return reply.html(StaffFormPage({ ctx: reply.viewContext(), accountId: account.id, values, options, errors: [] }));
  });

  app.post<IdParams & { Body: Body }>('/admin/staff/:id', pre, async (request, reply) => {
    const actor = actorOf(request);
    const account = await admin.staffAccount(s, actor, request.params.id);
    const options = await admin.staffFormOptions(s, actor);
    const values = staffValues(request.body);
    return handleForm(
      reply,
      (errors) => StaffFormPage({ ctx: reply.viewContext(), accountId: account.id, values, options, errors }),
      async () => {
        const { deactivated } = await admin.updateStaff(s, actor, account.id, request.body, originOf(request));
        // A deactivated account is signed out everywhere at once.
        if (deactivated) await app.sessions.revokeAll(account.id);
        return reply.redirect('/admin/staff', 303);
      },
    );
  });
}

function registerResidents(app: FastifyInstance, s: PlatformServices): void {
  const pre = { preHandler: requireSignedIn };

  // The form posts the number, so it stays out of URLs, access logs, history and the page's own links;
  // `GET /admin/residents?q=` answers the same way for bookmarks and other modules' links.
  const lookup = async (request: FastifyRequest, reply: FastifyReply, q: string, page: unknown) => {
    const actor = actorOf(request);
    return handleForm(
      reply,
      async (errors) => ResidentsPage({ ctx: reply.viewContext(), q, result: await admin.searchResidents(s, actor, '', page), errors }),
      async () => {
        const result = await admin.searchResidents(s, actor, q, page);
        // After a match the field is emptied: the page shows the number masked only.
        return reply.html(ResidentsPage({ ctx: reply.viewContext(), q: result.match ? '' : q, result, errors: [] }));
      },
    );
  };
  app.get<{ Querystring: { q?: string; page?: string } }>('/admin/residents', pre, async (request, reply) => lookup(request, reply, str(request.query.q), request.query.page));
  app.post<{ Body: Body }>('/admin/residents', pre, async (request, reply) => lookup(request, reply, str(request.body.q), undefined));

  app.get<IdParams>('/admin/residents/:id', pre, async (request, reply) => {
    const actor = actorOf(request);
    const resident = await admin.residentMasked(s, actor, request.params.id);
    return reply.html(ResidentPage({ ctx: reply.viewContext(), resident, mayReveal: s.permissions.has(actor, P.residentReveal) }));
  });

  app.post<IdParams>('/admin/residents/:id/reveal', pre, async (request, reply: FastifyReply) => {
    const resident = await admin.revealResident(s, actorOf(request), request.params.id, originOf(request));
    // The whole values live only on this response: never cached, never kept in the session.
    reply.header('cache-control', 'no-store');
    return reply.html(ResidentRevealedPage({ ctx: reply.viewContext(), resident }));
  });
}

/** Registers the administration pages; the internal routes of identity call it on the internal listener. */
export function registerAdminRoutes(app: FastifyInstance, s: PlatformServices): void {
  registerTree(app, s, 'org');
  registerTree(app, s, 'region');
  registerStaff(app, s);
  registerResidents(app, s);
}
