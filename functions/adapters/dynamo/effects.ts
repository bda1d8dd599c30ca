import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId } from '../../../shared/crypto.ts';
import type { Effects } from '../../../shared/entities.ts';
import { DomainError } from '../../../shared/errors.ts';
import { type Db, isTransactionConditionFailure } from './client.ts';
import { keys } from './keys.ts';
import { subjectChange } from './subject/subject-item.ts';
import { newRunItem } from './system-run-items.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Audit events and outbox messages as transaction items, to ride along with a state change. */
export function effectItems(table: string, tenant: string, effects: Effects, now = new Date()): TransactItem[] {
  const at = now.toISOString();
  const audit = effects.audit.map((event): TransactItem => {
    const id = newId();
    return {
      Put: {
        TableName: table,
        Item: {
          ...keys.audit(tenant, at, id),
          type: 'audit',
          id,
          tenant,
          at,
          ...event,
          // Waiting to be linked into the tenant's hash chain.
          gsi1pk: keys.auditUnchained(tenant),
          gsi1sk: `${at}#${id}`,
          ...(event.subjectId ? { gsi2pk: keys.subjectAudit(tenant, event.subjectId), gsi2sk: `${at}#${id}` } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  });
  const mail = (effects.mail ?? []).map((message): TransactItem => {
    const id = newId();
    return {
      Put: {
        TableName: table,
        Item: {
          ...keys.outbox(tenant, id),
          type: 'outbox',
          id,
          tenant,
          createdAt: at,
          status: 'pending',
          message,
          gsi1pk: keys.pendingOutbox(tenant),
          gsi1sk: `${at}#${id}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  });
  const runs = (effects.systemRuns ?? []).map(
    ({ run, expectedVersion }): TransactItem => ({
      Put: {
        TableName: table,
        Item: newRunItem(run),
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
      },
    }),
  );
  // A corrected record: its subject's version guards it (a change meanwhile fails the whole transaction).
  const records = (effects.records ?? []).flatMap(({ subjectId, record, expectedSubjectVersion }): TransactItem[] => [
    subjectChange(table, tenant, subjectId, { version: expectedSubjectVersion }),
    {
      Update: {
        TableName: table,
        Key: keys.record(tenant, subjectId, record.category, record.id),
        UpdateExpression: 'SET #data = :data',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: { ':data': record.data },
      },
    },
  ]);
  return [...audit, ...mail, ...runs, ...records];
}

/**
 * Puts an item with its effects in one transaction if it is still at `expectedVersion` (0: if it
 * does not exist yet); otherwise DomainError('conflict', conflictMessage) and nothing is written.
 */
export async function putVersioned(
  db: Db,
  input: { tenant: string; item: Record<string, unknown>; expectedVersion: number; effects: Effects; conflictMessage: string },
): Promise<void> {
  const guard =
    input.expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': input.expectedVersion } };
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: db.table, Item: input.item, ...guard } },
          ...effectItems(db.table, input.tenant, input.effects),
        ],
      }),
    );
  } catch (error) {
    if (isTransactionConditionFailure(error)) throw new DomainError('conflict', input.conflictMessage);
    throw error;
  }
}
