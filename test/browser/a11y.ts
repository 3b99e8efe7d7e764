/**
 * The accessibility audit: axe-core with the WCAG 2.1 A and AA rules, the page basics
 * (status below 500, <html lang>, <title>, <h1>) and reflow at 360 px, on one page or on
 * every page a same-origin crawl reaches. Later modules reuse `auditPage` and `crawl`.
 */
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { checkNoHorizontalOverflow, screenshot, type PageDocument } from './browser.js';

const require = createRequire(import.meta.url);
/** axe-core's browser bundle, injected into each page (the context must have `bypassCSP: true`). */
const axeSource = (require('axe-core') as { source: string }).source;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Finding {
  url: string;
  /** axe rule id, or `page-basics` / `reflow` for the checks of our own. */
  rule: string;
  impact: string;
  message: string;
  targets: string[];
}

export interface AuditResult {
  url: string;
  status: number;
  /** Same-origin links found on the page (HTML pages only). */
  links: string[];
  findings: Finding[];
  /** axe violations below serious, for the log only. */
  minor: number;
}

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** The first line of axe's explanation after its heading (e.g. the contrast ratio and colours). */
const detail = (summary: string | undefined) => {
  const line = summary?.split('\n').map((l) => l.trim()).find((l) => l && !/^Fix (any|all)/.test(l));
  return line ? `  — ${line}` : '';
};

/** Runs axe on the page as it is now; serious and critical violations become findings. */
export async function runAxe(page: Page): Promise<{ findings: Finding[]; minor: number }> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((tags) => {
    const g = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<unknown> } };
    return g.axe.run(g.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_TAGS);
  const url = page.url();
  const findings: Finding[] = [];
  let minor = 0;
  for (const v of (result as AxeResult).violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      findings.push({ url, rule: v.id, impact: v.impact, message: v.help, targets: v.nodes.map((n) => `${n.target.map(String).join(' ')}${detail(n.failureSummary)}`) });
    } else minor++;
  }
  return { findings, minor };
}

/** The checks of our own: lang, title and exactly one h1. */
async function pageBasics(page: Page): Promise<Finding[]> {
  const basics = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    return { lang: doc.documentElement.getAttribute('lang') ?? '', title: doc.title.trim(), h1: doc.querySelectorAll('h1').length };
  });
  const url = page.url();
  const problems: string[] = [];
  if (!basics.lang) problems.push('no lang on <html>');
  if (!basics.title) problems.push('no <title>');
  if (basics.h1 === 0) problems.push('no <h1>');
  return problems.map((message) => ({ url, rule: 'page-basics', impact: 'serious', message, targets: ['html'] }));
}

/** Opens `url` and audits it: status, basics, axe, reflow at 360 px. Non-HTML answers are only status-checked. */
export async function auditPage(page: Page, url: string): Promise<AuditResult> {
  const response = await page.goto(url, { waitUntil: 'load' }).catch(async (e: Error) => {
    // A link to a download (an export, a blank form) is not a page: check its status only.
    if (!/Download is starting/.test(e.message)) throw e;
    const r = await page.request.get(url);
    return { status: () => r.status(), headers: () => ({ 'content-type': 'application/octet-stream' }) };
  });
  return auditCurrent(page, response?.status() ?? 0, (response?.headers()['content-type'] ?? '').startsWith('text/html'));
}

/** Audits the page as it is now (e.g. a form that came back with errors after a POST). */
export async function auditCurrent(page: Page, status = 200, html = true): Promise<AuditResult> {
  const findings: Finding[] = [];
  const here = page.url();
  if (status >= 500 || status === 0) findings.push({ url: here, rule: 'http-status', impact: 'critical', message: `answered ${status}`, targets: [] });
  if (!html) return { url: here, status, links: [], findings, minor: 0 };
  findings.push(...(await pageBasics(page)));
  const axe = await runAxe(page);
  findings.push(...axe.findings);
  try {
    await checkNoHorizontalOverflow(page);
  } catch (e) {
    findings.push({ url: here, rule: 'reflow', impact: 'serious', message: (e as Error).message, targets: [] });
  }
  const origin = new URL(here).origin;
  const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
  return { url: here, status, links: links.filter((l) => l.startsWith(`${origin}/`)), findings, minor: axe.minor };
}

/** Paths a crawler never follows: they change state or are not pages. */
const SKIP_PREFIXES = ['/sign-out', '/prefs/', '/static/'];
/** Downloads (a blank form of the service guide, say) are not pages: a browser would only save them. */
const SKIP_PATTERNS = [/\/files\/[^/]+$/];

/** `/admin/staff/3f2a…` and `/admin/org/001003/staff` → `/admin/staff/:id`, `/admin/org/:id/staff`. */
export function pathPattern(pathname: string): string {
  return pathname
    .split('/')
    .map((seg) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg) || /^[0-9]+$/.test(seg) || /^[0-9A-Z]{18}$/.test(seg) ? ':id' : seg))
    .join('/');
}

export interface CrawlOptions {
  /** Most pages to audit (default 60). */
  limit?: number;
  /** Most URLs per path pattern (`/admin/staff/:id`), so one long list cannot eat the bound (default 3). */
  perPattern?: number;
  /** Most URLs with a query string per path pattern (default 2). */
  perPatternWithQuery?: number;
  /** Screenshot every page as `<prefix>-<n>-<path>` (default: only when A11Y_SCREENSHOTS=1, as `crawl-<host side>`). */
  screenshots?: string | false;
}

export interface CrawlReport {
  pages: AuditResult[];
  findings: Finding[];
  minor: number;
  /** Links left out by the bounds. */
  skipped: number;
}

/** Breadth-first crawl of same-origin links from `start`, auditing each page. */
export async function crawl(context: BrowserContext, start: string, opts: CrawlOptions = {}): Promise<CrawlReport> {
  const limit = opts.limit ?? 60;
  const perPattern = opts.perPattern ?? 3;
  const perQuery = opts.perPatternWithQuery ?? 2;
  const page = await context.newPage();
  const origin = new URL(start).origin;
  const seen = new Set<string>();
  const patternCount = new Map<string, number>();
  const queryCount = new Map<string, number>();
  const queue: string[] = [];
  let skipped = 0;
  const enqueue = (href: string) => {
    const u = new URL(href, origin);
    u.hash = '';
    if (u.origin !== origin || SKIP_PREFIXES.some((p) => u.pathname.startsWith(p)) || SKIP_PATTERNS.some((p) => p.test(u.pathname))) return;
    const key = u.toString();
    if (seen.has(key)) return;
    seen.add(key);
    const pattern = pathPattern(u.pathname);
    const counts = u.search ? queryCount : patternCount;
    const n = counts.get(pattern) ?? 0;
    if (n >= (u.search ? perQuery : perPattern)) {
      skipped++;
      return;
    }
    counts.set(pattern, n + 1);
    queue.push(key);
  };
  enqueue(start);
  const pages: AuditResult[] = [];
  const shots = opts.screenshots ?? (process.env.A11Y_SCREENSHOTS === '1' ? 'crawl' : false);
  while (queue.length > 0 && pages.length < limit) {
    const result = await auditPage(page, queue.shift()!);
    if (shots) await screenshot(page, `${shots}-${String(pages.length + 1).padStart(2, '0')}-${new URL(result.url).pathname}`);
    // A redirect (e.g. to the sign-in page) lands on a URL that may be queued too.
    seen.add(result.url);
    pages.push(result);
    result.links.forEach(enqueue);
  }
  skipped += queue.length;
  await page.close();
  return { pages, findings: pages.flatMap((p) => p.findings), minor: pages.reduce((n, p) => n + p.minor, 0), skipped };
}

/** One line per finding: URL, rule, impact, message and the selectors. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.url}  [${f.impact}] ${f.rule}: ${f.message}${f.targets.length ? `\n    ${f.targets.slice(0, 10).join('\n    ')}` : ''}`).join('\n');
}
