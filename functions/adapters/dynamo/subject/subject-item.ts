import { normaliseEmail } from '../../../../shared/crypto.ts';
import type { HashKeys } from '../../../../shared/hash-keys.ts';
import { NEW_ITEM, putNew, type TransactItem } from '../commands.ts';
import { keys } from '../keys.ts';

/** The key of the email index entry: a keyed hash (current HASH_KEY) of the address, never the address itself. */
export const emailKey = (hashKeys: HashKeys, tenant: string, email: string) =>
  keys.email(tenant, hashKeys.hash(`${tenant}:${normaliseEmail(email)}`));

/** The keys an email index entry may have: current HASH_KEY, then previous (until the re-key job has moved it). */
export const emailKeys = (hashKeys: HashKeys, tenant: string, email: string) =>
  hashKeys.lookups(`${tenant}:${normaliseEmail(email)}`).map((hash) => keys.email(tenant, hash));

/** The transaction items of a new email index entry for the person: the entry, and the check below. */
export const newEmailEntry = (table: string, hashKeys: HashKeys, tenant: string, email: string, subjectId: string) => [
  putNew(table, { ...emailKey(hashKeys, tenant, email), type: 'email', tenant, subjectId }),
  ...noPreviousEntry(table, hashKeys, tenant, email),
];

/**
 * What a new email index entry's transaction holds besides the Put: while a rotation is under
 * way, a check that no entry under another HASH_KEY version has the address (which would
 * then lead to two people).
 */
export const noPreviousEntry = (table: string, hashKeys: HashKeys, tenant: string, email: string) =>
  emailKeys(hashKeys, tenant, email)
    .slice(1)
    .map((Key) => ({ ConditionCheck: { TableName: table, Key, ConditionExpression: NEW_ITEM } }));

/** What a change to the subject item does besides the version: SET and REMOVE clauses, with their values and names. */
export interface SubjectChange {
  set?: string[];
  remove?: string[];
  values?: Record<string, unknown>;
  names?: Record<string, string>;
  /**
   * The subject's version: 'bump' moves it on by one; a number is the version the writer saw
   * (anything else is a conflict) and it moves on by one; 'keep' leaves it alone.
   */
  version: 'bump' | 'keep' | number;
  /** Replaces the default condition (the subject exists, at the expected version if one is given). */
  condition?: string;
}

/**
 * The transaction item every change to a subject rides on: the subject must exist (records never
 * outlive their subject), and its version moves on, so that an edit made on a page read before
 * this write gets a 409.
 */
export function subjectChange(table: string, tenant: string, subjectId: string, change: SubjectChange): TransactItem {
  const set = [...(change.set ?? [])];
  const values: Record<string, unknown> = { ...change.values };
  let condition = 'attribute_exists(pk)';
  if (change.version === 'bump') {
    set.push('version = if_not_exists(version, :zero) + :one');
    Object.assign(values, { ':zero': 0, ':one': 1 });
  } else if (typeof change.version === 'number') {
    set.push('version = :next');
    Object.assign(values, { ':next': change.version + 1, ':expected': change.version });
    condition =
      change.version === 0
        ? 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :expected)'
        : 'attribute_exists(pk) AND version = :expected';
  }
  const expression = [
    set.length ? `SET ${set.join(', ')}` : '',
    change.remove?.length ? `REMOVE ${change.remove.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    Update: {
      TableName: table,
      Key: keys.subject(tenant, subjectId),
      UpdateExpression: expression,
      ConditionExpression: change.condition ?? condition,
      ...(change.names ? { ExpressionAttributeNames: change.names } : {}),
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}
