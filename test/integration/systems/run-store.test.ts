import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../../functions/adapters/dynamo/keys.ts';
import { type HaloStandIn, startHaloStandIn } from '../../../functions/local/vendors/halopsa.ts';
import type { SystemRecord } from '../../../shared/systems/connector.ts';
import type { SystemRun } from '../../../shared/systems/ports.ts';
import { startTestCentre, type TestCentre } from '../../support/centre.ts';
import { connect, haloSystem } from '../../support/systems.ts';

let centre: TestCentre;
let halo: HaloStandIn;
let records: SystemRecord[];

beforeAll(async () => {
  [centre, halo] = await Promise.all([startTestCentre(), startHaloStandIn({ msp: [] })]);
  halo.add('msp', { firstName: 'Busy', lastName: 'Caller', email: 'busy.caller@example.com', tickets: [] }, 1000);
  const connector = connect(haloSystem, halo.credentials('msp'));
  const [person] = await connector.find({ kind: 'email', value: 'busy.caller@example.com' });
  records = await connector.read(person!);
});
afterAll(async () => {
  await Promise.all([centre?.stop(), halo?.stop()]);
});

const step = { systemId: 'halo', systemName: 'HaloPSA', operation: 'read' as const, identity: 'email', automatic: true };
const run = (version: number, found: SystemRecord[]): SystemRun => ({
  tenant: 'it-mk',
  subjectId: 'subject-busy',
  requestId: 'req-busy',
  operation: 'read',
  results: [{ step, outcome: { state: 'found', count: found.length, records: found, at: '2026-12-03T10:00:00.000Z' } }],
  requestedAt: '2026-12-03T10:00:00.000Z',
  requestedBy: 'system',
  updatedAt: '2026-12-03T10:00:01.000Z',
  version,
});

describe('the system run store, against DynamoDB Local', () => {
  it('keeps a search of 1,000 tickets (far over one item’s 400 KB) in chunks, and gives it back whole', async () => {
    expect(records.filter((r) => r.object === 'ticket')).toHaveLength(1000);
    expect(Buffer.byteLength(JSON.stringify(records))).toBeGreaterThan(400 * 1024);
    const store = centre.deps.systemRuns;
    await store.request({ ...run(1, []), results: [{ step, outcome: { state: 'pending' } }] }, 0, { audit: [] });
    await store.save(run(2, records), 1, { audit: [] });

    const back = await store.get('it-mk', 'subject-busy', 'req-busy');
    expect(back?.results[0]?.outcome).toEqual({ state: 'found', count: records.length, records, at: '2026-12-03T10:00:00.000Z' });
    expect(back?.version).toBe(2);
    const items = (await centre.scanAll()).filter((i) => String(i.sk).startsWith('SYSRUN#req-busy'));
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(300 * 1024);
    expect((await store.listForSubject('it-mk', 'subject-busy'))[0]?.results[0]?.outcome).toMatchObject({
      count: records.length,
    });
  });

  it('removes the chunks a smaller save no longer needs, and refuses a save made from an old version', async () => {
    const store = centre.deps.systemRuns;
    await store.save(run(3, records.slice(0, 3)), 2, { audit: [] });
    const items = (await centre.scanAll()).filter((i) => String(i.sk).startsWith('SYSRUN#req-busy'));
    expect(items).toHaveLength(2);
    expect((await store.get('it-mk', 'subject-busy', 'req-busy'))?.results[0]?.outcome).toMatchObject({
      count: 3,
      records: records.slice(0, 3),
    });
    await expect(store.save(run(3, records), 2, { audit: [] })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists a run on the pending index while a system waits, and takes it off once none does', async () => {
    const store = centre.deps.systemRuns;
    const pending: SystemRun = {
      ...run(1, []),
      requestId: 'req-pending',
      results: [{ step, outcome: { state: 'pending', attempts: 1 } }],
    };
    await store.request(pending, 0, { audit: [] });
    const stored = await centre.db.doc.send(
      new GetCommand({ TableName: centre.db.table, Key: keys.systemRun('it-mk', 'subject-busy', 'req-pending') }),
    );
    expect(stored.Item?.work).toBe('queued');
    expect((await store.listPending('it-mk', '2026-12-04')).map((p) => p.requestId)).toEqual(['req-pending']);
    expect(await store.listPending('it-mk', '2026-12-03T09:00:00.000Z')).toEqual([]);
    await store.save(
      { ...pending, results: [{ step, outcome: { state: 'not-found', at: '2026-12-03T10:00:02.000Z' } }], version: 2 },
      1,
      {
        audit: [],
      },
    );
    expect(await store.listPending('it-mk', '2026-12-04')).toEqual([]);
  });
});
