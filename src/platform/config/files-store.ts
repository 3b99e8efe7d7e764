import { isIP } from 'node:net';
import { ConfigError, type Config } from './load.js';

const REQUIRED_FOR_S3 = [
  ['s3Endpoint', 'S3_ENDPOINT'],
  ['s3Bucket', 'S3_BUCKET'],
  ['s3AccessKeyId', 'S3_ACCESS_KEY_ID'],
  ['s3SecretAccessKey', 'S3_SECRET_ACCESS_KEY'],
] as const;

/**
 * With FILES_STORE=s3 the S3_* settings must be complete and usable, so a bad setup
 * stops the process at boot naming the variable instead of failing at the first upload.
 */
export function checkFilesStore(config: Config): void {
  if (config.filesStore !== 's3') return;
  for (const [key, env] of REQUIRED_FOR_S3) {
    if (!config[key]) throw new ConfigError(env, 'must be set when FILES_STORE=s3');
  }
  const bucket = config.s3Bucket!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError('S3_BUCKET', `must be 3–63 lowercase letters, digits, dots and hyphens (got ${JSON.stringify(bucket)})`);
  }
  const prefix = config.s3Prefix ?? '';
  if (!/^[A-Za-z0-9._-][A-Za-z0-9._/-]*$|^$/.test(prefix) || prefix.split('/').some((part) => part === '..' || part === '.')) {
    throw new ConfigError('S3_PREFIX', `may hold only letters, digits, ".", "_", "-" and "/", must not start with "/" and has no "." or ".." parts (got ${JSON.stringify(prefix)})`);
  }
  const host = new URL(config.s3Endpoint!).hostname.replace(/^\[|\]$/g, '');
  if (!config.s3ForcePathStyle && (isIP(host) !== 0 || host === 'localhost')) {
    throw new ConfigError('S3_FORCE_PATH_STYLE', `must be true when S3_ENDPOINT is an IP address or localhost (a bucket name cannot go in front of ${host})`);
  }
  if (!/^[A-Za-z0-9-]{1,64}$/.test(config.s3Region)) throw new ConfigError('S3_REGION', `must be a region name such as us-east-1 (got ${JSON.stringify(config.s3Region)})`);
}
