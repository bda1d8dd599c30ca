import { handle } from 'hono/aws-lambda';
import { coldStart } from '../runtime.ts';
import { createPortalApp } from './app.ts';

const { deps } = coldStart();

type LambdaBindings = { event?: { requestContext?: { http?: { sourceIp?: string } } } };

const app = createPortalApp(deps, {
  clientIp: (c) => (c.env as LambdaBindings | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown',
});

export const handler = handle(app);
