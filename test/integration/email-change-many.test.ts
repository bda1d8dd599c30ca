import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../functions/adapters/dynamo/client.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamoSubjectStore } from '../../functions/adapters/dynamo/subject-store.ts';
import { TABLE_ACCESS } from '../../infra/constructs/table-access.ts';
import { newSecret, sha256 } from '../../shared/crypto.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { type DynamoRecorder, dynamoRecorder } from '../support/dynamo-recorder.ts';
import { dynamoErrors, FaultyHandler, quickRetries } from '../support/faults.ts';
import { waitForEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';

const tenant = 'it-mk';
const clock = testClock();
// The centre reaches DynamoDB Local through the recording door: the rights each call needs are noted.
const s = {} as { centre: TestCentre; recorder: DynamoRecorder };
beforeAll(async () => {
  s.recorder = await dynamoRecorder(inject('dynamoEndpoint'));
  s.centre = await startTestCentre({ clock, dynamoEndpoint: s.recorder.endpoint });
});
afterAll(async () => {
  await s.centre?.stop();
  await s.recorder?.close();
});

/** What the portal's role allows, as the recorder writes rights. */
const portalRights = [
  ...TABLE_ACCESS.portal.actions.map((action) => `dynamodb:${action} on table`),
  ...(TABLE_ACCESS.portal.indexes ? ['dynamodb:Query on index'] : []),
];

/** `count` sessions of the subject (other devices), stored as sign-in stores them; their keys. */
async function plantSessions(subjectId: string, count: number): Promise<{ pk: string; sk: string }[]> {
  const now = Math.floor(clock.now().getTime() / 1000);
  const planted: { pk: string; sk: string }[] = [];
  for (let i = 0; i < count; i++) {
    const idHash = sha256(newSecret());
    await s.centre.deps.sessions.create(
      {
        tenant,
        idHash,
        subjectId,
        audience: 'subject',
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: now + 3600,
        absoluteExpiresAt: now + 12 * 3600,
      },
      { audit: [] },
    );
    planted.push(keys.session(tenant, idHash));
  }
  return planted;
}

describe('changing the email address of someone with a pile of sessions and sign-in links', () => {
  // More than two transactions' worth: changeEmail ends 80 in the change's own transaction, the rest after.
  const SESSIONS = 110;
  const TOKENS = 90;

  it('ends every one of them, with only the rights the portal has', async () => {
    const email = 'james.patel@example.com';
    const http = await signedIn(s.centre, tenant, email);
    const subjectId = (await s.centre.deps.subjects.findIdByEmail(tenant, email)) as string;
    expect(subjectId).toBeTruthy();

    // Sessions (other devices) and sign-in links still out, say after someone asked for link after link:
    // stored as sign-in stores them, without the rate limits of asking through HTTP.
    const now = Math.floor(clock.now().getTime() / 1000);
    const planted = await plantSessions(subjectId, SESSIONS);
    for (let i = 0; i < TOKENS; i++) {
      const tokenHash = sha256(newSecret());
      await s.centre.deps.tokens.put({
        tenant,
        tokenHash,
        subjectId,
        purpose: 'subject-sign-in',
        createdAt: clock.now().toISOString(),
        expiresAt: now + 15 * 60,
      });
      planted.push(keys.token(tenant, tokenHash));
    }
    const stored = new Set((await s.centre.scanAll()).map((i) => i.pk));
    expect(planted.filter((p) => stored.has(p.pk))).toHaveLength(SESSIONS + TOKENS);

    expect((await http.post(`/api/t/${tenant}/me/email`, { email: 'james.many@example.com' })).status).toBe(202);
    const mail = await waitForEmail(
      s.centre.sesEndpoint,
      'james.many@example.com',
      `${s.centre.base}/t/${tenant}/confirm-email#`,
    );
    const token = (mail.body.text ?? '').match(/confirm-email#([A-Za-z0-9_-]{43})/)?.[1] ?? '';

    // From here on, the rights of the change itself (and of the background work it sets off: less than the portal's).
    s.recorder.reset();
    const done = await http.post(`/api/t/${tenant}/auth/confirm-email`, { token });
    expect(done.status, await done.clone().text()).toBe(200);
    const used = s.recorder.rights();
    expect(used).toContain('dynamodb:DeleteItem on table');
    expect(
      used.filter((right) => !portalRights.includes(right)),
      `the change used ${used.join(', ')}`,
    ).toEqual([]);

    // Every one ended; the confirming browser's session stays.
    const left = new Set((await s.centre.scanAll()).map((i) => i.pk));
    expect(planted.filter((p) => left.has(p.pk))).toEqual([]);
    expect((await http.get(`/api/t/${tenant}/me`)).status).toBe(200);
  });

  it('changes nothing when ending the credentials past the first 80 fails', async () => {
    const email = 'rachel.hughes@example.co.uk';
    const subjectId = (await s.centre.deps.subjects.findIdByEmail(tenant, email)) as string;
    await plantSessions(subjectId, 95);
    // The same table through a client whose transactions of Deletes alone (the credentials past
    // the first 80) DynamoDB cancels for load, as it may under a burst: the SDK does not retry that.
    const dynamo = new FaultyHandler();
    dynamo.inject({
      when: (call) => call.operation === 'TransactWriteItems' && !/"(Put|Update)"/.test(call.body),
      respond: dynamoErrors.transactionThrottled,
    });
    const db = createDb({
      tableName: s.centre.db.table,
      region: 'eu-west-2',
      endpoint: inject('dynamoEndpoint'),
      client: { requestHandler: dynamo, retryStrategy: quickRetries(2) },
    });
    const subjects = dynamoSubjectStore(db, s.centre.deps.settings.hashKeys);
    const subject = await s.centre.deps.subjects.get(tenant, subjectId);
    if (!subject) throw new Error('no subject');
    const change = subjects.changeEmail({
      tenant,
      subject,
      newEmail: 'rachel.elsewhere@example.co.uk',
      effects: { audit: [] },
      endCredentials: {},
    });
    await expect(change).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(dynamo.count((a) => a.faulted)).toBeGreaterThan(0);
    // The address did not change (before, it had: the change was saved, then the rest failed).
    expect((await s.centre.deps.subjects.get(tenant, subjectId))?.email).toBe(email);
    expect(await s.centre.deps.subjects.findIdByEmail(tenant, 'rachel.elsewhere@example.co.uk')).toBeUndefined();
    expect(await s.centre.deps.subjects.findIdByEmail(tenant, email)).toBe(subjectId);
  });
});
