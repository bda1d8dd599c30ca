import type { LegalHold } from '../entities.ts';

/**
 * What the person is told about a held record when staff give no wording of their own: true of
 * every hold, and it names no claim, investigation or person (no tipping-off).
 */
export const HOLD_PERSON_WORDING =
  'We must keep this record for a legal reason. We will delete it once that reason no longer applies.';

/** The words the person sees about a hold: staff's person-facing wording, never the internal reason. */
export const holdWording = (hold: LegalHold) => hold.personWording ?? HOLD_PERSON_WORDING;
