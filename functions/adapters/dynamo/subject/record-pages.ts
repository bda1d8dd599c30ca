import { type AttributeValue, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DataRecord } from '../../../../shared/entities.ts';
import type { Db } from '../client.ts';
import { keys } from '../keys.ts';

/** What the SDK's logger middleware is given instead of the pages' records (it logs nothing by default). */
const OMITTED = '[records omitted]';

/**
 * Keeps the SDK's logger middleware from copying every record of a page through its
 * sensitive-data filter: with the default logger (which writes nothing) the copy is thrown away,
 * yet it walked each item, about a tenth of a large read's time on the main thread
 * (BENCHMARKS.md, "Access export"). Added to each query command, not to the client.
 */
const withoutLoggedOutput = (command: QueryCommand) => {
  command.middlewareStack.add(
    (next, context) => (args) => {
      context.outputFilterSensitiveLog = () => OMITTED;
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'omitRecordsFromLog' },
  );
  return command;
};

/**
 * Only what a record is made of, not the item's keys, type, tenant and subject (the query names
 * them already): a third fewer attributes for DynamoDB to send and the SDK to parse and convert
 * (BENCHMARKS.md, "Access export"). LastEvaluatedKey still holds the whole key.
 */
const RECORD_ATTRIBUTES = {
  ProjectionExpression: '#id, #category, #recordedOn, #data, #hold, #source',
  ExpressionAttributeNames: Object.fromEntries(
    ['id', 'category', 'recordedOn', 'data', 'hold', 'source'].map((name) => [`#${name}`, name]),
  ),
};

const toRecord = (item: Record<string, AttributeValue>): DataRecord => {
  const { id, category, recordedOn, data, hold, source } = unmarshall(item);
  return { id, category, recordedOn, data, ...(hold ? { hold } : {}), ...(source ? { source } : {}) };
};

/**
 * A subject's records a page at a time, in key order (grouped by category), consistently read:
 * what an export reads (and counts). The plain client's query, its items converted once by
 * `unmarshall` (the document client converts the same values, but walks every response a second
 * time to find them), only the record's own attributes asked for, and kept out of the SDK's log filter.
 */
export async function* recordPages(db: Db, tenant: string, subjectId: string, pageSize: number): AsyncGenerator<DataRecord[]> {
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.raw.send(
      withoutLoggedOutput(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: keys.subjectPartition(tenant, subjectId) }, ':prefix': { S: 'REC#' } },
          ConsistentRead: true,
          ...RECORD_ATTRIBUTES,
          Limit: pageSize,
          ExclusiveStartKey,
        }),
      ),
    );
    if (page.Items?.length) yield page.Items.map(toRecord);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
