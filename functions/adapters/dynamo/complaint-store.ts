import type { Complaint } from '../../../shared/complaints/model.ts';
import type { ComplaintStore } from '../../../shared/complaints/ports.ts';
import { caseItems } from './case-items.ts';
import type { Db } from './client.ts';
import { getItem, putNew, transact } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

export function dynamoComplaintStore(db: Db): ComplaintStore {
  /** In the person's partition, and on the tenant's complaint queue by the acknowledgement date. */
  const complaints = caseItems<Complaint>(db, {
    type: 'complaint',
    key: (c) => keys.complaint(c.tenant, c.subjectId, c.id),
    prefix: 'CMP#',
    queue: keys.complaintQueue,
    queuedBy: (c) => `${c.acknowledgeBy}#${c.id}`,
    reference: (prefix, year) => `${prefix}-C-${year}`,
    conflictMessage: 'This complaint was changed meanwhile. Please look at it again.',
  });
  return {
    nextReference: complaints.nextReference,

    async create(complaint, effects) {
      await transact(db, [putNew(db.table, complaints.itemOf(complaint)), ...effectItems(db.table, complaint.tenant, effects)]);
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
