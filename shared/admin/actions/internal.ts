import type { StaffAction } from '../../admin-api.ts';
import { newId } from '../../crypto.ts';
import { ukDate } from '../../deadlines.ts';
import type { Deps } from '../../deps.ts';
import type { InternalEvent, RightsRequest } from '../../entities.ts';
import { DomainError } from '../../errors.ts';
import { describeSearch, type SearchRecord } from '../../requests/search-record.ts';
import { findStaff } from '../../staff/directory.ts';
import { can } from '../../staff/permissions.ts';
import { type StaffContext, staffActor } from '../context.ts';
import type { RequestCase } from './case.ts';

type Input<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;

/** Saves an internal step (audited, never emailed, never shown to the subject). */
async function saveInternal(
  deps: Deps,
  c: RequestCase,
  next: RightsRequest,
  entry: InternalEvent,
  detail: Record<string, string> = {},
): Promise<RequestCase> {
  const { request } = c;
  const saved: RightsRequest = { ...next, internal: [...(request.internal ?? []), entry], version: request.version + 1 };
  await deps.requests.update(saved, request.version, {
    audit: [
      {
        action: `request.${entry.type}`,
        actor: entry.actor,
        subjectId: request.subjectId,
        detail: { requestId: request.id, reference: request.reference, ...detail },
      },
    ],
  });
  return { ...c, request: saved };
}

/** Assigns the request to a handler or admin of the centre, or unassigns it. */
export async function assign(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'assign'>): Promise<RequestCase> {
  const at = deps.clock.now().toISOString();
  const actor = staffActor(ctx);
  if (input.assignee === null) {
    const { assignee: _gone, ...next } = c.request;
    return saveInternal(deps, c, next, { at, type: 'assigned', actor, message: 'Unassigned' });
  }
  const assignee = await findStaff(deps, ctx.tenant, input.assignee);
  if (!assignee || !can(assignee.role, 'act')) {
    throw new DomainError('bad_request', 'Assign it to a handler or admin of this privacy centre.', {
      fields: [{ field: 'assignee', message: 'Choose a handler or admin of this privacy centre' }],
    });
  }
  const next = { ...c.request, assignee: assignee.email };
  return saveInternal(
    deps,
    c,
    next,
    { at, type: 'assigned', actor, message: `Assigned to ${assignee.name}` },
    {
      assignee: assignee.email,
    },
  );
}

/** Records how the requester's identity was checked. */
export function verifyIdentity(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'verify-identity'>) {
  const at = deps.clock.now().toISOString();
  const next = { ...c.request, identity: { method: input.method, note: input.note, at, by: ctx.member.email } };
  const entry: InternalEvent = { at, type: 'identity-verified', actor: staffActor(ctx), message: input.note };
  return saveInternal(deps, c, next, entry, { method: input.method });
}

/** An internal note on the request. */
export function note(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'note'>) {
  const at = deps.clock.now().toISOString();
  return saveInternal(deps, c, c.request, { at, type: 'note', actor: staffActor(ctx), message: input.text });
}

/** Records a search made for an access or portability request (where, identity, when, found). */
export function recordSearch(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'record-search'>) {
  const today = ukDate(deps.clock.now());
  if (input.searchedOn > today) {
    throw new DomainError('bad_request', 'The day of the search cannot be in the future.', {
      fields: [{ field: 'searchedOn', message: 'The day of the search cannot be in the future' }],
    });
  }
  const at = deps.clock.now().toISOString();
  const actor = staffActor(ctx);
  const search: SearchRecord = {
    id: newId(),
    ...(input.systemId ? { systemId: input.systemId } : {}),
    place: input.place,
    identity: input.identity,
    searchedOn: input.searchedOn,
    by: actor,
    automatic: false,
    found: input.found,
    ...(input.count !== undefined ? { count: input.count } : {}),
    note: input.note ?? '',
    recordedAt: at,
  };
  const next = { ...c.request, searches: [...(c.request.searches ?? []), search] };
  return saveInternal(
    deps,
    c,
    next,
    { at, type: 'search-recorded', actor, message: describeSearch(search) },
    {
      place: search.place,
      found: String(search.found),
    },
  );
}
