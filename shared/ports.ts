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
export type OutboxMessageInput = { template: 'sign-in-link'; to: string; subjectId: string };

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
}

export interface LinkToken {
  tenant: string;
  tokenHash: string;
  subjectId: string;
  purpose: 'subject-sign-in';
  createdAt: string;
  expiresAt: number;
}

export interface TokenStore {
  put(token: LinkToken): Promise<void>;
  /** Marks the token used if it exists, is unused and unexpired; exactly one racing caller wins. */
  consume(tenant: string, tokenHash: string, nowEpoch: number): Promise<LinkToken | undefined>;
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
  clock: Clock;
  settings: {
    publicUrl: string;
    mailFrom: string;
    /** Secret for keyed hashes of emails; never logged. */
    hashKey: string;
  };
}
