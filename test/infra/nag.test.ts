import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebDist, synth } from './synth.ts';

/** Every unacknowledged finding (error or warning) of a pack, as `rule at path`, sorted. */
function findings(pack: AwsSolutionsChecks | ServerlessChecks, stack: ReturnType<typeof synth>['stack']): string[] {
  return pack
    .validateScope(stack)
    .violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.ruleName} at ${resource.constructPath ?? resource.resourceLogicalId}`,
      ),
    )
    .sort();
}

/**
 * The stack as it deploys by default (eu-west-2, the deploying account), pinned to an account in
 * eu-west-2, and, knowingly overridden, in another region: every acknowledgement must hold in each
 * (an ARN in a finding id changes with what is pinned).
 */
describe.each([
  ['pinned to an account in eu-west-2', { account: '123456789012', region: 'eu-west-2', alarmEmail: 'ops@msp.example' }],
  ['in eu-west-1, with the UK-only tenant knowingly overridden', { region: 'eu-west-1', storeOutsideUk: 'the-one-point' }],
])('cdk-nag, %s', (_name, context) => {
  let stack: ReturnType<typeof synth>['stack'];
  beforeAll(() => {
    ensureWebDist();
    ({ stack } = synth(context, { bundle: false }));
  }, 120_000);

  it('finds nothing unacknowledged in either pack', () => {
    expect(stack.region).toBe(context.region);
    expect(findings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(findings(new ServerlessChecks(), stack)).toEqual([]);
  });
});

describe('cdk-nag', () => {
  let stack: ReturnType<typeof synth>['stack'];
  let template: Template;
  beforeAll(() => {
    ensureWebDist();
    ({ stack, template } = synth({ alarmEmail: 'ops@msp.example' }, { bundle: false }));
  }, 120_000);

  it('finds nothing unacknowledged in the AwsSolutions pack', () => {
    expect(findings(new AwsSolutionsChecks(), stack)).toEqual([]);
  });

  it('finds nothing unacknowledged in the Serverless pack', () => {
    expect(findings(new ServerlessChecks(), stack)).toEqual([]);
  });

  it('is satisfied by fixes where a fix exists: tracing, API access logs, bucket and CloudFront logs', () => {
    const functions = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('^Privacy centre: ') },
      }),
    ) as any[];
    expect(functions).toHaveLength(9);
    for (const fn of functions) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.not(Match.stringLikeRegexp('sourceIp')) },
    });
    const logs = Object.keys(
      template.findResources('AWS::S3::Bucket', {
        Properties: {
          OwnershipControls: Match.anyValue(),
          LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'expire-logs', ExpirationInDays: 90 })] },
        },
      }),
    );
    expect(logs).toHaveLength(1);
    const logged = template.findResources('AWS::S3::Bucket', {
      Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: logs[0] } } },
    });
    expect(Object.keys(logged)).toHaveLength(2);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Logging: { Bucket: { 'Fn::GetAtt': [logs[0], 'RegionalDomainName'] }, Prefix: 'cloudfront/' } },
    });
  });
});
