import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { HttpResponse } from '@smithy/core/protocols';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Template } from 'aws-cdk-lib/assertions';
import type { Db } from '../../functions/adapters/dynamo/client.ts';

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpHandlerOptions = Parameters<NodeHttpHandler['handle']>[1];

/** One HTTP attempt an SDK client made, as the fault handler saw it. */
export interface Call {
  service: 'dynamodb' | 'ses' | 'other';
  /** `GetItem`, `TransactWriteItems`, `SendEmail`… */
  operation: string;
  /** The request body as sent (JSON for both services). */
  body: string;
}

export interface Attempt extends Call {
  /** The status the client got: the injected error's, or the real service's. */
  status: number;
  faulted: boolean;
}

/** A complete HTTP response, as the service would have sent it. */
export interface ErrorResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** DynamoDB speaks JSON 1.0: 400 (or 500) with `__type` naming the error and a CRC32 of the body. */
function dynamoError(statusCode: number, body: Record<string, unknown>): ErrorResponse {
  const text = JSON.stringify(body);
  return {
    statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID().replace(/-/g, '').toUpperCase(),
      'x-amz-crc32': String(crc32(text)),
      'content-length': String(Buffer.byteLength(text)),
    },
    body: text,
  };
}

/** SES API v2 speaks REST-JSON: the status, the error name in `x-amzn-ErrorType`, `{"message"}` as the body. */
function sesError(statusCode: number, type: string, message: string): ErrorResponse {
  const text = JSON.stringify({ message });
  return {
    statusCode,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': type,
      'content-length': String(Buffer.byteLength(text)),
    },
    body: text,
  };
}

const DDB = 'com.amazonaws.dynamodb.v20120810';

/** The error responses DynamoDB sends under load (formats from the DynamoDB developer guide, "Error handling"). */
export const dynamoErrors = {
  /** A throttled read or write: the SDK retries it (a throttling error, longer backoff). */
  throughputExceeded: () =>
    dynamoError(400, {
      __type: `${DDB}#ProvisionedThroughputExceededException`,
      message:
        'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly.',
    }),
  /** Throttled by the request rate of the account or partition: the SDK retries it too. */
  throttling: () =>
    dynamoError(400, {
      __type: 'com.amazon.coral.availability#ThrottlingException',
      message: 'Rate of requests exceeds the allowed throughput.',
    }),
  /**
   * A transaction DynamoDB cancelled for lack of capacity: TransactionCanceledException with a
   * `ThrottlingError` reason for the throttled item. The SDK does not retry this one.
   */
  transactionThrottled: (call: Call) => {
    const items = (JSON.parse(call.body) as { TransactItems?: unknown[] }).TransactItems?.length ?? 1;
    const reasons = Array.from({ length: items }, (_, i) =>
      i === 0
        ? { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index.' }
        : { Code: 'None' },
    );
    return dynamoError(400, {
      __type: `${DDB}#TransactionCanceledException`,
      CancellationReasons: reasons,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    });
  },
  /** DynamoDB's own fault: the SDK retries it (a transient 5xx). */
  internalServerError: () => dynamoError(500, { __type: `${DDB}#InternalServerError`, message: 'Internal server error' }),
};

/** The error responses SES (API v2) sends when it cannot take a message now. */
export const sesErrors = {
  /** The sending rate is exceeded: 429, a throttling error the SDK retries. */
  tooManyRequests: () => sesError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.'),
  /** A transient outage: the SDK retries 5xx. */
  serviceUnavailable: () => sesError(503, 'ServiceUnavailable', 'Service Unavailable'),
  internalFailure: () =>
    sesError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'),
};

/** A line of a fault script: which calls it fails, how often, and with what. */
export interface FaultRule {
  /** The calls this rule may fail. */
  when: (call: Call) => boolean;
  /** Fail every n-th matching call (default 1: every one). */
  every?: number;
  /** Fail at most this many calls, then let everything through (default: until removed). */
  times?: number;
  respond: (call: Call) => ErrorResponse;
}

function describe(request: HttpRequest): Call {
  const body =
    typeof request.body === 'string'
      ? request.body
      : request.body instanceof Uint8Array
        ? // Decoded as bytes: the SDK's JSON body type warns when treated as a string.
          new TextDecoder().decode(request.body)
        : '';
  const target = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
  if (target?.startsWith('DynamoDB_')) return { service: 'dynamodb', operation: target.split('.')[1] ?? target, body };
  if (request.path.startsWith('/v2/email/')) {
    const operation =
      request.method === 'POST' && request.path === '/v2/email/outbound-emails'
        ? 'SendEmail'
        : `${request.method} ${request.path}`;
    return { service: 'ses', operation, body };
  }
  return { service: 'other', operation: `${request.method} ${request.path}`, body };
}

/**
 * The SDK's own Node HTTP handler, with a fault script in front: a call a rule picks gets that
 * rule's error response instead of reaching the service (so nothing happened there), and the
 * client's own deserialiser and retry strategy deal with it exactly as with the real service.
 * Every attempt is logged, so a test can see how often the SDK tried.
 */
export class FaultyHandler extends NodeHttpHandler {
  readonly attempts: Attempt[] = [];
  private rules: { rule: FaultRule; seen: number; failed: number }[] = [];

  /** Adds a rule; the function returned removes it. */
  inject(rule: FaultRule): () => void {
    const entry = { rule, seen: 0, failed: 0 };
    this.rules.push(entry);
    return () => {
      this.rules = this.rules.filter((r) => r !== entry);
    };
  }

  /** Removes every rule: from now on every call reaches the service. */
  heal(): void {
    this.rules = [];
  }

  /** Attempts matching `filter` (all by default). */
  count(filter: (a: Attempt) => boolean = () => true): number {
    return this.attempts.filter(filter).length;
  }

  override async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const call = describe(request);
    for (const entry of this.rules) {
      if (!entry.rule.when(call)) continue;
      entry.seen++;
      const due = entry.seen % (entry.rule.every ?? 1) === 0;
      if (!due || entry.failed >= (entry.rule.times ?? Number.POSITIVE_INFINITY)) continue;
      entry.failed++;
      const error = entry.rule.respond(call);
      this.attempts.push({ ...call, status: error.statusCode, faulted: true });
      return {
        response: new HttpResponse({
          statusCode: error.statusCode,
          headers: error.headers,
          body: Readable.from([Buffer.from(error.body)]),
        }),
      };
    }
    const result = await super.handle(request, options);
    this.attempts.push({ ...call, status: result.response.statusCode, faulted: false });
    return result;
  }
}

/** Calls of one operation (or any of several). */
export const operation =
  (...names: string[]) =>
  (call: Call): boolean =>
    names.includes(call.operation);

/** DynamoDB's write operations. */
export const dynamoWrite = operation('PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem');

/** SendEmail calls to this address. */
export const sendEmailTo =
  (address: string) =>
  (call: Call): boolean => {
    if (call.operation !== 'SendEmail') return false;
    const body = JSON.parse(call.body) as { Destination?: { ToAddresses?: string[] } };
    return body.Destination?.ToAddresses?.includes(address) ?? false;
  };

/**
 * The SDK's standard retry strategy (retry quota, which errors are retryable, attempts) with a
 * short fixed backoff instead of the default 100 ms–20 s exponential one, so that a test with
 * many retries stays quick. `maxAttempts` counts the first try.
 */
export function quickRetries(maxAttempts = 3): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, (attempt) => 5 * attempt);
}

// ---------------------------------------------------------------------------------------------
// The table's stream and Lambda's event source mapping: the one simulated piece.

/** A DynamoDB Streams record, in the shape Lambda hands a function. */
export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Record<string, AttributeValue>;
    NewImage: Record<string, AttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'NEW_AND_OLD_IMAGES';
  };
}

const STREAM_ARN = 'arn:aws:dynamodb:eu-west-2:000000000000:table/test/stream/2026-01-01T00:00:00.000';

/**
 * The table's stream, as an append-only list of INSERT records: `capture()` scans the table and
 * appends a record for every item it has not seen yet (in the order the items were written, by
 * their `createdAt`/`at`), with the item's image as DynamoDB stores it. Capture right after the
 * writes, before anything modifies the new items, so that the image is the one written.
 */
export class TableStream {
  readonly records: StreamRecord[] = [];
  private readonly seen = new Set<string>();
  private sequence = 10n ** 20n;

  constructor(private readonly db: Db) {}

  /** Appends the new items' records and returns them. */
  async capture(): Promise<StreamRecord[]> {
    const fresh: Record<string, AttributeValue>[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.db.raw.send(new ScanCommand({ TableName: this.db.table, ExclusiveStartKey, ConsistentRead: true }));
      for (const item of page.Items ?? []) {
        const key = `${item.pk?.S}\u0000${item.sk?.S}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        fresh.push(item);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const writtenAt = (item: Record<string, AttributeValue>) => item.createdAt?.S ?? item.at?.S ?? '';
    fresh.sort((a, b) => writtenAt(a).localeCompare(writtenAt(b)));
    const records = fresh.map((item): StreamRecord => {
      this.sequence += 1n;
      return {
        eventID: randomUUID().replace(/-/g, ''),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-2',
        eventSourceARN: STREAM_ARN,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: { pk: item.pk as AttributeValue, sk: item.sk as AttributeValue },
          NewImage: item,
          SequenceNumber: String(this.sequence),
          SizeBytes: Buffer.byteLength(JSON.stringify(item)),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      };
    });
    this.records.push(...records);
    return records;
  }
}

/** The dispatcher's event source mapping settings, read from the synthesised template. */
export interface MappingSettings {
  batchSize: number;
  bisectBatchOnFunctionError: boolean;
  maximumRetryAttempts: number;
  reportBatchItemFailures: boolean;
  filters: unknown[];
  onFailure: unknown;
}

export function dispatcherMapping(template: Template): MappingSettings {
  const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
  const found = mappings.filter((m) => JSON.stringify(m.Properties.FunctionName).includes('MailDispatcher'));
  if (found.length !== 1) throw new Error(`expected one event source mapping for the dispatcher, found ${found.length}`);
  const p = found[0]?.Properties;
  return {
    batchSize: p.BatchSize ?? 100,
    bisectBatchOnFunctionError: p.BisectBatchOnFunctionError ?? false,
    maximumRetryAttempts: p.MaximumRetryAttempts ?? -1,
    reportBatchItemFailures: (p.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
    filters: (p.FilterCriteria?.Filters ?? []).map((f: { Pattern: string }) => JSON.parse(f.Pattern)),
    onFailure: p.DestinationConfig?.OnFailure?.Destination,
  };
}

/** Lambda's event filtering, for the patterns this stack uses: a list is "equals one of". */
function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((p) => p === value);
  if (pattern && typeof pattern === 'object')
    return Object.entries(pattern).every(([k, p]) => matches(p, (value as Record<string, unknown> | undefined)?.[k]));
  return pattern === value;
}

/** What Lambda puts on the on-failure destination for a stream batch it gave up on (the records stay in the stream). */
export interface OnFailureMessage {
  requestContext: { condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: { startSequenceNumber: string; endSequenceNumber: string; batchSize: number; streamArn: string };
}

type StreamHandler = (event: {
  Records: StreamRecord[];
}) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | undefined>;

/**
 * Lambda's event source mapping for one shard, as documented for DynamoDB Streams, driven by the
 * synthesised settings:
 * - starts at LATEST (the stream's end when it is made); keeps only records the filters match;
 *   hands the function batches of up to BatchSize records, in order, one at a time;
 * - a batch fails if the function throws or (with ReportBatchItemFailures) names records: the
 *   records before the lowest named one are done, the rest is retried (an identifier not in
 *   the batch fails the whole batch);
 * - each retry counts against MaximumRetryAttempts; with BisectBatchOnFunctionError the rest
 *   is split in two halves, retried one after the other;
 * - when the retries are spent, the failing range goes to the on-failure destination ("the
 *   queue", `onFailure`) and the mapping moves on.
 * Retries follow at once (the clock does not move): a real retry comes within seconds.
 */
export class EventSourceMapping {
  readonly onFailure: OnFailureMessage[] = [];
  invocations = 0;
  retries = 0;
  private checkpoint: number;

  constructor(
    private readonly settings: MappingSettings,
    private readonly stream: TableStream,
    private readonly handler: StreamHandler,
  ) {
    this.checkpoint = stream.records.length;
  }

  /** Delivers every record written to the stream since the last poll. */
  async poll(): Promise<void> {
    const records = this.stream.records.slice(this.checkpoint);
    this.checkpoint = this.stream.records.length;
    const wanted = records.filter((r) => this.settings.filters.some((f) => matches(f, r)));
    for (let i = 0; i < wanted.length; i += this.settings.batchSize)
      await this.deliver(wanted.slice(i, i + this.settings.batchSize), 0);
  }

  /** What an operator's redrive does: reads the range back from the stream and invokes the function once with it. */
  async redrive(message: OnFailureMessage): Promise<{ batchItemFailures: { itemIdentifier: string }[] } | undefined> {
    const { startSequenceNumber: start, endSequenceNumber: end } = message.DDBStreamBatchInfo;
    const seq = (r: StreamRecord) => BigInt(r.dynamodb.SequenceNumber);
    const records = this.stream.records.filter(
      (r) => seq(r) >= BigInt(start) && seq(r) <= BigInt(end) && this.settings.filters.some((f) => matches(f, r)),
    );
    this.invocations++;
    return this.handler({ Records: records });
  }

  private async deliver(batch: StreamRecord[], retries: number): Promise<void> {
    if (batch.length === 0) return;
    this.invocations++;
    if (retries > 0) this.retries++;
    let failedFrom: number | undefined;
    try {
      const response = await this.handler({ Records: batch });
      const failures = this.settings.reportBatchItemFailures ? (response?.batchItemFailures ?? []) : [];
      if (failures.length > 0) {
        const at = failures.map((f) => batch.findIndex((r) => r.dynamodb.SequenceNumber === f.itemIdentifier));
        failedFrom = at.some((i) => i < 0) ? 0 : Math.min(...at);
      }
    } catch {
      failedFrom = 0;
    }
    if (failedFrom === undefined) return;
    const rest = batch.slice(failedFrom);
    const limit = this.settings.maximumRetryAttempts;
    if (limit >= 0 && retries >= limit) {
      const first = rest[0] as StreamRecord;
      const last = rest[rest.length - 1] as StreamRecord;
      this.onFailure.push({
        requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: retries + 1 },
        version: '1.0',
        timestamp: new Date().toISOString(),
        DDBStreamBatchInfo: {
          startSequenceNumber: first.dynamodb.SequenceNumber,
          endSequenceNumber: last.dynamodb.SequenceNumber,
          batchSize: rest.length,
          streamArn: STREAM_ARN,
        },
      });
      return;
    }
    if (this.settings.bisectBatchOnFunctionError && rest.length > 1) {
      const half = Math.ceil(rest.length / 2);
      await this.deliver(rest.slice(0, half), retries + 1);
      await this.deliver(rest.slice(half), retries + 1);
    } else {
      await this.deliver(rest, retries + 1);
    }
  }
}
