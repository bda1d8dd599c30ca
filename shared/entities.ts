import type { Actor } from './actor.ts';
import type { ComplaintEventType } from './complaints/model.ts';
import type { RequestEventType } from './request-entities.ts';
import type { SystemRunRequest } from './systems/ports.ts';
import type { RelationshipKind, StaffRole } from './vocabulary.ts';

export type { Actor } from './actor.ts';
export type {
  InternalEvent,
  InternalEventType,
  Representative,
  RequestClock,
  RequestEvent,
  RequestEventType,
  RightsRequest,
} from './request-entities.ts';

/** The things the centre keeps (subjects, records, requests, sessions, staff, audit events, mail), as the use cases see them. */

/** What happens alongside a state change, in the same transaction. */
export interface Effects {
  audit: AuditEventInput[];
  mail?: OutboxMessageInput[];
  /** Runs through connected systems asked for by the change, for the systems worker (none with records yet). */
  systemRuns?: SystemRunRequest[];
  /**
   * Records corrected by the change (a rectification applied from its request): each replaces the
   * record's data only if its subject is still at `expectedSubjectVersion`, and moves that version
   * on, so the correction and the change stand or fall together.
   */
  records?: RecordCorrection[];
}

/** A record's new data, written with a state change if the subject has not changed meanwhile. */
export interface RecordCorrection {
  subjectId: string;
  record: DataRecord;
  expectedSubjectVersion: number;
}

export interface AuditEventInput {
  action: string;
  actor: Actor;
  /** Subject the event concerns; an id, never an email. */
  subjectId?: string;
  /** Facts about the event; no tokens, no personal data beyond ids. */
  detail?: Record<string, string | number | boolean>;
  /**
   * Personal data the event must record (old → new values of a correction). The hash chain
   * covers only its digest, so erasure can remove it without breaking the chain.
   */
  personal?: Record<string, string | number | boolean>;
}

export interface AuditEvent extends AuditEventInput {
  id: string;
  tenant: string;
  at: string;
}

/** An audit event once linked into its tenant's hash chain. */
export interface ChainedAuditEvent extends AuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
  /** sha256 of the canonical `personal` part ('' when there was none). */
  personalDigest: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** A message to be sent by the dispatcher; rendered at dispatch time. */
export type OutboxMessageInput =
  | { template: 'sign-in-link'; to: string; subjectId: string }
  | { template: 'staff-sign-in-link'; to: string; staffEmail: string }
  | { template: 'deadline-digest'; to: string; staffEmail: string }
  | { template: 'staff-invitation'; to: string; staffEmail: string; invitedBy: string }
  | { template: 'email-change-link'; to: string; subjectId: string }
  | { template: 'email-changed-notice'; to: string; newEmail: string }
  | { template: 'marketing'; to: string; subjectId: string; topic: string }
  | { template: 'request-update'; to: string; subjectId: string; requestId: string; event: RequestEventType }
  | { template: 'restriction-lifting'; to: string; subjectId: string; requestId: string; reason: string }
  | { template: 'export-ready'; to: string; subjectId: string; requestId: string; exportId: string }
  | { template: 'complaint-update'; to: string; subjectId: string; complaintId: string; event: ComplaintEventType };

export interface OutboxMessage {
  id: string;
  tenant: string;
  createdAt: string;
  message: OutboxMessageInput;
  status: 'pending' | 'sent';
}

/**
 * Art. 18: the subject's data (all of it, or some categories) is kept but not used. Marketing and
 * any disclosure except to the subject are refused while it stands; it is lifted only after the
 * subject has been told (Art. 18(3)).
 */
export interface Restriction {
  /** '*' for all of the subject's data, or category ids. */
  categories: '*' | string[];
  since: string;
  reason: string;
  requestId?: string;
  /** When the subject was told it will be lifted; lifting needs it. */
  liftNoticeAt?: string;
}

/** Art. 21: an objection upheld for one purpose (a category processed on legitimate interests). */
export interface UpheldObjection {
  at: string;
  requestId?: string;
}

export interface Subject {
  id: string;
  tenant: string;
  email: string;
  /** `kind`: who they are to the organisation (absent: 'other', no soft opt-in). */
  relationship: { startedOn: string; endedOn?: string; kind?: RelationshipKind };
  createdAt: string;
  /** Bumped by every change to the subject's own details (optimistic concurrency). */
  version: number;
  restriction?: Restriction;
  /** Upheld objections by category id. */
  objections?: Record<string, UpheldObjection>;
  /** Known only as the maker of a request staff logged for an address the centre held no data for. */
  requesterOnly?: boolean;
  /** Set on the tombstone a whole erasure leaves when records had to be kept (email is then ''). */
  erasedAt?: string;
}

/** A legal hold keeps a record through erasure and the retention sweep until it is lifted. */
export interface LegalHold {
  /** Staff's internal reason: never shown or sent to the person (it may tip them off). */
  reason: string;
  /** The words the person sees (erasure letter, their page); absent on older holds: the safe default. */
  personWording?: string;
  /** Staff email. */
  by: string;
  at: string;
}

export interface DataRecord {
  id: string;
  category: string;
  /** UK date (YYYY-MM-DD) the record was made; retention counts from it. */
  recordedOn: string;
  data: Record<string, string | number | boolean>;
  hold?: LegalHold;
  /** Where an imported record came from: re-importing the same row finds it by this. */
  source?: { system: string; key: string };
}

export interface LinkToken {
  tenant: string;
  tokenHash: string;
  /** For staff sign-in: the staff member's email. */
  subjectId: string;
  purpose: 'subject-sign-in' | 'email-change' | 'staff-sign-in';
  /** For email-change: the address being confirmed. */
  newEmail?: string;
  createdAt: string;
  expiresAt: number;
}

interface SessionTimes {
  tenant: string;
  idHash: string;
  createdAt: number;
  lastSeenAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
}

export interface SubjectSession extends SessionTimes {
  audience: 'subject';
  subjectId: string;
}

/**
 * A staff session. After the email link it is at `second-factor` (good for nothing but the
 * second factor, and briefly); the second factor replaces it with a new `full` one.
 */
export interface StaffSession extends SessionTimes {
  audience: 'staff';
  staffEmail: string;
  stage: 'second-factor' | 'full';
  /** While enrolling: the new TOTP secret, sealed with the server key. */
  pendingSecret?: string;
}

export type Session = SubjectSession | StaffSession;

/**
 * A member of staff as stored. People listed in the tenant's config need no stored record until
 * they enrol a second factor; `source: 'config'` records take name and role from the config,
 * `source: 'admin'` records (changed on the staff screen) take their own.
 */
export interface StaffMember {
  tenant: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  source: 'config' | 'admin';
  /** The TOTP secret, sealed with the server key. */
  totpSecret?: string;
  enrolledAt?: string;
  /** sha256 of each unused recovery code. */
  recoveryCodes?: string[];
  /** The last TOTP time step accepted: a code works once. */
  lastTotpStep?: number;
  /** Epoch seconds: sessions made before it no longer work (second factor reset by an admin). */
  sessionsValidFrom?: number;
  version: number;
}

export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /**
   * Labels the mail service keeps with the message and returns on its bounce and complaint
   * events (SES message tags): which tenant and outbox message it was. Letters, digits, _ and -.
   */
  tags?: Record<string, string>;
}

/** `connected-system`: an opt-out made in a marketing system (an unsubscribe in Mailchimp), brought back by reconciliation. */
export type ConsentSource = 'portal' | 'unsubscribe-link' | 'staff' | 'import' | 'soft-opt-in' | 'connected-system';

/** One entry of the append-only consent ledger. `channel`/`topic` '*' mean all (stop all marketing). */
export interface ConsentEvent {
  id: string;
  at: string;
  channel: string;
  topic: string;
  granted: boolean;
  /** The words the subject saw when deciding. */
  wording: string;
  policyVersion: string;
  lawfulBasis: 'consent' | 'legitimate-interests';
  source: ConsentSource;
  /** For staff: who acted on the subject's behalf. */
  actorId?: string;
  /** For staff: how the person gave the choice (a call, a letter…), and any note of it. */
  receivedVia?: 'email' | 'phone' | 'letter' | 'in-person';
  /** For `connected-system`: where it was made, e.g. "Mailchimp (newsletters), audience Newsletter". */
  sourceDetail?: string;
}

/** An expired item, as the cleanup job sees it. */
export interface ExpiredItem {
  key: { pk: string; sk: string };
  type: string;
  /** For exports: the file to delete with it. */
  blobKey?: string;
}
