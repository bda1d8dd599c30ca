import type { App } from 'aws-cdk-lib';
import { readContext, stackName } from './context.ts';
import { PrivacyCentreStack } from './privacy-centre-stack.ts';

/**
 * Adds the stack for the app's context to the app. Environment-agnostic unless the context names
 * an account and region, so `cdk synth` works offline and without credentials.
 */
export function buildStack(app: App): PrivacyCentreStack {
  const context = readContext(app.node);
  return new PrivacyCentreStack(app, stackName(context.stage), {
    context,
    description: `UK GDPR privacy centre (${context.stage})`,
    env: context.env,
  });
}
