import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId } from '../../../shared/crypto.ts';
import type { Effects } from '../../../shared/ports.ts';
import { keys } from './keys.ts';

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
  return [...audit, ...mail];
}
