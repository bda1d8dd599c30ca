import type { StaffAction } from '../../admin-api.ts';
import { ukDate } from '../../deadlines.ts';
import type { Deps } from '../../deps.ts';
import type { RightsRequest } from '../../entities.ts';
import { isOpen } from '../../requests/lifecycle.ts';
import { type StaffContext, staffActor } from '../context.ts';
import type { RequestCase } from './case.ts';

type Input = Extract<StaffAction, { type: 'record-authority' }>;

/** Only a request someone else made for the person, while it is open (before anything is disclosed). */
export function authorityRefusal(c: RequestCase): string | undefined {
  if (!c.request.onBehalf) return 'No one acts for the person on this request.';
  return isOpen(c.request.status) ? undefined : `This request is ${c.request.status}: that step is not possible now.`;
}

/**
 * Records what gives the person acting their authority and how staff checked it, after the
 * request was logged (a requester's own form leaves it unchecked). Audited; staff only: the
 * check's words are personal data, kept on the request (and erased with the person), never in the
 * audit event.
 */
export async function recordAuthority(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input): Promise<RequestCase> {
  const { request } = c;
  const now = deps.clock.now();
  const actor = staffActor(ctx);
  const onBehalf = request.onBehalf as NonNullable<RightsRequest['onBehalf']>;
  const recheck = Boolean(onBehalf.checked);
  const saved: RightsRequest = {
    ...request,
    onBehalf: {
      ...onBehalf,
      authority: input.authority,
      checked: input.checked,
      checkedOn: ukDate(now),
      checkedBy: ctx.member.email,
    },
    internal: [
      ...(request.internal ?? []),
      { at: now.toISOString(), type: 'authority-checked', actor, message: `${input.authority}. Checked: ${input.checked}` },
    ],
    version: request.version + 1,
  };
  await deps.requests.update(saved, request.version, {
    audit: [
      {
        action: 'request.authority-checked',
        actor,
        subjectId: request.subjectId,
        detail: { requestId: request.id, reference: request.reference, capacity: onBehalf.capacity, recheck },
      },
    ],
  });
  return { ...c, request: saved };
}
