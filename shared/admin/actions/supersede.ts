import type { SupersededDecision } from '../../admin-api.ts';
import type { Deps } from '../../deps.ts';
import type { RightsRequest } from '../../entities.ts';
import { DomainError } from '../../errors.ts';
import { staffKindName } from '../../requests/kinds.ts';
import { applyAction, isOpen } from '../../requests/lifecycle.ts';
import { type StaffContext, staffActor } from '../context.ts';

/**
 * Before a whole erasure, the person's other open requests are decided: completed first (on their
 * own page), or closed here as superseded by the erasure, with the reason on the record. An
 * erasure cannot go on while one is undecided: afterwards there is no one to answer it, and it
 * would sit overdue in the queue and the digest for ever.
 */

/** The person's open requests other than this one: what staff must decide before erasing. */
export async function otherOpenRequests(deps: Deps, ctx: StaffContext, request: RightsRequest) {
  const all = await deps.requests.listForSubject(ctx.tenant.slug, request.subjectId);
  return all.filter((r) => r.id !== request.id && isOpen(r.status));
}

const list = (rs: RightsRequest[]) => rs.map((r) => `${r.reference} (${staffKindName[r.kind]})`).join(', ');

/**
 * Checks every other open request is decided, then closes those decided as superseded. No email:
 * the erasure letter tells the person (a notice queued now would be deleted by the erasure with
 * their other unsent mail). Returns the requests closed.
 */
export async function closeSuperseded(
  deps: Deps,
  ctx: StaffContext,
  erasure: RightsRequest,
  decisions: SupersededDecision[],
): Promise<RightsRequest[]> {
  const others = await otherOpenRequests(deps, ctx, erasure);
  const undecided = others.filter((o) => !decisions.some((d) => d.requestId === o.id));
  if (undecided.length) {
    const message = `Decide this person’s other open requests first: ${list(undecided)}. Complete each, or close it as superseded by this erasure with the reason.`;
    throw new DomainError('conflict', message, { fields: [{ field: 'others', message }] });
  }
  const stray = decisions.filter((d) => !others.some((o) => o.id === d.requestId));
  if (stray.length) {
    const message = 'A request decided here is not one of this person’s other open requests. Look at the request again.';
    throw new DomainError('conflict', message, { fields: [{ field: 'others', message }] });
  }
  const actor = staffActor(ctx);
  const closed: RightsRequest[] = [];
  for (const other of others) {
    const reason = (decisions.find((d) => d.requestId === other.id) as SupersededDecision).reason;
    const now = deps.clock.now();
    const done = applyAction(
      other,
      {
        type: 'complete',
        outcome: 'superseded',
        message: `We closed this request because you asked us to erase your data (request ${erasure.reference}). Our letter about ${erasure.reference} says what was erased and what was kept.`,
      },
      { tenant: ctx.tenant, actor, now },
    );
    const next: RightsRequest = {
      ...done,
      internal: [
        ...(done.internal ?? []),
        { at: now.toISOString(), type: 'note', actor, message: `Closed as superseded by ${erasure.reference}: ${reason}` },
      ],
    };
    await deps.requests.update(next, other.version, {
      audit: [
        {
          action: 'request.completed',
          actor,
          subjectId: other.subjectId,
          detail: {
            requestId: other.id,
            reference: other.reference,
            status: next.status,
            outcome: 'superseded',
            supersededBy: erasure.reference,
          },
          // The reason is staff's free text about the person: erased with them.
          personal: { reason },
        },
      ],
    });
    closed.push(next);
  }
  return closed;
}

/** The line the erasure letter adds for requests it closed. */
export const supersededLine = (closed: RightsRequest[]) =>
  closed.length
    ? `We have also closed your other request${closed.length === 1 ? '' : 's'} ${list(closed)}: this erasure supersedes ${closed.length === 1 ? 'it' : 'them'}.`
    : '';
