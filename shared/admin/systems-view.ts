import type { CorrectionView, SystemsProgress, SystemsView, SystemView } from '../admin-api/systems.ts';
import type { Deps } from '../deps.ts';
import type { RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { correctionOf } from '../systems/correction.ts';
import { correctionPreview } from '../systems/correction-preview.ts';
import { systemsOrNone } from '../systems/declared.ts';
import type { SystemResult } from '../systems/outcome.ts';
import { describeOutcome, resolvedInWords } from '../systems/outcome.ts';
import type { SystemRun } from '../systems/ports.ts';
import type { StaffContext } from './context.ts';

/** The one-line text of an outcome on the page: a resolution's note is shown beside it, with who and when. */
const textOf = (outcome: SystemResult['outcome'], operation: SystemResult['step']['operation']) =>
  outcome.state === 'resolved'
    ? `Resolved by a handler: ${resolvedInWords(outcome.resolution)}`
    : describeOutcome(outcome, operation);

/** One system's outcome as staff see it (no records: counts per kind of object). */
export function systemView(result: SystemResult, nameOf: (email: string) => string): SystemView {
  const { step, outcome } = result;
  const base = {
    systemId: step.systemId,
    systemName: step.systemName,
    operation: step.operation,
    automatic: step.automatic,
    state: outcome.state,
    text: textOf(outcome, step.operation),
  };
  switch (outcome.state) {
    case 'pending':
      return { ...base, ...(outcome.attempts ? { attempts: outcome.attempts } : {}) };
    case 'searching':
      return { ...base, at: outcome.startedAt };
    case 'found': {
      const counts = new Map<string, { object: string; category: string; count: number }>();
      for (const r of outcome.records) {
        const entry = counts.get(r.object) ?? { object: r.object, category: r.category, count: 0 };
        entry.count++;
        counts.set(r.object, entry);
      }
      return { ...base, at: outcome.at, ...(counts.size ? { objects: [...counts.values()] } : {}) };
    }
    case 'not-found':
    case 'done':
      return { ...base, at: outcome.at };
    case 'failed':
      return { ...base, at: outcome.at, reason: outcome.reason, retryable: outcome.retryable, attempts: outcome.attempts };
    case 'waiting-for-handler':
      return {
        ...base,
        handler: outcome.handlerName ?? (outcome.role === 'admin' ? 'an administrator' : 'a handler'),
        instructions: outcome.instructions,
        dueAt: outcome.dueAt,
      };
    case 'resolved':
      return { ...base, at: outcome.resolution.at, resolution: { ...outcome.resolution, by: nameOf(outcome.resolution.by) } };
  }
}

/** A rectification's correction across the tenant's systems (preview, then outcome); undefined when it names no field or no system holds it. */
export function correctionView(
  tenant: TenantConfig,
  request: Pick<RightsRequest, 'kind' | 'details'>,
  run: SystemRun | undefined,
): CorrectionView | undefined {
  const correction = correctionOf(request);
  // Declarations that no longer pass preview nothing: the actions say why (actions/systems.ts).
  const systems = correction ? systemsOrNone(tenant, () => {}) : [];
  if (!correction || systems.length === 0) return undefined;
  const view = correctionPreview(systems, correction, run);
  return view.lines.length > 0 ? view : undefined;
}

/** The request's run for the staff page, with why it holds up completion (if it does). */
export function systemsView(
  run: SystemRun | undefined,
  blocked: string | undefined,
  nameOf: (email: string) => string,
  correction?: CorrectionView,
): SystemsView {
  if (!run) return null;
  return {
    operation: run.operation,
    requestedAt: run.requestedAt,
    updatedAt: run.updatedAt,
    running: run.results.some((r) => r.outcome.state === 'pending' || r.outcome.state === 'searching'),
    results: run.results.map((r) => systemView(r, nameOf)),
    ...(run.searched ? { searched: run.searched.map((r) => systemView(r, nameOf)) } : {}),
    ...(blocked ? { blocked } : {}),
    ...(correction ? { correction } : {}),
  };
}

/**
 * The progress of a request's systems, for the page to poll: states and one-line texts only (no
 * records, no handler's notes), so it is not an audited read of the person's data.
 */
export async function systemsProgress(
  deps: Pick<Deps, 'requests' | 'systemRuns'>,
  ctx: StaffContext,
  ids: { subjectId: string; requestId: string },
): Promise<SystemsProgress> {
  const slug = ctx.tenant.slug;
  const [request, run] = await Promise.all([
    deps.requests.get(slug, ids.subjectId, ids.requestId),
    deps.systemRuns.get(slug, ids.subjectId, ids.requestId),
  ]);
  if (!request) throw new DomainError('not_found', 'That request does not exist in this privacy centre.');
  return {
    running: Boolean(run?.results.some((r) => r.outcome.state === 'pending' || r.outcome.state === 'searching')),
    updatedAt: run?.updatedAt ?? null,
    results: (run?.results ?? []).map(({ step, outcome }) => ({
      systemId: step.systemId,
      systemName: step.systemName,
      state: outcome.state,
      text: textOf(outcome, step.operation),
    })),
  };
}
