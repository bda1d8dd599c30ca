import middy from '@middy/core';
import { coldStart } from '../runtime.ts';
import { feedbackHandler, type SnsEvent } from './handler.ts';

const { deps } = await coldStart();

/** SES bounce and complaint events (configuration set → SNS topic → this function). */
export const handler = middy<SnsEvent>().handler(feedbackHandler(deps));
