import { describe, expect, it } from 'vitest';
import { hashKeys } from '../hash-keys.ts';
import { openUnsubscribeToken, sealUnsubscribeToken } from './unsubscribe-token.ts';

const k1 = 'a'.repeat(40);
const k2 = 'b'.repeat(40);
const payload = { tenant: 'acme', subjectId: 's-1', topic: 'newsletters' };
const rotated = hashKeys([
  { version: 1, key: k1 },
  { version: 2, key: k2 },
]);

describe('unsubscribe links across a HASH_KEY rotation', () => {
  it('a link in an email sent before the rotation still opens', () => {
    const before = sealUnsubscribeToken(hashKeys(k1).sealingKeys(), payload);
    expect(openUnsubscribeToken(rotated.sealingKeys(), before)).toEqual(payload);
  });

  it('new links are sealed under the current key: a centre that knows only the old key cannot open them', () => {
    const after = sealUnsubscribeToken(rotated.sealingKeys(), payload);
    expect(openUnsubscribeToken(rotated.sealingKeys(), after)).toEqual(payload);
    expect(openUnsubscribeToken([k1], after)).toBeUndefined();
    expect(openUnsubscribeToken([k2], after)).toEqual(payload);
  });

  it('a token no key made opens under none', () => {
    const other = sealUnsubscribeToken(['c'.repeat(40)], payload);
    expect(openUnsubscribeToken(rotated.sealingKeys(), other)).toBeUndefined();
  });
});
