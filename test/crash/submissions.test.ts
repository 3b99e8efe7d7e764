import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createDiskDatabase, dbKind, type DiskDatabase } from '../template.js';
import { startServer } from '../cli.js';
import { DEMO_PASSWORD } from '../../src/platform/security/demo.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.js';
import { APPLICANTS, prepareDrafts, type PreparedDraft } from './submissions.prepare.js';

/**
 * Crash safety of submissions: many complete drafts of the demo residents
 * (submissions.prepare.ts), submitted concurrently over HTTP on the real
 * server by four clients, SIGKILL in the middle, restart. Every acknowledged
 * submission (303 to its confirmation page) must be present whole: state
 * `submitted` with its reference, the `submit` timeline event, the audit record,
 * the acceptance clock, the `application.submitted` outbox event and the inbox
 * notification; every other draft is untouched or submitted whole; references
 * are unique; the audit chain verifies.
 */
const env = (disk: DiskDatabase) => ({ ...disk.env, RATE_LIMIT_SENSITIVE_MAX: '100000', ONEWINDOW_DEMO: 'true' });
const portal = (banner: string) => /Public portal \(外网\): +(http:\/\/\S+)/.exec(banner)![1]!;
const DRAFTS = 240;
const CONFIRMATION = /^\/my\/cases\/([0-9]{8}-[0-9]{6,})\/confirmation$/;

/** A browser: its cookies, kept across responses. */
class Browser {
  private jar = new Map<string, string>();
  constructor(private base: string) {}
  private take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  private cookie = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async get(path: string): Promise<{ status: number; body: string; location: string }> {
    const res = await fetch(`${this.base}${path}`, { redirect: 'manual', headers: { cookie: this.cookie() } });
    this.take(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? '' };
  }
  async post(path: string, fields: Record<string, string>): Promise<{ status: number; body: string; location: string }> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookie() },
      body: new URLSearchParams(fields),
    });
    this.take(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? '' };
  }
}

const tokenOf = (body: string, where: string) => {
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${where}`);
  return token;
};

/** Signs a demo resident in through the sign-in form; returns the browser and a CSRF token of its session. */
async function signedIn(base: string, login: string, page: string): Promise<{ browser: Browser; token: string }> {
  const browser = new Browser(base);
  const form = await browser.get('/sign-in');
  const res = await browser.post('/sign-in', { login, password: DEMO_PASSWORD, _csrf: tokenOf(form.body, '/sign-in') });
  assert.equal(res.status, 303, `sign-in as ${login}`);
  const shown = await browser.get(page);
  assert.equal(shown.status, 200, `${page} as ${login}`);
  return { browser, token: tokenOf(shown.body, page) };
}

interface Acknowledged {
  draft: PreparedDraft;
  ref: string;
}

describe(`crash safety: SIGKILL while applications are submitted (${dbKind})`, () => {
  let disk: DiskDatabase;
  before(async () => {
    disk = await createDiskDatabase();
  });
  after(() => disk.cleanup());

  test('every acknowledged submission survives a SIGKILL whole, nothing is half-written, references stay unique, the audit chain verifies', async (t) => {
    // The first start loads the demo county; the drafts are then completed on the stopped server's database.
    const first = startServer(env(disk));
    await first.ready;
    await first.stop();
    const { drafts, incomplete } = await prepareDrafts(disk, env(disk), DRAFTS);
    t.diagnostic(`${drafts.length} complete drafts prepared${incomplete.length ? `; left out (answers not complete): ${incomplete.join(' | ')}` : ''}`);
    assert.ok(drafts.length >= 150, `enough drafts (${drafts.length})`);

    const server = startServer(env(disk));
    const base = portal(await server.ready);
    const sessions = new Map<string, { browser: Browser; token: string }>();
    for (const a of APPLICANTS) {
      const own = drafts.find((d) => d.login === a.login);
      if (own) sessions.set(a.login, await signedIn(base, a.login, `/apply/drafts/${own.id}/check`));
    }

    const acknowledged: Acknowledged[] = [];
    const refused: string[] = [];
    let next = 0;
    let killed = false;
    // Four clients, each taking the next draft and submitting it as its owner, declaration ticked.
    const client = async () => {
      while (!killed && next < drafts.length) {
        const draft = drafts[next++]!;
        const { browser, token } = sessions.get(draft.login)!;
        try {
          const res = await browser.post(`/apply/drafts/${draft.id}/check`, { confirm: 'yes', _csrf: token });
          const ref = CONFIRMATION.exec(res.location)?.[1];
          if (res.status === 303 && ref) acknowledged.push({ draft, ref });
          else refused.push(`${draft.id}: ${res.status} ${res.location} ${res.body.replace(/\s+/g, ' ').slice(0, 300)}`);
        } catch {
          // The connection died with the server: not acknowledged.
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(() => client()));
    const third = Math.floor(drafts.length / 3);
    while (acknowledged.length < third && !refused.length && next < drafts.length) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    server.child.kill('SIGKILL');
    await once(server.child, 'close').catch(() => undefined);
    await load;
    assert.deepEqual(refused, [], 'every submission before the SIGKILL was acknowledged');
    assert.ok(acknowledged.length >= third, `${acknowledged.length} acknowledged before SIGKILL`);
    t.diagnostic(`${next} submissions sent, ${acknowledged.length} acknowledged before SIGKILL`);

    // The restart opens the same data and serves, the acknowledged cases included.
    const again = startServer(env(disk));
    try {
      const base2 = portal(await again.ready);
      assert.equal((await fetch(`${base2}/`)).status, 200);
      const last = acknowledged.at(-1)!;
      const { browser } = await signedIn(base2, last.draft.login, '/my/cases');
      const page = await browser.get(`/my/cases/${last.ref}/confirmation`);
      assert.equal(page.status, 200, 'the confirmation page of an acknowledged submission is served after the restart');
      assert.ok(page.body.includes(last.ref));
    } finally {
      await again.stop();
    }

    const database = await disk.open();
    try {
      const ids = drafts.map((d) => d.id).join(',');
      const rows = await database.query<{
        id: string;
        ref: string | null;
        state: string;
        submitted: boolean;
        events: number;
        audits: number;
        clocks: number;
        outbox: number;
        inbox: number;
        acting_inbox: number;
        acting: boolean;
      }>(
        `select a.id, a.ref, a.state, a.submitted_at is not null as submitted, a.acting_person_id is not null as acting,
           (select count(*)::int from application_event e where e.application_id = a.id and e.action = 'submit') as events,
           (select count(*)::int from audit_log l where l.action = 'hall.case.submit' and l.subject = 'application:' || a.id) as audits,
           (select count(*)::int from clock c where c.subject_kind = 'application' and c.subject_id = a.id::text and c.kind = 'acceptance') as clocks,
           (select count(*)::int from outbox_event o where o.type = 'application.submitted' and o.payload->>'applicationId' = a.id::text) as outbox,
           (select count(*)::int from notification n where n.recipient_id = a.applicant_id and n.template = 'hall:notify.submitted' and n.link = '/my/cases/' || a.ref) as inbox,
           (select count(*)::int from notification n where n.recipient_id = a.acting_person_id and n.template = 'hall:notify.submitted' and n.link = '/my/cases/' || a.ref) as acting_inbox
         from application a where a.id::text = any(string_to_array($1, ','))`,
        [ids],
      );
      assert.equal(rows.length, drafts.length, 'every prepared case is there');
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const { draft, ref } of acknowledged) {
        const r = byId.get(draft.id)!;
        assert.equal(r.ref, ref, `acknowledged ${ref} is stored with its reference`);
        assert.equal(r.state, 'submitted', `${ref} is submitted`);
      }
      let submitted = 0;
      for (const r of rows) {
        const seen = { state: r.state, submitted: r.submitted, events: r.events, audits: r.audits, clocks: r.clocks, outbox: r.outbox, inbox: r.inbox, acting_inbox: r.acting_inbox };
        if (r.ref) {
          submitted++;
          const whole = { state: 'submitted', submitted: true, events: 1, audits: 1, clocks: 1, outbox: 1, inbox: 1, acting_inbox: r.acting ? 1 : 0 };
          assert.deepEqual(seen, whole, `case ${r.ref} (${r.id}) is whole`);
        } else {
          const untouched = { state: 'draft', submitted: false, events: 0, audits: 0, clocks: 0, outbox: 0, inbox: 0, acting_inbox: 0 };
          assert.deepEqual(seen, untouched, `draft ${r.id} is untouched`);
        }
      }
      assert.ok(submitted < drafts.length, 'the SIGKILL came in the middle of the submissions');
      const [anywhere] = await database.query<{ duplicates: number; without_ref: number; draft_with_ref: number }>(`
        select (select count(*)::int from (select ref from application where ref is not null group by ref having count(*) > 1) d) as duplicates,
               (select count(*)::int from application where state = 'submitted' and ref is null) as without_ref,
               (select count(*)::int from application where state = 'draft' and ref is not null) as draft_with_ref`);
      assert.deepEqual(anywhere, { duplicates: 0, without_ref: 0, draft_with_ref: 0 }, 'no duplicate reference, no submitted case without one');
      const chain = await verifyAuditChain(database.db);
      assert.equal(chain.ok, true, JSON.stringify(chain));
      t.diagnostic(`${submitted} submitted after restart (all ${acknowledged.length} acknowledged ones whole; the rest were in flight), ${drafts.length - submitted} still drafts`);
    } finally {
      await database.close();
    }
  });
});
