import type { Lang } from '../../../platform/i18n/index.js';
import zhCN from './zh-CN.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import publicZhCN from './public.zh-CN.json' with { type: 'json' };
import publicEn from './public.en.json' with { type: 'json' };
import workbenchZhCN from './workbench.zh-CN.json' with { type: 'json' };
import workbenchEn from './workbench.en.json' with { type: 'json' };
import assistedZhCN from './assisted.zh-CN.json' with { type: 'json' };
import assistedEn from './assisted.en.json' with { type: 'json' };

/**
 * The hall's strings: shared labels (states, actions, documents, errors,
 * notifications) at the top level, the applicant's pages under `public.*`,
 * the staff workbench under `workbench.*`, agent and counter applications under `assisted.*`.
 */
export const translations: Record<Lang, object> = {
  'zh-CN': { ...zhCN, public: publicZhCN, workbench: workbenchZhCN, assisted: assistedZhCN },
  en: { ...en, public: publicEn, workbench: workbenchEn, assisted: assistedEn },
};
