import type { SeedBundle, SeedItem } from './common.js';
import { babyBirthBundle, birthItems } from './birth.js';
import { constructionItems } from './construction.js';
import { employmentItems } from './employment.js';
import { marketItems } from './market.js';
import { openBusinessBundle, openBusinessItems } from './open-business.js';
import { residenceItems } from './residence.js';
import { ruralItems } from './rural.js';
import { socialItems } from './social.js';

/** Every seeded item, in the order they are created, and the bundles over them. */
export const SEED_ITEMS: SeedItem[] = [...marketItems, ...openBusinessItems, ...birthItems, ...socialItems, ...employmentItems, ...residenceItems, ...constructionItems, ...ruralItems];
export const SEED_BUNDLES: SeedBundle[] = [openBusinessBundle, babyBirthBundle];
