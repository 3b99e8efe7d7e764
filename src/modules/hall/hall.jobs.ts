import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { PlatformServices } from '../../platform/module.js';
import { documentJobs } from './hall.documents.js';

/** The hall's background work: issued notices and decisions are rendered to PDF after the action commits. */
export const hallJobs = (s: PlatformServices): JobDefinition[] => [...documentJobs(s)];
