import { describe, expect, it } from 'vitest';
import { seal } from '../crypto.ts';
import { hashKeys } from '../hash-keys.ts';
import { openTotp, sealTotp } from './totp-seal.ts';

const hashKey = 'h'.repeat(40);
const totpKey = 't'.repeat(40);
const settings = { hashKeys: hashKeys(hashKey), totpKey };

describe('staff TOTP seals', () => {
  it('seal under TOTP_KEY, marked t1., and open without asking to be sealed again', () => {
    const sealed = sealTotp(settings, 'JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^t1\./);
    expect(openTotp(settings, sealed)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: false });
    // HASH_KEY cannot open it: the key of the hashes every function holds is not the TOTP key.
    expect(() => openTotp({ hashKeys: hashKeys(hashKey), totpKey: 'x'.repeat(40) }, sealed)).toThrow();
  });

  it('open a seal from before TOTP_KEY (under HASH_KEY, v1.), even after a HASH_KEY rotation, and say it is stale', () => {
    const old = seal(hashKey, 'JBSWY3DPEHPK3PXP');
    expect(openTotp(settings, old)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: true });
    const rotated = hashKeys([
      { version: 1, key: hashKey },
      { version: 2, key: 'k'.repeat(40) },
    ]);
    expect(openTotp({ hashKeys: rotated, totpKey }, old)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: true });
    expect(() => openTotp({ hashKeys: hashKeys('z'.repeat(40)), totpKey }, old)).toThrow(/no key opens/);
  });

  it('refuse to seal where there is no TOTP_KEY (every function but the admin API)', () => {
    expect(() => sealTotp({ hashKeys: hashKeys(hashKey) }, 'JBSWY3DPEHPK3PXP')).toThrow(/admin function/);
  });
});
