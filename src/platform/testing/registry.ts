/**
 * The hostile-input registry (issue 4): every module declares, as data, the forms and
 * JSON endpoints that accept input and the subjects that only their owner may see.
 * The harness in test/hostile/ reads these declarations from every registered module and
 * (1) sends a corpus of hostile values into each field of each endpoint, (2) fuzzes
 * the JSON API from its schemas and (3) tries every other kind of actor on each subject.
 *
 * These are types only: the platform never runs them. The harness runs every module's
 * demo seed first, so declarations may name demo logins and demo records, and the
 * resolvers below receive the platform services to look those records up (through the
 * module's own repository, as any module code must).
 */
import type { PlatformServices } from '../module.js';

export type Side = 'public' | 'internal';

/** A field value as a browser or a JSON client would send it. */
export type ExampleValue = string | number | boolean;
/**
 * A valid request body. Keys are body fields; a key starting with `?` is a query
 * parameter of `url` instead (e.g. `?return` on the sign-in form).
 */
export type Example = Record<string, ExampleValue>;

export interface ResolveContext {
  services: PlatformServices;
  /**
   * A number that is different on every call within one run, for examples that must be
   * unique (a registration needs a new ID number and phone each time).
   */
  seq: number;
}

/** A literal, or a function of the seeded data (an id the URL needs, a unique example…). */
export type Resolvable<T> = T | ((ctx: ResolveContext) => T | Promise<T>);

export interface InputEndpoint {
  /** Unique across modules, e.g. `identity.register`. */
  name: string;
  side: Side;
  method: 'POST' | 'PUT' | 'PATCH';
  /** The URL posted to; on the public side a `/api/` URL is a JSON API route. */
  url: Resolvable<string>;
  /**
   * `form`: application/x-www-form-urlencoded with the CSRF token; `multipart`: the same fields as
   * multipart/form-data (forms with file inputs; files themselves are tested by their module);
   * `json`: application/json (the API, no CSRF).
   */
  kind: 'form' | 'multipart' | 'json';
  /** The page to GET for the CSRF token (and cookies); defaults to `url`. Forms only. */
  formUrl?: Resolvable<string>;
  /** A demo login (demo password) to sign in as first, on this endpoint's side; anonymous when absent. */
  signInAs?: string;
  /**
   * A valid body: sent as it is, it must be accepted (2xx or 3xx). The harness sends it
   * after the hostile values (so an example that changes state, like a password change,
   * changes it last) and fails if it is refused: a stale example would make the probe vacuous.
   */
  example: Resolvable<Example>;
  /** The fields (keys of `example`, or extra ones) the probe replaces with hostile values. */
  fields: string[];
  /**
   * Pages (on the same side, as the same browser) that show stored input back, fetched after
   * an accepted hostile value to check that it renders inert. The redirect target of an
   * accepted request is always fetched too.
   */
  showBack?: Resolvable<string[]>;
}

/** Someone who is not the owner of a subject. */
export interface AccessOther {
  /** Shown in the test name: `another resident`, `another department's head`, `anonymous`… */
  label: string;
  /** A demo login; undefined means an anonymous visitor. */
  signInAs?: string;
  /**
   * Where `signInAs` signs in, when not on the subject's side: the harness then presents
   * that session to the subject's side under its own cookie names (a staff member's
   * internal session carried to the public listener, say). It must mean nothing there.
   */
  signInOn?: Side;
}

export interface AccessSubject {
  /** Unique across modules, e.g. `identity.resident-account`. */
  name: string;
  side: Side;
  /**
   * `resource` (default): the URL names one thing (a case, a department's queue); every
   * other actor gets 403 or 404, or a 303 to sign-in when anonymous.
   * `self`: the URL shows whoever asks their own data (like /account); another signed-in
   * actor may get 200 with their own page, but never the owner's secret.
   */
  scope?: 'resource' | 'self';
  /** The page, when it is known without seeded data. */
  url?: string;
  /** Finds or creates the subject in the seeded database; its answer overrides `url` and `secret`. */
  prepare?: (services: PlatformServices) => Promise<{ url: string; secret?: string }>;
  owner: { signInAs: string };
  others: AccessOther[];
  /** Text the owner's page shows and no one else's may: a masked ID number, a name, a case number. */
  secret?: string;
}
