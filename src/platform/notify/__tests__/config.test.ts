/** Notify's settings: a half-configured channel stops the boot naming the variable, and an SMTP password never shows. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../config/load.js';
import { maskEmail } from '../notify.channels.js';

const fails = (env: Record<string, string>, message: string) =>
  assert.throws(
    () => loadConfig(env),
    (e: Error) => e instanceof ConfigError && e.message === message,
  );

describe('notify settings', () => {
  test('by default no channel is configured and five attempts are made', () => {
    const c = loadConfig({});
    assert.equal(c.smtpUrl, undefined);
    assert.equal(c.smsUrl, undefined);
    assert.equal(c.notifyMaxAttempts, 5);
  });

  test('a complete SMTP and SMS setting loads', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example.gov.cn:465', SMTP_FROM: 'no-reply@example.gov.cn', SMS_URL: 'https://sms.example.gov.cn/send', SMS_TOKEN: 'token-123456' });
    assert.equal(c.smtpUrl, 'smtps://user:pass@mail.example.gov.cn:465');
    assert.equal(c.smsToken, 'token-123456');
  });

  test('SMTP_URL must be smtp:// or smtps://, and its password is never shown', () => {
    fails({ SMTP_URL: 'https://user:s3cret@mail.example.gov.cn' }, 'Invalid configuration: SMTP_URL must start with smtp:// or smtps:// (got "https://***@mail.example.gov.cn")');
    fails({ SMTP_URL: 'not a url' }, 'Invalid configuration: SMTP_URL must be a valid URL (got "not a url")');
  });

  test('each channel needs its companion setting', () => {
    fails({ SMTP_URL: 'smtp://10.0.0.25:25' }, 'Invalid configuration: SMTP_FROM must be set when SMTP_URL is set');
    fails({ SMS_URL: 'https://sms.example.gov.cn/send' }, 'Invalid configuration: SMS_TOKEN must be set when SMS_URL is set');
    fails({ SMS_URL: 'https://sms.example.gov.cn/send', SMS_TOKEN: 'short' }, 'Invalid configuration: SMS_TOKEN must be at least 8 characters (got 5 characters)');
    fails({ NOTIFY_MAX_ATTEMPTS: '0' }, 'Invalid configuration: NOTIFY_MAX_ATTEMPTS must be between 1 and 20 (got "0")');
  });

  test('email addresses are masked without revealing their length', () => {
    assert.equal(maskEmail('zhangsan@example.cn'), 'z***@example.cn');
    assert.equal(maskEmail('a@b.cn'), 'a***@b.cn');
    assert.equal(maskEmail('张三@例子.中国'), '张***@例子.中国');
    assert.equal(maskEmail('no-at-sign'), '***');
  });
});
