/**
 * Platform i18n: one i18next instance, zh-CN by default, English complete.
 *
 * - Namespace `common` holds the platform strings (locales/zh-CN.json, en.json).
 * - Each module adds one namespace named after the module (`initI18n({ hall: { 'zh-CN': {...}, en: {...} } })`).
 * - Interpolation escaping stays ON: `t()` output is HTML-safe (values are escaped),
 *   so it can be placed into markup as is.
 */
import { readFileSync } from 'node:fs';
import i18next, { type i18n as I18n } from 'i18next';

export type Lang = 'zh-CN' | 'en';
export const languages: readonly Lang[] = Object.freeze(['zh-CN', 'en'] as const);
export const defaultLanguage: Lang = 'zh-CN';
export const COMMON_NS = 'common';

export type TFn = (key: string, opts?: Record<string, unknown>) => string;

type Tree = { [key: string]: unknown };

const instance: I18n = i18next.createInstance();
const fixedCache = new Map<Lang, TFn>();

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en';
}

function loadCommon(lang: Lang): Tree {
  const url = new URL(`./locales/${lang}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Tree;
}

/** Synchronous initialisation with the platform strings; safe to call many times. */
function ensureInitialized(): void {
  if (instance.isInitialized) return;
  const resources: Record<string, Record<string, Tree>> = {};
  for (const lang of languages) resources[lang] = { [COMMON_NS]: loadCommon(lang) };
  void instance.init({
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: [COMMON_NS],
    defaultNS: COMMON_NS,
    fallbackNS: false,
    resources,
    initAsync: false,
    returnNull: false,
    returnObjects: false,
    interpolation: { escapeValue: true },
  });
}

/**
 * Loads the platform strings and one namespace per module.
 * Idempotent: namespaces that are already loaded are left alone.
 */
export async function initI18n(moduleResources?: Record<string, Record<Lang, object>>): Promise<void> {
  ensureInitialized();
  if (!moduleResources) return;
  for (const [ns, byLang] of Object.entries(moduleResources)) {
    if (ns === COMMON_NS) throw new Error(`i18n: namespace "${COMMON_NS}" is reserved for the platform`);
    for (const lang of languages) {
      if (instance.hasResourceBundle(lang, ns)) continue;
      const bundle = byLang[lang];
      if (bundle === undefined) throw new Error(`i18n: module "${ns}" has no "${lang}" strings`);
      instance.addResourceBundle(lang, ns, bundle, true, false);
    }
  }
}

/** A t() bound to one language; keys are `ns:path` or `path` (namespace `common`). */
export function translator(lang: Lang): TFn {
  ensureInitialized();
  const cached = fixedCache.get(lang);
  if (cached) return cached;
  const fixed = instance.getFixedT(lang, COMMON_NS);
  const t: TFn = (key, opts) => String(opts === undefined ? fixed(key) : fixed(key, opts));
  fixedCache.set(lang, t);
  return t;
}

/** The names of the namespaces loaded so far, `common` first. */
export function namespaces(): string[] {
  ensureInitialized();
  const names = new Set<string>([COMMON_NS]);
  for (const lang of languages) {
    const data = instance.store.data[lang];
    if (data) for (const ns of Object.keys(data)) names.add(ns);
  }
  return [...names];
}

function leafPaths(tree: unknown, prefix: string, out: Map<string, unknown>): void {
  if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree as Tree)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, tree);
  }
}

/**
 * Keys present in one language and absent (or empty) in the other, for every namespace,
 * e.g. `en: common:nav.home`. An empty array means both languages are complete.
 */
export function missingKeys(): string[] {
  ensureInitialized();
  const missing: string[] = [];
  for (const ns of namespaces()) {
    const trees = new Map<Lang, Map<string, unknown>>();
    for (const lang of languages) {
      const paths = new Map<string, unknown>();
      leafPaths(instance.getResourceBundle(lang, ns) ?? {}, '', paths);
      trees.set(lang, paths);
    }
    for (const lang of languages) {
      const own = trees.get(lang)!;
      for (const other of languages) {
        if (other === lang) continue;
        for (const path of trees.get(other)!.keys()) {
          const value = own.get(path);
          if (value === undefined || value === '') missing.push(`${lang}: ${ns}:${path}`);
        }
      }
    }
  }
  return [...new Set(missing)].sort();
}

/** Cookie wins, then Accept-Language (first supported tag by q-value), else zh-CN. */
export function pickLanguage(cookieValue: string | undefined, acceptLanguage: string | undefined): Lang {
  const fromCookie = matchTag(cookieValue);
  if (fromCookie) return fromCookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        const weight = q === undefined ? 1 : Number(q.slice(2));
        return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
      })
      .filter((x) => x.tag && x.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    for (const { tag } of ranked) {
      const lang = matchTag(tag);
      if (lang) return lang;
    }
  }
  return defaultLanguage;
}

function matchTag(tag: string | undefined): Lang | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  return undefined;
}

export const TIME_ZONE = 'Asia/Shanghai';

const partFormatters = new Map<string, Intl.DateTimeFormat>();

// China has kept UTC+8 all year since 1992 (it observed summer time 1986–1991): from then on the
// Shanghai wall clock is plain arithmetic, ~50× cheaper than Intl's formatToParts, which list pages call per row.
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function shanghaiParts(d: Date, lang: Lang): Record<string, string> {
  const ms = d.getTime();
  if (ms >= FIXED_OFFSET_SINCE) {
    const w = new Date(ms + SHANGHAI_OFFSET_MS);
    return { year: String(w.getUTCFullYear()), month: pad2(w.getUTCMonth() + 1), day: pad2(w.getUTCDate()), hour: pad2(w.getUTCHours()), minute: pad2(w.getUTCMinutes()) };
  }
  let fmt = partFormatters.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang, {
      timeZone: TIME_ZONE,
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(lang, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) parts[p.type] = p.value;
  return parts;
}

/** `2026-11-22 21:30`, in Asia/Shanghai whatever the server's zone. Invalid dates give ''. */
export function formatDateTime(d: Date, lang: Lang): string {
  if (Number.isNaN(d.getTime())) return '';
  const p = shanghaiParts(d, lang);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2026-11-22`, in Asia/Shanghai. Invalid dates give ''. */
export function formatDate(d: Date, lang: Lang): string {
  if (Number.isNaN(d.getTime())) return '';
  const p = shanghaiParts(d, lang);
  return `${p.year}-${p.month}-${p.day}`;
}
