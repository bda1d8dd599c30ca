import type { Effects } from '../entities.ts';
import type { SuppressScope } from './connector.ts';
import type { Correction } from './correction.ts';
import type { Operation } from './kinds.ts';
import type { SystemResult } from './outcome.ts';

/**
 * One request's run through the tenant's connected systems: where each system stands, and what
 * each one held (found records) or what was done there (erasure outcomes). It is the s.78 record
 * of the search, the source of the export's systems section, of the erasure letter's "where", and
 * of "your data"'s list of systems. Lives in the person's partition beside the request, so a whole
 * erasure removes it with them (the request's own search record keeps the non-personal facts).
 */
export interface SystemRun {
  tenant: string;
  subjectId: string;
  requestId: string;
  /** What the run does in each system: a search ('read') or an erasure ('erase'), etc. */
  operation: Operation;
  /** One per planned system, in the plan's order. */
  results: SystemResult[];
  /** When the run (or its latest retry) was asked for. */
  requestedAt: string;
  /** Who asked: a staff member's id, or 'system' for the automatic start. */
  requestedBy: string;
  updatedAt: string;
  version: number;
  /**
   * The search this run replaced (an erasure is searched on start, then erased): each system's
   * outcome then, kept with its count but without the records, so the s.78 record still shows it.
   */
  searched?: SystemResult[];
  /**
   * Steps the worker is still to plan from the systems' declarations: a marketing push asked for
   * by a function that does not read them (marketing-push.ts). Absent once planned.
   */
  plan?: 'marketing';
  /**
   * The request's due date when the run was asked for (or last retried): a handler's task in a
   * system is due no later (task-due.ts). Absent on a marketing push, which answers no request.
   */
  dueOn?: string;
  /** For a 'suppress' run: which lists the person is unsubscribed from (absent: every one). */
  suppress?: SuppressScope;
  /** A correction run: the centre's field and its new value, which each system is given as its declaration maps it. */
  correction?: Correction;
}

/** A run asked for alongside another change (a request started), written in that change's transaction. */
export interface SystemRunRequest {
  run: SystemRun;
  /** 0 when the request has no run yet. */
  expectedVersion: number;
}

/** Where a run waiting for the worker is, for the sweep. */
export interface PendingSystemRun {
  tenant: string;
  subjectId: string;
  requestId: string;
  requestedAt: string;
  updatedAt: string;
}

export interface SystemRunStore {
  /** The request's current run, found records included; undefined before any run was asked for. */
  get(tenant: string, subjectId: string, requestId: string): Promise<SystemRun | undefined>;
  /** Every run of the person's requests, newest first ("your data" shows the latest search). */
  listForSubject(tenant: string, subjectId: string): Promise<SystemRun[]>;
  /**
   * Asks for a run (or replaces the previous one with a retry) in one transaction with its audit:
   * the background worker picks it up. Conflict if `expectedVersion` no longer matches.
   */
  request(run: SystemRun, expectedVersion: number | undefined, effects: Effects): Promise<void>;
  /** Saves the worker's progress; conflict if changed meanwhile. */
  save(run: SystemRun, expectedVersion: number, effects: Effects): Promise<void>;
  /**
   * The tenant's runs with a system still pending or searching, asked for before `before` (an
   * ISO time), oldest first: the sweep picks up what the worker's trigger missed.
   */
  listPending(tenant: string, before: string): Promise<PendingSystemRun[]>;
  /** The tenant's runs with a system failed or waiting for a handler (one query: the queue's badge). */
  listNeedingAttention(tenant: string): Promise<SystemRunAttention[]>;
}

export interface SystemRunAttention {
  subjectId: string;
  requestId: string;
  failed: number;
  waiting: number;
}

/** How many of a run's systems failed, and how many wait for a handler. */
export function attentionOf(run: Pick<SystemRun, 'subjectId' | 'requestId' | 'results'>): SystemRunAttention {
  const count = (state: string) => run.results.filter((r) => r.outcome.state === state).length;
  return { subjectId: run.subjectId, requestId: run.requestId, failed: count('failed'), waiting: count('waiting-for-handler') };
}
