import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Db, deleteKeys } from '../../functions/adapters/dynamo/client.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { recordItem, recordItems } from '../../functions/adapters/dynamo/subject/records.ts';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import type { DataRecord } from '../../shared/entities.ts';

/**
 * The pages an export reads (`iterateRecords`: the plain client, its own conversion, kept out of
 * the SDK's log) hold exactly what the document client reads, against DynamoDB Local.
 */
const tenant = 'it-mk';
const subjectId = `subject-${randomUUID()}`;
/** What the SDK's logger was given: with a logger that writes, the records must not be among it. */
const logged: unknown[] = [];
let db: Db;

const records: DataRecord[] = [
  {
    id: 'a-1',
    category: 'identity',
    recordedOn: '2025-01-02',
    data: { firstName: 'Zoë', lastName: "O'Brien", age: 41, verified: true, note: '' },
  },
  {
    id: 'b-2',
    category: 'payments',
    recordedOn: '2025-03-04',
    data: { invoice: 'INV-2', amount: '£12.50', pence: 1250, refunded: false, ratio: 0.125 },
    hold: { reason: 'dispute', personWording: 'A dispute is open.', by: 'sam@staff.example', at: '2026-01-01T00:00:00Z' },
  },
  {
    id: 'c-3',
    category: 'support-tickets',
    recordedOn: '2025-05-06',
    data: { reference: 'T-3', summary: 'line one\nline "two", 😀' },
    source: { system: 'xero', key: 'contact-9' },
  },
  // More than a page of one category, so the pages follow one another in key order.
  ...Array.from(
    { length: 7 },
    (_, i): DataRecord => ({
      id: `t-${i}`,
      category: 'support-tickets',
      recordedOn: '2025-06-01',
      data: { reference: `T-${i}`, count: i },
    }),
  ),
];

beforeAll(async () => {
  const raw = new DynamoDBClient({
    region: 'eu-west-2',
    endpoint: inject('dynamoEndpoint'),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    logger: { debug() {}, info: (entry: unknown) => logged.push(entry), warn() {}, error() {} },
  });
  db = { raw, doc: DynamoDBDocumentClient.from(raw), table: `test-${randomUUID()}` };
  await ensureTable(db);
  await db.doc.send(
    new BatchWriteCommand({
      RequestItems: { [db.table]: records.map((r) => ({ PutRequest: { Item: recordItem(tenant, subjectId, r) } })) },
    }),
  );
});
afterAll(async () => {
  await deleteKeys(
    db,
    records.map((r) => keys.record(tenant, subjectId, r.category, r.id)),
  );
  db.raw.destroy();
});

describe('the pages of a subject’s records', () => {
  it('hold what the document client reads, in key order, a page at a time', async () => {
    const store = recordItems(db);
    const pages: DataRecord[][] = [];
    for await (const page of store.iterateRecords(tenant, subjectId, 4)) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    const read = pages.flat();
    expect(read).toEqual(await store.listRecords(tenant, subjectId));
    expect(read.map((r) => r.id)).toEqual(['a-1', 'b-2', 'c-3', 't-0', 't-1', 't-2', 't-3', 't-4', 't-5', 't-6']);
    expect(read[1]).toEqual(records[1]);
    expect(read[2]).toEqual(records[2]);
    expect(typeof read[1]?.data.pence).toBe('number');
  });

  it('keep the records out of what the SDK hands its logger', async () => {
    logged.length = 0;
    for await (const _ of recordItems(db).iterateRecords(tenant, subjectId, 500)) void _;
    expect(logged).toHaveLength(1);
    const entry = JSON.stringify(logged[0]);
    expect(entry).toContain('QueryCommand');
    expect(entry).not.toContain('INV-2');
    expect(entry).not.toContain('dispute');
  });
});
