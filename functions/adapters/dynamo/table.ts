import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../../shared/table.ts';
import type { Db } from './client.ts';

/** Creates the table from the shared definition if it is missing (local runtime and tests only). */
/** A local table made by an older version gains the indexes added since (data kept). */
async function addMissingIndexes(db: Db, existing: Set<string | undefined>): Promise<void> {
  for (const index of tableDefinition.indexes) {
    if (existing.has(index.name)) continue;
    await db.raw.send(
      new UpdateTableCommand({
        TableName: db.table,
        AttributeDefinitions: [
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
}

export async function ensureTable(db: Db): Promise<void> {
  const def = tableDefinition;
  try {
    const { Table } = await db.raw.send(new DescribeTableCommand({ TableName: db.table }));
    await addMissingIndexes(db, new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([def.partitionKey, def.sortKey]);
  for (const index of def.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await db.raw.send(
    new CreateTableCommand({
      TableName: db.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: def.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await db.raw.send(
    new UpdateTimeToLiveCommand({
      TableName: db.table,
      TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
    }),
  );
}
