import type {
  AuditEvent,
  ChainedAuditEvent,
  ChainHead,
  ConsentEvent,
  DataRecord,
  Effects,
  ExpiredItem,
  LegalHold,
  LinkToken,
  MailMessage,
  OutboxMessage,
  Restriction,
  RightsRequest,
  Session,
  StaffMember,
  Subject,
  UpheldObjection,
} from './entities.ts';

/** The ports: what the use cases ask of storage and mail; functions/adapters/ implements them. */

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
  /**
   * A page of the trail, newest first, by its keys (the tenant's audit partition by time, or one
   * subject's index): never a scan. The other filters narrow what those keys read, so a page may
   * hold fewer than `limit` events and still have a `next`.
   */
  browse(tenant: string, query: AuditBrowse): Promise<{ events: (AuditEvent & { seq?: number })[]; next?: string }>;
}

export interface AuditBrowse {
  subjectId?: string;
  requestId?: string;
  /** A member of staff's email: the events they caused. */
  staff?: string;
  /** The start of an action (`request.`), or a whole one. */
  kindPrefix?: string;
  /** ISO instants, inclusive. */
  fromAt?: string;
  toAt?: string;
  /** The `next` of the page before. */
  after?: string;
  limit: number;
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
  /**
   * Records when the subject's relationship with the organisation began and (if it has) ended:
   * the start of every "so long after the relationship" retention rule.
   */
  setRelationship(input: {
    tenant: string;
    subjectId: string;
    relationship: Subject['relationship'];
    effects: Effects;
  }): Promise<void>;
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

export interface TokenStore {
  put(token: LinkToken): Promise<void>;
  /** Marks the token used if it exists, has this purpose, is unused and unexpired; exactly one racing caller wins. */
  consume(tenant: string, tokenHash: string, purpose: LinkToken['purpose'], nowEpoch: number): Promise<LinkToken | undefined>;
  /** Deletes every link token of a subject (erasure); returns how many. */
  revokeAllOf(tenant: string, subjectId: string): Promise<number>;
}

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

export interface StaffStore {
  get(tenant: string, email: string): Promise<StaffMember | undefined>;
  list(tenant: string): Promise<StaffMember[]>;
  /** Creates (expectedVersion 0) or replaces a record at `expectedVersion`; else DomainError('conflict'). */
  put(member: StaffMember, expectedVersion: number, effects: Effects): Promise<void>;
  /** Takes a TOTP step if it is later than the last one taken; false if it was used. */
  takeTotpStep(tenant: string, email: string, step: number): Promise<boolean>;
  /** Removes a recovery code if it is unused (any of the code's hashes: one per HASH_KEY version looked up); false otherwise. */
  takeRecoveryCode(tenant: string, email: string, codeHashes: string[]): Promise<boolean>;
}

/** A look at a sliding window of `limit` hits in `windowSeconds` for `key`: allowed now, or when the next fits. */
type WindowCheck = (
  tenant: string,
  key: string,
  limit: number,
  windowSeconds: number,
  nowEpoch: number,
) => Promise<{ allowed: boolean; retryAfterSeconds: number }>;

export interface RateLimiter {
  /**
   * Counts one hit unless `limit` hits were allowed in the last `windowSeconds` (a sliding
   * window: no window of that length, wherever it starts, lets more through). A refused hit is
   * not counted; `retryAfterSeconds` says when the next one will fit.
   */
  hit: WindowCheck;
  /** Whether one more hit would be allowed now, without counting one. */
  peek: WindowCheck;
  /** True for the first caller only, until `expiresAt` (e.g. once a day per tenant for a job). */
  claimOnce(tenant: string, key: string, expiresAt: number): Promise<boolean>;
}

export interface AuditLog {
  /** Writes audit events and outbox messages together, in one transaction. */
  commit(tenant: string, effects: Effects): Promise<void>;
}

export interface OutboxStore {
  get(tenant: string, id: string): Promise<OutboxMessage | undefined>;
  /** Pending messages, oldest first; with `createdBefore` (an ISO time), only those created before it. */
  listPending(tenant: string, limit: number, createdBefore?: string): Promise<OutboxMessage[]>;
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

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
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
  /** Removes every hash given (pass each address's look-ups, so an entry under the previous HASH_KEY goes too). */
  remove(tenant: string, hashes: string[], effects: Effects): Promise<void>;
  /** Whether any of these hashes (one address's look-ups, newest HASH_KEY version first) is on the list. */
  has(tenant: string, hashes: string[]): Promise<boolean>;
  /** Every per-tenant entry of the tenant's list, for its mail tools (stored `s<N>:<hex>`; older entries and erasure markers are left out). */
  list(tenant: string): Promise<string[]>;
}

/**
 * A person's one open request of a kind and scope, guarded with the request's creation: a second
 * create for the same slot, while the holder is not one of `vacantIf` (closed requests of the
 * scope), makes nothing and returns the holder (two filings racing: one wins).
 */
export interface OpenSlot {
  key: string;
  vacantIf: string[];
}

export interface RequestStore {
  /** The next human reference of the tenant for the year, e.g. IPM-2026-000123. */
  nextReference(tenant: string, prefix: string, year: string): Promise<string>;
  /**
   * Creates the request. With an idempotency key, a second create with the same key makes
   * nothing and returns the request the first one made.
   */
  create(request: RightsRequest, effects: Effects, idempotencyKey?: string, openSlot?: OpenSlot): Promise<RightsRequest>;
  /** The request first filed with this idempotency key, if any. */
  findFiled(tenant: string, subjectId: string, idempotencyKey: string): Promise<RightsRequest | undefined>;
  /**
   * Saves several changed requests of one subject together (all or nothing), each only if still
   * at its expected version; otherwise DomainError('conflict') and nothing is written.
   */
  updateTogether(changes: { request: RightsRequest; expectedVersion: number }[], effects: Effects): Promise<void>;
  get(tenant: string, subjectId: string, requestId: string): Promise<RightsRequest | undefined>;
  /** Saves a changed request if it is still at `expectedVersion`; otherwise DomainError('conflict'). */
  update(request: RightsRequest, expectedVersion: number, effects: Effects): Promise<void>;
  listForSubject(tenant: string, subjectId: string): Promise<RightsRequest[]>;
  /** Every request of the tenant, by due date (staff queue, reports, deadline digest). */
  listForTenant(tenant: string): Promise<RightsRequest[]>;
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
