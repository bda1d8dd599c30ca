import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { mayWeSend, setPreferences, stopAllMarketing } from './preferences.ts';

import { annEmailHash, annMobileHash, cell, now, tenant, withAnn } from './preferences-fixtures.ts';

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
