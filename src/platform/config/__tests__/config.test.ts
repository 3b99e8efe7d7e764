import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../load.js';
import { renderConfigurationDoc } from '../docs.js';
import { settings } from '../schema.js';
import { runScript, repoRoot } from '../../../../test/cli.js';

describe('configuration', () => {
  test('defaults load, and each setting has a variable, a kind and a line of documentation', () => {
    const c = loadConfig({});
    assert.equal(c.publicPort, 3000);
    assert.equal(c.internalPort, 3001);
    assert.equal(c.dataDir, './data');
    for (const s of Object.values(settings)) {
      assert.match(s.env, /^[A-Z][A-Z0-9_]+$/);
      assert.ok(s.doc.length > 10, `${s.env} has documentation`);
    }
  });

  test('an invalid value fails naming the variable', () => {
    const cases: Record<string, string> = {
      PUBLIC_PORT: 'eighty',
      INTERNAL_PORT: '70000',
      ONEWINDOW_DEMO: 'maybe',
      DATABASE_URL: 'mysql://localhost/x',
      LOG_LEVEL: 'loud',
      BODY_LIMIT_BYTES: '-5',
    };
    for (const [name, value] of Object.entries(cases)) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (e: Error) => e instanceof ConfigError && e.message.includes(name) && e.message.includes(JSON.stringify(value)),
        name,
      );
    }
    // A secret is named, and only its length is shown: the message reaches the terminal and the log.
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short-secret' }), (e: Error) => e.message === 'Invalid configuration: SESSION_SECRET must be at least 32 characters (got 12 characters)');
  });

  test('docs/configuration.md is the one written from the schema', () => {
    assert.equal(readFileSync(join(repoRoot, 'docs', 'configuration.md'), 'utf8'), renderConfigurationDoc());
  });

  test('a bad config value fails at boot, naming the variable, before anything opens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-cfg-'));
    const res = await runScript('main.ts', [], { ONEWINDOW_DATA_DIR: dataDir, PUBLIC_PORT: 'abc', DATABASE_URL: '' });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /PUBLIC_PORT/);
    assert.ok(!res.stderr.includes('    at '), 'no stack trace, one clear line');
  });
});
