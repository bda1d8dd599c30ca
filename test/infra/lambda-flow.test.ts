import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type AttributeValue, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../functions/adapters/dynamo/client.ts';
import { dynamoSystemRunWriter } from '../../functions/adapters/dynamo/system-run-store.ts';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import { loadTenantPolicies } from '../../functions/adapters/fs/tenant-files.ts';
import { loadConfig } from '../../functions/config.ts';
import { loadTenantDir } from '../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../functions/local/vendors/index.ts';
import { tenantDirectory, wire } from '../../functions/wiring.ts';
import { newId, sha256 } from '../../shared/crypto.ts';
import { addDays, ukDate } from '../../shared/deadlines.ts';
import type { Deps } from '../../shared/deps.ts';
import type { RightsRequest } from '../../shared/entities.ts';
import { dueOnFor } from '../../shared/requests/clock.ts';
import { systemsOf } from '../../shared/systems/declared.ts';
import { newRun, planOnStart } from '../../shared/systems/request-run.ts';
import { type DynamoRecorder, dynamoRecorder } from '../support/dynamo-recorder.ts';
import { type Invocation, type LambdaContainer, startContainer } from '../support/lambda-container.ts';
import { httpApiEvent, streamEvent, streamRecord } from '../support/lambda-events.ts';
import { emailsTo, tokenFrom, waitForEmail } from '../support/mail.ts';
import { type SecretsStandIn, secretsStandIn } from '../support/secrets-stand-in.ts';
import { type SesOutage, sesOutage } from '../support/ses-outage.ts';
import { assetDir, ensureWebDist, linkRuntimeModules, type Synth, synth } from './synth.ts';
import { tableRights } from './table-rights.ts';

/**
 * The Lambda bundles `cdk synth` produced, run as Lambda runs them (one container each: the module
 * imported once, then `handler(event, context)` per invocation; test/support/lambda-container.ts)
 * with the environment the stack gives each function, against a fresh table on DynamoDB Local and
 * the SES stand-in, and driven by the events the services would send: API Gateway HTTP API
 * (payload 2.0, through CloudFront) for the portal, DynamoDB Streams records of what each call
 * wrote for the dispatcher, the Scheduler's `{ "job": ... }` for the jobs. Nothing here calls the
 * project's TypeScript handlers; the test process only seeds data and reads the table and mailbox.
 */

const TENANT = 'inflection-point';
const REGION = 'eu-west-2';
/** Our own origin, so the SES stand-in's emails from this file are told apart from other files'. */
const PUBLIC_URL = `https://lambda-flow-${randomBytes(4).toString('hex')}.privacy.example`;
const API_DOMAIN = 'a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com';
/** The secrets the functions read from Secrets Manager at cold start, given directly here. */
const SECRETS: Record<string, string> = {
  HASH_KEY: randomBytes(32).toString('hex'),
  ORIGIN_SECRET: randomBytes(32).toString('hex'),
  // The portal's mailer API signing secrets, one per tenant (JSON, as Secrets Manager holds it).
  MAILER_SECRETS: JSON.stringify({ 'it-mk': randomBytes(32).toString('hex') }),
};
const EMAIL = `lambda-flow-${newId()}@example.com`;

let synthesised: Synth;
let template: Template;
let db: Db;
let local: Deps;
let sesEndpoint: string;
let subjectId: string;
let portalRoute: string;
/**
 * `outage`: the dispatcher again, in a container of its own whose SES is down (test/support/ses-outage.ts).
 * `feedback`: the mail-feedback function, fed SES events as SNS delivers them.
 * `worker`: the connected-systems worker, fed the stream records of a run, calling the vendor
 * stand-ins with credentials it reads from a Secrets Manager stand-in.
 * `tools`: the staff tools function (evidence packs, audit trail, systems' progress), called as
 * API Gateway calls it on its own routes.
 */
const containers: Record<'portal' | 'dispatcher' | 'jobs' | 'outage' | 'feedback' | 'worker' | 'tools', LambdaContainer> =
  {} as never;
let outage: SesOutage;
let standIns: SystemStandIns;
let secrets: SecretsStandIn;
/** Each container's DynamoDB calls, to hold against its role (the rights the journey needed). */
const recorders: Partial<Record<keyof typeof containers, DynamoRecorder>> = {};
const functionIds: Partial<Record<keyof typeof containers, string>> = {};

function functionOf(description: RegExp): { id: string; properties: any } {
  const found = Object.entries(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp(description.source) } }),
  );
  expect(found, `one function described ${description}`).toHaveLength(1);
  return { id: found[0]![0], properties: (found[0]![1] as any).Properties };
}

/**
 * The function's environment from the template: literal values as they are, CloudFormation
 * references replaced by their local stand-ins, secret ARNs by the secrets themselves. A variable
 * this test does not know fails it: a new setting must be looked at, not silently dropped.
 */
function environmentOf(
  fn: { properties: any },
  taskRoot: string,
  tableName: string,
  ses: string = sesEndpoint,
  dynamo: string = inject('dynamoEndpoint'),
): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: REGION,
    DYNAMODB_ENDPOINT: dynamo,
    SES_ENDPOINT: ses,
  };
  for (const [name, value] of Object.entries<unknown>(fn.properties.Environment.Variables)) {
    const secret = name.match(/^(.+)_SECRET_ARN$/)?.[1];
    if (secret) {
      if (!SECRETS[secret]) throw new Error(`${name}: no local value for the secret ${secret}`);
      env[secret] = SECRETS[secret];
    } else if (typeof value === 'string') {
      // The code asset is unzipped at /var/task on Lambda.
      env[name] = value.startsWith('/var/task/') ? `${taskRoot}/${value.slice('/var/task/'.length)}` : value;
    } else if (name === 'TABLE_NAME') {
      env[name] = tableName;
    } else if (name === 'SES_CONFIGURATION_SET') {
      // The SES stand-in accepts any configuration set name (and ignores it).
      env[name] = 'privacy-centre-lambda-flow';
    } else if (name === 'EXPORTS_BUCKET') {
      // No export is built or deleted in this journey, so S3 is never called.
      env[name] = 'privacy-centre-exports-lambda-flow';
    } else {
      throw new Error(`${name} = ${JSON.stringify(value)}: no local stand-in for it`);
    }
  }
  return env;
}

async function scanTable(): Promise<Map<string, Record<string, AttributeValue>>> {
  const items = new Map<string, Record<string, AttributeValue>>();
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.raw.send(new ScanCommand({ TableName: db.table, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) items.set(`${item.pk?.S}|${item.sk?.S}`, item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * What the table's stream carries between two snapshots: an INSERT for each new item, a MODIFY
 * for each changed one, a REMOVE for each deleted one, in one batch.
 */
let snapshot = new Map<string, Record<string, AttributeValue>>();
/** An item as text with its attributes in a fixed order, so that only a real change differs. */
const canonical = (item: unknown) =>
  JSON.stringify(item, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
async function newStreamRecords(): Promise<DynamoDBRecord[]> {
  const now = await scanTable();
  const records: DynamoDBRecord[] = [];
  const options = { table: db.table, region: REGION };
  for (const [key, item] of now) {
    const old = snapshot.get(key);
    if (!old) records.push(streamRecord(item, { ...options, eventName: 'INSERT' }));
    else if (canonical(old) !== canonical(item))
      records.push(streamRecord(item, { ...options, eventName: 'MODIFY', oldImage: old }));
  }
  for (const [key, item] of snapshot) {
    if (!now.has(key)) records.push(streamRecord(item, { ...options, eventName: 'REMOVE', oldImage: item }));
  }
  snapshot = now;
  return records;
}

type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

/**
 * Hands the dispatcher what the stream carries, and what its own writes put on the stream after
 * that, until nothing new comes (as the event source mapping would). Returns the first batch.
 */
async function dispatchStream(): Promise<DynamoDBRecord[]> {
  const first = await newStreamRecords();
  let batch = first;
  for (let round = 0; batch.length > 0; round++) {
    expect(round, 'the stream quiesces').toBeLessThan(5);
    const out = await containers.dispatcher.invoke<BatchResponse>(streamEvent(batch));
    expect(out.error, containers.dispatcher.logs()).toBeUndefined();
    expect(out.result).toEqual({ batchItemFailures: [] });
    batch = await newStreamRecords();
  }
  return first;
}

type HttpResult = {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
};

async function api(
  method: 'GET' | 'POST',
  path: string,
  options: { json?: unknown; cookies?: string[]; origin?: string } = {},
): Promise<HttpResult & { json: any }> {
  const out = await containers.portal.invoke<HttpResult>(
    httpApiEvent({
      method,
      path,
      routeKey: portalRoute,
      apiDomain: API_DOMAIN,
      origin: method === 'GET' ? undefined : (options.origin ?? PUBLIC_URL),
      viewer: '198.51.100.23:50123',
      originSecret: SECRETS.ORIGIN_SECRET,
      cookies: options.cookies,
      json: options.json,
    }),
  );
  expect(out.error, containers.portal.logs()).toBeUndefined();
  const result = out.result as HttpResult;
  // A JSON answer of 1 kB or more comes gzipped (functions/http/compress-json.ts), as base64 for
  // API Gateway to decode; nothing else the portal sends here is binary.
  const gzipped = result.headers['content-encoding'] === 'gzip';
  expect(result.isBase64Encoded).toBe(gzipped);
  const body = gzipped ? gunzipSync(Buffer.from(result.body, 'base64')).toString('utf8') : result.body;
  return { ...result, body, json: body ? JSON.parse(body) : undefined };
}

const items = async () => [...(await scanTable()).values()].map((item) => unmarshall(item));
const outboxFor = async (to: string) =>
  (await items()).filter((i) => i.type === 'outbox' && (i.message?.to === to || i.message?.staffEmail === to));

beforeAll(async () => {
  sesEndpoint = inject('sesEndpoint');
  ensureWebDist();
  const started = Date.now();
  synthesised = synth({
    stage: 'test',
    mailFrom: 'Privacy Centre <privacy@centre.example.org>',
    publicUrl: PUBLIC_URL,
  });
  template = synthesised.template;
  linkRuntimeModules(synthesised.outdir);
  const synthMs = Date.now() - started;

  // The portal is the function behind the HTTP API's catch-all route, with payload format 2.0.
  const portal = functionOf(/subject portal/);
  portalRoute = 'ANY /api/{proxy+}';
  const [route] = Object.values<any>(
    template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: portalRoute } }),
  );
  const integration = template.toJSON().Resources[route.Properties.Target['Fn::Join'][1][1].Ref].Properties;
  expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  expect(integration.IntegrationUri['Fn::GetAtt'][0]).toBe(portal.id);

  // A fresh table, and one subject of a bundled tenant seeded through the adapters.
  const tableName = `lambda-flow-${newId()}`;
  db = createDb({ tableName, region: REGION, endpoint: inject('dynamoEndpoint') });
  await ensureTable(db);
  const config = loadConfig({
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    SES_ENDPOINT: sesEndpoint,
    PUBLIC_URL,
    MAIL_FROM: 'Privacy Centre <privacy@centre.example.org>',
    HASH_KEY: SECRETS.HASH_KEY,
    TENANTS_DIR: 'tenants',
  });
  const tenants = tenantDirectory(loadTenantPolicies('tenants'));
  // As the casework and the systems worker are wired: they save runs.
  local = wire(config, tenants, db, undefined, undefined, { systemRunWriter: dynamoSystemRunWriter }).deps;
  subjectId = newId();
  const today = ukDate(new Date());
  const made = await local.subjects.create(
    {
      id: subjectId,
      tenant: TENANT,
      email: EMAIL,
      relationship: { startedOn: addDays(today, -400) },
      createdAt: new Date().toISOString(),
      version: 0,
    },
    [
      {
        id: newId(),
        category: 'identity',
        recordedOn: addDays(today, -400),
        data: { firstName: 'Robin', lastName: 'Flow', email: EMAIL },
      },
    ],
    { audit: [] },
  );
  expect(made).toBe(true);
  snapshot = await scanTable();

  // One container per function, started together (each imports its bundle and cold-starts).
  outage = await sesOutage(sesEndpoint);
  // The tenant's connected systems: the vendor stand-ins with its demo people, their credentials
  // stored as the operator would, one secret per system under privacy-centre/systems/<tenant>/.
  const [bundle] = loadTenantDir('tenants').filter((t) => t.config.slug === TENANT);
  standIns = await startSystemStandIns([bundle!]);
  const apiSystems = systemsOf(bundle!.config).filter((system) => system.kind !== 'manual');
  secrets = await secretsStandIn(
    Object.fromEntries(
      await Promise.all(
        apiSystems.map(async (system) => [
          `privacy-centre/systems/${TENANT}/${system.id}`,
          JSON.stringify(await standIns.credentials.get(TENANT, system.id)),
        ]),
      ),
    ),
  );
  const start = async (
    name: keyof typeof containers,
    description: RegExp,
    ses = sesEndpoint,
    extra: Record<string, string> = {},
  ) => {
    const fn = functionOf(description);
    const taskRoot = assetDir(synthesised.outdir, fn.properties);
    const recorder = await dynamoRecorder(inject('dynamoEndpoint'));
    recorders[name] = recorder;
    functionIds[name] = fn.id;
    return startContainer({
      name: `PrivacyCentre-test-${fn.id}`,
      taskRoot,
      handler: fn.properties.Handler,
      memoryMb: fn.properties.MemorySize,
      timeoutSeconds: fn.properties.Timeout,
      environment: { ...environmentOf(fn, taskRoot, tableName, ses, recorder.endpoint), ...extra },
    }).then((container) => {
      containers[name] = container;
    });
  };
  expect(portal.properties.Handler).toBe('index.handler');
  await Promise.all([
    start('portal', /subject portal/),
    start('dispatcher', /outbox dispatcher/),
    start('jobs', /scheduled jobs/),
    start('outage', /outbox dispatcher/, outage.endpoint),
    start('feedback', /mail feedback/),
    start('tools', /staff tools API/),
    // The Lambda runtime gives a function its role's temporary credentials in these variables.
    start('worker', /connected-systems worker/, sesEndpoint, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_ACCESS_KEY_ID: 'ASIAWORKERROLE0000000',
      AWS_SECRET_ACCESS_KEY: randomBytes(30).toString('base64'),
      AWS_SESSION_TOKEN: randomBytes(60).toString('base64'),
    }),
  ]);
  console.info(
    `lambda-flow: synth ${(synthMs / 1000).toFixed(1)} s; init portal ${containers.portal.initMs} ms, dispatcher ${containers.dispatcher.initMs} ms, jobs ${containers.jobs.initMs} ms`,
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(Object.values(containers).map((c) => c?.stop()));
  await outage?.close();
  await secrets?.close();
  await standIns?.stop();
  await Promise.all(Object.values(recorders).map((r) => r?.close()));
  if (synthesised) rmSync(synthesised.outdir, { recursive: true, force: true });
});

describe('the synthesised bundles, driven by the events AWS sends', () => {
  const signInLink = `${PUBLIC_URL}/t/${TENANT}/verify#`;
  let firstBatch: DynamoDBRecord[];
  let signInOutboxId: string;
  let sessionCookie: string;
  let browserCookie: string;
  let sessionValue: string;
  let reference: string;

  it('portal: a call to the API’s own URL, without CloudFront’s origin secret (or with a wrong one), is refused before the app runs', async () => {
    for (const originSecret of [undefined, 'x'.repeat(64), `${SECRETS.ORIGIN_SECRET}x`]) {
      const out = await containers.portal.invoke<HttpResult>(
        httpApiEvent({
          method: 'POST',
          path: `/api/t/${TENANT}/auth/link`,
          routeKey: portalRoute,
          apiDomain: API_DOMAIN,
          origin: PUBLIC_URL,
          viewer: '198.51.100.23:50123',
          originSecret,
          json: { email: EMAIL },
        }),
      );
      expect(out.error, containers.portal.logs()).toBeUndefined();
      expect(out.result?.statusCode).toBe(403);
      expect(JSON.parse(out.result!.body)).toMatchObject({ error: 'forbidden' });
    }
    expect(await newStreamRecords(), 'nothing written').toEqual([]);
  });

  it('portal: an HTTP API request for a sign-in link writes an outbox message and sends nothing itself', async () => {
    const res = await api('POST', `/api/t/${TENANT}/auth/link`, { json: { email: EMAIL } });
    expect(res.statusCode).toBe(202);
    expect(res.headers['cache-control']).toBe('no-store');
    const pending = await outboxFor(EMAIL);
    expect(pending).toEqual([
      expect.objectContaining({
        status: 'pending',
        tenant: TENANT,
        message: expect.objectContaining({ template: 'sign-in-link', subjectId }),
      }),
    ]);
    signInOutboxId = pending[0]!.id;
    expect(await emailsTo(sesEndpoint, EMAIL, signInLink)).toHaveLength(0);
  });

  it('dispatcher: the stream records of that write send the email, mark the message sent, link the audit trail', async () => {
    firstBatch = await dispatchStream();
    const kinds = firstBatch.map((r) => `${r.eventName} ${r.dynamodb?.NewImage?.type?.S}`);
    expect(kinds).toContain('INSERT outbox');
    expect(kinds).toContain('INSERT audit');
    const mail = await waitForEmail(sesEndpoint, EMAIL, signInLink);
    const sent = (await items()).find((i) => i.type === 'outbox' && i.id === signInOutboxId);
    expect(sent).toMatchObject({ status: 'sent', messageId: mail.messageId, message: { template: 'sign-in-link' } });
    expect(mail.subject).not.toBe('');
    // The audit events the portal wrote are now linked into the tenant's hash chain.
    const head = (await items()).find((i) => i.pk === `T#${TENANT}#AUDITHEAD`);
    expect(head).toBeDefined();
  });

  it('dispatcher: a redelivered batch sends nothing twice', async () => {
    const again = await containers.dispatcher.invoke<BatchResponse>(streamEvent(firstBatch));
    expect(again.result).toEqual({ batchItemFailures: [] });
    await new Promise((r) => setTimeout(r, 500));
    expect(await emailsTo(sesEndpoint, EMAIL, signInLink)).toHaveLength(1);
    expect(await newStreamRecords()).toEqual([]);
  });

  it('portal: the link from the email signs in, with a Secure, HttpOnly session cookie in the response cookies', async () => {
    const [mail] = await emailsTo(sesEndpoint, EMAIL, signInLink);
    const token = tokenFrom(mail!, PUBLIC_URL, TENANT);
    const res = await api('POST', `/api/t/${TENANT}/auth/verify`, { json: { token } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json).toEqual({ subject: { id: subjectId } });
    // Payload 2.0: API Gateway takes Set-Cookie from `cookies`, not from the headers.
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.cookies).toHaveLength(1);
    const [pair, ...attributes] = res.cookies![0]!.split('; ');
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']));
    expect(attributes.some((a) => a.startsWith('Domain='))).toBe(false);
    expect(attributes.find((a) => a.startsWith('Max-Age='))).toMatch(/^Max-Age=\d+$/);
    [browserCookie, sessionValue] = [pair!, pair!.slice(pair!.indexOf('=') + 1)];
    expect(sessionValue.length).toBeGreaterThanOrEqual(32);
    // The session is stored hashed, never as the cookie's value.
    const sessions = (await items()).filter((i) => i.type === 'session' && i.subjectId === subjectId);
    expect(sessions).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain(sessionValue);
    // The token works once.
    const replay = await api('POST', `/api/t/${TENANT}/auth/verify`, { json: { token } });
    expect(replay.statusCode).toBe(400);
    await dispatchStream();
  });

  // This found a real defect: the name was once `__Host-__Host-pc_<tenant>` (the prefix written
  // into the name and added again by hono's `prefix: 'host'`), so on AWS every signed-in call
  // was a 401 while plain-http local runs never showed it.
  it('portal: the cookie is named __Host-pc_<tenant>, and the copy a browser sends back opens a session', async () => {
    expect(browserCookie.slice(0, browserCookie.indexOf('='))).toBe(`__Host-pc_${TENANT}`);
    const me = await api('GET', `/api/t/${TENANT}/me`, { cookies: [browserCookie] });
    expect(me.statusCode, me.body).toBe(200);
  });

  it('portal: the session opens "my data"', async () => {
    sessionCookie = browserCookie;
    const me = await api('GET', `/api/t/${TENANT}/me`, { cookies: [sessionCookie] });
    expect(me.statusCode, me.body).toBe(200);
    expect(JSON.stringify(me.json)).toContain(EMAIL);
    const stranger = await api('GET', `/api/t/${TENANT}/me`, { cookies: [`__Host-pc_${TENANT}=${'x'.repeat(43)}`] });
    expect(stranger.statusCode).toBe(401);
    await dispatchStream();
  });

  it('portal: a signed-in subject files an access request; another site cannot', async () => {
    const body = { idempotencyKey: randomUUID(), request: { kind: 'access', scope: 'everything' } };
    const foreign = await api('POST', `/api/t/${TENANT}/me/requests`, {
      json: body,
      cookies: [sessionCookie],
      origin: 'https://elsewhere.example',
    });
    expect(foreign.statusCode).toBe(403);
    expect(await newStreamRecords(), 'a refused request writes nothing').toEqual([]);

    const res = await api('POST', `/api/t/${TENANT}/me/requests`, { json: body, cookies: [sessionCookie] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json).toMatchObject({ kind: 'access', status: 'received' });
    reference = res.json.reference;
    expect(reference).toMatch(/^IPM-\d{4}-\d{6}$/);
    const stored = (await items()).find((i) => i.pk === `T#${TENANT}#S#${subjectId}` && i.sk === `REQ#${res.json.id}`);
    expect(stored).toMatchObject({ kind: 'access', status: 'received', reference });
    // A retry with the same key is the same request.
    const retry = await api('POST', `/api/t/${TENANT}/me/requests`, { json: body, cookies: [sessionCookie] });
    expect(retry.statusCode).toBe(200);
    expect(retry.json.id).toBe(res.json.id);
    expect(await outboxFor(EMAIL)).toEqual([
      expect.objectContaining({ status: 'pending', message: expect.objectContaining({ template: 'request-update' }) }),
    ]);
  });

  it('dispatcher: the acknowledgement goes out from the stream records of the filing', async () => {
    await dispatchStream();
    const ack = await waitForEmail(sesEndpoint, EMAIL, reference);
    expect(ack.body.text).toContain(`${PUBLIC_URL}/t/${TENANT}/requests/`);
    expect(await outboxFor(EMAIL)).toEqual([]);
  });

  it('jobs: the Scheduler input { "job": "cleanup" } deletes what expired and nothing live', async () => {
    const expiredHash = sha256(randomBytes(32).toString('hex'));
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    await local.tokens.put({
      tenant: TENANT,
      tokenHash: expiredHash,
      subjectId,
      purpose: 'subject-sign-in',
      createdAt: new Date((hourAgo - 900) * 1000).toISOString(),
      expiresAt: hourAgo,
    });
    const out = await containers.jobs.invoke<{ deleted: Record<string, number>; files: number }>({ job: 'cleanup' });
    expect(out.error, containers.jobs.logs()).toBeUndefined();
    expect(out.result).toEqual({ deleted: { token: 1 }, files: 0 });
    expect((await items()).some((i) => i.pk === `T#${TENANT}#TOKEN#${expiredHash}`)).toBe(false);
    expect(containers.jobs.logs()).toContain('"msg":"job done","job":"cleanup"');
    // The session is live and still works.
    expect((await api('GET', `/api/t/${TENANT}/me`, { cookies: [sessionCookie] })).statusCode).toBe(200);
    await dispatchStream();
  });

  it('jobs: deadline-digest queues a digest for the staff who act, which the dispatcher sends once', async () => {
    // An overdue request, written directly as the demo seed does (no acknowledgement).
    const tenant = local.tenants.get(TENANT)!;
    const at = new Date(Date.now() - 40 * 86_400_000);
    const receivedOn = ukDate(at);
    const clock = { extensionMonths: 0 as const, pausedDays: 0 };
    const overdue: RightsRequest = {
      id: newId(),
      tenant: TENANT,
      subjectId,
      reference: await local.requests.nextReference(TENANT, tenant.referencePrefix, receivedOn.slice(0, 4)),
      kind: 'erasure',
      status: 'received',
      receivedAt: at.toISOString(),
      receivedOn,
      dueOn: dueOnFor(tenant, receivedOn, clock),
      clock,
      details: { scope: 'everything' },
      history: [{ at: at.toISOString(), type: 'received', status: 'received', actor: { type: 'subject', id: subjectId } }],
      version: 1,
    };
    await local.requests.create(overdue, { audit: [] });

    const actors = (tenant.staff ?? []).filter((m) => m.role !== 'viewer').map((m) => m.email);
    expect(actors.length).toBeGreaterThan(0);
    const out = await containers.jobs.invoke<{ tenant: string; overdue: number; emailed: number; alreadySent: boolean }[]>({
      job: 'deadline-digest',
    });
    expect(out.error, containers.jobs.logs()).toBeUndefined();
    expect(out.result?.find((r) => r.tenant === TENANT)).toEqual(
      expect.objectContaining({ overdue: 1, emailed: actors.length, alreadySent: false }),
    );
    await dispatchStream();
    const adminLink = `${PUBLIC_URL}/t/${TENANT}/admin/requests`;
    for (const to of actors) {
      const digest = await waitForEmail(sesEndpoint, to, adminLink);
      expect(digest.body.text).toContain(overdue.reference);
    }
    // A second run the same day queues nothing.
    const again = await containers.jobs.invoke<{ tenant: string; alreadySent: boolean }[]>({ job: 'deadline-digest' });
    expect(again.result?.find((r) => r.tenant === TENANT)?.alreadySent).toBe(true);
    await dispatchStream();
    for (const to of actors) expect(await emailsTo(sesEndpoint, to, adminLink)).toHaveLength(1);
  });

  it('jobs: an input naming no job fails the invocation, for Scheduler and Lambda to retry and park', async () => {
    const out: Invocation<unknown> = await containers.jobs.invoke({ job: 'no-such-job' });
    expect(out.error?.errorMessage).toMatch(/Unknown job "no-such-job"/);
  });
});

/**
 * Whether a stream record passes an event source mapping's filter pattern (the subset the stack
 * uses: a list of allowed values, or an object of nested patterns).
 */
function matches(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.includes(value);
  if (pattern && typeof pattern === 'object') {
    return Object.entries(pattern).every(([key, inner]) => matches((value as Record<string, unknown> | undefined)?.[key], inner));
  }
  return false;
}

describe('the outbox on AWS: an email the stream gives up on is still sent, once', () => {
  let mapping: any;
  let recoveryInput: unknown;
  let record: DynamoDBRecord;
  let outboxId: string;
  const linkText = `${PUBLIC_URL}/t/${TENANT}/verify#`;

  /** What the dispatcher's event source mapping would hand it of the stream's new records. */
  const filtered = async () => {
    const patterns = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    return (await newStreamRecords()).filter((r) => patterns.some((p: unknown) => matches(r, p)));
  };

  it('the template: the stream retries a failed record, then parks only its metadata; a schedule invokes the dispatcher to recover', () => {
    const dispatcher = functionOf(/outbox dispatcher/);
    const mappings = Object.values<any>(
      template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: dispatcher.id } } }),
    );
    expect(mappings).toHaveLength(1);
    mapping = mappings[0].Properties;
    expect(mapping).toMatchObject({
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^MailFailures/), 'Arn'] } } },
    });
    const schedules = Object.values<any>(
      template.findResources('AWS::Scheduler::Schedule', {
        Properties: { Target: { Arn: { 'Fn::GetAtt': [dispatcher.id, 'Arn'] } } },
      }),
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0].Properties).toMatchObject({
      ScheduleExpression: 'cron(0/5 * * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
    });
    recoveryInput = JSON.parse(schedules[0].Properties.Target.Input);
    expect(recoveryInput).toEqual({ recover: 'outbox' });
  });

  it('with SES refusing, the first delivery and every retry of the stream record fail, and the message stays pending', async () => {
    const res = await api('POST', `/api/t/${TENANT}/auth/link`, { json: { email: EMAIL } });
    expect(res.statusCode).toBe(202);
    const batch = await filtered();
    const outboxRecords = batch.filter((r) => r.dynamodb?.NewImage?.type?.S === 'outbox');
    expect(outboxRecords).toHaveLength(1);
    record = outboxRecords[0]!;
    outboxId = record.dynamodb!.NewImage!.id!.S!;
    const before = (await emailsTo(sesEndpoint, EMAIL, linkText)).length;

    outage.failing = true;
    const first = await containers.outage.invoke<BatchResponse>(streamEvent(batch));
    expect(first.error, containers.outage.logs()).toBeUndefined();
    expect(first.result?.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
    // Lambda retries from the failed record, as many times as the mapping allows.
    for (let retry = 1; retry <= mapping.MaximumRetryAttempts; retry++) {
      const again = await containers.outage.invoke<BatchResponse>(streamEvent([record]));
      expect(again.result?.batchItemFailures, `retry ${retry}`).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
    }
    expect(outage.refused).toBe(1 + mapping.MaximumRetryAttempts);
    expect(containers.outage.logs()).toContain('"msg":"dispatch failed"');
    // Now the record would go to the on-failure queue, and the stream would not bring it again.
    expect((await items()).find((i) => i.type === 'outbox' && i.id === outboxId)).toMatchObject({ status: 'pending' });
    expect((await items()).find((i) => i.type === 'outbox' && i.id === outboxId)?.leaseUntil).toBeUndefined();
    expect(await emailsTo(sesEndpoint, EMAIL, linkText)).toHaveLength(before);
    // The failed attempts wrote nothing the dispatcher's filters let through.
    expect(await filtered()).toEqual([]);
  });

  it('SES back: the scheduled pass leaves a message younger than 5 minutes to the stream, and sends it once it is older', async () => {
    outage.failing = false;
    const before = (await emailsTo(sesEndpoint, EMAIL, linkText)).length;
    const early = await containers.dispatcher.invoke<any>(recoveryInput);
    expect(early.error, containers.dispatcher.logs()).toBeUndefined();
    expect(early.result).toMatchObject({ tried: 0, sent: 0 });
    expect(await emailsTo(sesEndpoint, EMAIL, linkText)).toHaveLength(before);

    // Ten minutes pass: the message's creation time (and its place on the pending index) move back.
    const stored = (await items()).find((i) => i.type === 'outbox' && i.id === outboxId)!;
    const tenMinutesAgo = new Date(Date.parse(stored.createdAt) - 10 * 60_000).toISOString();
    await db.raw.send(
      new UpdateItemCommand({
        TableName: db.table,
        Key: { pk: { S: stored.pk }, sk: { S: stored.sk } },
        UpdateExpression: 'SET createdAt = :at, gsi1sk = :sk',
        ExpressionAttributeValues: { ':at': { S: tenMinutesAgo }, ':sk': { S: `${tenMinutesAgo}#${outboxId}` } },
      }),
    );
    snapshot = await scanTable();

    const pass = await containers.dispatcher.invoke<any>(recoveryInput);
    expect(pass.error, containers.dispatcher.logs()).toBeUndefined();
    expect(pass.result).toMatchObject({ tried: 1, sent: 1, failed: 0, deferred: 0, oldestPendingSeconds: 0 });
    const mail = await waitForEmail(sesEndpoint, EMAIL, linkText, before + 1);
    expect((await items()).find((i) => i.type === 'outbox' && i.id === outboxId)).toMatchObject({
      status: 'sent',
      messageId: mail.messageId,
    });
    // The pass reports the oldest pending age as a CloudWatch embedded metric, for the alarm.
    const metric = containers.dispatcher
      .logs()
      .split('\n')
      .filter((line) => line.includes('OutboxOldestPendingSeconds'))
      .map((line) => JSON.parse(line))
      .at(-1);
    expect(metric).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'PrivacyCentre/PrivacyCentre-test' }] },
      OutboxOldestPendingSeconds: 0,
      OutboxRecovered: 1,
    });
    // The link it carries signs in.
    const token = tokenFrom(mail, PUBLIC_URL, TENANT);
    expect((await api('POST', `/api/t/${TENANT}/auth/verify`, { json: { token } })).statusCode).toBe(200);
  });

  it('and never twice: a late redelivery of the stream record, and the next pass, send nothing more', async () => {
    const count = (await emailsTo(sesEndpoint, EMAIL, linkText)).length;
    const redelivered = await containers.outage.invoke<BatchResponse>(streamEvent([record]));
    expect(redelivered.result).toEqual({ batchItemFailures: [] });
    const next = await containers.dispatcher.invoke<any>(recoveryInput);
    expect(next.result).toMatchObject({ tried: 0, sent: 0, oldestPendingSeconds: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await emailsTo(sesEndpoint, EMAIL, linkText)).toHaveLength(count);
    await dispatchStream();
  });
});

describe('mail feedback: an SES bounce, as SNS delivers it', () => {
  const bounce = (id: string) => ({
    Records: [
      {
        Sns: {
          MessageId: id,
          Message: JSON.stringify({
            eventType: 'Bounce',
            bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: EMAIL }] },
            mail: { messageId: `m-${id}`, tags: { tenant: [TENANT] } },
          }),
        },
      },
    ],
  });

  it('puts the hard-bounced address on the tenant’s suppression list, once, with its audit event', async () => {
    const first = await containers.feedback.invoke<any>(bounce('1'));
    expect(first.error, containers.feedback.logs()).toBeUndefined();
    expect(first.result).toMatchObject({ suppressed: 1, already: 0 });
    const again = await containers.feedback.invoke<any>(bounce('2'));
    expect(again.result).toMatchObject({ suppressed: 0, already: 1 });
    const all = await items();
    expect(all.filter((i) => i.type === 'suppression' && i.tenant === TENANT)).toHaveLength(1);
    expect(
      all.filter((i) => i.type === 'audit' && i.action === 'marketing.suppressed' && i.subjectId === subjectId),
    ).toHaveLength(1);
    await dispatchStream();
  });
});

describe('the connected-systems worker: a run from the stream, searched in the vendor stand-ins', () => {
  const ALEX = 'alex.morgan@example.com';
  let alexId: string;
  let requestId: string;
  let mapping: any;
  /** The stream record of the run as asked for (a system waiting), as Lambda would redeliver it. */
  let asked: DynamoDBRecord;
  /** What the worker's event source mapping would hand it of the stream's new records. */
  const forWorker = async () => {
    const patterns = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    return (await newStreamRecords()).filter((r) => patterns.some((p: unknown) => matches(r, p)));
  };

  it('the template: one run a batch from the table’s stream, failures reported per record and parked in a queue', () => {
    const worker = functionOf(/connected-systems worker/);
    const mappings = Object.values<any>(
      template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: worker.id } } }),
    );
    expect(mappings).toHaveLength(1);
    mapping = mappings[0].Properties;
    expect(mapping).toMatchObject({ BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('a run asked for (as a handler’s start writes it) reaches the worker bundle, which records what each system holds', async () => {
    await dispatchStream();
    // Alex Morgan, whom the tenant's stand-ins know, and a run of the access plan: every declared system pending.
    alexId = newId();
    const today = ukDate(new Date());
    await local.subjects.create(
      {
        id: alexId,
        tenant: TENANT,
        email: ALEX,
        relationship: { startedOn: addDays(today, -400) },
        createdAt: new Date().toISOString(),
        version: 0,
      },
      [],
      { audit: [] },
    );
    requestId = newId();
    const steps = planOnStart(local.tenants.get(TENANT)!, 'access');
    expect(steps.map((s) => s.systemId)).toEqual(['m365', 'halo', 'mailchimp', 'call-recordings']);
    const run = newRun({
      request: { tenant: TENANT, subjectId: alexId, id: requestId },
      operation: 'read',
      steps,
      by: 'system',
      now: new Date().toISOString(),
    });
    await local.systemRuns.request(run, 0, { audit: [] });

    const batch = await forWorker();
    expect(batch).toHaveLength(1);
    expect(batch[0]?.dynamodb?.NewImage?.requestId?.S).toBe(requestId);
    asked = batch[0]!;
    const out = await containers.worker.invoke<BatchResponse>(streamEvent(batch));
    expect(out.error, containers.worker.logs()).toBeUndefined();
    expect(out.result).toEqual({ batchItemFailures: [] });

    const saved = await local.systemRuns.get(TENANT, alexId, requestId);
    const state = (id: string) => saved?.results.find((r) => r.step.systemId === id)?.outcome;
    expect(state('m365')).toMatchObject({ state: 'found', count: expect.any(Number) });
    expect(state('halo')).toMatchObject({ state: 'found' });
    expect(state('mailchimp')?.state).toMatch(/^(found|not-found)$/);
    expect(state('call-recordings')).toMatchObject({ state: 'waiting-for-handler', handlerName: 'Service desk lead' });
    const halo = state('halo');
    expect(halo?.state === 'found' && halo.records.some((r) => r.object === 'ticket')).toBe(true);
    // Each API system's credentials read once from its own secret; none for the manual system.
    expect([...secrets.asked].sort()).toEqual(
      ['halo', 'm365', 'mailchimp'].map((id) => `privacy-centre/systems/${TENANT}/${id}`),
    );
    // Each outcome audited with ids and counts; nothing of Alex in the audit or the function's log.
    const audit = (await items()).filter(
      (i) => i.type === 'audit' && i.action === 'systems.outcome' && i.detail?.requestId === requestId,
    );
    expect(audit.map((a) => a.detail.systemId).sort()).toEqual(['call-recordings', 'halo', 'm365', 'mailchimp']);
    expect(JSON.stringify(audit)).not.toContain(ALEX);
    expect(containers.worker.logs()).toContain('"event":"system-outcome"');
    expect(containers.worker.logs()).not.toMatch(/alex|morgan/i);
  });

  it('a late redelivery of the record, and the sweep, change nothing', async () => {
    const before = await local.systemRuns.get(TENANT, alexId, requestId);
    const again = await containers.worker.invoke<BatchResponse>(streamEvent([asked]));
    expect(again.result).toEqual({ batchItemFailures: [] });
    const sweep = await containers.worker.invoke<{ looked: number }>({ sweep: true });
    expect(sweep.error, containers.worker.logs()).toBeUndefined();
    expect(sweep.result).toEqual({ looked: 0 });
    expect((await local.systemRuns.get(TENANT, alexId, requestId))?.version).toBe(before?.version);
    // What the worker wrote (its progress, the audit events) passes on to the dispatcher, not back to the worker.
    const written = await newStreamRecords();
    expect(written.length).toBeGreaterThan(0);
    const patterns = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(
      written.filter((r) => patterns.some((p: unknown) => matches(r, p))),
      'the worker’s own saves do not bring the run back to it',
    ).toEqual([]);
    const out = await containers.dispatcher.invoke<BatchResponse>(streamEvent(written));
    expect(out.result).toEqual({ batchItemFailures: [] });
    await dispatchStream();
  });
});

describe('the staff tools: a member of staff’s checks and downloads, through their own function', () => {
  const STAFF = 'privacy@inflection-point.example';
  let cookie: string;

  /** A GET through the HTTP API route API Gateway has for it (one of the staff tools function's own). */
  async function tools(routeKey: string, path: string, accept = 'application/json') {
    const [route] = Object.values<any>(
      template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
    );
    const integration = template.toJSON().Resources[route.Properties.Target['Fn::Join'][1][1].Ref].Properties;
    expect(integration.IntegrationUri['Fn::GetAtt'][0]).toBe(functionIds.tools);
    const event = httpApiEvent({
      method: 'GET',
      path,
      routeKey,
      apiDomain: API_DOMAIN,
      viewer: '198.51.100.42:50123',
      originSecret: SECRETS.ORIGIN_SECRET,
      cookies: [cookie],
    });
    const out = await containers.tools.invoke<HttpResult>({ ...event, headers: { ...event.headers, accept } });
    expect(out.error, containers.tools.logs()).toBeUndefined();
    return out.result as HttpResult;
  }

  beforeAll(async () => {
    // A staff session as the admin API leaves it after the second factor (signing in is the admin
    // API's, driven in test/integration/admin-auth.test.ts); the tools function only reads it.
    const sessionId = randomBytes(32).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    await local.sessions.create(
      {
        tenant: TENANT,
        idHash: sha256(sessionId),
        audience: 'staff',
        staffEmail: STAFF,
        stage: 'full',
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: now + 1800,
        absoluteExpiresAt: now + 43_200,
      },
      { audit: [] },
    );
    cookie = `__Host-pcstaff_${TENANT}=${sessionId}`;
    await newStreamRecords();
  });

  it('checks the audit trail, and the check is itself audited', async () => {
    const res = await tools('GET /api/t/{tenant}/admin/audit/verify', `/api/t/${TENANT}/admin/audit/verify`);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body).checked).toBeGreaterThan(0);
    const audited = (await items()).filter((i) => i.type === 'audit' && i.action === 'staff.verified_audit_trail');
    expect(audited).toHaveLength(1);
  });

  it('browses the audit trail: only this function is wired to (functions/runtime.ts, coldStart)', async () => {
    const res = await tools('GET /api/t/{tenant}/admin/audit/events', `/api/t/${TENANT}/admin/audit/events`);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body).events.map((e: { action: string }) => e.action)).toContain('staff.verified_audit_trail');
  });

  it('downloads the evidence pack of the access request filed above, and shows where a request’s systems stand', async () => {
    const all = await items();
    const request = all.find((i) => i.pk === `T#${TENANT}#S#${subjectId}` && String(i.sk).startsWith('REQ#'));
    expect(request).toBeDefined();
    const pack = await tools(
      'GET /api/t/{tenant}/admin/subjects/{subjectId}/requests/{requestId}/evidence',
      `/api/t/${TENANT}/admin/subjects/${subjectId}/requests/${request!.id}/evidence`,
      'text/html',
    );
    expect(pack.statusCode).toBe(200);
    expect(pack.headers['content-disposition']).toMatch(/^attachment; filename=/);
    expect(pack.body).toContain(request!.reference);

    // Its search through the tenant's systems asked for, as a handler's start writes it: the
    // request page polls where each system stands.
    const steps = planOnStart(local.tenants.get(TENANT)!, 'access');
    const ids = { tenant: TENANT, subjectId, id: request!.id };
    await local.systemRuns.request(
      newRun({ request: ids, operation: 'read', steps, by: 'system', now: new Date().toISOString() }),
      0,
      {
        audit: [],
      },
    );
    const progress = await tools(
      'GET /api/t/{tenant}/admin/subjects/{subjectId}/requests/{requestId}/systems',
      `/api/t/${TENANT}/admin/subjects/${subjectId}/requests/${request!.id}/systems`,
    );
    expect(progress.statusCode, progress.body).toBe(200);
    expect(JSON.parse(progress.body)).toMatchObject({ running: true });
    expect(JSON.parse(progress.body).results.map((r: { systemId: string }) => r.systemId)).toEqual(steps.map((s) => s.systemId));
  });

  it('does not serve the admin API’s routes: it has not their code', async () => {
    const res = await tools('GET /api/t/{tenant}/admin/audit/verify', `/api/t/${TENANT}/admin/requests`);
    expect(res.statusCode).toBe(404);
  });
});

describe('least privilege, held against what the bundles did', () => {
  it('every DynamoDB call each function made on this journey is allowed by its role in the template', () => {
    for (const name of Object.keys(containers) as (keyof typeof containers)[]) {
      const used = recorders[name]!.rights();
      expect(used.length, name).toBeGreaterThan(0);
      const allowed = tableRights(template, { properties: template.toJSON().Resources[functionIds[name]!].Properties });
      expect(
        used.filter((right) => !allowed.includes(right)),
        `${name} used ${used.join(', ')}`,
      ).toEqual([]);
    }
    // The journey exercised the narrow roles: the dispatcher wrote, the jobs scanned (cleanup).
    expect(recorders.dispatcher!.rights()).toContain('dynamodb:UpdateItem on table');
    expect(recorders.jobs!.rights()).toContain('dynamodb:Scan on table');
  });

  it('mail feedback: its role allows exactly the DynamoDB calls its bundle made (a missing grant fails, and so does an unused one)', () => {
    const allowed = tableRights(template, { properties: template.toJSON().Resources[functionIds.feedback!].Properties });
    expect(recorders.feedback!.rights()).toEqual(allowed);
  });

  it('mail feedback: reads exactly the secrets its cold start needs, and nothing on S3', () => {
    const properties = template.toJSON().Resources[functionIds.feedback!].Properties;
    const role = properties.Role['Fn::GetAtt'][0];
    const statements = Object.values<any>(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    ).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const secretReads = statements
      .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('secretsmanager:')))
      .flatMap((s) => [s.Resource].flat().map((r: any) => r.Ref));
    // The container started on these secrets' values (environmentOf resolves each *_SECRET_ARN),
    // and config.ts refuses to start without HASH_KEY: the read is used, and it is the only one.
    const resolved = Object.entries<any>(properties.Environment.Variables)
      .filter(([name]) => name.endsWith('_SECRET_ARN'))
      .map(([, value]) => value.Ref);
    expect(secretReads.sort()).toEqual(resolved.sort());
    expect(resolved).toEqual(['HashKeySecret7ACD893C']);
    expect(() => loadConfig({ ...environmentOf({ properties }, '/var/task', 't'), HASH_KEY: undefined })).toThrow(/HASH_KEY/);
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a: string) => a.startsWith('s3:'))).toEqual([]);
  });
});
