import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../shared/entities.ts';
import type { AuditBrowse, AuditTrail } from '../../../shared/ports.ts';
import type { Db } from './client.ts';
import { keys } from './keys.ts';

/** Items one page request may read before it answers (with a `next` to read on). */
const READ_BUDGET = 1000;
const QUERY_PAGE = 200;

type Item = Record<string, unknown>;
const toEvent = (item: Item) => {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    prevHash: _p,
    hash: _h,
    ...event
  } = item;
  return event as unknown as AuditEvent & { seq?: number };
};

/**
 * A page of the trail, newest first. Two keys can serve it: the tenant's audit partition (sort
 * key `<at>#<id>`, so a date range is a key condition) or, for one person, their index (gsi2,
 * the same sort key). Staff member, request and kind narrow what the key reads (a filter on the
 * query, never a scan), within a read budget per page.
 */
export const browseAudit =
  (db: Db): AuditTrail['browse'] =>
  async (tenant, query: AuditBrowse) => {
    const byPerson = query.subjectId !== undefined;
    const lower = query.fromAt ?? '0000';
    const upper = `${query.toAt ?? '9999'}\uffff`;
    const startKey = (sk: string): Item => ({
      pk: keys.auditPartition(tenant),
      sk,
      ...(byPerson ? { gsi2pk: keys.subjectAudit(tenant, query.subjectId as string), gsi2sk: sk } : {}),
    });
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':pk': byPerson ? keys.subjectAudit(tenant, query.subjectId as string) : keys.auditPartition(tenant),
      ':lower': lower,
      ':upper': upper,
    };
    const filters: string[] = [];
    if (query.kindPrefix) {
      names['#action'] = 'action';
      values[':kind'] = query.kindPrefix;
      filters.push('begins_with(#action, :kind)');
    }
    if (query.staff) {
      Object.assign(names, { '#actor': 'actor', '#type': 'type', '#id': 'id' });
      Object.assign(values, { ':staffType': 'staff', ':staff': query.staff });
      filters.push('#actor.#type = :staffType AND #actor.#id = :staff');
    }
    if (query.requestId) {
      Object.assign(names, { '#detail': 'detail', '#req': 'requestId' });
      values[':req'] = query.requestId;
      filters.push('#detail.#req = :req');
    }
    const [keyName, sortName] = byPerson ? ['gsi2pk', 'gsi2sk'] : ['pk', 'sk'];

    const events: (AuditEvent & { seq?: number })[] = [];
    let exclusive: Item | undefined = query.after ? startKey(query.after) : undefined;
    let read = 0;
    while (read < READ_BUDGET) {
      const page = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          ...(byPerson ? { IndexName: 'gsi2' } : {}),
          KeyConditionExpression: `${keyName} = :pk AND ${sortName} BETWEEN :lower AND :upper`,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: QUERY_PAGE,
          ExclusiveStartKey: exclusive,
        }),
      );
      read += page.ScannedCount ?? 0;
      const items = page.Items ?? [];
      for (const [i, item] of items.entries()) {
        events.push(toEvent(item));
        if (events.length === query.limit) {
          const more = i < items.length - 1 || page.LastEvaluatedKey !== undefined;
          return { events, ...(more ? { next: item.sk as string } : {}) };
        }
      }
      exclusive = page.LastEvaluatedKey;
      if (!exclusive) return { events };
    }
    return { events, next: exclusive?.sk as string };
  };
