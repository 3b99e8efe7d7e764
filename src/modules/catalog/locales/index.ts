import type { Lang } from '../../../platform/i18n/index.js';
import zhCN from './zh-CN.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import publicZhCN from './public.zh-CN.json' with { type: 'json' };
import publicEn from './public.en.json' with { type: 'json' };
import adminZhCN from './admin.zh-CN.json' with { type: 'json' };
import adminEn from './admin.en.json' with { type: 'json' };
import formsZhCN from './forms.zh-CN.json' with { type: 'json' };
import formsEn from './forms.en.json' with { type: 'json' };
import importZhCN from './import.zh-CN.json' with { type: 'json' };
import importEn from './import.en.json' with { type: 'json' };

/**
 * The catalog's strings: shared labels (national fields, enums, errors) at the
 * top level, and one file per area: the public guide (`public.*`), the
 * workbench (`admin.*`), the form engine and editor (`forms.*`), import/export (`import.*`).
 */
export const translations: Record<Lang, object> = {
  'zh-CN': { ...zhCN, public: publicZhCN, admin: adminZhCN, forms: formsZhCN, import: importZhCN },
  en: { ...en, public: publicEn, admin: adminEn, forms: formsEn, import: importEn },
};
