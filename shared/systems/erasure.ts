import type { RecordErasure } from './connector.ts';
import { type ObjectMapping, objectKindsOf, type SystemDeclaration } from './declaration.ts';
import type { ErasureMode } from './kinds.ts';

/** What erasure does to one kind of object, worked out from the declaration. */
export type ObjectErasure =
  | { mode: 'delete' }
  /** `changes`: the field's new value ('' where it is blanked); `kept`: fields left as they are, with why. */
  | { mode: 'anonymise'; changes: Record<string, string>; kept: string[] }
  | { mode: 'keep'; retention: string; reason: string };

export function mappingOf(system: SystemDeclaration, object: string): ObjectMapping | undefined {
  return system.objects.find((o) => o.object === object);
}

/**
 * The erasure of one object of the system, its id standing in for `{ref}` in anonymised values
 * (so two anonymised contacts never share an address). Undeclared: deleted where the API can.
 */
export function erasureFor(system: SystemDeclaration, object: string, ref: string): ObjectErasure {
  const mapping = mappingOf(system, object);
  const erasure = mapping?.erasure;
  const modes: readonly ErasureMode[] = objectKindsOf(system)[object]?.modes ?? ['keep'];
  if (!erasure) {
    return modes.includes('delete')
      ? { mode: 'delete' }
      : {
          mode: 'keep',
          retention: mapping?.category ?? object,
          reason: 'the system cannot delete it and the declaration says nothing more',
        };
  }
  if (erasure.mode === 'keep')
    return { mode: 'keep', retention: erasure.retention ?? mapping.category, reason: erasure.reason ?? '' };
  if (erasure.mode === 'delete') return { mode: 'delete' };
  const changes: Record<string, string> = {};
  const kept: string[] = [];
  for (const [field, strategy] of Object.entries(erasure.fields)) {
    if (strategy.action === 'anonymise') changes[field] = strategy.value.replaceAll('{ref}', ref);
    else if (strategy.action === 'delete') changes[field] = '';
    else kept.push(field);
  }
  return { mode: 'anonymise', changes, kept };
}

/** The outcome line for a record kept whole. */
export const keptRecord = (ref: string, object: string, erasure: Extract<ObjectErasure, { mode: 'keep' }>): RecordErasure => ({
  ref,
  object,
  result: 'kept',
  retention: erasure.retention,
  reason: erasure.reason,
});
