import type { RecordMarketingChoice, StaffMarketingView } from '../admin-api.ts';
import { loadSubject } from '../data-tools/subject.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { currentPreferences, setPreferences, stopAllMarketing } from '../marketing/preferences.ts';
import { requirePermission } from '../staff/permissions.ts';
import { marketingSystemsView } from '../systems/marketing-view.ts';
import { auditStaffRead, type StaffContext } from './context.ts';

/** A person's marketing choices now, and the consent ledger behind them (newest first); an audited read. */
export async function staffMarketingView(deps: Deps, ctx: StaffContext, subjectId: string): Promise<StaffMarketingView> {
  await requirePermission(deps, ctx, 'read', 'read marketing choices');
  const slug = ctx.tenant.slug;
  const subject = await loadSubject(deps, ctx, subjectId);
  const [events, runs] = await Promise.all([
    deps.consents.list(slug, subjectId),
    deps.systemRuns.listForSubject(slug, subjectId),
  ]);
  await auditStaffRead(deps, ctx, { action: 'staff.viewed_marketing', subjectId, detail: { entries: events.length } });
  const state = currentPreferences(ctx.tenant, events, subject.relationship.kind);
  const topicName = (id: string) => ctx.tenant.marketing.topics.find((t) => t.id === id)?.name ?? id;
  return {
    lawfulBasis: ctx.tenant.marketing.lawfulBasis,
    kindName: ctx.tenant.relationshipKinds.find((k) => k.id === (subject.relationship.kind ?? 'other'))?.name ?? 'Other',
    stoppedAllAt: state.stoppedAllAt,
    // An erased person's ledger went with the erasure and their address is on the do-not-contact
    // list: nothing is sent to them, whatever the default would have been (a user trial read "yes").
    cells: state.cells.map((c) => ({
      ...c,
      ...(subject.erasedAt ? { granted: false, since: subject.erasedAt } : {}),
      topicName: topicName(c.topic),
    })),
    history: [...events]
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
      .map((e) => ({
        at: e.at,
        channel: e.channel,
        topic: e.topic,
        granted: e.granted,
        source: e.source,
        ...(e.receivedVia ? { receivedVia: e.receivedVia } : {}),
        ...(e.actorId ? { by: e.actorId } : {}),
        ...(e.sourceDetail ? { sourceDetail: e.sourceDetail } : {}),
        wording: e.wording,
        policyVersion: e.policyVersion,
      })),
    systems: marketingSystemsView(ctx.tenant, runs),
  };
}

/**
 * A choice the person gave staff by phone, letter, email or in person: one channel and topic, one
 * channel for every topic, one topic by every channel, or "stop all". Each cell it changes goes on
 * the consent ledger with its source (`staff`, who, and how it came), audited. Switching
 * something on after "stop all" is their new opt-in, as on their own page.
 */
export async function recordMarketingChoice(
  deps: Deps,
  ctx: StaffContext,
  subjectId: string,
  input: RecordMarketingChoice,
): Promise<StaffMarketingView> {
  await requirePermission(deps, ctx, 'act', 'record-marketing-choice');
  const subject = await loadSubject(deps, ctx, subjectId);
  if (subject.erasedAt) throw new DomainError('gone', 'This person was erased: there is no one to record a choice for.');
  const { marketing } = ctx.tenant;
  const who = { source: 'staff' as const, actorId: ctx.member.email, receivedVia: input.receivedVia };
  if (input.channel === '*' && input.topic === '*') {
    if (input.granted)
      throw new DomainError('bad_request', 'Record a “yes” for a channel or a topic they asked for, not for everything.');
    await stopAllMarketing(deps, { tenant: ctx.tenant, subjectId, ...who });
    return staffMarketingView(deps, ctx, subjectId);
  }
  // One channel for every topic ("no more calls"), one topic by every channel, or one of each.
  const channels = input.channel === '*' ? marketing.channels : [input.channel];
  const topics = input.topic === '*' ? marketing.topics.map((t) => t.id) : [input.topic];
  const changes = channels.flatMap((channel) => topics.map((topic) => ({ channel, topic, granted: input.granted })));
  await setPreferences(deps, { tenant: ctx.tenant, subjectId, changes, ...who });
  return staffMarketingView(deps, ctx, subjectId);
}
