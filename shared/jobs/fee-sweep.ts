import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { stepRefusal } from '../requests/lifecycle.ts';
import { saveStep } from '../requests/save-step.ts';

export interface FeeSweepResult {
  tenant: string;
  /** Requests closed because the fee asked for was not paid by the day to pay. */
  closed: number;
}

/**
 * Closes each request whose fee was not paid by the day the tenant's period ended (the day
 * after it, or later), with a letter saying so and that they may complain (here and to the
 * ICO). A request changed meanwhile (paid, say) is left for the next run.
 */
export async function feeSweep(deps: Deps, tenant: TenantConfig): Promise<FeeSweepResult> {
  const today = ukDate(deps.clock.now());
  const requests = await deps.requests.listForTenant(tenant.slug);
  let closed = 0;
  for (const request of requests) {
    if (request.status !== 'awaiting-fee' || stepRefusal(request, 'fee-unpaid', { tenant, today })) continue;
    const subject = await deps.subjects.get(tenant.slug, request.subjectId);
    try {
      await saveStep(deps, { tenant, request, to: subject?.email, action: { type: 'fee-unpaid' }, actor: { type: 'system' } });
      closed++;
    } catch (error) {
      if ((error as { code?: string }).code !== 'conflict') throw error;
    }
  }
  return { tenant: tenant.slug, closed };
}
