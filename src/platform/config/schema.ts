/**
 * The one schema for every setting. Each entry names its environment variable,
 * its default and one line of documentation; `docs/configuration.md` is written
 * from this list (`npm run docs:config`) and a test keeps the two in step.
 */
export type SettingKind = 'string' | 'port' | 'int' | 'bool' | 'enum' | 'url' | 'host' | 'secret';

export interface SettingSpec {
  env: string;
  kind: SettingKind;
  default: string | undefined;
  doc: string;
  values?: readonly string[];
  /** For `url`: the accepted schemes (default `http:` and `https:`). */
  protocols?: readonly string[];
  min?: number;
  max?: number;
}

export const settings = {
  dataDir: { env: 'ONEWINDOW_DATA_DIR', kind: 'string', default: './data', doc: 'Folder for the embedded database (`pg/`), its lock file, generated keys and stored files.' },
  databaseUrl: { env: 'DATABASE_URL', kind: 'url', default: undefined, doc: 'A `postgres://` URL selects a PostgreSQL 15+ server instead of the embedded PGlite database.' },
  databasePoolSize: { env: 'DATABASE_POOL_SIZE', kind: 'int', default: '10', min: 1, max: 200, doc: 'Connections in the pool when `DATABASE_URL` is set.' },
  publicHost: { env: 'PUBLIC_HOST', kind: 'host', default: '127.0.0.1', doc: 'Interface the public (外网) listener binds to.' },
  publicPort: { env: 'PUBLIC_PORT', kind: 'port', default: '3000', doc: 'Port of the public portal listener.' },
  internalHost: { env: 'INTERNAL_HOST', kind: 'host', default: '127.0.0.1', doc: 'Interface the internal (内网) workbench listener binds to.' },
  internalPort: { env: 'INTERNAL_PORT', kind: 'port', default: '3001', doc: 'Port of the internal workbench listener.' },
  publicBaseUrl: { env: 'PUBLIC_BASE_URL', kind: 'url', default: undefined, doc: 'Address the public sees (used in links and the OpenAPI document); defaults to http://PUBLIC_HOST:PUBLIC_PORT.' },
  tls: { env: 'ONEWINDOW_TLS', kind: 'bool', default: 'false', doc: 'Set to true when a TLS-terminating proxy sits in front; cookies then carry `Secure`.' },
  trustProxy: { env: 'TRUST_PROXY', kind: 'bool', default: 'false', doc: 'Trust `X-Forwarded-*` headers for the client IP (only behind your own proxy).' },
  demo: { env: 'ONEWINDOW_DEMO', kind: 'bool', default: 'true', doc: 'Demo mode: seed 青山县 on first start and accept the shared demo password. Turn off in production.' },
  siteName: { env: 'SITE_NAME', kind: 'string', default: '青山县人民政府', doc: 'Name shown in the page header; the English name comes from the translations.' },
  logLevel: { env: 'LOG_LEVEL', kind: 'enum', default: 'info', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], doc: 'Log level of both listeners.' },
  bodyLimit: { env: 'BODY_LIMIT_BYTES', kind: 'int', default: '1048576', min: 1024, max: 104857600, doc: 'Largest request body accepted, in bytes (file uploads have their own limit).' },
  fileMaxBytes: { env: 'FILE_MAX_BYTES', kind: 'int', default: '20971520', min: 1024, max: 1073741824, doc: 'Largest uploaded file accepted (materials, blank forms, import files), in bytes. Types are checked by their content, never by the name.' },
  filesStore: { env: 'FILES_STORE', kind: 'enum', default: 'local', values: ['local', 's3'], doc: "Where stored files' bytes live, by SHA-256: `local` (`files/` in the data dir) or `s3` (an S3-compatible bucket, set by the S3_* settings below, which are then required; ADR 0021)." },
  s3Endpoint: { env: 'S3_ENDPOINT', kind: 'url', default: undefined, doc: 'With `FILES_STORE=s3`: the object store, e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://10.0.0.5:9000` (MinIO).' },
  s3Region: { env: 'S3_REGION', kind: 'string', default: 'us-east-1', doc: 'With `FILES_STORE=s3`: the region in the request signature (MinIO and most compatible stores accept `us-east-1`).' },
  s3Bucket: { env: 'S3_BUCKET', kind: 'string', default: undefined, doc: 'With `FILES_STORE=s3`: the bucket (3–63 lowercase letters, digits, `.` and `-`); it must exist.' },
  s3Prefix: { env: 'S3_PREFIX', kind: 'string', default: undefined, doc: 'With `FILES_STORE=s3`: put in front of every object key, e.g. `onewindow/` gives `onewindow/ab/cd/<sha256>` (letters, digits, `.`, `_`, `-`, `/`; a missing final `/` is added).' },
  s3AccessKeyId: { env: 'S3_ACCESS_KEY_ID', kind: 'string', default: undefined, doc: 'With `FILES_STORE=s3`: the access key id that signs requests (SigV4).' },
  s3SecretAccessKey: { env: 'S3_SECRET_ACCESS_KEY', kind: 'secret', default: undefined, min: 8, doc: 'With `FILES_STORE=s3`: the secret access key (8+ characters). Never logged or shown in an error.' },
  s3ForcePathStyle: { env: 'S3_FORCE_PATH_STYLE', kind: 'bool', default: 'false', doc: 'With `FILES_STORE=s3`: address objects as `endpoint/bucket/key` (MinIO, an IP address endpoint) instead of `bucket.endpoint/key`.' },
  smtpUrl: { env: 'SMTP_URL', kind: 'url', protocols: ['smtp:', 'smtps:'], default: undefined, doc: 'Sends notification emails through this SMTP server, e.g. `smtps://user:password@mail.example.gov.cn:465` or `smtp://10.0.0.25:25` (STARTTLS when the server offers it). Unset: no email is sent (in demo mode it is recorded for the internal outbox page instead; ADR 0019).' },
  smtpFrom: { env: 'SMTP_FROM', kind: 'string', default: undefined, doc: 'The sender of notification emails, e.g. `青山县一窗通办 <no-reply@qingshan.gov.cn>`; required with `SMTP_URL`.' },
  smsUrl: { env: 'SMS_URL', kind: 'url', default: undefined, doc: 'Sends notification SMS by POSTing JSON `{"phone", "text"}` to this gateway URL (any 2xx is success). Unset: no SMS is sent (in demo mode it is recorded for the outbox page instead).' },
  smsToken: { env: 'SMS_TOKEN', kind: 'secret', min: 8, default: undefined, doc: 'With `SMS_URL`: sent as `Authorization: Bearer <token>` (8+ characters). Never logged or shown in an error.' },
  notifyMaxAttempts: { env: 'NOTIFY_MAX_ATTEMPTS', kind: 'int', default: '5', min: 1, max: 20, doc: 'Attempts to deliver one notification by email and SMS before its deliveries stay `failed`; retries wait 10 s, 20 s, 40 s … (at most an hour).' },
  rateLimitMax: { env: 'RATE_LIMIT_SENSITIVE_MAX', kind: 'int', default: '20', min: 1, max: 100000, doc: 'Requests per minute per IP on sensitive routes (sign-in, registration).' },
  sessionSecret: { env: 'SESSION_SECRET', kind: 'secret', default: undefined, doc: 'Secret that signs cookies (32+ characters). Generated into the data dir on first run when unset.' },
  dataKey: { env: 'DATA_KEY', kind: 'secret', default: undefined, doc: 'Master key (base64, 32+ bytes) for personal data encrypted at rest and its lookup hashes. Generated into the data dir on first run when unset; back it up with the database.' },
  cryptoSuite: { env: 'CRYPTO_SUITE', kind: 'enum', default: 'sm', values: ['sm', 'intl'], doc: 'Cipher for new writes of personal data: `sm` (SM4 + HMAC-SM3, national standard) or `intl` (AES-256-GCM). Old values stay readable after a change.' },
  signInMaxFailures: { env: 'SIGNIN_MAX_FAILURES', kind: 'int', default: '5', min: 1, max: 100, doc: 'Wrong passwords in a row before an account is locked for a while.' },
  signInLockMinutes: { env: 'SIGNIN_LOCK_MINUTES', kind: 'int', default: '15', min: 1, max: 1440, doc: 'How long an account stays locked after too many wrong passwords, in minutes.' },
  jobsPollMs: { env: 'JOBS_POLL_MS', kind: 'int', default: '1000', min: 50, max: 600000, doc: 'How often the event dispatcher and job worker look for work, in milliseconds.' },
  jobsEnabled: { env: 'JOBS_ENABLED', kind: 'bool', default: 'true', doc: 'Run the event dispatcher and job worker in this process.' },
  pageCacheSeconds: { env: 'PAGE_CACHE_SECONDS', kind: 'int', default: '60', min: 0, max: 86400, doc: 'How long a rendered page that opts in (the public home page, the service guide) is reused for anonymous visitors, per URL, language and elder mode; 0 turns the cache off. Pages with a form or a signed-in user are never cached; publishing, suspending or withdrawing a service item clears the cache at once.' },
  benchRoutes: { env: 'BENCH_ROUTES', kind: 'bool', default: 'false', doc: 'Mounts the `/__bench/*` baseline routes that `npm run bench` measures against (one of them writes audit records). Never enable in production.' },
  hallOneWindowOrg: { env: 'HALL_ONE_WINDOW_ORG', kind: 'string', default: '001015', doc: "Org code of the department that runs the county's comprehensive window (一窗受理): its window clerks pre-examine and accept cases for every department, while review and decision stay with each item's own department. Demo: 001015, the administrative approval bureau." },
  supervisionOfficeOrg: { env: 'SUPERVISION_OFFICE_ORG', kind: 'string', default: '001001', doc: "Org code of the county office whose supervisors (its sections included) receive escalated oversight orders (督办单) that a department left unanswered past their deadline. Demo: 001001, the county government office (its 督查室 section)." },
  timeZone: { env: 'ONEWINDOW_TZ', kind: 'enum', default: 'Asia/Shanghai', values: ['Asia/Shanghai'], doc: 'Time zone of every displayed time and every time limit. Fixed by law; listed so nobody wonders.' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof settings;
