import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestStore, RightsRequest } from '../../../shared/ports.ts';
import type { Db } from './client.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

export function dynamoRequestStore(db: Db): RequestStore {
  return {
    async nextReference(tenant, prefix, year) {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.counter(tenant, `request-${year}`),
          UpdateExpression: 'ADD #n :one SET #type = :type',
          ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return `${prefix}-${year}-${String(Attributes?.n ?? 1).padStart(6, '0')}`;
    },

    async create(request, effects) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.table,
                Item: { ...keys.request(request.tenant, request.subjectId, request.id), type: 'request', ...request },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...effectItems(db.table, request.tenant, effects),
          ],
        }),
      );
    },

    async listForSubject(tenant, subjectId) {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
          ExpressionAttributeValues: { ':pk': keys.subjectPartition(tenant, subjectId), ':r': 'REQ#' },
        }),
      );
      return (Items ?? []).map(({ pk: _pk, sk: _sk, type: _type, ...request }) => request as RightsRequest);
    },
  };
}
