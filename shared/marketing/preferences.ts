import { newId } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { ConsentEvent, ConsentSource } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { pushEffects, scopeOfEvents } from '../systems/marketing-push.ts';
import type { RelationshipKind } from '../vocabulary.ts';
import { defaultGranted, softOptInHolds } from './defaults.ts';
import { STOP_ALL_WORDING } from './stop-wording.ts';
import { suppressionHashes, suppressionLookups } from './suppression-keys.ts';

/** The policy category that holds marketing choices (the consent ledger). */
export const CONSENT_CATEGORY = 'marketing-preferences';

export interface PreferenceCell {
  channel: string;
  topic: string;
  granted: boolean;
  /** When this cell was last decided; null while it holds the tenant's default. */
  since: string | null;
}

export interface MarketingState {
  cells: PreferenceCell[];
  /** Set while "stop all marketing" stands. */
  stoppedAllAt: string | null;
}

const ALL = '*';

/**
 * Folds the ledger into the current choices. With no decision yet a cell holds the tenant's
 * default for who the person is (`defaultGranted`: the PECR soft opt-in for customers, by
 * electronic mail, for similar products; off otherwise). A ledger entry claiming the soft opt-in
 * where it cannot apply (an applicant, a post topic) switches nothing on. "Stop all" turns every
 * cell off; a later explicit "on" is the subject's own new choice.
 */
export function currentPreferences(config: TenantConfig, events: ConsentEvent[], kind?: RelationshipKind): MarketingState {
  const cells = new Map<string, PreferenceCell>();
  for (const topic of config.marketing.topics) {
    for (const channel of config.marketing.channels) {
      const granted = defaultGranted(config, kind, channel, topic.id);
      cells.set(`${channel}|${topic.id}`, { channel, topic: topic.id, granted, since: null });
    }
  }
  let stoppedAllAt: string | null = null;
  for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))) {
    if (event.channel === ALL && event.topic === ALL) {
      if (!event.granted) {
        stoppedAllAt = event.at;
        for (const cell of cells.values()) Object.assign(cell, { granted: false, since: event.at });
      }
      continue;
    }
    const cell = cells.get(`${event.channel}|${event.topic}`);
    if (!cell) continue; // a topic or channel the tenant no longer offers
    if (event.granted && event.source === 'soft-opt-in' && !softOptInHolds(config, kind, event.channel, event.topic)) continue;
    Object.assign(cell, { granted: event.granted, since: event.at });
    if (event.granted) stoppedAllAt = null;
  }
  return { cells: [...cells.values()], stoppedAllAt };
}

export { suppressionHashes, suppressionLookups } from './suppression-keys.ts';

export interface PreferenceChange {
  channel: string;
  topic: string;
  granted: boolean;
}

export function consentEvent(
  config: TenantConfig,
  at: string,
  change: PreferenceChange,
  source: ConsentSource,
  actorId?: string,
  receivedVia?: ConsentEvent['receivedVia'],
  sourceDetail?: string,
): ConsentEvent {
  return {
    id: newId(),
    at,
    channel: change.channel,
    topic: change.topic,
    granted: change.granted,
    wording: config.marketing.wording,
    policyVersion: config.policyVersion,
    lawfulBasis: config.marketing.lawfulBasis,
    source,
    ...(actorId ? { actorId } : {}),
    ...(receivedVia ? { receivedVia } : {}),
    ...(sourceDetail ? { sourceDetail } : {}),
  };
}

async function subjectAndIdentity(deps: Deps, tenant: string, subjectId: string) {
  const [subject, records] = await Promise.all([
    deps.subjects.get(tenant, subjectId),
    deps.subjects.listRecords(tenant, subjectId),
  ]);
  if (!subject) throw new DomainError('not_found', 'That person is not known here.');
  return { subject, identity: records.find((r) => r.category === 'identity') };
}

/**
 * Records the subject's choices: one consent event per cell that actually changes. Switching
 * anything on after "stop all" is their own new opt-in and lifts the suppression.
 */
export async function setPreferences(
  deps: Deps,
  input: {
    tenant: TenantConfig;
    subjectId: string;
    changes: PreferenceChange[];
    source: ConsentSource;
    actorId?: string;
    receivedVia?: ConsentEvent['receivedVia'];
    /** Where a `connected-system` choice was made. */
    sourceDetail?: string;
    /**
     * The marketing wording the person was shown when they chose (the portal's page sends it).
     * Each event records the centre's wording as what they were shown, so a choice made on a page
     * opened before the wording changed is refused, with nothing saved, instead of recorded
     * against words they never read.
     */
    shownWording?: string;
  },
): Promise<MarketingState> {
  const { tenant, subjectId } = input;
  if (input.shownWording !== undefined && input.shownWording !== tenant.marketing.wording) {
    throw new DomainError(
      'conflict',
      'Our marketing wording changed after this page was opened, so nothing was saved. Reload the page to read it, then choose again.',
    );
  }
  for (const change of input.changes) {
    const offered =
      tenant.marketing.channels.includes(change.channel as never) && tenant.marketing.topics.some((t) => t.id === change.topic);
    if (!offered) throw new DomainError('bad_request', `${tenant.name} does not send ${change.topic} by ${change.channel}.`);
  }
  const [events, subject] = await Promise.all([
    deps.consents.list(tenant.slug, subjectId),
    deps.subjects.get(tenant.slug, subjectId),
  ]);
  const kind = subject?.relationship.kind;
  const state = currentPreferences(tenant, events, kind);
  const at = deps.clock.now().toISOString();
  const changed = input.changes.filter((c) => {
    const cell = state.cells.find((x) => x.channel === c.channel && x.topic === c.topic);
    return cell && (cell.granted !== c.granted || cell.since === null);
  });
  const fresh = changed.map((c) =>
    consentEvent(tenant, at, c, input.source, input.actorId, input.receivedVia, input.sourceDetail),
  );
  if (fresh.length === 0) return state;
  const actor =
    input.source === 'staff' && input.actorId
      ? ({ type: 'staff', id: input.actorId } as const)
      : ({ type: 'subject', id: subjectId } as const);
  const audit = fresh.map((e) => ({
    action: e.granted ? 'marketing.granted' : 'marketing.withdrawn',
    actor,
    subjectId,
    detail: { channel: e.channel, topic: e.topic, source: e.source, ...(e.receivedVia ? { receivedVia: e.receivedVia } : {}) },
  }));
  // Topics turned off by email reach the marketing systems' lists that carry them (marketing-push.ts).
  const push = pushEffects({ tenant, subjectId, scope: scopeOfEvents(fresh), now: at, by: input.actorId ?? subjectId });
  await deps.consents.append(tenant.slug, subjectId, fresh, { audit, ...push });
  if (state.stoppedAllAt && fresh.some((e) => e.granted)) {
    const { subject, identity } = await subjectAndIdentity(deps, tenant.slug, subjectId);
    await deps.suppressions.remove(
      tenant.slug,
      suppressionLookups(deps.settings.hashKeys, tenant.slug, subject.email, identity).flat(),
      {
        audit: [{ action: 'marketing.suppression_lifted', actor, subjectId, detail: { reason: 'the subject opted in again' } }],
      },
    );
  }
  return currentPreferences(tenant, [...events, ...fresh], kind);
}

/**
 * "Stop all marketing": an objection to direct marketing, absolute and immediate. Every channel
 * and topic is withdrawn and the subject's addresses join the suppression list (as keyed hashes).
 */
export async function stopAllMarketing(
  deps: Deps,
  input: {
    tenant: TenantConfig;
    subjectId: string;
    source: ConsentSource;
    actorId?: string;
    receivedVia?: ConsentEvent['receivedVia'];
    /** What the person was shown when they objected (default: the marketing page's "stop all" words). */
    wording?: string;
  },
): Promise<MarketingState> {
  const { tenant, subjectId } = input;
  const { subject, identity } = await subjectAndIdentity(deps, tenant.slug, subjectId);
  const events = await deps.consents.list(tenant.slug, subjectId);
  const standing = currentPreferences(tenant, events, subject.relationship.kind);
  const hashes = suppressionHashes(deps.settings.hashKeys, tenant.slug, subject.email, identity);
  if (standing.stoppedAllAt) {
    // Already stopped: make sure the suppression is in place (a retry after a partial failure).
    await deps.suppressions.add(tenant.slug, hashes, 'objection to direct marketing', { audit: [] });
    return standing;
  }
  const event = {
    ...consentEvent(
      tenant,
      deps.clock.now().toISOString(),
      { channel: ALL, topic: ALL, granted: false },
      input.source,
      input.actorId,
      input.receivedVia,
    ),
    // The objection was made on these words, not on the consent wording of the marketing switches.
    wording: input.wording ?? STOP_ALL_WORDING,
  };
  const actor =
    input.source === 'staff' && input.actorId
      ? ({ type: 'staff', id: input.actorId } as const)
      : ({ type: 'subject', id: subjectId } as const);
  await deps.consents.append(tenant.slug, subjectId, [event], {
    audit: [
      {
        action: 'marketing.stopped_all',
        actor,
        subjectId,
        detail: { source: input.source, ...(input.receivedVia ? { receivedVia: input.receivedVia } : {}) },
      },
    ],
    // Every marketing system is told, in the background (marketing-push.ts).
    ...pushEffects({ tenant, subjectId, scope: { everywhere: true }, now: event.at, by: input.actorId ?? subjectId }),
  });
  await deps.suppressions.add(
    tenant.slug,
    suppressionHashes(deps.settings.hashKeys, tenant.slug, subject.email, identity),
    'objection to direct marketing',
    {
      audit: [{ action: 'marketing.suppressed', actor, subjectId }],
    },
  );
  return currentPreferences(tenant, [...events, event], subject.relationship.kind);
}

export type SendVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'not-offered' | 'unknown-subject' | 'suppressed' | 'no-consent' | 'restricted' | 'objected' };

/**
 * May we send marketing on this channel and topic to this subject now? The one question every
 * sender asks: the tenant offers it, the address is not suppressed, and the subject's current
 * choice (consent, or legitimate interests not objected to) allows it.
 */
export async function mayWeSend(
  deps: Deps,
  input: { tenant: TenantConfig; subjectId: string; channel: string; topic: string },
): Promise<SendVerdict> {
  const { tenant } = input;
  if (!tenant.marketing.channels.includes(input.channel as never) || !tenant.marketing.topics.some((t) => t.id === input.topic)) {
    return { allowed: false, reason: 'not-offered' };
  }
  const subject = await deps.subjects.get(tenant.slug, input.subjectId);
  if (!subject || subject.erasedAt || !subject.email) return { allowed: false, reason: 'unknown-subject' };
  // Art. 18: while their data is restricted (all of it, or the marketing category) it is not used.
  const restricted = subject.restriction?.categories;
  if (restricted === '*' || restricted?.includes(CONSENT_CATEGORY)) return { allowed: false, reason: 'restricted' };
  // Art. 21: an upheld objection to the processing marketing rests on.
  if (subject.objections?.[CONSENT_CATEGORY]) return { allowed: false, reason: 'objected' };
  // Every address of the subject: an objection recorded against a phone number holds for SMS
  // and calls even if the email address has changed.
  const identity = (await deps.subjects.listRecords(tenant.slug, subject.id)).find((r) => r.category === 'identity');
  for (const lookups of suppressionLookups(deps.settings.hashKeys, tenant.slug, subject.email, identity)) {
    if (await deps.suppressions.has(tenant.slug, lookups)) return { allowed: false, reason: 'suppressed' };
  }
  const state = currentPreferences(tenant, await deps.consents.list(tenant.slug, subject.id), subject.relationship.kind);
  const cell = state.cells.find((c) => c.channel === input.channel && c.topic === input.topic);
  return cell?.granted ? { allowed: true } : { allowed: false, reason: 'no-consent' };
}
