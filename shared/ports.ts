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
}

export interface AuditEvent extends AuditEventInput {
  id: string;
  tenant: string;
  at: string;
}

/** A message to be sent by the dispatcher; rendered at dispatch time. */
export type OutboxMessageInput =
  | { template: 'sign-in-link'; to: string; subjectId: string }
  | { template: 'email-change-link'; to: string; subjectId: string }
  | { template: 'email-changed-notice'; to: string; newEmail: string }
  | { template: 'marketing'; to: string; subjectId: string; topic: string }
  | { template: 'request-update'; to: string; subjectId: string; requestId: string; event: RequestEventType };

export interface OutboxMessage {
  id: string;
  tenant: string;
  createdAt: string;
  message: OutboxMessageInput;
  status: 'pending' | 'sent';
}

export interface Subject {
  id: string;
  tenant: string;
  email: string;
  relationship: { startedOn: string; endedOn?: string };
  createdAt: string;
  /** Bumped by every change to the subject's own details (optimistic concurrency). */
  version: number;
}

export interface DataRecord {
  id: string;
  category: string;
  /** UK date (YYYY-MM-DD) the record was made; retention counts from it. */
  recordedOn: string;
  data: Record<string, string | number | boolean>;
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
  /** Moves the subject to a new address (index, subject, identity record) in one transaction. */
  changeEmail(input: {
    tenant: string;
    subject: Subject;
    newEmail: string;
    identity?: DataRecord;
    effects: Effects;
  }): Promise<void>;
}

export interface LinkToken {
  tenant: string;
  tokenHash: string;
  subjectId: string;
  purpose: 'subject-sign-in' | 'email-change';
  /** For email-change: the address being confirmed. */
  newEmail?: string;
  createdAt: string;
  expiresAt: number;
}

export interface TokenStore {
  put(token: LinkToken): Promise<void>;
  /** Marks the token used if it exists, has this purpose, is unused and unexpired; exactly one racing caller wins. */
  consume(tenant: string, tokenHash: string, purpose: LinkToken['purpose'], nowEpoch: number): Promise<LinkToken | undefined>;
}

export interface Session {
  tenant: string;
  idHash: string;
  subjectId: string;
  audience: 'subject';
  createdAt: number;
  lastSeenAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
}

export interface SessionStore {
  create(session: Session, effects: Effects): Promise<void>;
  get(tenant: string, idHash: string): Promise<Session | undefined>;
  touch(tenant: string, idHash: string, lastSeenAt: number, idleExpiresAt: number): Promise<void>;
  revoke(tenant: string, idHash: string, effects: Effects): Promise<void>;
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
}

export interface AuditLog {
  /** Writes audit events and outbox messages together, in one transaction. */
  commit(tenant: string, effects: Effects): Promise<void>;
}

export interface OutboxStore {
  get(tenant: string, id: string): Promise<OutboxMessage | undefined>;
  listPending(tenant: string, limit: number): Promise<OutboxMessage[]>;
  /**
   * Takes a pending message for sending until `leaseUntil`; false if it is sent or another
   * dispatcher holds it. A crashed dispatcher's lease runs out and the message is retried.
   */
  claim(tenant: string, id: string, nowEpoch: number, leaseUntil: number): Promise<boolean>;
  markSent(tenant: string, id: string, messageId: string, nowEpoch: number): Promise<void>;
}

export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
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
  clock: Clock;
  settings: {
    publicUrl: string;
    mailFrom: string;
    /** Secret for keyed hashes of emails; never logged. */
    hashKey: string;
  };
}
