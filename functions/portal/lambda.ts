import { handle } from 'hono/aws-lambda';
import { coldStart } from '../runtime.ts';
import { createPortalApp } from './app.ts';

const { deps } = coldStart();

type LambdaBindings = { event?: { requestContext?: { http?: { sourceIp?: string } } } };

/**
 * Behind CloudFront the API sees an edge address; CloudFront-Viewer-Address (forwarded by the
 * origin request policy) carries the client's, as `ip:port`.
 */
const app = createPortalApp(deps, {
  clientIp: (c) => {
    const viewer = c.req.header('CloudFront-Viewer-Address');
    if (viewer) return viewer.slice(0, viewer.lastIndexOf(':'));
    return (c.env as LambdaBindings | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown';
  },
});

export const handler = handle(app);
