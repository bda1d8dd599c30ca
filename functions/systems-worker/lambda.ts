import middy from '@middy/core';
import { reconcileMarketing } from '../../shared/systems/marketing-reconcile.ts';
import type { StreamEvent } from '../adapters/dynamo/stream.ts';
import { secretsManagerCredentials } from '../connectors/credentials.ts';
import { coldStart, freshTenants } from '../runtime.ts';
import { type ReconcileRequest, type SweepRequest, systemsWorkerHandler } from './handler.ts';
import { reconcileDeps, systemsWorkerDeps } from './worker-deps.ts';

const runtime = await coldStart();
// One secret per tenant and system, `privacy-centre/systems/<tenant>/<system id>`, read on first use.
const deps = systemsWorkerDeps(runtime.deps, { credentials: secretsManagerCredentials({ region: runtime.config.region }) });

const reconcile = () => reconcileMarketing(reconcileDeps(runtime.deps, deps));

/** The connected-systems worker: the table's stream (runs with a system waiting), the sweep, or reconciliation. */
export const handler = middy<StreamEvent | SweepRequest | ReconcileRequest>()
  .use(freshTenants(runtime.tenants))
  .handler(systemsWorkerHandler(deps, reconcile));
