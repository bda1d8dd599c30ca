import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkAuditTrail, verifyAuditTrail } from '../../shared/audit/chain.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';

const slug = 'the-one-point';
let centre: TestCentre;

beforeAll(async () => {
  centre = await startTestCentre();
  // Some real activity: sign-ins and a change of details with old → new values.
  const http = await signedIn(centre, slug, 'daniel.okafor@example.co.uk');
  const me = await (await http.get(`/api/t/${slug}/me`)).json();
  const identity = me.categories.find((c: { id: string }) => c.id === 'identity')?.records[0];
  if (identity)
    await http.patch(`/api/t/${slug}/me/records/${identity.id}`, { version: me.version, changes: { lastName: 'Tested' } });
  await centre.linkAudit();
});
afterAll(() => centre.stop());

const chained = async () =>
  (await centre.scanAll())
    .filter((i) => i.type === 'audit' && i.tenant === slug && typeof i.seq === 'number')
    .sort((a, b) => (a.seq as number) - (b.seq as number));
const key = (item: Record<string, unknown>) => ({ pk: item.pk, sk: item.sk });
/** Changes a stored event behind the trail's back, as someone with write access to the table could. */
const tamper = (item: Record<string, unknown>, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>) =>
  centre.db.doc.send(new UpdateCommand({ TableName: centre.db.table, Key: key(item), ...update }));
const verify = () => verifyAuditTrail(centre.deps.trail, slug);

describe('the hash-chained audit trail', () => {
  it('links every event of the tenant, in order, and checks intact', async () => {
    const result = await verify();
    const all = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.tenant === slug);
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.checked).toBe(all.length);
    expect(all.every((i) => typeof i.seq === 'number' && typeof i.hash === 'string')).toBe(true);
    const events = await chained();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(result.head).toEqual({ seq: events.length, hash: events.at(-1)?.hash });
  });

  it('finds an event whose content was changed after it was written', async () => {
    const events = await chained();
    const victim = events[Math.floor(events.length / 2)] as Record<string, unknown>;
    await tamper(victim, {
      UpdateExpression: 'SET #action = :a',
      ExpressionAttributeNames: { '#action': 'action' },
      ExpressionAttributeValues: { ':a': 'nothing.happened' },
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      seq: victim.seq,
      id: victim.id,
      problem: expect.stringMatching(/content was changed/),
    });
    await centre.db.doc.send(new PutCommand({ TableName: centre.db.table, Item: victim }));
    expect((await verify()).ok).toBe(true);
  });

  it('finds a removed event, and a removed last event', async () => {
    const events = await chained();
    const middle = events[2] as Record<string, unknown>;
    await centre.db.doc.send(new DeleteCommand({ TableName: centre.db.table, Key: key(middle) }));
    expect((await verify()).firstBroken).toMatchObject({ seq: middle.seq, problem: expect.stringMatching(/missing/) });
    await centre.db.doc.send(new PutCommand({ TableName: centre.db.table, Item: middle }));

    const last = events.at(-1) as Record<string, unknown>;
    await centre.db.doc.send(new DeleteCommand({ TableName: centre.db.table, Key: key(last) }));
    expect((await verify()).firstBroken).toMatchObject({ seq: last.seq, problem: expect.stringMatching(/events were removed/) });
    await centre.db.doc.send(new PutCommand({ TableName: centre.db.table, Item: last }));
    expect((await verify()).ok).toBe(true);
  });

  it('survives the removal of personal data (erasure) but not its alteration', async () => {
    const change = (await chained()).find((e) => e.action === 'profile.field_changed');
    if (!change) return expect.fail('no profile change was audited');
    expect(change.personal).toMatchObject({ new: 'Tested' });
    await tamper(change, {
      UpdateExpression: 'SET personal.#new = :n',
      ExpressionAttributeNames: { '#new': 'new' },
      ExpressionAttributeValues: { ':n': 'Forged' },
    });
    expect((await verify()).firstBroken).toMatchObject({
      seq: change.seq,
      problem: expect.stringMatching(/personal data was changed/),
    });
    await tamper(change, { UpdateExpression: 'REMOVE personal' });
    expect((await verify()).ok).toBe(true);
    const { Item } = await centre.db.doc.send(new GetCommand({ TableName: centre.db.table, Key: key(change) }));
    expect(Item?.personal).toBeUndefined();
    expect(Item?.personalDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stays one unbroken chain when many writers and linkers run at once', async () => {
    const before = (await verify()).checked;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        centre.deps.audit.commit(slug, { audit: [{ action: 'test.concurrent', actor: { type: 'system' }, detail: { i } }] }),
      ),
    );
    await Promise.all(Array.from({ length: 4 }, () => linkAuditTrail(centre.deps.trail, slug)));
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(before + 40);
    const concurrent = (await chained()).filter((e) => e.action === 'test.concurrent');
    expect(concurrent).toHaveLength(40);
  });
});
