import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandler } from '../../functions/jobs/handler.ts';
import type { RightsRequest } from '../../shared/entities.ts';
import type { DigestResult } from '../../shared/jobs/deadline-digest.ts';
import { isOpen } from '../../shared/requests/lifecycle.ts';
import type { SystemOutcome } from '../../shared/systems/outcome.ts';
import type { SystemRun } from '../../shared/systems/ports.ts';
import { newRun } from '../../shared/systems/request-run.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';

/** The scheduled jobs, run as the jobs Lambda runs them, against the stand-ins. */
const clock = testClock();
let centre: TestCentre;
let run: ReturnType<typeof jobHandler>;
/** What the jobs wrote to stdout for CloudWatch (embedded metric format lines). */
const metricLines: string[] = [];

beforeAll(async () => {
  centre = await startTestCentre({ clock });
  run = jobHandler(centre.deps, (line) => metricLines.push(line));
});
afterAll(() => centre.stop());

const idOf = async (tenant: string, email: string) => (await centre.deps.subjects.findIdByEmail(tenant, email)) as string;
const records = async (tenant: string, email: string) => centre.deps.subjects.listRecords(tenant, await idOf(tenant, email));
const auditActions = async (action: string) => (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === action);

describe('retention sweep', () => {
  it('deletes what is past its retention, skips legal holds, and audits each deletion', async () => {
    const alex = await idOf('northgate-it', 'alex.morgan@example.com');
    const calls = (await records('northgate-it', 'alex.morgan@example.com')).filter((r) => r.category === 'call-recordings');
    const old = calls.find((r) => r.recordedOn < new Date(Date.now() - 100 * 86400_000).toISOString().slice(0, 10));
    if (!old) return expect.fail('demo data changed: no call recording older than 3 months');
    await centre.deps.subjects.setHold({
      tenant: 'northgate-it',
      subjectId: alex,
      record: old,
      hold: {
        reason: 'Needed for a legal claim about a failed backup',
        by: 'dpo@northgate-it.example',
        at: clock.now().toISOString(),
      },
      effects: { audit: [] },
    });
    const held = (await run({ job: 'retention-sweep' })) as { tenant: string; recordsDeleted: number; recordsHeld: number }[];
    const northgate = held.find((r) => r.tenant === 'northgate-it');
    expect(northgate?.recordsHeld).toBe(1);
    expect((await records('northgate-it', 'alex.morgan@example.com')).map((r) => r.id)).toContain(old.id);

    await centre.deps.subjects.setHold({
      tenant: 'northgate-it',
      subjectId: alex,
      record: old,
      hold: null,
      effects: { audit: [] },
    });
    await run({ job: 'retention-sweep' });
    const left = await records('northgate-it', 'alex.morgan@example.com');
    expect(left.map((r) => r.id)).not.toContain(old.id);
    // Recordings within 3 months stay.
    expect(left.filter((r) => r.category === 'call-recordings')).toHaveLength(calls.length - 1);
    const deletions = await auditActions('retention.record_deleted');
    expect(deletions).toContainEqual(
      expect.objectContaining({
        subjectId: alex,
        actor: { type: 'system' },
        detail: expect.objectContaining({ recordId: old.id, category: 'call-recordings' }),
      }),
    );
  });

  it('years on, deletes by the relationship rule and removes people with nothing left', async () => {
    clock.advance(400 * 86400);
    const callum = await idOf('northgate-it', 'callum.reid@example.com');
    const results = (await run({ job: 'retention-sweep' })) as {
      tenant: string;
      recordsDeleted: number;
      subjectsRemoved: number;
    }[];
    expect(results.find((r) => r.tenant === 'northgate-it')?.subjectsRemoved).toBeGreaterThanOrEqual(1);
    // Callum's relationship ended 30 days before the start: 12 months on, he is gone entirely.
    expect(await centre.deps.subjects.get('northgate-it', callum)).toBeUndefined();
    expect(await centre.deps.subjects.findIdByEmail('northgate-it', 'callum.reid@example.com')).toBeUndefined();
    expect(await centre.deps.subjects.listRecords('northgate-it', callum)).toEqual([]);
    // Ongoing relationships keep their identity records.
    expect((await records('northgate-it', 'alex.morgan@example.com')).some((r) => r.category === 'identity')).toBe(true);
    // A second run finds nothing more to do.
    const again = (await run({ job: 'retention-sweep' })) as { recordsDeleted: number; subjectsRemoved: number }[];
    expect(again.every((r) => r.recordsDeleted === 0 && r.subjectsRemoved === 0)).toBe(true);
  });
});

describe('deadline digest', () => {
  it('emails each handler and admin the overdue and due-soon requests and those whose search failed, once a day', async () => {
    // One open IT-MK request whose search of HaloPSA failed (as the worker leaves it), one whose search worked.
    const open = (await centre.deps.requests.listForTenant('it-mk')).filter((r) => isOpen(r.status));
    expect(open.length).toBeGreaterThanOrEqual(2);
    const [failing, fine] = open as [RightsRequest, RightsRequest];
    const at = clock.now().toISOString();
    const step = { systemId: 'halo', systemName: 'HaloPSA', operation: 'read' as const, identity: 'email', automatic: true };
    const runOf = (request: RightsRequest, outcome: SystemOutcome): SystemRun => ({
      ...newRun({ request, operation: 'read', steps: [step], by: 'system', now: at }),
      results: [{ step, outcome }],
    });
    await centre.deps.systemRuns.request(
      runOf(failing, {
        state: 'failed',
        reason: 'HaloPSA (find users) answered with an error (502)',
        retryable: true,
        attempts: 1,
        at,
      }),
      0,
      { audit: [] },
    );
    await centre.deps.systemRuns.request(runOf(fine, { state: 'not-found', at }), 0, { audit: [] });

    metricLines.length = 0;
    const results = (await run({ job: 'deadline-digest' })) as DigestResult[];
    const itmk = results.find((r) => r.tenant === 'it-mk');
    // The number the "requests overdue" alarm watches, as a CloudWatch embedded-metric line.
    const overdue = results.reduce((sum, r) => sum + r.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
    expect(metricLines.map((line) => JSON.parse(line))).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            { Namespace: 'PrivacyCentre/local', Dimensions: [[]], Metrics: [{ Name: 'OverdueRequests', Unit: 'Count' }] },
          ],
        },
        job: 'deadline-digest',
        OverdueRequests: overdue,
      },
    ]);
    expect(itmk).toMatchObject({ emailed: 2, alreadySent: false, failedSearches: 1 });
    expect(itmk?.overdue).toBeGreaterThan(0);
    expect(results.find((r) => r.tenant === 'northgate-it')?.failedSearches).toBe(0);
    const queue = `${centre.base}/t/it-mk/admin/requests`;
    const digest = await waitForEmail(centre.sesEndpoint, 'sam.taylor@staff.example', queue);
    expect(digest.subject).toMatch(/^IT-MK privacy centre: \d+ overdue, \d+ due within 7 days, 1 request with a failed search$/);
    expect(digest.body.text).toMatch(/ITMK-\d{4}-\d{6} \(.+\): due .+ days overdue/);
    const text = digest.body.text ?? '';
    const failedPart = text.slice(text.indexOf('1 request with a failed search of a connected system'));
    expect(failedPart).toContain(failing.reference);
    expect(failedPart).not.toContain(fine.reference);
    const audit = (await auditActions('job.deadline_digest')).find((a) => a.tenant === 'it-mk' || String(a.pk).includes('it-mk'));
    expect(audit?.detail).toMatchObject({ failedSearches: 1 });
    await waitForEmail(centre.sesEndpoint, 'info@it-mk.example', queue);
    // The viewer gets none; a second run the same day sends nothing.
    expect(await emailsTo(centre.sesEndpoint, 'support@it-mk.example', queue)).toEqual([]);
    const second = (await run({ job: 'deadline-digest' })) as DigestResult[];
    expect(second.find((r) => r.tenant === 'it-mk')).toMatchObject({ emailed: 0, alreadySent: true });
    await centre.drainOutbox();
    expect(await emailsTo(centre.sesEndpoint, 'sam.taylor@staff.example', queue)).toHaveLength(1);
  });
});

describe('cleanup', () => {
  it('deletes expired sessions, tokens and counters, and leaves live ones', async () => {
    metricLines.length = 0;
    const http = await signedIn(centre, 'it-mk', 'alex.morgan@example.com');
    const sessions = async () => (await centre.scanAll()).filter((i) => i.type === 'session').length;
    expect(await sessions()).toBeGreaterThan(0);
    const live = await run({ job: 'cleanup' });
    expect(live).toMatchObject({ deleted: expect.any(Object) });
    expect((await http.get('/api/t/it-mk/me')).status).toBe(200);
    clock.advance(13 * 3600);
    const result = (await run({ job: 'cleanup' })) as { deleted: Record<string, number> };
    expect(result.deleted.session).toBeGreaterThanOrEqual(1);
    expect(result.deleted.token).toBeGreaterThanOrEqual(1);
    expect(await sessions()).toBe(0);
    expect((await centre.scanAll()).filter((i) => i.type === 'token')).toEqual([]);
    expect(metricLines).toEqual([]);
  });

  it('refuses an unknown job name loudly', async () => {
    await expect(run({ job: 'defrag' })).rejects.toThrow(/Unknown job "defrag"/);
  });
});
