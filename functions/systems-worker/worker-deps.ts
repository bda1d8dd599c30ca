import type { Deps } from '../../shared/deps.ts';
import type { ReconcileDeps } from '../../shared/systems/marketing-reconcile.ts';
import type { SystemsWorkerDeps } from '../../shared/systems/worker.ts';
import { type CredentialSource, MissingCredentials } from '../connectors/credentials.ts';
import type { CallEvent } from '../connectors/http-client.ts';
import { connectorFor } from '../connectors/index.ts';

/** One JSON line per event: ids, states and timings only (the connectors' call events carry no personal data). */
const logLine = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * The worker's dependencies, the same on Lambda and locally: the stores and tenants of the
 * centre's Deps, and a connector per API system built with the given credentials (read on a
 * system's first call).
 */
export function systemsWorkerDeps(
  deps: Pick<Deps, 'systemRuns' | 'subjects' | 'tenants' | 'clock'>,
  options: { credentials: CredentialSource; log?: boolean; timeoutMs?: number; retries?: number },
): SystemsWorkerDeps {
  const log = options.log === false ? undefined : logLine;
  return {
    systemRuns: deps.systemRuns,
    subjects: deps.subjects,
    tenants: deps.tenants,
    clock: deps.clock,
    connectorFor: (tenant, system) =>
      connectorFor(tenant, system, {
        credentials: options.credentials,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
        ...(log ? { log: (event: CallEvent) => log({ event: 'system-call', ...event }) } : {}),
      }),
    ...(log ? { log } : {}),
  };
}

/** Tries each source in turn: a system with no credentials in the first is looked for in the next. */
export function firstOf(...sources: CredentialSource[]): CredentialSource {
  return {
    async get(tenant, systemId) {
      let missing: unknown;
      for (const source of sources) {
        try {
          return await source.get(tenant, systemId);
        } catch (error) {
          if (!(error instanceof MissingCredentials)) throw error;
          missing = error;
        }
      }
      throw missing ?? new MissingCredentials(tenant, systemId, 'any credential source');
    },
  };
}

/** Reconciliation's dependencies: the whole centre (it records opt-outs as the centre does) and the worker's connectors. */
export function reconcileDeps(deps: Deps, worker: SystemsWorkerDeps): ReconcileDeps {
  return { ...deps, connectorFor: worker.connectorFor, ...(worker.log ? { log: worker.log } : {}) };
}
