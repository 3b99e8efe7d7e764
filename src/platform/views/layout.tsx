/**
 * The page shell: document head, header with site name, primary navigation, language and
 * elder-mode switches, breadcrumbs, one <main> with the page's only <h1>, and the footer.
 *
 * No inline script and no style attributes, so the strict CSP (`script-src 'self'`,
 * `style-src 'self'`) holds.
 */
import Html, { type Children } from '@kitajs/html';
import { languages, type Lang } from '../i18n/index.js';
import type { AuthLinks, NavEntry, ViewContext } from './context.js';
import { escapeStrict, escapeText, pathOf, str, withReturn } from './html.js';

export interface Breadcrumb {
  label: string;
  href?: string;
}

export interface LayoutProps {
  ctx: ViewContext;
  /** Plain text; becomes the <h1> and the start of the <title>. */
  title: string;
  breadcrumbs?: Breadcrumb[];
  /** Rendered markup of the page body (already escaped by the components). */
  children?: Children;
}

export const CSS_HREF = '/static/css/app.css';
export const ELDER_CSS_HREF = '/static/css/elder.css';
export const JS_HREF = '/static/js/app.js';

/** True when the nav entry is the current page or (except `/`) a parent of it. */
export function isCurrent(href: string, currentUrl: string): boolean {
  const here = pathOf(currentUrl);
  const target = pathOf(href);
  if (target === '/' || target === '') return here === '/' || here === '';
  return here === target || here.startsWith(target.endsWith('/') ? target : `${target}/`);
}

function PrimaryNav({ ctx }: { ctx: ViewContext }): string {
  if (ctx.nav.length === 0) return '';
  const safeItems = ctx.nav.map((entry: NavEntry) => {
    const current = isCurrent(entry.href, ctx.currentUrl);
    return str(
      <li class="primary-nav__item">
        <a class="primary-nav__link" href={escapeStrict(entry.href)} aria-current={current ? 'page' : undefined}>
          {escapeText(ctx.t(entry.labelKey))}
        </a>
      </li>,
    );
  });
  return str(
    <nav class="primary-nav" aria-label={escapeText(ctx.t('layout.primaryNav'))}>
      <div class="container">
        <ul class="primary-nav__list">{safeItems}</ul>
      </div>
    </nav>,
  );
}

function LanguageSwitch({ ctx }: { ctx: ViewContext }): string {
  const safeItems = languages.map((lang: Lang) => {
    const name = ctx.t(`layout.languageNames.${lang}`);
    const here = lang === ctx.lang;
    return str(
      <li>
        <a
          class="prefs__link"
          href={escapeStrict(withReturn(`/prefs/lang/${lang}`, ctx.currentUrl))}
          lang={lang}
          hreflang={lang}
          aria-current={here ? 'true' : undefined}
        >
          {escapeText(name)}
        </a>
      </li>,
    );
  });
  return str(
    <ul class="prefs__list" aria-label={escapeText(ctx.t('layout.language'))}>
      {safeItems}
    </ul>,
  );
}

function ElderToggle({ ctx }: { ctx: ViewContext }): string {
  const href = withReturn(ctx.elder ? '/prefs/elder/off' : '/prefs/elder/on', ctx.currentUrl);
  return str(
    <a class="prefs__link prefs__link--elder" href={escapeStrict(href)}>
      {escapeText(ctx.t(ctx.elder ? 'layout.elderOff' : 'layout.elderOn'))}
    </a>,
  );
}

function Header({ ctx }: { ctx: ViewContext }): string {
  const internal = ctx.side === 'internal';
  const homeHref = '/';
  return str(
    <header class={['site-header', internal ? 'site-header--internal' : 'site-header--public']}>
      <div class="container site-header__inner">
        <div class="site-header__brand">
          <a class="site-header__name" href={homeHref}>
            {escapeText(ctx.siteName)}
          </a>
          <span class="site-header__product">{escapeText(ctx.t('layout.product'))}</span>
          {internal ? (
            <span class="site-header__marker">
              <span lang="zh-CN">工作台</span>
              <span aria-hidden="true"> / </span>
              <span lang="en">Workbench</span>
            </span>
          ) : (
            ''
          )}
        </div>
        <div class="site-header__tools">
          {ctx.user ? (
            <p class="site-header__user">
              {ctx.auth?.accountHref ? (
                <a href={ctx.auth.accountHref}>{escapeText(ctx.t('layout.signedInAs', { name: ctx.user.displayName }))}</a>
              ) : (
                escapeText(ctx.t('layout.signedInAs', { name: ctx.user.displayName }))
              )}
            </p>
          ) : (
            ''
          )}
          {ctx.user && ctx.inbox ? <InboxLink ctx={ctx} inbox={ctx.inbox} /> : ''}
          {ctx.auth ? <AuthControl ctx={ctx} auth={ctx.auth} /> : ''}
          <div class="prefs" role="group" aria-label={escapeText(ctx.t('layout.preferences'))}>
            <LanguageSwitch ctx={ctx} />
            <ElderToggle ctx={ctx} />
          </div>
        </div>
      </div>
      {internal ? (
        <p class="site-header__notice">
          <span class="container">{escapeText(ctx.t('layout.internalNotice'))}</span>
        </p>
      ) : (
        ''
      )}
    </header>,
  );
}

function Breadcrumbs({ ctx, items }: { ctx: ViewContext; items: Breadcrumb[] }): string {
  if (items.length === 0) return '';
  const last = items.length - 1;
  const safeItems = items.map((item, i) =>
    str(
      <li class="breadcrumbs__item">
        {i === last || item.href === undefined ? (
          <span aria-current={i === last ? 'page' : undefined}>{escapeText(item.label)}</span>
        ) : (
          <a href={escapeStrict(item.href)}>{escapeText(item.label)}</a>
        )}
      </li>,
    ),
  );
  return str(
    <nav class="breadcrumbs" aria-label={escapeText(ctx.t('layout.breadcrumbs'))}>
      <ol class="breadcrumbs__list">{safeItems}</ol>
    </nav>,
  );
}

function Footer({ ctx }: { ctx: ViewContext }): string {
  return str(
    <footer class="site-footer">
      <div class="container">
        <h2 class="visually-hidden">{escapeText(ctx.t('footer.label'))}</h2>
        <p class="site-footer__name">{escapeText(ctx.siteName)}</p>
        <p>{escapeText(ctx.t('footer.hostedBy', { org: ctx.hostedBy ?? ctx.siteName }))}</p>
        <p>{escapeText(ctx.t('footer.accessibility'))}</p>
      </div>
    </footer>,
  );
}

/** "My messages", with the unread count when there is any (platform/notify). */
function InboxLink({ ctx, inbox }: { ctx: ViewContext; inbox: { href: string; unread: number } }): string {
  const here = pathOf(ctx.currentUrl) === inbox.href;
  return str(
    <p class="site-header__user">
      <a href={escapeStrict(inbox.href)} aria-current={here ? 'page' : undefined}>
        {escapeText(ctx.t('notify.header.link'))}
        {inbox.unread > 0 ? ' ' + str(<strong class="tag tag--info">{escapeText(ctx.t('notify.header.unread', { count: inbox.unread }))}</strong>) : ''}
      </a>
    </p>,
  );
}

/** The header's sign-in link returns to the current page, except from the sign-in page itself. */
function signInLink(signInHref: string, currentUrl: string): string {
  const here = pathOf(currentUrl);
  return here === pathOf(signInHref) ? escapeStrict(currentUrl) : `${signInHref}?return=${encodeURIComponent(here)}`;
}

/** Sign in (a link) or sign out (a POST form with its CSRF token, so it works without JavaScript). */
function AuthControl({ ctx, auth }: { ctx: ViewContext; auth: AuthLinks }): string {
  if (!ctx.user) {
    return str(
      <a class="site-header__signin" href={signInLink(auth.signInHref, ctx.currentUrl)}>
        {escapeText(ctx.t('layout.signIn'))}
      </a>,
    );
  }
  return str(
    <form class="site-header__signout" action={auth.signOutAction} method="post">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <button type="submit" class="button button--link">
        {escapeText(ctx.t('layout.signOut'))}
      </button>
    </form>,
  );
}

/** A complete HTML document (`<!doctype html>` included). */
export function Layout({ ctx, title, breadcrumbs, children }: LayoutProps): string {
  const fullTitle = `${title}${ctx.t('layout.titleSeparator')}${ctx.siteName}`;
  const classes = ['side-' + ctx.side, ctx.elder && 'elder'];
  const safeBody = str(Html.contentsToString([children]));
  return (
    '<!doctype html>' +
    str(
      <html lang={ctx.lang} class={classes}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="format-detection" content="telephone=no" />
          <title>{escapeText(fullTitle)}</title>
          <link rel="stylesheet" href={CSS_HREF} />
          {ctx.elder ? <link rel="stylesheet" href={ELDER_CSS_HREF} /> : ''}
          <script src={JS_HREF} defer></script>
        </head>
        <body class={classes}>
          <a class="skip-link" href="#main">
            {escapeText(ctx.t('layout.skipLink'))}
          </a>
          <Header ctx={ctx} />
          <PrimaryNav ctx={ctx} />
          <div class="container page">
            <Breadcrumbs ctx={ctx} items={breadcrumbs ?? []} />
            <main id="main" class="main" tabindex="-1">
              <h1 class="page-title">{escapeText(title)}</h1>
              {safeBody}
            </main>
          </div>
          <Footer ctx={ctx} />
        </body>
      </html>,
    )
  );
}
