import { randomBytes, randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Lambda events of the shapes AWS documents, for driving bundles as the services would:
 * API Gateway HTTP API (payload format 2.0) behind CloudFront, and DynamoDB Streams.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, as requestContext.time has it. */
function clfTime(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} +0000`;
}

export interface HttpApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The path as the browser asked for it (CloudFront forwards `/api/*` unchanged). */
  path: string;
  query?: string;
  /** The route that matched, as in the template (e.g. `ANY /api/{proxy+}`). */
  routeKey: string;
  /** The API's own domain: CloudFront sends the origin's host. */
  apiDomain: string;
  /** The page's origin, which the browser sends as Origin on a POST. */
  origin?: string;
  /** The client's address and port, as CloudFront puts it in CloudFront-Viewer-Address. */
  viewer: string;
  /** The value CloudFront adds as x-origin-verify. */
  originSecret?: string;
  /** `name=value` pairs the browser sends; API Gateway moves them out of the headers into `cookies`. */
  cookies?: string[];
  json?: unknown;
}

/** An HTTP API payload 2.0 event for a browser request that came through CloudFront. */
export function httpApiEvent(r: HttpApiRequest): APIGatewayProxyEventV2 {
  const now = new Date();
  const body = r.json === undefined ? undefined : JSON.stringify(r.json);
  const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
  const edge = '130.176.179.24';
  const clientIp = r.viewer.slice(0, r.viewer.lastIndexOf(':'));
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip',
    'cloudfront-viewer-address': r.viewer,
    'content-length': String(body ? Buffer.byteLength(body) : 0),
    host: r.apiDomain,
    'user-agent': userAgent,
    via: '2.0 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)',
    'x-amz-cf-id': randomBytes(21).toString('base64url'),
    'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
    'x-forwarded-for': `${clientIp}, ${edge}`,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(body ? { 'content-type': 'application/json' } : {}),
    ...(r.origin ? { origin: r.origin, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } : {}),
    ...(r.originSecret ? { 'x-origin-verify': r.originSecret } : {}),
  };
  const proxy = r.routeKey.includes('{proxy+}') ? r.path.slice(r.routeKey.split(' ')[1]!.indexOf('{proxy+}')) : undefined;
  return {
    version: '2.0',
    routeKey: r.routeKey,
    rawPath: r.path,
    rawQueryString: r.query ?? '',
    ...(r.cookies?.length ? { cookies: r.cookies } : {}),
    headers,
    ...(r.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(r.query)) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: r.apiDomain.split('.')[0]!,
      domainName: r.apiDomain,
      domainPrefix: r.apiDomain.split('.')[0]!,
      http: { method: r.method, path: r.path, protocol: 'HTTP/1.1', sourceIp: edge, userAgent },
      requestId: randomBytes(12).toString('base64url').slice(0, 16),
      routeKey: r.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(proxy !== undefined ? { pathParameters: { proxy } } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

let sequence = 100_000_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e9));

/**
 * A stream record for a table item, as DynamoDB Streams delivers it (NEW_AND_OLD_IMAGES): `item`
 * is the new image (for REMOVE, the item that was removed, given again as `oldImage`).
 */
export function streamRecord(
  item: Record<string, AttributeValue>,
  options: {
    eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
    table: string;
    region: string;
    oldImage?: Record<string, AttributeValue>;
  },
): DynamoDBRecord {
  sequence += 1n;
  const keys = { pk: item.pk!, sk: item.sk! };
  return {
    eventID: randomUUID().replaceAll('-', ''),
    eventName: options.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: options.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      // aws-lambda's AttributeValue type and the SDK's describe the same JSON.
      Keys: keys as never,
      ...(options.eventName === 'REMOVE' ? {} : { NewImage: item as never }),
      ...(options.oldImage ? { OldImage: options.oldImage as never } : {}),
      SequenceNumber: String(sequence),
      SizeBytes: Buffer.byteLength(JSON.stringify(item)),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:${options.region}:123456789012:table/${options.table}/stream/2026-01-01T00:00:00.000`,
  };
}

/** A batch of stream records, as the event source mapping hands it to the function. */
export const streamEvent = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
