import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../functions/adapters/dynamo/client.ts';
import { sesMailer } from '../../functions/adapters/ses/mailer.ts';
import { loadConfig } from '../../functions/config.ts';
import { streamHandler } from '../../functions/dispatcher/handler.ts';
import { builtOpenApi } from '../../functions/http/openapi.ts';
import { LOCAL_HASH_KEY } from '../../functions/local/runtime.ts';
import { createPortalApp } from '../../functions/portal/app.ts';
import { wire } from '../../functions/wiring.ts';
import type { DispatchDeps } from '../../shared/mail/dispatch.ts';
import { synth } from '../infra/synth.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import {
  dispatcherMapping,
  dynamoErrors,
  dynamoWrite,
  EventSourceMapping,
  FaultyHandler,
  type MappingSettings,
  operation,
  quickRetries,
  sendEmailTo,
  sesErrors,
  TableStream,
} from '../support/faults.ts';
import { httpClient } from '../support/http.ts';
import { listEmails, type StoredEmail } from '../support/mail.ts';
import { withdrawOpen } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';

/** The people who file requests and ask for links, each signed in once before the faults start. */
const people = [
  { tenant: 'inflection-point', email: 'alex.morgan@example.com' },
  { tenant: 'inflection-point', email: 'priya.shah@example.co.uk' },
  { tenant: 'inflection-point', email: 'tom.fletcher@example.com' },
  { tenant: 'inflection-point', email: 'gareth.evans@example.co.uk' },
  { tenant: 'northgate-it', email: 'fiona.mcleod@example.co.uk' },
  { tenant: 'northgate-it', email: 'callum.reid@example.com' },
];
const SDK_ATTEMPTS = 3;

const clock = testClock();
let centre: TestCentre;
let mapping: MappingSettings;
let stream: TableStream;
const sessions = new Map<string, ReturnType<typeof httpClient>>();

beforeAll(async () => {
  // The event source mapping's settings come from the stack as deployed, not from this file.
  mapping = dispatcherMapping(synth({ stage: 'test' }, { bundle: false }).template);
  centre = await startTestCentre({ clock });
  for (const p of people) sessions.set(p.email, await signedIn(centre, p.tenant, p.email));
  // From here on the stream (with the simulated mapping) is the only way an email goes out: the
  // local centre's in-process outbox driver stops.
  await centre.stop();
  stream = new TableStream(centre.db);
  await stream.capture();
});
afterAll(() => centre?.stop());

function config() {
  return loadConfig({
    TABLE_NAME: centre.db.table,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    SES_ENDPOINT: centre.sesEndpoint,
    PUBLIC_URL: centre.base,
    MAIL_FROM: 'Privacy Centre <privacy@localhost.test>',
    HASH_KEY: LOCAL_HASH_KEY,
    TENANTS_DIR: 'tenants',
    EXPORTS_DIR: centre.exportsDir,
  });
}

/** The real adapters and use cases, with SDK clients whose HTTP goes through fault handlers. */
function faultyWiring() {
  const dynamo = new FaultyHandler();
  const ses = new FaultyHandler();
  const db = createDb({
    tableName: centre.db.table,
    region: 'eu-west-2',
    endpoint: inject('dynamoEndpoint'),
    client: { requestHandler: dynamo, retryStrategy: quickRetries(SDK_ATTEMPTS) },
  });
  const { deps, dispatch } = wire(config(), centre.deps.tenants, db, clock);
  const dispatchDeps: DispatchDeps = {
    ...dispatch,
    mailer: sesMailer({
      region: 'eu-west-2',
      endpoint: centre.sesEndpoint,
      client: { requestHandler: ses, retryStrategy: quickRetries(SDK_ATTEMPTS) },
    }),
  };
  const esm = new EventSourceMapping(mapping, stream, streamHandler(dispatchDeps));
  return { dynamo, ses, deps, esm };
}

/** A portal session for this person, on another app (the same session cookie). */
function sessionOn(app: ReturnType<typeof createPortalApp>, email: string) {
  const http = httpClient(app, centre.base);
  for (const [k, v] of sessions.get(email)?.jar ?? []) http.jar.set(k, v);
  return http;
}

const ofThisCentre = (e: StoredEmail) => (e.body.text ?? '').includes(centre.base);
const messageIdsAtSes = async () => new Set((await listEmails(centre.sesEndpoint)).filter(ofThisCentre).map((e) => e.messageId));

/** Outbox items among the stream records since `from`, as they are in the table now. */
async function outboxSince(from: number) {
  const ids = new Set(
    stream.records
      .slice(from)
      .filter((r) => r.dynamodb.NewImage.type?.S === 'outbox')
      .map((r) => r.dynamodb.NewImage.id?.S),
  );
  return (await centre.scanAll()).filter((i) => i.type === 'outbox' && ids.has(i.id as string));
}

/**
 * Every outbox item written since `from` reached SES exactly once: SES holds one email per item
 * (no more, for this centre, since `before`), each item is marked sent with the id SES gave it,
 * and no recipient got the same subject twice.
 */
async function expectEachSentOnce(from: number, before: Set<string>) {
  const outbox = await outboxSince(from);
  expect(outbox.length).toBeGreaterThan(0);
  const emails = (await listEmails(centre.sesEndpoint)).filter((e) => ofThisCentre(e) && !before.has(e.messageId));
  expect(outbox.filter((o) => o.status !== 'sent').map((o) => o.id)).toEqual([]);
  expect(emails).toHaveLength(outbox.length);
  expect(new Set(emails.map((e) => e.messageId))).toEqual(new Set(outbox.map((o) => o.messageId)));
  const perRecipientSubject = new Map<string, number>();
  for (const e of emails) {
    // A sign-in email's subject is the same each time; its link is not.
    const key = `${e.destination.to.join()} ${e.subject} ${(e.body.text ?? '').match(/verify#\S+|requests\/\S+/)?.[0]}`;
    perRecipientSubject.set(key, (perRecipientSubject.get(key) ?? 0) + 1);
  }
  expect([...perRecipientSubject.values()].every((n) => n === 1)).toBe(true);
  return { outbox, emails };
}

/** Makes outbox emails through the real portal: per person a sign-in link, a filed request, or both. */
async function makeEmails(kind: 'link' | 'request' | 'both' = 'both') {
  for (const p of people) {
    if (kind !== 'request') {
      const res = await httpClient(centre.app, centre.base).post(
        `/api/t/${p.tenant}/auth/link`,
        { email: p.email },
        { 'X-Test-Client': `c-${randomUUID()}` },
      );
      expect(res.status).toBe(202);
    }
    if (kind !== 'link') {
      // A request of its own each time: the same one again while open would be a duplicate, giving back the first.
      const res = await sessions.get(p.email)?.post(`/api/t/${p.tenant}/me/requests`, {
        idempotencyKey: randomUUID(),
        request: { kind: 'automated-decision', decision: `Decision ${randomUUID()}`, question: 'Was a person involved?' },
      });
      expect(res?.status).toBe(201);
    }
  }
}

const sendEmail = operation('SendEmail');

describe('SES failing', () => {
  it('reads the mapping from the synthesised stack', () => {
    expect(mapping).toMatchObject({
      batchSize: 10,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      reportBatchItemFailures: true,
    });
    expect(mapping.filters).toHaveLength(2);
    expect(mapping.onFailure).toBeDefined();
  });

  it('sends every email exactly once when SES throttles and fails now and then: the SDK retries', async () => {
    const { ses, esm } = faultyWiring();
    const from = stream.records.length;
    const before = await messageIdsAtSes();
    await makeEmails();
    await stream.capture();
    // The first two sends meet a 503, then every third one a 429: never more in a row than the SDK tries.
    ses.inject({ when: sendEmail, times: 2, respond: sesErrors.serviceUnavailable });
    ses.inject({ when: sendEmail, every: 3, respond: sesErrors.tooManyRequests });

    await esm.poll();

    const { emails } = await expectEachSentOnce(from, before);
    expect(emails).toHaveLength(2 * people.length);
    const faulted = ses.count((a) => a.faulted);
    expect(faulted).toBeGreaterThanOrEqual(2 + 3);
    expect(ses.count((a) => a.operation === 'SendEmail')).toBe(emails.length + faulted);
    expect(ses.count((a) => a.status === 429)).toBeGreaterThan(0);
    // The SDK absorbed every fault: the mapping never had to retry a batch.
    expect(esm.retries).toBe(0);
    expect(esm.onFailure).toEqual([]);
  });

  // This found a real defect: a send that failed past the SDK's retries kept its lease, so the
  // redelivered record was skipped as "held by another dispatcher" and the email never went.
  it('sends an email whose SES call failed past the SDK retries when the mapping retries its record', async () => {
    const { ses, esm } = faultyWiring();
    const from = stream.records.length;
    const before = await messageIdsAtSes();
    await makeEmails('link');
    await stream.capture();
    ses.inject({ when: sendEmail, times: SDK_ATTEMPTS, respond: sesErrors.tooManyRequests });

    await esm.poll();

    expect(ses.count((a) => a.faulted)).toBe(SDK_ATTEMPTS);
    expect(esm.retries).toBeGreaterThan(0);
    await expectEachSentOnce(from, before);
  });

  // The same defect left such a record off the on-failure queue: the email was silently dropped.
  it('parks a record SES keeps refusing on the on-failure queue, sends the rest once, and a redrive sends it once', async () => {
    const { ses, esm } = faultyWiring();
    const from = stream.records.length;
    const before = await messageIdsAtSes();
    await makeEmails('link');
    await stream.capture();
    const refused = 'priya.shah@example.co.uk';
    const stop = ses.inject({ when: sendEmailTo(refused), respond: sesErrors.serviceUnavailable });

    await esm.poll();

    expect(esm.onFailure).toHaveLength(1);
    const outbox = await outboxSince(from);
    const stuck = outbox.filter((o) => o.status !== 'sent');
    expect(stuck.map((o) => (o.message as { to: string }).to)).toEqual([refused]);
    // The SDK tried each time, the mapping retried as configured.
    expect(ses.count((a) => a.faulted)).toBe(SDK_ATTEMPTS * (mapping.maximumRetryAttempts + 1));

    stop();
    const response = await esm.redrive(esm.onFailure[0] as (typeof esm.onFailure)[number]);
    expect(response?.batchItemFailures).toEqual([]);
    await expectEachSentOnce(from, before);
  });
});

describe('DynamoDB throttling', () => {
  it('files every request once while writes are throttled: a success is whole, a failure a clear 5xx with nothing half-written', async () => {
    const { dynamo, deps } = faultyWiring();
    const app = createPortalApp(deps, {
      originFromHost: true,
      clientIp: (c: Context) => c.req.header('X-Test-Client') ?? 'local',
      openapi: builtOpenApi,
    });
    // Each form below is a request of its own: none of the same kind and scope already open.
    for (const p of people) await withdrawOpen(sessions.get(p.email) as never, p.tenant, 'access');
    const requestIdsBefore = new Set((await centre.scanAll()).filter((i) => i.type === 'request').map((i) => i.id));
    // Three transactions throttled past the SDK's attempts, then two cancelled for capacity (which
    // the SDK does not retry), and all along every third write throttled (which it does).
    dynamo.inject({ when: operation('TransactWriteItems'), times: SDK_ATTEMPTS, respond: dynamoErrors.throughputExceeded });
    dynamo.inject({ when: operation('TransactWriteItems'), times: 2, respond: dynamoErrors.transactionThrottled });
    dynamo.inject({ when: dynamoWrite, every: 3, respond: dynamoErrors.throttling });

    const answers: { key: string; status: number; body: Record<string, unknown> }[] = [];
    const filed = new Map<string, string>();
    for (const p of people) {
      for (let n = 0; n < 2; n++) {
        // As the page does: one key per form, the same key on a retry.
        const key = randomUUID();
        const http = sessionOn(app, p.email);
        for (let attempt = 0; attempt < 4 && !filed.has(key); attempt++) {
          // Two different requests per person (the same twice would be a duplicate of the first).
          const last = centre.deps.tenants.get(p.tenant)?.categories.at(-1)?.id as string;
          const res = await http.post(`/api/t/${p.tenant}/me/requests`, {
            idempotencyKey: key,
            request: n === 0 ? { kind: 'access', scope: 'everything' } : { kind: 'access', scope: 'some', categories: [last] },
          });
          const body = await res.json();
          answers.push({ key, status: res.status, body });
          if (res.status === 201 || res.status === 200) filed.set(key, body.id);
          else expect(res.headers.get('Cache-Control')).toBe('no-store');
        }
      }
    }

    // Every form went through in the end, and the failures said so plainly.
    expect(filed.size).toBe(2 * people.length);
    const failed = answers.filter((a) => a.status >= 500);
    expect(failed.length).toBe(1 + 2);
    // A throttle that outlasted the SDK's retries is a 503 "busy" (try again shortly); anything else a 500.
    for (const f of failed) {
      expect(f.body).toEqual({
        error: f.status === 503 ? 'busy' : 'internal',
        message: expect.stringMatching(/Nothing was changed; please try again/),
      });
    }
    expect(failed.filter((f) => f.status === 503).length).toBeGreaterThan(0);
    // The SDK retried the rest.
    expect(dynamo.count((a) => a.faulted)).toBeGreaterThan(failed.length + SDK_ATTEMPTS);

    const items = await centre.scanAll();
    const requests = items.filter((i) => i.type === 'request' && !requestIdsBefore.has(i.id));
    // No duplicates: one request per form.
    expect(requests.map((r) => r.id).sort()).toEqual([...filed.values()].sort());
    const outboxFor = (id: unknown) =>
      items.filter((i) => i.type === 'outbox' && (i.message as { requestId?: string }).requestId === id);
    const auditFor = (id: unknown) =>
      items.filter(
        (i) => i.type === 'audit' && i.action === 'request.received' && (i.detail as { requestId?: string }).requestId === id,
      );
    for (const r of requests) {
      expect(outboxFor(r.id)).toHaveLength(1);
      expect(auditFor(r.id)).toHaveLength(1);
    }
    // Nothing half-written: every acknowledgement and receipt event belongs to a stored request.
    const stored = new Set(items.filter((i) => i.type === 'request').map((i) => i.id));
    const orphans = items.filter(
      (i) =>
        (i.type === 'outbox' &&
          (i.message as { requestId?: string }).requestId &&
          !stored.has((i.message as { requestId: string }).requestId)) ||
        (i.type === 'audit' && i.action === 'request.received' && !stored.has((i.detail as { requestId: string }).requestId)),
    );
    expect(orphans).toEqual([]);
    await stream.capture();
  });

  it('sends each email exactly once while the dispatcher’s claims and marks are throttled', async () => {
    const { dynamo, esm } = faultyWiring();
    const from = stream.records.length;
    const before = await messageIdsAtSes();
    await makeEmails();
    await stream.capture();
    const claim = (call: { operation: string; body: string }) =>
      call.operation === 'UpdateItem' && call.body.includes('SET leaseUntil');
    // One claim throttled past the SDK's attempts (the mapping retries that record), then every
    // second write of the dispatcher throttled (the SDK retries those).
    dynamo.inject({ when: claim, times: SDK_ATTEMPTS, respond: dynamoErrors.throughputExceeded });
    dynamo.inject({ when: dynamoWrite, every: 2, respond: dynamoErrors.throughputExceeded });

    await esm.poll();

    await expectEachSentOnce(from, before);
    expect(esm.retries).toBeGreaterThan(0);
    expect(dynamo.count((a) => a.faulted && a.operation === 'TransactWriteItems')).toBeGreaterThan(0);
    expect(dynamo.count((a) => a.faulted && claim(a))).toBeGreaterThan(SDK_ATTEMPTS);
    expect(esm.onFailure).toEqual([]);
  });
});
