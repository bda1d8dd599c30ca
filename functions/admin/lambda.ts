import { handle } from 'hono/aws-lambda';
import { coldStart } from '../runtime.ts';
import { createAdminApp } from './app.ts';

const { deps } = coldStart();

type LambdaBindings = { event?: { requestContext?: { http?: { sourceIp?: string } } } };

/** The staff admin API: its own function, role and logs, behind the same HTTP API. */
const app = createAdminApp(deps, {
  clientIp: (c) => {
    const viewer = c.req.header('CloudFront-Viewer-Address');
    if (viewer) return viewer.slice(0, viewer.lastIndexOf(':'));
    return (c.env as LambdaBindings | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown';
  },
});

export const handler = handle(app);
