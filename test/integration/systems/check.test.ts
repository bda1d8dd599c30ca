import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryCredentials } from '../../../functions/connectors/credentials.ts';
import { connectorFor } from '../../../functions/connectors/index.ts';
import { startHaloStandIn } from '../../../functions/local/vendors/halopsa.ts';
import { startMailchimpStandIn } from '../../../functions/local/vendors/mailchimp.ts';
import type { VendorStandIn } from '../../../functions/local/vendors/stand-in.ts';
import { startXeroStandIn } from '../../../functions/local/vendors/xero.ts';
import { checkSystems } from '../../../shared/systems/check.ts';
import { Systems } from '../../../shared/systems/declaration.ts';
import { alex, haloSystem, mailchimpSystem, xeroSystem } from '../../support/systems.ts';

let standIns: VendorStandIn[];
let good: Record<string, Record<string, Record<string, string>>>;
beforeAll(async () => {
  const [halo, mc, xero] = await Promise.all([
    startHaloStandIn({ t: [alex] }),
    startMailchimpStandIn({ t: [alex] }),
    startXeroStandIn({ t: [alex] }),
  ]);
  standIns = [halo, mc, xero];
  good = { t: { halo: halo.credentials('t'), mailchimp: mc.credentials('t'), xero: xero.credentials('t') } };
});
afterAll(() => Promise.all(standIns.map((s) => s.stop())));

const [paper] = Systems.parse([
  {
    id: 'paper',
    name: 'Paper files',
    kind: 'manual',
    operatedBy: { by: 'msp' },
    may: ['find', 'erase'],
    objects: [{ object: 'records', category: 'identity' }],
    handler: { role: 'admin', name: 'Office manager' },
    instructions: { find: 'Look in the cabinet.', erase: 'Shred it.' },
  },
]);
const systems = [haloSystem, mailchimpSystem, xeroSystem, paper!];

/** Runs the check with these stored credentials, recording every call the connectors make. */
async function check(credentials: Record<string, Record<string, unknown>>) {
  const calls: string[] = [];
  const recording: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname.split('/').slice(2).join('/')}`);
    return fetch(input, init);
  };
  const results = await checkSystems(systems, (system) =>
    connectorFor('t', system, { credentials: memoryCredentials(credentials), fetch: recording, retries: 0, timeoutMs: 2_000 }),
  );
  return { says: Object.fromEntries(results.map((r) => [r.systemId, `${r.ok ? 'ok' : 'FAIL'}: ${r.says}`])), calls };
}

describe('npm run systems -- check', () => {
  it('with good credentials every system answers, through read-only calls only', async () => {
    const { says, calls } = await check(good);
    expect(says.halo).toMatch(/^ok: works: signed in and searched \(read-only\), 0 found/);
    expect(says.mailchimp).toMatch(/^ok: works/);
    expect(says.xero).toMatch(/^ok: works/);
    expect(says.paper).toBe('ok: manual: Office manager (admin) does find, erase within 5 days');
    // Only sign-ins and searches: nothing that changes a record.
    for (const call of calls) expect(call).toMatch(/^(GET |POST (auth\/token|connect\/token)$)/);
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it('says plainly what is wrong: a wrong secret, an unreachable address, missing credentials', async () => {
    const { says } = await check({
      t: {
        halo: { ...good.t!.halo!, clientSecret: 'wrong' },
        mailchimp: { ...good.t!.mailchimp!, baseUrl: 'http://127.0.0.1:9/3.0' },
      },
    });
    expect(says.halo).toBe(
      "FAIL: HaloPSA refused the centre's client id or secret: check the stored credentials and the scopes the README lists for this kind",
    );
    expect(says.mailchimp).toMatch(/^FAIL: Mailchimp \(find members\) could not be reached: check the base URL/);
    expect(says.xero).toBe('FAIL: No credentials are stored for Xero: store them as the README says (Connected systems)');
    // No secret in anything it says.
    expect(JSON.stringify(says)).not.toContain(good.t!.halo!.clientSecret!);
  });
});
