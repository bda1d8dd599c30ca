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
