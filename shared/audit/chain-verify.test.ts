import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryAuditTrail } from '../../test/support/in-memory/audit-trail.ts';
import { sha256 } from '../crypto.ts';
import { linkAuditTrail, linkHash, personalDigestOf, verifyAuditTrail } from './chain.ts';
import { atSeq, event, genesis, linkedTrail, tenant } from './chain-fixtures.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
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
