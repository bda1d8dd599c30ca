import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp.ts';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890", last 6 digits of the 8-digit values.
const seed = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('gives the RFC 6238 code at %i', (time, code) => {
    expect(totpCode(seed, totpStep(time))).toBe(code);
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });

  it('accepts one step of drift either side and no more', () => {
    const t = 1_700_000_000;
    const step = totpStep(t);
    expect(matchTotp(seed, totpCode(seed, step - 1), t)).toBe(step - 1);
    expect(matchTotp(seed, totpCode(seed, step + 1), t)).toBe(step + 1);
    expect(matchTotp(seed, totpCode(seed, step - 2), t)).toBeUndefined();
    expect(matchTotp(seed, '000000', t) ?? 'none').not.toBe(step);
  });

  it('writes the otpauth URI apps scan', () => {
    const uri = otpauthUri({ issuer: 'IT MK', account: 'sam@x.example', secret: 'ABC' });
    expect(uri).toBe('otpauth://totp/IT%20MK%3Asam%40x.example?secret=ABC&issuer=IT+MK&algorithm=SHA1&digits=6&period=30');
  });
});

describe('base32 secrets', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %o as the RFC 4648 vector %s, without padding', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('encodes a 20-byte secret as exactly 32 characters, with no stray character at the end', () => {
    // 160 bits is 32 groups of five: nothing is left over to pad
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('reads a secret typed with spaces, dashes, padding and lower case', () => {
    expect(base32Decode('mzxw 6ytb-oi==').toString()).toBe('foobar');
    expect(base32Decode('GEZD GNBV\tGY3T-QOJQ\nGEZDGNBVGY3TQOJQ').toString()).toBe('12345678901234567890');
  });

  it.each(['MZXW1', 'MZXW0', 'MZXW8YTB', 'MZXW6YTB!', 'MZ_XW'])('refuses %s, which is not base32', (text) => {
    expect(() => base32Decode(text)).toThrow(new Error('not base32'));
  });

  it('makes a new secret of 160 random bits that an authenticator app can read', () => {
    // Act
    const secret = newTotpSecret();

    // Assess
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(newTotpSecret()).not.toBe(secret);
  });
});
