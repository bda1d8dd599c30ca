import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkToken, TokenStore } from '../../../shared/ports.ts';
import { type Db, isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

export function dynamoTokenStore(db: Db): TokenStore {
  return {
    async put(token) {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { ...keys.token(token.tenant, token.tokenHash), type: 'token', ...token },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
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
