import { describe, expect, it } from 'vitest';
import { keyedHash } from '../crypto.ts';
import { hashKeys } from '../hash-keys.ts';
import {
  entryChain,
  entryLookups,
  isTenantEntry,
  parseEntry,
  rekeySuppressionEntry,
  suppressionEntry,
  suppressionKeys,
  suppressionLookups,
} from './suppression-keys.ts';

const k1 = '1'.repeat(40);
const k2 = '2'.repeat(40);
const v1 = hashKeys(k1);
const ring = (current?: number) =>
  hashKeys(
    [
      { version: 1, key: k1 },
      { version: 2, key: k2 },
    ],
    current,
  );
const value = 'email:ann@example.com';

describe('per-tenant suppression entries under a HASH_KEY ring', () => {
  it('derives the tenant key of each version from that version of HASH_KEY, and chains the entry', () => {
    const keys = suppressionKeys(ring(), 'acme');
    expect(keys).toEqual([
      { version: 1, key: keyedHash(k1, 'suppression-key:v2:acme') },
      { version: 2, key: keyedHash(k2, 'suppression-key:v2:acme') },
    ]);
    const e1 = keyedHash(keys[0]!.key, value);
    expect(suppressionEntry(v1, 'acme', value)).toBe(`s1:${e1}`);
    expect(suppressionEntry(ring(), 'acme', value)).toBe(`s2:${keyedHash(keys[1]!.key, e1)}`);
    expect(entryChain(keys, value)).toEqual([e1, keyedHash(keys[1]!.key, e1)]);
    // Another tenant's keys are not this one's.
    expect(suppressionKeys(ring(), 'other')[1]!.key).not.toBe(keys[1]!.key);
  });

  it('writes under the current version while a newer key is only looked up, and looks up every version', () => {
    expect(suppressionEntry(ring(1), 'acme', value)).toBe(suppressionEntry(v1, 'acme', value));
    expect(entryLookups(ring(1), 'acme', value)).toEqual([
      suppressionEntry(v1, 'acme', value),
      suppressionEntry(ring(), 'acme', value),
    ]);
    expect(entryLookups(ring(), 'acme', value)).toEqual([
      suppressionEntry(ring(), 'acme', value),
      suppressionEntry(v1, 'acme', value),
    ]);
  });

  it('re-keys a version-1 entry to exactly the entry the address gives under version 2, and leaves a current one alone', () => {
    const old = suppressionEntry(v1, 'acme', value);
    expect(rekeySuppressionEntry(ring(), 'acme', old)).toBe(suppressionEntry(ring(), 'acme', value));
    expect(rekeySuppressionEntry(ring(), 'acme', suppressionEntry(ring(), 'acme', value))).toBeUndefined();
    expect(rekeySuppressionEntry(ring(1), 'acme', old)).toBeUndefined();
    // Only per-tenant entries: HASH_KEY's own hashes are keys.rekey's.
    expect(rekeySuppressionEntry(ring(), 'acme', keyedHash(k1, 'suppress:acme:email:ann@example.com'))).toBeUndefined();
  });

  it('is never touched by HASH_KEY’s own re-key, which would otherwise hash it with the wrong key', () => {
    expect(ring().rekey(suppressionEntry(v1, 'acme', value))).toBeUndefined();
    expect(ring().rekey(keyedHash(k1, 'x'))).toBe(`k2:${keyedHash(k2, keyedHash(k1, 'x'))}`);
  });

  it('tells per-tenant entries from other stored hashes and parses them for the mail tools’ list', () => {
    const entry = suppressionEntry(ring(), 'acme', value);
    expect(isTenantEntry(entry)).toBe(true);
    expect(isTenantEntry(keyedHash(k1, 'x'))).toBe(false);
    expect(isTenantEntry(`k2:${keyedHash(k1, 'x')}`)).toBe(false);
    expect(parseEntry(entry)).toEqual({ version: 2, hex: entry.slice(3) });
  });

  it('looks an address up under every per-tenant version, then as written before per-tenant keys', () => {
    const [email] = suppressionLookups(ring(), 'acme', ' Ann@Example.com ');
    expect(email).toEqual([
      suppressionEntry(ring(), 'acme', value),
      suppressionEntry(v1, 'acme', value),
      ...ring().lookups('suppress:acme:email:ann@example.com'),
    ]);
    expect(email).toContain(keyedHash(k1, 'suppress:acme:email:ann@example.com'));
  });
});
