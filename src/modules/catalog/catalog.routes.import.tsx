/**
 * Import and export of a department's implementation list (internal listener):
 * /catalog/import (upload and export forms, latest imports), /catalog/imports/:id
 * (progress or result), its status JSON for the progress script, and
 * /catalog/export. Every rule is in catalog.import.ts and catalog.export.ts.
 */
import type { RouteRegistrar } from '../../platform/module.js';
import { contentDisposition } from '../../platform/files/files.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { orgUnits } from '../identity/index.js';
import { exportList } from './catalog.export.js';
import { getImport, recentImports, startImport } from './catalog.import.js';
import { MAX_ROWS } from './catalog.import.parse.js';
import { itemInScope } from './catalog.policy.js';
import { ImportPage } from './views/import.js';
import { ImportStatusPage, progressText } from './views/import-status.js';

type IdParams = { Params: { id: string } };
type ExportQuery = { Querystring: { format?: string; drafts?: string; dept?: string; template?: string } };

/** Cross-department roles pick the department to export. */
async function departmentChoices(db: Db, actor: Actor, lang: string) {
  if (!itemInScope(actor, '')) return undefined;
  return (await orgUnits(db)).filter((o) => o.kind === 'department').map((o) => ({ code: o.code, name: lang === 'en' ? o.nameEn : o.nameZh }));
}

export const registerImportRoutes: RouteRegistrar = (app, s) => {
  const pre = { preHandler: requireSignedIn };
  const maxMb = Math.floor(s.config.fileMaxBytes / 1048576);

  app.get('/catalog/import', pre, async (request, reply) => {
    const actor = actorOf(request);
    const recent = await recentImports(s, actor);
    const ctx = reply.viewContext();
    return reply.html(ImportPage({ ctx, recent, errors: [], maxRows: MAX_ROWS, maxMb, departments: await departmentChoices(s.db, actor, ctx.lang) }));
  });

  app.post<{ Body: Record<string, unknown> }>('/catalog/import', pre, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    return handleForm(
      reply,
      async (errors) => ImportPage({ ctx, recent: await recentImports(s, actor), errors, maxRows: MAX_ROWS, maxMb, departments: await departmentChoices(s.db, actor, ctx.lang) }),
      async () => {
        const id = await startImport(s, actor, request.body?.file);
        return reply.redirect(`/catalog/imports/${id}`, 303);
      },
    );
  });

  app.get<IdParams>('/catalog/imports/:id', pre, async (request, reply) => {
    const row = await getImport(s, actorOf(request), request.params.id);
    return reply.html(ImportStatusPage({ ctx: reply.viewContext(), row }));
  });

  /** For the progress script: small, and never cached. */
  app.get<IdParams>('/catalog/imports/:id/status', pre, async (request, reply) => {
    const row = await getImport(s, actorOf(request), request.params.id);
    return reply.header('cache-control', 'no-store').send({
      status: row.status,
      processedRows: row.processedRows,
      totalRows: row.totalRows,
      finished: row.status === 'done' || row.status === 'failed',
      text: progressText(reply.viewContext(), row),
    });
  });

  app.get<ExportQuery>('/catalog/export', pre, async (request, reply) => {
    const q = request.query;
    const file = await exportList(s, actorOf(request), { format: q.format === 'csv' ? 'csv' : 'xlsx', drafts: q.drafts === '1', dept: q.dept || undefined, template: q.template === '1' });
    return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.body);
  });
};
