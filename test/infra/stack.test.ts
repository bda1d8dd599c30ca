import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageModules, pagePreloadCode } from '../../functions/http/page-preload.ts';
import { securityHeaders } from '../../functions/http/security.ts';
import { RUNTIME_PROVIDED_MODULES } from '../../infra/bundling.ts';
import { tenantSlugs } from '../../infra/constructs/app-function.ts';
import { EXPORT_EXPIRY_MARGIN_DAYS } from '../../infra/constructs/exports.ts';
import { JOB_SCHEDULES } from '../../infra/constructs/jobs.ts';
import { cspHeaderValue, extraHeaders } from '../../infra/constructs/security-headers.ts';
import { TABLE_ACCESS } from '../../infra/constructs/table-access.ts';
import { fromRoot } from '../../infra/paths.ts';
import { LEASE_SECONDS } from '../../shared/exports/build.ts';
import { jobNames, scheduledJobNames } from '../../shared/jobs/index.ts';
import { tableDefinition } from '../../shared/table.ts';
import { pageRewriteHandler } from './page-rewrite-harness.ts';
import {
  apiGetEvent,
  assetDir,
  ensureWebDist,
  linkRuntimeModules,
  runBundledHandler,
  type Synth,
  sdkPackagesLoadedAtColdStart,
  synth,
} from './synth.ts';
import { tableRights } from './table-rights.ts';

const SEED_TENANTS = ['inflection-point', 'instant-on-it', 'it-mk', 'northgate-it', 'the-one-point'];

let synthesised: Synth;
let template: Template;

function resourceOf(type: string, props: Record<string, unknown>): { id: string; properties: any } {
  const found = Object.entries(template.findResources(type, { Properties: props }));
  expect(found, `${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, properties: resource.Properties };
}

const portal = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('subject portal') });
const admin = () => resourceOf('AWS::Lambda::Function', { Description: 'Privacy centre: staff admin API' });
const staffTools = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('staff tools API') });
const casework = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('staff casework API') });
const dispatcher = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('outbox dispatcher') });
const builder = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('export builder') });
const mailFeedbackFn = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('mail feedback') });
const jobsFn = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('scheduled jobs') });
const mailFeedback = () => resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('mail feedback') });
const systemsWorker = () =>
  resourceOf('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('connected-systems worker') });
/** The exports bucket: the one whose lifecycle expires exports (the page bucket has none, the log bucket expires logs). */
const exportsBucket = () =>
  resourceOf('AWS::S3::Bucket', {
    LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-exports' })]) },
  });

/** Every function the project deploys (not CDK's own custom-resource handlers). */
const APP_FUNCTIONS = [
  ['portal', portal],
  ['admin', admin],
  ['casework', casework],
  ['staff tools', staffTools],
  ['dispatcher', dispatcher],
  ['export builder', builder],
  ['jobs', jobsFn],
  ['mail feedback', mailFeedback],
  ['systems worker', systemsWorker],
] as const;

/** The role a function runs as (its logical id). */
const roleOf = (fn: { properties: any }): string => fn.properties.Role['Fn::GetAtt'][0];

/** Every statement of the policies attached to a role. */
const statementsOf = (role: string): any[] =>
  Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } })).flatMap(
    (p: any) => p.Properties.PolicyDocument.Statement,
  );

/** X-Ray's trace writes, which every function has for active tracing. */
const isXray = (s: any): boolean => [s.Action].flat().every((a: string) => a.startsWith('xray:'));

/** Reading a secret at cold start (the hash key; the API functions also the origin secret). */
const isSecretRead = (s: any): boolean => [s.Action].flat().every((a: string) => a.startsWith('secretsmanager:'));

/** The logical ids of the secrets a statement is about. */
const secretsOf = (s: any): string[] => [s.Resource].flat().map((r: any) => r.Ref);

/** The S3 statements of a role, actions sorted. */
const s3StatementsOf = (role: string) =>
  statementsOf(role)
    .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')))
    .map((s) => ({ ...s, Action: [s.Action].flat().sort() }));

/** A resource that is every object of the exports bucket, as CDK renders it. */
const exportObjects = () => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [exportsBucket().id, 'Arn'] }, '/*']] });

/** The DynamoDB statements of a role, comparable across roles. */
const dynamoStatementsOf = (role: string) =>
  statementsOf(role)
    .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')))
    .map((s) => ({ ...s, Action: [s.Action].flat().sort() }));

const rightsOf = (access: { actions: string[]; indexes: boolean }): string[] =>
  [...access.actions.map((a) => `dynamodb:${a} on table`), ...(access.indexes ? ['dynamodb:Query on index'] : [])].sort();

/** The function an HTTP API route integrates with (its logical id). */
function routeTarget(routeKey: string): string {
  const route = resourceOf('AWS::ApiGatewayV2::Route', { RouteKey: routeKey }).properties;
  const integrationId = route.Target['Fn::Join'][1][1].Ref;
  const integration = template.toJSON().Resources[integrationId];
  expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
  expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  return integration.Properties.IntegrationUri['Fn::GetAtt'][0];
}

/** Runs a bundled Lambda on an event in a child process (see runBundledHandler). */
const runBundle = (fn: { properties: any }, event: unknown): any => runBundledHandler(bundleDir(fn), event);

/** Runs a bundled hono Lambda on an HTTP API v2 GET, as API Gateway would, in a child process. */
function invokeBundle(fn: { properties: any }, routeKey: string, path: string): { statusCode: number; body: string } {
  const event = apiGetEvent(routeKey, path);
  return runBundle(fn, event);
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const bundleDir = (fn: { properties: any }) => assetDir(synthesised.outdir, fn.properties);

beforeAll(() => {
  ensureWebDist();
  const started = Date.now();
  synthesised = synth({ stage: 'test', mailFrom: 'Privacy Centre <privacy@centre.example.org>' });
  template = synthesised.template;
  console.info(`infra: synth with bundling took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The bundles leave the AWS SDK clients to the runtime (infra/bundling.ts): they resolve from the
  // project's node_modules here, as from /var/runtime/node_modules on Lambda.
  linkRuntimeModules(synthesised.outdir);
  // Five bundles (portal, admin, dispatcher, export builder, jobs) on a shared two-core machine.
}, 240_000);

afterAll(() => {
  if (synthesised) rmSync(synthesised.outdir, { recursive: true, force: true });
});

describe('the table', () => {
  it('is built from the shared definition: keys, every index of it (gsi1 among them), TTL', () => {
    expect(tableDefinition.indexes.map((index) => index.name)).toContain('gsi1');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is on demand, recoverable, protected, encrypted and streams new and old images', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
    });
  });
});

describe('the functions', () => {
  it.each(APP_FUNCTIONS)('%s runs Node 24 on arm64 with the environment config.ts needs', (_name, fn) => {
    const { properties } = fn();
    expect(properties.Runtime).toBe('nodejs24.x');
    expect(properties.Architectures).toEqual(['arm64']);
    expect(properties.Handler).toBe('index.handler');
    const env = properties.Environment.Variables;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'PUBLIC_URL', 'TENANTS_DIR', 'MAIL_FROM', 'HASH_KEY_SECRET_ARN']),
    );
    expect(env).not.toHaveProperty('AWS_REGION');
    expect(env.TENANTS_DIR).toBe('/var/task/tenants');
    expect(env.MAIL_FROM).toBe('Privacy Centre <privacy@centre.example.org>');
    expect(env.TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^DataTable/) });
    // The key itself is read at cold start: neither its value nor a reference to it is in the configuration.
    expect(env).not.toHaveProperty('HASH_KEY');
    expect(JSON.stringify(env)).not.toContain('{{resolve:secretsmanager:');
    expect(env.HASH_KEY_SECRET_ARN).toEqual({ Ref: 'HashKeySecret7ACD893C' });
    // The version written and the newest the secret holds (-c hashKeyVersion, hashKeyLatest; 1 until a rotation).
    expect(env.HASH_KEY_VERSION).toBe('1');
    expect(env.HASH_KEY_LATEST).toBe('1');
    expect(env.PUBLIC_URL).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^SiteDistribution/), 'DomainName'] }]],
    });
  });

  it('sizes the portal, the admin API, the casework and the staff tools at 512 MB and 10 s', () => {
    expect(portal().properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
    expect(admin().properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
    expect(casework().properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
    expect(staffTools().properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
  });

  it('gives every function its own role', () => {
    const roles = APP_FUNCTIONS.map(([, fn]) => roleOf(fn()));
    expect(new Set(roles).size).toBe(APP_FUNCTIONS.length);
  });

  it('gives each function only the table actions its code makes: no Scan but the jobs’, no DescribeTable, no index for mail feedback', () => {
    const expected: Record<string, string[]> = {
      portal: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
      admin: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
      casework: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'],
      staffTools: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      dispatcher: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      builder: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      jobs: ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
      mailFeedback: ['GetItem', 'Query', 'PutItem'],
    };
    const fns = { portal, admin, casework, staffTools, dispatcher, builder, jobs: jobsFn, mailFeedback: mailFeedbackFn };
    for (const [name, fn] of Object.entries(fns)) {
      const access = { actions: expected[name]!, indexes: name !== 'mailFeedback' };
      expect(tableRights(template, fn()), name).toEqual(rightsOf(access));
      expect(TABLE_ACCESS[name as keyof typeof TABLE_ACCESS], name).toEqual(access);
    }
  });

  it('gives the casework the portal’s table access and erasure’s batch deletes, and on the exports only the deleting of files; the admin API the portal’s and nothing on S3', () => {
    const caseworkRole = roleOf(casework());
    const caseworkDynamo = dynamoStatementsOf(caseworkRole);
    expect(caseworkDynamo.length).toBeGreaterThan(0);
    expect(JSON.stringify(caseworkDynamo)).toMatch(/DataTable/);
    expect(tableRights(template, casework())).toEqual(rightsOf(TABLE_ACCESS.casework));
    expect(tableRights(template, admin())).toEqual(rightsOf(TABLE_ACCESS.portal));
    expect(tableRights(template, portal())).toEqual(rightsOf(TABLE_ACCESS.portal));
    // Erasure deletes the subject's export files; staff never download them.
    expect(s3StatementsOf(caseworkRole)).toEqual([{ Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: exportObjects() }]);
    // Nothing beyond the table, that and X-Ray's trace writes (logs go through the managed execution policy).
    expect(statementsOf(caseworkRole).filter((s) => !isXray(s) && !isSecretRead(s)).length).toBe(caseworkDynamo.length + 1);
    const adminRole = roleOf(admin());
    expect(s3StatementsOf(adminRole)).toEqual([]);
    expect(statementsOf(adminRole).filter((s) => !isXray(s) && !isSecretRead(s)).length).toBe(
      dynamoStatementsOf(adminRole).length,
    );
  });

  it('lets the portal read export files (to presign a download) and do nothing else on S3', () => {
    const portalRole = roleOf(portal());
    expect(s3StatementsOf(portalRole)).toEqual([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: exportObjects() }]);
    expect(statementsOf(portalRole).filter((s) => !isXray(s) && !isSecretRead(s)).length).toBe(
      dynamoStatementsOf(portalRole).length + 1,
    );
  });

  it('gives the portal, the casework, the builder and the jobs the exports bucket and download period', () => {
    for (const fn of [portal, casework, builder, jobsFn]) {
      const env = fn().properties.Environment.Variables;
      expect(env.EXPORTS_BUCKET).toEqual({ Ref: exportsBucket().id });
      expect(env.EXPORT_DOWNLOAD_DAYS).toBe('7');
    }
    for (const fn of [dispatcher, admin]) expect(fn().properties.Environment.Variables).not.toHaveProperty('EXPORTS_BUCKET');
  });

  it('caps the dispatcher at 5 concurrent executions, or reserves none with dispatcherConcurrency=0 (a new account’s quota)', () => {
    expect(dispatcher().properties.ReservedConcurrentExecutions).toBe(5);
    const unreserved = synth({ dispatcherConcurrency: '0' }, { bundle: false }).template;
    const [fn] = Object.values<any>(
      unreserved.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('outbox dispatcher') },
      }),
    );
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  }, 60_000);

  it('keeps each function’s logs for a month', () => {
    const groups = template.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 } });
    const fns = APP_FUNCTIONS.map(([, fn]) => fn());
    expect(new Set(fns.map((fn) => fn.properties.LoggingConfig.LogGroup.Ref)).size).toBe(APP_FUNCTIONS.length);
    for (const fn of fns) {
      const group = fn.properties.LoggingConfig.LogGroup.Ref;
      expect(Object.keys(groups)).toContain(group);
    }
  });

  it('generates a 64-character hash key and TOTP key in Secrets Manager and keeps them, under pinned logical ids', () => {
    const keys = template.findResources('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
    });
    // A new logical id would make CloudFormation create a new key on the next deploy, and every
    // stored hash (sign-in by email, suppressions, imports) or staff TOTP seal would stop matching.
    expect(Object.keys(keys).sort()).toEqual(['HashKeySecret7ACD893C', 'TotpKeySecret']);
  });

  it('forbids every function to write the published tenant policies (an operator publishes them)', () => {
    for (const [name, fn] of APP_FUNCTIONS) {
      const denies = statementsOf(roleOf(fn())).filter((s) => s.Effect === 'Deny');
      expect(denies, name).toEqual([
        {
          Effect: 'Deny',
          Action: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'Arn'] },
          Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['CONFIG'] } },
        },
      ]);
    }
  });

  it('lets every function read the hash key, only the four APIs the origin secret, only the admin API the TOTP key, only the portal the mailer secrets, and no secret anything more', () => {
    for (const [name, fn] of APP_FUNCTIONS) {
      const all = statementsOf(roleOf(fn())).filter(isSecretRead);
      // The connected-systems worker also reads the systems' own credentials, by name prefix only.
      const systemSecrets = (s: any) => JSON.stringify(s.Resource).includes(':secret:privacy-centre/systems/*');
      const reads = all.filter((s) => !systemSecrets(s));
      expect(all.filter(systemSecrets).length, name).toBe(name === 'systems worker' ? 1 : 0);
      const secrets = reads.flatMap(secretsOf).sort();
      const api = ['portal', 'admin', 'casework', 'staff tools'].includes(name as string);
      expect(secrets, name).toEqual([
        'HashKeySecret7ACD893C',
        ...(name === 'portal' ? [expect.stringMatching(/^SecretsMailerSecrets/)] : []),
        ...(api ? [expect.stringMatching(/^SecretsOriginSecret/)] : []),
        ...(name === 'admin' ? ['TotpKeySecret'] : []),
      ]);
      const env = fn().properties.Environment.Variables;
      if (name === 'admin') expect(env.TOTP_KEY_SECRET_ARN).toEqual({ Ref: 'TotpKeySecret' });
      else expect(env, name).not.toHaveProperty('TOTP_KEY_SECRET_ARN');
      if (name === 'portal')
        expect(env.MAILER_SECRETS_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^SecretsMailerSecrets/) });
      else expect(env, name).not.toHaveProperty('MAILER_SECRETS_SECRET_ARN');
      for (const s of reads)
        expect([s.Action].flat().sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
      if (api) expect(env.ORIGIN_SECRET_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^SecretsOriginSecret/) });
      else expect(env).not.toHaveProperty('ORIGIN_SECRET_SECRET_ARN');
    }
  });
});

describe('the bundles', () => {
  it.each(APP_FUNCTIONS)('%s carries every tenant’s policy.json and no demo data', (_name, fn) => {
    const files = filesUnder(bundleDir(fn()));
    const tenants = readdirSync(fromRoot('tenants')).sort();
    expect(tenants).toEqual(expect.arrayContaining(SEED_TENANTS));
    // …and the policies as the synth validated them, so a cold start need not validate them again.
    expect(files.filter((f) => f.startsWith('tenants/'))).toEqual(
      tenants.flatMap((slug) => [`tenants/${slug}/policy.json`, `tenants/${slug}/validated.json`]).sort(),
    );
    expect(files.filter((f) => f.endsWith('demo.json'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['index.mjs', 'index.mjs.map']));
  });

  it.each(APP_FUNCTIONS)(
    '%s carries no JSON Schema converter; an API function, the OpenAPI document built at synth instead',
    (name, fn) => {
      const dir = bundleDir(fn());
      // One of zod's converter's messages (infra/bundling.ts leaves the converter out).
      expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).not.toContain('cannot be represented in JSON Schema');
      const served = { portal: 'portal', admin: 'admin', casework: 'casework', 'staff tools': 'staff-tools' }[name as string];
      expect(filesUnder(dir).filter((f) => f.startsWith('openapi/'))).toEqual(served ? [`openapi/${served}.json`] : []);
      if (served) {
        const doc = JSON.parse(readFileSync(join(dir, 'openapi', `${served}.json`), 'utf8'));
        expect(doc.openapi).toBe('3.1.0');
        expect(Object.keys(doc.paths).length).toBeGreaterThan(3);
      }
    },
  );

  it.each(APP_FUNCTIONS)('%s loads the AWS SDK clients from the runtime, by require(), instead of bundling them', (_name, fn) => {
    const dir = bundleDir(fn());
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const sources: string[] = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')).sources;
    expect(code).toContain('"@aws-sdk/client-dynamodb"');
    for (const module of RUNTIME_PROVIDED_MODULES) {
      expect(sources.filter((source) => source.includes(`node_modules/${module}/`))).toEqual([]);
    }
    // Through the shims (infra/runtime-sdk): no ES module import of the SDK is left, static or dynamic.
    expect(code).not.toMatch(/from\s*"@aws-sdk\/|import\("@aws-sdk\//);
    expect(sources.filter((source) => source.includes('infra/runtime-sdk/'))).not.toEqual([]);
    // Not documented as part of the runtime's SDK: bundled, never imported from it.
    expect(code).not.toMatch(/"@aws-sdk\/(lib-storage|s3-request-presigner)"/);
  });

  it.each(APP_FUNCTIONS)(
    '%s bundles the scheduled jobs\u2019 stores and audit browsing only if it uses them (functions/wiring.ts, OnlySome)',
    (name, fn) => {
      const sources: string[] = JSON.parse(readFileSync(join(bundleDir(fn()), 'index.mjs.map'), 'utf8')).sources;
      const has = (file: string) => sources.some((source) => source.endsWith(file));
      for (const file of ['adapters/dynamo/housekeeping.ts', 'adapters/dynamo/rekey-store.ts'])
        expect(has(file), file).toBe(name === 'jobs');
      expect(has('adapters/dynamo/audit-browse.ts')).toBe(name === 'staff tools');
      expect(has('adapters/dynamo/audit-trail.ts')).toBe(true);
    },
  );

  it.each(APP_FUNCTIONS)(
    '%s carries the systems’ declaration schema only if it acts on systems, saves runs only if it works them, and a connector only if it is the worker (issue 13)',
    (name, fn) => {
      const code = readFileSync(join(bundleDir(fn()), 'index.mjs'), 'utf8');
      const sources: string[] = JSON.parse(readFileSync(join(bundleDir(fn()), 'index.mjs.map'), 'utf8')).sources;
      expect(
        sources.some((source) => source.includes('functions/connectors/')),
        'connector code',
      ).toBe(name === 'systems worker');
      // A message of the declaration schema (shared/systems/declaration.ts), and of the run writer.
      const schema = code.includes('connectors are not shipped yet');
      const writer = code.includes('too large to save in one transaction');
      expect(schema, 'declaration schema').toBe(['casework', 'staff tools', 'export builder', 'systems worker'].includes(name));
      expect(writer, 'run writer').toBe(['casework', 'staff tools', 'systems worker'].includes(name));
    },
  );

  it.each(APP_FUNCTIONS)(
    '%s loads the S3, SES and Secrets Manager clients only when first used, never at cold start',
    (_name, fn) => {
      // A static import of one of them anywhere (which esbuild hoists to the top of the bundle, whoever
      // imports it) would load it in every cold start; the adapters import it on first use.
      const loaded = sdkPackagesLoadedAtColdStart(bundleDir(fn()));
      expect(loaded).toEqual(expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']));
      expect(loaded.filter((module) => /client-(s3|sesv2|secrets-manager)$/.test(module))).toEqual([]);
    },
  );

  it('portal bundle answers an HTTP API v2 event with the bundled tenants', () => {
    const res = invokeBundle(portal(), 'ANY /api/{proxy+}', '/api/tenants');
    expect(res.statusCode).toBe(200);
    const slugs = JSON.parse(res.body).tenants.map((t: { slug: string }) => t.slug);
    expect(slugs.sort()).toEqual(expect.arrayContaining(SEED_TENANTS));
    // A JSON answer of 1 kB or more is gzipped for a client that accepts it, handed to API
    // Gateway as base64 for it to decode.
    const plain = invokeBundle(portal(), 'ANY /api/{proxy+}', '/api/openapi.json');
    const event = apiGetEvent('ANY /api/{proxy+}', '/api/openapi.json');
    const gzipped = runBundle(portal(), { ...event, headers: { ...event.headers, 'accept-encoding': 'gzip, br' } });
    expect(gzipped.isBase64Encoded).toBe(true);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(gzipped.body, 'base64')).toString('utf8'))).toEqual(JSON.parse(plain.body));
  });

  it('admin bundle answers an HTTP API v2 event for a bundled tenant, and refuses an unknown one', () => {
    const res = invokeBundle(admin(), 'ANY /api/t/{tenant}/admin/{proxy+}', '/api/t/it-mk/admin/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).info.title).toMatch(/staff admin API/);
    const unknown = invokeBundle(admin(), 'ANY /api/t/{tenant}/admin/{proxy+}', '/api/t/no-such-msp/admin/openapi.json');
    expect(unknown.statusCode).toBe(404);
  });

  it('jobs bundle starts cold and refuses a job that does not exist, naming the ones that do', () => {
    const res = runBundle(jobsFn(), { job: 'no-such-job' });
    expect(res.error).toMatch(/Unknown job "no-such-job"/);
    for (const job of jobNames) expect(res.error).toContain(job);
  });

  it('export builder bundle starts cold and passes over a stream record that is not a queued export', () => {
    const record = (image: Record<string, unknown>) => ({
      eventID: '1',
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: '100', NewImage: image },
    });
    const res = runBundle(builder(), {
      Records: [record({ type: { S: 'export' }, status: { S: 'ready' } }), record({ type: { S: 'outbox' } })],
    });
    expect(res).toEqual({ batchItemFailures: [] });
  });
});

describe('the outbox dispatcher', () => {
  it('reads the table stream: only outbox and audit INSERTs, halving failed batches, partial responses, failures to a queue', () => {
    const { id } = dispatcher();
    const mapping = resourceOf('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: id } }).properties;
    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^MailFailures/), 'Arn'] } } },
    });
    expect(mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['outbox'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['audit'] } } } },
    ]);
  });

  it('may send email only as the configured SES identity', () => {
    const role = dispatcher().properties.Role['Fn::GetAtt'][0];
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const ses = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect([ses[0].Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(ses[0].Resource).not.toBe('*');
    expect(JSON.stringify(ses[0].Resource)).toMatch(/:ses:.*:identity\/centre\.example\.org"/);
  });

  it('gives no other function SES rights', () => {
    const ses = Object.values(template.findResources('AWS::IAM::Policy')).filter((p: any) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:'),
    );
    expect(ses).toHaveLength(1);
  });
});

describe('the exports', () => {
  it('keep their files on a private, encrypted, TLS-only bucket that expires them a week after the download period', () => {
    const { id, properties } = exportsBucket();
    expect(properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(properties).not.toHaveProperty('CorsConfiguration');
    expect(properties).not.toHaveProperty('WebsiteConfiguration');
    expect(properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 7 + EXPORT_EXPIRY_MARGIN_DAYS }),
    ]);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    // Disposable copies: the bucket (emptied first) goes with the stack.
    template.hasResource('AWS::S3::Bucket', {
      Properties: { LifecycleConfiguration: Match.anyValue() },
      DeletionPolicy: 'Delete',
    });
    template.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: { Ref: id } });
  });

  it('are built from the table stream: only queued export jobs, one at a time, partial responses, failures to a queue', () => {
    const { id } = builder();
    const mapping = resourceOf('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: id } }).properties;
    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^ExportsFailures/), 'Arn'] } } },
    });
    expect(mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['export'] }, status: { S: ['queued'] } } } },
    ]);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('builder has 1 GB and a timeout of one job lease, and on S3 only writes, reads and deletes export files', () => {
    const fn = builder();
    expect(fn.properties).toMatchObject({ MemorySize: 1024, Timeout: LEASE_SECONDS });
    const role = roleOf(fn);
    expect(dynamoStatementsOf(role).length).toBeGreaterThan(0);
    expect(s3StatementsOf(role)).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: exportObjects(),
      },
    ]);
  });

  it('no function but the builder may write export files', () => {
    const writers = APP_FUNCTIONS.filter(([, fn]) =>
      s3StatementsOf(roleOf(fn())).some((s) => s.Action.some((a: string) => a.startsWith('s3:Put'))),
    ).map(([name]) => name);
    expect(writers).toEqual(['export builder']);
  });
});

describe('the scheduled jobs', () => {
  const schedules = () => Object.values(template.findResources('AWS::Scheduler::Schedule')).map((s: any) => s.Properties);
  const schedulesOf = (id: string) => schedules().filter((s) => s.Target.Arn['Fn::GetAtt'][0] === id);
  /** Lambda retries a failed asynchronous run `retries` times, then parks it on the queue named `queue…`. */
  const expectParked = (id: string, retries: number, queue: string) =>
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: id },
      MaximumRetryAttempts: retries,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${queue}`), 'Arn'] } } },
    });

  it('has one schedule per job in shared/jobs, in UK time, invoking the jobs function with the job’s name', () => {
    const { id } = jobsFn();
    const all = schedulesOf(id);
    expect(all.map((s) => JSON.parse(s.Target.Input).job).sort()).toEqual([...scheduledJobNames].sort());
    expect(jobNames.filter((job) => !scheduledJobNames.includes(job as never))).toEqual(['rekey-hashes']);
    for (const job of scheduledJobNames) {
      const schedule = all.find((s) => s.Target.Input === JSON.stringify({ job }));
      expect(schedule, job).toMatchObject({
        ScheduleExpression: JOB_SCHEDULES[job],
        ScheduleExpressionTimezone: 'Europe/London',
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [id, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^JobsFailures/), 'Arn'] } },
        },
      });
    }
    expect(JOB_SCHEDULES).toEqual({
      'retention-sweep': 'cron(0 2 * * ? *)',
      'deadline-digest': 'cron(0 8 * * ? *)',
      'fee-sweep': 'cron(0 3 * * ? *)',
      cleanup: 'cron(0 * * * ? *)',
    });
  });

  it('invokes the export builder’s sweep every 15 minutes, so a build that timed out is retaken', () => {
    const { id } = builder();
    const sweeps = schedulesOf(id);
    expect(sweeps).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0/15 * * * ? *)',
        Target: expect.objectContaining({
          Input: '{}',
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^JobsFailures/), 'Arn'] } },
        }),
      }),
    ]);
    // A sweep that throws is retried by Lambda, then parked with the builder's other failures.
    expectParked(id, 2, 'ExportsFailures');
  });

  it('invokes the dispatcher’s outbox recovery every 5 minutes; a failed pass is not retried (the next one does the same) but parked', () => {
    const { id } = dispatcher();
    expect(schedulesOf(id)).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0/5 * * * ? *)',
        ScheduleExpressionTimezone: 'Europe/London',
        Target: expect.objectContaining({
          Input: JSON.stringify({ recover: 'outbox' }),
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^MailFailures/), 'Arn'] } },
        }),
      }),
    ]);
    expectParked(id, 0, 'MailFailures');
  });

  it('lets the scheduler, from this account only, invoke the jobs function, the export sweep and the outbox recovery and park failures, nothing else', () => {
    // The connected-systems sweep has a role of its own (test/infra/systems.test.ts).
    const worker = systemsWorker().id;
    const roles = new Set(
      schedules()
        .filter((s) => s.Target.Arn['Fn::GetAtt']?.[0] !== worker)
        .map((s) => s.Target.RoleArn['Fn::GetAtt'][0]),
    );
    expect(roles.size).toBe(1);
    const [role] = [...roles] as [string];
    const trust = template.toJSON().Resources[role].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: expect.objectContaining({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }) },
      }),
    ]);
    const targets = [jobsFn().id, builder().id, dispatcher().id];
    const statements = statementsOf(role).map((s) => ({ ...s, Action: [s.Action].flat(), Resource: [s.Resource].flat() }));
    const arnAndVersions = (fn: string) => [
      { 'Fn::GetAtt': [fn, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fn, 'Arn'] }, ':*']] },
    ];
    const invoke = statements.filter((s) => s.Action.includes('lambda:InvokeFunction'));
    expect(invoke.every((s) => s.Action.length === 1)).toBe(true);
    const invoked = invoke.flatMap((s) => s.Resource);
    expect(invoked).toEqual(expect.arrayContaining(targets.flatMap(arnAndVersions)));
    expect(invoked).toHaveLength(6);
    const send = statements.filter((s) => !s.Action.includes('lambda:InvokeFunction'));
    expect(send.every((s) => s.Action.length === 1 && s.Action[0] === 'sqs:SendMessage')).toBe(true);
    expect(
      send
        .flatMap((s) => s.Resource)
        .map((r: any) => r['Fn::GetAtt'][0])
        .sort(),
    ).toEqual([expect.stringMatching(/^JobsFailures/), expect.stringMatching(/^MailFailures/)]);
  });

  it('retries a failed run and then parks it on the failure queue', () => {
    expectParked(jobsFn().id, 2, 'JobsFailures');
  });

  it('jobs function has 512 MB, 15 minutes, the table, and on S3 only the deleting of expired export files', () => {
    const fn = jobsFn();
    expect(fn.properties).toMatchObject({ MemorySize: 512, Timeout: 900 });
    const role = roleOf(fn);
    expect(tableRights(template, fn)).toEqual(rightsOf(TABLE_ACCESS.jobs));
    expect(s3StatementsOf(role)).toEqual([{ Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: exportObjects() }]);
  });

  it('jobs function can run rekey-hashes: scan the table, move items (put, delete, update), read the hash key; no TOTP key', () => {
    const fn = jobsFn();
    expect(tableRights(template, fn)).toEqual(
      expect.arrayContaining(['Scan', 'GetItem', 'PutItem', 'DeleteItem', 'UpdateItem'].map((a) => `dynamodb:${a} on table`)),
    );
    expect(statementsOf(roleOf(fn)).filter(isSecretRead).flatMap(secretsOf)).toEqual(['HashKeySecret7ACD893C']);
    // No schedule: the operator invokes it (README), by the function name the stack outputs.
    const inputs = Object.values<any>(template.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties.Target.Input);
    expect(inputs.some((input) => String(input).includes('rekey-hashes'))).toBe(false);
    expect(template.toJSON().Outputs.JobsFunctionName.Value).toEqual({ Ref: fn.id });
  });
});

describe('the HTTP API', () => {
  it('routes ANY /api/{proxy+} to the portal', () => {
    expect(routeTarget('ANY /api/{proxy+}')).toBe(portal().id);
  });

  it('routes ANY /api/t/{tenant}/admin and everything under it to the admin API, on the same HTTP API', () => {
    expect(routeTarget('ANY /api/t/{tenant}/admin/{proxy+}')).toBe(admin().id);
    expect(routeTarget('ANY /api/t/{tenant}/admin')).toBe(admin().id);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => r.Properties);
    // The rest are the casework's and the staff tools' own routes (test/infra/staff-functions.test.ts).
    expect(
      routes
        .map((r) => r.RouteKey)
        .filter((key) => key.startsWith('ANY '))
        .sort(),
    ).toEqual(['ANY /api/t/{tenant}/admin', 'ANY /api/t/{tenant}/admin/{proxy+}', 'ANY /api/{proxy+}']);
    expect(new Set(routes.map((r) => JSON.stringify(r.ApiId))).size).toBe(1);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
  });

  it('lets API Gateway invoke the admin API only for the admin routes', () => {
    const permissions = Object.values(
      template.findResources('AWS::Lambda::Permission', { Properties: { FunctionName: { 'Fn::GetAtt': [admin().id, 'Arn'] } } }),
    ).map((p: any) => JSON.stringify(p.Properties.SourceArn));
    expect(permissions).toHaveLength(2);
    expect(permissions.map((arn) => arn.match(/\/\*\/\*(\/api[^"]*)"/)?.[1]).sort()).toEqual([
      '/api/t/{tenant}/admin',
      '/api/t/{tenant}/admin/{proxy+}',
    ]);
  });

  it('throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });
});

describe('the site', () => {
  it('keeps the page bucket private, encrypted and TLS-only', () => {
    const { id } = resourceOf('AWS::S3::Bucket', {
      LifecycleConfiguration: Match.absent(),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('serves the page from S3 through origin access control and /api/* from the HTTP API, uncached', () => {
    const { properties } = resourceOf('AWS::CloudFront::Distribution', {});
    const config = properties.DistributionConfig;
    const api = config.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    const apiOrigin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('.execute-api.');
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    // The origin secret, resolved from Secrets Manager at deploy time, so the API can tell CloudFront's requests from direct ones.
    expect(apiOrigin.OriginCustomHeaders).toEqual([{ HeaderName: 'x-origin-verify', HeaderValue: expect.anything() }]);
    expect(JSON.stringify(apiOrigin.OriginCustomHeaders[0].HeaderValue)).toMatch(/resolve:secretsmanager:.*SecretsOriginSecret/);

    const page = config.DefaultCacheBehavior;
    expect(page.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // Managed-CachingOptimized
    expect(page.ViewerProtocolPolicy).toBe('redirect-to-https');
    const pageOrigin = config.Origins.find((o: any) => o.Id === page.TargetOriginId);
    expect(pageOrigin.OriginAccessControlId).toBeDefined();
    expect(page.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^SitePageRewrite/), 'FunctionARN'] } },
      { EventType: 'viewer-response', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^SitePagePreload/), 'FunctionARN'] } },
    ]);
    // The page's two, and the API's throttle answer (test/infra/throttle-responses.test.ts).
    template.resourceCountIs('AWS::CloudFront::Function', 3);
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
  });

  it('deploys a page rewrite that answers unknown tenants with a 404, admin.html for the staff pages and index.html for the others', async () => {
    const store = resourceOf('AWS::CloudFront::KeyValueStore', {});
    template.resourceCountIs('AWS::CloudFront::KeyValueStore', 1);
    // The store starts with every bundled tenant's slug (an inline import, uploaded as an asset).
    expect(store.properties.ImportSource).toMatchObject({ SourceType: 'S3' });
    const { properties } = resourceOf('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Comment: Match.stringLikeRegexp('unknown tenant') }),
    });
    expect(properties.FunctionConfig.KeyValueStoreAssociations).toEqual([
      { KeyValueStoreARN: { 'Fn::GetAtt': [store.id, 'Arn'] } },
    ]);
    const handler = pageRewriteHandler(properties.FunctionCode, tenantSlugs());
    const rewrite = async (uri: string) => {
      const result = await handler(uri);
      return 'uri' in result ? result.uri : result.statusCode;
    };
    expect(await rewrite('/t/it-mk/admin')).toBe('/admin.html');
    expect(await rewrite('/t/it-mk/admin/requests/IPM-2026-000001')).toBe('/admin.html');
    expect(await rewrite('/t/it-mk/administrator')).toBe('/index.html');
    expect(await rewrite('/t/northgate-it/verify')).toBe('/index.html');
    expect(await rewrite('/t/it-mk/admin.css')).toBe('/t/it-mk/admin.css');
    expect(await rewrite('/t/no-such-tenant/')).toBe(404);
    expect(await rewrite('/t/no-such-tenant/admin')).toBe(404);
  });

  it('deploys the page preload the local server runs, as the viewer-response function', () => {
    const { properties } = resourceOf('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Comment: Match.stringLikeRegexp('Preloads') }),
    });
    expect(properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const manifest = JSON.parse(readFileSync('web/dist/.vite/manifest.json', 'utf8'));
    const modules = pageModules(manifest);
    // The page's entry chunk, and the signed-in view as its own chunk in this build: the function names both.
    expect(modules.every[0]).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    expect(modules.signedIn[0]).toMatch(/^\/assets\/my-data-[\w-]+\.js$/);
    expect(properties.FunctionCode).toBe(pagePreloadCode(modules));
  });

  it('says where the tenant slugs store is, for a tenant added by publishing', () => {
    template.hasOutput('TenantSlugsStoreArn', {
      Value: { 'Fn::GetAtt': [resourceOf('AWS::CloudFront::KeyValueStore', {}).id, 'Arn'] },
    });
  });

  it('sends strict security headers on the page and the API', () => {
    const { id, properties } = resourceOf('AWS::CloudFront::ResponseHeadersPolicy', {});
    const security = properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp: string = security.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 31536000,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    const config = resourceOf('AWS::CloudFront::Distribution', {}).properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: id });
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual({ Ref: id });
  });

  it('sends the very headers the API sends (no drift from functions/http/security.ts)', async () => {
    const app = new Hono().use(securityHeaders()).get('/', (c) => c.text('ok'));
    const res = await app.request('/');
    expect(cspHeaderValue).toBe(res.headers.get('Content-Security-Policy'));
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
    for (const [header, value] of Object.entries(extraHeaders)) expect(res.headers.get(header), header).toBe(value);
  });

  it('uploads hashed assets with a one-year immutable cache and the rest (index.html, admin.html) as no-cache', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((d: any) => d.Properties);
    expect(
      deployments.map((d) => [d.DestinationBucketKeyPrefix ?? '', d.SystemMetadata['cache-control'], d.Prune]).sort(),
    ).toEqual([
      ['', 'no-cache', false],
      ['assets/', 'public, max-age=31536000, immutable', false],
    ]);
    const pages = Object.values(template.findResources('Custom::CDKBucketDeployment')).find(
      (d: any) => d.Properties.SystemMetadata['cache-control'] === 'no-cache',
    ) as any;
    expect(pages.DependsOn.some((dep: string) => dep.startsWith('SiteAssetsCustomResource'))).toBe(true);
    const pageAsset = join(synthesised.outdir, `asset.${pages.Properties.SourceObjectKeys[0].replace(/\.zip$/, '')}`);
    expect(filesUnder(pageAsset)).toEqual(expect.arrayContaining(['index.html', 'admin.html']));
    expect(filesUnder(pageAsset).some((f) => f.startsWith('assets/'))).toBe(false);
  });
});

describe('the outputs', () => {
  it('give the site URL, the API URL and the table name', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'TableName']));
    expect(JSON.stringify(outputs.SiteUrl!.Value)).toContain('SiteDistribution');
    expect(JSON.stringify(outputs.ApiUrl!.Value)).toContain('.execute-api.');
  });
});

/** The properties of the one resource of a type in a template. */
function resourceOfTemplate(t: Template, type: string): any {
  const all = Object.values(t.findResources(type)) as any[];
  expect(all).toHaveLength(1);
  return all[0].Properties;
}

describe('another stage with its own domain', () => {
  it('names the stack after the stage and gives the functions the public URL it is told', () => {
    const { stack, template, outdir } = synth({ stage: 'qa', publicUrl: 'https://privacy.example.org' }, { bundle: false });
    rmSync(outdir, { recursive: true, force: true });
    expect(stack.stackName).toBe('PrivacyCentre-qa');
    const urls = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((f: any) => f.Properties.Environment?.Variables?.PUBLIC_URL)
      .filter(Boolean);
    expect(urls).toEqual(Array(APP_FUNCTIONS.length).fill('https://privacy.example.org'));
    expect(template.findOutputs('SiteUrl').SiteUrl!.Value).toBe('https://privacy.example.org');
  }, 60_000);

  it('answers on the custom domain with its certificate and TLS 1.2 or later, aliased in the hosted zone', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const { stack, template, outdir } = synth(
      {
        stage: 'qa',
        publicUrl: 'https://privacy.example.org',
        certificateArn,
        mailFrom: 'Privacy <privacy@mail.example.org>',
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        hostedZoneName: 'example.org',
      },
      { bundle: false },
    );
    rmSync(outdir, { recursive: true, force: true });
    const config = resourceOfTemplate(template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.Aliases).toEqual(['privacy.example.org']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'privacy.example.org.',
        Type: type,
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        AliasTarget: Match.objectLike({ HostedZoneId: Match.anyValue() }),
      });
    }
    // The TLS minimum is now set, so cdk-nag has nothing to say about it (nor anything else).
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack.validateScope(stack).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
    );
    expect(findings).toEqual([]);
  }, 60_000);

  it('keeps exports for the download period it is told, and expires their files a week after', () => {
    const { template, outdir } = synth({ stage: 'qa', exportDownloadDays: '30' }, { bundle: false });
    rmSync(outdir, { recursive: true, force: true });
    const rules = Object.values(
      template.findResources('AWS::S3::Bucket', {
        Properties: { LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-exports' })]) } },
      }),
    );
    expect(rules).toHaveLength(1);
    expect((rules[0] as any).Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30 + EXPORT_EXPIRY_MARGIN_DAYS);
    const days = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((f: any) => f.Properties.Environment?.Variables?.EXPORT_DOWNLOAD_DAYS)
      .filter(Boolean);
    expect(days).toEqual(Array(4).fill('30'));
  }, 60_000);
});
