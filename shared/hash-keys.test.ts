import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyedHash } from './crypto.ts';
import { hashKeys, nextHashKeySecret, parseHashKeySecret } from './hash-keys.ts';

const k1 = 'a'.repeat(40);
const k2 = 'b'.repeat(40);
const k3 = 'c'.repeat(40);
const hmac = (key: string, value: string) => createHmac('sha256', key).update(value).digest('hex');

describe('versioned HASH_KEY', () => {
  it('hashes as before versions existed while there is only version 1 (stored hashes keep matching)', () => {
    const ring = hashKeys(k1);
    expect(ring.current).toBe(1);
    expect(ring.hash('suppress:acme:email:ann@example.com')).toBe(keyedHash(k1, 'suppress:acme:email:ann@example.com'));
    expect(ring.lookups('x')).toEqual([keyedHash(k1, 'x')]);
    expect(ring.rekey(keyedHash(k1, 'x'))).toBeUndefined();
  });

  it('writes version 2 as k2: and the previous version’s hash hashed under the new key', () => {
    const ring = hashKeys([
      { version: 2, key: k2 },
      { version: 1, key: k1 },
    ]);
    const v1 = hmac(k1, 'ann');
    expect(ring.current).toBe(2);
    expect(ring.hash('ann')).toBe(`k2:${hmac(k2, v1)}`);
    expect(ring.lookups('ann')).toEqual([`k2:${hmac(k2, v1)}`, v1]);
    expect(ring.versionOf(v1)).toBe(1);
    expect(ring.versionOf(ring.hash('ann'))).toBe(2);
  });

  it('re-keys a stored hash without knowing what it hashed, to exactly what a new write would store', () => {
    const before = hashKeys(k1).hash('erased:acme:ann@example.com');
    const ring = hashKeys([
      { version: 1, key: k1 },
      { version: 2, key: k2 },
      { version: 3, key: k3 },
    ]);
    expect(ring.rekey(before)).toBe(ring.hash('erased:acme:ann@example.com'));
    const v2 = hashKeys([
      { version: 1, key: k1 },
      { version: 2, key: k2 },
    ]).hash('erased:acme:ann@example.com');
    expect(ring.rekey(v2)).toBe(ring.hash('erased:acme:ann@example.com'));
    // Idempotent: a current hash is left alone, and so is anything that is not a hash of ours.
    expect(ring.rekey(ring.hash('erased:acme:ann@example.com'))).toBeUndefined();
    expect(ring.rekey('not-a-hash')).toBeUndefined();
    const twoOf = hashKeys([
      { version: 1, key: k1 },
      { version: 2, key: k2 },
    ]);
    expect(ring.every('z')).toEqual([ring.hash('z'), twoOf.hash('z'), hashKeys(k1).hash('z')]);
  });

  it('a hash under one key never equals the same value’s hash under another ring', () => {
    expect(hashKeys(k1).hash('ann')).not.toBe(hashKeys(k2).hash('ann'));
    expect(
      hashKeys([
        { version: 1, key: k1 },
        { version: 2, key: k2 },
      ]).hash('ann'),
    ).not.toBe(hashKeys(k2).hash('ann'));
  });

  it('looks up a key added but not yet current, and writes under the current one', () => {
    const prepared = hashKeys(
      [
        { version: 1, key: k1 },
        { version: 2, key: k2 },
      ],
      1,
    );
    const v1 = hmac(k1, 'ann');
    expect(prepared.current).toBe(1);
    expect(prepared.hash('ann')).toBe(v1);
    expect(prepared.lookups('ann')).toEqual([v1, `k2:${hmac(k2, v1)}`]);
    // A hash already under the newer key is left as it is.
    expect(prepared.rekey(`k2:${hmac(k2, v1)}`)).toBeUndefined();
    expect(prepared.sealingKeys()).toEqual([k1, k2]);
    expect(() => hashKeys(k1, 2)).toThrow(/cannot be current/);
  });

  it('seals unsubscribe links under the newest key first', () => {
    expect(
      hashKeys([
        { version: 1, key: k1 },
        { version: 2, key: k2 },
      ]).sealingKeys(),
    ).toEqual([k2, k1]);
  });

  it('refuses a ring with a gap', () => {
    expect(() =>
      hashKeys([
        { version: 1, key: k1 },
        { version: 3, key: k3 },
      ]),
    ).toThrow(/without a gap/);
  });
});

describe('the HASH_KEY secret', () => {
  it('reads a bare key (the secret as first generated) as version 1', () => {
    expect(parseHashKeySecret(k1)).toEqual([{ version: 1, key: k1 }]);
  });

  it('reads the rotated form, every version', () => {
    expect(parseHashKeySecret(JSON.stringify({ keys: { '1': k1, '2': k2 } }))).toEqual([
      { version: 1, key: k1 },
      { version: 2, key: k2 },
    ]);
  });

  it('refuses a missing version, a short key, no key at all, or text that does not parse', () => {
    expect(() => parseHashKeySecret(JSON.stringify({ keys: { '2': k2, '3': k3 } }))).toThrow(/no key 1/);
    expect(() => parseHashKeySecret(JSON.stringify({ keys: {} }))).toThrow(/must be \{"keys"/);
    expect(() => parseHashKeySecret('short')).toThrow(/at least 32/);
    expect(() => parseHashKeySecret('{nope')).toThrow(/does not parse/);
  });

  it('makes the next value: the old keys kept, the new one added', () => {
    const next = nextHashKeySecret(k1, k2);
    expect(JSON.parse(next)).toEqual({ keys: { '1': k1, '2': k2 } });
    expect(JSON.parse(nextHashKeySecret(next, k3))).toEqual({ keys: { '1': k1, '2': k2, '3': k3 } });
    expect(() => nextHashKeySecret(k1, 'short')).toThrow(/version 2 must be at least 32/);
  });
});
