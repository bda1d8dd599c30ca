import middy from '@middy/core';
import type { StreamEvent } from '../adapters/dynamo/stream.ts';
import { secretsManagerCredentials } from '../connectors/credentials.ts';
import { coldStart, freshTenants } from '../runtime.ts';
import { type SweepRequest, systemsWorkerHandler } from './handler.ts';
import { systemsWorkerDeps } from './worker-deps.ts';

const runtime = await coldStart();
// One secret per tenant and system, `privacy-centre/systems/<tenant>/<system id>`, read on first use.
const deps = systemsWorkerDeps(runtime.deps, { credentials: secretsManagerCredentials({ region: runtime.config.region }) });

/** The connected-systems worker: the table's stream (runs with a system waiting), or the sweep schedule. */
export const handler = middy<StreamEvent | SweepRequest>().use(freshTenants(runtime.tenants)).handler(systemsWorkerHandler(deps));
