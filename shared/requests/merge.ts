import { formatUkDate } from '../dates.ts';
import type { Actor, Effects, InternalEvent, RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { scopeOf, survivorOf } from './duplicates.ts';
import { isOpen } from './lifecycle.ts';

/**
 * Merges two open duplicates of one person into the one received first: its deadline stands
 * (the earliest receipt). Nothing is lost: the other keeps everything it had and closes as
 * `merged`, pointing to the survivor; the survivor gains its search record, its notes and a
 * line for each step of its history, and what it asked. The survivor keeps its own checks: the
 * other's identity check is not carried over, and a survivor waiting for identity information
 * still waits for it (a duplicate never skips a check the first one needed).
 */
export function mergeDuplicates(
  a: RightsRequest,
  b: RightsRequest,
  context: { actor: Actor; now: Date },
): { survivor: RightsRequest; merged: RightsRequest; effects: Effects } {
  if (a.id === b.id) throw new DomainError('conflict', 'A request cannot be merged with itself.');
  if (a.tenant !== b.tenant || a.subjectId !== b.subjectId)
    throw new DomainError('conflict', 'Only requests of the same person can be merged.');
  if (a.kind !== b.kind) throw new DomainError('conflict', 'Only requests of the same kind can be merged.');
  if (!isOpen(a.status) || !isOpen(b.status)) throw new DomainError('conflict', 'Only open requests can be merged.');
  const [keep, close] = survivorOf(a, b);
  const at = context.now.toISOString();
  const from = (text: string) => `${close.reference}: ${text}`;
  const carried: InternalEvent[] = [
    ...close.history.map((h) => ({
      at: h.at,
      type: 'merged' as const,
      actor: h.actor,
      message: from(`${h.type}${h.message ? `: ${h.message}` : ''}`),
    })),
    ...(close.internal ?? []).map((e) => ({ ...e, message: from(`${e.type}${e.message ? `: ${e.message}` : ''}`) })),
  ];
  const sameScope = scopeOf(keep.kind, keep.details) === scopeOf(close.kind, close.details);
  const note: InternalEvent = {
    at,
    type: 'merged',
    actor: context.actor,
    message:
      `Merged ${close.reference} (received ${formatUkDate(close.receivedOn)}) into this request, received first: its history, notes and searches are kept here` +
      `${sameScope ? '' : ', and what it asked (its scope differs) is listed with it'}. ` +
      `${close.identity && !keep.identity ? "Its identity check is not carried over: this request's own check is still needed. " : ''}` +
      `Due ${formatUkDate(keep.dueOn)} (the earliest receipt).`,
  };
  const survivor: RightsRequest = {
    ...keep,
    history: [
      ...keep.history,
      {
        at,
        type: 'merged',
        status: keep.status,
        actor: context.actor,
        message: `Your request ${close.reference} asked for the same thing, so we joined it to this one. We answer both together by ${formatUkDate(keep.dueOn)}.`,
      },
    ],
    internal: [...(keep.internal ?? []), ...carried, note],
    searches: [...(keep.searches ?? []), ...(close.searches ?? [])],
    merged: [
      ...(keep.merged ?? []),
      { id: close.id, reference: close.reference, receivedOn: close.receivedOn, details: close.details },
      ...(close.merged ?? []),
    ],
    version: keep.version + 1,
  };
  const { pausedSince: _p, pausedFor: _f, ...clock } = close.clock;
  const merged: RightsRequest = {
    ...close,
    status: 'merged',
    clock,
    mergedInto: { id: keep.id, reference: keep.reference },
    history: [
      ...close.history,
      {
        at,
        type: 'merged',
        status: 'merged',
        actor: context.actor,
        message: `This request asked for the same thing as your request ${keep.reference}, received first, so we joined them. We answer both under ${keep.reference} by ${formatUkDate(keep.dueOn)}.`,
      },
    ],
    version: close.version + 1,
  };
  const effects: Effects = {
    audit: [
      {
        action: 'request.merged',
        actor: context.actor,
        subjectId: keep.subjectId,
        detail: {
          requestId: keep.id,
          reference: keep.reference,
          mergedId: close.id,
          mergedReference: close.reference,
          dueOn: keep.dueOn,
          mergedDueOn: close.dueOn,
        },
      },
    ],
  };
  return { survivor, merged, effects };
}
