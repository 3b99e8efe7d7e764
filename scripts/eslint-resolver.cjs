// A minimal import resolver for eslint-plugin-boundaries: maps the `.js`
// specifiers of our NodeNext ESM sources to their `.ts`/`.tsx` files, and
// leaves packages to Node's own resolution. (eslint-import-resolver-typescript
// depends on per-platform native bindings our package mirror does not carry,
// which breaks `npm ci`; see docs/adr/0009-lint-boundaries.md.)
const { existsSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const { builtinModules } = require('node:module');

exports.interfaceVersion = 2;
exports.resolve = function (source, file) {
  if (source.startsWith('node:') || builtinModules.includes(source)) return { found: true, path: null };
  if (source.startsWith('.') || source.startsWith('/')) {
    const base = resolve(dirname(file), source);
    const stem = base.replace(/\.(js|jsx|mjs)$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`]) {
      if (existsSync(candidate) && !candidate.endsWith('/')) return { found: true, path: candidate };
    }
    return { found: false };
  }
  try {
    return { found: true, path: require.resolve(source, { paths: [dirname(file)] }) };
  } catch {
    return { found: true, path: null }; // an ESM-only package: external either way
  }
};
