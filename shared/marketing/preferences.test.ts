import { describe, expect, it } from 'vitest';
import { keyedHash } from '../crypto.ts';
import type { DataRecord } from '../entities.ts';
import { hashKeys } from '../hash-keys.ts';
import { consentEvent, currentPreferences, suppressionHashes } from './preferences.ts';

import { annEmailHash, annKey, annMobileHash, cell, consent, hashKey, softOptIn, tenant } from './preferences-fixtures.ts';

describe('currentPreferences', () => {
  it('holds the default until a choice is made: off under consent; under legitimate interests on only for a customer’s similar products', () => {
    for (const [config, kind, on] of [
      [tenant, 'customer', []],
      [softOptIn, 'customer', ['offers']],
      [softOptIn, 'applicant', []],
      [softOptIn, undefined, []],
    ] as const) {
      const state = currentPreferences(config, [], kind);
      expect(state.stoppedAllAt).toBeNull();
      expect(state.cells).toEqual(
        ['news', 'offers'].flatMap((topic) =>
          ['email', 'sms'].map((channel) => ({
            channel,
            topic,
            granted: (on as readonly string[]).includes(topic),
            since: null,
          })),
        ),
      );
    }
  });

  it('lets no ledger entry claim the soft opt-in where it cannot apply (an applicant, a topic beyond similar products)', () => {
    const claimed = [
      { ...consent('2026-03-01T00:00:00Z', 'email', 'offers', true), source: 'soft-opt-in' as const },
      { ...consent('2026-03-01T00:00:01Z', 'email', 'news', true, 'n'), source: 'soft-opt-in' as const },
    ];
    expect(cell(currentPreferences(softOptIn, claimed, 'applicant'), 'email', 'offers')).toMatchObject({ granted: false });
    expect(cell(currentPreferences(softOptIn, claimed, 'customer'), 'email', 'news')).toMatchObject({ granted: false });
    expect(cell(currentPreferences(softOptIn, claimed, 'customer'), 'email', 'offers')).toMatchObject({ granted: true });
    // The person's own opt-in is theirs, whoever they are.
    const own = [consent('2026-03-02T00:00:00Z', 'email', 'news', true)];
    expect(cell(currentPreferences(softOptIn, own, 'applicant'), 'email', 'news')).toMatchObject({ granted: true });
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
    const hashes = suppressionHashes(hashKeys(hashKey), 'acme', '  ANN@example.COM ', identity);

    // Assess
    expect(hashes).toEqual([annEmailHash, `s1:${keyedHash(annKey, 'phone:4402079460018')}`, annMobileHash]);
  });

  it.each([
    ['0207946001', true],
    ['020794600', false],
  ])('counts a phone number of exactly ten digits, not nine (%s)', (phone, counted) => {
    const identity: DataRecord = { id: 'r1', category: 'identity', recordedOn: '2025-01-01', data: { phone } };
    expect(suppressionHashes(hashKeys(hashKey), 'acme', 'ann@example.com', identity)).toEqual([
      annEmailHash,
      ...(counted ? [`s1:${keyedHash(annKey, `phone:${phone}`)}`] : []),
    ]);
  });

  it('gives the address alone without an identity record', () => {
    expect(suppressionHashes(hashKeys(hashKey), 'acme', 'ann@example.com')).toEqual([annEmailHash]);
  });

  it('keys each tenant’s list with its own key, so one tenant’s mail tools match nothing of another’s', () => {
    expect(suppressionHashes(hashKeys(hashKey), 'other', 'ann@example.com')).not.toEqual([annEmailHash]);
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
