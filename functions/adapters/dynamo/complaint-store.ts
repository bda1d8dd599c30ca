import type { Complaint } from '../../../shared/complaints/model.ts';
import type { ComplaintStore } from '../../../shared/complaints/ports.ts';
import { caseItems } from './case-items.ts';
import type { Db } from './client.ts';
import { getItem, putNew, transact } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

/** The stored item, in the person's partition and on the tenant's complaint queue index. */
const complaintItem = (c: Complaint) => ({
  ...keys.complaint(c.tenant, c.subjectId, c.id),
  type: 'complaint',
  ...c,
  gsi1pk: keys.complaintQueue(c.tenant),
  gsi1sk: `${c.acknowledgeBy}#${c.id}`,
});

export function dynamoComplaintStore(db: Db): ComplaintStore {
  const complaints = caseItems<Complaint>(db, {
    counter: 'complaint',
    prefix: 'CMP#',
    queue: keys.complaintQueue,
    item: complaintItem,
    conflictMessage: 'This complaint was changed meanwhile. Please look at it again.',
  });
  return {
    async nextReference(tenant, prefix, year) {
      return `${prefix}-C-${year}-${String(await complaints.nextNumber(tenant, year)).padStart(6, '0')}`;
    },

    async create(complaint, effects) {
      await transact(db, [putNew(db.table, complaintItem(complaint)), ...effectItems(db.table, complaint.tenant, effects)]);
    },

    async get(tenant, subjectId, complaintId) {
      const item = await getItem(db, keys.complaint(tenant, subjectId, complaintId));
      return item && item.tenant === tenant && item.subjectId === subjectId ? complaints.toCase(item) : undefined;
    },

    update: complaints.update,
    listForSubject: complaints.listForSubject,
    listForTenant: complaints.listForTenant,
  };
}
