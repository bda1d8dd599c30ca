import { queueItem } from '../admin/queue.ts';
import type { QueueItem } from '../admin-api.ts';
import { awaitsAcknowledgement } from '../complaints/lifecycle.ts';
import { daysLeft, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { listStaff } from '../staff/directory.ts';
import { can } from '../staff/permissions.ts';

export interface DigestResult {
  tenant: string;
  overdue: number;
  dueSoon: number;
  /** Open requests whose search of a connected system failed (the queue's "failed" badge). */
  failedSearches: number;
  emailed: number;
  /** Already sent today: a second run the same day sends nothing. */
  alreadySent: boolean;
}

/** One line of the digest: a request by its due date, or a complaint by the day to acknowledge it. */
export type DigestLine = Pick<QueueItem, 'reference' | 'kindName' | 'dueOn' | 'daysLeft' | 'overdue' | 'dueSoon'> & {
  /** A complaint to acknowledge: its link is the complaints tab, not the request queue. */
  complaint?: true;
};

/** What a digest lists: requests and complaints by their deadlines, and requests whose search failed. */
export interface DigestLists {
  overdue: DigestLine[];
  dueSoon: DigestLine[];
  /** Open requests with a connected system that failed and waits for a retry or a handler's word. */
  failedSearches: DigestLine[];
}

/**
 * What a digest lists: overdue first, then due within 7 days, by due date. Open requests by
 * their legal deadline, and complaints still to be acknowledged by the last of their 30 days
 * (DPA 2018 s.164A), so an overdue acknowledgement counts as overdue, in the alarm too. Then the
 * open requests whose search of a connected system failed (as the queue marks them), whatever
 * their due date: nobody else is told that a search did not happen.
 */
export async function digestItems(deps: Deps, tenant: TenantConfig): Promise<DigestLists> {
  const today = ukDate(deps.clock.now());
  const [staff, requests, complaints, attention] = await Promise.all([
    listStaff(deps, tenant),
    deps.requests.listForTenant(tenant.slug),
    deps.complaints.listForTenant(tenant.slug),
    deps.systemRuns.listNeedingAttention(tenant.slug),
  ]);
  const toAcknowledge: DigestLine[] = complaints.filter(awaitsAcknowledgement).map((c) => {
    const left = daysLeft(c.acknowledgeBy, today);
    return {
      reference: c.reference,
      kindName: 'Complaint, to acknowledge',
      dueOn: c.acknowledgeBy,
      daysLeft: left,
      overdue: left < 0,
      dueSoon: left >= 0 && left <= 7,
      complaint: true,
    };
  });
  const queued = requests.map((r) => ({ id: r.id, item: queueItem({ tenant }, r, today, staff) }));
  const failed = new Set(attention.filter((a) => a.failed > 0).map((a) => a.requestId));
  const items = [...queued.map((q) => q.item), ...toAcknowledge].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return {
    overdue: items.filter((i) => i.overdue),
    dueSoon: items.filter((i) => i.dueSoon),
    failedSearches: queued
      .filter((q) => q.item.open && failed.has(q.id))
      .map((q) => q.item)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  };
}

/** Whether a digest has anything to say. */
export const digestHasNews = (lists: DigestLists) =>
  lists.overdue.length + lists.dueSoon.length + lists.failedSearches.length > 0;

/**
 * The daily email to each handler and admin of a tenant listing its requests due within 7 days,
 * the overdue ones and those whose search of a connected system failed (nothing is sent when
 * there are none). Once a day per tenant: the day is
 * claimed first, so a re-run or a second scheduler sends nothing twice.
 */
export async function deadlineDigest(deps: Deps, tenant: TenantConfig): Promise<DigestResult> {
  const lists = await digestItems(deps, tenant);
  const { overdue, dueSoon, failedSearches } = lists;
  const result: DigestResult = {
    tenant: tenant.slug,
    overdue: overdue.length,
    dueSoon: dueSoon.length,
    failedSearches: failedSearches.length,
    emailed: 0,
    alreadySent: false,
  };
  if (!digestHasNews(lists)) return result;
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const first = await deps.rateLimiter.claimOnce(tenant.slug, `job#deadline-digest#${ukDate(deps.clock.now())}`, now + 3 * 86400);
  if (!first) return { ...result, alreadySent: true };
  const recipients = (await listStaff(deps, tenant)).filter((m) => can(m.role, 'act'));
  await deps.audit.commit(tenant.slug, {
    audit: [
      {
        action: 'job.deadline_digest',
        actor: { type: 'system' },
        detail: {
          overdue: overdue.length,
          dueSoon: dueSoon.length,
          failedSearches: failedSearches.length,
          recipients: recipients.length,
        },
      },
    ],
    mail: recipients.map((m) => ({ template: 'deadline-digest' as const, to: m.email, staffEmail: m.email })),
  });
  return { ...result, emailed: recipients.length };
}
