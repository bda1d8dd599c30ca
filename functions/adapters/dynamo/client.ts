import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export interface DynamoSettings {
  tableName: string;
  region: string;
  /** Set for DynamoDB Local; unset on AWS. */
  endpoint?: string;
  /** Extra client settings (a test's fault-injecting request handler, retry settings). */
  client?: Pick<DynamoDBClientConfig, 'requestHandler' | 'maxAttempts' | 'retryStrategy'>;
}

export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  table: string;
}

/** Builds the SDK clients once per process. */
export function createDb(settings: DynamoSettings): Db {
  const raw = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    ...settings.client,
  });
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { doc, raw, table: settings.tableName };
}

export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'ConditionalCheckFailedException';
}

/** A transaction cancelled because one of its conditions failed (not a throttle or conflict). */
export function isTransactionConditionFailure(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return e?.name === 'TransactionCanceledException' && !!e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed');
}

/** Every item a query matches, page after page. */
export async function queryAll(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Deletes items by key, 25 at a time (BatchWrite), retrying what DynamoDB leaves unprocessed. */
export async function deleteKeys(db: Db, keyList: { pk: string; sk: string }[]): Promise<void> {
  for (let i = 0; i < keyList.length; i += 25) {
    let requests = keyList.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
      const { UnprocessedItems } = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests } }));
      requests = (UnprocessedItems?.[db.table] ?? []) as typeof requests;
    }
  }
}

/** The key condition for the items in partition `pk` whose sort key starts with `prefix` (spread into a query). */
export const withPrefix = (pk: string, prefix: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
});

/** The key condition for the items of one partition of an index (spread into a query). */
export const inIndex = (index: 'gsi1' | 'gsi2', pk: string) => ({
  IndexName: index,
  KeyConditionExpression: `${index}pk = :pk`,
  ExpressionAttributeValues: { ':pk': pk },
});

/** The key condition for the items of one gsi1 partition, a tenant's queue (spread into a query). */
export const inQueue = (gsi1pk: string) => inIndex('gsi1', gsi1pk);
