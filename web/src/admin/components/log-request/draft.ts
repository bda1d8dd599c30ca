import type { FieldErrors } from '../../../lib/api.ts';
import { DIRECT_MARKETING } from '../../../lib/request-words.ts';
import type { LogRequest, RequestKind } from '../../lib/api.ts';

export const OTHER_USE = 'other';

/** The form so far, by field name. */
export type Draft = Record<string, string>;

const hasNote = (kind: string) => kind !== 'objection' && kind !== 'automated-decision';

/** The checks the server makes, so that every problem shows at once; the server still decides. */
export function problemsOf(d: Draft, today: string): FieldErrors {
  const v = (name: string) => d[name]?.trim() ?? '';
  const problems: FieldErrors = [];
  const need = (ok: unknown, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  need(v('kind'), 'kind', 'Choose what they asked for');
  if (v('kind') === 'restriction') need(v('reason'), 'reason', 'Choose why they want their data restricted');
  if (v('kind') === 'rectification') {
    need(v('field'), 'field', 'Say which information they say is wrong');
    need(v('value'), 'value', 'Say what they say it should be');
  }
  if (v('kind') === 'objection') {
    need(v('processing'), 'processing', 'Choose which use of their data they object to');
    need(v('processing') !== OTHER_USE || v('processingOther'), 'processingOther', 'Give the id of the kind of data');
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
export function requestOf(d: Draft): LogRequest['request'] {
  const v = (name: string) => d[name]?.trim() || undefined;
  const note = hasNote(d.kind ?? '') ? v('note') : undefined;
  const kind = d.kind as RequestKind;
  switch (kind) {
    case 'access':
    case 'erasure':
    case 'portability':
      return { kind, scope: 'everything', note };
    case 'restriction':
      return { kind, scope: 'everything', reason: v('reason') as 'accuracy', note };
    case 'rectification':
      return { kind, field: v('field') ?? '', value: v('value') ?? '', note };
    case 'objection':
      return {
        kind,
        processing: (v('processing') === OTHER_USE ? v('processingOther') : v('processing')) ?? '',
        reason: v('reason'),
      };
    case 'automated-decision':
      return { kind, decision: v('decision') ?? '', question: v('question') ?? '' };
  }
}

/** A server error's field (`request.value`, `note`, `request.note`) as this form names it. */
export function fieldOf(field: string, d: Draft): string {
  if (field === 'note') return 'recordNote';
  const name = field.replace(/^request\./, '').split('.')[0] ?? field;
  if (name === 'processing' && d.processing === OTHER_USE) return 'processingOther';
  return name === 'scope' || name === 'categories' ? 'kind' : name;
}

export { hasNote };
