import type { StaffMember } from '../../../shared/entities.ts';
import type { StaffStore } from '../../../shared/ports.ts';
import { type Db, queryAll, withPrefix } from './client.ts';
import { entityOf, getItem, updateIf } from './commands.ts';
import { putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toMember = entityOf<StaffMember>;

/** Staff of a tenant live in one partition (a handful of items), keyed by email. */
export function dynamoStaffStore(db: Db): StaffStore {
  return {
    async get(tenant, email) {
      const item = await getItem(db, keys.staff(tenant, email));
      return item ? toMember(item) : undefined;
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
      const taken = await updateIf(db, {
        Key: keys.staff(tenant, email),
        UpdateExpression: 'SET lastTotpStep = :step',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastTotpStep) OR lastTotpStep < :step)',
        ExpressionAttributeValues: { ':step': step },
      });
      return taken !== undefined;
    },

    async takeRecoveryCode(tenant, email, codeHashes) {
      const member = await this.get(tenant, email);
      const codes = member?.recoveryCodes ?? [];
      const index = codes.findIndex((code) => codeHashes.includes(code));
      if (!member || index < 0) return false;
      const codeHash = codes[index];
      // Removes exactly that code, if the list is still as read: two racing uses, one wins.
      const taken = await updateIf(db, {
        Key: keys.staff(tenant, email),
        UpdateExpression: `REMOVE recoveryCodes[${index}]`,
        ConditionExpression: `recoveryCodes[${index}] = :code`,
        ExpressionAttributeValues: { ':code': codeHash },
      });
      return taken !== undefined;
    },
  };
}
