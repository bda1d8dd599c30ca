import type { App } from 'aws-cdk-lib';
import { readContext, stackName } from './context.ts';
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
  return new PrivacyCentreStack(app, stackName(context.stage), {
    context,
    description: `UK GDPR privacy centre (${context.stage})`,
    env: context.env,
  });
}
