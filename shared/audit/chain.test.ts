import { afterEach, describe, expect, it, vi } from 'vitest';
import { type MemoryAuditTrail, memoryAuditTrail } from '../../test/support/in-memory/audit-trail.ts';
import { canonicalJson, sha256 } from '../crypto.ts';
import type { AuditEventInput } from '../entities.ts';
import { linkAuditTrail, linkHash, personalDigestOf, verifyAuditTrail } from './chain.ts';

const tenant = 'acme';
// The first link names this hash: changing it would break every chain already written.
const genesis = sha256(`privacy-centre audit chain genesis:${tenant}`);

function event(i: number, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return { action: 'test.happened', actor: { type: 'staff', id: 'sam@acme.example' }, subjectId: 's1', detail: { i }, ...extra };
}

/** A trail with `n` events written a second apart (the second one with personal data), linked. */
async function linkedTrail(n = 5): Promise<MemoryAuditTrail> {
  const trail = memoryAuditTrail();
  for (let i = 1; i <= n; i++) {
    const personal = i === 2 ? { personal: { old: 'Smith', new: 'Jones' } } : {};
    trail.write(tenant, [event(i, personal)], new Date(Date.UTC(2026, 2, 1, 9, 0, i)).toISOString());
  }
  await linkAuditTrail(trail, tenant);
  return trail;
}

const atSeq = (trail: MemoryAuditTrail, seq: number) => trail.stored(tenant).find((e) => e.seq === seq)!;

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

describe('verifying the audit trail', () => {
  it('checks an intact chain link by link, up to the head', async () => {
    // Prepare
    const trail = await linkedTrail(5);

    // Act
    const result = await verifyAuditTrail(trail, tenant);

    // Assess
    expect(result).toEqual({ ok: true, checked: 5, head: await trail.head(tenant), firstBroken: null });
  });

  it('links what is not linked yet before it checks', async () => {
    // Prepare
    const trail = await linkedTrail(2);
    trail.write(tenant, [event(3)], '2026-03-02T09:00:00.000Z');

    // Act and Assess
    expect(await verifyAuditTrail(trail, tenant)).toMatchObject({ ok: true, checked: 3, head: { seq: 3 } });
  });

  it('checks an empty trail as intact', async () => {
    expect(await verifyAuditTrail(memoryAuditTrail(), tenant)).toEqual({ ok: true, checked: 0, head: null, firstBroken: null });
  });

  it('finds an event whose content was changed after it was written', async () => {
    // Prepare
    const trail = await linkedTrail(5);
    const victim = atSeq(trail, 3);
    victim.detail = { i: 99 };

    // Act
    const result = await verifyAuditTrail(trail, tenant);

    // Assess
    expect(result).toEqual({
      ok: false,
      checked: 2,
      head: await trail.head(tenant),
      firstBroken: { seq: 3, id: victim.id, at: victim.at, problem: 'its content was changed after it was written' },
    });
  });

  it.each([
    ['id', (e: Record<string, unknown>) => Object.assign(e, { id: 'forged' })],
    ['tenant', (e: Record<string, unknown>) => Object.assign(e, { tenant: 'other' })],
    ['time', (e: Record<string, unknown>) => Object.assign(e, { at: '2020-01-01T00:00:00.000Z' })],
    ['action', (e: Record<string, unknown>) => Object.assign(e, { action: 'nothing.happened' })],
    ['actor', (e: Record<string, unknown>) => Object.assign(e, { actor: { type: 'system' } })],
    ['subject', (e: Record<string, unknown>) => Object.assign(e, { subjectId: 's2' })],
    ['personal digest', (e: Record<string, unknown>) => Object.assign(e, { personalDigest: sha256('x') })],
  ])('finds a changed %s', async (_what, tamper) => {
    // Prepare
    const trail = await linkedTrail(4);
    tamper(atSeq(trail, 4) as unknown as Record<string, unknown>);

    // Act and Assess
    expect((await verifyAuditTrail(trail, tenant)).firstBroken).toMatchObject({
      seq: 4,
      problem: 'its content was changed after it was written',
    });
  });

  it('finds an event that does not follow the one before it', async () => {
    // Prepare: its own hash recomputed to match, but it names another predecessor
    const trail = await linkedTrail(5);
    const victim = atSeq(trail, 4);
    victim.prevHash = genesis;
    victim.hash = linkHash(victim, 4, genesis, victim.personalDigest!);

    // Act
    const result = await verifyAuditTrail(trail, tenant);

    // Assess
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(3);
    expect(result.firstBroken).toEqual({
      seq: 4,
      id: victim.id,
      at: victim.at,
      problem: 'it does not follow the event before it',
    });
  });

  it('finds a removed event, naming the one found in its place', async () => {
    // Prepare
    const trail = await linkedTrail(5);
    const next = atSeq(trail, 3);
    trail.deleteStored(tenant, atSeq(trail, 2).id);

    // Act
    const result = await verifyAuditTrail(trail, tenant);

    // Assess
    expect(result).toMatchObject({
      ok: false,
      checked: 1,
      firstBroken: { seq: 2, id: next.id, at: next.at, problem: 'event #2 is missing' },
    });
  });

  it('finds removed last events from the head, after looking again in case the index lags', async () => {
    // Prepare
    vi.useFakeTimers();
    const trail = await linkedTrail(5);
    trail.deleteStored(tenant, atSeq(trail, 5).id);
    trail.deleteStored(tenant, atSeq(trail, 4).id);

    // Act
    const verifying = verifyAuditTrail(trail, tenant);
    await vi.runAllTimersAsync();
    const result = await verifying;

    // Assess
    expect(result).toEqual({
      ok: false,
      checked: 3,
      head: await trail.head(tenant),
      firstBroken: { seq: 4, problem: 'the chain head says #5 but the chain ends at #3: events were removed' },
    });
  });

  it('looks again, up to three times, when the chain index lags the head', async () => {
    // Prepare: the last event shows in the index only on the fourth read
    vi.useFakeTimers();
    const trail = await linkedTrail(5);
    trail.lagChainIndex(3, 1);

    // Act
    const verifying = verifyAuditTrail(trail, tenant);
    await vi.advanceTimersByTimeAsync(1499);
    let settled = false;
    void verifying.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(await verifying).toMatchObject({ ok: true, checked: 5 });
  });

  it('reports removed events once the index has had its three chances', async () => {
    // Prepare
    vi.useFakeTimers();
    const trail = await linkedTrail(5);
    trail.lagChainIndex(4, 1);

    // Act
    const verifying = verifyAuditTrail(trail, tenant);
    await vi.runAllTimersAsync();

    // Assess
    expect((await verifying).firstBroken?.problem).toBe('the chain head says #5 but the chain ends at #4: events were removed');
  });

  it('finds a last event rewritten with a consistent hash, by the head', async () => {
    // Prepare: the forger recomputes the last link's hash, but cannot move the head
    const trail = await linkedTrail(3);
    const last = atSeq(trail, 3);
    last.action = 'nothing.happened';
    last.hash = linkHash(last, 3, last.prevHash!, last.personalDigest!);

    // Act
    const result = await verifyAuditTrail(trail, tenant);

    // Assess
    expect(result).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { seq: 4, problem: 'the chain head says #3 but the chain ends at #3: events were removed' },
    });
  });

  it('reads a chain longer than one page of 500 straight on, without waiting', async () => {
    // Prepare
    const trail = memoryAuditTrail();
    trail.write(
      tenant,
      Array.from({ length: 501 }, (_, i) => event(i)),
      '2026-03-01T09:00:00.000Z',
    );
    await linkAuditTrail(trail, tenant);
    vi.useFakeTimers();

    // Act: no timer may fire
    let result: unknown;
    void verifyAuditTrail(trail, tenant).then((r) => {
      result = r;
    });
    await vi.advanceTimersByTimeAsync(0);

    // Assess
    expect(result).toMatchObject({ ok: true, checked: 501 });
  });

  it('finds a deleted chain head', async () => {
    // Prepare
    vi.useFakeTimers();
    const trail = await linkedTrail(3);
    trail.deleteStoredHead(tenant);

    // Act
    const verifying = verifyAuditTrail(trail, tenant);
    await vi.runAllTimersAsync();

    // Assess
    expect(await verifying).toEqual({
      ok: false,
      checked: 3,
      head: null,
      firstBroken: { seq: 4, problem: 'the chain head says #0 but the chain ends at #3: events were removed' },
    });
  });

  it('survives the removal of personal data (erasure) but not its alteration', async () => {
    // Prepare
    const trail = await linkedTrail(4);
    const change = atSeq(trail, 2);
    expect(change.personalDigest).toBe(personalDigestOf(change));

    // Act and Assess: altered
    change.personal = { old: 'Smith', new: 'Forged' };
    expect((await verifyAuditTrail(trail, tenant)).firstBroken).toEqual({
      seq: 2,
      id: change.id,
      at: change.at,
      problem: 'its personal data was changed',
    });

    // Act and Assess: removed
    await trail.removePersonal(tenant, [change]);
    expect(trail.stored(tenant).find((e) => e.id === change.id)?.personal).toBeUndefined();
    expect(await verifyAuditTrail(trail, tenant)).toMatchObject({ ok: true, checked: 4 });
  });
});

describe('personalDigestOf', () => {
  it('is empty without personal data and the digest of its canonical form with it', () => {
    expect(personalDigestOf({})).toBe('');
    expect(personalDigestOf({ personal: { b: 1, a: 'x' } })).toBe(sha256('{"a":"x","b":1}'));
  });
});
