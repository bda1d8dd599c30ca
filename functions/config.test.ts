import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = { TABLE_NAME: 't', PUBLIC_URL: 'https://privacy.example', MAIL_FROM: 'privacy@example.org', TENANTS_DIR: 'tenants' };
const k1 = 'a'.repeat(40);
const k2 = 'b'.repeat(40);
const rotated = JSON.stringify({ keys: { '1': k1, '2': k2 } });

describe('HASH_KEY and TOTP_KEY in the environment', () => {
  it('reads the secret as first generated (a bare key) as version 1, and the rotated form as every version', () => {
    expect(loadConfig({ ...base, HASH_KEY: k1 }).hashKeys).toEqual([{ version: 1, key: k1 }]);
    expect(loadConfig({ ...base, HASH_KEY: rotated }).hashKeys).toEqual([
      { version: 1, key: k1 },
      { version: 2, key: k2 },
    ]);
  });

  it('writes under the version the deployment names (else the newest key), and fails the cold start when the secret lacks a key it needs', () => {
    expect(loadConfig({ ...base, HASH_KEY: rotated }).hashKeyVersion).toBe(2);
    // Key 2 added, not yet current: looked up, not written.
    expect(loadConfig({ ...base, HASH_KEY: rotated, HASH_KEY_VERSION: '1', HASH_KEY_LATEST: '2' }).hashKeyVersion).toBe(1);
    expect(loadConfig({ ...base, HASH_KEY: rotated, HASH_KEY_VERSION: '2' }).hashKeyVersion).toBe(2);
    expect(() => loadConfig({ ...base, HASH_KEY: k1, HASH_KEY_VERSION: '2' })).toThrow(
      /holds versions 1..1, the deployment needs version 2/,
    );
    expect(() => loadConfig({ ...base, HASH_KEY: k1, HASH_KEY_VERSION: '1', HASH_KEY_LATEST: '2' })).toThrow(/needs version 2/);
  });

  it('names a bad HASH_KEY, and takes TOTP_KEY only when given', () => {
    expect(() => loadConfig({ ...base, HASH_KEY: 'short' })).toThrow(/HASH_KEY: HASH_KEY version 1 must be at least 32/);
    expect(loadConfig({ ...base, HASH_KEY: k1 }).totpKey).toBeUndefined();
    expect(loadConfig({ ...base, HASH_KEY: k1, TOTP_KEY: k2 }).totpKey).toBe(k2);
    expect(() => loadConfig({ ...base, HASH_KEY: k1, TOTP_KEY: 'short' })).toThrow(/TOTP_KEY must be at least 32/);
  });
});

describe('the rest of the environment', () => {
  it('fills in the defaults and trims the public URL', () => {
    const config = loadConfig({ ...base, HASH_KEY: k1, PUBLIC_URL: 'https://privacy.example//' });
    expect(config).toMatchObject({
      region: 'eu-west-2',
      publicUrl: 'https://privacy.example',
      policyMaxAgeSeconds: 60,
      exportDownloadDays: 7,
      metricsNamespace: 'PrivacyCentre/local',
      mailerSecrets: {},
    });
    expect(loadConfig({ ...base, HASH_KEY: k1, POLICY_MAX_AGE_SECONDS: '300', AWS_REGION: 'eu-west-1' })).toMatchObject({
      policyMaxAgeSeconds: 300,
      region: 'eu-west-1',
    });
  });

  it('names every missing or bad variable at once', () => {
    const attempt = () =>
      loadConfig({
        PUBLIC_URL: 'not a url',
        MAIL_FROM: 'x',
        HASH_KEY: k1,
        TENANTS_DIR: 'tenants',
        DYNAMODB_ENDPOINT: '',
        POLICY_MAX_AGE_SECONDS: '0',
        EXPORT_DOWNLOAD_DAYS: 'a week',
        MAILER_SECRETS: '{"it-mk": "short"}',
      });
    expect(attempt).toThrow(/^Invalid environment:\n {2}TABLE_NAME: required\n/);
    for (const name of [
      'DYNAMODB_ENDPOINT',
      'PUBLIC_URL',
      'MAIL_FROM',
      'POLICY_MAX_AGE_SECONDS',
      'EXPORT_DOWNLOAD_DAYS',
      'MAILER_SECRETS',
    ]) {
      expect(attempt).toThrow(new RegExp(`\\n {2}${name}: `));
    }
  });

  it('reads the mailer secrets as JSON', () => {
    const secrets = { 'it-mk': 'c'.repeat(32) };
    expect(loadConfig({ ...base, HASH_KEY: k1, MAILER_SECRETS: JSON.stringify(secrets) }).mailerSecrets).toEqual(secrets);
    expect(() => loadConfig({ ...base, HASH_KEY: k1, MAILER_SECRETS: 'not json' })).toThrow(/MAILER_SECRETS: must be JSON/);
  });
});
