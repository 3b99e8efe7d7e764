/**
 * The item page: everything an applicant must know, in the order a person
 * asks it: what is it, may I apply, what do I bring, how does it go, what
 * does it cost, how long, what do I get, where and when, how to complain.
 * `?print=1` renders the same page without the site's chrome, for printing.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { Notice, StatusTag, SummaryList, trusted } from '../../../platform/views/components.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import { formatDate } from '../../../platform/i18n/index.js';
import type { FeeSpec, MaterialSpec } from '../catalog.content.js';
import type { Department, ItemGuide } from '../catalog.guide.service.js';
import { deptName, fileSize, limitText, localBlock, localText, StackTable } from './guide-shared.js';

export interface ItemPageView {
  guide: ItemGuide;
  /** Any code in the flow (step actors, parallel departments) → its org unit. */
  orgs: (code: string) => Department | undefined;
  print: boolean;
}

const SECTIONS = ['about', 'who', 'materials', 'flow', 'fees', 'time', 'result', 'where', 'complain', 'law', 'faqs', 'bundles'] as const;
type SectionId = (typeof SECTIONS)[number];

function Section({ id, title, safeBody }: { id: SectionId; title: string; safeBody: string }): string {
  return str(
    <section class="guide-section" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{escapeText(title)}</h2>
      {safeBody}
    </section>,
  );
}

function fileLinks(ctx: ViewContext, v: ItemPageView, m: MaterialSpec): string {
  const code = v.guide.item.taskCode;
  const safeLinks = (
    [
      ['blankForm', m.blank_form_file],
      ['sample', m.sample_file],
    ] as const
  ).flatMap(([kind, id]) => {
    const f = id ? v.guide.files.get(id) : undefined;
    if (!f) return [];
    const href = `/services/${encodeURIComponent(code)}/files/${f.id}`;
    const label = ctx.t('catalog:public.item.fileLabel', { kind: ctx.t(`catalog:public.item.${kind}`), name: f.name, size: fileSize(f.size) });
    return [str(<li><a href={escapeStrict(href)} class="guide-file">{escapeText(label)}</a></li>)];
  });
  return safeLinks.length ? `<ul class="guide-files">${safeLinks.join('')}</ul>` : escapeText(ctx.t('catalog:public.item.noFiles'));
}

function Materials({ ctx, v }: { ctx: ViewContext; v: ItemPageView }): string {
  const t = (key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.item.${key}`, o);
  const materials = v.guide.content.materials;
  if (materials.length === 0) return str(<p>{escapeText(t('noMaterials'))}</p>);
  const free = (m: MaterialSpec) => m.source !== 'applicant';
  return StackTable<MaterialSpec>({
    caption: t('materialsCaption'),
    id: 'materials-table',
    rows: materials,
    columns: [
      {
        header: t('materialName'),
        rowHeader: true,
        html: (m) => localText(ctx, m.name, m.name_en) + (m.note ? str(<span class="guide-note">{escapeText(m.note)}</span>) : ''),
      },
      { header: t('materialRequired'), html: (m) => escapeText(t(m.required ? 'required' : 'optional')) },
      {
        header: t('materialCount'),
        html: (m) => escapeText(free(m) ? '—' : [m.originals ? t('originals', { count: m.originals }) : '', m.copies ? t('copies', { count: m.copies }) : ''].filter(Boolean).join(ctx.lang === 'en' ? ', ' : '，') || '—'),
      },
      { header: t('materialFormat'), html: (m) => escapeText(ctx.t(`catalog:enums.material_format.${m.format}`)) },
      {
        header: t('materialSource'),
        html: (m) =>
          free(m)
            ? StatusTag({ label: t('noSubmit'), tone: 'success' }) +
              str(<span class="guide-note">{escapeText(ctx.t(`catalog:enums.material_source.${m.source}`) + (m.certificate_type ? `（${m.certificate_type}）` : ''))}</span>)
            : escapeText(ctx.t(`catalog:enums.material_source.${m.source}`)),
      },
      { header: t('materialFiles'), html: (m) => fileLinks(ctx, v, m) },
    ],
  });
}

function Flow({ ctx, v }: { ctx: ViewContext; v: ItemPageView }): string {
  const t = (key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.item.${key}`, o);
  const org = (code: string) => (/^[0-9]{3,12}$/.test(code) ? deptName(ctx, v.orgs(code), code) : code);
  const safeSteps = v.guide.content.handle_flow.map((s, i) => {
    const safeName = localText(ctx, s.name, s.name_en);
    return str(
      <li class="guide-steps__item">
        <p class="guide-steps__name">
          <span class="guide-steps__no">{escapeText(t('step', { n: i + 1 }))}</span> {safeName}
        </p>
        <p class="guide-steps__meta">
          {escapeText(t('stepActor', { actor: org(s.actor) }))}
          {' · '}
          {escapeText(s.days === 0 ? t('stepSameDay') : t('stepDays', { count: s.days }))}
        </p>
        {s.parallel_departments?.length ? <p class="guide-steps__meta">{escapeText(t('stepParallel', { list: s.parallel_departments.map(org).join(ctx.lang === 'en' ? ', ' : '、') }))}</p> : ''}
        {s.description ? localBlock(ctx, s.description, null, 'guide-steps__text') : ''}
      </li>,
    );
  });
  return str(<ol class="guide-steps">{safeSteps.join('')}</ol>);
}

function Fees({ ctx, v }: { ctx: ViewContext; v: ItemPageView }): string {
  const t = (key: string) => ctx.t(`catalog:public.item.${key}`);
  const c = v.guide.content;
  if (!c.is_fee || c.fees.length === 0) return str(<p class="guide-strong">{escapeText(t('noFee'))}</p>);
  return StackTable<FeeSpec>({
    caption: t('fees'),
    id: 'fees-table',
    rows: c.fees,
    columns: [
      { header: t('feeName'), rowHeader: true, html: (f) => localText(ctx, f.name) },
      { header: t('feeStandard'), html: (f) => localText(ctx, f.standard) },
      { header: t('feeBasis'), html: (f) => localText(ctx, f.basis) },
      { header: t('feeReducible'), html: (f) => escapeText(t(f.reducible ? 'reducible' : 'notReducible')) },
    ],
  });
}

/** The facts a person looks for first, and the apply button. */
function KeyFacts({ ctx, v }: { ctx: ViewContext; v: ItemPageView }): string {
  const t = (key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.item.${key}`, o);
  const { content: c, item } = v.guide;
  const visits = c.limit_scene_num === 0 ? t('visits0') : c.limit_scene_num === 1 ? t('visits1') : t('visitsN', { count: c.limit_scene_num });
  const safeApply = v.guide.acceptsOnline
    ? str(
        <div class="guide-apply">
          <a class="button button--start" href={escapeStrict(`/apply/${encodeURIComponent(item.taskCode)}`)}>
            {escapeText(t('apply'))}
          </a>
          <p class="guide-apply__hint">{escapeText(t('applyHint'))}</p>
        </div>,
      )
    : item.state === 'active'
      ? str(<p class="guide-apply__none">{escapeText(t('notOnline'))}</p>)
      : '';
  const safeFacts = SummaryList({
    ctx,
    rows: [
      { key: t('department'), value: deptName(ctx, v.guide.department, item.orgCode) },
      { key: ctx.t('catalog:fields.audiences'), value: c.audiences.map((a) => ctx.t(`catalog:enums.audience.${a}`)).join(ctx.lang === 'en' ? ', ' : '、') },
      { key: t('committed'), value: c.project_type === 'immediate' ? ctx.t('catalog:public.tags.immediate') : limitText(ctx, c.promise_day, c.promise_type) },
      { key: t('visits'), value: visits },
      { key: t('fees'), value: c.is_fee ? trusted(c.fees.map((f) => localText(ctx, f.name)).join(ctx.lang === 'en' ? ', ' : '、')) : t('noFee') },
      { key: ctx.t('catalog:fields.online_handle_depth'), value: ctx.t(`catalog:enums.depth.${c.online_handle_depth}`) },
    ],
  });
  return str(
    <section class="guide-keyfacts" aria-labelledby="keyfacts-heading">
      <h2 id="keyfacts-heading">{escapeText(t('keyFacts'))}</h2>
      {safeFacts}
      {safeApply}
    </section>,
  );
}

function Toc({ ctx, ids }: { ctx: ViewContext; ids: SectionId[] }): string {
  const safeItems = ids.map((id) => str(<li><a href={`#${id}`}>{escapeText(sectionTitle(ctx, id))}</a></li>));
  return str(
    <nav class="guide-toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" class="guide-toc__heading">
        {escapeText(ctx.t('catalog:public.item.toc'))}
      </h2>
      <ol class="guide-toc__list">{safeItems.join('')}</ol>
    </nav>,
  );
}

const sectionTitle = (ctx: ViewContext, id: SectionId) => ctx.t(`catalog:public.item.${id}`);

export function GuideItemPage(ctx: ViewContext, v: ItemPageView): string {
  const t = (key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.item.${key}`, o);
  const { item, content: c, version } = v.guide;
  const name = ctx.lang === 'en' ? (c.task_name_en ?? c.task_name) : c.task_name;
  const here = `/services/${encodeURIComponent(item.taskCode)}`;
  const list = (xs: string[]) => xs.join(ctx.lang === 'en' ? ', ' : '、');
  const townshipNames = v.guide.townships.map((tw) => (ctx.lang === 'en' ? tw.nameEn : tw.nameZh));

  const sections: Record<SectionId, string> = {
    about: [
      c.summary ? localBlock(ctx, c.summary, c.summary_en) : '',
      SummaryList({
        ctx,
        rows: [
          { key: ctx.t('catalog:fields.task_type'), value: ctx.t(`catalog:enums.task_type.${c.task_type}`) },
          ...(c.task_handle_item ? [{ key: t('handleItem'), value: trusted(localText(ctx, c.task_handle_item)) }] : []),
          { key: ctx.t('catalog:fields.project_type'), value: ctx.t(`catalog:enums.project_type.${c.project_type}`) },
        ],
      }),
    ].join(''),
    who: localBlock(ctx, c.accept_condition, c.accept_condition_en),
    materials: Materials({ ctx, v }),
    flow: Flow({ ctx, v }),
    fees: Fees({ ctx, v }),
    time: SummaryList({
      ctx,
      rows: [
        { key: t('statutory'), value: limitText(ctx, c.anticipate_day, c.anticipate_type) },
        { key: t('committed'), value: c.promise_day === 0 ? ctx.t('catalog:public.tags.immediate') : limitText(ctx, c.promise_day, c.promise_type) },
        { key: t('visits'), value: c.limit_scene_num === 0 ? t('visits0') : c.limit_scene_num === 1 ? t('visits1') : t('visitsN', { count: c.limit_scene_num }) },
        ...(c.project_type === 'immediate' ? [{ key: ctx.t('catalog:fields.project_type'), value: t('immediateNote') }] : []),
      ],
    }),
    result: SummaryList({
      ctx,
      rows: [
        { key: ctx.t('catalog:fields.result_name'), value: trusted(localText(ctx, c.result_name)) },
        { key: ctx.t('catalog:fields.result_type'), value: trusted(localText(ctx, c.result_type)) },
        { key: ctx.t('catalog:fields.is_express'), value: t(c.is_express ? 'express' : 'noExpress') },
      ],
    }),
    where: SummaryList({
      ctx,
      rows: [
        { key: ctx.t('catalog:fields.transact_addr'), value: trusted(localText(ctx, c.transact_addr)) },
        { key: ctx.t('catalog:fields.transact_time'), value: trusted(localText(ctx, c.transact_time)) },
        { key: t('phone'), value: c.link_way },
        { key: t('handleArea'), value: ctx.t(`catalog:enums.handle_area.${c.handle_area}`) },
        ...(townshipNames.length ? [{ key: t('townships'), value: list(townshipNames) }] : []),
        { key: t('channels'), value: list(c.handle_type.map((h) => ctx.t(`catalog:enums.handle_type.${h}`))) },
      ],
    }),
    complain: localBlock(ctx, c.supervise_way),
    law: localBlock(ctx, c.by_law),
    faqs: c.faqs.map((f) => `<div class="guide-faq"><h3 class="guide-faq__q">${localText(ctx, f.question, f.question_en)}</h3>${localBlock(ctx, f.answer, f.answer_en)}</div>`).join(''),
    bundles: v.guide.bundles.length
      ? `<p>${escapeText(t('bundlesText'))}</p><ul>${v.guide.bundles.map((b) => `<li><a href="${escapeStrict(`/bundles/${encodeURIComponent(b.code)}`)}">${escapeText(ctx.lang === 'en' ? b.nameEn : b.nameZh)}</a></li>`).join('')}</ul>`
      : '',
  };
  const shown = SECTIONS.filter((id) => sections[id] !== '');
  const safeSections = shown.map((id) => Section({ id, title: sectionTitle(ctx, id), safeBody: sections[id] })).join('');
  const safeInfo = SummaryList({
    ctx,
    rows: [
      { key: ctx.t('catalog:fields.task_code'), value: item.taskCode },
      { key: ctx.t('catalog:fields.catalog_code'), value: c.catalog_code },
      { key: t('version'), value: t('versionNo', { no: version.versionNo }) },
      { key: t('publishedAt'), value: version.publishedAt ? formatDate(version.publishedAt, ctx.lang) : '' },
    ],
  });

  const safeSuspended =
    item.state === 'suspended'
      ? Notice({
          ctx,
          kind: 'warning',
          title: t('suspendedTitle'),
          children: [
            item.notice ? str(<p class="guide-text">{escapeText(item.notice)}</p>) : '',
            item.noticeAt ? str(<p>{escapeText(t('suspendedSince', { date: formatDate(item.noticeAt, ctx.lang) }))}</p>) : '',
            str(<p>{escapeText(t('suspendedNoApply'))}</p>),
          ].join(''),
        })
      : '';

  return Layout({
    ctx,
    title: name,
    breadcrumbs: [{ label: ctx.t('nav.home'), href: '/' }, { label: ctx.t('catalog:public.title'), href: '/services' }, { label: name }],
    children: str(
      <div class={['guide', v.print && 'guide--print']}>
        {v.print
          ? str(
              <div class="guide-printbar">
                <p>{escapeText(t('printView'))}</p>
                <p>
                  <a href={escapeStrict(here)}>{escapeText(t('backToFull'))}</a>
                </p>
              </div>,
            )
          : ''}
        {safeSuspended}
        <KeyFacts ctx={ctx} v={v} />
        {v.print ? (
          ''
        ) : (
          <p class="guide-print-link">
            <a href={escapeStrict(`${here}?print=1`)}>{escapeText(t('print'))}</a>
          </p>
        )}
        {v.print ? '' : <Toc ctx={ctx} ids={shown} />}
        {safeSections}
        <section class="guide-section guide-info" aria-labelledby="info-heading">
          <h2 id="info-heading">{escapeText(t('info'))}</h2>
          {safeInfo}
        </section>
      </div>,
    ),
  });
}
