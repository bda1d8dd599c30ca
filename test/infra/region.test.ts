import { describe, expect, it } from 'vitest';
import { checkDataResidency, ukOnlyTenants } from '../../infra/region.ts';
import { ensureWebDist, synth } from './synth.ts';

describe('UK data stays in the UK', () => {
  it('knows The One Point as the tenant whose policy promises UK-only storage', () => {
    expect(ukOnlyTenants()).toEqual(['the-one-point']);
  });

  it('deploys to eu-west-2 when no region is given', () => {
    ensureWebDist();
    const { stack } = synth({}, { bundle: false });
    expect(stack.region).toBe('eu-west-2');
  }, 120_000);

  it('refuses a region outside the UK while a tenant promises UK-only storage, naming it and the override', () => {
    expect(() => synth({ region: 'eu-west-1' }, { bundle: false })).toThrow(
      /Region eu-west-1 is outside the UK, but the policy of the-one-point promises .* -c storeOutsideUk=the-one-point/,
    );
  });

  it('takes an override only when it names every such tenant, and never one that promises nothing', () => {
    expect(() => checkDataResidency('us-east-1', ['a', 'b'], ['a'])).toThrow(/policy of b promises/);
    expect(() => checkDataResidency('us-east-1', ['a', 'b'], ['a', 'b'])).not.toThrow();
    expect(() => checkDataResidency('eu-west-2', ['a'], ['the-one-pint'])).toThrow(/the-one-pint is not a tenant whose policy/);
    expect(() => checkDataResidency('eu-west-2', ['a'], [])).not.toThrow();
    expect(() => checkDataResidency('eu-west-1', [], [])).not.toThrow();
  });
});
