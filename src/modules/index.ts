import type { ModuleRegistration } from '../platform/module.js';
import { register as identity } from './identity/index.js';
import { register as catalog } from './catalog/index.js';
import { register as hall } from './hall/index.js';
import { register as supervision } from './supervision/index.js';

/**
 * The module registry, in dependency order. Each entry is a module's
 * `register` object from its index.ts; the composer (src/app.ts) reads
 * routes, permissions, subscribers, jobs, seeds and navigation from here.
 */
export const modules: ModuleRegistration[] = [identity, catalog, hall, supervision];
