/**
 * Import and export in the hostile-input registry. The import form is a
 * multipart upload, which the probe (form or JSON bodies only) cannot send, so
 * no input endpoint is declared; the upload's hostile cases (wrong type,
 * oversize, control characters in cells, formula cells) are in
 * __tests__/import.test.ts. The import result page is declared as an access
 * subject: only its department's importers may read it.
 */
import { randomUUID } from 'node:crypto';
import type { AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';
import { insertImport } from './catalog.repository.js';

export const importInputs: InputEndpoint[] = [];

export const importAccessSubjects: AccessSubject[] = [
  {
    name: 'catalog.import-result',
    side: 'internal',
    prepare: async (s) => {
      const id = randomUUID();
      await insertImport(s.db, { id, orgCode: '001015', fileName: 'probe-secret-清单.xlsx', status: 'done', createdBy: 'system', totalRows: 1, processedRows: 1, finishedAt: new Date() });
      return { url: `/catalog/imports/${id}`, secret: 'probe-secret-清单.xlsx' };
    },
    owner: { signInAs: 'editor.approval' },
    others: [
      { label: "another department's head", signInAs: 'head.police' },
      { label: 'a clerk of the same department (no catalog.item.import)', signInAs: 'clerk' },
      { label: 'anonymous' },
    ],
  },
];
