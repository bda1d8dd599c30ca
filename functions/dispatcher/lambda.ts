import middy from '@middy/core';
import { coldStart, freshTenants } from '../runtime.ts';
import { type StreamEvent, streamHandler } from './handler.ts';

const { dispatch, tenants } = await coldStart();

export const handler = middy<StreamEvent>().use(freshTenants(tenants)).handler(streamHandler(dispatch));
