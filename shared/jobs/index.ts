import type { Deps } from '../deps.ts';
import { cleanup } from './cleanup.ts';
import { type DigestResult, deadlineDigest } from './deadline-digest.ts';
import { feeSweep } from './fee-sweep.ts';
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
} as const;

export type JobName = keyof typeof jobs;
export const jobNames = Object.keys(jobs) as JobName[];
export const isJobName = (name: string): name is JobName => name in jobs;
