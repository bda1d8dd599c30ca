import type { FieldErrors } from '../../../lib/portal-client.ts';
import { DIRECT_MARKETING } from '../../../lib/request-words.ts';
import type { LogRequest, RequestKind, StaffMe } from '../../lib/admin-client.ts';

/** The form so far, by field name (the ticked categories are kept apart, as a list). */
export type Draft = Record<string, string>;

/** A category of the centre's policy, as StaffMe lists them. */
export type Category = StaffMe['tenant']['categories'][number];

const hasNote = (kind: string) => kind !== 'objection' && kind !== 'automated-decision';

/** The kinds that cover everything or only some kinds of data. */
export const hasScope = (kind: string) =>
  kind === 'access' || kind === 'erasure' || kind === 'restriction' || kind === 'portability';

/** What a request of this kind can cover: portability only the data the person gave us themselves (Art. 20). */
export const coverable = (kind: string, policy: Category[]): Category[] =>
  !hasScope(kind) ? [] : kind === 'portability' ? policy.filter((c) => c.providedBySubject) : policy;

/** The uses of data a person can object to besides direct marketing: those based on legitimate interests or a public task (Art. 21(1)). */
export const objectable = (policy: Category[]): Category[] =>
  policy.filter((c) => c.lawfulBasis === 'legitimate-interests' || c.lawfulBasis === 'public-task');

/**
 * The scope question of a kind: the categories it offers, and the ticked ones among them (a
 * category ticked for access stays out of a portability request that cannot cover it).
 */
export interface Scope {
  offered: Category[];
  chosen: string[];
  /** Single records may be chosen: an erasure for someone the centre holds (the person's form offers the same). */
  byRecord: boolean;
  /** The records ticked, when `byRecord`. */
  records: string[];
}
export function scopeOf(kind: string, policy: Category[], ticked: string[], held = false, picked: string[] = []): Scope {
  const offered = coverable(kind, policy);
  const byRecord = kind === 'erasure' && held && offered.length > 0;
  return {
    offered,
    chosen: offered.filter((c) => ticked.includes(c.id)).map((c) => c.id),
    byRecord,
    records: byRecord ? picked : [],
  };
}

/** The draft's scope value for "only some records" (sent as scope `some` with `recordIds`). */
export const RECORDS = 'records';

/** Whether the form asks "everything or only some" (not when the kind can cover no category here). */
const asksScope = (kind: string, scope: Scope) => hasScope(kind) && scope.offered.length > 0;

/** The checks the server makes, so that every problem shows at once; the server still decides. */
export function problemsOf(d: Draft, scope: Scope, today: string): FieldErrors {
  const v = (name: string) => d[name]?.trim() ?? '';
  const problems: FieldErrors = [];
  const need = (ok: unknown, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  need(v('kind'), 'kind', 'Choose what they asked for');
  if (asksScope(v('kind'), scope)) {
    // "Only some records" left over from an erasure does not answer another kind's question.
    need(v('scope') && (v('scope') !== RECORDS || scope.byRecord), 'scope', 'Choose everything or only some kinds of data');
    need(v('scope') !== 'some' || scope.chosen.length > 0, 'categories', 'Choose at least one kind of data');
    need(v('scope') !== RECORDS || !scope.byRecord || scope.records.length > 0, 'recordIds', 'Choose at least one record');
  }
  if (v('kind') === 'restriction') need(v('reason'), 'reason', 'Choose why they want their data restricted');
  if (v('kind') === 'rectification') {
    need(v('field'), 'field', 'Say which information they say is wrong');
    need(v('value'), 'value', 'Say what they say it should be');
  }
  if (v('kind') === 'objection') {
    need(v('processing'), 'processing', 'Choose which use of their data they object to');
    need(v('processing') === DIRECT_MARKETING || v('reason'), 'reason', 'Give their reasons: they must be weighed against ours');
  }
  if (v('kind') === 'automated-decision') {
    need(v('decision'), 'decision', 'Say which decision it is about');
    need(v('question'), 'question', 'Say what they want to know');
  }
  need(v('via'), 'via', 'Choose how the request reached you');
  need(/^\d{4}-\d{2}-\d{2}$/.test(v('receivedOn')), 'receivedOn', 'Give the date the request was received');
  need(v('receivedOn') <= today, 'receivedOn', 'The date received cannot be in the future');
  return problems;
}

/** The request as the API takes it: only the fields its kind has, and nothing empty. */
export function requestOf(d: Draft, scope: Scope): LogRequest['request'] {
  const v = (name: string) => d[name]?.trim() || undefined;
  const note = hasNote(d.kind ?? '') ? v('note') : undefined;
  const kind = d.kind as RequestKind;
  const some = asksScope(kind, scope) && v('scope') === 'some';
  const covers = some ? { scope: 'some' as const, categories: scope.chosen } : { scope: 'everything' as const };
  if (kind === 'erasure' && scope.byRecord && v('scope') === RECORDS)
    return { kind, scope: 'some', recordIds: scope.records, note };
  switch (kind) {
    case 'access':
    case 'erasure':
    case 'portability':
      return { kind, ...covers, note };
    case 'restriction':
      return { kind, ...covers, reason: v('reason') as 'accuracy', note };
    case 'rectification':
      return { kind, field: v('field') ?? '', value: v('value') ?? '', note };
    case 'objection':
      return { kind, processing: v('processing') ?? '', reason: v('reason') };
    case 'automated-decision':
      return { kind, decision: v('decision') ?? '', question: v('question') ?? '' };
  }
}

/** A server error's field (`request.categories`, `categories.0`, `note`, `request.note`) as this form names it. */
export function fieldOf(field: string): string {
  if (field === 'note') return 'recordNote';
  return field.replace(/^request\./, '').split('.')[0] ?? field;
}

export { hasNote };
