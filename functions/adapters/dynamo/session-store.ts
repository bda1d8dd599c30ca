import type { Session } from '../../../shared/entities.ts';
import type { SessionStore } from '../../../shared/ports.ts';
import { type Db, queryAll } from './client.ts';
import { getItem, putNew, transact, updateIf } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

const ownerOf = (session: Session) => (session.audience === 'subject' ? `S#${session.subjectId}` : `STAFF#${session.staffEmail}`);

const sessionItem = (session: Session) => ({
  ...keys.session(session.tenant, session.idHash),
  type: 'session',
  ...session,
  expiresAt: session.idleExpiresAt,
  gsi2pk: keys.credentialsOf(session.tenant, ownerOf(session)),
  gsi2sk: `SESSION#${session.idHash}`,
});

export function dynamoSessionStore(db: Db): SessionStore {
  return {
    async create(session, effects) {
      await transact(db, [putNew(db.table, sessionItem(session)), ...effectItems(db.table, session.tenant, effects)]);
    },

    async get(tenant, idHash) {
      const item = await getItem(db, keys.session(tenant, idHash));
      if (!item) return undefined;
      const { pk: _pk, sk: _sk, type: _type, expiresAt: _e, ...session } = item;
      return session as Session;
    },

    async touch(tenant, idHash, lastSeenAt, idleExpiresAt) {
      // Signed out meanwhile (the condition fails): nothing to touch.
      await updateIf(db, {
        Key: keys.session(tenant, idHash),
        UpdateExpression: 'SET lastSeenAt = :seen, idleExpiresAt = :idle, expiresAt = :idle',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':seen': lastSeenAt, ':idle': idleExpiresAt },
      });
    },

    async replace(tenant, oldIdHash, session, effects) {
      await transact(db, [
        {
          Delete: {
            TableName: db.table,
            Key: keys.session(tenant, oldIdHash),
            // The old session must still exist: two racing step-ups, one wins.
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        putNew(db.table, sessionItem(session)),
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async revokeAllOf(tenant, subjectId, effects) {
      const items = await queryAll(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :s)',
        ExpressionAttributeValues: { ':pk': keys.credentialsOf(tenant, `S#${subjectId}`), ':s': 'SESSION#' },
      });
      const deletes = items.map((i) => ({ Delete: { TableName: db.table, Key: { pk: i.pk, sk: i.sk } } }));
      const extra = effectItems(db.table, tenant, effects);
      for (let i = 0; i < Math.max(deletes.length, 1); i += 90) {
        const batch = [...deletes.slice(i, i + 90), ...(i === 0 ? extra : [])];
        if (batch.length) await transact(db, batch);
      }
      return items.length;
    },

    async revoke(tenant, idHash, effects) {
      await transact(db, [
        { Delete: { TableName: db.table, Key: keys.session(tenant, idHash) } },
        ...effectItems(db.table, tenant, effects),
      ]);
    },
  };
}
