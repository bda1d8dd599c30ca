import { describe, expect, it } from 'vitest';
import { memoryDeps } from '../../test/support/in-memory/deps.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import { keyedHash } from '../crypto.ts';
import type { ConsentEvent, DataRecord, Subject } from '../entities.ts';
import { DomainError } from '../errors.ts';
import {
  consentEvent,
  currentPreferences,
  mayWeSend,
  setPreferences,
  stopAllMarketing,
  suppressionHashes,
} from './preferences.ts';

const tenant = testTenant();
const softOptIn = testTenant({ marketing: { ...tenant.marketing, lawfulBasis: 'legitimate-interests' } });
const now = new Date('2026-03-10T12:00:00.000Z');
const hashKey = 'test-hash-key';

function consent(at: string, channel: string, topic: string, granted: boolean, id = at): ConsentEvent {
  return {
    id,
    at,
    channel,
    topic,
    granted,
    wording: 'w',
    policyVersion: '1',
    lawfulBasis: 'consent',
    source: 'portal',
  };
}

const cell = (state: ReturnType<typeof currentPreferences>, channel: string, topic: string) =>
  state.cells.find((c) => c.channel === channel && c.topic === topic);

/** An in-memory centre with one subject, Ann, reachable by email and mobile. */
function withAnn(subject: Partial<Subject> = {}, identity: DataRecord['data'] = { mobile: '07700 900123' }) {
  const centre = memoryDeps(tenant, now, hashKey);
  const ann: Subject = {
    id: 'ann',
    tenant: tenant.slug,
    email: 'Ann@Example.com',
    relationship: { startedOn: '2025-01-01' },
    createdAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...subject,
  };
  centre.state.subjects.set('acme|ann', ann);
  centre.state.records.set('acme|ann', [
    // A contract comes first in key order: the identity record must be looked for, not assumed.
    { id: 'r0', category: 'contracts', recordedOn: '2025-01-01', data: { note: 'Managed service' } },
    {
      id: 'r1',
      category: 'identity',
      recordedOn: '2025-01-01',
      data: { firstName: 'Ann', email: 'ann@example.com', ...identity },
    },
  ]);
  return centre;
}

const annEmailHash = keyedHash(hashKey, 'suppress:acme:email:ann@example.com');
const annMobileHash = keyedHash(hashKey, 'suppress:acme:phone:07700900123');

describe('currentPreferences', () => {
  it('holds the default of the lawful basis until a choice is made: off under consent, on under legitimate interests', () => {
    for (const [config, granted] of [
      [tenant, false],
      [softOptIn, true],
    ] as const) {
      const state = currentPreferences(config, []);
      expect(state.stoppedAllAt).toBeNull();
      expect(state.cells).toEqual(
        ['news', 'offers'].flatMap((topic) => ['email', 'sms'].map((channel) => ({ channel, topic, granted, since: null }))),
      );
    }
  });

  it('folds the ledger in time order, whatever order it is read in, the later choice winning', () => {
    // Prepare
    const events = [
      consent('2026-03-02T00:00:00Z', 'email', 'news', false),
      consent('2026-03-01T00:00:00Z', 'email', 'news', true),
      consent('2026-03-03T00:00:00Z', 'sms', 'offers', true, 'b'),
      consent('2026-03-03T00:00:00Z', 'sms', 'offers', false, 'a'),
    ];

    // Act
    const state = currentPreferences(tenant, events);

    // Assess
    expect(cell(state, 'email', 'news')).toEqual({
      channel: 'email',
      topic: 'news',
      granted: false,
      since: '2026-03-02T00:00:00Z',
    });
    expect(cell(state, 'sms', 'offers')).toMatchObject({ granted: true, since: '2026-03-03T00:00:00Z' }); // same time: by id
    expect(cell(state, 'email', 'offers')).toMatchObject({ granted: false, since: null });
  });

  it('turns every cell off on "stop all", until the subject switches one on again', () => {
    // Prepare
    const stop = consent('2026-03-02T00:00:00Z', '*', '*', false);
    const events = [consent('2026-03-01T00:00:00Z', 'email', 'news', true), stop];

    // Act
    const stopped = currentPreferences(softOptIn, events);
    const stillStopped = currentPreferences(softOptIn, [...events, consent('2026-03-03T00:00:00Z', 'sms', 'news', false)]);
    const back = currentPreferences(softOptIn, [...events, consent('2026-03-04T00:00:00Z', 'sms', 'news', true)]);

    // Assess
    expect(stopped.stoppedAllAt).toBe('2026-03-02T00:00:00Z');
    expect(stopped.cells.every((c) => !c.granted && c.since === '2026-03-02T00:00:00Z')).toBe(true);
    expect(stillStopped.stoppedAllAt).toBe('2026-03-02T00:00:00Z');
    expect(back.stoppedAllAt).toBeNull();
    expect(cell(back, 'sms', 'news')).toMatchObject({ granted: true, since: '2026-03-04T00:00:00Z' });
    expect(cell(back, 'email', 'news')).toMatchObject({ granted: false });
  });

  it('ignores a choice for a channel or topic no longer offered, and anything on "all" that is not a stop', () => {
    const state = currentPreferences(tenant, [
      consent('2026-03-01T00:00:00Z', 'post', 'news', true),
      consent('2026-03-01T00:00:01Z', 'email', 'retired', true),
      consent('2026-03-01T00:00:02Z', '*', '*', true),
      consent('2026-03-01T00:00:03Z', '*', 'news', false),
      consent('2026-03-01T00:00:04Z', 'email', '*', false),
    ]);
    expect(state).toEqual(currentPreferences(tenant, []));
  });
});

describe('suppressionHashes', () => {
  it('hashes the address as written in any case, and every phone or mobile number of ten digits or more', () => {
    // Prepare
    const identity: DataRecord = {
      id: 'r1',
      category: 'identity',
      recordedOn: '2025-01-01',
      data: { email: 'x', workPhone: '+44 (0)20 7946 0018', Mobile: '07700-900123', fax: '02079460999', phone: '12345', age: 41 },
    };

    // Act
    const hashes = suppressionHashes(hashKey, 'acme', '  ANN@example.COM ', identity);

    // Assess
    expect(hashes).toEqual([
      annEmailHash,
      keyedHash(hashKey, 'suppress:acme:phone:4402079460018'),
      keyedHash(hashKey, 'suppress:acme:phone:07700900123'),
    ]);
  });

  it.each([
    ['0207946001', true],
    ['020794600', false],
  ])('counts a phone number of exactly ten digits, not nine (%s)', (phone, counted) => {
    const identity: DataRecord = { id: 'r1', category: 'identity', recordedOn: '2025-01-01', data: { phone } };
    expect(suppressionHashes(hashKey, 'acme', 'ann@example.com', identity)).toEqual([
      annEmailHash,
      ...(counted ? [keyedHash(hashKey, `suppress:acme:phone:${phone}`)] : []),
    ]);
  });

  it('gives the address alone without an identity record', () => {
    expect(suppressionHashes(hashKey, 'acme', 'ann@example.com')).toEqual([annEmailHash]);
  });
});

describe('consentEvent', () => {
  it('records the choice with the wording, policy version and basis it was made under, and who acted', () => {
    const event = consentEvent(
      tenant,
      '2026-03-10T12:00:00.000Z',
      { channel: 'email', topic: 'news', granted: true },
      'staff',
      'sam@acme.example',
    );
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: '2026-03-10T12:00:00.000Z',
      channel: 'email',
      topic: 'news',
      granted: true,
      wording: 'Tick to hear from us.',
      policyVersion: '2026-01',
      lawfulBasis: 'consent',
      source: 'staff',
      actorId: 'sam@acme.example',
    });
    expect('actorId' in consentEvent(tenant, 'x', { channel: 'email', topic: 'news', granted: true }, 'portal')).toBe(false);
  });
});

describe('setPreferences', () => {
  it('records one consent event per cell that changes, audited as granted or withdrawn by the subject', async () => {
    // Prepare
    const centre = withAnn();

    // Act
    const state = await setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'portal',
      changes: [
        { channel: 'email', topic: 'news', granted: true },
        { channel: 'sms', topic: 'offers', granted: false }, // a first decision, though it matches the default
      ],
    });

    // Assess
    expect(cell(state, 'email', 'news')).toEqual({ channel: 'email', topic: 'news', granted: true, since: now.toISOString() });
    expect(cell(state, 'sms', 'offers')).toMatchObject({ granted: false, since: now.toISOString() });
    expect(centre.state.consents.get('acme|ann')).toHaveLength(2);
    expect(centre.trail.stored('acme').map((e) => [e.action, e.actor, e.subjectId, e.detail])).toEqual([
      ['marketing.granted', { type: 'subject', id: 'ann' }, 'ann', { channel: 'email', topic: 'news', source: 'portal' }],
      ['marketing.withdrawn', { type: 'subject', id: 'ann' }, 'ann', { channel: 'sms', topic: 'offers', source: 'portal' }],
    ]);
  });

  it('writes nothing when nothing changes', async () => {
    // Prepare
    const centre = withAnn();
    const change = { channel: 'sms', topic: 'offers', granted: true };
    await setPreferences(centre.deps, { tenant, subjectId: 'ann', source: 'portal', changes: [change] });

    // Act
    const state = await setPreferences(centre.deps, { tenant, subjectId: 'ann', source: 'portal', changes: [change] });

    // Assess
    expect(centre.state.consents.get('acme|ann')).toHaveLength(1);
    expect(centre.actions('acme')).toEqual(['marketing.granted']);
    expect(cell(state, 'sms', 'offers')).toMatchObject({ granted: true });
    expect(cell(state, 'email', 'news')).toMatchObject({ granted: false, since: null });
  });

  it('names the member of staff who acted, when staff record a choice', async () => {
    // Prepare
    const centre = withAnn();

    // Act
    await setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'staff',
      actorId: 'sam@acme.example',
      changes: [{ channel: 'email', topic: 'news', granted: true }],
    });

    // Assess
    expect(centre.trail.stored('acme')[0]?.actor).toEqual({ type: 'staff', id: 'sam@acme.example' });
    expect(centre.state.consents.get('acme|ann')?.[0]).toMatchObject({ source: 'staff', actorId: 'sam@acme.example' });
  });

  it.each([
    [{ channel: 'post', topic: 'news', granted: true }, 'Acme IT does not send news by post.'],
    [{ channel: 'email', topic: 'gossip', granted: true }, 'Acme IT does not send gossip by email.'],
  ])('refuses a choice the tenant does not offer (%o) as a bad request, writing nothing', async (change, message) => {
    // Prepare
    const centre = withAnn();

    // Act
    const attempt = setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'portal',
      changes: [{ channel: 'email', topic: 'news', granted: true }, change],
    });

    // Assess
    await expect(attempt).rejects.toThrow(new DomainError('bad_request', message));
    await expect(attempt).rejects.toMatchObject({ code: 'bad_request' });
    expect(centre.state.consents.size).toBe(0);
  });

  it.each([
    ['portal', 'sam@acme.example'],
    ['staff', undefined],
  ] as const)('counts a change from the %s with actor %s as the subject’s own', async (source, actorId) => {
    // Prepare
    const centre = withAnn();

    // Act
    await setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source,
      ...(actorId ? { actorId } : {}),
      changes: [{ channel: 'email', topic: 'news', granted: true }],
    });

    // Assess
    expect(centre.trail.stored('acme')[0]?.actor).toEqual({ type: 'subject', id: 'ann' });
  });

  it('lifts the suppression when the subject opts back in after "stop all"', async () => {
    // Prepare
    const centre = withAnn();
    await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source: 'portal' });
    expect((await mayWeSend(centre.deps, { tenant, subjectId: 'ann', channel: 'email', topic: 'news' })).allowed).toBe(false);
    centre.advance(60);

    // Act
    const state = await setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'portal',
      changes: [{ channel: 'email', topic: 'news', granted: true }],
    });

    // Assess
    expect(state.stoppedAllAt).toBeNull();
    expect(centre.state.suppressions.get('acme')?.size).toBe(0);
    const lifted = centre.trail.stored('acme').at(-1);
    expect(lifted).toMatchObject({
      action: 'marketing.suppression_lifted',
      actor: { type: 'subject', id: 'ann' },
      subjectId: 'ann',
      detail: { reason: 'the subject opted in again' },
    });
    expect(await mayWeSend(centre.deps, { tenant, subjectId: 'ann', channel: 'email', topic: 'news' })).toEqual({
      allowed: true,
    });
    expect(await mayWeSend(centre.deps, { tenant, subjectId: 'ann', channel: 'sms', topic: 'news' })).toEqual({
      allowed: false,
      reason: 'no-consent',
    });
  });

  it('keeps the suppression when, after "stop all", the subject only switches things off', async () => {
    // Prepare
    const centre = withAnn();
    await stopAllMarketing(centre.deps, { tenant, subjectId: 'ann', source: 'portal' });
    centre.advance(60);

    // Act: a first decision on a cell still at its default, and off
    await setPreferences(centre.deps, {
      tenant,
      subjectId: 'ann',
      source: 'portal',
      changes: [{ channel: 'email', topic: 'news', granted: false }],
    });

    // Assess
    expect([...(centre.state.suppressions.get('acme')?.keys() ?? [])]).toEqual([annEmailHash, annMobileHash]);
    expect(centre.actions('acme')).not.toContain('marketing.suppression_lifted');
  });
});

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

  it('allows marketing under legitimate interests until the subject objects', async () => {
    const centre = withAnn();
    expect(await mayWeSend(centre.deps, { tenant: softOptIn, subjectId: 'ann', channel: 'sms', topic: 'offers' })).toEqual({
      allowed: true,
    });
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
