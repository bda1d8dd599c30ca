import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../../shared/deps.ts';
import type { PolicyStore, PublishedPolicy } from '../../../shared/policy/live.ts';
import { POLICY_PARTITION } from '../../../shared/table.ts';
import { type Db, queryAll, withPrefix } from './client.ts';
import { transact } from './commands.ts';
import { effectItems } from './effects.ts';

const PK = POLICY_PARTITION;
const skOf = (slug: string) => `TENANT#${slug}`;

/**
 * Published tenant policies in the table. The policy is kept as the JSON text it was published
 * as (a DynamoDB item holds up to 400 KB; the seed policies are 14-23 kB), and parsed again on
 * every load, so a schema change in the code is checked against it.
 */
export function dynamoPolicyStore(db: Db, clock: Clock = { now: () => new Date() }): PolicyStore {
  return {
    async list() {
      const items = await queryAll(db, {
        ...withPrefix(PK, 'TENANT#'),
      });
      return items.map(
        (item): PublishedPolicy => ({
          slug: item.slug,
          // The JSON text: parsed by the reader, item by item, so one bad item spoils only itself.
          policy: item.policy,
          revision: item.revision,
          publishedAt: item.publishedAt,
          publishedBy: item.publishedBy,
        }),
      );
    },

    async publish(config, by, effects) {
      const now = clock.now();
      const revision = await currentRevision(db, config.slug);
      await transact(db, [
        {
          Put: {
            TableName: db.table,
            Item: {
              pk: PK,
              sk: skOf(config.slug),
              type: 'policy',
              slug: config.slug,
              policy: JSON.stringify(config),
              policyVersion: config.policyVersion,
              revision: revision + 1,
              publishedAt: now.toISOString(),
              publishedBy: by,
            },
            // Two publications at once: the second fails rather than both claiming a revision.
            ConditionExpression: revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :revision',
            ...(revision === 0 ? {} : { ExpressionAttributeValues: { ':revision': revision } }),
          },
        },
        ...effectItems(db.table, config.slug, effects, now),
      ]);
      return revision + 1;
    },

    async withdraw(slug, effects) {
      if ((await currentRevision(db, slug)) === 0) return false;
      await transact(db, [
        { Delete: { TableName: db.table, Key: { pk: PK, sk: skOf(slug) }, ConditionExpression: 'attribute_exists(pk)' } },
        ...effectItems(db.table, slug, effects, clock.now()),
      ]);
      return true;
    },
  };
}

async function currentRevision(db: Db, slug: string): Promise<number> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: { pk: PK, sk: skOf(slug) },
      ProjectionExpression: 'revision',
      ConsistentRead: true,
    }),
  );
  return Item?.revision ?? 0;
}
