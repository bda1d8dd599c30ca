import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RecoveryOptions, recoverOutbox } from '../../shared/mail/recovery.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { emailsTo } from '../support/mail.ts';
import { type SesOutage, sesOutage } from '../support/ses-outage.ts';

const tenants = ['inflection-point', 'it-mk'];
const known = 'alex.morgan@example.com';
let centre: TestCentre;
let outage: SesOutage;
const clock = testClock();

beforeAll(async () => {
  outage = await sesOutage(inject('sesEndpoint'));
  centre = await startTestCentre({ clock, sesEndpoint: outage.endpoint });
});
afterAll(async () => {
  await centre.stop();
  await outage.close();
});

const pending = async () => (await Promise.all(tenants.map((t) => centre.dispatch.outbox.listPending(t, 100)))).flat();
const links = async () =>
  (await Promise.all(tenants.map((t) => emailsTo(centre.sesEndpoint, known, `${centre.base}/t/${t}/verify#`)))).flat();

describe('the outbox recovery pass', () => {
  it('leaves young messages to the stream, defers when out of time, and reports the oldest one waiting', async () => {
    outage.failing = true;
    for (const tenant of tenants) {
      const res = await httpClient(centre.app, centre.base).post(
        `/api/t/${tenant}/auth/link`,
        { email: known },
        {
          'X-Test-Client': `c-${Math.random()}`,
        },
      );
      expect(res.status).toBe(202);
    }
    await centre.drainOutbox();
    expect(await pending()).toHaveLength(2);
    expect(outage.refused).toBeGreaterThanOrEqual(2);

    const young = await recoverOutbox(centre.dispatch);
    expect(young).toMatchObject({ tried: 0, sent: 0, failed: 0, deferred: 0 });
    expect(young.oldestPendingSeconds).toBeLessThan(60);

    clock.advance(10 * 60);
    const late = await recoverOutbox(centre.dispatch, { hasTime: () => false });
    expect(late).toMatchObject({ tried: 0, deferred: 2 });
    // Ten minutes on, less the seconds between the test clock’s start and the writes (stamped by the adapter).
    expect(late.oldestPendingSeconds).toBeGreaterThan(540);
  });

  it('tries every old message though each fails, reporting ids and error names, never an address', async () => {
    const failures: Parameters<NonNullable<RecoveryOptions['onFailure']>>[0][] = [];
    const pass = await recoverOutbox(centre.dispatch, { onFailure: (f) => failures.push(f) });
    expect(pass).toMatchObject({ tried: 2, sent: 0, failed: 2, deferred: 0 });
    expect(failures.map((f) => f.tenant).sort()).toEqual(tenants);
    for (const failure of failures) expect(failure.error).toBe('SendingPausedException');
    expect(JSON.stringify(failures)).not.toContain('@');
    expect(await pending()).toHaveLength(2);
    expect(await links()).toHaveLength(0);
  });

  it('sends each once when the mail service is back, and a second pass finds nothing', async () => {
    outage.failing = false;
    const pass = await recoverOutbox(centre.dispatch);
    // The local driver's own sweep may have taken one meanwhile: together, each went once.
    expect(pass.failed).toBe(0);
    expect(pass.oldestPendingSeconds).toBe(0);
    expect(await pending()).toEqual([]);
    expect(await links()).toHaveLength(2);
    const again = await recoverOutbox(centre.dispatch);
    expect(again).toMatchObject({ tried: 0, sent: 0, oldestPendingSeconds: 0 });
    expect(await links()).toHaveLength(2);
  });
});
