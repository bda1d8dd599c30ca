import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../functions/connectors/http-client.ts';
import { type AutotaskStandIn, startAutotaskStandIn } from '../../../functions/local/vendors/autotask.ts';
import { type GraphStandIn, startGraphStandIn } from '../../../functions/local/vendors/graph.ts';
import { type HaloStandIn, startHaloStandIn } from '../../../functions/local/vendors/halopsa.ts';
import { escalateFailures } from '../../../shared/systems/completion.ts';
import { planRequest } from '../../../shared/systems/plan.ts';
import { runPlan } from '../../../shared/systems/run.ts';
import { alex, autotaskSystem, connect, graphSystem, haloSystem } from '../../support/systems.ts';

let psa: AutotaskStandIn;
let graph: GraphStandIn;
let halo: HaloStandIn;
const find = { kind: 'email' as const, value: alex.email };
const contactsQuery = 'post /ATServicesRest/V1.0/Contacts/query';

beforeAll(async () => {
  [psa, graph, halo] = await Promise.all([
    startAutotaskStandIn({ msp: [alex] }),
    startGraphStandIn({ client: [alex] }),
    startHaloStandIn({ msp: [alex] }),
  ]);
});
afterAll(() => Promise.all([psa.stop(), graph.stop(), halo.stop()]));

describe('the shared HTTP client, against a stand-in', () => {
  it('waits as long as a 429 says in Retry-After (seconds), then succeeds', async () => {
    const waits: number[] = [];
    psa.inject({ route: contactsQuery, status: 429, headers: { 'retry-after': '2' } });
    const connector = connect(autotaskSystem, psa.credentials('msp'), { sleep: async (ms: number) => void waits.push(ms) });
    expect(await connector.find(find)).toHaveLength(1);
    expect(waits).toEqual([2000]);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const waits: number[] = [];
    psa.inject({ route: contactsQuery, status: 429, headers: { 'retry-after': new Date(Date.now() + 3000).toUTCString() } });
    await connect(autotaskSystem, psa.credentials('msp'), { sleep: async (ms: number) => void waits.push(ms) }).find(find);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(1000);
    expect(waits[0]).toBeLessThanOrEqual(3000);
  });

  it('a Retry-After too long to wait for: fails as rate-limited, to be tried later', async () => {
    psa.inject({ route: contactsQuery, status: 429, headers: { 'retry-after': '3600' } });
    await expect(connect(autotaskSystem, psa.credentials('msp')).find(find)).rejects.toMatchObject({
      code: 'rate-limited',
      retryable: true,
    });
  });

  it('retries 5xx with backoff and gets through; gives up after the retries with a plain reason', async () => {
    const events: CallEvent[] = [];
    psa.inject({ route: contactsQuery, status: 503, times: 2 });
    expect(await connect(autotaskSystem, psa.credentials('msp'), { events }).find(find)).toHaveLength(1);
    expect(events.map((e) => e.status)).toEqual([503, 503, 200]);
    psa.inject({ route: contactsQuery, status: 502, times: 3 });
    await expect(connect(autotaskSystem, psa.credentials('msp')).find(find)).rejects.toMatchObject({
      code: 'server-error',
      message: 'Autotask PSA (find contacts) answered with an error (502)',
    });
  });

  it('a call that does not answer in time times out, is retried, and reports a timeout', async () => {
    const events: CallEvent[] = [];
    psa.inject({ route: contactsQuery, delayMs: 1500, times: 3 });
    const connector = connect(autotaskSystem, psa.credentials('msp'), { timeoutMs: 300, events });
    await expect(connector.find(find)).rejects.toMatchObject({
      code: 'timeout',
      message: 'Autotask PSA (find contacts) did not answer within 0.3 s',
    });
    expect(events.map((e) => e.status)).toEqual(['timeout', 'timeout', 'timeout']);
  });

  it('a malformed answer is a failure with a plain reason, and nothing is claimed', async () => {
    psa.inject({ route: contactsQuery, raw: '<html>Service Unavailable</html>' });
    await expect(connect(autotaskSystem, psa.credentials('msp')).find(find)).rejects.toMatchObject({
      code: 'malformed-answer',
      message: 'Autotask PSA (find contacts) answered with something that is not JSON',
    });
    psa.inject({ route: contactsQuery, raw: JSON.stringify({ items: [{ id: 'seven', companyID: 174 }] }) });
    const steps = planRequest([autotaskSystem], 'access');
    const connector = connect(autotaskSystem, psa.credentials('msp'));
    const [result] = await runPlan(
      { steps, systems: [autotaskSystem], identities: { email: alex.email } },
      { connectorFor: () => connector, now: () => new Date().toISOString() },
    );
    expect(result?.outcome).toMatchObject({
      state: 'failed',
      reason: 'Autotask PSA (find contacts) answered in a shape the centre does not understand (at items.0.id)',
    });
  });

  it('logs name the operation and the status only: no address, no secret, no URL', async () => {
    const events: CallEvent[] = [];
    const creds = halo.credentials('msp');
    await connect(haloSystem, creds, { events }).read((await connect(haloSystem, creds).find(find))[0]!);
    const logged = JSON.stringify(events);
    expect(events.length).toBeGreaterThan(2);
    for (const secret of [alex.email, alex.phone!, 'Alex', creds.clientSecret!, creds.baseUrl!])
      expect(logged).not.toContain(secret);
  });
});

describe('running a plan across real connectors', () => {
  it('one failing system never blocks the others; a system that stays down becomes a handler task', async () => {
    const systems = [graphSystem, autotaskSystem, haloSystem];
    const connectors = {
      m365: connect(graphSystem, graph.credentials('client'), { retries: 1 }),
      autotask: connect(autotaskSystem, psa.credentials('msp'), { retries: 1 }),
      halo: connect(haloSystem, halo.credentials('msp'), { retries: 1 }),
    } as const;
    const run = (previous?: Awaited<ReturnType<typeof runPlan>>) => {
      halo.inject({ status: 503, times: 2 });
      return runPlan(
        { steps: planRequest(systems, 'access'), systems, identities: { email: alex.email }, previous },
        { connectorFor: (s) => connectors[s.id as keyof typeof connectors], now: () => '2026-12-03T12:00:00.000Z' },
      );
    };
    let results = await run();
    expect(results.map((r) => [r.step.systemId, r.outcome.state])).toEqual([
      ['m365', 'found'],
      ['autotask', 'found'],
      ['halo', 'failed'],
    ]);
    expect(results[2]?.outcome).toMatchObject({ reason: 'HaloPSA sign-in (token) answered with an error (503)', attempts: 1 });
    results = await run(results);
    results = await run(results);
    const escalated = escalateFailures(results, systems, '2026-12-03T12:00:00.000Z');
    expect(escalated.map((r) => r.outcome.state)).toEqual(['found', 'found', 'waiting-for-handler']);
    expect(escalated[2]?.outcome).toMatchObject({
      instructions: expect.stringContaining('could not read in HaloPSA after 3 attempt(s)'),
    });
  });
});
