import type { Deps } from '../deps.ts';
import { CONSENT_CATEGORY, currentPreferences, setPreferences, suppressionLookups } from '../marketing/preferences.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { type Connector, type ListMember, SystemCallError } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { systemsOrNone } from './declared.ts';
import { type CentreStance, compareMember, type Finding } from './marketing-compare.ts';
import { RECONCILE_RUN } from './marketing-push.ts';
import { marketingSystems } from './marketing-systems.ts';
import type { SystemOutcome, SystemResult } from './outcome.ts';
import type { SystemRun } from './ports.ts';

export interface ReconcileDeps extends Deps {
  connectorFor(tenant: string, system: SystemDeclaration): Connector;
  log?(line: Record<string, string | number | boolean>): void;
}

export interface ReconcileSummary {
  tenant: string;
  systemId: string;
  members: number;
  unsubscribedThere: number;
  optedOutHere: number;
  mismatches: number;
  failed: number;
  /** Set when the system could not be read: nothing was compared. */
  error?: string;
}

const system = { type: 'system' } as const;

/** What the centre says about an address (see CentreStance). Reads only. */
async function stanceOf(deps: Deps, tenant: TenantConfig, email: string): Promise<CentreStance> {
  const slug = tenant.slug;
  const [lookups] = suppressionLookups(deps.settings.hashKeys, slug, email);
  const suppressed = await deps.suppressions.has(slug, lookups ?? []);
  const id = await deps.subjects.findIdByEmail(slug, email);
  const subject = id ? await deps.subjects.get(slug, id) : undefined;
  if (!subject || subject.erasedAt) return { everywhere: suppressed, email: new Map() };
  const restricted = subject.restriction?.categories;
  const state = currentPreferences(tenant, await deps.consents.list(slug, subject.id));
  return {
    subjectId: subject.id,
    everywhere:
      suppressed ||
      Boolean(state.stoppedAllAt) ||
      restricted === '*' ||
      Boolean(restricted?.includes(CONSENT_CATEGORY)) ||
      Boolean(subject.objections?.[CONSENT_CATEGORY]),
    email: new Map(state.cells.filter((c) => c.channel === 'email').map((c) => [c.topic, c])),
  };
}

const errorText = (error: unknown) => (error instanceof SystemCallError ? error.message : 'an unexpected error in the connector');

/**
 * RECONCILIATION, one marketing system of one tenant: every member of every list is compared
 * with the centre (marketing-compare.ts). Suppressed here but subscribed there: unsubscribed
 * there. Unsubscribed there (an unsubscribe link in a campaign) but subscribed here: the opt-out
 * is recorded on the person's consent ledger with its source. Each correction is audited; what
 * it did or could not settle for a person is kept on their reconciliation run, for their page.
 */
export async function reconcileSystem(
  deps: ReconcileDeps,
  tenant: TenantConfig,
  target: SystemDeclaration,
): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = {
    tenant: tenant.slug,
    systemId: target.id,
    members: 0,
    unsubscribedThere: 0,
    optedOutHere: 0,
    mismatches: 0,
    failed: 0,
  };
  const connector = deps.connectorFor(tenant.slug, target);
  const topicName = (id: string) => tenant.marketing.topics.find((t) => t.id === id)?.name ?? id;
  const stances = new Map<string, Promise<CentreStance>>();
  /** Per person: what this pass did or found in this system. */
  const perSubject = new Map<string, { done: string[]; mismatches: string[]; failures: string[] }>();
  const note = (subjectId: string | undefined) => {
    if (!subjectId) return undefined;
    const entry = perSubject.get(subjectId) ?? { done: [], mismatches: [], failures: [] };
    perSubject.set(subjectId, entry);
    return entry;
  };
  const act = async (finding: Finding, stance: CentreStance) => {
    const entry = note(stance.subjectId);
    const list = finding.member.list;
    try {
      if (finding.kind === 'mismatch') {
        summary.mismatches++;
        entry?.mismatches.push(finding.why);
        return;
      }
      if (finding.kind === 'unsubscribe-there') {
        await connector.suppress?.(finding.member.person, { everywhere: true });
        summary.unsubscribedThere++;
        entry?.done.push(finding.member.person.ref);
        await deps.audit.commit(tenant.slug, {
          audit: [
            {
              action: 'marketing.system_corrected',
              actor: system,
              ...(stance.subjectId ? { subjectId: stance.subjectId } : {}),
              detail: { systemId: target.id, list: list.id, change: 'unsubscribed there, as suppressed here' },
            },
          ],
        });
        return;
      }
      await setPreferences(deps, {
        tenant,
        subjectId: stance.subjectId!,
        changes: [{ channel: 'email', topic: finding.topic, granted: false }],
        source: 'connected-system',
        sourceDetail: `${target.name}, list “${list.name}”`,
      });
      summary.optedOutHere++;
    } catch (error) {
      summary.failed++;
      entry?.failures.push(`Could not put ${target.name}, list “${list.name}” right: ${errorText(error)}`);
    }
  };

  try {
    for await (const page of connector.listMembers?.() ?? []) {
      for (const member of page as ListMember[]) {
        summary.members++;
        const key = member.email.trim().toLowerCase();
        if (!stances.has(key)) stances.set(key, stanceOf(deps, tenant, member.email));
        const stance = await stances.get(key)!;
        const finding = compareMember(target, member, stance, topicName);
        if (finding) await act(finding, stance);
      }
    }
  } catch (error) {
    summary.error = errorText(error);
    deps.log?.({ event: 'marketing-reconcile-failed', tenant: tenant.slug, systemId: target.id, error: summary.error });
    return summary;
  }
  await recordOnPeople(deps, tenant, target, perSubject);
  deps.log?.({ event: 'marketing-reconciled', ...summary });
  return summary;
}

/** The outcome a person's reconciliation run shows for one system after this pass. */
function outcomeOf(entry: { done: string[]; mismatches: string[]; failures: string[] } | undefined, now: string): SystemOutcome {
  if (entry?.failures.length) return { state: 'failed', reason: entry.failures.join(' '), retryable: true, attempts: 1, at: now };
  if (entry?.mismatches.length)
    return {
      state: 'waiting-for-handler',
      role: 'handler',
      instructions: entry.mismatches.join(' '),
      dueAt: new Date(Date.parse(now) + 5 * 86_400_000).toISOString(),
    };
  return {
    state: 'done',
    records: (entry?.done ?? []).map((ref) => ({ ref, object: 'member', result: 'unsubscribed' as const })),
    at: now,
  };
}

/**
 * Keeps each person's reconciliation run true for this system: written for a person this pass
 * corrected or could not settle, and for one whose earlier mismatch is now gone (in step again).
 */
async function recordOnPeople(
  deps: ReconcileDeps,
  tenant: TenantConfig,
  target: SystemDeclaration,
  perSubject: Map<string, { done: string[]; mismatches: string[]; failures: string[] }>,
): Promise<void> {
  const flagged = (await deps.systemRuns.listNeedingAttention(tenant.slug))
    .filter((a) => a.requestId === RECONCILE_RUN)
    .map((a) => a.subjectId);
  const now = deps.clock.now().toISOString();
  for (const subjectId of new Set([...perSubject.keys(), ...flagged])) {
    const entry = perSubject.get(subjectId);
    const previous = await deps.systemRuns.get(tenant.slug, subjectId, RECONCILE_RUN);
    const before = previous?.results.find((r) => r.step.systemId === target.id);
    // Someone in step now and before, or never flagged for this system: nothing to write.
    if (!entry && (!before || before.outcome.state === 'done')) continue;
    const result: SystemResult = {
      step: { systemId: target.id, systemName: target.name, operation: 'suppress', identity: 'email', automatic: true },
      outcome: outcomeOf(entry, now),
    };
    const run: SystemRun = {
      tenant: tenant.slug,
      subjectId,
      requestId: RECONCILE_RUN,
      operation: 'suppress',
      results: [...(previous?.results.filter((r) => r.step.systemId !== target.id) ?? []), result],
      requestedAt: now,
      requestedBy: 'system',
      updatedAt: now,
      version: (previous?.version ?? 0) + 1,
    };
    await deps.systemRuns
      .request(run, previous?.version ?? 0, {
        audit: [
          {
            action: 'marketing.reconciled',
            actor: system,
            subjectId,
            detail: { systemId: target.id, state: result.outcome.state },
          },
        ],
      })
      .catch((error: Error) =>
        deps.log?.({ event: 'marketing-reconcile-record-failed', tenant: tenant.slug, systemId: target.id, error: error.name }),
      );
  }
}

/** Every tenant's marketing systems, one after another: the scheduled job's work. */
export async function reconcileMarketing(deps: ReconcileDeps): Promise<ReconcileSummary[]> {
  const out: ReconcileSummary[] = [];
  for (const tenant of deps.tenants.list()) {
    // A tenant whose declarations no longer pass is skipped (and logged); the others go on.
    const skipped = () =>
      deps.log?.({ event: 'marketing-reconcile-skipped', tenant: tenant.slug, reason: 'systems declarations invalid' });
    const targets = systemsOrNone(tenant, skipped).length > 0 ? marketingSystems(tenant) : [];
    for (const target of targets) out.push(await reconcileSystem(deps, tenant, target));
  }
  return out;
}
