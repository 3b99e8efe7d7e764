import type { Lang } from '../../../platform/i18n/index.js';
import zhCN from './zh-CN.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import adminZhCN from './admin.zh-CN.json' with { type: 'json' };
import adminEn from './admin.en.json' with { type: 'json' };

/** Identity's strings: the public and sign-in pages, and the administration pages (kept in their own files). */
export const translations: Record<Lang, object> = {
  'zh-CN': { ...zhCN, admin: adminZhCN },
  en: { ...en, admin: adminEn },
};
