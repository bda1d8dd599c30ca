import { App } from 'aws-cdk-lib';
import { buildStack } from '../build-stack.ts';

buildStack(new App());
