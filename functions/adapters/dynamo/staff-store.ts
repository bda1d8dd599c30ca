import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffMember } from '../../../shared/entities.ts';
import type { StaffStore } from '../../../shared/ports.ts';
import { type Db, isConditionFailure, queryAll, withPrefix } from './client.ts';
import { putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toMember = ({ pk: _pk, sk: _sk, type: _type, ...member }: Record<string, unknown>) => member as unknown as StaffMember;

/** Staff of a tenant live in one partition (a handful of items), keyed by email. */
export function dynamoStaffStore(db: Db): StaffStore {
  return {
    async get(tenant, email) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.staff(tenant, email), ConsistentRead: true }),
      );
      return Item ? toMember(Item) : undefined;
    },

    async list(tenant) {
      const items = await queryAll(db, {
        ...withPrefix(keys.staffPartition(tenant), 'M#'),
        ConsistentRead: true,
      });
      return items.map(toMember);
    },

    async put(member, expectedVersion, effects) {
      await putVersioned(db, {
        tenant: member.tenant,
        item: { ...keys.staff(member.tenant, member.email), type: 'staff', ...member },
        expectedVersion,
        effects,
        conflictMessage: 'This person was changed meanwhile. Please look again.',
      });
    },

    async takeTotpStep(tenant, email, step) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.staff(tenant, email),
            UpdateExpression: 'SET lastTotpStep = :step',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastTotpStep) OR lastTotpStep < :step)',
            ExpressionAttributeValues: { ':step': step },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async takeRecoveryCode(tenant, email, codeHashes) {
      const member = await this.get(tenant, email);
      const codes = member?.recoveryCodes ?? [];
      const index = codes.findIndex((code) => codeHashes.includes(code));
      if (!member || index < 0) return false;
      const codeHash = codes[index];
      try {
        // Removes exactly that code, if the list is still as read: two racing uses, one wins.
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.staff(tenant, email),
            UpdateExpression: `REMOVE recoveryCodes[${index}]`,
            ConditionExpression: `recoveryCodes[${index}] = :code`,
            ExpressionAttributeValues: { ':code': codeHash },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
