import type { IdentityKind } from './kinds.ts';

/** How the person is looked up in a system. The value is personal data: never logged. */
export interface Identity {
  kind: IdentityKind;
  value: string;
}

/** A person as one system knows them: the vendor's own ids, opaque to the domain. */
export interface SystemPerson {
  /** The system's id for the person (a Graph object id, an Autotask contact id, a Halo user id). */
  ref: string;
  /** Ids the connector needs alongside (an Autotask contact's company id). */
  context?: Record<string, string>;
  /** A line staff recognise: a display name, never more than the system shows anyway. */
  label: string;
}

export type RecordValue = string | number | boolean | null;

/** One record a system holds about the person, mapped to a centre category by the declaration. */
export interface SystemRecord {
  /** `<object>:<system id>`: stable, so a retried search never counts a record twice. */
  ref: string;
  object: string;
  category: string;
  data: Record<string, RecordValue>;
  /** When the system says the record was made, if it says. */
  createdAt?: string;
}

/** What erasure did to one record. */
export type RecordErasure =
  | { ref: string; object: string; result: 'erased' }
  | { ref: string; object: string; result: 'anonymised'; fields: string[] }
  | { ref: string; object: string; result: 'kept'; retention: string; reason: string }
  /** It was not there any more when the centre came to erase it (someone else did, or a re-run). */
  | { ref: string; object: string; result: 'absent' }
  /** Told to stop marketing (a mail tool's member unsubscribed); `already` when it was before the centre asked. */
  | { ref: string; object: string; result: 'unsubscribed'; already?: boolean };

/**
 * Which of a marketing system's lists a person is unsubscribed from: every one (stop all
 * marketing, an objection, a restriction), or those the declaration maps to the topics they
 * turned off by email.
 */
export type SuppressScope = { everywhere: true } | { everywhere: false; topics: readonly string[] };

/** What unsubscribing one membership did. */
export interface SuppressResult {
  /** `member:<list>:<member id>`, as the member's record ref. */
  ref: string;
  list: string;
  result: 'unsubscribed' | 'already' | 'out-of-scope' | 'absent';
}

/** One membership of a list in a marketing system, as reconciliation compares it with the centre. */
export interface ListMember {
  /** The address: personal data, compared in memory and never logged or stored. */
  email: string;
  person: SystemPerson;
  list: { id: string; name: string };
  status: 'subscribed' | 'unsubscribed' | 'other';
  /** When the system says the membership last changed (an unsubscribe's time). */
  changedAt?: string;
}

/** A correction for one kind of object: its own field names → the new value. */
export interface ObjectCorrection {
  object: string;
  fields: Record<string, string>;
}

/** One field a correction changed: what it read before and what it reads now. */
export interface FieldChange {
  field: string;
  from: RecordValue;
  to: string;
}

/** What a correction did to one record. */
export type RecordCorrection =
  | { ref: string; object: string; result: 'corrected'; changes: FieldChange[] }
  /** It already read the new value: nothing was sent (so a re-run changes nothing). */
  | { ref: string; object: string; result: 'unchanged'; fields: string[] }
  | { ref: string; object: string; result: 'absent' };

/** What a run did to one record: an erasure's or a correction's outcome. */
export type RecordOutcome = RecordErasure | RecordCorrection;

/**
 * One connected system, spoken to through its own API. Every method is safe to repeat: a search
 * returns the same people, erasing what is already gone succeeds and says so.
 */
export interface Connector {
  find(identity: Identity): Promise<SystemPerson[]>;
  /** Everything the system holds about the person, every page of it. */
  read(person: SystemPerson): Promise<SystemRecord[]>;
  /** Carries out the declaration's erasure strategy for each kind of object. */
  erase(person: SystemPerson): Promise<RecordErasure[]>;
  /**
   * Rewrites the named fields of the person's records of each kind, reading each first: a field
   * that already reads the new value is not sent, a record gone meanwhile is 'absent'.
   */
  correct?(person: SystemPerson, changes: readonly ObjectCorrection[]): Promise<RecordCorrection[]>;
  /** Unsubscribes the person's membership where `scope` reaches it (a marketing system). Safe to repeat. */
  suppress?(person: SystemPerson, scope: SuppressScope): Promise<SuppressResult>;
  /** Every membership of every list, a page at a time (a marketing system, for reconciliation). */
  listMembers?(): AsyncIterable<ListMember[]>;
}

export type SystemFailureCode =
  | 'timeout'
  | 'unreachable'
  | 'rate-limited'
  | 'unauthorised'
  | 'rejected'
  | 'malformed-answer'
  | 'server-error';

/**
 * A system call that did not succeed, with a reason staff can act on. It carries no personal
 * data and no secret: the message is safe to log and to show.
 */
export class SystemCallError extends Error {
  constructor(
    readonly code: SystemFailureCode,
    message: string,
    /** false when trying again cannot help (a rejected request, wrong credentials). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SystemCallError';
  }
}
