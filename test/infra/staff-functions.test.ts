import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminFunctionRoutes } from '../../functions/admin/admin-routes.ts';
import { type AdminFunctionRoutes, adminRouteSpecs } from '../../functions/admin/app.ts';
import { caseworkRoutes } from '../../functions/casework/routes.ts';
import { staffToolsRoutes } from '../../functions/staff-tools/routes.ts';
import { STAFF_THROTTLE } from '../../infra/constructs/api.ts';
import { TABLE_ACCESS } from '../../infra/constructs/table-access.ts';
import { fromRoot } from '../../infra/paths.ts';
import { apiGetEvent, assetDir, ensureWebDist, linkRuntimeModules, runBundledHandler, type Synth, synth } from './synth.ts';
import { tableRights } from './table-rights.ts';

/**
 * The staff API is three Lambda functions on AWS (functions/admin/app.ts, AdminFunctionRoutes):
 * the admin API, the casework and the staff tools, each bundling only its own routes. Proved here
 * from the synthesized stack: every staff route reaches, by API Gateway's own choice of route, the
 * one function whose app has it; each bundle holds its own routes' code and not the others'; each
 * role is its own, and only the casework's may delete export files.
 */

let synthesised: Synth;
let template: Template;

function functionOf(description: string): { id: string; properties: any } {
  const found = Object.entries(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp(description) } }),
  );
  expect(found, description).toHaveLength(1);
  return { id: found[0]![0], properties: (found[0]![1] as any).Properties };
}
const admin = () => functionOf('staff admin API$');
const tools = () => functionOf('staff tools API');
const casework = () => functionOf('staff casework API');
const portal = () => functionOf('subject portal');

/** Each staff function's routes, as its app adds them. */
const FUNCTIONS: Array<[AdminFunctionRoutes, () => { id: string }]> = [
  [adminFunctionRoutes, admin],
  [caseworkRoutes, casework],
  [staffToolsRoutes, tools],
];
/** The functions with routes of their own (the admin API has the catch-all). */
const OWN_ROUTES = FUNCTIONS.slice(1);

interface ApiRoute {
  key: string;
  method: string;
  /** The path's segments: literal, `{name}` (one segment) or `{name+}` (the rest). */
  segments: string[];
  target: string;
}

/** The HTTP API's routes and the function each integrates with (its logical id). */
function apiRoutes(): ApiRoute[] {
  const resources = template.toJSON().Resources;
  return Object.values<any>(template.findResources('AWS::ApiGatewayV2::Route')).map(({ Properties: route }) => {
    const integration = resources[route.Target['Fn::Join'][1][1].Ref];
    const [method, path] = (route.RouteKey as string).split(' ') as [string, string];
    return {
      key: route.RouteKey,
      method,
      segments: path.split('/').slice(1),
      target: integration.Properties.IntegrationUri['Fn::GetAtt'][0],
    };
  });
}

const greedy = (route: ApiRoute) => route.segments.at(-1)?.endsWith('+}') ?? false;

/** Whether the route's path matches these path segments. */
function matches(route: ApiRoute, segments: string[]): boolean {
  for (const [i, part] of route.segments.entries()) {
    if (part.endsWith('+}')) return segments.length > i;
    if (i >= segments.length) return false;
    if (!part.startsWith('{') && part !== segments[i]) return false;
  }
  return segments.length === route.segments.length;
}

/**
 * The route API Gateway (HTTP API) picks for a request: of the routes whose path and method match,
 * one without a greedy `{proxy+}` before any with one, a longer greedy route before a shorter, and
 * the request's own method before ANY (AWS: "Routing API requests", most specific match first).
 * Two equally specific matches fail the test: the choice would be ambiguous.
 */
function routeFor(routes: ApiRoute[], method: string, path: string): ApiRoute | undefined {
  const segments = path.split('/').slice(1);
  const rank = (r: ApiRoute) => [greedy(r) ? 1 : 0, -r.segments.length, r.method === 'ANY' ? 1 : 0];
  const candidates = routes
    .filter((r) => (r.method === 'ANY' || r.method === method) && matches(r, segments))
    .sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    });
  if (candidates.length > 1) expect(rank(candidates[0]!), `${method} ${path}: ambiguous`).not.toEqual(rank(candidates[1]!));
  return candidates[0];
}

/** A request path for a route's path: each `:param` given a sample value. */
const samplePath = (path: string) =>
  `/api${path.replace(/:([A-Za-z]+)/g, (_m, name) => (name === 'tenant' ? 'it-mk' : `${name}-1`))}`;

const bundleDir = (fn: { properties: any }) => assetDir(synthesised.outdir, fn.properties);
/** The source files a bundle was built from (its source map). */
const sourcesOf = (fn: { properties: any }): string[] => {
  const dir = bundleDir(fn);
  // Relative to where esbuild wrote the bundle (CDK moves it afterwards), so read from the root up.
  const fromRepo = (s: string) => relative(fromRoot(), `/${s.replace(/^(\.\.\/)+/, '')}`);
  return JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')).sources.map((s: string) =>
    fromRepo(s).replace(/^.*node_modules\//, 'node_modules/'),
  );
};

/** Runs a bundled hono Lambda on an HTTP API v2 GET, as API Gateway would, in a child process. */
function invoke(fn: { properties: any }, path: string, accept = 'application/json') {
  const routeKey = routeFor(apiRoutes(), 'GET', path)?.key ?? '$default';
  const event = apiGetEvent(routeKey, path, accept);
  return runBundledHandler(bundleDir(fn), event) as { statusCode: number; body: string; headers: Record<string, string> };
}

beforeAll(() => {
  ensureWebDist();
  synthesised = synth({ stage: 'test' });
  template = synthesised.template;
  linkRuntimeModules(synthesised.outdir);
}, 240_000);

afterAll(() => {
  if (synthesised) rmSync(synthesised.outdir, { recursive: true, force: true });
});

describe('the staff API in three functions', () => {
  it('serves every staff route by exactly one function: the one whose app has it, by the route API Gateway picks', () => {
    const routes = apiRoutes();
    const seen = new Map<string, string>();
    for (const [fn, lambda] of FUNCTIONS) {
      const specs = adminRouteSpecs(fn);
      expect(specs.length, fn.name).toBeGreaterThan(3);
      for (const spec of specs) {
        const key = `${spec.method.toUpperCase()} ${spec.path}`;
        expect(seen.get(key), `${key} is added by both ${seen.get(key)} and ${fn.name}`).toBeUndefined();
        seen.set(key, fn.name);
        const route = routeFor(routes, spec.method.toUpperCase(), samplePath(spec.path));
        expect(route?.target, `${key} (${fn.name})`).toBe(lambda().id);
      }
    }
    // The casework's and the staff tools' routes are each a route of their own; nothing else reaches those functions.
    for (const [fn, lambda] of OWN_ROUTES) {
      const own = routes.filter((r) => r.target === lambda().id);
      expect(own.map((r) => r.key).sort(), fn.name).toEqual(
        adminRouteSpecs(fn)
          .map((spec) => `${spec.method.toUpperCase()} /api${spec.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
          .sort(),
      );
      expect(own.some(greedy), fn.name).toBe(false);
    }
    // The queue stays the admin API's, though logging a request (POST, same path) is the casework's.
    expect(routeFor(routes, 'GET', '/api/t/it-mk/admin/requests')?.target).toBe(admin().id);
    expect(routeFor(routes, 'POST', '/api/t/it-mk/admin/requests')?.target).toBe(casework().id);
    // Whatever else is under /admin goes to the admin API (which answers 404 for a path it lacks), never the portal.
    expect(routeFor(routes, 'GET', '/api/t/it-mk/admin/no-such-thing')?.target).toBe(admin().id);
    expect(routeFor(routes, 'POST', samplePath('/t/:tenant/admin/audit/verify'))?.target).toBe(admin().id);
    expect(routeFor(routes, 'GET', '/api/t/it-mk/me')?.target).toBe(portal().id);
  });

  it.each(OWN_ROUTES.map(([fn, lambda]) => [fn.name, lambda] as const))(
    'gives %s’s routes the staff throttle and lets API Gateway invoke it for those routes only',
    (_fn, lambda) => {
      const stage = Object.values<any>(template.findResources('AWS::ApiGatewayV2::Stage'))[0].Properties;
      const keys = apiRoutes()
        .filter((r) => r.target === lambda().id)
        .map((r) => r.key);
      expect(keys.length).toBeGreaterThan(3);
      for (const key of keys) {
        expect(stage.RouteSettings[key], key).toEqual({
          ThrottlingBurstLimit: STAFF_THROTTLE.burst,
          ThrottlingRateLimit: STAFF_THROTTLE.rate,
        });
      }
      const permissions = Object.values(
        template.findResources('AWS::Lambda::Permission', {
          Properties: { FunctionName: { 'Fn::GetAtt': [lambda().id, 'Arn'] } },
        }),
      ).map((p: any) => JSON.stringify(p.Properties.SourceArn).match(/\/\*\/\*(\/api[^"]*)"/)?.[1]);
      expect(new Set(permissions)).toEqual(new Set(keys.map((key) => key.split(' ')[1])));
    },
  );

  /** A function's role's statements. */
  const statementsOf = (fn: { properties: any }) =>
    Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: fn.properties.Role['Fn::GetAtt'][0] }] } }),
    ).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  const s3Actions = (fn: { properties: any }) =>
    statementsOf(fn)
      .flatMap((s: any) => [s.Action].flat())
      .filter((a: string) => a.startsWith('s3:'));

  it('gives the staff tools only reads, audited writes and updates on the table, no S3, no TOTP key, no exports bucket', () => {
    expect(tableRights(template, tools())).toEqual(
      [...TABLE_ACCESS.staffTools.actions.map((a) => `dynamodb:${a} on table`), 'dynamodb:Query on index'].sort(),
    );
    expect(s3Actions(tools())).toEqual([]);
    expect(JSON.stringify(statementsOf(tools()))).not.toContain('TotpKeySecret');
    expect(tools().properties.Environment.Variables).not.toHaveProperty('TOTP_KEY_SECRET_ARN');
    // Nor the exports bucket: no staff tool touches an export.
    expect(tools().properties.Environment.Variables).not.toHaveProperty('EXPORTS_BUCKET');
  });

  it('gives the casework erasure’s batch deletes and the deleting of export files, and no TOTP key; the admin API neither', () => {
    expect(tableRights(template, casework())).toContain('dynamodb:BatchWriteItem on table');
    expect(s3Actions(casework())).toEqual(['s3:DeleteObject']);
    expect(casework().properties.Environment.Variables).toHaveProperty('EXPORTS_BUCKET');
    expect(JSON.stringify(statementsOf(casework()))).not.toContain('TotpKeySecret');
    // The admin API signs staff in (the TOTP key) and no longer erases: no batch deletes, no S3, no bucket.
    expect(tableRights(template, admin())).not.toContain('dynamodb:BatchWriteItem on table');
    expect(s3Actions(admin())).toEqual([]);
    expect(admin().properties.Environment.Variables).not.toHaveProperty('EXPORTS_BUCKET');
    expect(JSON.stringify(statementsOf(admin()))).toContain('TotpKeySecret');
  });

  it('bundles each function’s own routes only: the evidence packs, audit view and download page renderer in the staff tools, the request workflow and connected systems in the casework, sign-in and people in the admin API', () => {
    const toolsOnly = [
      'functions/admin/routes/evidence.ts',
      'shared/admin/evidence.ts',
      'shared/admin/evidence-systems.ts',
      'shared/complaints/evidence.ts',
      'shared/admin/audit-view.ts',
      'functions/adapters/dynamo/audit-browse.ts',
      'shared/admin/reports.ts',
      'shared/admin/staff.ts',
      'functions/admin/download-pages.tsx',
      'node_modules/preact-render-to-string/src/index.js',
    ];
    const caseworkOnly = [
      'functions/admin/routes/requests.ts',
      'functions/admin/routes/exports.ts',
      'functions/admin/routes/marketing.ts',
      'shared/admin/actions/take.ts',
      'shared/admin/log.ts',
    ];
    const adminOnly = [
      'functions/admin/routes/auth.ts',
      'functions/admin/routes/queue.ts',
      'functions/admin/routes/subjects.ts',
      'functions/admin/routes/complaints.ts',
      'shared/data-tools/import.ts',
      'shared/staff/totp.ts',
    ];
    const bundles = { admin: sourcesOf(admin()), casework: sourcesOf(casework()), tools: sourcesOf(tools()) };
    const only = { admin: adminOnly, casework: caseworkOnly, tools: toolsOnly };
    for (const [name, files] of Object.entries(only)) {
      for (const file of files) {
        for (const [other, sources] of Object.entries(bundles)) {
          if (other === name) expect(sources, `${file} in ${name}`).toContain(file);
          else expect(sources, `${file} not in ${other}`).not.toContain(file);
        }
      }
    }
    // The admin API keeps of connected systems only the runs' reading side (the queue's "needs a handler").
    // (issue 13's budget); the casework has their staff side, which the staff tools share for a run's progress.
    for (const file of [
      'shared/admin/actions/systems.ts',
      'shared/fulfilment/erase-systems.ts',
      'shared/fulfilment/correct-systems.ts',
      'shared/systems/declaration.ts',
      'shared/systems/request-run.ts',
      'shared/systems/plan.ts',
      'shared/systems/report.ts',
      'shared/systems/outcome.ts',
      'shared/admin/systems-view.ts',
    ]) {
      expect(bundles.admin, file).not.toContain(file);
      expect(bundles.casework, file).toContain(file);
    }
    expect(bundles.admin).toContain('functions/adapters/dynamo/system-run-store.ts');
    // No connector in any: that code is the systems worker's alone.
    expect(
      Object.values(bundles)
        .flat()
        .filter((s) => s.startsWith('functions/connectors/')),
    ).toEqual([]);
  });

  it('staff tools bundle answers its own routes (a signed-out download gets a page) and not the admin API’s; the admin bundle not the tools’', () => {
    const evidence = samplePath('/t/:tenant/admin/subjects/:subjectId/requests/:requestId/evidence');
    const json = invoke(tools(), evidence);
    expect(json.statusCode).toBe(401);
    expect(JSON.parse(json.body).error).toBe('unauthenticated');
    const page = invoke(tools(), evidence, 'text/html');
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('Sign in to download this');
    const doc = invoke(tools(), '/api/t/it-mk/admin/tools/openapi.json');
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(JSON.parse(doc.body).paths);
    expect(paths).toContain('/api/t/{tenant}/admin/audit/events');
    expect(paths).not.toContain('/api/t/{tenant}/admin/requests');
    expect(invoke(tools(), '/api/t/it-mk/admin/requests').statusCode).toBe(404);
    expect(invoke(tools(), '/api/t/no-such-msp/admin/audit/events').statusCode).toBe(404);

    expect(invoke(admin(), '/api/t/it-mk/admin/audit/events').statusCode).toBe(404);
    expect(invoke(admin(), evidence).statusCode).toBe(404);
    expect(invoke(admin(), '/api/t/it-mk/admin/requests').statusCode).toBe(401);
    const adminDoc = Object.keys(JSON.parse(invoke(admin(), '/api/t/it-mk/admin/openapi.json').body).paths);
    expect(adminDoc).toContain('/api/t/{tenant}/admin/requests');
    expect(adminDoc).not.toContain('/api/t/{tenant}/admin/audit/events');
    expect(adminDoc).not.toContain('/api/t/{tenant}/admin/subjects/{subjectId}/requests/{requestId}');
  });

  it('casework bundle answers a request’s page and its own OpenAPI document, not the queue; the admin bundle not a request’s page', () => {
    const request = samplePath('/t/:tenant/admin/subjects/:subjectId/requests/:requestId');
    const detail = invoke(casework(), request);
    expect(detail.statusCode).toBe(401);
    expect(JSON.parse(detail.body).error).toBe('unauthenticated');
    const doc = invoke(casework(), '/api/t/it-mk/admin/casework/openapi.json');
    expect(doc.statusCode).toBe(200);
    const paths = JSON.parse(doc.body).paths;
    expect(Object.keys(paths)).toContain('/api/t/{tenant}/admin/subjects/{subjectId}/requests/{requestId}/actions');
    // Logging a request only: the queue (GET, same path) is the admin API's.
    expect(Object.keys(paths['/api/t/{tenant}/admin/requests'])).toEqual(['post']);
    expect(invoke(casework(), '/api/t/it-mk/admin/requests').statusCode).toBe(404);
    expect(invoke(casework(), '/api/t/it-mk/admin/me').statusCode).toBe(404);
    expect(invoke(admin(), request).statusCode).toBe(404);
  });
});
