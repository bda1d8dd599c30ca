import type { Actor, Representative, RightsRequest } from '../entities.ts';

/** What stands where free text about an erased person was. */
export const REMOVED = '[removed on erasure]';

/** Request details that carry no personal data (what kind of request it was, which categories). */
const SAFE_DETAILS = new Set([
  'scope',
  'categories',
  'categoryNames',
  'category',
  'categoryName',
  'fieldLabel',
  'reason',
  'processing',
  'processingName',
  'recordIds',
  'recordNames',
]);

/** Who acted for the person, as kept: in what capacity, without who or how. */
const redactedRepresentative = (r: Representative): Representative => ({
  name: REMOVED,
  capacity: r.capacity,
  authority: REMOVED,
  ...(r.checked ? { checked: REMOVED } : {}),
  recordedBy: r.recordedBy,
});

/** Staff-only steps whose words the centre wrote itself (no free text about the person). */
const OUR_WORDS = new Set(['assigned', 'viewed']);

/** Free text in a history entry: what the person wrote and what staff wrote about them both go. */
export const scrubbed = <T extends { actor: Actor; message?: string }>(h: T): T => (h.message ? { ...h, message: REMOVED } : h);
export const scrubbedInternal = <T extends { type: string; message?: string }>(h: T): T =>
  h.message && !OUR_WORDS.has(h.type) ? { ...h, message: REMOVED } : h;

/**
 * The request as kept after erasure: its facts (kind, dates, steps, categories) and none of the
 * free text about the person, theirs or staff's: what they wrote, our answers and reasons, the
 * identity check's note, internal notes, the searches' identities and notes, who acted for them.
 * (The erasure letter itself is added after this, and names categories only.)
 */
export function redacted(request: RightsRequest): RightsRequest {
  const details = Object.fromEntries(
    Object.entries(request.details).map(([k, v]) => [k, SAFE_DETAILS.has(k) ? v : REMOVED]),
  ) as RightsRequest['details'];
  const { extensionReason, ...clock } = request.clock;
  return {
    ...request,
    details,
    clock: extensionReason ? { ...clock, extensionReason: REMOVED } : clock,
    history: request.history.map(scrubbed),
    ...(request.identity ? { identity: { ...request.identity, note: REMOVED } } : {}),
    ...(request.internal ? { internal: request.internal.map(scrubbedInternal) } : {}),
    ...(request.searches
      ? { searches: request.searches.map((x) => ({ ...x, identity: REMOVED, note: x.note ? REMOVED : '' })) }
      : {}),
    ...(request.onBehalf ? { onBehalf: redactedRepresentative(request.onBehalf) } : {}),
    version: request.version + 1,
  };
}
