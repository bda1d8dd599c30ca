import { Duration, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { appFunction } from './app-function.ts';

export interface ApiProps {
  table: ITable;
  /** Environment shared by the functions (without PUBLIC_URL, which the stack adds once the site exists). */
  environment: Record<string, string>;
}

/** The subject portal: one hono Lambda behind an HTTP API, reached through CloudFront at `/api/*`. */
export class Api extends Construct {
  readonly handler: NodejsFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

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

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Privacy centre subject portal',
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
    });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Portal', this.handler),
    });
  }

  /** The API's own host name, for CloudFront's origin. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
