import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveTenants, type PolicyStore, type PublishedPolicy } from './live.ts';
import { parseTenantConfig } from './parse.ts';
import type { TenantConfig } from './schema.ts';

const bundled = readdirSync('tenants').map((slug) =>
  parseTenantConfig(JSON.parse(readFileSync(`tenants/${slug}/policy.json`, 'utf8')), slug),
);
const itMk = bundled.find((c) => c.slug === 'it-mk') as TenantConfig;

function memoryStore(published: PublishedPolicy[] = []) {
  let reads = 0;
  let failing = false;
  const store: PolicyStore = {
    async list() {
      reads++;
      if (failing) throw new Error('ProvisionedThroughputExceededException');
      return structuredClone(published);
    },
    publish: async () => 1,
    withdraw: async () => true,
  };
  return {
    store,
    published,
    reads: () => reads,
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

function manualClock() {
  let now = Date.parse('2026-11-22T10:00:00Z');
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const publish = (policy: unknown, slug = 'it-mk'): PublishedPolicy => ({
  slug,
  policy,
  revision: 1,
  publishedAt: '2026-11-22T09:00:00Z',
  publishedBy: 'dpo@it-mk.example',
});

describe('live tenants', () => {
  it('are the bundled policies until a read finds published ones, which then win', async () => {
    const m = memoryStore([publish({ ...itMk, legalName: 'IT MK Group Ltd' })]);
    const tenants = liveTenants(bundled, m.store, manualClock());
    expect(tenants.get('it-mk')?.legalName).toBe(itMk.legalName);
    await tenants.refresh();
    expect(tenants.get('it-mk')?.legalName).toBe('IT MK Group Ltd');
    expect(
      tenants
        .list()
        .map((t) => t.slug)
        .sort(),
    ).toEqual(bundled.map((t) => t.slug).sort());
  });

  it('read again only when the last read is older than the maximum age, and once for many callers', async () => {
    const m = memoryStore();
    const clock = manualClock();
    const tenants = liveTenants(bundled, m.store, clock, { maxAgeMs: 60_000 });
    await Promise.all([tenants.refresh(), tenants.refresh(), tenants.refresh()]);
    expect(m.reads()).toBe(1);
    clock.advance(59_000);
    await tenants.refresh();
    expect(m.reads()).toBe(1);
    m.published.push(publish({ ...itMk, policyVersion: 'v9' }));
    clock.advance(2_000);
    await tenants.refresh();
    expect(m.reads()).toBe(2);
    expect(tenants.get('it-mk')?.policyVersion).toBe('v9');
    await tenants.refresh({ force: true });
    expect(m.reads()).toBe(3);
  });

  it('add a tenant that exists only as published, and drop back to the bundled policy when it is withdrawn', async () => {
    const m = memoryStore([
      publish({ ...itMk, slug: 'new-msp', referencePrefix: 'NEW' }, 'new-msp'),
      publish({ ...itMk, legalName: 'Changed' }),
    ]);
    const tenants = liveTenants(bundled, m.store, manualClock());
    await tenants.refresh();
    expect(tenants.get('new-msp')?.referencePrefix).toBe('NEW');
    m.published.splice(0);
    await tenants.refresh({ force: true });
    expect(tenants.get('new-msp')).toBeUndefined();
    expect(tenants.get('it-mk')?.legalName).toBe(itMk.legalName);
  });

  it('leave out a published policy that does not validate (or names another tenant), keeping the bundled one, and say so', async () => {
    const logs: Record<string, unknown>[] = [];
    const broken = { ...itMk, categories: [{ ...itMk.categories[0], lawfulBasis: 'because' }] };
    const m = memoryStore([publish(broken), publish({ ...itMk, slug: 'northgate-it' }, 'the-one-point')]);
    const tenants = liveTenants(bundled, m.store, manualClock(), { log: (e) => logs.push(e) });
    await tenants.refresh();
    expect(tenants.get('it-mk')).toEqual(itMk);
    expect(tenants.get('the-one-point')?.slug).toBe('the-one-point');
    expect(logs).toEqual([
      expect.objectContaining({ msg: 'published policy ignored', tenant: 'it-mk', reason: expect.stringMatching(/lawfulBasis/) }),
      expect.objectContaining({
        msg: 'published policy ignored',
        tenant: 'the-one-point',
        reason: expect.stringMatching(/slug/),
      }),
    ]);
  });

  it('keep the policies in force when a read fails, and try again after a short pause', async () => {
    const logs: Record<string, unknown>[] = [];
    const m = memoryStore([publish({ ...itMk, legalName: 'First' })]);
    const clock = manualClock();
    const tenants = liveTenants(bundled, m.store, clock, { maxAgeMs: 60_000, log: (e) => logs.push(e) });
    await tenants.refresh();
    m.published[0] = publish({ ...itMk, legalName: 'Second' });
    m.fail(true);
    clock.advance(61_000);
    await tenants.refresh();
    expect(tenants.get('it-mk')?.legalName).toBe('First');
    expect(logs).toEqual([expect.objectContaining({ msg: expect.stringMatching(/not read/) })]);
    m.fail(false);
    clock.advance(1_000);
    await tenants.refresh();
    expect(m.reads()).toBe(2);
    clock.advance(5_000);
    await tenants.refresh();
    expect(tenants.get('it-mk')?.legalName).toBe('Second');
  });
});
