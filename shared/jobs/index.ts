import type { Deps } from '../deps.ts';
import { cleanup } from './cleanup.ts';
import { type DigestResult, deadlineDigest } from './deadline-digest.ts';
import { feeSweep } from './fee-sweep.ts';
import { rekeyHashes } from './rekey-hashes.ts';
import { retentionSweep } from './retention-sweep.ts';

/**
 * The scheduled jobs, by name: the same code on AWS (EventBridge Scheduler → the jobs Lambda)
 * and locally (`npm run job -- <name>`).
 */
export const jobs = {
  'retention-sweep': {
    schedule: 'daily at 02:00 UK time',
    run: async (deps: Deps) => Promise.all(deps.tenants.list().map((t) => retentionSweep(deps, t))),
  },
  'deadline-digest': {
    schedule: 'daily at 08:00 UK time',
    run: async (deps: Deps) => Promise.all(deps.tenants.list().map((t) => deadlineDigest(deps, t))),
    /**
     * Open requests past their legal deadline and complaints past their 30 days to acknowledge,
     * all tenants together: the "requests overdue" alarm watches it.
     */
    metrics: (results: DigestResult[]) => ({ OverdueRequests: results.reduce((sum, r) => sum + r.overdue, 0) }),
  },
  /** Requests whose fee was not paid in the tenant's period close with a letter (UK GDPR Art. 12(5), 12A). */
  'fee-sweep': {
    schedule: 'daily at 03:00 UK time',
    run: async (deps: Deps) => Promise.all(deps.tenants.list().map((t) => feeSweep(deps, t))),
  },
  cleanup: {
    schedule: 'hourly',
    run: (deps: Deps) => cleanup(deps),
  },
  /** After a HASH_KEY rotation, run by the operator until it answers done (README: rotating HASH_KEY). */
  'rekey-hashes': {
    schedule: 'never: run by the operator after a HASH_KEY rotation',
    onDemand: true,
    run: (deps: Deps) => rekeyHashes(deps),
  },
} as const;

export type JobName = keyof typeof jobs;
export const jobNames = Object.keys(jobs) as JobName[];
/** The jobs that run on a schedule (every one but those run on demand). */
export type ScheduledJobName = { [K in JobName]: (typeof jobs)[K] extends { onDemand: true } ? never : K }[JobName];
export const scheduledJobNames = jobNames.filter((name): name is ScheduledJobName => !('onDemand' in jobs[name]));
export const isJobName = (name: string): name is JobName => name in jobs;
