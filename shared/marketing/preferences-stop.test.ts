import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { mayWeSend, setPreferences, stopAllMarketing } from './preferences.ts';
import { annEmailHash, annLegacyEmailHash, annMobileHash, now, softOptIn, tenant, withAnn } from './preferences-fixtures.ts';
import { STOP_ALL_WORDING } from './stop-wording.ts';

describe('stopAllMarketing', () => {
  it('withdraws everything at once and puts every address of the subject on the suppression list', async () => {
    // Prepare
    const centre = withAnn();
    await setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'portal',
      changes: [{ channel: 'email', topic: 'news', granted: true }],
    });
    const later = centre.advance(60);

    // Act
    const state = await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source: 'staff', actorId: 'sam@acme.example' });

    // Assess
    expect(state.stoppedAllAt).toBe(later.toISOString());
    expect(state.cells.every((c) => !c.granted)).toBe(true);
    expect(centre.state.consents.get('acme|ann')?.at(-1)).toMatchObject({
      channel: '*',
      topic: '*',
      granted: false,
      source: 'staff',
      actorId: 'sam@acme.example',
      wording: STOP_ALL_WORDING,
    });
    expect([...(centre.state.suppressions.get('acme') ?? [])]).toEqual([
      [annEmailHash, 'objection to direct marketing'],
      [annMobileHash, 'objection to direct marketing'],
    ]);
    const staff = { type: 'staff', id: 'sam@acme.example' };
    expect(
      centre.trail
        .stored('acme')
        .slice(1)
        .map((e) => [e.action, e.actor, e.subjectId, e.detail]),
    ).toEqual([
      ['marketing.stopped_all', staff, 'ann', { source: 'staff' }],
      ['marketing.suppressed', staff, 'ann', undefined],
    ]);
  });

  it('on a repeat, records nothing new but makes sure the suppression is in place', async () => {
    // Prepare: stopped, then the suppression lost (a partial failure)
    const centre = withAnn();
    await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source: 'portal' });
    centre.state.suppressions.get('acme')?.clear();
    const before = centre.trail.stored('acme').length;

    // Act
    const state = await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source: 'portal' });

    // Assess
    expect(state.stoppedAllAt).toBe(now.toISOString());
    expect(centre.state.consents.get('acme|ann')).toHaveLength(1);
    expect(centre.trail.stored('acme')).toHaveLength(before);
    expect([...(centre.state.suppressions.get('acme') ?? [])]).toEqual([
      [annEmailHash, 'objection to direct marketing'],
      [annMobileHash, 'objection to direct marketing'],
    ]);
  });

  it.each([
    ['portal', 'sam@acme.example'],
    ['staff', undefined],
  ] as const)('counts a stop from the %s with actor %s as the subject’s own', async (source, actorId) => {
    // Prepare
    const centre = withAnn();

    // Act
    await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source, ...(actorId ? { actorId } : {}) });

    // Assess
    expect(centre.trail.stored('acme').map((e) => e.actor)).toEqual([
      { type: 'subject', id: 'ann' },
      { type: 'subject', id: 'ann' },
    ]);
  });

  it('refuses a person not known here', async () => {
    const centre = withAnn();
    const attempt = stopAllMarketing(centre.deps, { tenant, subjectId: 'nobody', source: 'portal' });
    await expect(attempt).rejects.toThrow(new DomainError('not_found', 'That person is not known here.'));
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('mayWeSend', () => {
  const ask = (centre: ReturnType<typeof withAnn>, channel = 'email', topic = 'news', subjectId = 'ann') =>
    mayWeSend(centre.deps, { tenant, subjectId, channel, topic });
  const optIn = (centre: ReturnType<typeof withAnn>) =>
    setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'portal',
      changes: [{ channel: 'email', topic: 'news', granted: true }],
    });

  it('allows what the subject consented to, and nothing else', async () => {
    const centre = withAnn();
    expect(await ask(centre)).toEqual({ allowed: false, reason: 'no-consent' });
    await optIn(centre);
    expect(await ask(centre)).toEqual({ allowed: true });
    expect(await ask(centre, 'sms')).toEqual({ allowed: false, reason: 'no-consent' });
    expect(await ask(centre, 'email', 'offers')).toEqual({ allowed: false, reason: 'no-consent' });
  });

  it('allows marketing to a customer under legitimate interests (the soft opt-in) until the subject objects', async () => {
    const centre = withAnn();
    expect(await mayWeSend(centre.deps, { tenant: softOptIn, subjectId: 'ann', channel: 'sms', topic: 'offers' })).toEqual({
      allowed: true,
    });
  });

  it('sends a job applicant nothing under legitimate interests until they opt in', async () => {
    const centre = withAnn({ relationship: { startedOn: '2025-01-01', kind: 'applicant' } });
    const ask = (channel: string, topic: string) =>
      mayWeSend(centre.deps, { tenant: softOptIn, subjectId: 'ann', channel, topic });
    for (const [channel, topic] of [
      ['email', 'offers'],
      ['sms', 'offers'],
      ['email', 'news'],
    ]) {
      expect(await ask(channel as string, topic as string)).toEqual({ allowed: false, reason: 'no-consent' });
    }
  });

  it('still honours an entry written before the list had a per-tenant key', async () => {
    const centre = withAnn();
    await optIn(centre);
    await centre.deps.suppressions.add('acme', [annLegacyEmailHash], 'objection to direct marketing', { audit: [] });
    expect(await ask(centre, 'email', 'news')).toEqual({ allowed: false, reason: 'suppressed' });
  });

  it.each([
    ['a channel', 'post', 'news'],
    ['a topic', 'email', 'gossip'],
  ])('refuses %s the tenant does not offer', async (_what, channel, topic) => {
    const centre = withAnn();
    await optIn(centre);
    expect(await ask(centre, channel, topic)).toEqual({ allowed: false, reason: 'not-offered' });
  });

  it.each([
    ['not known here', 'nobody', {}],
    ['erased (a tombstone)', 'ann', { email: '', erasedAt: '2026-03-01T00:00:00.000Z' }],
    ['erased, whatever the tombstone holds', 'ann', { erasedAt: '2026-03-01T00:00:00.000Z' }],
    ['without an address', 'ann', { email: '' }],
  ])('refuses a person %s', async (_what, subjectId, subject) => {
    const centre = withAnn(subject);
    await optIn(centre);
    expect(await ask(centre, 'email', 'news', subjectId)).toEqual({ allowed: false, reason: 'unknown-subject' });
  });

  it.each([
    ['all of their data', '*'],
    ['their marketing choices', ['invoices', 'marketing-preferences']],
  ] as const)('refuses while %s is restricted (Art. 18)', async (_what, categories) => {
    const centre = withAnn({
      restriction: { categories: categories as '*' | string[], since: '2026-03-01', reason: 'accuracy contested' },
    });
    await optIn(centre);
    expect(await ask(centre)).toEqual({ allowed: false, reason: 'restricted' });
  });

  it('allows while only other data is restricted', async () => {
    const centre = withAnn({ restriction: { categories: ['invoices'], since: '2026-03-01', reason: 'accuracy contested' } });
    await optIn(centre);
    expect(await ask(centre)).toEqual({ allowed: true });
  });

  it('refuses after an objection to marketing was upheld (Art. 21), and not for an objection elsewhere', async () => {
    const objected = withAnn({ objections: { 'marketing-preferences': { at: '2026-03-01T00:00:00.000Z' } } });
    await optIn(objected);
    expect(await ask(objected)).toEqual({ allowed: false, reason: 'objected' });

    const elsewhere = withAnn({ objections: { contracts: { at: '2026-03-01T00:00:00.000Z' } } });
    await optIn(elsewhere);
    expect(await ask(elsewhere)).toEqual({ allowed: true });
  });

  it.each([
    ['their email address', annEmailHash],
    ['their mobile number, though the email address changed since', annMobileHash],
  ])('refuses when %s is on the suppression list', async (_what, hash) => {
    // Prepare
    const centre = withAnn();
    await optIn(centre);
    centre.state.suppressions.set('acme', new Map([[hash, 'objection to direct marketing']]));

    // Act and Assess
    expect(await ask(centre)).toEqual({ allowed: false, reason: 'suppressed' });
  });

  it('refuses after "stop all" even where consent was given before', async () => {
    const centre = withAnn();
    await optIn(centre);
    centre.advance(60);
    await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source: 'portal' });
    expect(await ask(centre)).toEqual({ allowed: false, reason: 'suppressed' });
  });

  it('refuses after "stop all" under legitimate interests once the suppression is gone', async () => {
    // Prepare: the ledger alone must hold the line
    const centre = withAnn();
    await stopAllMarketing(centre.deps, { tenant: softOptIn, subjectId: 'ann', source: 'portal' });
    centre.state.suppressions.get('acme')?.clear();

    // Act and Assess
    expect(await mayWeSend(centre.deps, { tenant: softOptIn, subjectId: 'ann', channel: 'sms', topic: 'offers' })).toEqual({
      allowed: false,
      reason: 'no-consent',
    });
  });
});
