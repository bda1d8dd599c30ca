import middy from '@middy/core';
import { coldStart } from '../runtime.ts';
import { type StreamEvent, streamHandler } from './handler.ts';

const { dispatch } = await coldStart();

export const handler = middy<StreamEvent>().handler(streamHandler(dispatch));
