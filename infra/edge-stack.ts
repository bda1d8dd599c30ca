import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { wafRateBlock, wafResponseBodies } from './constructs/throttle-responses.ts';

/** Requests per client address in 5 minutes before WAF blocks that address, per kind of path. */
export const WAF_LIMITS = {
  /** The staff admin API: an office behind one address, imports in parts: room to work. */
  staff: 3000,
  /** The subject portal API (sign-in, my data, requests). */
  api: 600,
  /** The page and its files (everything outside /api/). */
  site: 2000,
} as const;

/** The staff admin API's paths (infra/constructs/api.ts ADMIN_ROUTE_PATHS). */
export const STAFF_PATH_REGEX = '^/api/t/[a-z0-9-]+/admin(/|$)';

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

const managed = (name: string, priority: number, overrides: string[] = []): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(overrides.length > 0
        ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
        : {}),
    },
  },
  visibilityConfig: visibility(name),
});

const staffPath: CfnWebACL.StatementProperty = {
  regexMatchStatement: {
    regexString: STAFF_PATH_REGEX,
    fieldToMatch: { uriPath: {} },
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

const apiPath: CfnWebACL.StatementProperty = {
  byteMatchStatement: {
    searchString: '/api/',
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

const perIp = (
  name: string,
  priority: number,
  limit: number,
  body: keyof typeof wafResponseBodies,
  scopeDown?: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  // 429 with Retry-After and the centre's words (infra/constructs/throttle-responses.ts).
  action: wafRateBlock(body),
  statement: {
    rateBasedStatement: {
      limit,
      aggregateKeyType: 'IP',
      evaluationWindowSec: 300,
      ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * What CloudFront needs from us-east-1, where CloudFront reads its web ACLs: the WAF web ACL in
 * front of the whole centre. AWS managed rules (addresses with a bad reputation, common exploits,
 * known bad inputs) and rate limits per client address, the staff paths with their own. It holds
 * no personal data (no WAF logging is configured; AWS keeps sampled requests for 3 hours).
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: id,
      description: 'Privacy centre: managed rules and per-address rate limits',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(id),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        // The functions limit bodies themselves (the import route takes up to 1 MB): WAF's 8 kB
        // body rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        perIp('StaffPerIp', 3, WAF_LIMITS.staff, 'api', staffPath),
        perIp('ApiPerIp', 4, WAF_LIMITS.api, 'api', {
          andStatement: { statements: [apiPath, { notStatement: { statement: staffPath } }] },
        }),
        perIp('SitePerIp', 5, WAF_LIMITS.site, 'page', { notStatement: { statement: apiPath } }),
      ],
      customResponseBodies: wafResponseBodies,
    });
  }
}
