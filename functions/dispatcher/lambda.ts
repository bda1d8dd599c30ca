import middy from '@middy/core';
import { coldStart, freshTenants } from '../runtime.ts';
import { type StreamEvent, streamHandler } from './handler.ts';
import { isRecoveryEvent, type RecoveryEvent, recoveryHandler } from './recovery.ts';

const { config, dispatch, tenants } = await coldStart();
const stream = streamHandler(dispatch);
const recover = recoveryHandler(dispatch, config.metricsNamespace);

/** The table's stream (outbox and audit records), or the recovery schedule's `{ "recover": "outbox" }`. */
export const handler = middy<StreamEvent | RecoveryEvent>()
  .use(freshTenants(tenants))
  .handler((event, context) => (isRecoveryEvent(event) ? recover(event, context) : stream(event as StreamEvent)));
