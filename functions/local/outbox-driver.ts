import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { linkAuditTrail } from '../../shared/audit/chain.ts';
import { buildQueuedExports } from '../../shared/exports/build.ts';
import { type DispatchDeps, drainOutbox } from '../../shared/mail/dispatch.ts';
import type { Db } from '../adapters/dynamo/client.ts';

/** Runs a job after each trigger; triggers during a run make one more run, never two at once. */
function serialised(job: () => Promise<void>, label: string) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await job();
        } catch (error) {
          console.error(`[${label}] failed, will retry: ${(error as Error).message}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    run,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/**
 * Locally, this stands in for the DynamoDB Streams trigger: after any transaction that wrote an
 * outbox message it runs the same dispatcher code as the Lambda, after any that wrote audit
 * events it links them into the tenant's hash chain, after any that wrote an export job it builds
 * the queued exports (as functions/exports/handler.ts does on AWS), and it sweeps all three now
 * and then so that a failed step is retried.
 */
export function startOutboxDriver(db: Db, deps: DispatchDeps, options: { sweepMs?: number } = {}) {
  const outbox = serialised(() => drainOutbox(deps).then(() => undefined), 'outbox');
  // Tenants with new audit events; the sweep (and linkAudit) take every tenant.
  const written = new Set<string>();
  let everyTenant = false;
  const audit = serialised(async () => {
    const tenants = everyTenant ? deps.tenants.list().map((t) => t.slug) : [...written];
    everyTenant = false;
    written.clear();
    for (const tenant of tenants) await linkAuditTrail(deps.trail, tenant);
  }, 'audit chain');
  const linkAll = () => {
    everyTenant = true;
    return audit.run();
  };
  const exports = serialised(() => buildQueuedExports(deps).then(() => undefined), 'exports');

  const send = db.doc.send.bind(db.doc) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (db.doc as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
    const result = await send(command, ...rest);
    if (command instanceof TransactWriteCommand) {
      const puts = (command.input.TransactItems ?? []).map((item) => item.Put?.Item).filter((item) => item !== undefined);
      const types = new Set(puts.map((item) => item.type));
      if (types.has('outbox')) void outbox.run();
      for (const item of puts) if (item.type === 'audit') written.add(String(item.tenant));
      if (types.has('audit')) void audit.run();
      if (types.has('export')) void exports.run();
    }
    return result;
  };

  const timer = setInterval(() => {
    void outbox.run();
    void linkAll();
    void exports.run();
  }, options.sweepMs ?? 5000);
  timer.unref();
  return {
    drain: outbox.run,
    linkAudit: linkAll,
    buildExports: exports.run,
    async stop() {
      clearInterval(timer);
      await Promise.all([outbox.stop(), audit.stop(), exports.stop()]);
    },
  };
}
