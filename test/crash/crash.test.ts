import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createDiskDatabase, dbKind, type DiskDatabase } from '../template.js';
import { startServer } from '../cli.js';
import { makeIdNumber } from '../../src/platform/validation/id-number.js';
import { FieldCipher } from '../../src/platform/crypto/field-crypto.js';
import { loadOrCreateMasterKey } from '../../src/platform/crypto/keys.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.js';

/**
 * Crash safety: write load on the real server, SIGKILL in the middle of it,
 * restart, and check that every acknowledged write is present and whole,
 * nothing is half-written, and the audit chain still verifies. Later modules
 * add their own writes in files next to this one (submissions.test.ts: the
 * hall's submissions; messages later).
 */
const env = (disk: DiskDatabase) => ({ ...disk.env, RATE_LIMIT_SENSITIVE_MAX: '100000', ONEWINDOW_DEMO: 'true' });

interface Client {
  cookie: string;
  token: string;
}

async function openClient(base: string): Promise<Client> {
  const res = await fetch(`${base}/register`);
  const body = await res.text();
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (!token) throw new Error('no CSRF token on /register');
  return { cookie, token };
}

/** One registration; resolves with the ID number when the server acknowledged it (303), undefined otherwise. */
async function registerOne(base: string, client: Client, n: number): Promise<string | undefined> {
  const birth = `19${String(50 + (n % 45)).padStart(2, '0')}0${1 + (n % 9)}1${n % 9}`;
  const idNumber = makeIdNumber('339901', birth, String(100 + (n % 900)).padStart(3, '0'));
  const body = new URLSearchParams({
    realName: `压测${n}`,
    idNumber,
    phone: `137${String(n).padStart(8, '0')}`,
    password: 'Crash-test-123',
    passwordConfirm: 'Crash-test-123',
    _csrf: client.token,
  });
  try {
    const res = await fetch(`${base}/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookie },
      body,
    });
    await res.arrayBuffer();
    return res.status === 303 ? idNumber : undefined;
  } catch {
    return undefined; // the connection died with the server: not acknowledged
  }
}

describe(`crash safety: SIGKILL under write load (${dbKind})`, () => {
  let disk: DiskDatabase;
  before(async () => {
    disk = await createDiskDatabase();
  });
  after(() => disk.cleanup());

  test('every acknowledged registration survives a SIGKILL whole, nothing is half-written, and the audit chain verifies', async (t) => {
    const server = startServer(env(disk));
    const banner = await server.ready;
    const base = /Public portal \(外网\): +(http:\/\/\S+)/.exec(banner)![1]!;
    const clients = await Promise.all([0, 1, 2, 3].map(() => openClient(base)));

    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    const worker = async (client: Client) => {
      while (!killed && n < 5000) {
        const id = await registerOne(base, client, n++);
        if (id) acknowledged.push(id);
      }
    };
    const load = Promise.all(clients.map(worker));
    // Let writes flow, then pull the plug in the middle of them.
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 50));
    killed = true;
    server.child.kill('SIGKILL');
    await once(server.child, 'close').catch(() => undefined);
    await load;
    assert.ok(acknowledged.length >= 40);
    t.diagnostic(`${n} registrations sent, ${acknowledged.length} acknowledged before SIGKILL`);

    // The restart must open the same data (the stale PGlite lock is taken over) and serve.
    const again = startServer(env(disk));
    try {
      const banner2 = await again.ready;
      const base2 = /Public portal \(外网\): +(http:\/\/\S+)/.exec(banner2)![1]!;
      const home = await fetch(`${base2}/`);
      assert.equal(home.status, 200);
    } finally {
      await again.stop();
    }

    const database = await disk.open();
    try {
      const cipher = new FieldCipher(loadOrCreateMasterKey(disk.env.ONEWINDOW_DATA_DIR!));
      for (const id of acknowledged) {
        const rows = await database.query<{ id_number_enc: string; real_name: string; kind: string }>(
          `select r.id_number_enc, r.real_name, a.kind from resident_profile r join account a on a.id = r.account_id where r.id_number_hash = $1`,
          [cipher.lookupHash('id_number', id)],
        );
        assert.equal(rows.length, 1, `acknowledged registration ${id} is present`);
        assert.equal(cipher.decrypt(rows[0]!.id_number_enc), id, 'and whole');
        assert.equal(rows[0]!.kind, 'resident');
      }
      const [orphans] = await database.query<{ accounts: number; profiles: number; audits: number }>(`
        select (select count(*)::int from account a where a.kind = 'resident' and not exists (select 1 from resident_profile r where r.account_id = a.id)) as accounts,
               (select count(*)::int from resident_profile r where not exists (select 1 from account a where a.id = r.account_id)) as profiles,
               (select count(*)::int from account a where a.kind = 'resident' and a.display_name like '压测%'
                  and not exists (select 1 from audit_log l where l.action = 'identity.register' and l.subject = 'account:' || a.id)) as audits`);
      assert.deepEqual(orphans, { accounts: 0, profiles: 0, audits: 0 }, 'no half-written registration');
      const chain = await verifyAuditChain(database.db);
      assert.equal(chain.ok, true, JSON.stringify(chain));
      const [stored] = await database.query<{ n: number }>(`select count(*)::int as n from account where display_name like '压测%'`);
      t.diagnostic(`${stored!.n} stored after restart (acknowledged ones all present; the rest were in flight)`);
    } finally {
      await database.close();
    }
  });
});
