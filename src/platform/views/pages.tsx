/**
 * Platform pages: error pages, the two home pages and the API reference.
 * Each returns a complete HTML document.
 */
import { messageText, type FieldError } from './components/forms.js';
import { Notice, type NoticeKind } from './components/status.js';
import type { NavEntry, ViewContext } from './context.js';
import { escapeStrict, escapeText, str } from './html.js';
import { Layout } from './layout.js';

export { ApiReferencePage } from './api-reference.js';
export type { ApiReferenceProps } from './api-reference.js';

function homeHref(): string {
  return '/';
}

function Paragraphs({ texts }: { texts: string[] }): string {
  return texts.map((text) => str(<p class="lead-text">{escapeText(text)}</p>)).join('');
}

export function NotFoundPage(ctx: ViewContext): string {
  return Layout({
    ctx,
    title: ctx.t('pages.notFound.title'),
    children: [
      <Paragraphs texts={[ctx.t('pages.notFound.body'), ctx.t('pages.notFound.hint')]} />,
      <p>
        <a href={homeHref()}>{escapeText(ctx.t('pages.backHome'))}</a>
      </p>,
    ],
  });
}

export type ForbiddenReason = 'forbidden' | 'csrf';

/** 403. `csrf`: the form's token was missing or stale, so ask the user to go back and resend. */
export function ForbiddenPage(ctx: ViewContext, reason: ForbiddenReason = 'forbidden'): string {
  const base = reason === 'csrf' ? 'pages.csrf' : 'pages.forbidden';
  return Layout({
    ctx,
    title: ctx.t(`${base}.title`),
    children: [
      <Paragraphs texts={[ctx.t(`${base}.body`), ctx.t(`${base}.hint`)]} />,
      <p>
        <a href={homeHref()}>{escapeText(ctx.t('pages.backHome'))}</a>
      </p>,
    ],
  });
}

export interface ErrorPageProps {
  status: number;
  /** Shown on 5xx so the user can quote it; the log carries the details. */
  reference?: string;
  /** Stable error code; accepted for the caller's convenience, never shown. */
  code?: string;
}

const SPECIFIC_4XX = new Set([401, 409, 413, 429]);

/** Any other error. A 5xx shows no internals: a fixed message and the reference id only. */
export function ErrorPage(ctx: ViewContext, { status, reference }: ErrorPageProps): string {
  const serverError = status >= 500 || status < 400;
  let title: string;
  let body: string;
  if (serverError) {
    title = ctx.t('pages.error.title5xx');
    body = ctx.t('pages.error.body5xx');
  } else if (SPECIFIC_4XX.has(status)) {
    title = ctx.t(`pages.error.title${status}`);
    body = ctx.t(`pages.error.body${status}`);
  } else {
    title = ctx.t(status === 400 ? 'pages.error.title400' : 'pages.error.title4xx');
    body = ctx.t('pages.error.body4xx', { status });
  }
  return Layout({
    ctx,
    title,
    children: [
      <p class="lead-text">{escapeText(body)}</p>,
      reference ? (
        <div class="reference">
          <p class="reference__id">{escapeText(ctx.t('pages.error.reference', { reference }))}</p>
          <p>{escapeText(ctx.t('pages.error.referenceHint'))}</p>
        </div>
      ) : (
        ''
      ),
      <p>
        <a href={homeHref()}>{escapeText(ctx.t('pages.backHome'))}</a>
      </p>,
    ],
  });
}

/**
 * 422 for a request whose form could not be re-rendered in place (the usual answer to a
 * bad form is the form again, with ErrorSummary and Field errors).
 */
export function ValidationErrorPage(ctx: ViewContext, errors: FieldError[]): string {
  const safeItems = errors.map((e) =>
    str(
      <li>
        <span class="validation-list__field">{escapeText(e.field)}</span>
        {escapeText(messageText(ctx, e.message, e.params))}
      </li>,
    ),
  );
  return Layout({
    ctx,
    title: ctx.t('pages.validation.title'),
    children: [
      <div class="error-summary" role="alert" tabindex="-1" data-error-summary>
        <h2 class="error-summary__title">{escapeText(ctx.t('errorSummary.title'))}</h2>
        <p>{escapeText(ctx.t('pages.validation.body'))}</p>
        {safeItems.length > 0 ? <ul class="error-summary__list validation-list">{safeItems}</ul> : ''}
      </div>,
      <p>
        <a href={homeHref()}>{escapeText(ctx.t('pages.backHome'))}</a>
      </p>,
    ],
  });
}

function EntryCards({ ctx, entries, empty }: { ctx: ViewContext; entries: NavEntry[]; empty: string }): string {
  if (entries.length === 0) return str(<p class="empty-state">{escapeText(empty)}</p>);
  const safeCards = entries.map((entry) =>
    str(
      <li class="card">
        <a class="card__link" href={escapeStrict(entry.href)}>
          {escapeText(ctx.t(entry.labelKey))}
        </a>
        {entry.descriptionKey ? <p class="card__text">{escapeText(ctx.t(entry.descriptionKey))}</p> : ''}
      </li>,
    ),
  );
  return str(<ul class="cards">{safeCards}</ul>);
}

export interface HomePageProps {
  /** Module entries, usually the same list as the primary navigation. */
  entries: NavEntry[];
}

/**
 * A warning or notice for the workbench's start page, asked of every registration
 * (`homeNotices`) on each visit: e.g. the calendar's "next year's holidays are missing"
 * for administrators. Keys are i18n keys, translated in the page's language.
 */
export interface HomeNotice {
  kind: NoticeKind;
  titleKey: string;
  textKey?: string;
  params?: Record<string, unknown>;
  /** Where to act on it. */
  link?: { href: string; labelKey: string };
}

export interface InternalHomePageProps extends HomePageProps {
  notices?: HomeNotice[];
}

function HomeNotices({ ctx, notices }: { ctx: ViewContext; notices: HomeNotice[] }): string {
  return notices
    .map((n) =>
      Notice({
        ctx,
        kind: n.kind,
        title: ctx.t(n.titleKey, n.params),
        text: n.textKey ? ctx.t(n.textKey, n.params) : undefined,
        children: n.link ? str(<p><a href={escapeStrict(n.link.href)}>{escapeText(ctx.t(n.link.labelKey, n.params))}</a></p>) : undefined,
      }),
    )
    .join('');
}

/** The public portal's welcome page: module entries as cards (no search box). */
export function PublicHomePage(ctx: ViewContext, { entries }: HomePageProps): string {
  return Layout({
    ctx,
    title: ctx.t('pages.publicHome.title', { site: ctx.siteName }),
    children: [
      <p class="lead-text">{escapeText(ctx.t('pages.publicHome.lead'))}</p>,
      <section aria-labelledby="home-entries">
        <h2 id="home-entries">{escapeText(ctx.t('pages.publicHome.entriesHeading'))}</h2>
        <EntryCards ctx={ctx} entries={entries} empty={ctx.t('pages.publicHome.empty')} />
      </section>,
    ],
  });
}

/** The staff workbench's start page, with the registrations' notices for this person first. */
export function InternalHomePage(ctx: ViewContext, { entries, notices = [] }: InternalHomePageProps): string {
  return Layout({
    ctx,
    title: ctx.t('pages.internalHome.title'),
    children: [
      <HomeNotices ctx={ctx} notices={notices} />,
      <p class="lead-text">{escapeText(ctx.t('pages.internalHome.lead'))}</p>,
      <section aria-labelledby="home-entries">
        <h2 id="home-entries">{escapeText(ctx.t('pages.internalHome.entriesHeading'))}</h2>
        <EntryCards ctx={ctx} entries={entries} empty={ctx.t('pages.internalHome.empty')} />
      </section>,
    ],
  });
}
