import { formatUkDate } from '../dates.ts';
import type { RecordOutcome, SystemRecord } from './connector.ts';
import type { Operation } from './kinds.ts';

/** Why a handler let a request complete with a system unresolved. */
export const resolutionReasons = ['legal-hold', 'retention-obligation', 'unreachable', 'done-by-hand', 'not-held'] as const;
export type ResolutionReason = (typeof resolutionReasons)[number];

export interface HandlerResolution {
  reason: ResolutionReason;
  /** What the handler found or did, in their words. */
  note: string;
  by: string;
  at: string;
  /** How many records the handler found there, when they counted ("done by hand" only). */
  count?: number;
}

/** Where one system stands for one request: shown per system, kept as the s.78 record. */
export type SystemOutcome =
  /** `attempts`: how many times it was tried before (a retry of a failed system). */
  | { state: 'pending'; attempts?: number }
  | { state: 'searching'; startedAt: string }
  | { state: 'found'; count: number; records: SystemRecord[]; at: string }
  | { state: 'not-found'; at: string }
  | { state: 'waiting-for-handler'; role: 'handler' | 'admin'; handlerName?: string; instructions: string; dueAt: string }
  | { state: 'failed'; reason: string; retryable: boolean; attempts: number; at: string }
  /** What was done to each record: erased, anonymised or kept (an erasure), or corrected (a correction). */
  | { state: 'done'; records: RecordOutcome[]; at: string }
  | { state: 'resolved'; resolution: HandlerResolution };

export interface SystemStep {
  systemId: string;
  systemName: string;
  operation: Operation;
  /** The kind of identity used; the value lives with the request, not here. */
  identity: string;
  automatic: boolean;
}

export interface SystemResult {
  step: SystemStep;
  outcome: SystemOutcome;
}

const isCorrection = (records: readonly RecordOutcome[]) =>
  records.some((r) => r.result === 'corrected' || r.result === 'unchanged');

/** A handler's resolution in a few words, for staff. */
export const resolvedWords: Record<ResolutionReason, string> = {
  'done-by-hand': 'done by hand',
  'not-held': 'nothing held there',
  'legal-hold': 'kept under a legal hold',
  'retention-obligation': 'kept: the law requires it',
  unreachable: 'could not be reached',
};

/** A resolution's reason in words, with the count of records the handler found there if they gave one. */
export const resolvedInWords = (resolution: Pick<HandlerResolution, 'reason' | 'count'>) =>
  `${resolvedWords[resolution.reason]}${
    resolution.count === undefined ? '' : `, ${resolution.count} record${resolution.count === 1 ? '' : 's'} found`
  }`;

/** A one-line account of an outcome, in plain words, for staff and the evidence pack. */
export function describeOutcome(outcome: SystemOutcome, operation?: Operation): string {
  switch (outcome.state) {
    case 'pending':
      return 'Not started';
    case 'searching':
      return 'Searching';
    case 'found':
      return `Found ${outcome.count} record${outcome.count === 1 ? '' : 's'}`;
    case 'not-found':
      return 'Not found';
    case 'waiting-for-handler':
      return `Waiting for ${outcome.handlerName ?? (outcome.role === 'admin' ? 'an administrator' : 'a handler')} (due ${formatUkDate(outcome.dueAt.slice(0, 10))})`;
    case 'failed':
      return `Failed: ${outcome.reason}`;
    case 'done': {
      if (outcome.records.length > 0 && outcome.records.every((r) => r.result === 'unsubscribed' || r.result === 'absent')) {
        const told = outcome.records.filter((r) => r.result === 'unsubscribed');
        const already = told.filter((r) => r.result === 'unsubscribed' && r.already).length;
        return `Unsubscribed in ${told.length} list${told.length === 1 ? '' : 's'}${already ? ` (${already} already)` : ''}`;
      }
      const count = (result: RecordOutcome['result']) => outcome.records.filter((r) => r.result === result).length;
      const absent = count('absent');
      if (operation === 'correct' || isCorrection(outcome.records)) {
        const parts = [`Corrected ${count('corrected')} record${count('corrected') === 1 ? '' : 's'}`];
        if (count('unchanged')) parts.push(`${count('unchanged')} already right`);
        if (absent) parts.push(`${absent} already gone`);
        return parts.join(', ');
      }
      return `Erased ${count('erased')}, anonymised ${count('anonymised')}, kept ${count('kept')}${absent ? `, ${absent} already gone` : ''}`;
    }
    case 'resolved':
      return `Resolved by a handler: ${resolvedInWords(outcome.resolution)}${outcome.resolution.note ? `. “${outcome.resolution.note}”` : ''}`;
  }
}
