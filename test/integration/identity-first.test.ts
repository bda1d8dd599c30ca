import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_FIRST } from '../../shared/requests/lifecycle.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { fileFollowed, withdrawOpen } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * Staff asked the requester to confirm who they are; the answer came. Until staff record an
 * identity check, nothing that acts on the data or answers the person may be done: no export,
 * no completion, no erasure (found in a user trial, where the erasure ran in every connected
 * system on a typed postcode). Refusing stays possible. Through the real API and DynamoDB Local.
 */
const slug = 'it-mk';
let centre: TestCentre;

beforeAll(async () => {
  centre = await startTestCentre();
});
afterAll(() => centre.stop());

describe('the identity check staff asked for comes before the work', () => {
  it('an access request: answered, started, then no export or completion until the check is recorded', async () => {
    const subject = await signedIn(centre, slug, 'james.patel@example.com');
    const handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
    await withdrawOpen(subject, slug, 'access');
    const r = await fileFollowed(subject, handler, slug, { kind: 'access', scope: 'everything' });
    const asked = await r.act({ type: 'ask-information', purpose: 'identity', message: 'Your postcode, please.' });
    expect(asked.status).toBe(200);
    expect((await subject.post(`/api/t/${slug}/me/requests/${r.id}/answer`, { message: 'MK9 2AH' })).status).toBe(200);
    // Answered before work started: still to be started, and it can be (its search of connected systems runs then).
    expect((await r.detail()).request.status).toBe('received');
    expect((await r.act({ type: 'start' })).status).toBe(200);

    const waiting = await r.detail();
    expect(waiting.request.status).toBe('in-progress');
    expect(waiting.actions).not.toContain('complete');
    expect(waiting.actions).toEqual(expect.arrayContaining(['verify-identity', 'refuse']));
    expect(waiting.notOffered).toContainEqual({ action: 'Complete the request', why: IDENTITY_FIRST });
    const version = waiting.request.version;
    const completed = await r.act({ type: 'complete', message: 'Here is your data.' });
    expect(completed.status).toBe(409);
    expect((await completed.json()).message).toBe(IDENTITY_FIRST);
    const exports = await handler.get(`${r.path}/exports`);
    expect(await exports.json()).toMatchObject({ canStart: false, reason: IDENTITY_FIRST });
    expect((await handler.post(`${r.path}/exports`)).status).toBe(409);
    expect((await r.detail()).request.version).toBe(version);

    const checked = await r.act({ type: 'verify-identity', method: 'other', note: 'Postcode matches the contract we hold.' });
    expect(checked.status).toBe(200);
    const ready = await r.detail();
    expect(ready.actions).toContain('complete');
    expect(ready.notOffered.map((n) => n.action)).not.toContain('Complete the request');
    expect(await (await handler.get(`${r.path}/exports`)).json()).toMatchObject({ canStart: true });
  });
});
