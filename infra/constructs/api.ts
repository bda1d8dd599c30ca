import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type AdminFunctionRoutes, adminRouteSpecs } from '../../functions/admin/app.ts';
import { caseworkRoutes } from '../../functions/casework/routes.ts';
import { staffToolsRoutes } from '../../functions/staff-tools/routes.ts';
import { appFunction } from './app-function.ts';
import { acknowledgeAppFunction, acknowledgeTableIndexes, acknowledgeUnscopedActions } from './nag.ts';
import { grantTable, TABLE_ACCESS } from './table-access.ts';

export interface ApiProps {
  table: ITable;
  /** Environment shared by the functions (without PUBLIC_URL, which the stack adds once the site exists). */
  environment: Record<string, string>;
  /** The exports bucket and download period: the portal's and the casework's (erasure deletes files), no other's. */
  exportsEnvironment: Record<string, string>;
}

/** Requests per second (and burst) the API Gateway stage lets through, subjects' and staff's apart. */
export const PORTAL_THROTTLE = { rate: 50, burst: 100 } as const;
export const STAFF_THROTTLE = { rate: 20, burst: 40 } as const;

/** The staff admin API's routes; API Gateway picks them over the portal's `/api/{proxy+}` (most specific wins). */
export const ADMIN_ROUTE_PATHS = ['/api/t/{tenant}/admin', '/api/t/{tenant}/admin/{proxy+}'] as const;

/**
 * A staff function's own routes (the casework's, functions/casework/routes.ts, and the staff
 * tools', functions/staff-tools/routes.ts): one API Gateway route per method and path its app
 * adds, read from those routes themselves, so the two cannot drift. Each names its path fully
 * (its variables one segment each, no greedy `{proxy+}`), so API Gateway picks it over the admin
 * function's `/api/t/{tenant}/admin/{proxy+}`.
 */
export function ownRouteKeys(routes: AdminFunctionRoutes): Array<{ method: HttpMethod; path: string }> {
  return adminRouteSpecs(routes).map((spec) => ({
    method: spec.method.toUpperCase() as HttpMethod,
    path: `/api${spec.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
  }));
}

/** Every staff route that is not the admin function's catch-all: the casework's and the staff tools'. */
export const staffOwnRouteKeys = () => [...ownRouteKeys(caseworkRoutes), ...ownRouteKeys(staffToolsRoutes)];

/**
 * The API, reached through CloudFront at `/api/*`: one HTTP API in front of four hono Lambdas, each
 * with its own role and logs. The casework (a request's page and actions, logged requests,
 * exports, marketing) and the staff tools (evidence packs, audit trail, reports, staff
 * management, connected systems' progress) answer their own routes; the staff admin API (sign-in,
 * the queue, people, complaints, imports) the rest of `/api/t/<tenant>/admin[/...]`; the subject
 * portal the rest of `/api`.
 */
export class Api extends Construct {
  /** The subject portal. */
  readonly handler: LambdaFunction;
  /** The staff admin API. */
  readonly admin: LambdaFunction;
  /** The staff casework: a request's page and actions, with the connected systems' staff side. */
  readonly casework: LambdaFunction;
  /** The staff tools: the staff routes used now and then, bundled apart from the admin API's. */
  readonly staffTools: LambdaFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** One line per request (infra/constructs/alarms.ts counts the 429s in it). */
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = appFunction(this, 'Portal', {
      entry: 'functions/portal/lambda.ts',
      description: 'Privacy centre: subject portal API',
      environment: { ...props.environment, ...props.exportsEnvironment },
      openapi: ['portal'],
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    grantTable(this.handler, props.table, TABLE_ACCESS.portal);

    this.admin = appFunction(this, 'Admin', {
      entry: 'functions/admin/lambda.ts',
      description: 'Privacy centre: staff admin API',
      environment: props.environment,
      openapi: ['admin'],
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    grantTable(this.admin, props.table, TABLE_ACCESS.admin);

    this.casework = appFunction(this, 'Casework', {
      entry: 'functions/casework/lambda.ts',
      description: 'Privacy centre: staff casework API (a request and its actions, exports, logged requests, marketing)',
      environment: { ...props.environment, ...props.exportsEnvironment },
      openapi: ['casework'],
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    grantTable(this.casework, props.table, TABLE_ACCESS.casework);

    this.staffTools = appFunction(this, 'StaffTools', {
      entry: 'functions/staff-tools/lambda.ts',
      description: 'Privacy centre: staff tools API (evidence packs, audit trail, reports, staff, systems progress)',
      environment: props.environment,
      openapi: ['staff-tools'],
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    grantTable(this.staffTools, props.table, TABLE_ACCESS.staffTools);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Privacy centre subject portal and staff admin',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    // The stage's default throttle applies to each route that has none of its own: the portal's.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: PORTAL_THROTTLE.burst, rateLimit: PORTAL_THROTTLE.rate },
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
    const adminRoutes = ADMIN_ROUTE_PATHS.flatMap((path) =>
      this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: admin }),
    );
    const ownRoutes = (id: string, fn: LambdaFunction, routes: AdminFunctionRoutes) => {
      const integration = new HttpLambdaIntegration(id, fn);
      return ownRouteKeys(routes).flatMap(({ method, path }) => this.httpApi.addRoutes({ path, methods: [method], integration }));
    };
    const toolRoutes = [
      ...ownRoutes('Casework', this.casework, caseworkRoutes),
      ...ownRoutes('StaffTools', this.staffTools, staffToolsRoutes),
    ];
    // Staff get headroom of their own: their routes have their own throttle, so a flood of
    // subject calls on the portal's catch-all route cannot use it up (the WAF also gives staff
    // paths a per-address budget of their own, infra/edge-stack.ts).
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      [
        ...ADMIN_ROUTE_PATHS.map((path) => `ANY ${path}`),
        ...staffOwnRouteKeys().map(({ method, path }) => `${method} ${path}`),
      ].map((routeKey) => [
        routeKey,
        // RouteSettings is raw JSON to CloudFormation: its keys are CloudFormation's.
        { ThrottlingBurstLimit: STAFF_THROTTLE.burst, ThrottlingRateLimit: STAFF_THROTTLE.rate },
      ]),
    );
    for (const route of [...adminRoutes, ...toolRoutes]) this.stage.node.addDependency(route);

    // cdk-nag acknowledgements for this construct.
    for (const fn of [this.handler, this.admin, this.casework, this.staffTools]) {
      acknowledgeAppFunction(fn, 'it is invoked synchronously by API Gateway, which returns the error to the caller');
      acknowledgeTableIndexes(fn, props.table);
      acknowledgeUnscopedActions(fn, 'The X-Ray write actions');
    }
    for (const route of this.httpApi.node.children.filter((child) => /^(ANY|GET|POST|PUT|PATCH|DELETE)--/.test(child.node.id))) {
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
