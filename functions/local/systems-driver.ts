import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type RunRef, type SystemsWorkerDeps, sweepSystemRuns, workOnRun } from '../../shared/systems/worker.ts';
import type { Db } from '../adapters/dynamo/client.ts';
import { every, oneAtATime } from './one-at-a-time.ts';

/**
 * Locally, this stands in for the DynamoDB stream trigger of the systems worker: after any
 * transaction that wrote a run with a system waiting (`work: 'queued'`), it works that run in
 * this process with the same code as the Lambda (functions/systems-worker/handler.ts), and it
 * sweeps now and then for runs a trigger missed. One run is worked at a time per run; a trigger
 * during its work makes one more pass. Given `reconcileMs` it also reconciles the marketing
 * systems with the centre that often (npm start: every minute; on AWS every 15 minutes): the
 * local scheduler of that job.
 */
export function startSystemsDriver(
  db: Db,
  deps: SystemsWorkerDeps,
  options: {
    sweepMs?: number;
    /** Marketing reconciliation (on AWS its own 15-minute schedule), and how often to run it here. */
    reconcile?: () => Promise<unknown>;
    reconcileMs?: number;
  } = {},
) {
  const working = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let stopped = false;

  const work = (ref: RunRef): Promise<void> => {
    const key = `${ref.tenant}#${ref.requestId}`;
    const running = working.get(key);
    if (running) {
      again.add(key);
      return running;
    }
    const pass = (async () => {
      do {
        again.delete(key);
        try {
          await workOnRun(deps, ref);
        } catch (error) {
          console.error(`[systems] run ${ref.requestId} failed, the sweep will retry: ${(error as Error).name}`);
        }
      } while (again.has(key) && !stopped);
    })().finally(() => working.delete(key));
    working.set(key, pass);
    return pass;
  };

  const send = db.doc.send.bind(db.doc) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (db.doc as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
    const result = await send(command, ...rest);
    if (command instanceof TransactWriteCommand && !stopped) {
      for (const item of command.input.TransactItems ?? []) {
        const put = item.Put?.Item;
        if (put?.type === 'system-run' && put.work === 'queued') {
          void work({ tenant: String(put.tenant), subjectId: String(put.subjectId), requestId: String(put.requestId) });
        }
      }
    }
    return result;
  };

  const sweep = async () => {
    if (stopped) return;
    await sweepSystemRuns(deps, 0, work).catch(() => undefined);
  };
  const timer = setInterval(() => void sweep(), options.sweepMs ?? 30_000);
  timer.unref();
  // One reconciliation at a time: a tick while one runs waits for it instead of starting another.
  const reconcileOnce = oneAtATime(async () => options.reconcile?.());
  const reconcile = async () => {
    if (stopped || !options.reconcile) return;
    await reconcileOnce();
  };
  const reconcileTimer = every(options.reconcileMs, reconcile);
  return {
    /** Waits for every run being worked now. */
    async settle() {
      while (working.size > 0) await Promise.all([...working.values()]);
    },
    sweep,
    /** Reconciles the marketing systems now (and waits for the pushes it asked for). */
    async reconcile() {
      await reconcile();
      while (working.size > 0) await Promise.all([...working.values()]);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(reconcileTimer);
      await reconcileOnce.idle();
      await Promise.all([...working.values()]);
    },
  };
}
