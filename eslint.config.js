// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import { resolve } from 'node:path';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'scratch/', '.test-cache/', 'artifacts/', 'migrations/', 'public/', 'scripts/*.mjs', 'scripts/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Type-aware rules the foundation issue asks for.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': 'error',
      'no-unreachable': 'error',
      // Too noisy for JSON rows and Fastify's loosely typed request bodies.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // The dependency rules of DESIGN.md §3.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['src/**/*'],
      'boundaries/elements': [
        { type: 'platform', pattern: 'src/platform/**' },
        { type: 'module-index', pattern: 'src/modules/*/index.ts', mode: 'file', capture: ['module'] },
        { type: 'module', pattern: 'src/modules/*', mode: 'folder', capture: ['module'] },
        { type: 'registry', pattern: 'src/modules/index.ts', mode: 'file' },
        { type: 'app', pattern: 'src/*.ts', mode: 'file' },
      ],
      'import/resolver': { [resolve(import.meta.dirname, 'scripts/eslint-resolver.cjs')]: {} },
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: '${file.type} may not import ${dependency.type} (DESIGN.md §3: platform knows no module; modules meet only through index.ts)',
          rules: [
            { from: 'platform', allow: ['platform'] },
            { from: 'module', allow: ['platform', 'module-index', ['module', { module: '${from.module}' }]] },
            { from: 'module-index', allow: ['platform', 'module-index', ['module', { module: '${from.module}' }]] },
            { from: 'registry', allow: ['platform', 'module-index'] },
            { from: 'app', allow: ['platform', 'registry', 'app', 'module-index'] },
          ],
        },
      ],
    },
  },
  {
    // Only repositories (and the platform's db layer) touch the database driver and drizzle's query builders.
    files: ['src/modules/**/*.ts', 'src/modules/**/*.tsx'],
    ignores: ['src/modules/**/*.repository.ts', 'src/modules/**/*.schema.ts', 'src/modules/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: 'Only <module>.repository.ts (and .schema.ts) touch the database.' },
            { name: 'pg', message: 'Only repositories touch the database.' },
            { name: '@electric-sql/pglite', message: 'Only the platform db layer opens PGlite.' },
          ],
          patterns: [{ group: ['*.schema', '*.schema.js', 'drizzle-orm/*'], message: 'Only repositories touch tables.' }],
        },
      ],
    },
  },
  {
    files: ['**/__tests__/**', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
