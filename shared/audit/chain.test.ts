import { afterEach, describe, expect, it, vi } from 'vitest';
import { type MemoryAuditTrail, memoryAuditTrail } from '../../test/support/in-memory/audit-trail.ts';
import { canonicalJson, sha256 } from '../crypto.ts';
import { linkAuditTrail, linkHash, verifyAuditTrail } from './chain.ts';
import { event, genesis, linkedTrail, tenant } from './chain-fixtures.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('linking the audit trail', () => {
  it('links every event in the order written, each naming the hash before it, from the genesis hash', async () => {
    // Prepare: written out of order in time
    const trail = memoryAuditTrail();
    trail.write(tenant, [event(2)], '2026-03-01T09:00:02.000Z');
    trail.write(tenant, [event(1, { personal: { old: 'a', new: 'b' } })], '2026-03-01T09:00:01.000Z');
    trail.write(tenant, [event(3, { subjectId: undefined })], '2026-03-01T09:00:03.000Z');

    // Act
    const linked = await linkAuditTrail(trail, tenant);

    // Assess
    expect(linked).toBe(3);
    const chain = await trail.readChain(tenant, 0, 10);
    expect(chain.map((e) => [e.seq, e.detail?.i])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(chain.map((e) => e.prevHash)).toEqual([genesis, chain[0]?.hash, chain[1]?.hash]);
    for (const link of chain) {
      expect(link.hash).toBe(linkHash(link, link.seq, link.prevHash, link.personalDigest));
      expect(link.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(chain[0]?.personalDigest).toBe(sha256(canonicalJson({ old: 'a', new: 'b' })));
    expect(chain[1]?.personalDigest).toBe('');
    expect(await trail.head(tenant)).toEqual({ seq: 3, hash: chain[2]?.hash });
  });

  it('links only what is new, and nothing when nothing is', async () => {
    // Prepare
    const trail = await linkedTrail(3);
    trail.write(tenant, [event(4), event(5)], '2026-03-02T09:00:00.000Z');

    // Act and Assess
    expect(await linkAuditTrail(trail, tenant)).toBe(2);
    expect(await linkAuditTrail(trail, tenant)).toBe(0);
    const chain = await trail.readChain(tenant, 0, 10);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[3]?.prevHash).toBe(chain[2]?.hash);
  });

  it('links a long trail in batches of 25 events, one transaction each', async () => {
    // Prepare
    const trail = memoryAuditTrail();
    trail.write(
      tenant,
      Array.from({ length: 60 }, (_, i) => event(i)),
      '2026-03-01T09:00:00.000Z',
    );

    // Act
    const linked = await linkAuditTrail(trail, tenant);

    // Assess
    expect(linked).toBe(60);
    expect(trail.linkCalls).toEqual({ won: 3, lost: 0 });
    expect((await verifyAuditTrail(trail, tenant)).checked).toBe(60);
  });

  it('stays one unbroken chain when linkers race: the loser writes nothing and tries again', async () => {
    // Prepare
    const trail = memoryAuditTrail();
    trail.write(
      tenant,
      Array.from({ length: 30 }, (_, i) => event(i)),
      '2026-03-01T09:00:00.000Z',
    );

    // Act
    const counts = await Promise.all([linkAuditTrail(trail, tenant), linkAuditTrail(trail, tenant)]);

    // Assess
    expect(counts[0]! + counts[1]!).toBe(30);
    expect(trail.linkCalls.lost).toBeGreaterThan(0);
    expect(await verifyAuditTrail(trail, tenant)).toMatchObject({ ok: true, checked: 30 });
  });

  it('gives up after 20 lost races, saying so', async () => {
    // Prepare: a rival linker moves the head first, every time
    vi.useFakeTimers();
    const trail = memoryAuditTrail();
    trail.write(tenant, [event(1)], '2026-03-01T09:00:00.000Z');
    rivalWinsFirst(trail, Number.POSITIVE_INFINITY);

    // Act
    const attempt = linkAuditTrail(trail, tenant);
    const outcome = expect(attempt).rejects.toThrow('audit chain of acme: could not link after 20 attempts');
    await vi.runAllTimersAsync();

    // Assess
    await outcome;
    expect(trail.linkCalls).toEqual({ won: 20, lost: 20 });
  });

  it('waits longer after each lost race', async () => {
    // Prepare: a rival wins the first two races
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const trail = memoryAuditTrail();
    trail.write(tenant, [event(1)], '2026-03-01T09:00:00.000Z');
    rivalWinsFirst(trail, 2);
    let done = false;

    // Act
    const linking = linkAuditTrail(trail, tenant).then((n) => {
      done = true;
      return n;
    });

    // Assess: 50 ms after the first loss, 100 ms after the second
    await vi.advanceTimersByTimeAsync(149);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await linking).toBe(1);
    expect(await verifyAuditTrail(trail, tenant)).toMatchObject({ ok: true, checked: 3 });
  });
});

/** Before each of the next `times` links, a rival linker links an event of its own first. */
function rivalWinsFirst(trail: MemoryAuditTrail, times: number) {
  const link = trail.link.bind(trail);
  let rivals = 0;
  trail.link = async (t, expected, links) => {
    if (rivals < times) {
      trail.write(t, [event(1000 + rivals)], `2026-03-01T10:00:00.${String(rivals++).padStart(3, '0')}Z`);
      const rival = trail.stored(t).at(-1)!;
      const seq = (expected?.seq ?? 0) + 1;
      const prevHash = expected?.hash ?? genesis;
      await link(t, expected, [{ ...rival, seq, prevHash, personalDigest: '', hash: linkHash(rival, seq, prevHash, '') }]);
    }
    return link(t, expected, links);
  };
}

describe('spreading out retries', () => {
  it.each([
    [0.5, 75],
    [0.999, 99.95],
  ])('waits 50 ms plus up to 50 ms of jitter after a first lost race (random %f: %f ms)', async (random, wait) => {
    // Prepare
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(random);
    const trail = memoryAuditTrail();
    trail.write(tenant, [event(1)], '2026-03-01T09:00:00.000Z');
    rivalWinsFirst(trail, 1);
    let done = false;

    // Act
    const linking = linkAuditTrail(trail, tenant).then(() => {
      done = true;
    });

    // Assess
    await vi.advanceTimersByTimeAsync(Math.floor(wait) - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await linking;
    expect(done).toBe(true);
  });
});
