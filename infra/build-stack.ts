import type { App } from 'aws-cdk-lib';
import { edgeStackName, readContext, stackName } from './context.ts';
import { EdgeStack } from './edge-stack.ts';
import { PrivacyCentreStack } from './privacy-centre-stack.ts';
import { checkDataResidency, ukOnlyTenants } from './region.ts';

/**
 * Adds the stack for the app's context to the app: in eu-west-2 unless the context names another
 * region (refused while a tenant promises UK-only storage), in the deploying credentials' account
 * unless it names one, so `cdk synth` works offline and without credentials.
 */
export function buildStack(app: App): PrivacyCentreStack {
  const context = readContext(app.node);
  checkDataResidency(context.env.region, ukOnlyTenants(), context.storeOutsideUk);
  // CloudFront reads web ACLs only from us-east-1: the WAF is a small stack of its own there,
  // deployed first, whose ACL's ARN the main stack reads across regions.
  const edge = context.waf
    ? new EdgeStack(app, edgeStackName(context.stage), {
        description: `UK GDPR privacy centre (${context.stage}): WAF web ACL for CloudFront`,
        env: { ...context.env, region: 'us-east-1' },
      })
    : undefined;
  const stack = new PrivacyCentreStack(app, stackName(context.stage), {
    context,
    description: `UK GDPR privacy centre (${context.stage})`,
    env: context.env,
    webAclArn: edge?.webAcl.attrArn,
    crossRegionReferences: Boolean(edge),
  });
  stack.edge = edge;
  return stack;
}
