import { ConfigError, type Config } from './load.js';

/**
 * The notification channels' settings must be complete when a channel is configured, so a
 * half-set channel stops the process at boot naming the variable instead of failing at the
 * first delivery (ADR 0019).
 */
export function checkNotifySettings(config: Config): void {
  if (config.smtpUrl && !config.smtpFrom?.trim()) throw new ConfigError('SMTP_FROM', 'must be set when SMTP_URL is set');
  if (config.smtpFrom && /[\r\n]/.test(config.smtpFrom)) throw new ConfigError('SMTP_FROM', 'must be one line');
  if (config.smsUrl && !config.smsToken) throw new ConfigError('SMS_TOKEN', 'must be set when SMS_URL is set');
}
