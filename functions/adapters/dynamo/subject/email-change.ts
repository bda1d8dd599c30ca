import { normaliseEmail } from '../../../../shared/crypto.ts';
import type { HashKeys } from '../../../../shared/hash-keys.ts';
import type { SubjectStore } from '../../../../shared/ports.ts';
import { type Db, queryAll } from '../client.ts';
import { transact, transactOrConflict } from '../commands.ts';
import { effectItems } from '../effects.ts';
import { keys } from '../keys.ts';
import { emailKeys, newEmailEntry, subjectChange } from './subject-item.ts';

/** A new sign-in address: the index entry moves, the subject's address (and identity record) change, old credentials end. */
export function emailChange(db: Db, hashKeys: HashKeys): Pick<SubjectStore, 'changeEmail'> {
  return {
    async changeEmail({ tenant, subject, newEmail, identity, effects, endCredentials }) {
      const email = normaliseEmail(newEmail);
      // The subject's sessions and link tokens (index reads: one created a moment ago may be missed).
      const credentials = endCredentials
        ? (
            await queryAll(db, {
              IndexName: 'gsi2',
              KeyConditionExpression: 'gsi2pk = :pk',
              ExpressionAttributeValues: { ':pk': keys.credentialsOf(tenant, `S#${subject.id}`) },
            })
          ).filter(
            (c) =>
              (String(c.gsi2sk).startsWith('SESSION#') || String(c.gsi2sk).startsWith('TOKEN#')) &&
              c.gsi2sk !== `SESSION#${endCredentials.exceptSession}`,
          )
        : [];
      // A transaction holds 100 items: the rest (an unlikely pile of sessions and links) end first,
      // in transactions of Deletes too (the portal, which makes the change, may DeleteItem but not
      // BatchWriteItem: infra/constructs/table-access.ts). First, not after: if one of them fails
      // (DynamoDB cancels a transaction it throttles or that meets another), the address has not
      // changed, and the person is not told of a failure after their change was saved, with
      // credentials left alive. Ended early, they were to end anyway.
      const inline = credentials.slice(0, 80);
      const before = credentials.slice(80);
      for (let i = 0; i < before.length; i += 100) {
        await transact(
          db,
          before.slice(i, i + 100).map((c) => ({ Delete: { TableName: db.table, Key: { pk: c.pk, sk: c.sk } } })),
        );
      }
      await transactOrConflict(
        db,
        [
          ...newEmailEntry(db.table, hashKeys, tenant, email, subject.id),
          // The old address's entry, under whichever HASH_KEY version it is (one of them exists).
          ...emailKeys(hashKeys, tenant, subject.email).map((Key) => ({
            Delete: {
              TableName: db.table,
              Key,
              ConditionExpression: 'attribute_not_exists(pk) OR subjectId = :id',
              ExpressionAttributeValues: { ':id': subject.id },
            },
          })),
          subjectChange(db.table, tenant, subject.id, {
            set: ['email = :email'],
            values: { ':email': email, ':old': subject.email },
            version: 'bump',
            condition: 'email = :old',
          }),
          ...(identity
            ? [
                {
                  Update: {
                    TableName: db.table,
                    Key: keys.record(tenant, subject.id, identity.category, identity.id),
                    UpdateExpression: 'SET #data.email = :email',
                    ExpressionAttributeNames: { '#data': 'data' },
                    ExpressionAttributeValues: { ':email': email },
                  },
                },
              ]
            : []),
          ...inline.map((c) => ({ Delete: { TableName: db.table, Key: { pk: c.pk, sk: c.sk } } })),
          ...effectItems(db.table, tenant, effects),
        ],
        'That email address cannot be used for this account. Please use another one.',
      );
    },
  };
}
