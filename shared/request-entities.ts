import type { Actor } from './actor.ts';
import type { FeeRequest } from './requests/fee-model.ts';
import type { SearchRecord } from './requests/search-record.ts';
import type {
  IdentityMethod,
  InformationPurpose,
  ReceivedVia,
  RepresentativeCapacity,
  RequestKind,
  RequestOutcome,
  RequestStatus,
} from './vocabulary.ts';

/** A rights request as the use cases see it: its history, its clock and the staff-only steps. */

/** Steps staff take that the subject does not see. */
export type InternalEventType =
  | 'assigned'
  | 'identity-verified'
  | 'note'
  | 'logged'
  | 'viewed'
  | 'search-recorded'
  /** How the authority of someone acting for the person was checked, recorded after logging. */
  | 'authority-checked'
  /** Another request was joined to this one, or this one's internal entry copied from the one joined. */
  | 'merged';

export interface InternalEvent {
  at: string;
  type: InternalEventType;
  actor: Actor;
  message?: string;
}

export type RequestEventType =
  | 'received'
  | 'started'
  | 'information-requested'
  | 'information-provided'
  | 'extended'
  | 'completed'
  | 'refused'
  | 'withdrawn'
  // Fees and duplicates (issue 20, shared/requests/fee-model.ts and duplicates.ts).
  | 'fee-requested'
  | 'fee-paid'
  | 'fee-unpaid'
  | 'merged'
  /** The person added details to their open request (instead of filing it again). */
  | 'added';

/** One step in a request's history. */
export interface RequestEvent {
  at: string;
  type: RequestEventType;
  /** The status after this step. */
  status: RequestStatus;
  actor: Actor;
  /** What the subject was told or wrote, in their words or ours. */
  message?: string;
  /** On 'information-requested': what for (absent: clarification). */
  purpose?: InformationPurpose;
  /**
   * On 'information-requested' and its answer: the question did not stop the clock (a
   * clarification of a request other than access, `clarificationStopsClock`). Absent: it did.
   */
  clockRunning?: true;
}

export interface RequestClock {
  /** 0 until extended; at most 2 further months in all. */
  extensionMonths: 0 | 1 | 2;
  extensionReason?: string;
  /** Calendar days the clock stood still while we waited for the subject. */
  pausedDays: number;
  /** UK date the clock stopped, while it stands still. */
  pausedSince?: string;
  /** What we are waiting for while it stands still (absent: clarification, as before Art. 12A). */
  pausedFor?: InformationPurpose | 'fee';
  /**
   * UK date the identity information we asked for arrived (the latest time): the month counts
   * from it (UK GDPR Art. 12A), and `pausedDays` counts only pauses after it.
   */
  identityReceivedOn?: string;
  /** UK date a fee that may be charged was paid: the month counts from it (UK GDPR Art. 12A), if later. */
  feeReceivedOn?: string;
  /** The fee asked for (further copies, Art. 15(3); manifestly unfounded or excessive, Art. 12(5)). */
  fee?: FeeRequest;
}

/**
 * Someone acting for the person the request concerns (a parent for a child, a solicitor, an
 * attorney). The request stays the person's: it runs on their data; answers go to the
 * representative's address when one is given. A child's own request has no representative.
 */
export interface Representative {
  name: string;
  /** Where answers go (absent: the person's own address). */
  email?: string;
  capacity: RepresentativeCapacity;
  /** What gives them authority (parental responsibility, a letter of authority, a lasting power of attorney…). */
  authority: string;
  /** How staff checked that authority; absent until checked. */
  checked?: string;
  /** The UK day staff recorded the check, and who (absent when it was recorded as the request was logged). */
  checkedOn?: string;
  checkedBy?: string;
  /** Who recorded it: the requester on the privacy centre's form, or staff. */
  recordedBy: 'requester' | 'staff';
}

export interface RightsRequest {
  id: string;
  tenant: string;
  subjectId: string;
  reference: string;
  kind: RequestKind;
  status: RequestStatus;
  receivedAt: string;
  /** UK date of receipt; the deadline counts from it. */
  receivedOn: string;
  /** The due date as of the last change (while paused it moves on day by day). */
  dueOn: string;
  clock: RequestClock;
  /** What the subject asked, as the form for its kind collects it. */
  details: Record<string, string | string[]>;
  history: RequestEvent[];
  /** How it reached the organisation (absent: the portal). */
  receivedVia?: ReceivedVia;
  /** The staff email working it. */
  assignee?: string;
  identity?: { method: IdentityMethod; note: string; at: string; by: string };
  /** The searches made (access and portability): where, with which identity, when, what was found. */
  searches?: SearchRecord[];
  /** Someone acting for the person (absent: the person asked themselves). */
  onBehalf?: Representative;
  /** How it ended, once completed or refused (absent on older requests: 'done' or 'refused'). */
  outcome?: RequestOutcome;
  /** Staff-only steps: assignment, identity checks, notes. Never shown to the subject. */
  internal?: InternalEvent[];
  /** Closed as a duplicate: the earlier request that answers both. */
  mergedInto?: { id: string; reference: string };
  /** Duplicates joined to this one, with what they asked (their own items stay stored, closed). */
  merged?: { id: string; reference: string; receivedOn: string; details: Record<string, string | string[]> }[];
  /** Answered by pointing to an earlier response to the same request (a repeat, nothing changed). */
  repeatOf?: { id: string; reference: string };
  /** Bumped by every change (optimistic concurrency). */
  version: number;
}
