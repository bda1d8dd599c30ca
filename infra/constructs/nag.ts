import { type CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag acknowledgements shared by every function built with appFunction. Each construct calls
 * these next to its functions, so every acknowledgement sits on the resource it is about.
 */

/** How cdk-nag names a resource's ARN in a finding id. */
const arnOf = (resource: IConstruct): string =>
  `<${Stack.of(resource).getLogicalId(resource.node.defaultChild as CfnElement)}.Arn>`;

/**
 * The stack's partition, region and account as cdk-nag writes them in a finding id: the value
 * itself when the stack is pinned (a region, an account), its pseudo parameter otherwise. Every
 * acknowledgement that names an ARN builds it from this, so it holds whatever the environment.
 */
export function nagEnv(scope: IConstruct): { partition: string; region: string; account: string } {
  const stack = Stack.of(scope);
  const known = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return {
    partition: known(stack.partition, 'Partition'),
    region: known(stack.region, 'Region'),
    account: known(stack.account, 'AccountId'),
  };
}

/**
 * The finding id of AWSLambdaBasicExecutionRole attached to a role. CDK names AWS managed
 * policies with the partition's pseudo parameter even in a pinned stack.
 */
export const BASIC_EXECUTION_ROLE_FINDING =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** The role's default policy, where the grants land. */
const defaultPolicy = (fn: LambdaFunction): IConstruct => fn.role!.node.findChild('DefaultPolicy');

/**
 * What appFunction gives every function that cdk-nag flags: the managed logging policy, the pinned
 * runtime, and no dead-letter queue (`whyNoDlq`: how failures are handled instead).
 */
export function acknowledgeAppFunction(fn: LambdaFunction, whyNoDlq: string): void {
  Validations.of(fn.role!).acknowledge({
    id: BASIC_EXECUTION_ROLE_FINDING,
    reason:
      'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; the function writes to a log group of its own with a set retention.',
  });
  for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
    Validations.of(fn).acknowledge({
      id,
      reason:
        'Node.js 24 is pinned on purpose: the bundles are built for node24 (esbuild target) and CI runs the tests on Node 24 (scripts/node24.sh); a newer runtime is a deliberate toolchain bump.',
    });
  }
  Validations.of(fn).acknowledge({ id: 'Serverless-LambdaDLQ', reason: `No Lambda dead-letter queue: ${whyNoDlq}.` });
}

/** grantReadWriteData on the table covers its global secondary indexes as `<table>/index/*`. */
export function acknowledgeTableIndexes(fn: LambdaFunction, table: ITable): void {
  // A table of the stack's own is named by its logical id; an adopted one (a restore) by its ARN.
  const env = nagEnv(table);
  const arn = table.node.defaultChild
    ? arnOf(table)
    : `arn:${env.partition}:dynamodb:${env.region}:${env.account}:table/${table.tableName}`;
  Validations.of(defaultPolicy(fn)).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${arn}/index/*]`,
    reason:
      "The function queries the single table's global secondary indexes (shared/table.ts); index/* is this table's indexes only.",
  });
}

/** Objects of the exports bucket: every export file has a key of its own, made at build time. */
export function acknowledgeExportObjects(role: IConstruct, bucket: IBucket, what: string): void {
  Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${arnOf(bucket)}/*]`,
    reason: `Export files get a new key per export, so the grant names the bucket's objects; the actions are only ${what}.`,
  });
}

/** `Resource::*` on a function's policy: actions that have no resource-level permissions. */
export function acknowledgeUnscopedActions(fn: LambdaFunction, actions: string): void {
  Validations.of(defaultPolicy(fn)).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: `${actions} support no resource-level permissions, so IAM requires Resource "*".`,
  });
}

/**
 * Active X-Ray tracing on a function built by appFunction, with the two X-Ray write actions it
 * needs (they take no resource, hence the acknowledgement).
 */
export function enableTracing(fn: LambdaFunction): void {
  (fn.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
  fn.addToRolePolicy(new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
}

/** A queue that is itself where failures end up: a dead-letter queue needs no dead-letter queue. */
export function acknowledgeFailureQueue(queue: IQueue): void {
  const reason =
    'This queue is the last stop for failed events (an on-failure destination): nothing consumes it automatically, so a redrive queue behind it would only ever be empty. Its depth raises an alarm (constructs/alarms.ts).';
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
  Validations.of(queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason });
}
