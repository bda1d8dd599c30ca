import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { appFunction } from './app-function.ts';
import { acknowledgeAppFunction, acknowledgeTableIndexes, acknowledgeUnscopedActions } from './nag.ts';

export interface ApiProps {
  table: ITable;
  /** Environment shared by the functions (without PUBLIC_URL, which the stack adds once the site exists). */
  environment: Record<string, string>;
}

/** The staff admin API's routes; API Gateway picks them over the portal's `/api/{proxy+}` (most specific wins). */
export const ADMIN_ROUTE_PATHS = ['/api/t/{tenant}/admin', '/api/t/{tenant}/admin/{proxy+}'] as const;

/**
 * The API, reached through CloudFront at `/api/*`: one HTTP API in front of two hono Lambdas, each
 * with its own role and logs. The staff admin API answers `/api/t/<tenant>/admin[/...]`; the
 * subject portal answers the rest of `/api`.
 */
export class Api extends Construct {
  /** The subject portal. */
  readonly handler: NodejsFunction;
  /** The staff admin API. */
  readonly admin: NodejsFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** One line per request (infra/constructs/alarms.ts counts the 429s in it). */
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = appFunction(this, 'Portal', {
      entry: 'functions/portal/lambda.ts',
      description: 'Privacy centre: subject portal API',
      environment: props.environment,
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    props.table.grantReadWriteData(this.handler);

    this.admin = appFunction(this, 'Admin', {
      entry: 'functions/admin/lambda.ts',
      description: 'Privacy centre: staff admin API',
      environment: props.environment,
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    props.table.grantReadWriteData(this.admin);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Privacy centre subject portal and staff admin',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    // The stage's throttle covers every route, the admin ones included.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
      // One line per request: what, how it ended, how long it took (no client address, no bodies).
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Portal', this.handler),
    });
    const admin = new HttpLambdaIntegration('Admin', this.admin);
    for (const path of ADMIN_ROUTE_PATHS) this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: admin });

    // cdk-nag acknowledgements for this construct.
    for (const fn of [this.handler, this.admin]) {
      acknowledgeAppFunction(fn, 'it is invoked synchronously by API Gateway, which returns the error to the caller');
      acknowledgeTableIndexes(fn, props.table);
      acknowledgeUnscopedActions(fn, 'The X-Ray write actions');
    }
    for (const route of this.httpApi.node.children.filter((child) => child.node.id.startsWith('ANY--'))) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The routes are public by design: subjects sign in with an emailed one-time link and staff with their own sign-in, both checked in the functions (functions/http), which API Gateway authorizers cannot express.',
      });
    }
  }

  /** The API's own host name, for CloudFront's origin. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
