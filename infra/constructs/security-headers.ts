import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { contentSecurityPolicy } from '../../functions/http/security.ts';

const kebab = (directive: string) => directive.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The API's content security policy as a header value, serialised the way hono's secureHeaders does. */
export const cspHeaderValue = Object.entries(contentSecurityPolicy)
  .map(([directive, sources]) => `${kebab(directive)} ${sources.join(' ')}`)
  .join('; ');

/** Headers the API also sends (functions/http/security.ts) that CloudFront has no typed setting for. */
export const extraHeaders: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** The page's security headers at the edge: the same policy the API applies to its own responses. */
export function securityHeadersPolicy(scope: Construct, id: string): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment: 'Privacy centre security headers (same CSP as the API)',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: cspHeaderValue, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(extraHeaders).map(([header, value]) => ({ header, value, override: true })),
    },
  });
}
