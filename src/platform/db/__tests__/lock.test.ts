import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDataDir } from '../../../../test/template.js';
import { runScript, startServer } from '../../../../test/cli.js';

// The lock guards the embedded PGlite data dir, so this runs on PGlite in both suites.
describe('embedded database lock and start-up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-lock-'));
  const env = { ONEWINDOW_DATA_DIR: dataDir, DATABASE_URL: '' };
  before(() => createPgliteDataDir(dataDir));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('npm start prints both URLs; a second process on the same data dir fails with the lock message', async () => {
    const server = startServer(env);
    try {
      const out = await server.ready;
      assert.match(out, /Public portal \(外网\): +http:\/\/127\.0\.0\.1:\d+/);
      assert.match(out, /Internal workbench \(内网\): +http:\/\/127\.0\.0\.1:\d+/);
      assert.match(out, /Demo mode/);
      const second = await runScript('cli.ts', ['migrate'], env);
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`already open in process ${server.child.pid}`));
      assert.match(second.stderr, /ONEWINDOW_DATA_DIR/);
    } finally {
      await server.stop();
    }
    // Once the holder has stopped, the data dir opens again.
    const later = await runScript('cli.ts', ['migrate'], env);
    assert.equal(later.code, 0, later.stderr);
  });

  test('a lock left by a process that died is taken over', async () => {
    writeFileSync(join(dataDir, 'pg.lock'), '999999');
    const res = await runScript('cli.ts', ['migrate'], env);
    assert.equal(res.code, 0, res.stderr);
  });

  test('--only public starts one listener', async () => {
    const server = startServer(env, ['--only', 'public']);
    try {
      const out = await server.ready;
      assert.match(out, /Public portal/);
      assert.ok(!out.includes('Internal workbench'));
    } finally {
      await server.stop();
    }
  });
});
