import type { RecordValue } from './connector.ts';
import { alreadyReads, type Correction, correctionsFor, systemsHolding } from './correction.ts';
import type { SystemDeclaration } from './declaration.ts';
import type { SystemResult } from './outcome.ts';
import { runsAutomatically } from './plan.ts';
import type { SystemRun } from './ports.ts';

/**
 * What a correction will change where, before staff apply it (from the request's search), and
 * what it changed where, after (from the correction's own run): one line per system, record and
 * field. Staff see it under the request's connected systems.
 */
export type CorrectionLineState =
  /** Before: the record reads something else and will be rewritten. */
  | 'will-change'
  /** Before or after: it already reads the new value, so nothing is sent. */
  | 'already-right'
  /** After: rewritten. */
  | 'changed'
  /** After: the record was gone when the correction came. */
  | 'absent'
  /** The search or the correction found no record of the person there. */
  | 'not-found'
  /** The centre cannot change it there by itself: a handler's task. */
  | 'by-hand'
  /** Not known yet (the search has not answered), or the correction is under way. */
  | 'unknown'
  | 'failed'
  /** A handler recorded what happened there. */
  | 'resolved';

export interface CorrectionLine {
  systemId: string;
  systemName: string;
  state: CorrectionLineState;
  /** The record (`user:1001`) and the system's own field, where known. */
  ref?: string;
  object?: string;
  field?: string;
  from?: RecordValue;
  to?: string;
  /** A plain line for what is not a field change (why it is not known, what a handler recorded). */
  note?: string;
}

export interface CorrectionPreview {
  label: string;
  value: string;
  /** 'preview' before the correction is applied in the systems; 'outcome' once it has been asked for. */
  stage: 'preview' | 'outcome';
  lines: CorrectionLine[];
  /** Declared systems that do not hold the field (their declarations map no field to it). */
  notHolding: { systemId: string; systemName: string }[];
}

function beforeLines(system: SystemDeclaration, correction: Correction, result: SystemResult | undefined): CorrectionLine[] {
  const at = { systemId: system.id, systemName: system.name };
  if (!runsAutomatically(system, 'correct'))
    return [{ ...at, state: 'by-hand', note: 'The centre cannot change it there by itself: it becomes a handler’s task.' }];
  const outcome = result?.outcome;
  if (outcome?.state === 'not-found') return [{ ...at, state: 'not-found', note: 'The search found no record of them there.' }];
  if (outcome?.state !== 'found' || (outcome.records.length === 0 && outcome.count > 0))
    return [
      {
        ...at,
        state: 'unknown',
        note: 'The search has not read this system (yet): the correction reads each record first and changes only what differs.',
      },
    ];
  const lines: CorrectionLine[] = [];
  for (const { object, fields } of correctionsFor(system, correction)) {
    for (const record of outcome.records.filter((r) => r.object === object)) {
      for (const [field, to] of Object.entries(fields)) {
        const from = record.data[field] ?? null;
        lines.push({
          ...at,
          ref: record.ref,
          object,
          field,
          from,
          to,
          state: alreadyReads(from, to) ? 'already-right' : 'will-change',
        });
      }
    }
  }
  return lines.length ? lines : [{ ...at, state: 'not-found', note: 'The search found no record there holding this field.' }];
}

function afterLines(result: SystemResult): CorrectionLine[] {
  const at = { systemId: result.step.systemId, systemName: result.step.systemName };
  const { outcome } = result;
  switch (outcome.state) {
    case 'done': {
      const lines: CorrectionLine[] = outcome.records.flatMap((r): CorrectionLine[] => {
        if (r.result === 'corrected')
          return r.changes.map((c) => ({
            ...at,
            ref: r.ref,
            object: r.object,
            field: c.field,
            from: c.from,
            to: c.to,
            state: 'changed',
          }));
        if (r.result === 'unchanged')
          return r.fields.map((field) => ({ ...at, ref: r.ref, object: r.object, field, state: 'already-right' }));
        if (r.result === 'absent') return [{ ...at, ref: r.ref, object: r.object, state: 'absent' }];
        return [];
      });
      return lines.length ? lines : [{ ...at, state: 'not-found', note: 'No record there held this field.' }];
    }
    case 'not-found':
      return [{ ...at, state: 'not-found', note: 'No record of them was found there.' }];
    case 'failed':
      return [{ ...at, state: 'failed', note: outcome.reason }];
    case 'waiting-for-handler':
      return [{ ...at, state: 'by-hand', note: outcome.instructions }];
    case 'resolved':
      return [{ ...at, state: 'resolved', note: `${outcome.resolution.reason}: ${outcome.resolution.note}` }];
    default:
      return [{ ...at, state: 'unknown', note: 'Being corrected now.' }];
  }
}

/** The preview (before) or the outcome (after) of a correction across the tenant's systems. */
export function correctionPreview(
  systems: readonly SystemDeclaration[],
  correction: Correction,
  run: SystemRun | undefined,
): CorrectionPreview {
  const holding = systemsHolding(systems, correction);
  const notHolding = systems.filter((s) => !holding.includes(s)).map((s) => ({ systemId: s.id, systemName: s.name }));
  const base = { label: correction.label, value: correction.value, notHolding };
  if (run?.operation === 'correct') return { ...base, stage: 'outcome', lines: run.results.flatMap(afterLines) };
  const found = (id: string) => run?.results.find((r) => r.step.systemId === id);
  return { ...base, stage: 'preview', lines: holding.flatMap((s) => beforeLines(s, correction, found(s.id))) };
}
