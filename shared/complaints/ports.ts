import type { Effects } from '../entities.ts';
import type { Complaint } from './model.ts';

export interface ComplaintStore {
  /** The next human reference of the tenant for the year, e.g. ITMK-C-2026-000001. */
  nextReference(tenant: string, prefix: string, year: string): Promise<string>;
  create(complaint: Complaint, effects: Effects): Promise<void>;
  get(tenant: string, subjectId: string, complaintId: string): Promise<Complaint | undefined>;
  /** Saves a changed complaint if it is still at `expectedVersion`; otherwise DomainError('conflict'). */
  update(complaint: Complaint, expectedVersion: number, effects: Effects): Promise<void>;
  listForSubject(tenant: string, subjectId: string): Promise<Complaint[]>;
  /** Every complaint of the tenant (the queue, reports, the deadline digest). */
  listForTenant(tenant: string): Promise<Complaint[]>;
}
