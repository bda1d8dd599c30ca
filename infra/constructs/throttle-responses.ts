import { Function as EdgeFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { waitWords } from '../../shared/wait-words.ts';

/**
 * The 429s AWS sends before any of the centre's code runs, in the centre's words and with how
 * long to wait (Retry-After), as every rate limit of the functions already answers:
 * - WAF's per-address rate rules (infra/edge-stack.ts): a block lasts until the address's count
 *   over the 5-minute window falls under the limit, so at most one window after it stops;
 * - the HTTP API stage's throttle (infra/constructs/api.ts), a per-second token bucket: HTTP APIs
 *   have no gateway responses to change, so CloudFront's viewer response for `/api/*` gives a
 *   bare 429 (one without Retry-After: every 429 of the functions has one) the header and body.
 */

/** WAF evaluates its rate rules over 300 seconds: waiting that long always clears a block. */
export const WAF_RETRY_AFTER_SECONDS = 300;
/** The stage throttle refills every second; a minute is the smallest wait the centre's words name. */
export const API_THROTTLE_RETRY_AFTER_SECONDS = 60;

export const wafRateLimitMessage = `Too many requests came from your connection. Please wait ${waitWords(WAF_RETRY_AFTER_SECONDS)}, then try again.`;
export const apiThrottleMessage = `We are busy right now: too many requests reached us at once. Nothing was changed; please wait ${waitWords(API_THROTTLE_RETRY_AFTER_SECONDS)}, then try again.`;

/** The body an API call gets: the shape of every error of the centre (`{ error, message }`). */
const apiBody = (message: string) => JSON.stringify({ error: 'rate_limited', message });

const pageBody = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Please wait a moment</title></head><body><main><h1>Please wait ${waitWords(WAF_RETRY_AFTER_SECONDS)}</h1><p>${wafRateLimitMessage}</p></main></body></html>`;

/** The web ACL's custom response bodies, by key (referenced by each rate rule's block). */
export const wafResponseBodies: Record<'api' | 'page', CfnWebACL.CustomResponseBodyProperty> = {
  api: { contentType: 'APPLICATION_JSON', content: apiBody(wafRateLimitMessage) },
  page: { contentType: 'TEXT_HTML', content: pageBody },
};

/** A rate rule's block: 429, Retry-After, and the body for its kind of path. */
export const wafRateBlock = (body: keyof typeof wafResponseBodies): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: body,
      responseHeaders: [
        { name: 'Retry-After', value: String(WAF_RETRY_AFTER_SECONDS) },
        { name: 'Cache-Control', value: 'no-store' },
      ],
    },
  },
});

/** Viewer-response code (cloudfront-js-2.0) for `/api/*`: a 429 without Retry-After is the stage throttle's. */
export const apiThrottleCode = `var BODY = ${JSON.stringify(apiBody(apiThrottleMessage))};
function handler(event) {
  var response = event.response;
  if (response.statusCode === 429 && !response.headers['retry-after']) {
    response.headers['retry-after'] = { value: '${API_THROTTLE_RETRY_AFTER_SECONDS}' };
    response.headers['content-type'] = { value: 'application/json; charset=utf-8' };
    response.headers['cache-control'] = { value: 'no-store' };
    response.body = { encoding: 'text', data: BODY };
  }
  return response;
}`;

export function apiThrottleFunction(scope: Construct, id: string): EdgeFunction {
  return new EdgeFunction(scope, id, {
    comment: 'The API stage throttle 429: how long to wait (Retry-After) and why, in the centre words',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(apiThrottleCode),
  });
}
