import { settings, type SettingSpec } from './schema.js';
import { checkFilesStore } from './files-store.js';
import { checkNotifySettings } from './notify-settings.js';

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicHost: string;
  publicPort: number;
  internalHost: string;
  internalPort: number;
  publicBaseUrl: string | undefined;
  tls: boolean;
  trustProxy: boolean;
  demo: boolean;
  siteName: string;
  logLevel: string;
  bodyLimit: number;
  fileMaxBytes: number;
  filesStore: 'local' | 's3';
  s3Endpoint: string | undefined;
  s3Region: string;
  s3Bucket: string | undefined;
  s3Prefix: string | undefined;
  s3AccessKeyId: string | undefined;
  /** Never log it: ConfigError and BlobStoreError messages leave it out. */
  s3SecretAccessKey: string | undefined;
  s3ForcePathStyle: boolean;
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  smsUrl: string | undefined;
  /** Never log it. */
  smsToken: string | undefined;
  notifyMaxAttempts: number;
  rateLimitMax: number;
  sessionSecret: string | undefined;
  dataKey: string | undefined;
  cryptoSuite: 'sm' | 'intl';
  signInMaxFailures: number;
  signInLockMinutes: number;
  jobsPollMs: number;
  jobsEnabled: boolean;
  pageCacheSeconds: number;
  benchRoutes: boolean;
  hallOneWindowOrg: string;
  supervisionOfficeOrg: string;
  timeZone: string;
}

/** Raised when a setting is invalid; the message always names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

function parseOne(spec: SettingSpec, raw: string | undefined): unknown {
  if (raw === undefined || raw === '') {
    if (spec.default === undefined) return undefined;
    raw = spec.default;
  }
  const fail = (detail: string): never => {
    // A secret's value never goes into a message (messages reach the terminal and the log).
    // A URL's user and password (SMTP_URL may carry them) are left out too.
    const shown = spec.kind === 'url' ? (raw ?? '').replace(/\/\/[^/?#]*@/, '//***@') : raw;
    throw new ConfigError(spec.env, `${detail} (got ${spec.kind === 'secret' ? `${(raw ?? '').length} characters` : JSON.stringify(shown)})`);
  };
  switch (spec.kind) {
    case 'string':
    case 'host':
      if (spec.kind === 'host' && !/^[A-Za-z0-9.:[\]-]+$/.test(raw)) fail('must be a host name or IP address');
      return raw;
    case 'secret':
      if (raw.length < (spec.min ?? 32)) fail(`must be at least ${spec.min ?? 32} characters`);
      return raw;
    case 'bool':
      if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true;
      if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
      return fail('must be true or false');
    case 'port':
    case 'int': {
      if (!/^\d+$/.test(raw)) fail('must be a whole number');
      const n = Number(raw);
      const min = spec.kind === 'port' ? 0 : (spec.min ?? 0);
      const max = spec.kind === 'port' ? 65535 : (spec.max ?? Number.MAX_SAFE_INTEGER);
      if (n < min || n > max) fail(`must be between ${min} and ${max}`);
      return n;
    }
    case 'enum':
      if (!spec.values?.includes(raw)) fail(`must be one of ${spec.values?.join(', ')}`);
      return raw;
    case 'url':
      try {
        const u = new URL(raw);
        if (spec.env === 'DATABASE_URL' && !/^postgres(ql)?:$/.test(u.protocol)) fail('must start with postgres://');
        if (spec.protocols && !spec.protocols.includes(u.protocol)) fail(`must start with ${spec.protocols.map((p) => `${p}//`).join(' or ')}`);
        if (spec.env !== 'DATABASE_URL' && !spec.protocols && !/^https?:$/.test(u.protocol)) fail('must be an http(s) URL');
      } catch (e) {
        if (e instanceof ConfigError) throw e;
        fail('must be a valid URL');
      }
      return raw;
  }
}

/** Reads every setting from `env`; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(settings) as [string, SettingSpec][]) {
    out[key] = parseOne(spec, env[spec.env]);
  }
  checkFilesStore(out as unknown as Config);
  checkNotifySettings(out as unknown as Config);
  return out as unknown as Config;
}

export function publicBaseUrl(config: Config): string {
  return config.publicBaseUrl ?? `http://${config.publicHost}:${config.publicPort}`;
}
