import type { ModuleRegistration } from '../../src/platform/module.js';
import { probeModule } from '../fixtures/probe.module.js';

/**
 * The test-only probe module with registry entries, so the hostile-input harness always has
 * a JSON endpoint with a body schema (POST /api/v1/probe/echo) and a bare form to exercise.
 */
export const hostileProbeModule: ModuleRegistration = {
  ...probeModule,
  inputs: [
    { name: 'probe.form', side: 'public', method: 'POST', url: '/probe/form', kind: 'form', example: { name: '探针' }, fields: ['name'] },
    { name: 'probe.echo', side: 'public', method: 'POST', url: '/api/v1/probe/echo', kind: 'json', example: { name: '探针' }, fields: ['name'] },
  ],
};
