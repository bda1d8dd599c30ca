import middy from '@middy/core';
import type { StreamEvent } from '../adapters/dynamo/stream.ts';
import { coldStart, freshTenants } from '../runtime.ts';
import { type BuildRequest, exportHandler } from './handler.ts';

const { deps, tenants } = await coldStart();

/** The export builder: the table's stream (queued export jobs), or a direct invocation. */
export const handler = middy<StreamEvent | BuildRequest>().use(freshTenants(tenants)).handler(exportHandler(deps));
