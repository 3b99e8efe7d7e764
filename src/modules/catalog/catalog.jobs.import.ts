import type { JobDefinition } from '../../platform/jobs/queue.js';
import { IMPORT_JOB, IMPORT_JOB_ATTEMPTS, runImportJob, type ImportJobPayload } from './catalog.import.js';

/** Big import files run here, with progress on catalog_import; a file is stored all or nothing (catalog.import.ts). */
export const importJobs: JobDefinition[] = [
  {
    name: IMPORT_JOB,
    maxAttempts: IMPORT_JOB_ATTEMPTS,
    handle: (payload, { db, attempt }) => runImportJob(db, payload as ImportJobPayload, attempt),
  } satisfies JobDefinition,
];
