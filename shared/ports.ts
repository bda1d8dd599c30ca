import type { BlobStore, ExportStore, ScratchSpace } from './exports/ports.ts';
import type { TenantConfig } from './policy/schema.ts';

/** What happens alongside a state change, in the same transaction. */
export interface Effects {
  audit: AuditEventInput[];
  mail?: OutboxMessageInput[];
}

export type Actor = { type: 'subject'; id: string } | { type: 'staff'; id: string } | { type: 'system' } | { type: 'anonymous' };

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

/** The tenant's tamper-evident audit chain: events are written first, then linked in order. */
export interface AuditTrail {
  head(tenant: string): Promise<ChainHead | undefined>;
  /** Events not yet linked, oldest first. */
  listUnchained(tenant: string, limit: number): Promise<AuditEvent[]>;
  /**
   * Links events after `expected` (undefined: the chain is empty) and moves the head, in one
   * transaction; false if another linker moved the head first (nothing is written then).
   */
  link(tenant: string, expected: ChainHead | undefined, links: ChainedAuditEvent[]): Promise<boolean>;
  /** The chain in order, from `afterSeq` on, a page at a time. */
  readChain(tenant: string, afterSeq: number, limit: number): Promise<ChainedAuditEvent[]>;
  /** Every event about one subject, oldest first (evidence packs, erasure). */
  listForSubject(tenant: string, subjectId: string): Promise<AuditEvent[]>;
  /** Erasure: drops the personal part of these events (their digests stay, so the chain holds). */
  removePersonal(tenant: string, events: AuditEvent[]): Promise<void>;
}

/** A message to be sent by the dispatcher; rendered at dispatch time. */
export type OutboxMessageInput =
  | { template: 'sign-in-link'; to: string; subjectId: string }
  | { template: 'staff-sign-in-link'; to: string; staffEmail: string }
  | { template: 'deadline-digest'; to: string; staffEmail: string }
  | { template: 'email-change-link'; to: string; subjectId: string }
  | { template: 'email-changed-notice'; to: string; newEmail: string }
  | { template: 'marketing'; to: string; subjectId: string; topic: string }
  | { template: 'request-update'; to: string; subjectId: string; requestId: string; event: RequestEventType }
  | { template: 'restriction-lifting'; to: string; subjectId: string; requestId: string; reason: string }
  | { template: 'export-ready'; to: string; subjectId: string; requestId: string; exportId: string };

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
  relationship: { startedOn: string; endedOn?: string };
  createdAt: string;
  /** Bumped by every change to the subject's own details (optimistic concurrency). */
  version: number;
  restriction?: Restriction;
  /** Upheld objections by category id. */
  objections?: Record<string, UpheldObjection>;
  /** Set on the tombstone a whole erasure leaves when records had to be kept (email is then ''). */
  erasedAt?: string;
}

/** A legal hold keeps a record through erasure and the retention sweep until it is lifted. */
export interface LegalHold {
  reason: string;
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

export interface SubjectStore {
  findIdByEmail(tenant: string, email: string): Promise<string | undefined>;
  get(tenant: string, subjectId: string): Promise<Subject | undefined>;
  listRecords(tenant: string, subjectId: string): Promise<DataRecord[]>;
  /** Creates a subject with records unless one with that email exists. Returns false if it existed. */
  create(subject: Subject, records: DataRecord[], effects: Effects): Promise<boolean>;
  /** Every subject id of a tenant (staff and batch work only, never a subject's request path). */
  listIds(tenant: string): Promise<string[]>;
  /**
   * Replaces a record's data if the subject is still at `expectedVersion`; returns the new
   * version. A stale version fails with DomainError('conflict').
   */
  updateRecord(input: {
    tenant: string;
    subjectId: string;
    record: DataRecord;
    expectedVersion: number;
    effects: Effects;
  }): Promise<number>;
  /**
   * The subject's records a page at a time, in key order (so grouped by category), reading no
   * more than one page into memory: for exports of any size.
   */
  iterateRecords(tenant: string, subjectId: string, pageSize?: number): AsyncIterable<DataRecord[]>;
  /** Places (hold) or lifts (null) a legal hold on one record. */
  setHold(input: {
    tenant: string;
    subjectId: string;
    record: DataRecord;
    hold: LegalHold | null;
    effects: Effects;
  }): Promise<void>;
  /** Writes records (new or replacing by id) all or nothing: at most 90 with their effects. Moves the subject's version on. */
  putRecords(input: { tenant: string; subjectId: string; records: DataRecord[]; effects: Effects }): Promise<void>;
  /** Deletes records, with their effects, all or nothing: at most 90. */
  deleteRecords(input: { tenant: string; subjectId: string; records: DataRecord[]; effects: Effects }): Promise<void>;
  /** Sets (or with null, lifts) the subject's restriction. */
  setRestriction(input: { tenant: string; subjectId: string; restriction: Restriction | null; effects: Effects }): Promise<void>;
  /** Records an upheld objection for a category. */
  addObjection(input: {
    tenant: string;
    subjectId: string;
    category: string;
    objection: UpheldObjection;
    effects: Effects;
  }): Promise<void>;
  /**
   * Removes the subject itself (its item and email index entry), with effects, in one
   * transaction; what else sits in its partition (kept records, requests) stays. With
   * `tombstone`, the item stays without the address (erasedAt set), so batch work still finds
   * the kept records. Idempotent.
   */
  remove(input: { tenant: string; subject: Subject; tombstone: boolean; effects: Effects }): Promise<void>;
  /** Moves the subject to a new address (index, subject, identity record) in one transaction. */
  changeEmail(input: {
    tenant: string;
    subject: Subject;
    newEmail: string;
    identity?: DataRecord;
    effects: Effects;
    /**
     * In the same transaction, end the subject's sessions (all but `exceptSession`, an id hash)
     * and sign-in links: whoever held the old address or a session elsewhere is out, or nothing
     * changes at all.
     */
    endCredentials?: { exceptSession?: string };
  }): Promise<void>;
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

export interface TokenStore {
  put(token: LinkToken): Promise<void>;
  /** Marks the token used if it exists, has this purpose, is unused and unexpired; exactly one racing caller wins. */
  consume(tenant: string, tokenHash: string, purpose: LinkToken['purpose'], nowEpoch: number): Promise<LinkToken | undefined>;
  /** Deletes every link token of a subject (erasure); returns how many. */
  revokeAllOf(tenant: string, subjectId: string): Promise<number>;
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

export interface SessionStore {
  create(session: Session, effects: Effects): Promise<void>;
  get(tenant: string, idHash: string): Promise<Session | undefined>;
  touch(tenant: string, idHash: string, lastSeenAt: number, idleExpiresAt: number): Promise<void>;
  revoke(tenant: string, idHash: string, effects: Effects): Promise<void>;
  /** Ends every session of a subject (erasure, a changed email address); returns how many. */
  revokeAllOf(tenant: string, subjectId: string, effects: Effects): Promise<number>;
  /** Ends one session and starts another in one transaction (a new id on every step up). */
  replace(tenant: string, oldIdHash: string, session: Session, effects: Effects): Promise<void>;
}

export type StaffRole = 'viewer' | 'handler' | 'admin';

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

export interface StaffStore {
  get(tenant: string, email: string): Promise<StaffMember | undefined>;
  list(tenant: string): Promise<StaffMember[]>;
  /** Creates (expectedVersion 0) or replaces a record at `expectedVersion`; else DomainError('conflict'). */
  put(member: StaffMember, expectedVersion: number, effects: Effects): Promise<void>;
  /** Takes a TOTP step if it is later than the last one taken; false if it was used. */
  takeTotpStep(tenant: string, email: string, step: number): Promise<boolean>;
  /** Removes a recovery code if it is unused; false otherwise. */
  takeRecoveryCode(tenant: string, email: string, codeHash: string): Promise<boolean>;
}

export interface RateLimiter {
  /** Counts one hit in the current fixed window; `allowed` false once over `limit`. */
  hit(
    tenant: string,
    key: string,
    limit: number,
    windowSeconds: number,
    nowEpoch: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** Hits so far in the current window, without counting one. */
  count(tenant: string, key: string, windowSeconds: number, nowEpoch: number): Promise<number>;
  /** True for the first caller only, until `expiresAt` (e.g. once a day per tenant for a job). */
  claimOnce(tenant: string, key: string, expiresAt: number): Promise<boolean>;
}

export interface AuditLog {
  /** Writes audit events and outbox messages together, in one transaction. */
  commit(tenant: string, effects: Effects): Promise<void>;
}

export interface OutboxStore {
  get(tenant: string, id: string): Promise<OutboxMessage | undefined>;
  listPending(tenant: string, limit: number): Promise<OutboxMessage[]>;
  /** Erasure: deletes unsent messages about a subject (nothing more may go to them but the erasure letter). */
  deletePendingFor(tenant: string, subjectId: string): Promise<number>;
  /**
   * Takes a pending message for sending until `leaseUntil`; false if it is sent or another
   * dispatcher holds it. A crashed dispatcher's lease runs out and the message is retried.
   */
  claim(tenant: string, id: string, nowEpoch: number, leaseUntil: number): Promise<boolean>;
  /** Gives back a lease taken with `claim` (nothing was sent), if it is still that lease. */
  release(tenant: string, id: string, leaseUntil: number): Promise<void>;
  /** Marks it sent; `effects` (e.g. the audit of a delivery that must be provable) ride along. */
  markSent(tenant: string, id: string, messageId: string, nowEpoch: number, effects?: Effects): Promise<void>;
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

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export type ConsentSource = 'portal' | 'unsubscribe-link' | 'staff' | 'import' | 'soft-opt-in';

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
}

export interface ConsentStore {
  /** Appends events; an event, once written, is never changed or removed. */
  append(tenant: string, subjectId: string, events: ConsentEvent[], effects: Effects): Promise<void>;
  list(tenant: string, subjectId: string): Promise<ConsentEvent[]>;
  /** Erasure only: removes the subject's whole ledger (the suppression list keeps them from marketing). */
  deleteAll(tenant: string, subjectId: string): Promise<number>;
}

/** Keyed hashes of addresses that must never be sent marketing; they survive erasure. */
export interface SuppressionStore {
  add(tenant: string, hashes: string[], reason: string, effects: Effects): Promise<void>;
  remove(tenant: string, hashes: string[], effects: Effects): Promise<void>;
  has(tenant: string, hash: string): Promise<boolean>;
}

export const requestKinds = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'automated-decision',
] as const;
export type RequestKind = (typeof requestKinds)[number];

export type RequestStatus =
  | 'received'
  | 'in-progress'
  | 'awaiting-information'
  | 'extended'
  | 'completed'
  | 'refused'
  | 'withdrawn';

/** Steps staff take that the subject does not see. */
export type InternalEventType = 'assigned' | 'identity-verified' | 'note' | 'logged' | 'viewed';

export interface InternalEvent {
  at: string;
  type: InternalEventType;
  actor: Actor;
  message?: string;
}

export type IdentityMethod = 'email-link' | 'known-contact' | 'documents' | 'call-back' | 'other';

export type ReceivedVia = 'portal' | 'email' | 'phone' | 'letter' | 'in-person';

export type RequestEventType =
  | 'received'
  | 'started'
  | 'information-requested'
  | 'information-provided'
  | 'extended'
  | 'completed'
  | 'refused'
  | 'withdrawn';

/** One step in a request's history. */
export interface RequestEvent {
  at: string;
  type: RequestEventType;
  /** The status after this step. */
  status: RequestStatus;
  actor: Actor;
  /** What the subject was told or wrote, in their words or ours. */
  message?: string;
}

export interface RequestClock {
  /** 0 until extended; at most 2 further months in all. */
  extensionMonths: 0 | 1 | 2;
  extensionReason?: string;
  /** Calendar days the clock stood still while we waited for the subject. */
  pausedDays: number;
  /** UK date the clock stopped, while it stands still. */
  pausedSince?: string;
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
  /** Staff-only steps: assignment, identity checks, notes. Never shown to the subject. */
  internal?: InternalEvent[];
  /** Bumped by every change (optimistic concurrency). */
  version: number;
}

export interface RequestStore {
  /** The next human reference of the tenant for the year, e.g. IPM-2026-000123. */
  nextReference(tenant: string, prefix: string, year: string): Promise<string>;
  /**
   * Creates the request. With an idempotency key, a second create with the same key makes
   * nothing and returns the request the first one made.
   */
  create(request: RightsRequest, effects: Effects, idempotencyKey?: string): Promise<RightsRequest>;
  get(tenant: string, subjectId: string, requestId: string): Promise<RightsRequest | undefined>;
  /** Saves a changed request if it is still at `expectedVersion`; otherwise DomainError('conflict'). */
  update(request: RightsRequest, expectedVersion: number, effects: Effects): Promise<void>;
  listForSubject(tenant: string, subjectId: string): Promise<RightsRequest[]>;
  /** Every request of the tenant, by due date (staff queue, reports, deadline digest). */
  listForTenant(tenant: string): Promise<RightsRequest[]>;
}

/** An expired item, as the cleanup job sees it. */
export interface ExpiredItem {
  key: { pk: string; sk: string };
  type: string;
  /** For exports: the file to delete with it. */
  blobKey?: string;
}

/**
 * Expired tokens, sessions, rate counters, sent outbox records and exports. DynamoDB's TTL deletes
 * them on AWS (eventually; the code treats them as gone at once), DynamoDB Local never does: the
 * cleanup job finds them by their `expiresAt`. A batch job, never on a request path.
 */
export interface Housekeeping {
  listExpired(nowEpoch: number, types: string[]): Promise<ExpiredItem[]>;
  delete(items: ExpiredItem[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface TenantDirectory {
  get(slug: string): TenantConfig | undefined;
  list(): TenantConfig[];
}

/** Everything the use cases need, wired once per process. */
export interface Deps {
  tenants: TenantDirectory;
  subjects: SubjectStore;
  tokens: TokenStore;
  sessions: SessionStore;
  rateLimiter: RateLimiter;
  audit: AuditLog;
  consents: ConsentStore;
  suppressions: SuppressionStore;
  requests: RequestStore;
  staff: StaffStore;
  trail: AuditTrail;
  outbox: OutboxStore;
  /** Access and portability exports: the jobs, and the files they make. */
  exports: ExportStore;
  blobs: BlobStore;
  /** Temporary files for building an export in one pass. */
  scratch: ScratchSpace;
  housekeeping: Housekeeping;
  clock: Clock;
  settings: {
    publicUrl: string;
    mailFrom: string;
    /** Secret for keyed hashes of emails; never logged. */
    hashKey: string;
    /** Days a subject can download a finished export. */
    exportDownloadDays: number;
  };
}
