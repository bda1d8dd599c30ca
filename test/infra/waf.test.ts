import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTE_PATHS, PORTAL_THROTTLE, STAFF_THROTTLE, staffOwnRouteKeys } from '../../infra/constructs/api.ts';
import { STAFF_PATH_REGEX, WAF_LIMITS } from '../../infra/edge-stack.ts';
import type { PrivacyCentreStack } from '../../infra/privacy-centre-stack.ts';
import { ensureWebDist, synth } from './synth.ts';

let main: Template;
let stack: PrivacyCentreStack;
let edge: Template;
let acl: any;

beforeAll(() => {
  ensureWebDist();
  const synthesised = synth({ alarmEmail: 'ops@msp.example' }, { bundle: false });
  main = synthesised.template;
  stack = synthesised.stack as PrivacyCentreStack;
  edge = Template.fromStack(stack.edge!);
  acl = Object.values<any>(edge.findResources('AWS::WAFv2::WebACL'))[0]?.Properties;
}, 120_000);

const rule = (name: string) => acl.Rules.find((r: any) => r.Name === name);

describe('no one client takes the centre down', () => {
  it('puts a WAF web ACL for CloudFront in a stack of its own in us-east-1, and the distribution uses it', () => {
    expect(stack.edge!.region).toBe('us-east-1');
    expect(stack.edge!.stackName).toBe('PrivacyCentreEdge-dev');
    expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const [distribution] = Object.values<any>(main.findResources('AWS::CloudFront::Distribution'));
    expect(distribution.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::GetStackOutput': expect.objectContaining({ StackName: 'PrivacyCentreEdge-dev', Region: 'us-east-1' }),
    });
    // `cdk deploy --all` deploys the edge stack first.
    expect(stack.dependencies).toContain(stack.edge);
    // The edge stack holds the ACL and nothing else (no data).
    expect(Object.values<any>(edge.toJSON().Resources).map((r) => r.Type)).toEqual(['AWS::WAFv2::WebACL']);
  });

  it('applies AWS managed rules: bad-reputation addresses, common exploits (bodies left to the functions), known bad inputs', () => {
    for (const name of [
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]) {
      expect(rule(name), name).toMatchObject({
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
      });
    }
    // The import route takes bodies up to 1 MB; WAF's 8 kB body rule would block it.
    expect(rule('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  it('limits each client address per 5 minutes, staff paths, other API paths and the page each on a budget of their own (429)', () => {
    const rate = (name: string) => rule(name).Statement.RateBasedStatement;
    for (const [name, limit] of [
      ['StaffPerIp', WAF_LIMITS.staff],
      ['ApiPerIp', WAF_LIMITS.api],
      ['SitePerIp', WAF_LIMITS.site],
    ] as const) {
      // 429, with how long to wait and why: test/infra/throttle-responses.test.ts.
      expect(rule(name).Action).toMatchObject({ Block: { CustomResponse: { ResponseCode: 429 } } });
      expect(rate(name)).toMatchObject({ Limit: limit, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    }
    const staff = rate('StaffPerIp').ScopeDownStatement.RegexMatchStatement;
    expect(staff).toMatchObject({ RegexString: STAFF_PATH_REGEX, FieldToMatch: { UriPath: {} } });
    const regex = new RegExp(STAFF_PATH_REGEX);
    expect(['/api/t/it-mk/admin', '/api/t/it-mk/admin/requests'].every((p) => regex.test(p))).toBe(true);
    expect(['/api/t/it-mk/me', '/api/t/it-mk/administrator', '/t/it-mk/admin/'].some((p) => regex.test(p))).toBe(false);
    const api = rate('ApiPerIp').ScopeDownStatement.AndStatement.Statements;
    expect(api[0].ByteMatchStatement).toMatchObject({ SearchString: '/api/', PositionalConstraint: 'STARTS_WITH' });
    expect(api[1].NotStatement.Statement.RegexMatchStatement.RegexString).toBe(STAFF_PATH_REGEX);
    expect(rate('SitePerIp').ScopeDownStatement.NotStatement.Statement.ByteMatchStatement.SearchString).toBe('/api/');
  });

  it('gives the staff routes a throttle of their own on the API stage, apart from the portal’s', () => {
    const [stage] = Object.values<any>(main.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingBurstLimit: PORTAL_THROTTLE.burst,
      ThrottlingRateLimit: PORTAL_THROTTLE.rate,
    });
    // The admin API's routes and each of the casework's and the staff tools' own (infra/constructs/api.ts).
    const staffRoutes = [
      ...ADMIN_ROUTE_PATHS.map((path) => `ANY ${path}`),
      ...staffOwnRouteKeys().map(({ method, path }) => `${method} ${path}`),
    ];
    expect(staffRoutes.length).toBeGreaterThan(ADMIN_ROUTE_PATHS.length);
    expect(stage.Properties.RouteSettings).toEqual(
      Object.fromEntries(
        staffRoutes.map((key) => [key, { ThrottlingBurstLimit: STAFF_THROTTLE.burst, ThrottlingRateLimit: STAFF_THROTTLE.rate }]),
      ),
    );
    const routeKeys = Object.values<any>(main.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    for (const key of Object.keys(stage.Properties.RouteSettings)) expect(routeKeys).toContain(key);
  });

  it('throttles a route as staff exactly when API Gateway sends it to a staff function (read from the template alone)', () => {
    const [stage] = Object.values<any>(main.findResources('AWS::ApiGatewayV2::Stage'));
    const integrations = main.findResources('AWS::ApiGatewayV2::Integration');
    const functionOf = (route: any): string => {
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const uri = integrations[integrationId]?.Properties.IntegrationUri;
      return (uri?.['Fn::GetAtt']?.[0] as string) ?? '?';
    };
    const routes = Object.values<any>(main.findResources('AWS::ApiGatewayV2::Route'));
    const byFunction = new Map<string, string[]>();
    for (const route of routes) {
      const fn = functionOf(route);
      byFunction.set(fn, [...(byFunction.get(fn) ?? []), route.Properties.RouteKey]);
    }
    const staff = [...byFunction.keys()].filter((fn) => /^Api(Admin|Casework|StaffTools)/.test(fn));
    expect(staff).toHaveLength(3);
    for (const [fn, keys] of byFunction) {
      for (const key of keys) {
        expect(key in stage.Properties.RouteSettings, `${key} (${fn})`).toBe(staff.includes(fn));
      }
    }
  });

  it('passes cdk-nag in the edge stack too', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      expect(pack.validateScope(stack.edge!).violations).toEqual([]);
    }
  });

  it('with waf=false: no edge stack, no web ACL on the distribution', () => {
    const { stack: bare, template } = synth({ waf: 'false' }, { bundle: false });
    expect((bare as PrivacyCentreStack).edge).toBeUndefined();
    const [distribution] = Object.values<any>(template.findResources('AWS::CloudFront::Distribution'));
    expect(distribution.Properties.DistributionConfig.WebACLId).toBeUndefined();
    expect(findings(bare)).toEqual([]);
  }, 60_000);
});

function findings(s: any): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
    pack.validateScope(s).violations.map((v: any) => v.ruleName),
  );
}
