import { REMOVED } from '../fulfilment/redact-request.ts';
import type { RecordOutcome } from './connector.ts';
import type { ResolutionReason, SystemOutcome, SystemResult } from './outcome.ts';
import type { SystemRun } from './ports.ts';

export { foundPerCategory, outcomeAt } from './found.ts';

/**
 * Plain-words facts about a run through the connected systems, shared by what the person and the
 * evidence are told: the export's cover note, the erasure letter, the evidence pack and "your
 * data". Nothing here holds a record's contents or the identity searched with.
 */

/** Outcomes that mean the system answered, or a handler recorded what happened there. */
const settled = new Set<SystemOutcome['state']>(['found', 'not-found', 'done', 'resolved']);

/** A search is complete only when every system in it is settled; otherwise it is partial. */
export const runComplete = (results: readonly SystemResult[]) => results.every((r) => settled.has(r.outcome.state));

/**
 * Whether the system was really searched: it answered, or a handler searched it by hand (or
 * checked it holds nothing). A system left as unreachable, or under a hold, was not searched.
 */
export function wasSearched(outcome: SystemOutcome): boolean {
  if (outcome.state === 'resolved') return ['done-by-hand', 'not-held'].includes(outcome.resolution.reason);
  return outcome.state === 'found' || outcome.state === 'not-found' || outcome.state === 'done';
}

/** What an erasure did in one system, counted by kind of object. */
export interface ErasureTally {
  erased: { object: string; count: number }[];
  anonymised: { object: string; count: number; fields: string[] }[];
  kept: { object: string; count: number; retention: string; reason: string }[];
  absent: { object: string; count: number }[];
}

/** What an erasure did, counted; a correction's outcomes are not counted here (see tallyCorrection). */
export function tallyErasure(records: readonly RecordOutcome[]): ErasureTally {
  const tally: ErasureTally = { erased: [], anonymised: [], kept: [], absent: [] };
  for (const r of records) {
    if (r.result === 'corrected' || r.result === 'unchanged') continue;
    if (r.result === 'erased' || r.result === 'absent') {
      const list = tally[r.result];
      const entry = list.find((e) => e.object === r.object);
      if (entry) entry.count++;
      else list.push({ object: r.object, count: 1 });
    } else if (r.result === 'anonymised') {
      const entry = tally.anonymised.find((e) => e.object === r.object);
      if (entry) {
        entry.count++;
        for (const f of r.fields) if (!entry.fields.includes(f)) entry.fields.push(f);
      } else tally.anonymised.push({ object: r.object, count: 1, fields: [...r.fields] });
    } else if (r.result === 'kept') {
      const entry = tally.kept.find((e) => e.object === r.object && e.retention === r.retention && e.reason === r.reason);
      if (entry) entry.count++;
      else tally.kept.push({ object: r.object, count: 1, retention: r.retention, reason: r.reason });
    }
  }
  return tally;
}

/** Each kind of object a connector returns, in words: singular, plural. */
const objectWords: Record<string, [string, string]> = {
  user: ['user account', 'user accounts'],
  'group-membership': ['group membership', 'group memberships'],
  contact: ['contact record', 'contact records'],
  ticket: ['ticket', 'tickets'],
  'ticket-note': ['ticket note', 'ticket notes'],
  action: ['ticket action', 'ticket actions'],
  records: ['record', 'records'],
};

/** "2 tickets", "1 contact record". */
export function countOf(object: string, count: number): string {
  const [one, many] = objectWords[object] ?? [`${object} record`, `${object} records`];
  return `${count} ${count === 1 ? one : many}`;
}

/** Vendor field names as a person reads them ("emailaddress" → "email address"). */
const fieldWords: Record<string, string> = {
  firstName: 'first name',
  firstname: 'first name',
  lastName: 'last name',
  surname: 'surname',
  name: 'name',
  emailAddress: 'email address',
  emailAddress2: 'second email address',
  emailAddress3: 'third email address',
  emailaddress: 'email address',
  phone: 'phone number',
  phonenumber: 'phone number',
  mobilePhone: 'mobile number',
  mobilenumber: 'mobile number',
  alternatePhone: 'other phone number',
  homenumber: 'home phone number',
  title: 'job title',
  addressLine: 'address',
  addressLine1: 'address',
  city: 'town',
  zipCode: 'postcode',
  note: 'notes',
  notes: 'notes',
  // Xero's contact fields.
  Name: 'name',
  FirstName: 'first name',
  LastName: 'last name',
  EmailAddress: 'email address',
  AccountNumber: 'account number',
  Website: 'website',
};

/**
 * Parts of one account joined with "; ", except that a part ending a sentence (a kept reason the
 * policy words as one) starts the next afresh, capitalised: never "….; we kept".
 */
export const joinParts = (parts: readonly string[]) =>
  parts.reduce((so, part) => (/[.!?]$/.test(so) ? `${so} ${part.charAt(0).toUpperCase()}${part.slice(1)}` : `${so}; ${part}`));

/** A field's label after "your": "Job title" → "your job title", "Your role" → "your role", "VAT number" stays. */
export function yourField(label: string): string {
  const own = label.replace(/^your\s+/i, '');
  return `your ${/^[A-Z][a-z]/.test(own) ? `${own.charAt(0).toLowerCase()}${own.slice(1)}` : own}`;
}

export const fieldsInWords = (fields: readonly string[]) => [...new Set(fields.map((f) => fieldWords[f] ?? f))].join(', ');

/** Why a handler let a system stand, in words for the person and the evidence. */
export const resolutionWords: Record<ResolutionReason, string> = {
  'legal-hold': 'kept under a legal hold',
  'retention-obligation': 'kept because the law requires us to keep it',
  unreachable: 'the system could not be reached, so nothing was done there automatically',
  'done-by-hand': 'done by hand by our staff',
  'not-held': 'checked by our staff: nothing about you is held there',
};

/** Whether a handler's words are on this result (a resolution with a note not yet removed; an empty one stays empty). */
const hasNote = (r: SystemResult) =>
  r.outcome.state === 'resolved' && r.outcome.resolution.note !== '' && r.outcome.resolution.note !== REMOVED;

/** The result with a handler's note replaced by "[removed on erasure]". */
const withoutNote = (r: SystemResult): SystemResult =>
  hasNote(r) && r.outcome.state === 'resolved'
    ? { step: r.step, outcome: { ...r.outcome, resolution: { ...r.outcome.resolution, note: REMOVED } } }
    : r;

/** A correction's outcome without the values: which field of which record changed, not from what to what. */
const withoutValues = (record: RecordOutcome): RecordOutcome =>
  record.result === 'corrected'
    ? { ...record, changes: record.changes.map((c) => ({ field: c.field, from: null, to: '' })) }
    : record;

/**
 * The run as kept after the person's data is erased: what each system held is counted, never
 * kept (found records lose their contents, a correction its old and new values, a handler's note
 * its words, as everything staff wrote about the person does), so the s.78 record of the search
 * survives without the personal data it found: where, when, by whom, why and how many.
 * `keepNotes`: the erasure's own run, whose notes its letter quotes (kept as the answer sent).
 */
export function withoutContents(run: SystemRun, keepNotes = false): SystemRun {
  const { correction, searched, ...rest } = run;
  return {
    ...rest,
    ...(correction ? { correction: { ...correction, value: '' } } : {}),
    // The search a run replaced: its notes are never in the letter, so they go whatever `keepNotes` says.
    ...(searched ? { searched: searched.map(withoutNote) } : {}),
    results: run.results.map((r) => {
      if (!keepNotes && hasNote(r)) return withoutNote(r);
      if (r.outcome.state === 'done' && r.outcome.records.some((x) => x.result === 'corrected'))
        return { step: r.step, outcome: { ...r.outcome, records: r.outcome.records.map(withoutValues) } };
      return r.outcome.state === 'found' && r.outcome.records.length > 0
        ? {
            step: r.step,
            outcome: {
              ...r.outcome,
              records: r.outcome.records.map((record) => ({
                ref: record.ref,
                object: record.object,
                category: record.category,
                data: {},
              })),
            },
          }
        : r;
    }),
  };
}

/** Whether the run still holds what a system found about the person, a correction's values or a handler's note (in its results unless `keepNotes`). */
export const holdsContents = (run: SystemRun, keepNotes = false) =>
  Boolean(run.correction?.value) ||
  (run.searched ?? []).some(hasNote) ||
  run.results.some(
    (r) =>
      (r.outcome.state === 'found' && r.outcome.records.some((record) => Object.keys(record.data).length > 0)) ||
      (!keepNotes && hasNote(r)) ||
      (r.outcome.state === 'done' &&
        r.outcome.records.some((x) => x.result === 'corrected' && x.changes.some((c) => c.from !== null || c.to !== ''))),
  );
