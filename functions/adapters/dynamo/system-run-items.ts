import type { SystemRecord } from '../../../shared/systems/connector.ts';
import type { SystemOutcome, SystemResult } from '../../../shared/systems/outcome.ts';
import type { SystemRun } from '../../../shared/systems/ports.ts';
import { keys } from './keys.ts';

/**
 * How a run is stored. DynamoDB holds at most 400 KB in an item, and a PSA search can find a
 * thousand tickets, so a system's records (found records, or what erasure did to each) live in
 * chunk items beside the run (`SYSRUN#<request>#REC#<system>#<n>`); the run item keeps the
 * outcome without them and how many chunks hold them. One query of `SYSRUN#<request>` reads both.
 */

/** Bytes of JSON per chunk: well under the item limit, with room for keys and attribute names. */
export const CHUNK_BYTES = 256 * 1024;

const unfinished = new Set(['pending', 'searching']);
const attention = new Set(['failed', 'waiting-for-handler']);

type WithRecords = Extract<SystemOutcome, { records: unknown[] }>;
const hasRecords = (outcome: SystemOutcome): outcome is WithRecords => 'records' in outcome;

export const runSortKey = (requestId: string) => keys.systemRun('', '', requestId).sk;
const chunkPrefix = (requestId: string) => `${runSortKey(requestId)}#REC#`;
const chunkKey = (run: Pick<SystemRun, 'tenant' | 'subjectId' | 'requestId'>, systemId: string, index: number) => ({
  pk: keys.subjectPartition(run.tenant, run.subjectId),
  sk: `${chunkPrefix(run.requestId)}${systemId}#${String(index).padStart(4, '0')}`,
});

/** Splits records into runs of at most CHUNK_BYTES of JSON. */
function chunk<T>(records: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const record of records) {
    const bytes = Buffer.byteLength(JSON.stringify(record));
    if (current.length > 0 && size + bytes > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The run item (records left out) and its chunk items. */
export function runItems(run: SystemRun): { item: Record<string, unknown>; chunks: Record<string, unknown>[] } {
  const chunks: Record<string, unknown>[] = [];
  const recordChunks: Record<string, number> = {};
  const results = run.results.map((result): SystemResult => {
    if (!hasRecords(result.outcome) || result.outcome.records.length === 0) return result;
    const parts = chunk<SystemRecord | WithRecords['records'][number]>(result.outcome.records);
    recordChunks[result.step.systemId] = parts.length;
    for (const [index, records] of parts.entries()) {
      chunks.push({
        ...chunkKey(run, result.step.systemId, index),
        type: 'system-run-records',
        tenant: run.tenant,
        subjectId: run.subjectId,
        requestId: run.requestId,
        systemId: result.step.systemId,
        records,
      });
    }
    return { ...result, outcome: { ...result.outcome, records: [] } as SystemOutcome };
  });
  const item = { ...runItemOf(run), results, recordChunks };
  return { item, chunks };
}

/** The run's item as stored (its records, if any, as given), on the indexes its state puts it on. */
function runItemOf(run: SystemRun): Record<string, unknown> {
  return {
    ...keys.systemRun(run.tenant, run.subjectId, run.requestId),
    type: 'system-run',
    ...run,
    ...(run.plan || run.results.some((r) => unfinished.has(r.outcome.state))
      ? { gsi1pk: keys.pendingSystemRuns(run.tenant), gsi1sk: `${run.requestedAt}#${run.requestId}` }
      : {}),
    ...(run.results.some((r) => attention.has(r.outcome.state))
      ? { gsi2pk: keys.systemRunsAttention(run.tenant), gsi2sk: run.requestId }
      : {}),
    // What the worker's stream trigger listens for: a system waiting to be tried, or steps to plan.
    ...(run.plan || run.results.some((r) => r.outcome.state === 'pending') ? { work: 'queued' } : {}),
  };
}

/**
 * The run item alone, for a run asked for alongside another change: it has no records yet, so it
 * needs no chunks (and the functions that only ask for runs carry no chunking).
 */
export function newRunItem(run: SystemRun): Record<string, unknown> {
  if (run.results.some((r) => hasRecords(r.outcome) && r.outcome.records.length > 0))
    throw new Error('a run asked for with another change cannot carry records');
  return { ...runItemOf(run), recordChunks: {} };
}

/** A run put back together from its item and chunk items (as one query of its prefix returns them). */
export function runFromItems(item: Record<string, any>, chunkItems: readonly Record<string, any>[]): SystemRun {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    gsi1pk: _g,
    gsi1sk: _s,
    gsi2pk: _g2,
    gsi2sk: _s2,
    work: _w,
    recordChunks,
    ...run
  } = item;
  const counts = (recordChunks ?? {}) as Record<string, number>;
  const results = (run.results as SystemResult[]).map((result): SystemResult => {
    const count = counts[result.step.systemId];
    if (!count || !hasRecords(result.outcome)) return result;
    const prefix = `${chunkPrefix(run.requestId)}${result.step.systemId}#`;
    const records = chunkItems
      .filter((c) => c.sk.startsWith(prefix) && Number(c.sk.slice(prefix.length)) < count)
      .sort((a, b) => a.sk.localeCompare(b.sk))
      .flatMap((c) => c.records);
    return { ...result, outcome: { ...result.outcome, records } as SystemOutcome };
  });
  return { ...(run as SystemRun), results };
}

/** Whether an item of a person's partition is a run's chunk, and which run's. */
export const isChunkOf = (requestId: string, sk: string) => sk.startsWith(chunkPrefix(requestId));
export { chunkPrefix };
