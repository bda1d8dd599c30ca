import { timingSafeEqual } from 'node:crypto';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { ORIGIN_SECRET_HEADER } from './http/client-ip.ts';

type HttpResult = { statusCode: number; headers: Record<string, string>; body: string };

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Answers only requests that came through CloudFront: CloudFront adds the origin secret to every
 * request it sends to the API (infra/constructs/site.ts), so a call to the API's own
 * execute-api URL, which would skip the WAF and the edge's limits, gets a plain 403 before any
 * of the app runs. Without a secret (the local runtime) every request passes.
 */
export function viaCloudFrontOnly<R>(
  originSecret: string | undefined,
  handler: (event: LambdaEvent, context?: LambdaContext) => Promise<R>,
): (event: LambdaEvent, context?: LambdaContext) => Promise<R | HttpResult> {
  if (!originSecret) return handler;
  return async (event, context) => {
    const proof = (event as { headers?: Record<string, string | undefined> }).headers?.[ORIGIN_SECRET_HEADER];
    if (proof && same(proof, originSecret)) return handler(event, context);
    return {
      statusCode: 403,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify({ error: 'forbidden', message: 'Use the privacy centre’s own address.' }),
    };
  };
}
