/**
 * The few shapes every store's writes take: a consistent read by key, a transaction (all or
 * nothing), a Put that must create its item, a write guarded by a version, and a conditional
 * update whose failed condition is an answer rather than an error.
 */
import {
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import { type Db, isConditionFailure, isTransactionConditionFailure } from './client.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The condition of a write that creates its item: none with that key may exist yet. */
export const NEW_ITEM = 'attribute_not_exists(pk)';

/** One item by key, read consistently: undefined when there is none. */
export async function getItem(db: Db, key: Record<string, unknown>): Promise<Record<string, any> | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }));
  return Item;
}

/** A transaction's Put of an item that must not exist yet. */
export const putNew = (table: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: table, Item: item, ConditionExpression: NEW_ITEM },
});

/** The guard of a write made at a version: 0, the item must not exist yet; else it must still be at that version. */
export const versionGuard = (expected: number) =>
  expected === 0
    ? { ConditionExpression: NEW_ITEM }
    : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expected } };

/** Writes the items in one transaction: all of them, or none. */
export async function transact(db: Db, items: TransactItem[]): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
}

/** As `transact`; false (and nothing written) when one of its conditions failed. */
export async function transactIf(db: Db, items: TransactItem[]): Promise<boolean> {
  try {
    await transact(db, items);
    return true;
  } catch (error) {
    if (isTransactionConditionFailure(error)) return false;
    throw error;
  }
}

/** As `transact`; a failed condition is DomainError('conflict', message), and nothing is written. */
export async function transactOrConflict(db: Db, items: TransactItem[], message: string): Promise<void> {
  if (!(await transactIf(db, items))) throw new DomainError('conflict', message);
}

/** One conditional update: its answer, or undefined (nothing changed) when its condition failed. */
export async function updateIf(db: Db, input: Omit<UpdateCommandInput, 'TableName'>): Promise<UpdateCommandOutput | undefined> {
  try {
    return await db.doc.send(new UpdateCommand({ ...input, TableName: db.table }));
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Moves a per-tenant counter on by one and answers its new value (1 the first time). */
export async function nextCount(db: Db, key: Record<string, unknown>): Promise<number> {
  const { Attributes } = await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: key,
      UpdateExpression: 'ADD #n :one SET #type = :type',
      ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.n ?? 1);
}

/** The entity an item holds: the item without its table keys and type. */
export const entityOf = <T>({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...entity }: Record<string, unknown>) =>
  entity as unknown as T;
