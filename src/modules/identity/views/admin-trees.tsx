/**
 * The organisation tree (government → departments → sections) and the region tree
 * (county → township/street → village/community): the nested lists and the create/rename forms.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import type { FieldError } from '../../../platform/views/components.js';
import { Button, ButtonGroup, ErrorSummary, Field, Form, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str } from '../../../platform/views/html.js';
import { childLevelOf, NAME_MAX, type TreeKind, type TreeNode } from '../identity.admin.service.js';
import { at, ContextLink, crumbs, errorFor, nameOf } from './admin-shared.js';

/** Where each tree lives. */
export const treeBase = (kind: TreeKind) => (kind === 'org' ? '/admin/org' : '/admin/regions');
const k = (kind: TreeKind, key: string) => `${kind === 'org' ? 'org' : 'regions'}.${key}`;

function NodeItem({ ctx, kind, node, children }: { ctx: ViewContext; kind: TreeKind; node: TreeNode; children: Map<string, TreeNode[]> }): string {
  const name = nameOf(ctx, node);
  const base = treeBase(kind);
  const childLevel = childLevelOf(kind, node.level);
  const links: { href: string; label: string }[] = [{ href: `${base}/${node.id}/edit`, label: at(ctx, 'tree.rename') }];
  if (childLevel) links.push({ href: `${base}/new?parent=${node.id}`, label: at(ctx, `levels.add.${childLevel}`) });
  if (kind === 'org' && node.level !== 'government') links.push({ href: `/admin/org/${node.id}/staff`, label: at(ctx, 'org.staffLink') });
  const safeActions = links
    .map((l) => {
      const safeLink = ContextLink({ ...l, context: name });
      return str(<li>{safeLink}</li>);
    })
    .join('');
  const kids = children.get(node.id) ?? [];
  const safeChildItems = kids.map((c) => NodeItem({ ctx, kind, node: c, children })).join('');
  const safeKids = kids.length ? str(<ul class="admin-tree__list">{safeChildItems}</ul>) : '';
  return str(
    <li class={['admin-tree__item', `admin-tree__item--${node.level}`]}>
      <p class="admin-tree__node">
        <span class="admin-tree__name">{escapeText(name)}</span> <code class="admin-tree__code">{escapeText(node.code)}</code>{' '}
        <span class="admin-tree__level">{escapeText(at(ctx, `levels.${node.level}`))}</span>
      </p>
      <ul class="admin-tree__actions">{safeActions}</ul>
      {safeKids}
    </li>,
  );
}

/** The whole tree as nested lists, with its codes and the links to rename, add a child and (org) see the staff. */
export function TreePage({ ctx, kind, nodes }: { ctx: ViewContext; kind: TreeKind; nodes: TreeNode[] }): string {
  const byParent = new Map<string, TreeNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  const roots: TreeNode[] = [];
  for (const n of [...nodes].sort((a, b) => a.code.localeCompare(b.code))) {
    if (n.parentId && ids.has(n.parentId)) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
    else roots.push(n);
  }
  const title = at(ctx, k(kind, 'title'));
  const safeRootItems = roots.map((n) => NodeItem({ ctx, kind, node: n, children: byParent })).join('');
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      <p class="lead-text">{escapeText(at(ctx, k(kind, 'lead')))}</p>,
      roots.length === 0 ? (
        <p class="empty-state">{escapeText(at(ctx, 'tree.empty'))}</p>
      ) : (
        <ul class="admin-tree">{safeRootItems}</ul>
      ),
    ],
  });
}

export interface TreeFormProps {
  ctx: ViewContext;
  kind: TreeKind;
  /** `create`: `node` is the parent; `rename`: `node` is the unit or region itself. */
  mode: 'create' | 'rename';
  node: TreeNode;
  values: { nameZh?: string; nameEn?: string };
  errors: FieldError[];
}

export function TreeFormPage({ ctx, kind, mode, node, values, errors }: TreeFormProps): string {
  const base = treeBase(kind);
  const listTitle = at(ctx, k(kind, 'title'));
  const level = mode === 'create' ? (childLevelOf(kind, node.level) ?? node.level) : node.level;
  const title = mode === 'create' ? at(ctx, `levels.add.${level}`) : at(ctx, 'tree.renameTitle', { name: nameOf(ctx, node) });
  const action = mode === 'create' ? `${base}/new?parent=${node.id}` : `${base}/${node.id}/edit`;
  const hint = at(ctx, 'tree.nameHint', { max: NAME_MAX });
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: listTitle, href: base }, { label: title }),
    children: [
      <ErrorSummary ctx={ctx} errors={errors} />,
      mode === 'create' ? (
        <Notice ctx={ctx} text={at(ctx, 'tree.createNotice', { parent: nameOf(ctx, node), code: node.code })} />
      ) : (
        <Notice ctx={ctx} text={at(ctx, 'tree.renameNotice', { code: node.code })} />
      ),
      <Form ctx={ctx} action={action}>
        <Field ctx={ctx} name="nameZh" label={at(ctx, 'tree.nameZh')} hint={hint} value={values.nameZh} error={errorFor(errors, 'nameZh')} required />
        <Field ctx={ctx} name="nameEn" label={at(ctx, 'tree.nameEn')} hint={hint} value={values.nameEn} error={errorFor(errors, 'nameEn')} required />
        <ButtonGroup>
          <Button label={at(ctx, mode === 'create' ? 'tree.create' : 'tree.save')} />
          <Button label={at(ctx, 'cancel')} href={base} variant="secondary" />
        </ButtonGroup>
      </Form>,
    ],
  });
}
