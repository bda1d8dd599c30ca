import middy from '@middy/core';
import type { StreamEvent } from '../adapters/dynamo/stream.ts';
import { fsScratchSpace } from '../adapters/fs/scratch.ts';
import { coldStart, freshTenants } from '../runtime.ts';
import { type BuildRequest, exportHandler } from './handler.ts';

// The CSVs are spilled to the function's /tmp while data.json is written (one read of the records).
const { deps, tenants } = await coldStart({ scratch: fsScratchSpace() });

/** The export builder: the table's stream (queued export jobs), or a direct invocation. */
export const handler = middy<StreamEvent | BuildRequest>().use(freshTenants(tenants)).handler(exportHandler(deps));
