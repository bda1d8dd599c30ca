import type { Actor } from '../entities.ts';
import type { ComplaintAbout, ComplaintStatus, ReceivedVia } from '../vocabulary.ts';

/** The steps of a complaint the person sees (and is emailed about where it matters). */
export type ComplaintEventType = 'received' | 'acknowledged' | 'information-requested' | 'information-provided' | 'closed';

export interface ComplaintEvent {
  at: string;
  type: ComplaintEventType;
  status: ComplaintStatus;
  actor: Actor;
  message?: string;
}

/** Staff-only steps: who works it, notes, the enquiries made (s.164A(3): appropriate steps). */
export interface ComplaintInternalEvent {
  at: string;
  type: 'logged' | 'assigned' | 'note' | 'enquiry';
  actor: Actor;
  message?: string;
}

/**
 * A complaint about the use of the person's personal data (DPA 2018 s.164A, in force since
 * 19 June 2026): acknowledged within 30 days of receipt, enquiries made, the outcome told.
 * Stored in the person's partition beside their requests; only they and the tenant's staff see it.
 */
export interface Complaint {
  id: string;
  tenant: string;
  subjectId: string;
  reference: string;
  about: ComplaintAbout;
  /** What happened, in the person's words (or as staff wrote it down). */
  what: string;
  /** One of the person's requests it is about, if any. */
  requestId?: string;
  requestReference?: string;
  receivedAt: string;
  /** UK date it reached the organisation: the 30 days count from it. */
  receivedOn: string;
  receivedVia: ReceivedVia;
  status: ComplaintStatus;
  /** The last day to acknowledge it: 30 days from the day after it was received, then the next working day (complaints/lifecycle.ts). */
  acknowledgeBy: string;
  acknowledgedOn?: string;
  closedOn?: string;
  outcome?: string;
  assignee?: string;
  history: ComplaintEvent[];
  /** Staff-only: assignment, notes, enquiries made. Never shown to the person. */
  internal?: ComplaintInternalEvent[];
  version: number;
}
