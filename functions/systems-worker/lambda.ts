import middy from '@middy/core';
import { reconcileMarketing } from '../../shared/systems/marketing-reconcile.ts';
import { checkRelationshipEnds } from '../../shared/systems/relationship-check.ts';
import type { StreamEvent } from '../adapters/dynamo/stream.ts';
import { dynamoSystemRunWriter } from '../adapters/dynamo/system-run-store.ts';
import { secretsManagerCredentials } from '../connectors/credentials.ts';
import { coldStart, freshTenants } from '../runtime.ts';
import { type ReconcileRequest, type RelationshipCheckRequest, type SweepRequest, systemsWorkerHandler } from './handler.ts';
import { reconcileDeps, systemsWorkerDeps } from './worker-deps.ts';

const runtime = await coldStart({ systemRunWriter: dynamoSystemRunWriter });
// One secret per tenant and system, `privacy-centre/systems/<tenant>/<system id>`, read on first use.
const deps = systemsWorkerDeps(runtime.deps, { credentials: secretsManagerCredentials({ region: runtime.config.region }) });

const reconcile = () => reconcileMarketing(reconcileDeps(runtime.deps, deps));
const checkRelationships = async () => {
  const check = reconcileDeps(runtime.deps, deps);
  return (await Promise.all(runtime.deps.tenants.list().map((t) => checkRelationshipEnds(check, t)))).flat();
};

/** The connected-systems worker: the table's stream (runs with a system waiting), the sweep, reconciliation, or the relationship check. */
export const handler = middy<StreamEvent | SweepRequest | ReconcileRequest | RelationshipCheckRequest>()
  .use(freshTenants(runtime.tenants))
  .handler(systemsWorkerHandler(deps, reconcile, checkRelationships));
