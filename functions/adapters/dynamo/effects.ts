import { newId } from '../../../shared/crypto.ts';
import type { Effects } from '../../../shared/entities.ts';
import type { Db } from './client.ts';
import { putNew, type TransactItem, transactOrConflict, versionGuard } from './commands.ts';
import { keys } from './keys.ts';
import { subjectChange } from './subject/subject-item.ts';
import { newRunItem } from './system-run-items.ts';

/** Audit events and outbox messages as transaction items, to ride along with a state change. */
export function effectItems(table: string, tenant: string, effects: Effects, now = new Date()): TransactItem[] {
  const at = now.toISOString();
  const audit = effects.audit.map((event) => {
    const id = newId();
    return putNew(table, {
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
    });
  });
  const mail = (effects.mail ?? []).map((message) => {
    const id = newId();
    return putNew(table, {
      ...keys.outbox(tenant, id),
      type: 'outbox',
      id,
      tenant,
      createdAt: at,
      status: 'pending',
      message,
      gsi1pk: keys.pendingOutbox(tenant),
      gsi1sk: `${at}#${id}`,
    });
  });
  const runs = (effects.systemRuns ?? []).map(
    ({ run, expectedVersion }): TransactItem => ({
      Put: { TableName: table, Item: newRunItem(run), ...versionGuard(expectedVersion) },
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
  await transactOrConflict(
    db,
    [
      { Put: { TableName: db.table, Item: input.item, ...versionGuard(input.expectedVersion) } },
      ...effectItems(db.table, input.tenant, input.effects),
    ],
    input.conflictMessage,
  );
}
