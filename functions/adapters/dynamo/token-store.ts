import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkToken } from '../../../shared/entities.ts';
import type { TokenStore } from '../../../shared/ports.ts';
import { type Db, isConditionFailure, queryAll } from './client.ts';
import { keys } from './keys.ts';

export function dynamoTokenStore(db: Db): TokenStore {
  return {
    async put(token) {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: {
            ...keys.token(token.tenant, token.tokenHash),
            type: 'token',
            ...token,
            // Staff tokens carry the staff email in subjectId; subjects' are ended all at once on erasure.
            gsi2pk: keys.credentialsOf(
              token.tenant,
              token.purpose === 'staff-sign-in' ? `STAFF#${token.subjectId}` : `S#${token.subjectId}`,
            ),
            gsi2sk: `TOKEN#${token.tokenHash}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async revokeAllOf(tenant, subjectId) {
      const items = await queryAll(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :t)',
        ExpressionAttributeValues: { ':pk': keys.credentialsOf(tenant, `S#${subjectId}`), ':t': 'TOKEN#' },
      });
      for (const item of items) await db.doc.send(new DeleteCommand({ TableName: db.table, Key: { pk: item.pk, sk: item.sk } }));
      return items.length;
    },

    async consume(tenant, tokenHash, purpose, nowEpoch) {
      try {
        const { Attributes } = await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.token(tenant, tokenHash),
            UpdateExpression: 'SET usedAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND tenant = :tenant AND purpose = :purpose AND attribute_not_exists(usedAt) AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': nowEpoch, ':tenant': tenant, ':purpose': purpose },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes as LinkToken | undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
  };
}
