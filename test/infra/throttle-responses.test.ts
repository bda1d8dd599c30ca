import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_THROTTLE_RETRY_AFTER_SECONDS,
  apiThrottleCode,
  apiThrottleMessage,
  WAF_RETRY_AFTER_SECONDS,
  wafRateLimitMessage,
} from '../../infra/constructs/throttle-responses.ts';
import type { PrivacyCentreStack } from '../../infra/privacy-centre-stack.ts';
import { tooManyRequestsWords } from '../../shared/wait-words.ts';
import { ensureWebDist, synth } from './synth.ts';

/**
 * Every 429 a person can meet on AWS says how long to wait (issue 18): WAF's rate rules and the
 * API stage's throttle answer before any of the centre's code runs, so the synthesized template
 * must carry the wait (Retry-After) and the words.
 */
let main: Template;
let acl: any;

beforeAll(() => {
  ensureWebDist();
  const synthesised = synth({ alarmEmail: 'ops@msp.example' }, { bundle: false });
  main = synthesised.template;
  const edge = Template.fromStack((synthesised.stack as PrivacyCentreStack).edge!);
  acl = Object.values<any>(edge.findResources('AWS::WAFv2::WebACL'))[0]?.Properties;
}, 120_000);

/** The viewer-response code run as CloudFront runs it: the response in, the response out. */
function viewerResponse(statusCode: number, headers: Record<string, { value: string }> = {}) {
  const handler = new Function(`${apiThrottleCode}; return handler;`)() as (event: unknown) => any;
  return handler({ version: '1.0', request: { uri: '/api/t/it-mk/me' }, response: { statusCode, headers } });
}

describe('a 429 from AWS says how long to wait', () => {
  it('WAF’s rate rules answer 429 with Retry-After and the centre’s words: JSON for the API, a page for the site', () => {
    const bodyOf = (name: string) => {
      const rule = acl.Rules.find((r: any) => r.Name === name);
      const response = rule.Action.Block.CustomResponse;
      expect(response.ResponseCode, name).toBe(429);
      expect(response.ResponseHeaders, name).toContainEqual({ Name: 'Retry-After', Value: String(WAF_RETRY_AFTER_SECONDS) });
      return acl.CustomResponseBodies[response.CustomResponseBodyKey];
    };
    for (const name of ['StaffPerIp', 'ApiPerIp']) {
      const body = bodyOf(name);
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toEqual({ error: 'rate_limited', message: wafRateLimitMessage });
    }
    expect(wafRateLimitMessage).toContain('Please wait 5 minutes, then try again.');
    const page = bodyOf('SitePerIp');
    expect(page.ContentType).toBe('TEXT_HTML');
    expect(page.Content).toContain(wafRateLimitMessage);
    // WAF's limit on a custom response body.
    for (const body of Object.values<any>(acl.CustomResponseBodies)) expect(body.Content.length).toBeLessThanOrEqual(4096);
  });

  it('the API stage throttle’s bare 429 gets Retry-After and the words on its way out of CloudFront', () => {
    const [distribution] = Object.values<any>(main.findResources('AWS::CloudFront::Distribution'));
    const api = distribution.Properties.DistributionConfig.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    const [association] = api.FunctionAssociations;
    expect(association.EventType).toBe('viewer-response');
    const fn = main.findResources('AWS::CloudFront::Function')[association.FunctionARN['Fn::GetAtt'][0]];
    expect(fn?.Properties.FunctionCode).toBe(apiThrottleCode);
    expect(fn?.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');

    const throttled = viewerResponse(429, { 'content-type': { value: 'application/json' } });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toEqual({ value: String(API_THROTTLE_RETRY_AFTER_SECONDS) });
    expect(JSON.parse(throttled.body.data)).toEqual({ error: 'rate_limited', message: apiThrottleMessage });
    expect(apiThrottleMessage).toContain('please wait 1 minute, then try again.');
  });

  it('leaves the centre’s own 429s (they carry Retry-After and their words) and every other answer alone', () => {
    const own = viewerResponse(429, { 'retry-after': { value: '840' } });
    expect(own.headers['retry-after']).toEqual({ value: '840' });
    expect(own.body).toBeUndefined();
    for (const status of [200, 401, 503]) expect(viewerResponse(status).headers['retry-after']).toBeUndefined();
  });

  it('the page words a bare 429 from its Retry-After, or a minute when it has none', () => {
    expect(tooManyRequestsWords('300')).toBe('Too many requests reached us. Please wait 5 minutes, then try again.');
    expect(tooManyRequestsWords('1')).toBe('Too many requests reached us. Please wait 1 minute, then try again.');
    expect(tooManyRequestsWords(null)).toBe('Too many requests reached us. Please wait 1 minute, then try again.');
  });
});
