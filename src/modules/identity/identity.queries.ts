import type { Db } from '../../platform/db/database.js';
import { enterprisesOfResident } from './identity.repository.js';

/** The enterprises a resident may act for (agent links recorded by the enterprise accounts). */
export async function enterprisesOf(db: Db, residentId: string): Promise<{ accountId: string; name: string; creditCode: string }[]> {
  return (await enterprisesOfResident(db, residentId)).map((e) => ({ accountId: e.accountId, name: e.name, creditCode: e.creditCode }));
}
