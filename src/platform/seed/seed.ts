import type { ModuleRegistration, PlatformServices } from '../module.js';
import { hasRun, markRun } from './seed.repository.js';

/**
 * Runs each module's demo seed once per database, in registry order. A seed
 * that has run is skipped, so a second start reuses the data and is fast.
 */
export async function runDemoSeeds(
  services: PlatformServices,
  modules: ModuleRegistration[],
  log: (line: string) => void,
): Promise<string[]> {
  const ran: string[] = [];
  for (const m of modules) {
    if (!m.seedDemo) continue;
    const key = `demo:${m.name}`;
    if (await hasRun(services.db, key)) continue;
    await m.seedDemo({ ...services, log });
    await markRun(services.db, key);
    ran.push(m.name);
  }
  return ran;
}
