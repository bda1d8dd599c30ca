import type { RightsRequest } from '../../../shared/entities.ts';
import type { RequestStore } from '../../../shared/ports.ts';
import { caseItems } from './case-items.ts';
import { type Db, isTransactionConditionFailure } from './client.ts';
import { getItem, NEW_ITEM, putNew, transact, transactOrConflict } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

export function dynamoRequestStore(db: Db): RequestStore {
  /** In the person's partition, and on the tenant's queue by due date (for staff and the deadline digest). */
  const requests = caseItems<RightsRequest>(db, {
    type: 'request',
    key: (r) => keys.request(r.tenant, r.subjectId, r.id),
    prefix: 'REQ#',
    queue: keys.requestQueue,
    queuedBy: (r) => `${r.dueOn}#${r.id}`,
    reference: (prefix, year) => `${prefix}-${year}`,
    conflictMessage: 'This request was changed meanwhile. Please look at it again.',
  });
  const get = async (tenant: string, subjectId: string, requestId: string) => {
    const item = await getItem(db, keys.request(tenant, subjectId, requestId));
    return item && item.tenant === tenant ? requests.toCase(item) : undefined;
  };

  return {
    get,

    nextReference: requests.nextReference,

    async findFiled(tenant, subjectId, idempotencyKey) {
      const item = await getItem(db, keys.idempotency(tenant, subjectId, idempotencyKey));
      return item ? get(tenant, subjectId, item.requestId as string) : undefined;
    },

    async updateTogether(changes, effects) {
      const [first] = changes;
      if (!first) return;
      await transactOrConflict(
        db,
        [
          ...changes.map(({ request, expectedVersion }) => ({
            Put: {
              TableName: db.table,
              Item: requests.itemOf(request),
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          })),
          ...effectItems(db.table, first.request.tenant, effects),
        ],
        'A request was changed meanwhile. Please look at it again.',
      );
    },

    async create(request, effects, idempotencyKey, openSlot) {
      const idempotency = idempotencyKey ? keys.idempotency(request.tenant, request.subjectId, idempotencyKey) : undefined;
      const slot = openSlot ? keys.openSlot(request.tenant, request.subjectId, openSlot.key) : undefined;
      const vacantIf = openSlot?.vacantIf ?? [];
      try {
        await transact(db, [
          ...(idempotency
            ? [putNew(db.table, { ...idempotency, type: 'idempotency', tenant: request.tenant, requestId: request.id })]
            : []),
          ...(slot
            ? [
                {
                  Put: {
                    TableName: db.table,
                    Item: { ...slot, type: 'open-slot', tenant: request.tenant, requestId: request.id },
                    // Free, or held by a request that has closed since: two filings racing, one wins.
                    ConditionExpression: vacantIf.length
                      ? `${NEW_ITEM} OR requestId IN (${vacantIf.map((_, i) => `:v${i}`).join(', ')})`
                      : NEW_ITEM,
                    ...(vacantIf.length
                      ? { ExpressionAttributeValues: Object.fromEntries(vacantIf.map((id, i) => [`:v${i}`, id])) }
                      : {}),
                  },
                },
              ]
            : []),
          putNew(db.table, requests.itemOf(request)),
          ...effectItems(db.table, request.tenant, effects),
        ]);
        return request;
      } catch (error) {
        if (!(idempotency || slot) || !isTransactionConditionFailure(error)) throw error;
        // The same filing again (its idempotency key), else the open request holding the slot.
        for (const key of [idempotency, slot]) {
          if (!key) continue;
          const item = await getItem(db, key);
          const first = item ? await get(request.tenant, request.subjectId, item.requestId as string) : undefined;
          if (first) return first;
        }
        throw error;
      }
    },

    update: requests.update,
    listForSubject: requests.listForSubject,
    listForTenant: requests.listForTenant,
  };
}
