import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildStack } from '../build-stack.ts';

const app = new App();
buildStack(app);
// cdk-nag on every synth and deploy: an unacknowledged finding fails it (test/infra/nag.test.ts too).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
