import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import config from '../eslint.config.js';

// The dependency rules of DESIGN.md §3, checked by running the project's own
// lint configuration over a small tree that breaks them.
describe('lint: dependency rules', () => {
  const root = mkdtempSync(join(tmpdir(), 'ow-lint-'));
  const files: Record<string, string> = {
    'src/modules/index.ts': 'export const modules = [];\n',
    'src/platform/clock.ts': "import { modules } from '../modules/index.js';\nexport const n = modules.length;\n",
    'src/platform/ok.ts': "import { n } from './clock.js';\nexport const m = n;\n",
    'src/modules/alpha/alpha.service.ts': 'export const a = 1;\n',
    'src/modules/alpha/index.ts': "export { a } from './alpha.service.js';\n",
    'src/modules/beta/beta.service.ts':
      "import { a } from '../alpha/alpha.service.js';\nimport { a as b } from '../alpha/index.js';\nimport { m } from '../../platform/ok.js';\nexport const c = [a, b, m];\n",
    'src/modules/beta/beta.routes.ts': "import { sql } from 'drizzle-orm';\nexport const q = sql;\n",
    'src/modules/beta/beta.repository.ts': "import { sql } from 'drizzle-orm';\nexport const q = sql;\n",
  };
  let results: ESLint.LintResult[] = [];
  const messagesOf = (file: string) => results.find((r) => r.filePath.endsWith(file))!.messages.map((m) => `${m.line}:${m.ruleId}`);

  before(async () => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    // The project's rule blocks, without type-aware linting (the temporary tree has no tsconfig).
    const blocks = config.filter((c) => c.plugins?.boundaries || c.rules?.['no-restricted-imports']);
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...blocks, { settings: { 'boundaries/root-path': root } }],
    });
    results = await eslint.lintFiles(['src/**/*.ts']);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('platform/ importing a module fails the lint', () => {
    assert.deepEqual(messagesOf('src/platform/clock.ts'), ['1:boundaries/element-types']);
    assert.deepEqual(messagesOf('src/platform/ok.ts'), []);
  });

  test("a module reaching into another module's files fails; through its index.ts passes", () => {
    assert.deepEqual(messagesOf('src/modules/beta/beta.service.ts'), ['1:boundaries/element-types']);
  });

  test('only repositories touch the database', () => {
    assert.deepEqual(messagesOf('src/modules/beta/beta.routes.ts'), ['1:no-restricted-imports']);
    assert.deepEqual(messagesOf('src/modules/beta/beta.repository.ts'), []);
  });
});
