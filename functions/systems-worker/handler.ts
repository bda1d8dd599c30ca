import type { ReconcileSummary } from '../../shared/systems/marketing-reconcile.ts';
import type { RelationshipCheckResult } from '../../shared/systems/relationship-check.ts';
import { type SystemsWorkerDeps, sweepSystemRuns, workOnRun } from '../../shared/systems/worker.ts';
import { type BatchResponse, changedItems, type StreamEvent } from '../adapters/dynamo/stream.ts';

/** A direct invocation (the schedule): sweep every tenant's runs left waiting. */
export interface SweepRequest {
  sweep: true;
}

/** The reconciliation schedule: compare every marketing system with the centre. */
export interface ReconcileRequest {
  reconcile: true;
}

/** The weekly schedule: end the relationships a PSA holds only as inactive (relationship-check.ts). */
export interface RelationshipCheckRequest {
  relationships: true;
}

const isStreamEvent = (event: unknown): event is StreamEvent => Array.isArray((event as StreamEvent | undefined)?.Records);

/**
 * The connected-systems worker. From the table's stream (filtered on `type = system-run, work =
 * queued`: a run with a system waiting to be tried) it works each run a batch carries, reporting
 * failures per record so only they are retried; a run already claimed or finished is a no-op.
 * Invoked by the schedule it sweeps the runs a stream record did not bring (the stream's failure
 * queue holds only the record's position, so the sweep is the recovery path); invoked by the
 * reconciliation schedule it compares every marketing system with the centre; by the weekly one it
 * ends the relationships a PSA declared to end them holds only as inactive.
 */
export function systemsWorkerHandler(
  deps: SystemsWorkerDeps,
  reconcile?: () => Promise<ReconcileSummary[]>,
  checkRelationships?: () => Promise<RelationshipCheckResult[]>,
) {
  return async (
    event: StreamEvent | SweepRequest | ReconcileRequest | RelationshipCheckRequest,
  ): Promise<
    BatchResponse | { looked: number } | { reconciled: ReconcileSummary[] } | { relationships: RelationshipCheckResult[] }
  > => {
    if ((event as ReconcileRequest).reconcile === true) {
      if (!reconcile) throw new Error('this worker was built without reconciliation');
      return { reconciled: await reconcile() };
    }
    if ((event as RelationshipCheckRequest).relationships === true) {
      if (!checkRelationships) throw new Error('this worker was built without the relationship check');
      return { relationships: await checkRelationships() };
    }
    if (!isStreamEvent(event)) return { looked: await sweepSystemRuns(deps) };
    const batchItemFailures: BatchResponse['batchItemFailures'] = [];
    for (const { item, recordId } of changedItems(event)) {
      if (item.type !== 'system-run' || item.work !== 'queued') continue;
      try {
        await workOnRun(deps, { tenant: item.tenant, subjectId: item.subjectId, requestId: item.requestId });
      } catch (error) {
        console.error(
          JSON.stringify({ level: 'error', msg: 'system run failed', requestId: item.requestId, name: (error as Error).name }),
        );
        batchItemFailures.push({ itemIdentifier: recordId });
      }
    }
    return { batchItemFailures };
  };
}
