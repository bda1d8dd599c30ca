import type { RightsRequest } from '../entities.ts';
import type { FieldChange, ObjectCorrection, RecordValue } from './connector.ts';
import { centreField } from './cross-checks.ts';
import type { SystemDeclaration } from './declaration.ts';

/**
 * A correction the centre accepted (a rectification applied from the request): which of the
 * centre's fields, and what it now reads. It travels to every connected system whose declaration
 * maps that field to one of its own (`objects[].fields`).
 */
export interface Correction {
  category: string;
  field: string;
  /** The field's label, as the person and staff read it. */
  label: string;
  value: string;
}

/** The correction a rectification asks for, when it names a record's field (a free-text one does not). */
export function correctionOf(request: Pick<RightsRequest, 'kind' | 'details'>): Correction | undefined {
  const d = request.details;
  if (request.kind !== 'rectification' || !d.recordId || typeof d.category !== 'string' || typeof d.field !== 'string')
    return undefined;
  const value = typeof d.value === 'string' ? d.value : typeof d.proposedValue === 'string' ? d.proposedValue : undefined;
  if (value === undefined) return undefined;
  return { category: d.category, field: d.field, label: String(d.fieldLabel ?? d.field), value };
}

/** Which of the system's kinds of object hold the corrected field, under which of its own field names. */
export function correctionsFor(system: SystemDeclaration, correction: Pick<Correction, 'category' | 'field' | 'value'>) {
  const out: ObjectCorrection[] = [];
  for (const mapping of system.objects) {
    const fields: Record<string, string> = {};
    for (const [key, own] of Object.entries(mapping.fields ?? {})) {
      const { category, field } = centreField(key, mapping.category);
      if (category === correction.category && field === correction.field) fields[own] = correction.value;
    }
    if (Object.keys(fields).length > 0) out.push({ object: mapping.object, fields });
  }
  return out;
}

/** The systems whose declaration says they hold the corrected field. */
export const systemsHolding = (systems: readonly SystemDeclaration[], correction: Correction) =>
  systems.filter((s) => correctionsFor(s, correction).length > 0);

/** Whether a value the system holds already reads the corrected one (surrounding spaces aside). */
export const alreadyReads = (held: RecordValue | undefined, value: string) => String(held ?? '').trim() === value.trim();

/** The fields of a record a correction changes (those not reading the new value already), with what they read. */
export function changesFor(held: Record<string, unknown>, fields: Record<string, string>): FieldChange[] {
  return Object.entries(fields)
    .filter(([field, value]) => !alreadyReads(held[field] as RecordValue | undefined, value))
    .map(([field, to]) => {
      const from = held[field];
      return {
        field,
        from: from === undefined || typeof from === 'object' ? ((from ?? null) as null) : (from as RecordValue),
        to,
      };
    });
}
