import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDate,
  formatDateTime,
  initI18n,
  missingKeys,
  pickLanguage,
  translator,
  type Lang,
} from '../../i18n/index.js';
import type { ViewContext } from '../context.js';
import { memoTranslator } from '../../http/view-context.js';
import { Layout } from '../layout.js';
import {
  Button,
  DataTable,
  ErrorSummary,
  Field,
  fieldId,
  Form,
  Notice,
  Pagination,
  StatusTag,
  SummaryList,
  Timeline,
  trusted,
} from '../components.js';
import {
  ApiReferencePage,
  ErrorPage,
  ForbiddenPage,
  InternalHomePage,
  NotFoundPage,
  PublicHomePage,
  ValidationErrorPage,
} from '../pages.js';

const XSS = '<script>alert(1)</script>';
const XSS_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

function makeCtx(over: Partial<ViewContext> & { lang?: Lang } = {}): ViewContext {
  const lang = over.lang ?? 'zh-CN';
  return {
    lang,
    t: translator(lang),
    elder: false,
    side: 'public',
    csrfToken: 'tok-123',
    currentUrl: '/services?page=2&q=a b',
    nav: [
      { href: '/', labelKey: 'nav.home' },
      { href: '/services', labelKey: 'nav.services' },
    ],
    siteName: '青山县人民政府',
    ...over,
  };
}

/** What every full page must satisfy. */
function assertDocument(html: string, lang: Lang): void {
  assert.ok(html.startsWith('<!doctype html>'), 'doctype first');
  assert.match(html, new RegExp(`<html lang="${lang}"`));
  assert.equal(html.match(/<h1[\s>]/g)?.length, 1, 'exactly one <h1>');
  assert.match(html, /<title>[^<]+<\/title>/);
  assert.match(html, /<a class="skip-link" href="#main">/);
  assert.match(html, /<main id="main"/);
  assert.match(html, /<meta name="viewport"/);
  assert.match(html, /href="\/static\/css\/app.css"/);
  assert.doesNotMatch(html, /\sstyle=/, 'no style attribute');
  assert.doesNotMatch(html, /<style/i, 'no style element');
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'no inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.ok(!html.includes('<script>alert'), 'no injected script');
}

test('English is complete: en and zh-CN have the same keys', async () => {
  await initI18n();
  assert.deepEqual(missingKeys(), []);
});

test('formatDateTime renders in Asia/Shanghai', () => {
  const d = new Date('2026-01-01T00:00:00Z');
  assert.equal(formatDateTime(d, 'zh-CN'), '2026-01-01 08:00');
  assert.equal(formatDateTime(d, 'en'), '2026-01-01 08:00');
  assert.equal(formatDate(new Date('2026-11-22T16:30:00Z'), 'zh-CN'), '2026-11-23');
  assert.equal(formatDateTime(new Date('2026-11-22T13:30:00Z'), 'en'), '2026-11-22 21:30');
  assert.equal(formatDateTime(new Date('nope'), 'en'), '');
});

test('formatDateTime: the fixed-offset fast path agrees with Intl, and summer time before 1992 is kept', () => {
  const intl = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const viaIntl = (d: Date) => {
    const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
  // Every ~37 hours from 1992 to 2060, and the edges of Shanghai days and years.
  for (let ms = Date.UTC(1992, 0, 1); ms < Date.UTC(2060, 0, 1); ms += 37 * 3_600_000 + 61_000) assert.equal(formatDateTime(new Date(ms), 'zh-CN'), viaIntl(new Date(ms)));
  assert.equal(formatDateTime(new Date('2026-12-31T15:59:59Z'), 'en'), '2026-12-31 23:59');
  assert.equal(formatDateTime(new Date('2026-12-31T16:00:00Z'), 'en'), '2027-01-01 00:00');
  // 1988-07-01 00:00 Shanghai summer time (UTC+9) is 1988-06-30T15:00Z: still 1 July.
  assert.equal(formatDate(new Date('1988-06-30T15:00:00Z'), 'zh-CN'), '1988-07-01');
});

test('memoised translator: repeated calls with scalar options give what i18next gives', () => {
  const fast = memoTranslator('en');
  const plain = translator('en');
  for (let i = 0; i < 3; i++) {
    assert.equal(fast('layout.signedInAs', { name: XSS }), plain('layout.signedInAs', { name: XSS }));
    assert.equal(fast('layout.signedInAs', { name: 'Li' }), 'Signed in as Li');
    assert.equal(fast('nav.home'), 'Home');
  }
  assert.equal(fast('no.such.key', { n: 1 }), 'no.such.key');
});

test('pickLanguage: cookie, then Accept-Language, else zh-CN', () => {
  assert.equal(pickLanguage('en', 'zh-CN'), 'en');
  assert.equal(pickLanguage('zh-CN', 'en-US'), 'zh-CN');
  assert.equal(pickLanguage(undefined, 'en-GB,en;q=0.9'), 'en');
  assert.equal(pickLanguage(undefined, 'fr-FR, en;q=0.5, zh;q=0.8'), 'zh-CN');
  assert.equal(pickLanguage('xx', 'fr'), 'zh-CN');
  assert.equal(pickLanguage(undefined, undefined), 'zh-CN');
});

test('translator: default namespace, explicit namespace, escaped interpolation', () => {
  const t = translator('en');
  assert.equal(t('nav.home'), 'Home');
  assert.equal(t('common:nav.home'), 'Home');
  assert.equal(translator('zh-CN')('nav.home'), '首页');
  assert.equal(t('layout.signedInAs', { name: XSS }), `Signed in as ${XSS_ESCAPED.replace('/', '&#x2F;')}`);
});

test('initI18n adds module namespaces and is idempotent', async () => {
  await initI18n({ demo: { 'zh-CN': { hello: '你好' }, en: { hello: 'Hello' } } });
  await initI18n({ demo: { 'zh-CN': { hello: '改了' }, en: { hello: 'Changed' } } });
  assert.equal(translator('en')('demo:hello'), 'Hello');
  assert.equal(translator('zh-CN')('demo:hello'), '你好');
  assert.deepEqual(missingKeys(), []);
});

test('Layout: lang, title, one h1, skip link, no inline style or script', () => {
  const ctx = makeCtx({ user: { displayName: XSS } });
  const html = Layout({
    ctx,
    title: `申请 ${XSS}`,
    breadcrumbs: [{ label: '首页', href: '/' }, { label: XSS }],
    children: '<p>正文</p>',
  });
  assertDocument(html, 'zh-CN');
  assert.ok(!html.includes(XSS));
  assert.match(html, /<title>申请 &lt;script&gt;alert\(1\)&lt;\/script&gt; - 青山县人民政府<\/title>/);
  assert.match(html, /<h1 class="page-title">申请 &lt;script&gt;/);
  assert.match(html, /<p>正文<\/p>/);
  // language switch and elder toggle carry the return URL
  const ret = encodeURIComponent('/services?page=2&q=a b');
  assert.ok(html.includes(`href="/prefs/lang/en?return=${ret.replace(/&/g, '&amp;')}"`) || html.includes(`href="/prefs/lang/en?return=${ret}"`));
  assert.match(html, /<a[^>]*href="\/prefs\/lang\/en\?return=[^"]+"[^>]*lang="en"[^>]*hreflang="en"/);
  assert.match(html, /<a[^>]*href="\/prefs\/lang\/zh-CN\?return=[^"]+"[^>]*lang="zh-CN"[^>]*hreflang="zh-CN"/);
  assert.match(html, /href="\/prefs\/elder\/on\?return=[^"]+"[^>]*>关怀模式</);
  // breadcrumbs
  assert.match(html, /<nav class="breadcrumbs" aria-label="[^"]+">/);
  assert.match(html, /<span aria-current="page">&lt;script&gt;/);
  // nav marks the current section
  assert.match(html, /href="\/services" aria-current="page"/);
  assert.doesNotMatch(html, /href="\/" aria-current="page"/);
  assert.ok(html.includes('site-header--public'));
  assert.ok(html.includes('主办单位'));
});

test('Layout: English, internal side and elder mode', () => {
  const html = Layout({ ctx: makeCtx({ lang: 'en', side: 'internal', elder: true }), title: 'Queue' });
  assertDocument(html, 'en');
  assert.match(html, /<html lang="en" class="side-internal elder">/);
  assert.match(html, /<body class="side-internal elder">/);
  assert.ok(html.includes('href="/static/css/elder.css"'));
  assert.ok(html.includes('site-header--internal'));
  assert.ok(html.includes('Workbench') && html.includes('工作台'));
  assert.match(html, /href="\/prefs\/elder\/off\?return=[^"]+"[^>]*>Leave elder-friendly mode</);
  assert.match(html, /<title>Queue - 青山县人民政府<\/title>/);
});

test('Layout does not double-escape t() output', () => {
  const ctx = makeCtx({ lang: 'en' });
  const html = Layout({ ctx, title: ctx.t('pages.publicHome.title', { site: 'A & B/C' }) });
  assert.ok(html.includes('<h1 class="page-title">Welcome to A &amp; B&#x2F;C</h1>'));
});

test('Field: ids, hint, error, aria, escaping', () => {
  const ctx = makeCtx({ lang: 'en' });
  const html = Field({ ctx, name: 'idNumber', label: XSS, hint: XSS, error: XSS, value: `"><script>x</script>`, required: true });
  assert.ok(!html.includes('<script>'));
  assert.match(html, /<label class="field__label" for="idNumber">/);
  assert.match(html, /id="idNumber"/);
  assert.match(html, /aria-describedby="idNumber-hint idNumber-error"/);
  assert.match(html, /aria-invalid="true"/);
  assert.match(html, /<p class="field__error" id="idNumber-error"><span class="visually-hidden">Error: <\/span>&lt;script&gt;/);
  assert.match(html, /value="&#34;&gt;&lt;script&gt;x&lt;\/script&gt;"/);
  const amp = Field({ ctx, name: 'q', label: 'Q', value: 'a &lt; b & c' });
  assert.match(amp, /value="a &amp;lt; b &amp; c"/, 'input values round-trip exactly');

  const ok = Field({ ctx, name: 'address.line1', label: 'Address', hint: 'Street' });
  assert.match(ok, /id="address-line1"/);
  assert.match(ok, /aria-describedby="address-line1-hint"/);
  assert.doesNotMatch(ok, /aria-invalid/);

  const area = Field({ ctx, name: 'body', label: 'Body', type: 'textarea', value: `a &lt; ${XSS}` });
  assert.ok(area.includes(`>a &amp;lt; ${XSS_ESCAPED}</textarea>`), 'textarea keeps the exact user text');

  const select = Field({ ctx, name: 'kind', label: 'Kind', type: 'select', value: 'b', options: [{ value: 'a', label: 'A' }, { value: 'b', label: XSS }] });
  assert.match(select, /<option value="b" selected>&lt;script&gt;/);
  assert.match(select, /<option value="">Please choose<\/option>/);

  const translated = Field({ ctx, name: 'x', label: 'X', error: { message: 'pages.error.body4xx', params: { status: 418 } } });
  assert.ok(translated.includes('(status 418)'));
  assert.equal(fieldId('main'), 'f-main');
});

test('ErrorSummary links to field ids', () => {
  const ctx = makeCtx();
  const html = ErrorSummary({ ctx, errors: [{ field: 'address.line1', message: XSS }, { field: 'phone', message: '请填写电话' }] });
  assert.match(html, /role="alert"/);
  assert.match(html, /<h2[^>]*>请修正以下问题<\/h2>/);
  assert.match(html, new RegExp(`<a href="#${fieldId('address.line1')}">${XSS_ESCAPED.replace(/[()]/g, '\\$&')}</a>`));
  assert.match(html, /<a href="#phone">请填写电话<\/a>/);
  assert.equal(ErrorSummary({ ctx, errors: [] }), '');
});

test('Form carries the CSRF token on POST only; Button escapes', () => {
  const ctx = makeCtx({ csrfToken: 'a"b' });
  const post = Form({ ctx, action: '/apply', children: [Button({ label: XSS })] });
  assert.match(post, /<form class="form" action="\/apply" method="post"/);
  assert.match(post, /<input type="hidden" name="_csrf" value="a&#34;b"\/?>/);
  assert.ok(post.includes(`<button class="button button--primary" type="submit">${XSS_ESCAPED}</button>`));
  const get = Form({ ctx, action: '/search', method: 'get', children: 'x' });
  assert.doesNotMatch(get, /_csrf/);
  assert.match(Button({ label: 'Go', href: '/go', variant: 'secondary' }), /<a class="button button--secondary" href="\/go">Go<\/a>/);
});

test('DataTable: caption, header scopes, scroll container, escaping', () => {
  const ctx = makeCtx({ lang: 'en' });
  const rows = [{ no: 'A-1', name: XSS, count: 3 }];
  const html = DataTable({
    ctx,
    caption: 'Cases',
    columns: [
      { header: 'No.', value: (r) => r.no, rowHeader: true },
      { header: 'Name', value: (r) => r.name },
      { header: 'Count', value: (r) => r.count, numeric: true },
      { header: 'State', html: () => StatusTag({ label: 'Done', tone: 'success' }) },
    ],
    rows,
  });
  assert.match(html, /<div class="table-scroll" role="region" aria-labelledby="[^"]+" tabindex="0">/);
  assert.match(html, /<caption id="[^"]+" class="data-table__caption">Cases<\/caption>/);
  assert.match(html, /<th scope="col">No.<\/th>/);
  assert.match(html, /<th scope="row">A-1<\/th>/);
  assert.ok(html.includes(`<td>${XSS_ESCAPED}</td>`));
  assert.match(html, /<strong class="tag tag--success">Done<\/strong>/);
  const empty = DataTable({ ctx, caption: 'None', columns: [{ header: 'A', value: () => '' }], rows: [] });
  assert.match(empty, /No records/);
});

test('Pagination: current page, prev/next, keeps the query string', () => {
  const ctx = makeCtx({ lang: 'en' });
  const html = Pagination({ ctx, page: 5, totalPages: 10, baseUrl: '/cases?status=open&page=5', query: { q: XSS } });
  assert.match(html, /<nav class="pagination" aria-label="Pagination">/);
  assert.match(html, /href="\/cases\?status=open&amp;page=5&amp;q=[^"]+" aria-current="page"/);
  assert.match(html, /href="\/cases\?status=open&amp;page=4&amp;q=[^"]+" rel="prev">Previous</);
  assert.match(html, /href="\/cases\?status=open&amp;page=6&amp;q=[^"]+" rel="next">Next</);
  assert.match(html, /href="\/cases\?status=open&amp;q=[^"]+" aria-label="Page 1">1</, 'page 1 has no page param');
  assert.ok(html.includes('…'));
  assert.ok(!html.includes('<script>'));
  assert.equal(Pagination({ ctx, page: 1, totalPages: 1, baseUrl: '/x' }), '');
});

test('StatusTag, Timeline, Notice, SummaryList escape user text', () => {
  const ctx = makeCtx({ lang: 'en' });
  assert.equal(StatusTag({ label: XSS, tone: 'danger' }), `<strong class="tag tag--danger">${XSS_ESCAPED}</strong>`);

  const tl = Timeline({ ctx, events: [{ at: new Date('2026-01-01T00:00:00Z'), actor: XSS, text: XSS, detail: XSS }, { at: new Date('2026-01-02T00:00:00Z'), text: 'Submitted' }] });
  assert.match(tl, /^<ol class="timeline" aria-label="History">/);
  assert.match(tl, /<time datetime="2026-01-01T00:00:00.000Z">2026-01-01 08:00<\/time>/);
  assert.ok(!tl.includes('<script>'));
  assert.ok(tl.includes('By System'));

  const err = Notice({ ctx, kind: 'error', title: XSS, text: XSS });
  assert.match(err, /role="alert"/);
  assert.ok(!err.includes('<script>'));
  assert.match(Notice({ ctx, kind: 'success', text: 'Saved' }), /role="status"/);
  assert.doesNotMatch(Notice({ ctx, kind: 'info', text: 'FYI' }), /role=/);
  assert.match(Notice({ ctx, kind: 'warning', text: 'Careful' }), /<span class="visually-hidden">Warning: <\/span>Careful/);

  const sl = SummaryList({ ctx, rows: [{ key: XSS, value: XSS, href: '/apply/name' }, { key: 'Files', value: trusted('<a href="/f/1">a.pdf</a>') }] });
  assert.match(sl, /^<dl class="summary-list">/);
  assert.ok(!sl.includes('<script>'));
  assert.match(sl, /<a href="\/apply\/name">Change<span class="visually-hidden"> &lt;script&gt;/);
  assert.ok(sl.includes('<a href="/f/1">a.pdf</a>'));
});

test('error pages: one h1 each, 5xx shows a reference and no internals', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const ctx = makeCtx({ lang });
    assertDocument(NotFoundPage(ctx), lang);
    assertDocument(ForbiddenPage(ctx), lang);
    assertDocument(ForbiddenPage(ctx, 'csrf'), lang);
    const e500 = ErrorPage(ctx, { status: 500, reference: 'req-42', code: 'internal' });
    assertDocument(e500, lang);
    assert.ok(e500.includes('req-42'));
    assert.doesNotMatch(e500, /internal|stack|Error:/);
    assertDocument(ErrorPage(ctx, { status: 429 }), lang);
    assertDocument(ErrorPage(ctx, { status: 418 }), lang);
    const v = ValidationErrorPage(ctx, [{ field: 'name', message: XSS }, { field: 'age', message: 'pages.notFound.title' }]);
    assertDocument(v, lang);
    assert.ok(v.includes(XSS_ESCAPED));
  }
  assert.match(NotFoundPage(makeCtx()), /<h1 class="page-title">页面不存在<\/h1>/);
  assert.match(ErrorPage(makeCtx({ lang: 'en' }), { status: 503, reference: 'r1' }), /Reference: r1/);
});

test('home pages: cards from entries, or a placeholder', () => {
  const ctx = makeCtx();
  const home = PublicHomePage(ctx, { entries: [{ href: '/services', labelKey: 'nav.services' }] });
  assertDocument(home, 'zh-CN');
  assert.match(home, /<li class="card"><a class="card__link" href="\/services">办事服务<\/a><\/li>/);
  assert.ok(PublicHomePage(makeCtx({ lang: 'en' }), { entries: [] }).includes('Services will appear here.'));
  const internal = InternalHomePage(makeCtx({ side: 'internal' }), { entries: [] });
  assertDocument(internal, 'zh-CN');
  assert.match(internal, /<h1 class="page-title">工作台<\/h1>/);
});

test('ApiReferencePage renders every operation as tables, escaped', () => {
  const doc = {
    openapi: '3.0.3',
    info: { title: 'OneWindow API', version: '0.1.0', description: XSS },
    tags: [{ name: 'cases', description: 'Applications' }],
    paths: {
      '/api/v1/cases/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        get: {
          tags: ['cases'],
          summary: `Read a case ${XSS}`,
          parameters: [{ name: 'fields', in: 'query', schema: { type: 'array', items: { type: 'string' } } }],
          responses: {
            '200': { description: 'The case', content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } },
            '404': { description: 'Not found' },
          },
        },
      },
      '/api/v1/status': {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: {
                    name: { type: 'string', description: 'Who' },
                    kind: { type: 'string', enum: ['a', 'b'], default: 'a' },
                    tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
                    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                  },
                },
              },
            },
          },
          responses: { '204': { description: 'Done' } },
        },
      },
    },
    components: {
      schemas: {
        Case: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, submittedAt: { type: 'string', format: 'date-time' }, self: { $ref: '#/components/schemas/Case' } } },
      },
    },
  };
  const html = ApiReferencePage(makeCtx({ lang: 'en' }), { doc, jsonHref: '/api/openapi.json' });
  assertDocument(html, 'en');
  assert.ok(!html.includes('<script>'));
  assert.match(html, /<span class="api-method api-method--get">GET<\/span> <code class="api-path">\/api\/v1\/cases\/\{id\}<\/code>/);
  assert.match(html, /<span class="api-method api-method--post">POST<\/span>/);
  assert.match(html, /<th scope="row"><code>id<\/code><\/th><td>Path<\/td><td>string \(uuid\)<\/td><td>Yes<\/td>/);
  assert.match(html, /<code>fields<\/code><\/th><td>Query<\/td><td>array of string<\/td><td>No<\/td>/);
  assert.match(html, /<code>submittedAt<\/code><\/th><td>string \(date-time\)<\/td>/);
  assert.match(html, /<code>name<\/code><\/th><td>string<\/td><td>Yes<\/td><td>Who<\/td>/);
  assert.match(html, /Allowed values: &quot;a&quot;, &quot;b&quot;|Allowed values: &#34;a&#34;, &#34;b&#34;/);
  assert.match(html, /<code>tags\[\]\.label<\/code>/);
  assert.match(html, /<code>note<\/code><\/th><td>string \| null<\/td>/);
  assert.match(html, /Other operations/);
  assert.match(html, /<code>404<\/code> Not found/);
  assert.match(html, /href="#op-get-api-v1-cases-id"/);
  assert.match(html, /<a href="\/api\/openapi.json">/);
  assert.match(ApiReferencePage(makeCtx(), { doc: {} }), /暂无接口/);
});

// Runs last: it adds an incomplete namespace, which stays loaded for the rest of the process.
test('missingKeys() reports a key missing in English', async () => {
  await initI18n({ incomplete: { 'zh-CN': { a: { b: '有', c: '有' } }, en: { a: { b: 'yes', c: '' } } } });
  assert.deepEqual(missingKeys(), ['en: incomplete:a.c']);
});
