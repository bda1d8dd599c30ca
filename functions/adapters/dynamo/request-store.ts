import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RightsRequest } from '../../../shared/entities.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { RequestStore } from '../../../shared/ports.ts';
import { type Db, inQueue, isTransactionConditionFailure, queryAll, withPrefix } from './client.ts';
import { effectItems, putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toRequest = ({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...request }: Record<string, unknown>) =>
  request as unknown as RightsRequest;

/** The stored item, on the tenant's queue index by due date (for staff and the deadline digest). */
const requestItem = (r: RightsRequest) => ({
  ...keys.request(r.tenant, r.subjectId, r.id),
  type: 'request',
  ...r,
  gsi1pk: keys.requestQueue(r.tenant),
  gsi1sk: `${r.dueOn}#${r.id}`,
});

export function dynamoRequestStore(db: Db): RequestStore {
  const get = async (tenant: string, subjectId: string, requestId: string) => {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.request(tenant, subjectId, requestId), ConsistentRead: true }),
    );
    return Item && Item.tenant === tenant ? toRequest(Item) : undefined;
  };

  return {
    get,

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

    async findFiled(tenant, subjectId, idempotencyKey) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.idempotency(tenant, subjectId, idempotencyKey), ConsistentRead: true }),
      );
      return Item ? get(tenant, subjectId, Item.requestId as string) : undefined;
    },

    async updateTogether(changes, effects) {
      const [first] = changes;
      if (!first) return;
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              ...changes.map(({ request, expectedVersion }) => ({
                Put: {
                  TableName: db.table,
                  Item: requestItem(request),
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                },
              })),
              ...effectItems(db.table, first.request.tenant, effects),
            ],
          }),
        );
      } catch (error) {
        if (isTransactionConditionFailure(error))
          throw new DomainError('conflict', 'A request was changed meanwhile. Please look at it again.');
        throw error;
      }
    },

    async create(request, effects, idempotencyKey, openSlot) {
      const idempotency = idempotencyKey ? keys.idempotency(request.tenant, request.subjectId, idempotencyKey) : undefined;
      const slot = openSlot ? keys.openSlot(request.tenant, request.subjectId, openSlot.key) : undefined;
      const vacantIf = openSlot?.vacantIf ?? [];
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              ...(idempotency
                ? [
                    {
                      Put: {
                        TableName: db.table,
                        Item: { ...idempotency, type: 'idempotency', tenant: request.tenant, requestId: request.id },
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                  ]
                : []),
              ...(slot
                ? [
                    {
                      Put: {
                        TableName: db.table,
                        Item: { ...slot, type: 'open-slot', tenant: request.tenant, requestId: request.id },
                        // Free, or held by a request that has closed since: two filings racing, one wins.
                        ConditionExpression: vacantIf.length
                          ? `attribute_not_exists(pk) OR requestId IN (${vacantIf.map((_, i) => `:v${i}`).join(', ')})`
                          : 'attribute_not_exists(pk)',
                        ...(vacantIf.length
                          ? { ExpressionAttributeValues: Object.fromEntries(vacantIf.map((id, i) => [`:v${i}`, id])) }
                          : {}),
                      },
                    },
                  ]
                : []),
              {
                Put: {
                  TableName: db.table,
                  Item: requestItem(request),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...effectItems(db.table, request.tenant, effects),
            ],
          }),
        );
        return request;
      } catch (error) {
        if (!(idempotency || slot) || !isTransactionConditionFailure(error)) throw error;
        // The same filing again (its idempotency key), else the open request holding the slot.
        for (const key of [idempotency, slot]) {
          if (!key) continue;
          const { Item } = await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }));
          const first = Item ? await get(request.tenant, request.subjectId, Item.requestId as string) : undefined;
          if (first) return first;
        }
        throw error;
      }
    },

    async update(request, expectedVersion, effects) {
      await putVersioned(db, {
        tenant: request.tenant,
        item: requestItem(request),
        expectedVersion,
        effects,
        conflictMessage: 'This request was changed meanwhile. Please look at it again.',
      });
    },

    async listForSubject(tenant, subjectId) {
      const items = await queryAll(db, {
        ...withPrefix(keys.subjectPartition(tenant, subjectId), 'REQ#'),
      });
      return items.map(toRequest);
    },

    async listForTenant(tenant) {
      const items = await queryAll(db, {
        ...inQueue(keys.requestQueue(tenant)),
      });
      return items.map(toRequest);
    },
  };
}
