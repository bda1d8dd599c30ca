import type { TenantConfig } from '../../policy/schema.ts';
import type { SystemResult } from '../../systems/outcome.ts';
import type { SystemRun } from '../../systems/ports.ts';
import { planOnStart } from '../../systems/request-run.ts';
import type { RequestKind } from '../../vocabulary.ts';

/** A system that holds nothing about the person: its search found nothing, or a handler recorded so. */
const heldNothing = ({ outcome }: SystemResult) =>
  outcome.state === 'not-found' || (outcome.state === 'resolved' && outcome.resolution.reason === 'not-held');

/**
 * Whether the connected systems let "nothing held" be answered: every system the request's kind
 * searches has been searched by the request's run and held nothing. Why not (in words staff can
 * act on), or undefined; and what the search record says of them, which claims only what happened.
 */
export function nothingHeldInSystems(
  tenant: TenantConfig,
  kind: RequestKind,
  run: SystemRun | undefined,
): { refusal?: string; searched: string } {
  const planned = planOnStart(tenant, kind);
  if (!run) {
    if (planned.length === 0) return { searched: 'This centre has no connected system to search for this kind of request.' };
    return {
      refusal: `Start work on the request first: that searches its connected systems (${planned.map((s) => s.systemName).join(', ')}), and “nothing held” can be answered once each of them holds nothing.`,
      searched: '',
    };
  }
  const names = (results: SystemResult[]) => results.map((r) => r.step.systemName).join(', ');
  const holding = run.results.filter((r) => !heldNothing(r));
  if (holding.length > 0) {
    return {
      refusal: `The connected systems have not all found nothing for this request (${names(holding)}): wait for their run, record what a handler found, or answer with what they hold.`,
      searched: '',
    };
  }
  return { searched: `Connected systems searched by the request’s run, each holding nothing: ${names(run.results)}.` };
}
