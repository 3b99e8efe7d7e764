import type { AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';
import { adminAccessSubjects, adminInputs } from './catalog.inputs.admin.js';
import { formAccessSubjects, formInputs } from './catalog.inputs.forms.js';
import { importAccessSubjects, importInputs } from './catalog.inputs.import.js';
import { publicAccessSubjects, publicInputs } from './catalog.inputs.public.js';

/** Every catalog form and JSON endpoint for the hostile-input probe, and the pages only their department may see; one file per area. */
export const inputs: InputEndpoint[] = [...adminInputs, ...formInputs, ...importInputs, ...publicInputs];
export const accessSubjects: AccessSubject[] = [...adminAccessSubjects, ...formAccessSubjects, ...importAccessSubjects, ...publicAccessSubjects];
