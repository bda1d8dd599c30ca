import type { QueueItem, QueueQuery, QueueResponse } from '../admin-api.ts';
import { daysLeft, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { RightsRequest, StaffMember } from '../entities.ts';
import { clockStopped, dueOnFor } from '../requests/clock.ts';
import { staffKindName, staffStatusOf } from '../requests/kinds.ts';
import { isOpen } from '../requests/lifecycle.ts';
import { listStaff } from '../staff/directory.ts';
import type { StaffContext } from './context.ts';

export const DUE_SOON_DAYS = 7;

/**
 * The request with this reference among the centre's own (read from its queue index, as the queue
 * reads them): a reference of another centre is simply not found.
 */
export async function requestWithReference(deps: Deps, tenant: string, reference: string): Promise<RightsRequest | undefined> {
  return (await deps.requests.listForTenant(tenant)).find((r) => r.reference === reference);
}

const staffRef = (staff: StaffMember[], email: string | undefined) => {
  if (!email) return null;
  return { email, name: staff.find((s) => s.email === email)?.name ?? email };
};

/** A request as the queue shows it: no personal data, just what is needed to triage. */
export function queueItem(ctx: Pick<StaffContext, 'tenant'>, r: RightsRequest, today: string, staff: StaffMember[]): QueueItem {
  const open = isOpen(r.status);
  const dueOn = open ? dueOnFor(ctx.tenant, r.receivedOn, r.clock, today) : r.dueOn;
  const left = daysLeft(dueOn, today);
  // A question that leaves the clock running (clarificationStopsClock) keeps the request on the overdue list.
  const paused = clockStopped(r);
  return {
    id: r.id,
    subjectId: r.subjectId,
    reference: r.reference,
    kind: r.kind,
    kindName: staffKindName[r.kind],
    status: r.status,
    statusText: staffStatusOf(r),
    open,
    receivedOn: r.receivedOn,
    receivedVia: r.receivedVia ?? 'portal',
    dueOn,
    daysLeft: left,
    overdue: open && !paused && left < 0,
    dueSoon: open && !paused && left >= 0 && left <= DUE_SOON_DAYS,
    paused,
    assignee: staffRef(staff, r.assignee),
    // Someone acting for the person, not checked yet: flagged until staff record the check.
    ...(open && r.onBehalf && !r.onBehalf.checked ? { authorityUnchecked: true as const } : {}),
  };
}

/**
 * The tenant's requests by legal due date, filtered, with counts over every open request
 * (so the numbers at the top never depend on the filters).
 */
export async function staffQueue(deps: Deps, ctx: StaffContext, query: QueueQuery): Promise<QueueResponse> {
  const today = ukDate(deps.clock.now());
  const [requests, staff, attention] = await Promise.all([
    deps.requests.listForTenant(ctx.tenant.slug),
    listStaff(deps, ctx.tenant),
    deps.systemRuns.listNeedingAttention(ctx.tenant.slug),
  ]);
  const systemsOf = new Map(attention.map((a) => [a.requestId, a.failed > 0 ? ('failed' as const) : ('waiting' as const)]));
  const items = requests
    .map((r) => {
      const item = queueItem(ctx, r, today, staff);
      const systems = item.open ? systemsOf.get(r.id) : undefined;
      return systems ? { ...item, systems } : item;
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference));
  const open = items.filter((i) => i.open);
  const tally = (pick: (i: QueueItem) => string) =>
    open.reduce<Record<string, number>>((counts, i) => {
      counts[pick(i)] = (counts[pick(i)] ?? 0) + 1;
      return counts;
    }, {});
  const me = ctx.member.email;
  const status = query.status ?? 'open';
  const assignee = query.assignee === 'me' ? me : query.assignee;
  const shown = items.filter(
    (i) =>
      (status === 'all' || (status === 'open' ? i.open : i.status === status)) &&
      (!query.kind || i.kind === query.kind) &&
      (query.due !== 'overdue' || i.overdue) &&
      (query.due !== 'week' || i.dueSoon) &&
      (query.systems !== 'attention' || i.systems !== undefined) &&
      (!assignee || (assignee === 'none' ? i.assignee === null : i.assignee?.email === assignee)),
  );
  return {
    today,
    counts: {
      open: open.length,
      overdue: open.filter((i) => i.overdue).length,
      dueSoon: open.filter((i) => i.dueSoon).length,
      unassigned: open.filter((i) => i.assignee === null).length,
      mine: open.filter((i) => i.assignee?.email === me).length,
      systems: open.filter((i) => i.systems !== undefined).length,
      byStatus: tally((i) => i.status),
      byKind: tally((i) => i.kind),
    },
    requests: shown,
    staff: staff.filter((s) => s.role !== 'viewer').map((s) => ({ email: s.email, name: s.name })),
  };
}
