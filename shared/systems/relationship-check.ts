import type { TenantConfig } from '../policy/schema.ts';
import type { SubjectStore } from '../ports.ts';
import { SystemCallError } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { systemsOrNone } from './declared.ts';
import { endRelationshipFrom, type RelationshipEndDeps, saysInactive } from './relationship-end.ts';
import type { SystemsWorkerDeps } from './worker.ts';

export interface RelationshipCheckDeps extends RelationshipEndDeps, Pick<SystemsWorkerDeps, 'connectorFor' | 'log'> {
  subjects: Pick<SubjectStore, 'get' | 'setRelationship' | 'listIds'>;
}

export interface RelationshipCheckResult {
  tenant: string;
  systemId: string;
  /** People whose relationship was still open and who were looked up there. */
  checked: number;
  ended: number;
  /** Set when the system could not be reached or refused: the rest of its people wait for the next check. */
  stoppedBy?: string;
}

const declaresEnds = (s: SystemDeclaration) =>
  s.kind !== 'manual' && s.endsRelationship === true && s.may.includes('find') && s.may.includes('read');

/**
 * For each system a tenant declares to end relationships (a PSA), looks up every person whose
 * relationship with the organisation is still open and ends it where the system holds them only
 * as inactive, so "so long after the relationship ends" retention starts without a handler
 * remembering to record it. Read-only towards the system. A system that fails is left for the
 * next check (one failing never holds up another); ids and counts only are logged.
 */
export async function checkRelationshipEnds(
  deps: RelationshipCheckDeps,
  tenant: TenantConfig,
): Promise<RelationshipCheckResult[]> {
  // A tenant whose declarations no longer pass is skipped (and logged): the check of the others goes on.
  const skipped = () =>
    deps.log?.({ event: 'relationship-check-skipped', tenant: tenant.slug, reason: 'systems declarations invalid' });
  const systems = systemsOrNone(tenant, skipped).filter(declaresEnds);
  if (systems.length === 0) return [];
  const open: { id: string; email: string }[] = [];
  for (const id of await deps.subjects.listIds(tenant.slug)) {
    const subject = await deps.subjects.get(tenant.slug, id);
    if (subject?.email && !subject.erasedAt && !subject.relationship.endedOn) open.push({ id, email: subject.email });
  }
  const results: RelationshipCheckResult[] = [];
  for (const system of systems) {
    const result: RelationshipCheckResult = { tenant: tenant.slug, systemId: system.id, checked: 0, ended: 0 };
    const connector = deps.connectorFor(tenant.slug, system);
    for (const person of open) {
      try {
        const found = await connector.find({ kind: 'email', value: person.email });
        if (found.length === 0) continue;
        result.checked++;
        const records = (await Promise.all(found.map((p) => connector.read(p)))).flat();
        if (
          saysInactive(system, records) &&
          (await endRelationshipFrom(deps, { tenant: tenant.slug, subjectId: person.id }, system))
        )
          result.ended++;
      } catch (error) {
        result.stoppedBy = error instanceof SystemCallError ? error.message : 'an unexpected error';
        break;
      }
    }
    deps.log?.({
      event: 'relationship-check',
      tenant: tenant.slug,
      systemId: system.id,
      checked: result.checked,
      ended: result.ended,
      stopped: Boolean(result.stoppedBy),
    });
    results.push(result);
  }
  return results;
}
