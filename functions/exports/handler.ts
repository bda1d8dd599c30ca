import type { Deps } from '../../shared/deps.ts';
import { buildExport, buildQueuedExports } from '../../shared/exports/build.ts';
import { type BatchResponse, changedItems, type StreamEvent } from '../adapters/dynamo/stream.ts';

/** A direct invocation: build one export, or (no ids) every queued one of every tenant. */
export interface BuildRequest {
  tenant?: string;
  subjectId?: string;
  exportId?: string;
}

const isStreamEvent = (event: unknown): event is StreamEvent => Array.isArray((event as StreamEvent | undefined)?.Records);

/**
 * The export builder. Wired to the table's stream (issue 7 adds the Lambda and its filter on
 * `type = export, status = queued`) it builds each job a batch carries, reporting failures per
 * record so only they are retried (a job already taken or finished is a no-op). Invoked directly
 * (a schedule, the console) it builds one job or sweeps every queued one, retaking jobs whose
 * builder died. A build that fails is marked failed for staff to retry; only a failure to record
 * that is retried here.
 */
export function exportHandler(deps: Deps) {
  return async (event: StreamEvent | BuildRequest): Promise<BatchResponse | { built: number }> => {
    if (!isStreamEvent(event)) {
      if (event.tenant && event.subjectId && event.exportId) {
        const job = await buildExport(deps, { tenant: event.tenant, subjectId: event.subjectId, id: event.exportId });
        return { built: job?.status === 'ready' ? 1 : 0 };
      }
      return { built: await buildQueuedExports(deps) };
    }
    const batchItemFailures: BatchResponse['batchItemFailures'] = [];
    for (const { item, recordId } of changedItems(event)) {
      if (item.type !== 'export' || item.status !== 'queued') continue;
      try {
        await buildExport(deps, { tenant: item.tenant, subjectId: item.subjectId, id: item.id });
      } catch (error) {
        console.error(
          JSON.stringify({ level: 'error', msg: 'export build failed', exportId: item.id, name: (error as Error).name }),
        );
        batchItemFailures.push({ itemIdentifier: recordId });
      }
    }
    return { batchItemFailures };
  };
}
