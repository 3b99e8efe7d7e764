/**
 * Shared machinery for the browser tests (journeys, accessibility crawl). Every later module
 * reuses it: find Chromium, launch it, start the real server (src/main.ts as a child process)
 * on a fresh test database, take screenshots at 360 and 1280 px, and check that a page does
 * not scroll sideways at 360 px.
 *
 * Without Chromium the tests are reported as SKIPPED with one line that says how to install it:
 *   test('…', browserTest, async () => …)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot, startServer } from '../cli.js';
import { createDiskDatabase } from '../template.js';
import { DEMO_PASSWORD } from '../../src/platform/security/demo.js';

export const INSTALL_HINT = 'Chromium not found: apt-get install chromium fonts-wqy-microhei (or set CHROMIUM_PATH)';

/** The Chromium binary: CHROMIUM_PATH when set (and only it), else Debian's /usr/bin/chromium; undefined when missing. */
export function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

export const chromiumPath = findChromium();

/** node:test options for a browser test: skipped, with the install hint, when Chromium is missing. */
export const browserTest: { skip?: string; timeout: number } = chromiumPath ? { timeout: 120_000 } : { skip: INSTALL_HINT, timeout: 120_000 };

export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(INSTALL_HINT);
  return chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
}

export const NARROW = { width: 360, height: 740 } as const;
export const WIDE = { width: 1280, height: 900 } as const;

/** A fresh browser context (own cookies), 360 px wide unless told otherwise. */
export function newContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: NARROW, locale: 'zh-CN', ...opts });
}

export interface TestServer {
  publicUrl: string;
  internalUrl: string;
  /** Everything the server printed so far (demo accounts, warnings). */
  output(): string;
  close(): Promise<void>;
}

/**
 * Starts the real server (src/main.ts) in demo mode on a fresh database: a copy of the PGlite
 * template in a new data dir, or a new PostgreSQL database when TEST_DATABASE_URL is set.
 * Both listeners take port 0; the printed URLs are parsed.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const disk = await createDiskDatabase();
  const server = startServer({ ...disk.env, ONEWINDOW_DEMO: 'true', RATE_LIMIT_SENSITIVE_MAX: '10000', ...env }, [], 90_000);
  let out: string;
  try {
    out = await server.ready;
  } catch (e) {
    await server.stop();
    await disk.cleanup();
    throw e;
  }
  // The child must run on the database the test run asked for.
  const expected = disk.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded database';
  if (!out.includes(expected)) {
    await server.stop();
    await disk.cleanup();
    throw new Error(`the server should run on the ${expected}:\n${out}`);
  }
  const url = (label: string) => {
    const m = new RegExp(`${label}[^\\n]*?(https?://\\S+)`).exec(out);
    if (!m?.[1]) throw new Error(`no ${label} URL in the server output:\n${out}`);
    return m[1].replace(/\/$/, '');
  };
  return {
    publicUrl: url('Public portal'),
    internalUrl: url('Internal workbench'),
    output: server.output,
    close: async () => {
      await server.stop();
      await disk.cleanup();
    },
  };
}

/** Runs `fn` against a freshly started server and always stops it. */
export async function withServer<T>(fn: (server: TestServer) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const server = await startTestServer(env);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/**
 * The little of the DOM that the in-page functions use. The project's TypeScript has no DOM
 * library (it is server code); code run by page.evaluate casts `globalThis` to this.
 */
export interface PageElement {
  tagName: string;
  id: string;
  className: unknown;
  getBoundingClientRect(): { right: number; width: number };
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
export interface PageDocument {
  documentElement: PageElement & { scrollWidth: number; clientWidth: number };
  body: PageElement;
  title: string;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

export const screenshotDir = join(repoRoot, 'artifacts', 'screenshots');

/** File-name-safe form of a page name. */
const fileName = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'page';

/**
 * Full-page screenshots at 360 and 1280 px: artifacts/screenshots/<name>-360.png and -1280.png.
 * The viewport is put back as it was.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  for (const size of [NARROW, WIDE]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(screenshotDir, `${fileName(name)}-${size.width}.png`), fullPage: true, animations: 'disabled' });
  }
  if (before) await page.setViewportSize(before);
}

/**
 * Throws when the page scrolls sideways at 360 px (scrollWidth > clientWidth), naming the
 * elements that stick out past the right edge. The viewport is put back as it was.
 */
export async function checkNoHorizontalOverflow(page: Page): Promise<void> {
  const before = page.viewportSize();
  if (before?.width !== NARROW.width) await page.setViewportSize(NARROW);
  const result = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const root = doc.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    if (root.scrollWidth > width) {
      for (const el of Array.from(doc.body.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 0.5 && r.width > 0) {
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right edge ${Math.round(r.right)}px)`);
          if (culprits.length >= 8) break;
        }
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
  if (before && before.width !== NARROW.width) await page.setViewportSize(before);
  if (result.scrollWidth > result.clientWidth) {
    throw new Error(`${page.url()} overflows horizontally at 360 px: scrollWidth ${result.scrollWidth} > clientWidth ${result.clientWidth}\n  ${result.culprits.join('\n  ')}`);
  }
}

/** What a journey does on every page it visits: screenshots at both widths and the 360 px overflow check. */
export async function recordPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await checkNoHorizontalOverflow(page);
}

/** Signs in on the page's own tab and checks that the header names the person. */
export async function signInOn(page: Page, base: string, loginLabel: string, login: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(loginLabel).fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('header').innerText(), /当前用户/, `signed in as ${login}`);
}
