import type { JobDefinition } from '../../platform/jobs/queue.js';
import { importJobs } from './catalog.jobs.import.js';

/** The catalog's background work: big imports run as a job that reports progress. */
export const jobs: JobDefinition[] = [...importJobs];
