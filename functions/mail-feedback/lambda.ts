import middy from '@middy/core';
import { coldStart, freshTenants } from '../runtime.ts';
import { feedbackHandler, type SnsEvent } from './handler.ts';

const { deps, tenants } = await coldStart();

/** SES bounce and complaint events (configuration set → SNS topic → this function). */
export const handler = middy<SnsEvent>().use(freshTenants(tenants)).handler(feedbackHandler(deps));
